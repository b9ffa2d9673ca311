"""Cell-by-cell privacy of a results table: what a page, the open data and a feed may show.

The rules, and why:

* **自然人**: the name shows as surname + 某某 (张三 -> 张某某; 欧阳娜娜 -> 欧阳某某, the common
  two-character surnames kept whole). The decision concerns a private person; the
  surname with 某某 is the form the 双公示 practice and court judgments use, and it lets
  the person recognise their own decision without the public identifying them.
* **个体工商户**: the business name shows (it is a registered trade name), but the
  operator in 法定代表人 is a natural person and is masked like one: a 个体工商户 is a
  person's business, and the name and 信用代码 already identify it.
* **法人及非法人组织**: the legal representative shows (registered public information).
* **证件号码**, whatever the category, is masked: the first 2 and the last 3 characters
  kept, every other one a ``*`` (35*************123). That is the masked form the
  pre-publication review itself suggests (``generator/detectors/privacy.py``) and the
  form inspection notices use (DOMAIN.md): keeping the first 6 (the county of birth)
  and the last 4 would narrow a masked name down to a few people in a county's own table.
* A masked person's full name is also masked wherever else it appears in the row (违法
  事实 "张三于…", a trade name "张三小吃店"): a name masked in one column and printed in
  the next would be masked nowhere.
* **Any other cell** in which the review's detectors find a resident ID (18 or 15
  digits, a mistyped one too), a mobile or a bank card number has that number masked
  as the detector suggests (138****1234), and the check reports it as a warning with the
  file, the row and the column: the number was not meant to be there.
* A 统一社会信用代码 whose check character is right is an organisation's code, shown as it is.

Nothing unmasked leaves this module: :func:`mask_rows` is the only way the tables read
rows for output.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ....detectors import find_personal_data
from ....detectors.findings import Finding
from ....result_tables import (BUSINESS, CATEGORY, CREDIT_CODE, ID_NUMBER, NAME, PERSON, REPRESENTATIVE,
                               ResultRow, ResultTable)

PRIVACY_KINDS = frozenset({"id_card", "id_card_15", "id_card_typo", "mobile", "bank_card"})
#: Two-character surnames (复姓) still in use, kept whole when a name is masked.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 轩辕 端木 独孤 南宫 西门 呼延 闻人 "
    "澹台 公冶 太史 申屠 钟离 赫连 万俟 濮阳 淳于 单于 司空 百里 东郭 南门 羊舌 微生 梁丘 左丘 第五".split())
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def mask_name(name: str) -> str:
    """A natural person's name as surname + 某某; a name already masked (张某, 张某某) stays."""
    name = name.strip()
    if not name or "某" in name:
        return name
    surname = name[:2] if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else name[0]
    return surname + "某某"


def mask_document(number: str) -> str:
    """An identity document number with all but its first 2 and last 3 characters starred."""
    number = "".join(number.split())
    if len(number) <= 5:
        return "*" * len(number)
    return number[:2] + "*" * (len(number) - 5) + number[-3:]


def is_credit_code(text: str) -> bool:
    """An 18-character 统一社会信用代码 whose check character (GB 32100) is right."""
    text = text.strip().upper()
    if len(text) != 18 or any(c not in _USCC_CHARS for c in text):
        return False
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(text, _USCC_WEIGHTS))
    return text[17] == _USCC_CHARS[(31 - total % 31) % 31]


@dataclass(frozen=True)
class Masked:
    """A row as it may be published, and the numbers found where none was expected."""

    row: ResultRow
    cells: dict[str, str]
    findings: tuple[tuple[str, Finding], ...]   # (heading, finding in the original cell)


def _people(row: ResultRow) -> list[str]:
    """The full names of natural persons in the row, longest first (masked wherever they appear)."""
    category = row.get(CATEGORY)
    names = [row.get(NAME)] if category == PERSON else []
    if category in (PERSON, BUSINESS):
        names.append(row.get(REPRESENTATIVE))
    return sorted({n for n in names if len(n) >= 2 and "某" not in n}, key=len, reverse=True)


def _mask_numbers(text: str) -> tuple[str, list[Finding]]:
    findings = [f for f in find_personal_data(text) if f.kind in PRIVACY_KINDS]
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = text[:finding.start] + finding.suggestion + text[finding.end:]
    return text, findings


def mask_row(row: ResultRow) -> Masked:
    """One row with the rules of the module doc applied to every cell."""
    category, people = row.get(CATEGORY), _people(row)
    cells: dict[str, str] = {}
    found: list[tuple[str, Finding]] = []
    for heading, value in row.cells:
        if heading == ID_NUMBER:
            cells[heading] = mask_document(value) if value else ""
            continue
        if heading == NAME and category == PERSON or heading == REPRESENTATIVE and category in (PERSON, BUSINESS):
            value = mask_name(value)
        elif not (heading == CREDIT_CODE and is_credit_code(value)):
            value, findings = _mask_numbers(value)
            found += [(heading, f) for f in findings]
        for person in people:
            value = value.replace(person, mask_name(person))
        cells[heading] = value
    return Masked(row, cells, tuple(found))


def mask_rows(table: ResultTable) -> Iterator[Masked]:
    for row in table.rows:
        yield mask_row(row)
