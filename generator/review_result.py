"""What a review finds: problems with their kinds, facts for the scorecard, listed items.

A leaf shared by the content review (``generator/review.py``), the freshness review
(``generator/freshness.py``) and the scorecard (``generator/scorecard.py``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .errors import Problem, Report


@dataclass(frozen=True)
class Info:
    """A fact the report lists without judging it: scheduled, allowed, external, ..."""

    section: str   # scheduled · allowed · external · not_public
    path: str
    zh: str
    en: str
    line: int = 1
    column: int = 1


@dataclass
class ReviewResult:
    """Problems of every check, the kind of each (for JSON and the scorecard), and INFO items."""

    report: Report = field(default_factory=Report)
    kinds: dict[Problem, str] = field(default_factory=dict)
    info: list[Info] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)   # counts the scorecard reads

    def add(self, problem: Problem, kind: str) -> None:
        self.report.add(problem)
        self.kinds.setdefault(problem, kind)

    def extend(self, problems: Iterable[Problem], kind: str) -> None:
        for problem in problems:
            self.add(problem, kind)

    def merge(self, other: "ReviewResult") -> None:
        for problem in other.report.problems:
            self.add(problem, other.kinds.get(problem, "content"))
        self.info.extend(other.info)
        self.facts.update(other.facts)

    def kind_of(self, problem: Problem) -> str:
        return self.kinds.get(problem, "content")

    def count(self, *kinds: str) -> int:
        return sum(1 for p in self.report if self.kind_of(p) in kinds)
