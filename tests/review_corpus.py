"""Writes the review fixture corpora (tests/fixtures/review/) into a scratch site, numbers filled in.

The personal numbers come from ``tests/fixtures/checks/fictional.py``: computed, never typed.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from string import Template

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _load_fictional():
    spec = importlib.util.spec_from_file_location("review_fictional", FIXTURES / "checks" / "fictional.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


F = _load_fictional()
ID_C = F.make_id18("440000", "19700615", "003")
MOBILE, MOBILE_B = "13800001111", "15900002222"
VALUES = {**F.VALUES, "id_c": ID_C, "mobile": MOBILE, "mobile_b": MOBILE_B}


def write_corpus(site, name: str) -> list[str]:
    """Copy ``fixtures/review/<name>`` into ``site`` with $placeholders filled; the files written."""
    folder = FIXTURES / "review" / name
    written = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        site.write(rel, Template(path.read_text(encoding="utf-8")).substitute(VALUES))
        written.append(rel)
    return written
