"""The home page as the column's front door (issue 23), read from the parsed HTML.

The example content is built as of 2026-11-21 (conftest.example_site). Where the
expected values can be computed without the generator (titles, 文号 and dates from the
files' front matter) they are; the validity badges and changes are written out from
reading the files, with the file that causes each.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from conftest import AS_OF, REPO
from pagehtml import Site, resolve, select, select_one, texts

TODAY = dt.date.fromisoformat(AS_OF)


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def day(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def target(page_url: str, href: str) -> str:
    found = resolve(page_url, href)
    assert found is not None, href
    return found[0]


def public_policies() -> list[dict]:
    """The example's policies a visitor sees at the as-of date: published, not withheld."""
    found = []
    for path in sorted((REPO / "content" / "policies").rglob("*.md")):
        meta = front_matter(path)
        if meta.get("disclosure", "public") == "public" and meta["published"] <= TODAY:
            found.append(meta)
    return found


def policies_by_id() -> dict[str, dict]:
    """Every example policy's front matter by id (the file name)."""
    return {path.stem: front_matter(path) for path in sorted((REPO / "content" / "policies").rglob("*.md"))}


def status(policy_id: str, policies: dict[str, dict]) -> str:
    """The validity badge of a policy at the as-of date, worked out from the front matter alone:
    repealed (or replaced) by a published document that has taken effect, expired, pending, or in force."""
    def live(meta: dict) -> bool:
        return meta.get("disclosure", "proactive") == "proactive" and meta["published"] <= TODAY
    meta = policies[policy_id]
    for other in policies.values():
        if live(other) and other.get("effective", other["published"]) <= TODAY and \
                policy_id in other.get("repeals", []) + other.get("replaces", []):
            return "已废止"
    if any(event["type"] == "repealed" and event["date"] <= TODAY for event in meta.get("events", [])):
        return "已废止"
    if meta.get("expires") and meta["expires"] < TODAY:
        return "已失效"
    return "尚未生效" if meta.get("effective", meta["published"]) > TODAY else "现行有效"


def in_force_normative() -> list[dict]:
    """The example's public normative documents in force at the as-of date, newest first."""
    policies = policies_by_id()
    return sorted((meta for pid, meta in policies.items()
                   if meta["genre"] == "normative" and meta.get("disclosure", "proactive") == "proactive"
                   and meta["published"] <= TODAY and status(pid, policies) == "现行有效"),
                  key=lambda m: m["published"], reverse=True)


def interpreted() -> set[str]:
    """Ids of the policies an example interpretation explains."""
    return {pid for path in (REPO / "content" / "interpretations").glob("*.md")
            for pid in front_matter(path)["interprets"]}


def home(example_site: Path):
    return Site(example_site).article("")


def test_the_search_box_is_a_get_form_to_the_search_page_with_q(example_site):
    form = select_one(home(example_site), "form.home-search")
    assert form.attrs["method"] == "get" and form.attrs["role"] == "search"
    assert target("", form.attrs["action"]) == "search/"
    field = select_one(form, "input")
    assert field.attrs["name"] == "q" and field.attrs["type"] == "search"
    assert select_one(form, "label").attrs["for"] == field.attrs["id"]
    # the search page reads the same parameter: its own form's field is named q
    assert select_one(Site(example_site).article("search/"), "input#search-q").attrs["name"] == "q"


def test_the_fixed_entries_are_those_the_site_has_in_their_order(example_site):
    links = select(home(example_site), "nav.home-entries a")
    assert [(a.text, a.attrs["href"] if a.attrs["href"].startswith("#") else target("", a.attrs["href"]))
            for a in links] == [
        ("政府信息公开指南", "pages/guide/"), ("政府信息公开制度", "pages/system/"),
        ("法定主动公开内容", "#statutory"), ("政府信息公开年报", "reports/"), ("依申请公开", "requests/")]
    assert select(home(example_site), "section#statutory")


def test_the_latest_documents_with_number_date_and_badge(example_site):
    newest = sorted(public_policies(), key=lambda m: m["published"], reverse=True)[:6]
    rows = select(home(example_site), "ul.home-docs li")
    assert [select(li, "a")[0].text for li in rows] == [m["title"] for m in newest]
    assert [texts(li, "time") for li in rows] == [[day(m["published"])] for m in newest]
    assert [texts(li, "span.home-docno") for li in rows] == [[m["doc_number"]] if m.get("doc_number") else []
                                                              for m in newest]
    policies = policies_by_id()
    ids = {meta["title"] + str(meta["published"]): pid for pid, meta in policies.items()}
    newest_ids = [ids[m["title"] + str(m["published"])] for m in newest]
    assert [texts(li, "span.badge")[-1] for li in rows] == [status(pid, policies) for pid in newest_ids]
    assert "尚未生效" in [status(pid, policies) for pid in newest_ids]   # qh-2026-004: effective 2027-01-01
    with_interpretation = interpreted()
    assert [texts(li, "span.badge")[0] == "有解读" for li in rows] == [pid in with_interpretation for pid in newest_ids]
    assert any(pid in with_interpretation for pid in newest_ids)   # jd-qh-2026-004 interprets qh-2026-004
    more = select_one(select_one(home(example_site), "section.home-block--latest"), "a.home-more")
    assert target("", more.attrs["href"]) == "lists/all/"
    assert more.text == f"更多全部政策文件（共 {len(public_policies())} 件）"


def test_the_validity_changes_at_the_as_of_date(example_site):
    block = select_one(home(example_site), "section.home-block--changes")
    rows = [(select(li, "a")[0].text, texts(li, "time"), texts(li, "span.badge")) for li in select(block, "li")]
    assert rows == [
        # qh-2026-004 replaces qh-2021-002 and takes effect on 2027-01-01: announced
        ("清河县城乡居民临时救助实施办法", ["2027年1月1日"], ["即将施行"]),
        # qh-2026-008 (the clean-up notice of 2026-09-25) repeals three documents
        ("清河县食品小作坊和食品摊贩登记管理办法", ["2026年9月25日"], ["已废止"]),
        ("清河县河道采砂管理办法", ["2026年9月25日"], ["已废止"]),
        ("清河县县级财政专项资金管理办法", ["2026年9月25日"], ["已废止"]),
        # qh-2026-010 amends qh-2021-009, effective 2026-09-01
        ("清河县就业创业补贴管理办法", ["2026年9月1日"], ["已修改"]),
        # qhs-ling-19 amends qhs-ling-12, effective 2026-08-01
        ("清河市城市绿化管理办法", ["2026年8月1日"], ["已修改"])]
    # not shown at 2026-11-21: qh-2026-016 (replacing qh-2022-008) is scheduled for 2026-11-27
    assert [target("", a.attrs["href"]) for a in select(block, "a.home-more")] == [
        "lists/pending/", "lists/repealed/", "lists/expired/"]


def test_the_statutory_sections_show_their_newest_items_and_counts(example_site):
    statutory = select_one(home(example_site), "section#statutory")
    blocks = {select_one(b, "h3 a").text: b for b in select(statutory, "section.home-block")}
    record_blocks = {"财政预决算": "budgets", "行政许可结果": "permits", "行政处罚结果": "penalties", "回应关切": "responses"}
    assert list(blocks) == ["现行有效行政规范性文件", "政策解读", "政府信息公开年报", *record_blocks]   # the home: view's order
    for title, folder in record_blocks.items():   # records sections: their count is the section's public records
        records = [front_matter(p) for p in (REPO / "content" / folder).rglob("*.md")]
        shown = [m for m in records if m.get("disclosure", "proactive") == "proactive" and m["published"] <= TODAY]
        assert texts(blocks[title], "span.home-count") == [f"{len(shown)} 条"]
    interpretations = sorted((front_matter(p) for p in (REPO / "content" / "interpretations").glob("*.md")),
                             key=lambda m: m["published"], reverse=True)
    items = [(select(li, "a")[0].text, texts(li, "time")) for li in select(blocks["政策解读"], "li")]
    assert items == [(m["title"], [day(m["published"])]) for m in interpretations[:3]]
    assert texts(blocks["政策解读"], "span.home-count") == [f"{len(interpretations)} 篇"]
    in_force = in_force_normative()
    assert texts(blocks["现行有效行政规范性文件"], "span.home-count") == [f"{len(in_force)} 件"]
    assert [select(li, "a")[0].text for li in select(blocks["现行有效行政规范性文件"], "li")] == [
        m["title"] for m in in_force[:3]]   # the newest normative documents in force (qh-2026-004 is pending)
    reports = [(select(li, "a")[0].text, texts(li, "time")) for li in select(blocks["政府信息公开年报"], "li")]
    written = sorted(((p.stem, yaml.safe_load(p.read_text(encoding="utf-8"))["published"])   # reports/<year>.yml
                      for p in (REPO / "content" / "reports").glob("*.yml")), key=lambda r: r[1], reverse=True)
    assert reports == [(f"清河县人民政府{year}年政府信息公开工作年度报告", [day(published)])
                       for year, published in written[:3]]
    for title, block in blocks.items():
        more = select(block, "a.home-more")[-1]
        assert more.text == f"更多{title}" and target("", more.attrs["href"]) == \
            target("", select_one(block, "h3 a").attrs["href"])
    links = texts(statutory, "ul.home-links a")
    assert links == ["清理结果：已废止文件", "清理结果：已失效文件", "按主题分类", "按发文机关", "按年份", "网站地图"]


SECTIONS_YML = """\
    sections:
      interpretations: {title: 政策解读材料}
      current: {hidden: "true"}
      requests: {hidden: "true"}
    """


def test_a_site_that_renames_or_hides_a_section_sees_its_front_page_follow(scratch_site, tmp_path):
    scratch_site.write("pages/apply.md", """\
        ---
        title: 依申请公开
        column_type: 依申请公开
        updated: 2024-01-05
        ---

        申请方式。
        """)
    before = tmp_path / "before"
    assert scratch_site.build(before) == 0
    assert {"现行有效行政规范性文件", "政策解读"} <= set(texts(Site(before).article(""), "section.home-block h3 a"))
    scratch_site.write("sections.yml", SECTIONS_YML)
    out = tmp_path / "site"
    assert scratch_site.build(out) == 0
    page = Site(out).article("")
    headings = texts(page, "section.home-block h3 a")
    assert "政策解读材料" in headings and "政策解读" not in headings
    assert "现行有效行政规范性文件" not in headings   # hidden: no block, no link
    assert "lists/current/" not in [target("", a.attrs["href"]) for a in select(page, "a")]
    assert "依申请公开" in texts(page, "nav.home-entries a")
    assert [target("", a.attrs["href"]) for a in select(page, "nav.home-entries a") if a.text == "依申请公开"] == \
        ["pages/apply/"]
