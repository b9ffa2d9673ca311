"""What each records section adds beyond its pages: an Atom feed announced in its list's
head, search results filtered by section, open data (JSON, CSV), sitemap entries,
freshness per section, the CMS collections, and a site's own or renamed sections."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import pytest
from conftest import ScratchSite
from pagehtml import Site, texts
from records_site import add_records

from generator.features.cms.config import build_config
from generator.features.cms.fields import Choices, field_names, model_field_names
from generator.features.records.data import safe_cell
from generator.features.search.site_search import search_docs
from generator.freshness import review_freshness
from generator.mkdocs_plugin import site_nav
from generator.model.record import Record
from generator.model.site import CmsSettings, SiteConfig
from generator.pipeline import check_content, plan_build, plan_content
from generator.search.index import build_facets
from generator.site import resolve_site

ATOM = "{http://www.w3.org/2005/Atom}"
AS_OF = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def records_site(tmp_path_factory) -> ScratchSite:
    site = ScratchSite(tmp_path_factory.mktemp("records-out"))
    add_records(site, permits=3)
    site.write("permits/2026/formula.md", """\
        ---
        title: =HYPERLINK("http://evil.example","点击")
        issuer: test-office
        published: 2026-09-30
        doc_number: "-1+1"
        summary: "@SUM(A1)"
        ---

        公式注入测试。
        """)
    return site


@pytest.fixture(scope="module")
def built(records_site) -> Site:
    out = records_site.base / "out"
    assert records_site.build(out) == 0
    return Site(out)


def test_each_section_has_an_atom_feed_announced_in_its_list_head(built):
    feed = ET.parse(built.root / "feed-records-permits.xml").getroot()
    assert feed.find(f"{ATOM}title").text == "测试县人民政府信息公开：行政许可结果"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries][:2] == ["2026年10月第3批行政许可结果",
                                                                  "2026年10月第2批行政许可结果"]
    assert entries[0].find(f"{ATOM}link").attrib["href"] == "https://xxgk.test.example.gov.cn/permits/permit-03/"
    assert entries[0].find(f"{ATOM}published").text == "2026-10-03T00:00:00+08:00"
    links = [line for line in built.html("permits/").splitlines() if 'rel="alternate feed"' in line]
    assert any('href="../feed-records-permits.xml"' in line and "行政许可结果" in line for line in links)
    assert not (built.root / "feed-records-budgets.xml").exists()   # no records: no feed


def test_records_are_searchable_with_their_section_as_a_filter(records_site):
    plan = plan_build(records_site.root, AS_OF, "content")
    docs = search_docs(plan.site, plan.search_entries(), items=plan.search_items())
    record = next(d for d in docs if d.url == "plans/plan-13/")
    assert (record.kind, record.genre, record.genre_label, record.date) == (
        "record", "section-plans", "规划计划", "2016-03-01")
    assert record.text == "第一章 发展基础。" and record.doc_number == "测政发〔2016〕8号"
    genres = {value: (label, count) for value, label, count in build_facets(docs)["genre"]}
    assert genres["section-permits"] == ("行政许可结果", 4) and genres["section-leaders"] == ("领导信息", 1)


def test_the_search_page_offers_each_section_as_a_filter(built):
    options = texts(built.article("search/"), "option")
    assert "行政许可结果（4）" in options and "规划计划（2）" in options


def test_open_data_has_json_and_csv_per_section_and_for_all_records(built):
    plans = json.loads((built.root / "data/records/plans.json").read_text("utf-8"))
    assert [r["id"] for r in plans] == ["plan-14", "plan-13"]
    assert plans[1] | {"url": ""} == {
        "id": "plan-13", "section": "plans", "section_title": "规划计划",
        "title": "测试县国民经济和社会发展第十三个五年规划纲要",
        "issuers": [{"id": "test-county", "name": "测试县人民政府"}], "published": "2016-03-01", "updated": None,
        "index_no": "11990599MB0000001X/2016-00001", "doc_number": "测政发〔2016〕8号",
        "topics": ["国民经济管理、国有资产监管\\发展规划"], "keywords": [], "summary": "十三五时期的发展目标和主要任务。",
        "valid_until": "2020-12-31", "expired": True, "superseded_by": "plan-14", "replaces": [], "attachments": [],
        "url": ""}
    assert plans[0]["attachments"] == [{"title": "规划纲要全文",
                                        "url": "https://xxgk.test.example.gov.cn/files/files/plan-14.txt"}]
    everything = json.loads((built.root / "data/records.json").read_text("utf-8"))
    assert len(everything) == 7 and {r["section"] for r in everything} == {"plans", "leaders", "permits"}
    raw = (built.root / "data/records/permits.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["编号 id", "栏目 section", "栏目名称 section_title", "标题 title"]
    formula = next(r for r in rows if r[0] == "formula")
    assert formula[3] == "'=HYPERLINK(\"http://evil.example\",\"点击\")"
    assert formula[8] == "'-1+1" and formula[11] == "'@SUM(A1)"


@pytest.mark.parametrize("value, cell", [("=1+1", "'=1+1"), ("+86", "'+86"), ("-", "'-"), ("@x", "'@x"),
                                         ("\tx", "'\tx"), ("清政发", "清政发"), (None, ""), (True, "是"),
                                         (["a", "b"], "a；b")])
def test_csv_cells_that_start_a_formula_are_neutralised(value, cell):
    assert safe_cell(value) == cell


def test_records_are_in_sitemap_xml_and_on_the_site_map_page(built):
    sitemap = (built.root / "sitemap.xml").read_text("utf-8")
    for url in ("permits/", "permits/permit-01/", "plans/plan-13/", "leaders/county-head/"):
        assert f"<loc>https://xxgk.test.example.gov.cn/{url}</loc>" in sitemap
    page = built.article("sitemap/")
    assert "规划计划" in texts(page, "a") and "行政许可结果" in texts(page, "a")
    assert "预算" not in "".join(texts(page, "a"))   # empty sections are not listed


def test_freshness_flags_a_section_older_than_its_own_period(records_site):
    content, report = check_content(records_site.root, "content", AS_OF)
    assert report.errors == []
    result = review_freshness(resolve_site(content, AS_OF), git=False)
    stale = {p.key: p for p in result.report if result.kind_of(p) == "stale_column" and p.key.count("/") == 1}
    # permits: 31 days, newest 2026-10-03 (49 days); plans: 365 days, newest 2021-04-01; leaders: fresh
    assert sorted(stale) == ["permits/", "plans/"]
    assert str(stale["permits/"]) == (
        "content/permits:1:1: permits/: 栏目“行政许可结果”已 49 天没有新信息（最新 2026-10-03，超过 31 天）；"
        "请发布新的信息，或在 content/sections.yml 中为该栏目调整 stale_days (the section 行政许可结果 (permits/) "
        "has had nothing new for 49 days (newest 2026-10-03, limit 31); publish new records, or set the "
        "section's stale_days in content/sections.yml)")
    fresh = review_freshness(resolve_site(content, dt.date(2026, 10, 20)), git=False)
    assert "permits/" not in {p.key for p in fresh.report}


def test_a_cms_collection_per_records_section_covers_every_field(records_site):
    plan = plan_content(records_site.root, AS_OF, "content")
    cms = CmsSettings(backend="forgejo", repo="q/x", base_url="https://git.q.example.gov.cn",
                      api_root="https://git.q.example.gov.cn/api/v1", app_id="id")
    site = SiteConfig(name="测试", organization="o", base_url="https://x.example.gov.cn/", cms=cms)
    config = build_config(site, Choices(), records_site.root, types=plan.content_types)
    collections = {c["name"]: c for c in config["collections"]}
    for key, title in (("plans", "规划计划"), ("permits", "行政许可结果"), ("superior", "上级文件")):
        collection = collections[key]
        assert (collection["label"], collection["folder"]) == (title, f"content/{key}")
        assert model_field_names(Record) <= field_names(collection["fields"])
        assert "body" in field_names(collection["fields"])
    assert collections["permits"]["path"] == "{{year}}/{{slug}}"   # permits/2026/…
    superseded = next(f for f in collections["plans"]["fields"] if f["name"] == "superseded_by")
    assert (superseded["widget"], superseded["collection"], superseded["multiple"], superseded["required"]) == (
        "relation", "plans", False, False)
    budget = next(f for f in collections["budgets"]["fields"] if f["name"] == "budget")
    assert next(f for f in budget["fields"] if f["name"] == "kind")["label"] == "预算或决算"


# -- a site's own sections ---------------------------------------------------------------------

OWN_SECTIONS = """\
    sections:
      plans: {title: 发展规划, stale_days: 4000}
      local-news: {title: 乡镇动态, feature: records, stale_days: 30}
    """


def test_a_site_renames_a_records_section_and_adds_its_own(scratch_site, tmp_path):
    add_records(scratch_site, permits=1)
    scratch_site.write("sections.yml", OWN_SECTIONS)
    scratch_site.write("local-news/fair.md", "---\ntitle: 清河镇农民丰收节\nissuer: test-county\n"
                                             "published: 2026-09-23\n---\n丰收节举行。\n")
    plan = plan_build(scratch_site.root, AS_OF, "content")
    assert plan.report.ok, plan.report.format()
    group = next(item["法定主动公开内容"] for item in site_nav(plan) if "法定主动公开内容" in item)
    assert {"规划和统计": [{"发展规划": "plans.md"}]} in group and group[-1] == {"乡镇动态": "local-news.md"}
    assert plan.site.content.structure.sections["plans"].stale_days == 4000
    out = tmp_path / "site"
    assert scratch_site.build(out) == 0
    built = Site(out)
    assert texts(built.article("local-news/"), "h1") == ["乡镇动态"]
    assert texts(built.article("plans/"), "h1") == ["发展规划"]
    assert "乡镇动态" in texts(built.article("sitemap/"), "h2") + texts(built.article("sitemap/"), "a")
    assert json.loads((out / "data/records/local-news.json").read_text("utf-8"))[0]["section_title"] == "乡镇动态"
    assert (out / "feed-records-local-news.xml").is_file()


BAD_SECTIONS = """\
    sections:
      extra: {title: 其他, feature: lists}
      notitle: {feature: records}
      files: {title: 文件, feature: records}
      versions: {title: 历史, feature: records}
      current: {feature: records}
    """


def test_a_bad_added_section_is_a_located_error(scratch_site):
    scratch_site.write("sections.yml", BAD_SECTIONS)
    assert scratch_site.check() == [
        "content/sections.yml:2:31: sections.extra.feature: 本站只能新增信息条目栏目；请写 feature: records（现为 lists） "
        "(a site can add records sections only; write feature: records (not lists))",
        "content/sections.yml:3:3: sections.notitle: 新增栏目 notitle 需要栏目名称；请添加 title，例如 title: 特色栏目 "
        "(the new section notitle needs a title; add title, e.g. title: 特色栏目)",
        "content/sections.yml:4:3: sections.files: 栏目编号 files 已被网站的其他网址使用；请改用小写英文字母、数字和 -，"
        "且不与已有栏目重名，例如 local-news (the section id files is taken by another address of the site; use "
        "lower-case letters, digits and - and a name no other section has, e.g. local-news)",
        "content/sections.yml:5:3: sections.versions: 栏目 versions 的文件夹 content/versions/ 已用于其他内容；"
        "请为该栏目改用其他编号 (the folder content/versions/ of section versions already holds other content; "
        "give the section another id)",
        "content/sections.yml:6:22: sections.current.feature: 不能改变已有栏目 current 的功能（lists）；请删除 feature，"
        "或用新的栏目编号新增栏目 (the feature of the declared section current (lists) cannot change; remove "
        "feature, or add a section under a new id)",
    ]


def test_the_open_data_page_and_manifest_list_the_records_files(built):
    import hashlib
    manifest = json.loads((built.root / "data/index.json").read_text("utf-8"))
    listed = {d["url"].removeprefix("https://xxgk.test.example.gov.cn/"): d for d in manifest["datasets"]}
    for path, records in (("data/records.json", 7), ("data/records/permits.csv", 4), ("data/records/plans.json", 2)):
        assert listed[path]["records"] == records
        assert listed[path]["sha256"] == hashlib.sha256((built.root / path).read_bytes()).hexdigest()
    names = texts(built.article("opendata/"), "td")
    assert any(name.startswith("信息条目（JSON）") for name in names)
    assert any(name.startswith("行政许可结果（CSV）") for name in names)
