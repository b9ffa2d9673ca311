"""The 依申请公开 pages in search and the year's figures as open data (data/requests.json|csv)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

from test_requests import figures_yml

from generator.features.search.site_search import search_docs
from generator.pipeline import plan_build


def test_the_request_pages_are_search_results_with_their_own_filter(scratch_site):
    plan = plan_build(scratch_site.root, dt.date(2026, 11, 21), "content")
    docs = {d.url: d for d in search_docs(plan.site, plan.search_entries(), items=plan.search_items())}
    guide, form = docs["requests/"], docs["requests/form/"]
    assert (guide.title, guide.genre, guide.genre_label) == ("依申请公开", "requests", "依申请公开")
    assert "20个工作日内予以答复" in guide.text and "<p>" not in guide.text
    assert form.title == "政府信息公开申请表" and "申请人信息" in form.text


def test_the_years_figures_are_open_data_up_to_the_as_of_year(scratch_site, tmp_path):
    scratch_site.write("requests/2025.yml", figures_yml())
    scratch_site.write("requests/2027.yml", figures_yml())   # a later year: not yet shown
    out = tmp_path / "site"
    assert scratch_site.build(out) == 0
    data = json.loads((out / "data/requests.json").read_text("utf-8"))
    assert [d["year"] for d in data] == [2025]
    assert data[0]["applications"]["new"]["total"] == 5
    rows = list(csv.reader(io.StringIO((out / "data/requests.csv").read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["年度 year", "分组 group", "项目 row", "键 key", "自然人 natural", "商业企业 business",
                       "科研机构 research", "社会公益组织 nonprofit", "法律服务机构 legal", "其他 other", "总计 total"]
    assert rows[1][:4] == ["2025", "", "一、本年新收政府信息公开申请数量", "new"] and rows[1][-1] == "5"


def test_no_figures_no_request_data(scratch_site, tmp_path):
    out = tmp_path / "site"
    assert scratch_site.build(out) == 0
    assert not (out / "data/requests.json").exists()


def test_the_figures_are_listed_on_the_open_data_page(scratch_site, tmp_path):
    scratch_site.write("requests/2025.yml", figures_yml())
    out = tmp_path / "site"
    assert scratch_site.build(out) == 0
    manifest = json.loads((out / "data/index.json").read_text("utf-8"))
    titles = [d["title"] for d in manifest["datasets"]]
    assert "依申请公开情况统计（JSON）" in titles and "依申请公开情况统计（CSV）" in titles
