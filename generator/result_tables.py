"""The 行政许可 / 行政处罚 results tables (``results.file`` of a record): read, checked, counted.

A record of a permits or penalties section names a CSV (UTF-8, with or without BOM) or
XLSX file under ``content/assets/``; its first row holds the headings of
:data:`HEADINGS` (any order, each once), every further non-empty row one decision.
This core module reads and checks the file; the records feature's tables render it
(masked: ``generator/features/records/tables/``) and the reports feature counts its
decisions per year (:func:`decision_counts`): both share it here, since a feature never
imports another.

Safe by construction: the file is opened only when no symbolic link lies on its way
(:func:`generator.files.is_plain`) and it lies under ``content/assets/``; an XLSX is read
with ``read_only`` and ``data_only`` (the values Excel saved, no formula evaluated) and
``keep_links=False`` (external links are not loaded). A cell is text: a CSV cell
``=HYPERLINK(...)`` stays those characters. The parsed values are the file's own,
unmasked: never render them without the tables' masking.

For the same reason the file itself is not published (every other file under
``content/assets/`` is copied to ``files/`` as it is): the MkDocs plugin leaves the
:func:`result_files` out, and the asset review (:mod:`generator.review`) leaves them to the
records' table check, which masks their cells and warns about what it had to mask. A
person who wants the table takes the masked open data.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Iterator, Optional

from .errors import Problem, Severity
from .files import is_plain

if TYPE_CHECKING:
    from .content import Content, Entry

NAME, CATEGORY, CREDIT_CODE, REPRESENTATIVE, ID_NUMBER = "行政相对人名称", "行政相对人类别", "统一社会信用代码", \
    "法定代表人", "证件号码"
#: The headings of each kind of results table, in the order pages show them.
HEADINGS: dict[str, tuple[str, ...]] = {
    "permit": (NAME, CATEGORY, CREDIT_CODE, REPRESENTATIVE, ID_NUMBER, "许可决定文书号", "许可内容",
               "许可决定日期", "有效期自", "有效期至", "许可机关"),
    "penalty": (NAME, CATEGORY, CREDIT_CODE, REPRESENTATIVE, ID_NUMBER, "行政处罚决定书文号", "违法行为类型",
                "违法事实", "处罚依据", "处罚类别", "处罚内容", "罚款金额（万元）", "处罚决定日期", "处罚机关"),
}
#: Each kind's decision number and decision date headings.
NUMBER = {"permit": "许可决定文书号", "penalty": "行政处罚决定书文号"}
DECIDED = {"permit": "许可决定日期", "penalty": "处罚决定日期"}
DATES = {"permit": ("许可决定日期", "有效期自", "有效期至"), "penalty": ("处罚决定日期",)}
#: 行政相对人类别: the three values of the national 双公示 data standard.
ORGANISATION, BUSINESS, PERSON = "法人及非法人组织", "个体工商户", "自然人"
CATEGORIES = (ORGANISATION, BUSINESS, PERSON)
KIND_LABELS = {"permit": ("行政许可", "permit"), "penalty": ("行政处罚", "penalty")}

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def required(kind: str) -> tuple[str, ...]:
    """The headings whose cells may not be empty."""
    return NAME, CATEGORY, NUMBER[kind], DECIDED[kind]


@dataclass(frozen=True)
class ResultRow:
    """One decision: its place in the file (``line`` of a CSV, row of a sheet) and its cells by heading."""

    line: int
    cells: tuple[tuple[str, str], ...]

    def get(self, heading: str) -> str:
        return dict(self.cells).get(heading, "")


@dataclass(frozen=True)
class ResultTable:
    """A results file as read: ``columns`` in the file's order, the rows, what is wrong with them."""

    kind: str
    display: str                     # content/assets/<file>, as messages show it
    columns: tuple[str, ...]
    rows: tuple[ResultRow, ...]
    column_of: tuple[tuple[str, int], ...]   # heading -> 1-based column in the file
    problems: tuple[Problem, ...]
    sheets: tuple[str, ...] = ()             # an XLSX file's sheet names

    def column(self, heading: str) -> int:
        return dict(self.column_of).get(heading, 1)

    def decided(self, row: ResultRow) -> Optional[dt.date]:
        """The row's decision date, when it is a valid date."""
        return parse_date(row.get(DECIDED[self.kind]))


def parse_date(text: str) -> Optional[dt.date]:
    if not _DATE_RE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


# --- locating the file -------------------------------------------------------------------------

def asset_display(content: "Content", file: str) -> str:
    return f"{content.display_root.rstrip('/')}/assets/{file}"


def locate(content: "Content", entry: "Entry") -> tuple[Optional[Path], list[Problem]]:
    """The results file of ``entry`` under ``content/assets/``, or located problems saying why not."""
    file = entry.model.results.file
    parts = PurePosixPath(file.replace("\\", "/")).parts
    if not parts or parts[0] == "/" or ".." in parts or re.match(r"^[A-Za-z]:", file):
        return None, [entry.at("results", "file", zh=f"结果表 {file} 不在 content/assets/ 之下；请写相对于 "
                                                       f"content/assets/ 的路径，例如 permits/2026-01.csv",
                               en=f"results table {file} is not under content/assets/; write the path "
                                  f"relative to content/assets/, e.g. permits/2026-01.csv")]
    path = content.root / "assets" / Path(*parts)
    if not is_plain(content.root, path):
        return None, [entry.at("results", "file", zh=f"结果表 assets/{file} 是符号链接或位于符号链接之下，生成网站时"
                                                       f"不跟随符号链接；请把文件本身放到 content/assets/{file}",
                               en=f"results table assets/{file} is or lies under a symlink, which a build "
                                  f"never follows; put the file itself at content/assets/{file}")]
    if not path.is_file():
        return None, [entry.at("results", "file", zh=f"结果表 assets/{file} 不存在；请把文件放到 "
                                                       f"content/assets/{file}，或改正 file",
                               en=f"results table assets/{file} does not exist; put the file at "
                                  f"content/assets/{file} or correct file")]
    return path, []


def read_results(content: "Content", entry: "Entry") -> tuple[Optional[ResultTable], list[Problem]]:
    """The record's results table and the problems of its reference (the table carries its own)."""
    path, problems = locate(content, entry)
    if path is None:
        return None, problems
    results = entry.model.results
    table = _parse(path.read_bytes(), path.suffix.lower(), results.kind, results.sheet,
                   asset_display(content, results.file))
    if results.sheet is not None and table.sheets and results.sheet not in table.sheets:
        problems.append(entry.at("results", "sheet",
                                 zh=f"{results.file} 中没有名为“{results.sheet}”的工作表（现有：{'、'.join(table.sheets)}）；"
                                    f"请改正 sheet",
                                 en=f"{results.file} has no sheet “{results.sheet}” (it has: "
                                    f"{', '.join(table.sheets)}); correct sheet"))
    return table, problems


def result_entries(content: "Content", kind: Optional[str] = None) -> list["Entry"]:
    """Every loaded record with a results table (of ``kind``), by path."""
    found = [e for e in content.of("record").values() if getattr(e.model, "results", None) is not None]
    return sorted((e for e in found if kind is None or e.model.results.kind == kind), key=lambda e: e.path)


def result_files(content: "Content") -> set[str]:
    """The files under ``content/assets/`` (relative to it) that some record reads as a results table."""
    return {PurePosixPath(e.model.results.file.replace("\\", "/")).as_posix() for e in result_entries(content)}


# --- parsing ------------------------------------------------------------------------------------

@lru_cache(maxsize=128)
def _parse(raw: bytes, suffix: str, kind: str, sheet: Optional[str], display: str) -> ResultTable:
    """Read and check one file; remembered by its bytes (checks, pages, data and reports all ask)."""
    sheets: tuple[str, ...] = ()
    if suffix == ".xlsx":
        grid, problems, sheets = _xlsx_grid(raw, sheet, display)
        if sheet is not None and sheets and sheet not in sheets:
            return ResultTable(kind, display, (), (), (), (), sheets)
    else:
        grid, problems = _csv_grid(raw, display)
    if not grid and not problems:
        problems = [_problem(display, 1, 1, "", f"结果表是空的；第一行应为列标题：{'，'.join(HEADINGS[kind])}",
                             f"the results table is empty; its first row holds the headings: "
                             f"{','.join(HEADINGS[kind])}")]
    if not grid:
        return ResultTable(kind, display, (), (), (), tuple(problems), sheets)
    (_, heading_row), body = grid[0], grid[1:]
    columns = tuple(cell.strip() for cell in heading_row)
    problems += _heading_problems(kind, columns, display)
    column_of = {h: i for i, h in reversed(list(enumerate(columns, 1))) if h}
    rows: list[ResultRow] = []
    for line, cells in body:
        if not any(cell.strip() for cell in cells):
            continue
        problems += _extra_cells(columns, line, cells, display)
        row = ResultRow(line, tuple((h, cells[i - 1].strip() if i - 1 < len(cells) else "")
                                    for h, i in column_of.items() if h in HEADINGS[kind]))
        problems += _row_problems(kind, row, column_of, display)
        rows.append(row)
    problems += _repeated_numbers(kind, rows, column_of, display)
    return ResultTable(kind, display, columns, tuple(rows), tuple(column_of.items()), tuple(problems), sheets)


def _problem(display: str, line: int, column: int, key: str, zh: str, en: str,
             severity: Severity = Severity.ERROR) -> Problem:
    return Problem(display, line, column, key, zh, en, severity)


def _csv_grid(raw: bytes, display: str) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """(line, cells) of each CSV record; a bad byte is reported where it is."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line = before.count(b"\n") + 1
        return [], [_problem(display, line, 1, "", "结果表不是 UTF-8 编码（可能是 GBK）；请在 Excel 中另存为"
                                                   "“CSV UTF-8（逗号分隔）”",
                             f"the results table is not UTF-8 encoded (byte 0x{raw[exc.start]:02x}, perhaps GBK); "
                             f"save it from Excel as “CSV UTF-8 (comma delimited)”")]
    reader = csv.reader(io.StringIO(text, newline=""))
    grid, start = [], 1
    try:
        for cells in reader:
            grid.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        return [], [_problem(display, reader.line_num, 1, "", f"CSV 格式错误（{exc}）；请用 Excel 重新另存为 CSV UTF-8",
                             f"malformed CSV ({exc}); save it again from Excel as CSV UTF-8")]
    return grid, []


def _xlsx_grid(raw: bytes, sheet: Optional[str],
               display: str) -> tuple[list[tuple[int, list[str]]], list[Problem], tuple[str, ...]]:
    """(row number, cells as text) of the chosen sheet; formulas are not evaluated, links not loaded."""
    import openpyxl  # a declared dependency; imported here so that CSV-only sites never load it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # every reader error means the same to the author: cannot read it
        return [], [_problem(display, 1, 1, "", f"无法读取结果表（{type(exc).__name__}）；请确认文件是未加密的 .xlsx",
                             f"cannot read the results table ({type(exc).__name__}); make sure it is an "
                             f"unencrypted .xlsx file")], ()
    try:
        names = tuple(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            return [], [], names
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        return [(number, [cell_text(v) for v in values])
                for number, values in enumerate(worksheet.iter_rows(values_only=True), 1)], [], names
    finally:
        workbook.close()


def cell_text(value: Any) -> str:
    """A spreadsheet value as the text a person sees: 2026-03-05 for a date cell, 12 for 12.0."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _heading_problems(kind: str, columns: tuple[str, ...], display: str) -> Iterator[Problem]:
    expected = HEADINGS[kind]
    label, label_en = KIND_LABELS[kind]
    listed_zh, listed_en = "，".join(expected), ",".join(expected)
    seen: set[str] = set()
    for number, heading in enumerate(columns, 1):
        if not heading:
            continue
        if heading not in expected:
            yield _problem(display, 1, number, heading,
                           f"未知的列标题“{heading}”；{label}结果表的列标题应为：{listed_zh}",
                           f"unknown column heading “{heading}”; the headings of a {label_en} results table "
                           f"are: {listed_en}")
        elif heading in seen:
            yield _problem(display, 1, number, heading, f"列标题“{heading}”重复；每列只能出现一次，请删除多余的一列",
                           f"column heading “{heading}” appears twice; keep one column of it")
        seen.add(heading)
    for heading in expected:
        if heading not in seen:
            yield _problem(display, 1, 1, heading, f"缺少列标题“{heading}”；{label}结果表的列标题应为：{listed_zh}",
                           f"column heading “{heading}” is missing; the headings of a {label_en} results table "
                           f"are: {listed_en}")


def _extra_cells(columns: tuple[str, ...], line: int, cells: list[str], display: str) -> Iterator[Problem]:
    for number, cell in enumerate(cells, 1):
        if cell.strip() and (number > len(columns) or not columns[number - 1]):
            yield _problem(display, line, number, "", f"第{line}行第{number}列有内容但没有列标题；请删除它或补上列标题",
                           f"row {line}, column {number} has a value but no heading; delete it or add the heading")


def _row_problems(kind: str, row: ResultRow, column_of: dict[str, int], display: str) -> Iterator[Problem]:
    def at(heading: str, zh: str, en: str) -> Problem:
        return _problem(display, row.line, column_of.get(heading, 1), heading, zh, en)

    for heading in required(kind):
        if heading in column_of and not row.get(heading):
            yield at(heading, f"第{row.line}行“{heading}”为空；此列必须填写",
                     f"row {row.line}: “{heading}” is empty; this column is required")
    category = row.get(CATEGORY)
    if category and category not in CATEGORIES:
        yield at(CATEGORY, f"第{row.line}行“{CATEGORY}”为“{category}”；应为 {'、'.join(CATEGORIES)} 之一",
                 f"row {row.line}: “{CATEGORY}” is “{category}”; it must be one of {', '.join(CATEGORIES)}")
    for heading in DATES[kind]:
        value = row.get(heading)
        if value and parse_date(value) is None:
            yield at(heading, f"第{row.line}行“{heading}”为“{value}”，不是有效日期；请写成 YYYY-MM-DD，例如 2026-03-05",
                     f"row {row.line}: “{heading}” is “{value}”, not a valid date; write it as YYYY-MM-DD, "
                     f"e.g. 2026-03-05")
    start, end = parse_date(row.get("有效期自")), parse_date(row.get("有效期至"))
    if kind == "permit" and start and end and end < start:
        yield at("有效期至", f"第{row.line}行“有效期至” {end} 早于“有效期自” {start}；请改正其中之一",
                 f"row {row.line}: “有效期至” {end} is before “有效期自” {start}; correct one of them")


def _repeated_numbers(kind: str, rows: list[ResultRow], column_of: dict[str, int], display: str) -> Iterator[Problem]:
    """A 文书号 on two rows is usually a row pasted twice (the report counts it once): a warning."""
    first: dict[str, int] = {}
    heading = NUMBER[kind]
    for row in rows:
        number = row.get(heading)
        if number and number in first:
            yield _problem(display, row.line, column_of.get(heading, 1), heading,
                           f"第{row.line}行“{heading}” {number} 与第{first[number]}行重复；若是同一决定，请删除重复的一行",
                           f"row {row.line}: “{heading}” {number} repeats row {first[number]}; if it is the same "
                           f"decision, delete one of the rows", Severity.WARNING)
        first.setdefault(number, row.line)


# --- counting (the annual report) ---------------------------------------------------------------

def decision_counts(content: "Content", year: int) -> dict[str, Optional[int]]:
    """kind -> how many decisions of ``year`` the results tables hold, or None when no table
    holds one of that year (the tables do not cover it). A decision is counted once by its
    number (文书号) however many tables list it; a row without a valid date is not counted."""
    counts: dict[str, Optional[int]] = {}
    for kind in HEADINGS:
        numbers: set[str] = set()
        for entry in result_entries(content, kind):
            table, _ = read_results(content, entry)
            for row in table.rows if table else ():
                decided = table.decided(row)
                if decided and decided.year == year:
                    numbers.add(row.get(NUMBER[kind]) or f"{table.display}:{row.line}")
        counts[kind] = len(numbers) if numbers else None
    return counts

