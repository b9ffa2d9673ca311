"""The build cache (issue 9): a rebuild renders only what changed and writes the same bytes.

The central property is identity: whatever the cache holds, a cached rebuild gives the
site a full build without the cache gives. It is checked on the example content (every
page type: decisions, tasks, annual reports, catalog, Q&A, versions) and on a generated
corpus with relations.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import Markup

from conftest import REPO, tree_digest
from generator.cache import BuildCache, Memo
from generator.cli import main
from generator.digest import Lazy, Unkeyable, digest
from generator.pipeline import plan_build
from generator.render import render

RENDERED = re.compile(r"（重新渲染 (\d+) 个）")


def build(content: Path, out: Path, capsys, *extra: str, as_of: str = "2026-11-21") -> int:
    """Build and return how many pages MkDocs rendered (the rest came from the cache)."""
    capsys.readouterr()
    with contextlib.chdir(REPO):
        status = main(["build", "--content", str(content), "--output", str(out), "--as-of", as_of, *extra])
    err = capsys.readouterr().err
    assert status == 0, err
    return int(RENDERED.search(err).group(1))


def run_anyway(cache: Path) -> None:
    """Make the next build take its ordinary path: with nothing changed it would do nothing
    (see generator/unchanged.py and tests/test_unchanged.py)."""
    (cache / "inputs.pickle").unlink()


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    import shutil
    target = tmp_path / "content"
    shutil.copytree(REPO / "content", target)
    return target


def test_nothing_changed_renders_nothing_and_writes_the_same_site(example_copy, tmp_path, capsys):
    out = tmp_path / "site"
    total = build(example_copy, out, capsys)
    first = tree_digest(out)
    assert build(example_copy, out, capsys) == 0
    assert tree_digest(out) == first
    assert total == len(plan_build(example_copy, dt.date(2026, 11, 21)).pages)  # all, the first time


def test_pages_rendered_in_small_batches_give_the_same_site(example_copy, tmp_path, capsys, monkeypatch):
    """MkDocs renders at most ``BATCH`` pages per run; the other runs' pages are skipped or,
    when the navigation names them, known but not rendered. Batches must not show."""
    from generator import builder
    one_run = tmp_path / "one"
    build(example_copy, one_run, capsys, "--no-cache")
    calls = []
    real = builder.render_with_mkdocs
    monkeypatch.setattr(builder, "render_with_mkdocs", lambda *a, **k: calls.append(a[4]) or real(*a, **k))
    monkeypatch.setattr(builder, "BATCH", 7)
    monkeypatch.setattr(builder, "SHARE", 10**9)   # one renderer: a forked helper's runs are not counted here
    batched = tmp_path / "batched"
    pages = build(example_copy, batched, capsys, "--no-cache")
    assert len(calls) == -(-pages // 7) > 3
    assert tree_digest(batched) == tree_digest(one_run)


def test_pages_rendered_by_two_processes_give_the_same_site(example_copy, tmp_path, capsys, monkeypatch):
    """From ``SHARE`` pages to render on, a forked helper takes MkDocs runs too once the side
    job is done (issue 22): the two processes' runs, each writing the theme files into one
    folder, must give the site one process gives, each page rendered once."""
    from generator import builder
    from generator.parallel import Forked
    one = tmp_path / "one"
    monkeypatch.setattr(builder, "SHARE", 10 ** 9)
    build(example_copy, one, capsys, "--no-cache")
    runs = tmp_path / "runs.txt"
    real = builder.render_with_mkdocs

    def counted(*args, **kwargs):
        with open(runs, "a", encoding="utf-8") as stream:   # the forked process writes here too
            stream.write(f"{os.getpid()} {len(everything_but(args))}\n")
        return real(*args, **kwargs)

    def everything_but(args) -> list[str]:
        plan, skip = args[0], args[4]
        return [p.src_uri for p in plan.pages if p.src_uri not in skip]

    monkeypatch.setattr(builder, "render_with_mkdocs", counted)
    monkeypatch.setattr(builder, "SHARE", 1)
    monkeypatch.setattr(builder, "BATCH", 20)
    monkeypatch.setattr(Forked, "done", lambda self: True)   # the helper starts after the first run
    two = tmp_path / "two"
    pages = build(example_copy, two, capsys, "--no-cache")
    lines = [line.split() for line in runs.read_text(encoding="utf-8").splitlines()]
    assert len({pid for pid, _ in lines}) == 2
    assert sum(int(n) for _, n in lines) == pages
    assert tree_digest(two) == tree_digest(one)


def test_an_edit_rerenders_its_pages_only_and_equals_a_full_build(example_copy, tmp_path, capsys):
    out, full = tmp_path / "site", tmp_path / "full"
    build(example_copy, out, capsys)
    policy = next(p for p in sorted((example_copy / "policies").rglob("*.md"))
                  if (out / "policies" / p.stem / "index.html").exists())
    before = {p.url: p.key for p in plan_build(example_copy, dt.date(2026, 11, 21)).pages}
    policy.write_text(policy.read_text(encoding="utf-8") + "\n补充说明：本条为测试所加。\n", encoding="utf-8")
    after = {p.url: p.key for p in plan_build(example_copy, dt.date(2026, 11, 21)).pages}
    changed = sorted(u for u in after if after[u] != before.get(u))
    rendered = build(example_copy, out, capsys)
    build(example_copy, full, capsys, "--no-cache")
    assert tree_digest(out) == tree_digest(full)
    # its own page and the pages that list it (a list's inputs hold the whole document)
    assert rendered == len(changed)
    assert f"policies/{policy.stem}/" in changed and len(changed) < 12
    for url in changed:
        html = (out / url / "index.html").read_text(encoding="utf-8")
        assert f"policies/{policy.stem}/" in html or url == f"policies/{policy.stem}/", url
    page = out / "policies" / policy.stem / "index.html"
    assert "补充说明：本条为测试所加。" in page.read_text(encoding="utf-8")


def test_a_new_as_of_date_rerenders_only_pages_that_show_it(example_copy, tmp_path, capsys):
    """Decisions (days left to comment) and task lists (overdue counts) depend on the date;
    every other page must not change when no status does."""
    out, full = tmp_path / "site", tmp_path / "full"
    build(example_copy, out, capsys, as_of="2026-11-21")
    before = plan_build(example_copy, dt.date(2026, 11, 21))
    after = plan_build(example_copy, dt.date(2026, 11, 22))
    assert {i: d.status for i, d in before.site.docs.items()} == {i: d.status for i, d in after.site.docs.items()}
    changed = {p.url for p in after.pages} - {p.url for p in before.pages} | {
        b.url for b, a in zip(before.pages, after.pages) if b.key != a.key}
    assert changed and all(u.startswith("decisions/") or u.startswith("policies/") for u in changed)
    assert build(example_copy, out, capsys, as_of="2026-11-22") == len(changed)
    build(example_copy, full, capsys, "--no-cache", as_of="2026-11-22")
    assert tree_digest(out) == tree_digest(full)


def test_a_generated_corpus_rebuild_equals_a_full_build_after_an_edit_and_a_new_date(tmp_path, capsys):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import generate_corpus
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, 40, seed=3)
    out, full = tmp_path / "site", tmp_path / "full"
    assert build(corpus, out, capsys) > 40
    assert build(corpus, out, capsys) == 0
    target = sorted((corpus / "policies").rglob("*.md"))[7]
    target.write_text(target.read_text(encoding="utf-8").replace("。", "。\n\n新增一段。", 1), encoding="utf-8")
    assert 1 <= build(corpus, out, capsys) <= 10
    build(corpus, full, capsys, "--no-cache")
    assert tree_digest(out) == tree_digest(full)


def test_cached_pages_are_copies_and_the_replaced_site_is_kept(example_copy, tmp_path, capsys):
    out = tmp_path / "site"
    build(example_copy, out, capsys)
    run_anyway(tmp_path / ".site.cache")
    build(example_copy, out, capsys)
    page = out / "index.html"
    cached = {p.stat().st_ino for p in (tmp_path / ".site.cache" / "pages").iterdir()}
    # a copy, not a link: editing the site cannot edit the cache (tests/test_cache_trust.py)
    assert page.stat().st_ino not in cached and page.read_bytes() in {
        p.read_bytes() for p in (tmp_path / ".site.cache" / "pages").iterdir()}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.cache", "content", "site"]
    # the replaced site is kept as the next build's starting folder, nothing waits in the trash
    kept = {p.name for p in (tmp_path / ".site.cache").iterdir()}
    assert {"spare", "spare.pickle", "live.pickle", "pages", "blobs"} <= kept and "trash" not in kept


def test_an_index_of_unchanged_documents_is_put_back_not_built(example_copy, tmp_path, capsys, monkeypatch):
    from generator.features.search import site_search
    out = tmp_path / "site"
    build(example_copy, out, capsys)
    before = tree_digest(out)

    def must_not_build(*args, **kwargs):
        raise RuntimeError("the search index was built again")
    monkeypatch.setattr(site_search, "write_search_index", must_not_build)   # the forked side job inherits it
    run_anyway(tmp_path / ".site.cache")
    build(example_copy, out, capsys)
    assert tree_digest(out) == before
    policy = sorted((example_copy / "policies").rglob("*.md"))[0]
    policy.write_text(policy.read_text(encoding="utf-8") + "\n新增一句。\n", encoding="utf-8")
    with contextlib.chdir(REPO):
        assert main(["build", "--content", str(example_copy), "--output", str(out), "--as-of", "2026-11-21"]) == 1
    assert "the search index was built again" in capsys.readouterr().err


def _blobs_hold_their_bytes(cache: Path) -> None:
    """Every blob is named by the hash of its bytes: no build wrote into a shared file."""
    import hashlib
    for blob in (cache / "blobs").iterdir():
        assert hashlib.blake2b(blob.read_bytes(), digest_size=20).hexdigest() == blob.name, blob


def test_the_spare_folder_gives_the_same_site_after_edits_and_a_deletion(tmp_path, capsys):
    """From the third build on, a build starts from the site the last one replaced: it keeps
    the files it would write again, replaces the others, deletes what it no longer writes
    (a deleted document's folder, a file somebody put there by hand) and never writes into
    a file it shares with the live site or the cache."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import generate_corpus
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, 30, seed=5)
    out, full, cache = tmp_path / "site", tmp_path / "full", tmp_path / ".site.cache"
    build(corpus, out, capsys)
    (out / "junk.html").write_text("<p>手工放入</p>", encoding="utf-8")
    build(corpus, out, capsys)
    assert (cache / "spare" / "junk.html").exists()
    policies = sorted((corpus / "policies").rglob("*.md"))
    gone = policies[3]
    gone.unlink()
    edited = policies[11]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n第二次修改。\n", encoding="utf-8")
    live_before = tree_digest(out)
    rendered = build(corpus, out, capsys)   # starts from the first build's site
    assert 1 <= rendered < 40
    assert tree_digest(cache / "spare") == live_before   # the replaced site was not touched
    build(corpus, full, capsys, "--no-cache")
    assert tree_digest(out) == tree_digest(full)
    assert not (out / "junk.html").exists() and not (out / "policies" / gone.stem).exists()
    _blobs_hold_their_bytes(cache)
    build(corpus, out, capsys, as_of="2027-06-01")   # from the second build's site, the junk in it
    build(corpus, full, capsys, "--no-cache", as_of="2027-06-01")
    assert tree_digest(out) == tree_digest(full)
    _blobs_hold_their_bytes(cache)


def test_no_cache_writes_no_cache_folder(example_copy, tmp_path, capsys):
    build(example_copy, tmp_path / "site", capsys, "--no-cache")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_a_cache_of_other_code_is_not_used(tmp_path):
    root = tmp_path / "cache"
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    old = BuildCache(root, code="old-code")
    old.store_page("k1", str(site / "a" / "index.html"))
    old.memo("load").put("f", {"model": 1})
    old.save(site, site, {})
    assert BuildCache(root, code="old-code").has_page("k1")
    assert BuildCache(root, code="old-code").memo("load").get("f") == {"model": 1}
    newer = BuildCache(root, code="new-code")
    assert not newer.has_page("k1") and newer.memo("load").get("f") is None


def test_a_memo_writes_a_small_change_as_a_delta_and_a_large_one_whole(tmp_path):
    path = tmp_path / "memo-x.pickle"

    def reopen(keys: range) -> Memo:
        memo = Memo(path, shared=True)
        for n in keys:
            memo.recall(f"k{n}", lambda n=n: f"value {n}")
        memo.save()
        return Memo(path, shared=True)

    assert reopen(range(1000)).old == {f"k{n}": f"value {n}" for n in range(1000)}
    base = path.read_bytes()
    assert reopen(range(3, 1004)).old == {f"k{n}": f"value {n}" for n in range(3, 1004)}
    assert path.read_bytes() == base and path.with_name("memo-x.delta.pickle").exists()
    assert reopen(range(500, 1600)).old == {f"k{n}": f"value {n}" for n in range(500, 1600)}
    assert path.read_bytes() != base and not path.with_name("memo-x.delta.pickle").exists()


def test_a_memo_hands_out_copies_so_a_build_cannot_change_what_it_stored(tmp_path):
    memo = Memo(tmp_path / "m.pickle")
    value = memo.put("k", {"titles": ["甲"]})
    value["titles"].append("乙")
    assert memo.get("k") == {"titles": ["甲"]}


def test_digests_tell_apart_what_a_template_tells_apart():
    assert digest("<b>") != digest(Markup("<b>"))        # escaped differently
    assert digest(["a", "b"]) != digest(("a", "b")) != digest(["ab"])
    assert digest({"a": 1, "b": 2}) != digest({"b": 2, "a": 1})  # templates iterate in order
    assert digest({"x", "y"}) == digest({"y", "x"})
    assert digest(dt.date(2026, 1, 2)) != digest("2026-01-02")
    assert digest(Lazy("https://example.gov.cn/p/", lambda: 1 / 0)) == digest(Lazy("https://example.gov.cn/p/", None))


def test_a_value_the_digest_cannot_cover_makes_the_page_uncached(example_copy):
    plan = plan_build(example_copy, dt.date(2026, 11, 21))
    with pytest.raises(Unkeyable, match="holds the whole site"):
        digest(plan.site)
    with pytest.raises(Unkeyable, match="cannot digest a builtins.function"):
        digest(lambda: 1)
    fragment = render("page.html", "pages/x/", title="标题", updated=None, helper=lambda: 1)
    assert fragment.key is None
    assert render("page.html", "pages/x/", title="标题", updated=None).key is not None


def test_page_keys_are_the_same_in_every_process(tmp_path):
    """Hash randomisation must not reach a key (a set iterated into a context once did)."""
    script = ("import datetime as dt, json, sys; from pathlib import Path; "
              "from generator.pipeline import plan_build; "
              "plan = plan_build(Path('content'), dt.date(2026, 11, 21)); "
              "print(json.dumps({p.url: p.key for p in plan.pages}))")
    runs = [json.loads(subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True, text=True,
                                      capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout)
            for seed in ("1", "2")]
    assert runs[0] == runs[1]
    assert all(runs[0].values()), [u for u, k in runs[0].items() if not k]


def test_an_edit_keeps_the_spare_search_files_it_would_write_again(tmp_path, capsys):
    """The index is built again after an edit, but the spare site's index files that hold the
    same bytes stay where they are (same inode, same modification time): only those that
    changed are written."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import generate_corpus
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, 30, seed=5)
    out, full, cache = tmp_path / "site", tmp_path / "full", tmp_path / ".site.cache"
    build(corpus, out, capsys)
    build(corpus, out, capsys, as_of="2026-11-22")   # the first site becomes the spare
    edited = sorted((corpus / "policies").rglob("*.md"))[7]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n新增一句：公共文化服务体系。\n", encoding="utf-8")
    index = cache / "spare" / "search" / "index"
    before = {p.relative_to(index).as_posix(): ((p.stat().st_ino, p.stat().st_mtime_ns), p.read_bytes())
              for p in index.rglob("*.json")}
    build(corpus, out, capsys)
    after = {p.relative_to(out / "search" / "index").as_posix(): ((p.stat().st_ino, p.stat().st_mtime_ns), p.read_bytes())
             for p in (out / "search" / "index").rglob("*.json")}
    same = [rel for rel in after if rel in before and after[rel][1] == before[rel][1]]
    changed = [rel for rel in after if rel not in same]
    assert changed and len(same) > 3 * len(changed)   # the case says something
    assert all(after[rel][0] == before[rel][0] for rel in same)   # kept: same file, never written again
    build(corpus, full, capsys, "--no-cache")
    assert tree_digest(out) == tree_digest(full)
