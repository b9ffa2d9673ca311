"""Search quality on a judged query set: recall and P@10 per query kind, printed.

    .venv/bin/python benchmarks/search_quality.py INDEX_DIR JUDGED.tsv [--top 10]

INDEX_DIR is a built site's ``search/index`` folder; JUDGED.tsv has lines
``kind<TAB>query<TAB>relevant ids`` (``#`` comments), the ids being result URLs
(``policies/qh-2023-003/``) or, for a corpus the project must not copy, document ids
(``pt-2023-00049``: a policy's URL is ``policies/<id>/``). The queries run through the
Python mirror of search.js (``generator.search.query``), which ranks exactly as the page.

* recall: relevant documents among all the query's results / relevant documents;
* P@10: relevant documents among the first min(10, |relevant|) results / that number
  (a query naming one document scores 1 when that document comes first);
* MRR: 1 / rank of the first relevant result (0 when none).
The test suite runs it on the example column (tests/test_search_quality.py); the
benchmark set for the 平潭 corpus is benchmarks/search_judged_pingtan.tsv.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.search.query import Index  # noqa: E402


@dataclass(frozen=True)
class Judged:
    kind: str
    query: str
    relevant: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    judged: Judged
    recall: float
    precision: float
    rr: float
    found: int


def read_judged(path: Path) -> list[Judged]:
    """The judged queries of a TSV file (ids turned into result URLs)."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, query, relevant = line.split("\t")
        out.append(Judged(kind, query, tuple(as_url(r) for r in relevant.split())))
    return out


def as_url(ident: str) -> str:
    """A result URL as written, or a bare document id as its policy page."""
    return ident if "/" in ident else f"policies/{ident}/"


def score(index: Index, judged: Judged, top: int = 10) -> Score:
    """One query's recall, P@top (over min(top, |relevant|)) and reciprocal rank."""
    found = [h.record["u"] for h in index.search(judged.query, limit=10**6).hits]
    relevant = set(judged.relevant)
    cut = min(top, len(relevant))
    first = next((i for i, url in enumerate(found, 1) if url in relevant), 0)
    return Score(judged, len(relevant & set(found)) / len(relevant),
                 len(relevant & set(found[:cut])) / cut, 1 / first if first else 0.0, len(found))


def evaluate(index_dir: Path, judged_file: Path, top: int = 10) -> list[Score]:
    index = Index(index_dir)
    return [score(index, judged, top) for judged in read_judged(judged_file)]


def report(scores: list[Score]) -> str:
    """Per query and per kind, then overall (means)."""
    lines = ["kind      recall  P@10   RR    found  query"]
    for s in scores:
        lines.append(f"{s.judged.kind:9} {s.recall:6.2f} {s.precision:5.2f} {s.rr:5.2f} {s.found:6}  {s.judged.query}")
    kinds = sorted({s.judged.kind for s in scores}) + ["all"]
    lines.append("")
    for kind in kinds:
        group = [s for s in scores if kind in ("all", s.judged.kind)]
        lines.append(f"{kind:9} n={len(group):3}  recall {mean(s.recall for s in group):.3f}  "
                     f"P@10 {mean(s.precision for s in group):.3f}  MRR {mean(s.rr for s in group):.3f}")
    return "\n".join(lines)


def mean(values) -> float:  # type: ignore[no-untyped-def]
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("index", type=Path, help="a built site's search/index folder")
    parser.add_argument("judged", type=Path, help="the judged queries (TSV)")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    print(report(evaluate(args.index, args.judged, args.top)))


if __name__ == "__main__":
    main(sys.argv[1:])
