"""benchmarks/run.py's table: every row of issue 22 beside plain mkdocs-material, search included."""
from __future__ import annotations

import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import run  # noqa: E402


def _median(seconds: float, mb: float) -> dict:
    return {"seconds": seconds, "cpu_seconds": seconds * 1.5, "max_rss_mb": mb, "tree_rss_mb": mb * 2,
            "tree_pss_mb": mb * 1.5, "output_bytes": 150e6, "output_files": 10_000, "load": 0.2}


def test_the_table_puts_every_build_and_search_row_beside_material(capsys) -> None:
    ours = {"median": _median(20.0, 400),
            "rebuild_no_change": {"median": _median(0.9, 200)},
            "rebuild_one_edit": {"median": _median(5.5, 500)},
            "rebuild_daily": {"median": _median(4.5, 500)},
            "search": {"median": {"cold_nav_ms": 180, "cold_ms": 90, "warm_ms": 18, "typed_ms": 6, "kb": 40.25,
                                  "worst_cold_nav_ms": 230, "worst_warm_ms": 31}}}
    plain = {"median": _median(80.0, 300), "search": {"kb": 9100.0, "index_mb": 91.2}}
    run.print_table([{"n": 3000, "ours": ours, "plain": plain, "ratio_ours_over_plain": run._ratio(ours, plain)}])
    lines = capsys.readouterr().out.splitlines()
    rows = {line[8:36].strip(): line[36:].split() for line in lines if line.startswith("  3000")}
    assert rows["ours full build"] == ["20.0", "30.0", "400", "800", "600", "150.0", "10000", "0.2"]
    assert rows["ours no-change rebuild"][0] == "0.9"
    assert rows["ours one-edit rebuild"][0] == "5.5"
    assert rows["ours daily rebuild (as-of+1)"][0] == "4.5"
    assert rows["plain mkdocs-material"][0] == "80.0"
    assert rows["ratio ours/plain"][:5] == ["0.25", "0.25", "1.33", "1.33", "1.33"]
    assert rows["ours"] == ["180", "(", "230)", "18", "(", "31)", "6", "40.2"]
    assert rows["plain mkdocs-material (lunr)"][-6:] == ["9100.0", "(index", "91.2", "MB,", "fetched", "whole)"]


def test_the_tree_pss_counts_pages_a_forked_child_shares_once() -> None:
    """A child forked after the parent touched 64 MB shares those pages: the sum of the
    resident sets counts them twice, the sum of the proportional sets once."""
    import os
    import time

    from bench_measure import tree_pss_kb, tree_rss_kb

    block = bytearray(os.urandom(64 << 20))
    read, write = os.pipe()
    child = os.fork()
    if child == 0:                      # the child: keep the shared pages until the parent is done
        os.close(write)
        os.read(read, 1)
        os._exit(0)
    try:
        os.close(read)
        time.sleep(0.2)
        rss, pss = tree_rss_kb(os.getpid()), tree_pss_kb(os.getpid())
        assert rss - pss > 60 << 10           # the 64 MB counted once more by RSS than by PSS
        assert pss > 64 << 10                 # and counted once by PSS
    finally:
        os.write(write, b"x")
        os.waitpid(child, 0)
        del block
