"""Publishing is one atomic step, and two builds of one output never interleave (issue 16, item 7).

Builds run in subprocesses here: one is killed (SIGKILL, as by the OOM killer or a CI
timeout) right after each step that changes the published folder or the cache, and the
site must then be whole, the old one or the new one, never missing; two run at once and
the second must wait for the first.
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import REPO, tree_digest

AS_OF = "2026-11-21"

#: A build whose process kills itself right after the (N+1)-th rename that publishes: the
#: first rename, exchange or replace that names the output folder, then every later one.
KILLED_AFTER = r"""
import os, signal, sys
sys.path.insert(0, os.getcwd())
out, after, fallback = os.path.abspath(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "fallback"
calls = 0

def deadly(func):
    def wrapper(*args, **kwargs):
        global calls
        named = [os.path.abspath(os.fsdecode(a)) for a in args[:2] if isinstance(a, (str, bytes, os.PathLike))]
        publishing = calls > 0 or out in named
        result = func(*args, **kwargs)
        if publishing:
            calls += 1
            if calls > after:
                os.kill(os.getpid(), signal.SIGKILL)
        return result
    return wrapper

os.rename, os.replace = deadly(os.rename), deadly(os.replace)
try:
    from generator import publish
except ImportError:   # (the code before issue 16 swapped with two renames only)
    publish = None
if publish is not None:
    publish._exchange = deadly(publish._exchange)
    if fallback:
        publish._swap_call = lambda: None
from generator.cli import main
sys.exit(main(sys.argv[4:]))
"""


def _build_command(content: Path, out: Path, *extra: str) -> list[str]:
    return ["build", "--content", str(content), "--output", str(out), "--as-of", AS_OF, *extra]


def _run(args: list[str]) -> subprocess.CompletedProcess:
    """Run Python; output through files, not pipes: a worker that outlives a killed build
    would hold a pipe open and hang the test."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        done = subprocess.run([sys.executable, *args], cwd=REPO, stdout=out, stderr=err, text=True, timeout=600)
        out.seek(0), err.seek(0)
        return subprocess.CompletedProcess(done.args, done.returncode, out.read(), err.read())


@pytest.fixture(scope="module")
def corpus_and_sites(tmp_path_factory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """A small generated corpus, the site of it as first built (A) and after an edit (B)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import generate_corpus
    root = tmp_path_factory.mktemp("publish")
    content = root / "content"
    generate_corpus(content, 12, seed=11)
    first = root / "first"
    assert _run(["build.py", *_build_command(content, first, "--no-cache")]).returncode == 0
    edited = sorted((content / "policies").rglob("*.md"))[4]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text + "\n新增的一段：本段为测试所加。\n", encoding="utf-8")
    second = root / "second"
    assert _run(["build.py", *_build_command(content, second, "--no-cache")]).returncode == 0
    edited.write_text(text, encoding="utf-8")
    site_a, site_b = tree_digest(first), tree_digest(second)
    assert site_a != site_b
    return content, site_a, site_b


def _edit(content: Path, on: bool) -> None:
    edited = sorted((content / "policies").rglob("*.md"))[4]
    text = edited.read_text(encoding="utf-8").replace("\n新增的一段：本段为测试所加。\n", "")
    edited.write_text(text + ("\n新增的一段：本段为测试所加。\n" if on else ""), encoding="utf-8")


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and
                  not p.name.endswith(".cache"))


@pytest.mark.parametrize("swap", ["atomic", "fallback"])
def test_a_build_killed_after_any_publishing_step_leaves_a_whole_site(corpus_and_sites, tmp_path, swap):
    """``atomic``: renameat2(RENAME_EXCHANGE); ``fallback`` (no such call): two renames, and
    a kill between them is repaired by the next build before anything else."""
    source, site_a, site_b = corpus_and_sites
    content = tmp_path / "content"
    shutil.copytree(source, content)
    out = tmp_path / "site"
    assert _run(["build.py", *_build_command(content, out)]).returncode == 0
    assert tree_digest(out) == site_a
    _edit(content, True)
    seen = []
    for after in range(14):   # (each later step too: moving the old site aside, writing the cache)
        killed = _run(["-c", KILLED_AFTER, str(out), str(after), swap, *_build_command(content, out)])
        if killed.returncode == 0:
            break
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        if swap == "fallback" and not out.exists():   # killed between the two renames
            seen.append("none")
            _edit(content, False)   # even a build that finds content errors puts the old site back first
            (content / "site.yml").rename(content / "site.yml.away")
            failed = _run(["build.py", *_build_command(content, out)])
            (content / "site.yml.away").rename(content / "site.yml")
            _edit(content, True)
            assert failed.returncode == 1
            assert ("已恢复被中断的生成留下的网站 (put back the site an interrupted build had moved aside): "
                    ".site.old-") in failed.stderr
        assert out.is_dir(), f"no site after a kill after step {after}"
        now = tree_digest(out)
        assert now in (site_a, site_b), f"a mixed site after a kill after step {after}"
        seen.append("new" if now == site_b else "old")
    assert "new" in seen   # a step after the swap was reached
    assert swap == "atomic" or "none" in seen
    finished = _run(["build.py", *_build_command(content, out)])
    assert finished.returncode == 0, finished.stderr
    assert tree_digest(out) == site_b
    assert _leftovers(out) == []


def test_two_builds_at_once_run_one_after_the_other(corpus_and_sites, tmp_path):
    """A build that finds the output locked waits, says so, and starts only once the lock is
    free. The first build is played by this test holding the lock (a real first build may end
    before the second process has even started on a loaded machine)."""
    from generator.publish import output_lock
    source, site_a, _ = corpus_and_sites
    content = tmp_path / "content"
    shutil.copytree(source, content)
    out = tmp_path / "site"
    first = _run(["build.py", *_build_command(content, out)])   # leaves a site and a cache
    assert first.returncode == 0, first.stderr
    waiting = f"另一个生成正在写入 {out}，等待其结束… (another build is writing {out}; waiting for it to finish; lock "
    with output_lock(out.absolute()):
        second = subprocess.Popen([sys.executable, "build.py", *_build_command(content, out)], cwd=REPO,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        said = second.stderr.readline()
        assert said.startswith(waiting), said
        time.sleep(0.5)
        assert second.poll() is None and not any(p.name.startswith(".site.tmp-") for p in tmp_path.iterdir())
    rest, err = second.communicate(timeout=600)
    assert second.returncode == 0, err
    assert "Traceback" not in first.stderr + err
    assert tree_digest(out) == site_a
    assert _leftovers(out) == []
    assert "（重新渲染 0 个）" in err   # it used the cache the first left, once the lock was free
