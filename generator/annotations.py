"""``check --format github``: every problem as a GitHub Actions workflow command.

A line ``::error file=content/x.md,line=12,col=5,title=expires::…`` printed by a
workflow step becomes an annotation on that file and line of the commit and of
the pull request, so a reviewer sees the mistake where it is written. Values
are escaped as the runner reads them: ``%``, CR and LF in the message; also
``:`` and ``,`` in the properties.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from .errors import Problem

#: A problem without a key (a whole-file or whole-site finding) is titled so.
DEFAULT_TITLE = "内容检查 content check"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One ``::error`` or ``::warning`` line for a problem, message in Chinese then English."""
    level = "error" if problem.is_error else "warning"
    properties = ",".join(f"{name}={_escape_property(str(value))}" for name, value in (
        ("file", problem.path), ("line", problem.line), ("col", problem.column),
        ("title", problem.key or DEFAULT_TITLE)))
    return f"::{level} {properties}::{_escape_data(f'{problem.zh} ({problem.en})')}"


def annotations(problems: Iterable[Problem]) -> Iterator[str]:
    """One line per problem, in file and line order (the report's order)."""
    return (annotation(p) for p in sorted(set(problems)))
