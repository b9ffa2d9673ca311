"""The build cache is checked before it is trusted (issue 16, item 4).

A rebuild reuses rendered pages (``.site.cache/pages/``), written files (``blobs/``) and
the site the last build replaced (``spare/``). Whatever happened to them, truncation or
a hand edit, the rebuild must equal a build without the cache byte for byte, say on stderr
which cached file it did not use, and succeed. The cache and the published site share no
file, so an edit of one never reaches the other.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, tree_digest
from generator.verified import SHOWN_AT_MOST
from generator.cli import main

AS_OF = "2026-11-21"
#: The title of content/policies/2025/qh-2025-003.md, ``disclosure: withheld``: never published.
WITHHELD = "清河县人民政府办公室关于调整县政府机关办公用房使用安排的通知"
WARNING = ("警告：生成缓存中的文件与生成时记录的摘要不符，未使用，已重新生成 (warning: a build cache file does "
           "not match the digest recorded when it was made; not used, made again): ")
RENDERED = re.compile(r"（重新渲染 (\d+) 个）")


def build(content: Path, out: Path, capfd, *extra: str) -> tuple[int, str]:
    """Build (exit 0 asserted); how many pages were rendered, and stderr (forked workers' too)."""
    capfd.readouterr()
    with contextlib.chdir(REPO):
        status = main(["build", "--content", str(content), "--output", str(out), "--as-of", AS_OF, *extra])
    err = capfd.readouterr().err
    assert status == 0, err
    return int(RENDERED.search(err).group(1)), err


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The example content and the site a build without the cache makes of it."""
    root = tmp_path_factory.mktemp("reference")
    shutil.copytree(REPO / "content", root / "content")
    with contextlib.chdir(REPO):
        assert main(["build", "--content", str(root / "content"), "--output", str(root / "site"),
                     "--as-of", AS_OF, "--no-cache"]) == 0
    assert WITHHELD in (root / "content" / "policies" / "2025" / "qh-2025-003.md").read_text(encoding="utf-8")
    return root / "content", tree_digest(root / "site")


def _warned(err: str) -> list[str]:
    return [line[len(WARNING):] for line in err.splitlines() if line.startswith(WARNING)]


def _page_in_store(cache: Path, page: Path) -> Path:
    """The file of ``.site.cache/pages/`` that holds the bytes of the published ``page``."""
    data = page.read_bytes()
    return next(p for p in (cache / "pages").iterdir() if p.read_bytes() == data)


def test_truncated_cached_pages_are_rendered_again(reference, tmp_path, capfd):
    content, full = reference
    out, cache = tmp_path / "site", tmp_path / ".site.cache"
    total, _ = build(content, out, capfd)
    pages = sorted((cache / "pages").iterdir())
    # every 7th page, but no more than a build names one by one (then it says "more")
    truncated = pages[::7][:SHOWN_AT_MOST]
    for page in truncated:
        page.write_bytes(b"")
    rendered, err = build(content, out, capfd)   # no spare folder yet: every page comes from the store
    assert tree_digest(out) == full
    assert rendered == len(truncated)
    assert sorted(_warned(err)) == sorted(str(p) for p in truncated)
    # the store holds the right bytes again: the next build renders nothing and warns of nothing
    rendered, err = build(content, out, capfd)
    assert (rendered, _warned(err)) == (0, []) and tree_digest(out) == full


def test_a_withheld_title_inserted_into_a_cached_page_is_not_published(reference, tmp_path, capfd):
    content, full = reference
    out, cache = tmp_path / "site", tmp_path / ".site.cache"
    build(content, out, capfd)
    stored = _page_in_store(cache, out / "index.html")
    html = stored.read_text(encoding="utf-8")
    assert "</body>" in html and WITHHELD not in html
    stored.write_text(html.replace("</body>", f"<p>{WITHHELD}</p></body>", 1), encoding="utf-8")
    rendered, err = build(content, out, capfd)
    assert rendered == 1 and _warned(err) == [str(stored)]
    assert tree_digest(out) == full
    assert not any(WITHHELD in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


def test_truncated_blobs_are_written_again(reference, tmp_path, capfd):
    """Blobs (open data, search files) are put back from the store when the search index
    did not change; truncated, the index is built again."""
    content, full = reference
    out, cache = tmp_path / "site", tmp_path / ".site.cache"
    build(content, out, capfd)
    blobs = sorted((cache / "blobs").iterdir())
    assert len(blobs) > 20
    for blob in blobs[::5]:
        with open(blob, "r+b") as stream:
            stream.truncate(max(0, blob.stat().st_size // 2))
    _, err = build(content, out, capfd)
    assert tree_digest(out) == full
    warned = _warned(err)
    assert warned and set(warned) <= {str(b) for b in blobs[::5]}
    for name in warned:   # what was found wrong holds the right bytes again
        assert hashlib.blake2b(Path(name).read_bytes(), digest_size=20).hexdigest() == Path(name).name
    _, err = build(content, out, capfd)
    assert tree_digest(out) == full and _warned(err) == []


def test_the_replaced_site_edited_by_hand_is_not_reused(reference, tmp_path, capfd):
    """From the third build on, a build starts from the site the last one replaced (the
    spare): an edit of the published site reaches that folder, and must not be republished."""
    content, full = reference
    out, cache = tmp_path / "site", tmp_path / ".site.cache"
    build(content, out, capfd)
    (cache / "inputs.pickle").unlink()   # the second build runs (unchanged, it would do nothing: test_unchanged.py)
    build(content, out, capfd)
    spare = cache / "spare"
    page = spare / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", f"<p>{WITHHELD}</p></body>", 1),
                    encoding="utf-8")
    data_files = sorted(p for p in spare.rglob("*.json") if p.stat().st_size > 100)
    truncated = data_files[: 3]
    for path in truncated:
        path.write_bytes(b"")
    rendered, err = build(content, out, capfd)
    assert rendered == 0   # the page store still holds the right index.html
    assert tree_digest(out) == full
    warned = _warned(err)
    assert "index.html (上次生成的网站 the site the last build replaced)" in warned
    assert not any(WITHHELD in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


def test_editing_the_published_site_never_changes_the_cache_nor_the_reverse(reference, tmp_path, capfd):
    """Before, cached pages and files were hard links of the published ones."""
    content, full = reference
    out, cache = tmp_path / "site", tmp_path / ".site.cache"
    build(content, out, capfd)
    build(content, out, capfd)
    held = {p.stat().st_ino for p in cache.rglob("*") if p.is_file()}
    assert not held & {p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    before = tree_digest(cache)
    for path in [out / "index.html", *sorted(out.rglob("*.json"))[:5]]:
        os.chmod(path, 0o644)
        with open(path, "r+b") as stream:   # in place, as an editor or sed -i on some systems
            stream.write(b"<!-- edited -->")
    assert tree_digest(cache) == before
    site_before = tree_digest(out)
    for path in (cache / "pages").iterdir():
        with open(path, "r+b") as stream:
            stream.write(b"XX")
    assert tree_digest(out) == site_before
