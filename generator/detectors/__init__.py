"""Pre-publication review: pure detectors for what must not be published.

Personal data (:mod:`.privacy`), secrecy marks (:mod:`.secrecy`), serious
typos and misspelt body names (:mod:`.wording`), and the text of attachments
(:mod:`.attachments`) to run them on. Every detector takes a string and returns
:class:`Finding` objects with offsets; :func:`line_col` and :func:`to_problem`
turn them into located, bilingual problems. No file is written, no clock read.
"""
from __future__ import annotations

from .attachments import AttachmentReadError, TextChunk, extract_attachment_text
from .findings import KINDS, Finding, line_col, to_problem
from .privacy import find_personal_data, id_check_digit, is_valid_id15, is_valid_id18, luhn_valid
from .secrecy import find_secrecy_marks
from .wording import TypoRule, find_org_name_mismatches, find_typos, load_typo_rules

__all__ = [
    "AttachmentReadError", "Finding", "KINDS", "TextChunk", "TypoRule",
    "extract_attachment_text", "find_org_name_mismatches", "find_personal_data",
    "find_secrecy_marks", "find_typos", "id_check_digit", "is_valid_id15", "is_valid_id18",
    "line_col", "load_typo_rules", "luhn_valid", "to_problem",
]
