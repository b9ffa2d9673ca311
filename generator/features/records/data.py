"""Open data of the records: JSON and CSV per section (``data/records/<section>.json|csv``)
and of every record (``data/records.json|csv``), with each record's typed table when it
has one. Only shown records (published, proactive); CSV cells that a spreadsheet would run
as a formula are neutralised."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...files import write_files
from ...registry import DataFile
from ...site import Site, absolute_url
from . import tables
from .records import Shown, all_shown, shown_records

if TYPE_CHECKING:
    from ...plan import Plan

DATA = "data/records"
LIST_SEP = "；"
#: What starts a formula in Excel, LibreOffice and Google Sheets (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_COLUMNS = (("编号 id", "id"), ("栏目 section", "section"), ("栏目名称 section_title", "section_title"),
               ("标题 title", "title"), ("发布机构 issuers", "issuers"), ("发布日期 published", "published"),
               ("更新日期 updated", "updated"), ("索引号 index_no", "index_no"), ("文号 doc_number", "doc_number"),
               ("主题分类 topics", "topics"), ("关键词 keywords", "keywords"), ("内容概述 summary", "summary"),
               ("有效期至 valid_until", "valid_until"), ("已过有效期 expired", "expired"),
               ("被替代 superseded_by", "superseded_by"), ("替代 replaces", "replaces"),
               ("附件 attachments", "attachments"), ("网址 url", "url"))


def section_data_urls(key: str) -> tuple[str, str]:
    """The JSON and CSV of one section."""
    return f"{DATA}/{key}.json", f"{DATA}/{key}.csv"


def record_data(site: Site, record: Shown) -> dict[str, Any]:
    """One record as open data; ``table`` only when the record has a typed table."""
    m = record.model
    data: dict[str, Any] = {
        "id": record.id, "section": record.key, "section_title": record.section.title, "title": m.title,
        "issuers": [{"id": o.id, "name": o.name} for o in record.issuers],
        "published": m.published.isoformat(), "updated": m.updated.isoformat() if m.updated else None,
        "index_no": record.index_no or None, "doc_number": m.doc_number, "topics": list(m.topics),
        "keywords": list(m.keywords), "summary": m.summary,
        "valid_until": m.valid_until.isoformat() if m.valid_until else None, "expired": record.expired,
        "superseded_by": record.superseded_by.id if record.superseded_by else None,
        "replaces": [e.id for e in record.replaces],
        "attachments": [{"title": a.title, "url": absolute_url(site, f"files/{a.file}")} for a in m.attachments],
        "url": absolute_url(site, record.url),
    }
    table = tables.table_data(site, record.entry)
    if table is not None:
        data["table"] = table
    return data


def to_json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def safe_cell(value: Any) -> str:
    """A CSV cell as text; one a spreadsheet would read as a formula gets a leading '."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "是" if value else "否"
    elif isinstance(value, list):
        text = LIST_SEP.join(item["name"] if isinstance(item, dict) and "name" in item else
                             item["url"] if isinstance(item, dict) else str(item) for item in value)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(records: list[dict[str, Any]]) -> bytes:
    """UTF-8 with BOM, a bilingual header, one row per record (tables are in the JSON only)."""
    out = io.StringIO(newline="")
    table = csv.writer(out, lineterminator="\r\n")
    table.writerow([header for header, _ in CSV_COLUMNS])
    for record in records:
        table.writerow([safe_cell(record[key]) for _, key in CSV_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def record_files(site: Site) -> dict[str, bytes]:
    """Every records data file, path -> bytes; nothing for a site without shown records.
    Computed once per site: the 公共数据开放 page lists them, the writer writes them."""
    if "record_files" not in site.memo:
        site.memo["record_files"] = _record_files(site)
    return site.memo["record_files"]  # type: ignore[return-value]


def record_datasets(site: Site) -> list[DataFile]:
    """The files as the 公共数据开放 page and data/index.json list them: all records, then each section."""
    files = record_files(site)
    if not files:
        return []
    counts = {key: len(items) for key, items in shown_records(site).items() if items}
    found = [DataFile(f"{DATA}.json", "信息条目（JSON）", "法定主动公开内容各栏目的全部信息条目，每条一个记录，含栏目和数据表。",
                      "JSON", "application/json", files[f"{DATA}.json"], sum(counts.values())),
             DataFile(f"{DATA}.csv", "信息条目（CSV）", "与 JSON 相同的记录，不含数据表；UTF-8（带 BOM），列表以“；”分隔。",
                      "CSV", "text/csv", files[f"{DATA}.csv"], sum(counts.values()))]
    for key, count in counts.items():
        title = shown_records(site)[key][0].section.title
        json_url, csv_url = section_data_urls(key)
        found += [DataFile(json_url, f"{title}（JSON）", f"栏目“{title}”的信息条目。", "JSON", "application/json",
                           files[json_url], count),
                  DataFile(csv_url, f"{title}（CSV）", f"栏目“{title}”的信息条目。", "CSV", "text/csv",
                           files[csv_url], count)]
    return found


def _record_files(site: Site) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    everything = all_shown(site)
    if not everything:
        return files
    for key, records in shown_records(site).items():
        if records:
            data = [record_data(site, r) for r in records]
            json_url, csv_url = section_data_urls(key)
            files[json_url], files[csv_url] = to_json(data), to_csv(data)
    data = [record_data(site, r) for r in everything]
    files[f"{DATA}.json"], files[f"{DATA}.csv"] = to_json(data), to_csv(data)
    return files


def write_record_data(plan: "Plan", site_dir: Path) -> None:
    """Write ``data/records*`` into the output folder."""
    write_files(site_dir, record_files(plan.site), plan.cache)
