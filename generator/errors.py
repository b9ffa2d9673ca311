"""Located, bilingual problems and the report that collects them.

Every problem a content author can cause is a :class:`Problem` with the file,
line, column and key it concerns, and a message in Chinese and English that
says what is wrong and how to fix it. Problems are collected, never raised one
at a time, so an author sees every mistake of every file in one run.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Iterable, Iterator


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, sortable by place so reports read top to bottom."""

    path: str
    line: int
    column: int
    key: str
    zh: str
    en: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        key = f" {self.key}:" if self.key else ""
        return f"{where}:{key} {self.zh} ({self.en})"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass
class Report:
    """Collects problems; ``errors``/``warnings`` are sorted views."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(set(self.problems)))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def format(self) -> str:
        return "\n".join(str(p) for p in self)


class ContentError(Exception):
    """Raised once, after collection, when content has errors."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__(report.format())
