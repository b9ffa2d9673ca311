"""A rebuild with nothing changed does nothing (issue 22, item 2: generator/unchanged.py).

Nothing written, nothing rotated, the same warnings printed; and anything that changed,
in the content, the published site or the cache, sends the build down its ordinary path,
which makes the site a build without the cache makes, byte for byte.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, tree_digest
from generator.cli import main

AS_OF = "2026-11-21"
RENDERED = re.compile(r"（重新渲染 (\d+) 个）")
WARNING_LINE = re.compile(r"^\S+:\d+:\d+:")


def build(content: Path, out: Path, capfd, as_of: str = AS_OF) -> tuple[int, list[str]]:
    """Build (exit 0 asserted); pages rendered and the report's lines (file:line:column: ...)."""
    capfd.readouterr()
    with contextlib.chdir(REPO):
        status = main(["build", "--content", str(content), "--output", str(out), "--as-of", as_of])
    err = capfd.readouterr().err
    assert status == 0, err
    return int(RENDERED.search(err).group(1)), [line for line in err.splitlines() if WARNING_LINE.match(line)]


def stats(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Inode, change time and size of every entry: what any write, even of the same bytes, changes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        found[path.relative_to(folder).as_posix()] = (info.st_ino, info.st_ctime_ns, info.st_size)
    return found


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The example content and the site a build without the cache makes of it."""
    root = tmp_path_factory.mktemp("reference")
    shutil.copytree(REPO / "content", root / "content")
    with contextlib.chdir(REPO):
        assert main(["build", "--content", str(root / "content"), "--output", str(root / "site"),
                     "--as-of", AS_OF, "--no-cache"]) == 0
    return root / "content", tree_digest(root / "site")


@pytest.fixture
def built(reference, tmp_path, capfd) -> tuple[Path, Path, list[str]]:
    """A copy of the example content built once with the cache: (content, site, report lines)."""
    content = tmp_path / "content"
    shutil.copytree(reference[0], content)
    out = tmp_path / "site"
    _, report = build(content, out, capfd)
    assert report, "the example content has warnings to print again"
    return content, out, report


def test_nothing_changed_writes_nothing_and_prints_the_same_report(built, capfd):
    content, out, report = built
    cache = out.with_name(".site.cache")
    site_before, cache_before = stats(out), stats(cache)
    rendered, again = build(content, out, capfd)
    assert rendered == 0 and again == report
    assert stats(out) == site_before                     # not one file written again
    assert stats(cache) == cache_before and not (cache / "spare").exists()   # nor the site rotated


def test_a_content_file_touched_or_rewritten_with_its_own_bytes_is_unchanged(built, capfd):
    content, out, _ = built
    policy = sorted((content / "policies").rglob("*.md"))[0]
    site_before = stats(out)
    os.utime(policy)
    policy.write_bytes(policy.read_bytes())
    assert build(content, out, capfd)[0] == 0
    assert stats(out) == site_before


def _edit_in_place(path: Path) -> None:
    """Change bytes, keep the size and the modification time (as a careful hand edit could)."""
    info = path.stat()
    data = bytearray(path.read_bytes())
    data[-2:] = b"<>" if data[-2:] != b"<>" else b"><"
    with open(path, "r+b") as stream:
        stream.write(bytes(data))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


@pytest.mark.parametrize("change", ["site file edited", "site file added", "site file removed", "store page edited"])
def test_a_changed_site_or_cache_is_built_again_and_equals_a_build_without_the_cache(change, reference, built, capfd):
    content, out, _ = built
    cache = out.with_name(".site.cache")
    if change == "site file edited":
        _edit_in_place(out / "index.html")
    elif change == "site file added":
        (out / "policies" / "by-hand.html").write_text("<p>放在这里的文件</p>", encoding="utf-8")
    elif change == "site file removed":
        (out / "sitemap.xml").unlink()
    else:
        _edit_in_place(sorted((cache / "pages").iterdir())[0])
    build(content, out, capfd)
    assert tree_digest(out) == reference[1]
    assert (cache / "spare").is_dir()   # the ordinary path ran: the replaced site became the spare


def test_an_edit_that_keeps_size_and_time_is_seen(reference, built, capfd):
    content, out, _ = built
    policy = sorted((content / "policies").rglob("*.md"))[0]
    text = policy.read_text(encoding="utf-8")
    assert "。" in text
    info = policy.stat()
    policy.write_text(text.replace("。", "；", 1), encoding="utf-8")   # same number of bytes
    os.utime(policy, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert policy.stat().st_size == info.st_size
    assert build(content, out, capfd)[0] > 0
    policy.write_text(text, encoding="utf-8")
    build(content, out, capfd)
    assert tree_digest(out) == reference[1]


def test_another_as_of_date_is_built(built, capfd):
    content, out, _ = built
    build(content, out, capfd, as_of="2026-11-22")
    assert (out.with_name(".site.cache") / "spare").is_dir()
