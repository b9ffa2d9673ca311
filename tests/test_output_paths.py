"""Output paths a build cannot use give a located error and touch nothing (issue 16, item 10).

Before: an output that is a file, or below a file, gave a traceback; an output inside the
content folder was built into it; the content folder itself as output was swapped away.
"""
from __future__ import annotations

import contextlib
import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from generator.cli import main


def _everything(root: Path) -> dict[str, str]:
    """Every path under ``root`` (folders too) with the hash of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(root.rglob("*"))}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path / "content"


def _build(content: Path, output: str, capsys) -> tuple[int, list[str]]:
    capsys.readouterr()
    with contextlib.chdir(content.parent):
        status = main(["build", "--content", "content", "--output", output, "--as-of", "2026-11-21"])
    return status, capsys.readouterr().err.splitlines()


def _assert_untouched(content: Path, capsys, output: str, expected: list[str]) -> None:
    before = _everything(content.parent)
    status, err = _build(content, output, capsys)
    assert (status, err) == (2, expected)
    assert _everything(content.parent) == before


def test_the_output_is_a_file(content, capsys):
    (content.parent / "site").write_text("not a folder", encoding="utf-8")
    _assert_untouched(content, capsys, "site", [
        "build.py: --output site: 是一个文件，不是文件夹；请换一个输出文件夹，或先删除这个文件 "
        "(is a file, not a folder; choose another output folder or delete the file)"])


def test_the_outputs_parent_is_a_file(content, capsys):
    (content.parent / "public").write_text("not a folder", encoding="utf-8")
    blocker = content.parent / "public"
    _assert_untouched(content, capsys, "public/site", [
        f"build.py: --output public/site: 上级路径 {blocker} 是一个文件，无法在其中建立文件夹；请换一个输出文件夹 "
        f"(the parent path {blocker} is a file, so no folder can be made in it; choose another output folder)"])


def test_the_output_is_inside_the_content(content, capsys):
    _assert_untouched(content, capsys, "content/site", [
        "build.py: --output content/site: 在内容文件夹 content 之内；请把输出文件夹放在内容文件夹之外 "
        "(is inside the content folder content; put the output folder outside it)"])


def test_the_output_is_the_content(content, capsys):
    _assert_untouched(content, capsys, "content/.", [
        "build.py: --output content/.: 与内容文件夹 content 是同一个文件夹；生成会整体替换输出文件夹，请另选一个 "
        "(is the content folder content; a build replaces the output folder as a whole: choose another)"])


def test_the_output_holds_the_content(content, capsys):
    _assert_untouched(content, capsys, ".", [
        "build.py: --output .: 包含内容文件夹 content；生成会整体替换输出文件夹，内容会被一起移走；请另选一个输出文件夹 "
        "(contains the content folder content; a build replaces the output folder as a whole and would move "
        "the content away: choose another output folder)"])


def test_the_output_is_a_symlink(content, capsys):
    (content.parent / "real").mkdir()
    (content.parent / "site").symlink_to("real")
    _assert_untouched(content, capsys, "site", [
        "build.py: --output site: 是一个符号链接；生成会整体替换输出文件夹，请直接指定真实的文件夹 "
        "(is a symbolic link; a build replaces the output folder as a whole: give the real folder)"])
