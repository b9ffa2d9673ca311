#!/usr/bin/env python3
"""Command line of the disclosure-column generator: ``python build.py --help``."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generator.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
