"""Secrecy and internal-use marks that must never reach a public page.

A classification level (绝密 / 机密 / 秘密) counts as a *mark* only when it is
written the way marks are written:

* with a star: ``秘密★1年``, ``机密★``, ``绝密 ★ 长期`` (★ or ☆);
* with a secrecy period: ``秘密 保密期限：1年``, ``机密（保密期限…）``;
* after a 密级 label: ``密级：秘密``;
* alone on its line (a document head), maybe with a period or Markdown
  decoration: ``**秘密**``, ``机密 长期``.

Internal-use marks: ``内部资料`` / ``内部文件`` / ``内部材料`` followed by
``注意保存`` (or 请勿外传 / 不得外传 / 妥善保管), or with a star, or in brackets
(``【内部资料】``), or any of them alone on a line (``注意保存``).

Deliberately not marks: the same words inside ordinary sentences
(商业秘密, 保守国家秘密, 涉及国家秘密的保密期限, 机密性, 工作秘密, 内部资料不得上网,
请注意保存票据).
"""
from __future__ import annotations

import re

from .findings import Finding

_LEVEL = r"(?:绝密|机密|秘密)"
_PERIOD = r"(?:\d+\s*(?:个月|年)|[一二三四五六七八九十]+(?:个月|年)|长期)"
_OPEN = r"[\s#>*_【\[（(〔]*"
_CLOSE = r"[\s*_】\]）)〕]*"
_INTERNAL = r"(?:内部资料|内部文件|内部材料)"
_KEEP = r"(?:注意保存|请勿外传|不得外传|妥善保管)"

_CLASSIFIED = "classified"
_INTERNAL_USE = "internal"

# (pattern, which message); the group "mark" is the span reported.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?P<mark>{_LEVEL}\s*[★☆]\s*{_PERIOD}?)"), _CLASSIFIED),
    (re.compile(rf"(?<![\u4e00-\u9fff])(?P<mark>{_LEVEL}\s*[（(]?\s*保密期限"
                rf"(?:\s*[：:]\s*{_PERIOD})?[）)]?)"), _CLASSIFIED),
    (re.compile(rf"(?P<mark>密级\s*[：:]\s*{_LEVEL})"), _CLASSIFIED),
    (re.compile(rf"^{_OPEN}(?P<mark>{_LEVEL}(?:\s*{_PERIOD})?){_CLOSE}$", re.MULTILINE), _CLASSIFIED),
    (re.compile(rf"(?P<mark>{_INTERNAL}[\s，,、]*{_KEEP})"), _INTERNAL_USE),
    (re.compile(rf"(?P<mark>{_INTERNAL}\s*[★☆])"), _INTERNAL_USE),
    (re.compile(rf"[【\[（(〔]\s*(?P<mark>{_INTERNAL}|{_KEEP})\s*[】\]）)〕]"), _INTERNAL_USE),
    (re.compile(rf"^{_OPEN}(?P<mark>{_INTERNAL}|{_KEEP}|仅供内部使用){_CLOSE}$", re.MULTILINE),
     _INTERNAL_USE),
)

_MESSAGES = {
    _CLASSIFIED: ("出现密级标志“{v}”：涉密信息严禁在互联网发布；请撤下此内容，经保密审查确认已解密后"
                  "删除密级标志再发布",
                  "classification mark \"{v}\": classified information must never be published "
                  "online; withdraw it, and publish only after the confidentiality review confirms "
                  "it was declassified and the mark is removed"),
    _INTERNAL_USE: ("出现内部资料标志“{v}”：表明该文件不宜公开；请经保密审查确认可以公开并删除该标志，"
                    "否则不要发布",
                    "internal-use mark \"{v}\": the document is not meant for the public; publish "
                    "only after the confidentiality review approves it and the mark is removed"),
}


def _finding(match: re.Match[str], which: str) -> Finding:
    start, end = match.span("mark")
    value = match.group("mark")
    zh, en = _MESSAGES[which]
    return Finding("secrecy_mark", start, end, value, "", zh.format(v=value), en.format(v=value))


def find_secrecy_marks(text: str) -> list[Finding]:
    """Classification and internal-use marks in ``text``, sorted by position, never overlapping."""
    found = [_finding(match, which) for pattern, which in _PATTERNS for match in pattern.finditer(text)]
    found.sort(key=lambda finding: (finding.start, -(finding.end - finding.start)))
    kept: list[Finding] = []
    for finding in found:
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept
