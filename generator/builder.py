"""Build the site into a temporary folder and swap it in only when everything succeeded."""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import os
import shutil
from pathlib import Path
from typing import Callable, Iterator, Optional

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from . import urls
from .cache import BuildCache
from .clock import epoch_of
from .digest import digest
from .errors import Report
from .mkdocs_plugin import DisclosurePlugin, render_fingerprint
from .parallel import Forked
from .pipeline import Plan, build_pages, plan_content, write_extras
from .progress import Progress
from .publish import clean_stale, output_lock, publish
from .review import review_built, review_content
from .unchanged import Unchanged, record, take_inputs, unchanged


class BuildFailed(Exception):
    """The renderer failed after content checks passed; the old site is untouched."""


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


#: Pages per MkDocs run. MkDocs converts every page of a run before it writes any, so a run
#: holds all its pages' HTML: at 10,000 documents one run cost 650 MB, a batch of this size
#: about a sixth of that, for about 0.2 s of setup per run.
BATCH = 2000


def render_with_mkdocs(plan: Plan, site_dir: Path, config_file: Path, quiet: bool = True,
                       skip: frozenset[str] = frozenset(), done: tuple[int, int] = (0, 0),
                       progress: Optional[Progress] = None) -> None:
    """One MkDocs + Material run over the planned pages but ``skip``: the plan reaches the
    plugin through its instance in ``config.plugins``, as mkdocs' own plugins keep state."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR if quiet else logging.INFO)
    with _environment(SOURCE_DATE_EPOCH=str(epoch_of(plan.site.as_of))):
        config = load_config(str(config_file), site_dir=str(site_dir))
        plugin = config.plugins["disclosure"]
        if not isinstance(plugin, DisclosurePlugin):
            raise BuildFailed(f"{config_file}: the plugin 'disclosure' is not generator.mkdocs_plugin.DisclosurePlugin")
        plugin.hand_over(plan, skip, done, progress)
        try:
            # dirty: keep what the side job and earlier batches wrote, skip the pages marked unmodified
            mkdocs_build(config, dirty=True)
        finally:
            plugin.release()  # MkDocs keeps plugin instances between loads: leave no plan in this one


#: Fewest pages to render for which a second process helps. Profiled at 3,000 documents,
#: MkDocs and Material took 18 s of a 28 s full build on one core while the second core,
#: once the extras were written, idled; a MkDocs run costs about 0.5 s to set up.
SHARE = 200


class Batches:
    """The pages to render, cut into MkDocs runs that the build process and, once the side
    job has written the extras, a forked helper take one at a time from a counter they share
    (a page is rendered by exactly one run of one process). Two processes, never three:
    rendering gets the second core only when the extras leave it free."""

    def __init__(self, todo: list[str], everything: frozenset[str]):
        import multiprocessing
        size = min(BATCH, max(SHARE, -(-len(todo) // 6)))   # at least six runs to share out
        self.runs = [todo[start:start + size] for start in range(0, max(len(todo), 1), size)]
        self.starts = [sum(len(run) for run in self.runs[:i]) for i in range(len(self.runs))]
        self.everything, self.total = everything, len(todo)
        self.shared = len(todo) >= SHARE and "fork" in multiprocessing.get_all_start_methods()
        self.next = multiprocessing.get_context("fork").Value("i", 0) if self.shared else _Counter()

    def take(self) -> Optional[int]:
        """The index of the next run nobody has taken, or None."""
        with self.next.get_lock():
            index = self.next.value
            self.next.value += 1
        return index if index < len(self.runs) else None

    def left(self) -> int:
        with self.next.get_lock():
            return len(self.runs) - self.next.value

    def render(self, plan: Plan, folder: Path, config_file: Path, quiet: bool,
               progress: Optional[Progress], helper_may_start: Callable[[], bool] = lambda: False) -> None:
        """Render runs until none is left; start the helper when ``helper_may_start()`` says the
        second core is free and at least two runs are left."""
        helper = None
        while (index := self.take()) is not None:
            render_with_mkdocs(plan, folder, config_file, quiet, self.everything.difference(self.runs[index]),
                               (self.starts[index], self.total), progress)
            if helper is None and self.shared and self.left() >= 2 and helper_may_start():
                helper = Forked(self.render, plan, folder, config_file, quiet, None).__enter__()
        if helper is not None:
            try:
                helper.result()
            finally:
                helper.__exit__(None, None, None)


class _Counter:
    """The counter of a build with one process (too few pages to share)."""

    def __init__(self) -> None:
        self.value = 0

    @contextlib.contextmanager
    def get_lock(self) -> Iterator[None]:
        yield


def page_keys(plan: Plan, config_file: Path) -> dict[str, str]:
    """Source path -> cache key of every page whose inputs can be digested."""
    shared = render_fingerprint(plan, config_file)
    keys = {}
    for page in plan.pages:
        key = page.key
        if key is not None:
            keys[page.src_uri] = digest(shared, key)
    return keys


def _render_pages(plan: Plan, folder: Path, config_file: Path, quiet: bool, progress: Optional[Progress],
                  helper_may_start: Callable[[], bool] = lambda: False) -> None:
    """MkDocs renders the pages the cache does not hold, :data:`BATCH` at most per run, in
    this process and a helper (see :class:`Batches`); the others are kept from the spare
    folder or copied from the cache first, each checked against the digest recorded when it
    was rendered (a page that fails the check is rendered)."""
    cache = plan.cache
    keys = page_keys(plan, config_file) if cache is not None else {}
    outputs = {page.src_uri: urls.output_file(page.url) for page in plan.pages}
    reuse: set[str] = set()
    if cache is not None:  # pages the spare folder holds already (see BuildCache.take_spare)
        kept = cache.keep_spare_pages(folder, {outputs[src]: key for src, key in keys.items()})
        reuse = {src for src in keys if outputs[src] in kept}
        reuse.update(src for src, key in keys.items()
                     if src not in reuse and cache.has_page(key) and cache.copy_page(key, folder / outputs[src]))
    todo = [page.src_uri for page in plan.pages if page.src_uri not in reuse]
    everything = frozenset(page.src_uri for page in plan.pages)
    Batches(todo, everything).render(plan, folder, config_file, quiet, progress, helper_may_start)
    plan.reused = len(reuse)
    if cache is None:
        return
    for src, key in keys.items():
        target = folder / outputs[src]
        if src in reuse:
            continue
        if target.is_file():
            cache.store_page(key, str(target))
        else:
            raise BuildFailed(f"page cache: MkDocs did not write {outputs[src]}")
    plan.output_keys = {outputs[src]: key for src, key in keys.items()}


def swap_in(new: Path, output: Path, cache: Optional[BuildCache] = None) -> None:
    """Make ``new`` the site at ``output`` in one atomic step (:func:`generator.publish.publish`),
    so readers never see half a site nor none.

    With a build cache the old site becomes the cache's spare, the next build's starting
    folder (see :meth:`generator.cache.BuildCache.take_spare`)."""
    old = publish(new, output)
    if old is not None:
        if cache is not None:
            cache.discard(old)
        else:
            shutil.rmtree(old)


def render_into(plan: Plan, folder: Path, config_file: Path, quiet: bool = True,
                side_work: Optional[Callable[[Plan], list]] = None, progress: Optional[Progress] = None) -> list:
    """Render every page and the extra files (feeds, data, search, stripped images) into ``folder``.

    The writers that need only the content and the site (search index, feeds, open data),
    and ``side_work`` (the content review), run in a forked process on the second core
    while this one computes the pages, when the plan has none yet, and MkDocs renders them
    (at 10,000 documents each side takes about a minute), writing into the same folder:
    MkDocs builds in its "dirty" mode, which does not empty its output folder first.
    Returns what ``side_work`` returned.
    """
    cache = plan.cache
    if cache is None or not cache.take_spare(folder):
        folder.mkdir(parents=True)
    with Forked(_side_job, plan, folder, side_work) as job:
        if not plan.pages:
            with _phase(progress, "页面 pages"), _long_lived():
                plan.pages = build_pages(plan.site, plan.features, plan.cache)
        with _phase(progress, "渲染 render ‖ 附加文件 extras"):
            _render_pages(plan, folder, Path(config_file), quiet, progress, job.done)
            found, learnt = job.result()
            if learnt:
                cache.absorb(learnt)
    with _phase(progress, "附加文件 after render"):
        write_extras(plan, folder, after_render=True)
    if cache is not None:
        cache.drop_leftovers()
        plan.output_keys.update(cache.file_keys(folder))
    return found


def _side_job(plan: Plan, folder: Path, side_work: Optional[Callable[[Plan], list]]) -> list:
    write_extras(plan, folder, after_render=False)
    found = side_work(plan) if side_work else []
    # what this process learnt (search terms, review findings, files written) goes back to the parent
    return found, plan.cache.export("search", "search-files", "review", "plain") if plan.cache is not None else {}


def _review_problems(plan: Plan) -> list:
    """The pre-publication review (personal data, secrecy marks, ...): runs beside rendering;
    an error in it discards the rendered folder, so nothing is published."""
    return list(review_content(plan.content, plan.cache).report)


@contextlib.contextmanager
def _long_lived() -> Iterator[None]:
    """Loading and planning make objects that live as long as the build (models, pages) and
    no cyclic garbage: the collector would only walk them again and again (2-3 s of a
    10,000-document rebuild). It is off while they are made, then they are frozen out of
    its sight (``gc.freeze``); :func:`build_site` thaws them when the build ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _phase(progress: Optional[Progress], name: str):
    """Time a step when the build reports progress."""
    return progress.phase(name) if progress else contextlib.nullcontext()


def build_site(content_dir: Path, output: Path, as_of: dt.date, config_file: Path,
               display: Optional[str] = None, quiet: bool = True,
               cache_dir: Optional[Path] = None,
               progress: Optional[Progress] = None) -> tuple[Report, Optional[Plan | Unchanged]]:
    """Check everything, render into a sibling temporary folder, check it, then swap it in.

    The pre-publication review (personal data, secrecy marks, ...) runs before rendering
    and the built-output check (links, anchors, leaks, image metadata) on the temporary
    folder: an error in either leaves the previous site untouched. With ``cache_dir``
    (see :mod:`generator.cache`) a rebuild reuses what did not change; ``progress`` times
    the phases and counts the pages. Returns the report; the plan is None when nothing
    was written, and the last build's :class:`~generator.unchanged.Unchanged` outcome when
    nothing changed since it (see :mod:`generator.unchanged`: then nothing is done).
    """
    try:
        with output_lock(Path(output).absolute()):   # the whole build: two builds never interleave
            return _build_with_cache(content_dir, output, as_of, config_file, display, quiet, cache_dir, progress)
    finally:
        gc.unfreeze()  # what this build kept alive may go (``build.py serve`` builds again)


def _build_with_cache(content_dir: Path, output: Path, as_of: dt.date, config_file: Path,
                      display: Optional[str], quiet: bool,
                      cache_dir: Optional[Path],
                      progress: Optional[Progress]) -> tuple[Report, Optional[Plan | Unchanged]]:
    if cache_dir is None:
        clean_stale(Path(output).absolute(), lambda folder: shutil.rmtree(folder, ignore_errors=True))
        return _build(content_dir, output, as_of, config_file, display, quiet, None, progress)
    with BuildCache.open(cache_dir) as cache:
        clean_stale(Path(output).absolute(), cache.to_trash)   # deleted on the other core, with the trash
        with _phase(progress, "比较上次生成 compare with the last build"):
            inputs = take_inputs(Path(content_dir), output, as_of, Path(config_file), display, cache.code, cache.root)
            same = unchanged(inputs, output, cache.root) if cache.valid else None
        if same is not None:
            return same.report, same
        # (the manifest stays: a build that fails leaves the site and the cache untouched, and
        # one that takes the spare or writes the store changes what the manifest compares)
        with Forked(cache.empty_trash) as trash:  # the site the last build replaced, on the other core
            report, plan = _build(content_dir, output, as_of, config_file, display, quiet, cache, progress)
            trash.result()
        if plan is not None:
            with _phase(progress, "缓存 cache"):
                cache.save(Path(output).absolute(), plan.built_in, plan.output_keys)
                record(inputs, Unchanged(report, len(plan.pages), len(plan.site.docs)), output, cache.root)
        return report, plan


def default_cache_dir(output: Path) -> Path:
    """``site`` -> ``.site.cache`` beside it: one cache per output folder, never deployed."""
    output = Path(output).absolute()
    return output.with_name(f".{output.name}.cache")


def _build(content_dir: Path, output: Path, as_of: dt.date, config_file: Path,
           display: Optional[str], quiet: bool, cache: Optional[BuildCache],
           progress: Optional[Progress]) -> tuple[Report, Optional[Plan]]:
    with _phase(progress, "读取和检查 load+validate"), _long_lived():
        plan = plan_content(Path(content_dir), as_of, display, cache=cache)
    if not plan.report.ok:
        return plan.report, None
    shown = str(output)
    output = Path(output).absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    temp = plan.built_in = output.with_name(f".{output.name}.tmp-{os.getpid()}")
    shutil.rmtree(temp, ignore_errors=True)
    try:
        plan.report.extend(render_into(plan, temp, Path(config_file), quiet, _review_problems, progress))
        if plan.report.ok:
            with _phase(progress, "检查输出 check output"):
                plan.report.extend(review_built(plan.site, temp, shown, keys=plan.output_keys, cache=cache).report)
    except BaseException as exc:
        shutil.rmtree(temp, ignore_errors=True)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise BuildFailed(str(exc)) from exc
    if not plan.report.ok:
        shutil.rmtree(temp, ignore_errors=True)
        return plan.report, None
    with _phase(progress, "替换 swap"):
        swap_in(temp, output, cache)
    return plan.report, plan
