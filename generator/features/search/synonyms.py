"""The optional ``content/search_synonyms.yml``: words a citizen and a document say differently.

A citizen searches 公租房 where the document says 公共租赁住房, 医保 for 医疗保险,
低保 for 最低生活保障. Each group lists words that mean the same thing::

    groups:
      - [公租房, 公共租赁住房]
      - [医保, 医疗保险, 基本医疗保险]

The words are applied when the index is built, not when a query runs: a document
holding one word of a group is indexed under the others too (``SearchDoc.aliases``;
in its title, under the title's), and its result record carries them (``"a"``) so
the browser's phrase check accepts it. A query costs no byte more, and search.js
and the Python mirror need no list of their own.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from typing import Annotated

from pydantic import AfterValidator, Field, ValidationError

from ...content import Content
from ...errors import Problem
from ...files import is_plain
from ...model.common import Model, Text, bilingual, problems_from_validation
from ...search.tokenize import compact
from ...yamlio import YamlProblem, load_yaml

SYNONYMS_FILE = "search_synonyms.yml"


def _check_group(group: list[str]) -> list[str]:
    words = [compact(w)[0] for w in group]
    short = [w for w, c in zip(group, words) if len(c) < 2]
    if short:
        raise bilingual(f"“{short[0]}”太短：每个词至少两个汉字、字母或数字",
                        f"{short[0]!r} is too short: a word needs two or more Chinese characters, letters or digits")
    if len(set(words)) < 2:
        raise bilingual("一组同义词至少要有两个不同的词；请补充或删除这一组",
                        "a synonym group needs two or more different words; add one or remove the group")
    return group


SynonymGroup = Annotated[list[Text], AfterValidator(_check_group)]


class SearchSynonyms(Model):
    """content/search_synonyms.yml: groups of words that mean the same thing in a search."""

    groups: list[SynonymGroup] = Field(description="同义词组，每组两个或以上的词，例如 [公租房, 公共租赁住房] "
                                                   "(groups of two or more words that mean the same)")


def load_synonyms(root: Path, display_root: str = "content") -> tuple[list[tuple[str, ...]], list[Problem]]:
    """The groups of ``<root>/search_synonyms.yml`` (none when absent) and the problems found."""
    path = Path(root) / SYNONYMS_FILE
    display = f"{display_root.rstrip('/')}/{SYNONYMS_FILE}"
    if not is_plain(Path(root), path) or not path.is_file():  # a symlink is reported where it stands
        return [], []
    try:
        located = load_yaml(path.read_text(encoding="utf-8"), display)
    except YamlProblem as exc:
        return [], list(exc.problems)
    if located.data is None:
        return [], []
    if not isinstance(located.data, dict):
        return [], [Problem(display, 1, 1, "", "search_synonyms.yml 应为 groups: 加同义词组列表",
                            "search_synonyms.yml must be a mapping with groups: and a list of word groups")]
    try:
        model = SearchSynonyms.model_validate(located.data)
    except ValidationError as exc:
        return [], problems_from_validation(exc, SearchSynonyms, located, display)
    return [tuple(group) for group in model.groups], []


def check_synonyms(content: Content, as_of: dt.date) -> list[Problem]:
    """Errors of content/search_synonyms.yml, located (the build stops on them)."""
    return load_synonyms(content.root, content.display_root)[1]


def aliases(text: str, groups: list[tuple[str, ...]]) -> str:
    """The words of every group some word of which ``text`` holds, less those it holds itself
    (compared as search compares: folded, punctuation and spaces ignored)."""
    held = compact(text)[0]
    found: list[str] = []
    for group in groups:
        words = [compact(w)[0] for w in group]
        if any(w in held for w in words):
            found += [w for w in words if w not in held and w not in found]
    return " ".join(found)
