"""The command line as installed: ``disclosure``, ``python -m generator``, ``build.py``.

A non-editable install (``pip install --no-deps --target``) carries the page shell
(mkdocs.yml, theme/) as package data and builds the example content from a folder
outside the repository, byte for byte as ``build.py build`` does in the checkout.
"""
from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-21"
#: What a source distribution of the project holds (tests, content and docs stay in the repository).
SOURCES = ("pyproject.toml", "setup.py", "mkdocs.yml", "generator", "theme", "deploy")


def _run(cmd: list, cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(pythonpath), NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The project installed, not editable, into a folder of its own: returns that folder."""
    root = tmp_path_factory.mktemp("install")
    source, target = root / "source", root / "target"
    source.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(REPO / name, source / name)
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                             "--no-build-isolation", "--target", str(target), str(source)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return target


def test_the_wheel_carries_the_page_shell(installed):
    shell = installed / "generator" / "_shell"
    assert (shell / "mkdocs.yml").read_bytes() == (REPO / "mkdocs.yml").read_bytes()
    assert not filecmp.dircmp(REPO / "theme", shell / "theme", ignore=["__pycache__"]).diff_files
    assert (shell / "theme" / "main.html").is_file()
    assert (shell / "generator" / "docs_stub").is_dir()
    assert (shell / "deploy" / "nginx-site.conf").read_bytes() == (REPO / "deploy" / "nginx-site.conf").read_bytes()
    assert (installed / "generator" / "templates" / "policy.html").is_file()
    assert (installed / "bin" / "disclosure").is_file()


@pytest.mark.slow
def test_an_install_builds_the_example_like_the_checkout(installed, tmp_path):
    """From a folder outside the repository, with only a content folder: the same site."""
    away = tmp_path / "elsewhere"
    away.mkdir()
    where = _run([sys.executable, "-c", "import generator.shell as s; print(s.default_config())"], away, installed)
    assert where.stdout.strip() == str(installed / "generator" / "_shell" / "mkdocs.yml")
    ours = _run([installed / "bin" / "disclosure", "build", "--content", REPO / "content", "--output", "site",
                 "--as-of", AS_OF, "--no-cache"], away, installed)
    assert ours.returncode == 0, ours.stderr
    checkout = _run([sys.executable, REPO / "build.py", "build", "--content", REPO / "content",
                     "--output", tmp_path / "reference", "--as-of", AS_OF, "--no-cache"], REPO, REPO)
    assert checkout.returncode == 0, checkout.stderr
    built, reference = away / "site", tmp_path / "reference"
    files = sorted(p.relative_to(reference) for p in reference.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    assert len(files) > 100
    differ = [f for f in files if (built / f).read_bytes() != (reference / f).read_bytes()]
    assert differ == []
    for command in (["check", "--no-build", "--content", REPO / "content", "--as-of", AS_OF],
                    ["audit-ipv6", "--output", "site"]):
        result = _run([installed / "bin" / "disclosure", *command], away, installed)
        assert result.returncode == 0, (command, result.stderr)
    (away / "content").mkdir()
    shutil.copy2(REPO / "content" / "site.yml", away / "content" / "site.yml")
    new = _run([installed / "bin" / "disclosure", "new", "policy", "test-new"], away, installed)
    assert new.returncode == 0, new.stderr
    assert [p.name for p in (away / "content").rglob("test-new.md")] == ["test-new.md"]


@pytest.mark.parametrize("command, prog", [
    (["python", "-m", "generator"], "python -m generator"),
    (["python", "build.py"], "build.py"),
    (["disclosure"], "disclosure"),
])
def test_every_entry_point_is_the_same_command_line(installed, tmp_path, command, prog):
    if command[0] == "python":
        command = [sys.executable, *command[1:]]
        if command[1] == "build.py":
            command[1] = str(REPO / "build.py")
    else:
        command = [installed / "bin" / "disclosure"]
    result = _run([*command, "--help"], tmp_path, installed)
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: {prog} [-h] COMMAND ...\n")
    listed = [line.split()[0] for line in result.stdout.splitlines() if line[:4] == "    " and line[4:5].strip()]
    assert listed == ["build", "check", "serve", "audit-ipv6", "new"]
    bad = _run([*command, "build", "--as-of", "2022-02-30"], tmp_path, installed)
    assert bad.returncode == 2
    assert bad.stderr.startswith(f"{prog}: --as-of 应为真实日期 YYYY-MM-DD，而不是 2022-02-30")
