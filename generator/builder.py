"""Build the site into a temporary folder and swap it in only when everything succeeded."""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
from pathlib import Path
from typing import Iterator, Optional

from .clock import epoch_of
from .errors import Report
from .pipeline import Plan, plan_build


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


def render_with_mkdocs(plan: Plan, site_dir: Path, config_file: Path, quiet: bool = True) -> None:
    """Run MkDocs + Material over the planned pages (the only MkDocs call of a build)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from . import mkdocs_plugin

    logging.getLogger("mkdocs").setLevel(logging.ERROR if quiet else logging.INFO)
    mkdocs_plugin.CURRENT_PLAN = plan
    try:
        with _environment(SOURCE_DATE_EPOCH=str(epoch_of(plan.site.as_of))):
            config = load_config(str(config_file), site_dir=str(site_dir))
            mkdocs_build(config)
    finally:
        mkdocs_plugin.CURRENT_PLAN = None


def swap_in(new: Path, output: Path) -> None:
    """Replace ``output`` by ``new`` with two renames, so readers never see half a site."""
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    if output.exists():
        output.rename(old)
    new.rename(output)
    if old.exists():
        shutil.rmtree(old)


def render_into(plan: Plan, folder: Path, config_file: Path, quiet: bool = True) -> None:
    """Render every page and the extra files (feeds, data, stripped images) into ``folder``."""
    render_with_mkdocs(plan, folder, Path(config_file), quiet)
    from .extras import write_extras
    write_extras(plan, folder)


def build_site(content_dir: Path, output: Path, as_of: dt.date, config_file: Path,
               display: Optional[str] = None, quiet: bool = True) -> tuple[Report, Optional[Plan]]:
    """Check everything, render into a sibling temporary folder, check it, then swap it in.

    The pre-publication review (personal data, secrecy marks, ...) runs before rendering
    and the built-output check (links, anchors, leaks, image metadata) on the temporary
    folder: an error in either leaves the previous site untouched. Returns the report;
    the plan is None when nothing was written.
    """
    from .review import check_built, review_content
    plan = plan_build(Path(content_dir), as_of, display)
    if plan.report.ok:
        plan.report.extend(review_content(plan.content).report)
    if not plan.report.ok:
        return plan.report, None
    shown = str(output)
    output = Path(output).absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    temp = output.with_name(f".{output.name}.tmp-{os.getpid()}")
    shutil.rmtree(temp, ignore_errors=True)
    try:
        render_into(plan, temp, Path(config_file), quiet)
        plan.report.extend(check_built(plan.site, temp, shown).report)
    except BaseException as exc:
        shutil.rmtree(temp, ignore_errors=True)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise BuildFailed(str(exc)) from exc
    if not plan.report.ok:
        shutil.rmtree(temp, ignore_errors=True)
        return plan.report, None
    swap_in(temp, output)
    return plan.report, plan
