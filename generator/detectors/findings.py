"""What every detector returns: a located :class:`Finding`, and helpers to place it.

Detectors work on plain text and report character offsets; turning an offset
into a file line and column (and a :class:`~generator.errors.Problem`) is the
caller's business, done once here so every check reports the same way.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem, Severity

KINDS = ("id_card", "id_card_15", "id_card_typo", "mobile", "bank_card", "secrecy_mark", "typo", "org_name")

# A near-miss of an organisation's name may be a neighbouring body's real name
# (清水县 vs 清河县), and an ID-shaped number with a wrong check digit may be
# something else, so both ask for a look rather than blocking publication.
_WARNING_KINDS = frozenset({"org_name", "id_card_typo"})


@dataclass(frozen=True)
class Finding:
    """One suspicious span of a text and what to do about it.

    ``kind`` is one of :data:`KINDS`; ``start``/``end`` are offsets in the
    text that was checked; ``suggestion`` is the masked form, the right wording
    or the official name (empty for a secrecy mark, which must be removed).
    """

    kind: str
    start: int
    end: int
    value: str
    suggestion: str
    zh: str
    en: str

    @property
    def severity(self) -> Severity:
        """ERROR blocks publication; WARNING asks a person to look."""
        return Severity.WARNING if self.kind in _WARNING_KINDS else Severity.ERROR


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset`` in ``text``."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def to_problem(finding: Finding, path: str, text: str, *, line_offset: int = 0,
               key: str = "") -> Problem:
    """A :class:`Problem` for ``finding`` found in ``text`` of the file ``path``.

    ``line_offset`` is the number of file lines before ``text`` (a Markdown body
    after its front matter); ``key`` names the field or attachment location.
    """
    line, column = line_col(text, finding.start)
    return Problem(path, line + line_offset, column, key, finding.zh, finding.en,
                   finding.severity)
