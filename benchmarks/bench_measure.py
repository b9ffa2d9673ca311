"""Measuring one build: wall time, peak memory of the process tree, output size.

Peak memory is reported two ways:

* ``max_rss_mb``: the largest resident set of any single process of the tree,
  exact, from the kernel's accounting (``/usr/bin/time -f %M``, which reads
  ``wait4``'s rusage; without it, ``RUSAGE_CHILDREN`` of a fresh helper process);
* ``tree_rss_mb``: the peak of the *sum* of the resident sets of all processes
  of the tree, sampled from ``/proc`` every 50 ms (matters when a build forks
  workers; misses peaks shorter than the interval). It counts every page a forked
  worker shares copy-on-write with its parent once per process, so it overstates;
* ``tree_pss_mb``: the peak of the sum of the *proportional* set sizes (``Pss`` of
  ``/proc/PID/smaps_rollup``: a page shared by k processes counts 1/k in each), which
  is what the processes take from the machine together; sampled every 200 ms (the
  kernel walks the page tables for it, too costly at 50 ms).

``cpu_seconds`` is the user + system time of the whole tree (every process waited
for), which other jobs on the machine change far less than the wall time; ``load``
is the one-minute load average when the command started.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

GNU_TIME = "/usr/bin/time"
_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
_RUSAGE_WRAPPER = ("import resource, subprocess, sys; rc = subprocess.call(sys.argv[1:]); "
                   "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
                   "print(u.ru_maxrss, u.ru_utime + u.ru_stime, file=sys.stderr); sys.exit(rc)")


@dataclass
class Measurement:
    """One measured command."""

    seconds: float
    max_rss_mb: float
    tree_rss_mb: float
    returncode: int
    cpu_seconds: float = 0.0
    load: float = 0.0
    tree_pss_mb: float = 0.0
    output_bytes: int = 0
    output_files: int = 0
    error: str = ""

    def as_dict(self) -> dict:
        """Plain data for JSON."""
        return asdict(self)


def _proc_table() -> dict[int, tuple[int, int]]:
    """``pid -> (ppid, rss in kB)`` for every process we can read."""
    table: dict[int, tuple[int, int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        table[int(name)] = (int(fields[1]), int(fields[21]) * _PAGE_KB)
    return table


def _tree(root: int, table: dict[int, tuple[int, int]]) -> list[int]:
    """``root`` and all its descendants in ``table``."""
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def tree_rss_kb(root: int) -> int:
    """Sum of the resident sets of ``root`` and all its descendants, in kB."""
    table = _proc_table()
    return sum(table.get(pid, (0, 0))[1] for pid in _tree(root, table))


def pss_kb(pid: int) -> int:
    """The proportional set size of ``pid`` in kB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_kb(root: int) -> int:
    """Sum of the proportional set sizes of ``root`` and all its descendants, in kB."""
    return sum(pss_kb(pid) for pid in _tree(root, _proc_table()))


class _Sampler(threading.Thread):
    """Samples the tree's total RSS until stopped, and every ``pss_every``-th time its total
    PSS; keeps the peaks."""

    def __init__(self, pid: int, interval: float = 0.05, pss_every: int = 4) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.pss_every = pid, interval, pss_every
        self.peak_kb = self.peak_pss_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        tick = 0
        while not self.done.is_set():
            self.peak_kb = max(self.peak_kb, tree_rss_kb(self.pid))
            if tick % self.pss_every == 0:
                self.peak_pss_kb = max(self.peak_pss_kb, tree_pss_kb(self.pid))
            tick += 1
            self.done.wait(self.interval)


def _wrap(cmd: list[str], report: Path) -> list[str]:
    if Path(GNU_TIME).exists():
        return [GNU_TIME, "-f", "%M %U %S", "-o", str(report), *cmd]
    return [sys.executable, "-c", _RUSAGE_WRAPPER, *cmd]


def _read_usage(report: Path, stderr: str) -> tuple[float, float]:
    """(max RSS in MB, CPU seconds) from GNU time's report file, else from the last stderr
    line of the rusage wrapper."""
    text = report.read_text() if report.exists() and report.stat().st_size else (stderr.strip().splitlines() or [""])[-1]
    numbers = []
    for token in text.split():
        try:
            numbers.append(float(token))
        except ValueError:
            continue
    if len(numbers) >= 3:      # GNU time: kB, user, system
        return numbers[-3] / 1024, numbers[-2] + numbers[-1]
    if len(numbers) == 2:      # the wrapper: kB, user + system
        return numbers[0] / 1024, numbers[1]
    return 0.0, 0.0


def run_measured(cmd: list[str], cwd: Path, timeout: float | None = None) -> Measurement:
    """Run ``cmd`` and measure it; stdout is discarded, stderr kept for errors."""
    with tempfile.TemporaryDirectory() as tmp:
        report, err_path = Path(tmp) / "time", Path(tmp) / "stderr"
        with open(err_path, "wb") as err:
            load = os.getloadavg()[0]
            start = time.perf_counter()
            proc = subprocess.Popen(_wrap(cmd, report), cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
            sampler = _Sampler(proc.pid)
            sampler.start()
            try:
                returncode = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                returncode = proc.wait()
            seconds = time.perf_counter() - start
            sampler.done.set()
            sampler.join()
        stderr = err_path.read_text(errors="replace")
        error = "" if returncode == 0 else stderr[-2000:] or f"exit status {returncode}"
        max_rss, cpu = _read_usage(report, stderr)
        return Measurement(seconds, max_rss, sampler.peak_kb / 1024, returncode, cpu, load, error=error,
                           tree_pss_mb=sampler.peak_pss_kb / 1024)


def dir_stats(path: Path) -> tuple[int, int]:
    """Total bytes and number of files under ``path``."""
    total = files = 0
    for folder, _, names in os.walk(path):
        for name in names:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
            files += 1
    return total, files
