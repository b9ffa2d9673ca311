"""Serious typos (严重错别字) and misspelt names of issuing bodies.

Typos come from a list of rules, ``generator/data/typos.yml`` by default: each
names the wrong text, the right text, a short note, and the longer correct
phrases that happen to contain the wrong text (按装修 is 按 + 装修, not 按装).
Only listed mistakes are reported: there is no guessing from a dictionary.

Organisation names: given the official names (人民政府 / 办公室 / 委员会 / 局),
a span of Chinese characters is a near miss when it starts with the same
character as an official name, ends with the same character (the suffix),
has its length ±1, and is 1 edit away (2 for names of 10 characters or more):
清河县人名政府 for 清河县人民政府. Exact official names, abbreviations that
differ by more (清河县政府), other bodies two characters away (清河县公安局 for
清河县财政局) and names without one of the suffixes are left alone. A real
neighbouring body one character away (清水县人民政府) is still reported, which
is why these findings are warnings.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

from ..errors import Problem
from ..yamlio import Located, YamlProblem, dotted, load_yaml
from .findings import Finding

DEFAULT_TYPOS = Path(__file__).resolve().parent.parent / "data" / "typos.yml"
ORG_SUFFIXES = ("人民政府", "办公室", "委员会", "局")
_CJK = re.compile(r"[\u3007\u4e00-\u9fff]+")
_RULE_KEYS = {"wrong", "right", "note", "unless", "pattern"}


@dataclass(frozen=True)
class TypoRule:
    """One known mistake: ``wrong`` → ``right``, why, and where it is not a mistake."""

    wrong: str
    right: str
    note: str = ""
    unless: tuple[str, ...] = ()   # correct phrases containing ``wrong`` (按装修)
    pattern: Optional[str] = None  # a regular expression matched instead of ``wrong``

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern that finds this mistake."""
        return re.compile(self.pattern if self.pattern else re.escape(self.wrong))


def _rule_problems(item: Any, index: int, located: Located, display: str) -> list[Problem]:
    """What is wrong with the ``index``-th rule of a typo list, located in the file."""
    line, col = located.where(("rules", index))
    def problem(zh: str, en: str) -> Problem:
        return Problem(display, line, col, dotted(("rules", index)), zh, en)
    if not isinstance(item, dict):
        return [problem("每条规则须包含 wrong、right 和 note", "each rule needs wrong, right and note")]
    problems = []
    if not all(isinstance(item.get(key), str) and item.get(key) for key in ("wrong", "right")):
        problems.append(problem("规则缺少 wrong 或 right", "the rule needs both wrong and right"))
    for key in sorted(set(item) - _RULE_KEYS):
        problems.append(problem(f"未知的键 {key}；可用的键：wrong、right、note、unless、pattern",
                                f"unknown key {key}; use wrong, right, note, unless, pattern"))
    unless, wrong = item.get("unless") or [], str(item.get("wrong") or "")
    if not isinstance(unless, list) or any(not isinstance(u, str) or wrong not in u for u in unless):
        problems.append(problem("unless 须为包含 wrong 文字的短语列表",
                                "unless must be a list of phrases that contain the wrong text"))
    try:
        re.compile(item.get("pattern") or "")
    except (re.error, TypeError) as exc:
        problems.append(problem(f"pattern 不是有效的正则表达式：{exc}", f"pattern is not a valid regular expression: {exc}"))
    return problems


def _to_rule(item: dict[str, Any]) -> TypoRule:
    return TypoRule(item["wrong"], item["right"], item.get("note") or "",
                    tuple(item.get("unless") or ()), item.get("pattern") or None)


def load_typo_rules(path: Optional[Path] = None) -> list[TypoRule]:
    """Read a typo list (default ``generator/data/typos.yml``).

    Raises :class:`~generator.yamlio.YamlProblem` with located messages when the
    file is malformed or a rule is incomplete.
    """
    path = Path(path) if path is not None else DEFAULT_TYPOS
    display = str(path)
    located = load_yaml(path.read_text(encoding="utf-8"), display)
    rules = located.data.get("rules") if isinstance(located.data, dict) else None
    if not isinstance(rules, list):
        raise YamlProblem([Problem(display, 1, 1, "rules", "文件须有 rules: 列表",
                                   "the file needs a rules: list")])
    problems = [p for i, item in enumerate(rules) for p in _rule_problems(item, i, located, display)]
    if problems:
        raise YamlProblem(problems)
    return [_to_rule(item) for item in rules]


@functools.lru_cache(maxsize=1)
def _default_rules() -> tuple[TypoRule, ...]:
    return tuple(load_typo_rules())


def _is_excepted(text: str, start: int, value: str, unless: tuple[str, ...]) -> bool:
    """True when the match at ``start`` lies inside one of the correct phrases."""
    for phrase in unless:
        at = phrase.find(value)
        while at >= 0:
            if start - at >= 0 and text.startswith(phrase, start - at):
                return True
            at = phrase.find(value, at + 1)
    return False


def _typo_finding(rule: TypoRule, start: int, end: int, value: str) -> Finding:
    note = f"（{rule.note}）" if rule.note else ""
    return Finding("typo", start, end, value, rule.right,
                   f"疑似错别字或不规范用语“{value}”，应为“{rule.right}”{note}",
                   f"suspected misspelling or non-standard wording \"{value}\": "
                   f"write \"{rule.right}\"")


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """Sorted by position; of overlapping findings the earlier (then longer) one is kept."""
    findings = sorted(findings, key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for finding in findings:
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept


def find_typos(text: str, rules: Optional[Sequence[TypoRule]] = None) -> list[Finding]:
    """Known serious typos in ``text``; ``rules`` default to ``generator/data/typos.yml``."""
    rules = _default_rules() if rules is None else rules
    found = [_typo_finding(rule, match.start(), match.end(), match.group())
             for rule in rules for match in rule.regex.finditer(text)
             if not _is_excepted(text, match.start(), match.group(), rule.unless)]
    return _without_overlaps(found)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _allowed_edits(name: str) -> int:
    # Two edits in a short name turn one body into another (清河县财政局 / 清河县公安局).
    return 2 if len(name) >= 10 else 1


def _inside_exact_names(text: str, names: Sequence[str]) -> set[int]:
    """End offsets that fall inside (or at the end of) an exact official name."""
    return {end for name in names for match in re.finditer(re.escape(name), text)
            for end in range(match.start() + 1, match.end() + 1)}


def _best_near_miss(text: str, end: int, names: Sequence[str]) -> Optional[tuple[int, int, str]]:
    """(distance, start, official name) of the closest near miss ending at ``end``, if any."""
    best: Optional[tuple[int, int, str]] = None
    for name in names:
        for length in (len(name), len(name) - 1, len(name) + 1):
            start = end - length
            window = text[max(start, 0):end]
            if start < 0 or window[0] != name[0] or not _CJK.fullmatch(window):
                continue
            distance = edit_distance(window, name, _allowed_edits(name))
            if 1 <= distance <= _allowed_edits(name) and (best is None or distance < best[0]):
                best = (distance, start, name)
    return best


def _org_finding(start: int, end: int, value: str, name: str) -> Finding:
    return Finding("org_name", start, end, value, name,
                   f"机构名称“{value}”与正式名称“{name}”不一致，疑似错字；请核对后改为“{name}”",
                   f"the body's name \"{value}\" differs from the official name \"{name}\"; "
                   f"check it and write \"{name}\"")


def find_org_name_mismatches(text: str, official_names: Sequence[str],
                             suffixes: Sequence[str] = ORG_SUFFIXES) -> list[Finding]:
    """Near misses of ``official_names`` in ``text`` (清河县人名政府 for 清河县人民政府)."""
    names = [n for n in dict.fromkeys(official_names) if len(n) >= 4 and n.endswith(tuple(suffixes))]
    exact = _inside_exact_names(text, official_names)
    by_last: dict[str, list[str]] = {}
    for name in names:
        by_last.setdefault(name[-1], []).append(name)
    found = []
    for index, char in enumerate(text):
        end = index + 1
        if char not in by_last or end in exact:
            continue
        best = _best_near_miss(text, end, by_last[char])
        if best is not None:
            found.append(_org_finding(best[1], end, text[best[1]:end], best[2]))
    return _without_overlaps(found)
