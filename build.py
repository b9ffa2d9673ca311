#!/usr/bin/env python3
"""Command line of the disclosure-column generator, from a checkout: ``python build.py --help``.

The same as the ``disclosure`` command an install provides, and ``python -m generator``."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generator.cli import run  # noqa: E402

if __name__ == "__main__":
    run(prog="build.py")
