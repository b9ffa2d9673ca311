"""Search quality on the example column: a judged set of 48 queries (titles, 文号, words,
questions; tests/data/search_judged_example.tsv), recall and P@10 printed (``-s`` shows them).

The floors are today's figures, so that a change that loses relevant documents fails here.
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from search_quality import evaluate, mean, read_judged, report  # noqa: E402

JUDGED = REPO / "tests" / "data" / "search_judged_example.tsv"


def test_the_judged_set_is_large_and_covers_every_kind() -> None:
    judged = read_judged(JUDGED)
    assert len(judged) >= 40
    assert {j.kind for j in judged} == {"title", "docnum", "word", "question"}


def test_recall_and_precision_on_the_judged_queries(example_site: Path) -> None:
    scores = evaluate(example_site / "search" / "index", JUDGED)
    print("\n" + report(scores))
    by_kind = {kind: [s for s in scores if s.judged.kind == kind] for kind in ("title", "docnum", "word", "question")}
    for kind in ("title", "docnum"):  # the document a query names: found, and first
        assert [s.judged.query for s in by_kind[kind] if s.recall < 1 or s.rr < 1] == [], kind
    assert mean(s.recall for s in by_kind["word"]) == 1.0
    assert mean(s.recall for s in by_kind["question"]) >= 0.6
    assert mean(s.recall for s in scores) >= 0.9 and mean(s.precision for s in scores) >= 0.9
