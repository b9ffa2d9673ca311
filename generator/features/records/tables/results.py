"""行政许可 / 行政处罚结果: the masked table of a record's results file, as HTML and as data.

The file is read and checked by the core (:mod:`generator.result_tables`, shared with the
annual report's counts); here every row goes through :mod:`.masking` before it is shown.
On a phone the table's rows become cards (the theme's ``doc-list`` style: each cell
labelled by its heading); on a wide screen it scrolls sideways in its ``table-wrap``, which
is therefore focusable (a keyboard can scroll it) and named by the caption.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Optional

from markupsafe import escape

from ....errors import Problem, Severity
from ....model.record import RESULT_KIND_LABELS
from ....result_tables import HEADINGS, ResultTable, read_results
from .masking import mask_rows

if TYPE_CHECKING:
    from ....content import Content, Entry

NOTE = "自然人姓名、证件号码等个人信息已按规定隐去部分内容。"


def masked_table(content: "Content", entry: "Entry") -> Optional[tuple[tuple[str, ...], list[list[str]]]]:
    """(headings, masked rows) of the record's results, or None when the file cannot be read."""
    table, _ = read_results(content, entry)
    if table is None or not table.columns:
        return None
    headings = HEADINGS[table.kind]
    return headings, [[masked.cells.get(h, "") for h in headings] for masked in mask_rows(table)]


def results_data(content: "Content", entry: "Entry") -> Optional[dict[str, Any]]:
    found = masked_table(content, entry)
    if found is None:
        return None
    headings, rows = found
    return {"columns": list(headings), "rows": rows}


def results_html(content: "Content", entry: "Entry") -> str:
    found = masked_table(content, entry)
    if found is None:
        return ""
    headings, rows = found
    label = RESULT_KIND_LABELS[entry.model.results.kind]
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headings)
    body = "".join("<tr>" + "".join(f'<td data-label="{escape(h)}">{escape(v)}</td>' for h, v in zip(headings, row))
                   + "</tr>\n" for row in rows)
    caption = f"results-{entry.id}"
    return (f'<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{escape(caption)}">\n'
            f'<table class="doc-list result-table">\n'
            f'<caption id="{escape(caption)}">{escape(label)}结果（共{len(rows)}条）</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n</div>\n"
            f'<p class="table-note">{NOTE}</p>')


def check_results(content: "Content", entry: "Entry") -> Iterator[Problem]:
    """The file's reference, its headings and cells, and the personal data found where none belongs."""
    table, problems = read_results(content, entry)
    yield from problems
    if table is None:
        return
    yield from table.problems
    if table.columns and not table.rows:
        yield Problem(table.display, 1, 1, "", "结果表只有标题行，没有数据；请填写结果，或删除本条目",
                      "the results table has headings but no rows; fill in the results or delete the record",
                      Severity.WARNING)
    yield from _privacy_warnings(table)


def _privacy_warnings(table: ResultTable) -> Iterator[Problem]:
    for masked in mask_rows(table):
        for heading, finding in masked.findings:
            yield Problem(table.display, masked.row.line, table.column(heading), heading,
                          f"第{masked.row.line}行“{heading}”：{finding.zh}（网页和开放数据中已显示为 {finding.suggestion}）",
                          f"row {masked.row.line}, “{heading}”: {finding.en} (pages and open data show "
                          f"{finding.suggestion} already)", Severity.WARNING)
