"""No file outside content/ is read through a symlink (issue 16, item 1).

A symlink under ``content/`` (to a file or a folder, inside ``assets/`` or among the
documents) is an error located at its path, in ``check`` and in ``build``; no reader
follows it, so what it points at (here a secret string in a file outside the content
folder) appears nowhere: not in the site, not in the messages.
"""
from __future__ import annotations

import os
import textwrap

from conftest import RULES_MD, tree_digest

SECRET = "TOPSECRET-CI-TOKEN-4242"
FILE = ("符号链接不允许：生成网站时不跟随符号链接（它可能指向 content/ 以外的文件）；请删除该链接，把文件本身放到这里 "
        "(symlinks are not allowed: a build never follows a symlink (it may point outside content/); remove the "
        "link and put the file itself here)")
FOLDER = ("符号链接不允许：生成网站时不跟随符号链接（它可能指向 content/ 以外的文件）；请删除该链接，把文件夹本身放到这里 "
          "(symlinks are not allowed: a build never follows a symlink (it may point outside content/); remove the "
          "link and put the folder itself here)")


def _outside(tmp_path):
    """A secret file, a folder holding one, and a policy whose title is the secret, all outside content/."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (outside / "folder" / "inner.txt").write_text(f"{SECRET}-in-folder\n", encoding="utf-8")
    policy = textwrap.dedent(RULES_MD).replace("测试县行政规范性文件管理办法", SECRET).replace("测政规〔2022〕1号",
                                                                                           "测政规〔2022〕9号")
    (outside / "leak.md").write_text(policy, encoding="utf-8")
    return outside


def _plant(site, outside) -> None:
    (site.root / "assets/files").mkdir(parents=True, exist_ok=True)
    os.symlink(outside / "secret.txt", site.root / "assets/files/x.pdf")
    os.symlink(outside / "secret.txt", site.root / "assets/files/environ.txt")
    os.symlink(outside / "folder", site.root / "assets/linked")
    os.symlink(outside / "leak.md", site.root / "policies/2022/leak.md")
    os.symlink(outside / "secret.txt", site.root / "topics.yml")


EXPECTED = [f"content/assets/files/environ.txt:1:1: {FILE}", f"content/assets/files/x.pdf:1:1: {FILE}",
            f"content/assets/linked:1:1: {FOLDER}", f"content/policies/2022/leak.md:1:1: {FILE}",
            f"content/topics.yml:1:1: {FILE}"]


def _files_holding(folder, needle: str, skip: tuple[str, ...] = ()) -> list[str]:
    """Regular files (symlinks not followed) under ``folder`` holding ``needle``."""
    found = []
    for current, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not (current == str(folder) and d in skip)]
        for name in names:
            path = os.path.join(current, name)
            if not os.path.islink(path) and needle.encode() in open(path, "rb").read():
                found.append(path)
    return found


def test_check_reports_every_symlink_at_its_path(scratch_site, tmp_path, capsys):
    _plant(scratch_site, _outside(tmp_path))
    assert scratch_site.check() == EXPECTED
    assert scratch_site.run("check", "--no-git") == 1
    captured = capsys.readouterr()
    assert SECRET not in captured.out + captured.err
    assert f"content/assets/files/x.pdf:1:1: {FILE}" in captured.err


def test_build_fails_writes_nothing_and_publishes_no_secret(scratch_site, tmp_path, capsys):
    out = tmp_path / "site"
    assert scratch_site.build(out) == 0
    before = tree_digest(out)
    _plant(scratch_site, _outside(tmp_path))
    capsys.readouterr()
    assert scratch_site.build(out) == 1
    captured = capsys.readouterr()
    for line in EXPECTED:
        assert line in captured.err
    assert SECRET not in captured.out + captured.err
    assert tree_digest(out) == before   # the last good site, untouched
    # nowhere beside the sources either: not in the site, its cache, or a temporary folder
    assert _files_holding(tmp_path, SECRET, skip=("content", "outside")) == []


def test_a_linked_assets_folder_is_refused_and_not_read(scratch_site, tmp_path, capsys):
    outside = _outside(tmp_path)
    (outside / "folder" / "photo.txt").write_text(SECRET, encoding="utf-8")
    os.symlink(outside / "folder", scratch_site.root / "assets")
    assert scratch_site.check() == [f"content/assets:1:1: {FOLDER}"]
    out = tmp_path / "site"
    assert scratch_site.build(out) == 1
    assert not out.exists()
    assert SECRET not in "".join(capsys.readouterr())
    assert _files_holding(tmp_path, SECRET, skip=("content", "outside")) == []


def test_readers_never_follow_a_symlink(tmp_path):
    """Each reader on its own, for a build that got past the check somehow."""
    from generator.files import is_plain, plain_files
    from generator.features.images.images import plan_image, raster_assets
    root = tmp_path / "content"
    (root / "assets").mkdir(parents=True)
    (root / "assets" / "real.txt").write_text("ok", encoding="utf-8")
    secret = _outside(tmp_path) / "secret.txt"
    os.symlink(secret, root / "assets" / "link.png")
    os.symlink(secret.parent / "folder", root / "assets" / "dir")
    assert plain_files(root, root / "assets") == [root / "assets" / "real.txt"]
    assert not is_plain(root, root / "assets" / "link.png")
    assert not is_plain(root, root / "assets" / "dir" / "inner.txt")
    assert not is_plain(root, root / "assets" / ".." / ".." / "outside" / "secret.txt")
    assert raster_assets(root / "assets") == [] and plan_image(root / "assets", "link.png") is None
