"""A build killed with SIGKILL takes its workers with it, and the next build cleans up (issue 16, item 6).

Before: the forked worker (search index, feeds, review on the second core) lived on with
parent 1, holding the cache lock, and ``.site.tmp-*`` stayed beside the site for ever.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, tree_digest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
AS_OF = "2026-11-21"


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def test_a_killed_build_leaves_no_worker_and_the_next_build_cleans_up(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import generate_corpus
    content = tmp_path / "content"
    generate_corpus(content, 60, seed=2)
    out = tmp_path / "site"
    command = [sys.executable, "build.py", "build", "--content", str(content), "--output", str(out),
               "--as-of", AS_OF]
    assert subprocess.run(command, cwd=REPO, capture_output=True, timeout=600).returncode == 0
    shutil.rmtree(tmp_path / ".site.cache" / "spare", ignore_errors=True)   # (the next build starts afresh)
    for policy in sorted((content / "policies").rglob("*.md"))[:3]:
        policy.write_text(policy.read_text(encoding="utf-8") + "\n修改。\n", encoding="utf-8")
    build = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, workers = time.monotonic() + 300, set()
    while not (workers and any(p.name.startswith(".site.tmp-") for p in tmp_path.iterdir())):
        assert build.poll() is None and time.monotonic() < deadline, "the build ended before it forked"
        workers = _children(build.pid)   # the workers on the second core, while it renders
        time.sleep(0.01)
    workers |= _children(build.pid)
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 5
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "a worker outlived the killed build"
    stale = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.tmp-")]
    assert stale
    after = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert after.returncode == 0, after.stderr
    rendered = int(re.search(r"（重新渲染 (\d+) 个）", after.stderr).group(1))
    assert 0 < rendered < 20, after.stderr   # the cache was used: only the edited documents' pages
    assert "等待" not in after.stderr         # nobody held a lock
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")
                and p.name != ".site.cache"]
    full = tmp_path / "full"
    assert subprocess.run([*command[:-4], "--output", str(full), "--as-of", AS_OF, "--no-cache"],
                          cwd=REPO, capture_output=True, timeout=600).returncode == 0
    assert tree_digest(out) == tree_digest(full)
