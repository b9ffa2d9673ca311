"""The year's on-request figures as open data: ``data/requests.json`` (each year's tables 三
and 四 as the files hold them) and ``data/requests.csv`` (one row per line of table 三, by
applicant type), for the years up to the as-of year."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...applications import applicant_rows
from ...files import write_files
from ...registry import DataFile
from ...model.report import APPLICANT_COLUMNS
from ...site import Site
from .pages import shown_figures

if TYPE_CHECKING:
    from ...plan import Plan

JSON_PATH = "data/requests.json"
CSV_PATH = "data/requests.csv"


def figures_data(site: Site) -> list[dict[str, Any]]:
    """Oldest year first: {year, applications, appeals} with the files' own keys."""
    return [{"year": year, **figures.model_dump(mode="json")} for year, figures in reversed(shown_figures(site))]


def figures_csv(site: Site) -> bytes:
    """UTF-8 with BOM; the row's label as the official template words it (no cell starts a formula)."""
    out = io.StringIO(newline="")
    table = csv.writer(out, lineterminator="\r\n")
    table.writerow(["年度 year", "分组 group", "项目 row", "键 key",
                    *(f"{label} {key}" for key, label in APPLICANT_COLUMNS.items())])
    for year, figures in reversed(shown_figures(site)):
        for row in applicant_rows(figures.applications):
            values = row.values.model_dump()
            table.writerow([year, row.group, row.label, ".".join(row.path), *(values[k] for k in APPLICANT_COLUMNS)])
    return out.getvalue().encode("utf-8-sig")


def request_files(site: Site) -> dict[str, bytes]:
    """Nothing when no year's figures are shown."""
    if not shown_figures(site):
        return {}
    data = (json.dumps(figures_data(site), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return {JSON_PATH: data, CSV_PATH: figures_csv(site)}


def request_datasets(site: Site) -> list[DataFile]:
    """The figures as the 公共数据开放 page lists them."""
    files, years = request_files(site), len(shown_figures(site))
    if not files:
        return []
    return [DataFile(JSON_PATH, "依申请公开情况统计（JSON）", "各年度收到和处理政府信息公开申请情况及行政复议、行政诉讼情况。",
                     "JSON", "application/json", files[JSON_PATH], years),
            DataFile(CSV_PATH, "依申请公开情况统计（CSV）", "各年度收到和处理政府信息公开申请情况，每行一个项目，按申请人类型分列。",
                     "CSV", "text/csv", files[CSV_PATH], None)]


def write_request_data(plan: "Plan", site_dir: Path) -> None:
    write_files(site_dir, request_files(plan.site), plan.cache)
