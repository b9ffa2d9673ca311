"""Profile one build with cProfile, forked workers included.

    .venv/bin/python benchmarks/profile_build.py /tmp/full.prof build.py build \\
        --content benchmarks/out/corpus-3000 --as-of 2026-11-21 --output /tmp/site-3000
    .venv/bin/python -c "import pstats; pstats.Stats('/tmp/full.prof').sort_stats('cumulative').print_stats(60)"

``build.py`` leaves with ``os._exit`` (freeing a gigabyte of objects one by one took
seconds), which skips cProfile's own output, so the profile is written from a
replacement of ``os._exit``. Forked workers (the side job, the render helper, the
leak check) inherit the profiler and write ``<out>.<pid>`` when they exit; their
stacks begin with the fork, so read their own functions (``write_extras``,
``review_content``, ``render_with_mkdocs``). cProfile roughly doubles the time of
pure-Python code: read shares, not seconds.
"""
from __future__ import annotations

import cProfile
import os
import runpy
import sys


def main() -> None:
    """Run the script named after the output file under cProfile."""
    out, script = sys.argv[1], sys.argv[2]
    sys.argv = sys.argv[2:]
    profile = cProfile.Profile()
    parent, real_exit = os.getpid(), os._exit

    def exit_with_profile(status: int) -> None:
        profile.disable()
        profile.dump_stats(out if os.getpid() == parent else f"{out}.{os.getpid()}")
        real_exit(status)

    os._exit = exit_with_profile
    profile.enable()
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exc:
        exit_with_profile(exc.code if isinstance(exc.code, int) else 1)
    exit_with_profile(0)


if __name__ == "__main__":
    main()
