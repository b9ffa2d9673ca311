"""Interpretations: the 3-working-day rule, missing and impossible interpretations, links both ways."""
from __future__ import annotations

import datetime as dt

import pytest

from catalog_html import page

D = dt.date


def interpretation(published: str, target: str = "rules", kind: str = "text") -> str:
    return f"""\
        ---
        title: 政策解读
        published: {published}
        interprets: [{target}]
        kind: {kind}
        source: test-county
        ---

        解读正文。
        """


def policy(published: str, disclosure: str = "proactive") -> str:
    ground = "withheld_ground: 《中华人民共和国政府信息公开条例》第十四条\n        " if disclosure == "withheld" else ""
    return f"""\
        ---
        title: 测试县某办法
        genre: normative
        issuer: test-county
        doc_number: 测政规〔2025〕9号
        written: {published}
        published: {published}
        disclosure: {disclosure}
        {ground}---

        正文。
        """


def of_file(messages: list[str], rel: str) -> list[str]:
    return [m for m in messages if m.startswith(f"content/{rel}:")]


@pytest.mark.parametrize("start, end, days", [
    (D(2025, 9, 30), D(2025, 10, 9), 1),    # Oct 1–8 National Day + Mid-Autumn holiday; Oct 9 the first working day
    (D(2025, 9, 26), D(2025, 10, 9), 4),    # Sun Sept 28 is an adjusted workday: Sept 28, 29, 30, Oct 9
    (D(2025, 10, 9), D(2025, 10, 13), 3),   # Sat Oct 11 is an adjusted workday: Oct 10, 11, 13
    (D(2025, 5, 24), D(2025, 5, 24), 0),    # same day
    (D(2030, 1, 4), D(2030, 1, 8), 2),      # no holiday data for 2030: Monday–Friday (Jan 7, 8)
])
def test_working_days_follow_the_official_calendar(start, end, days):
    from generator.features.interpretations.checks import working_days_between
    assert working_days_between(start, end) == days


def test_interpretation_within_three_working_days_over_a_holiday_is_on_time(scratch_site):
    scratch_site.write("policies/2025/measure.md", policy("2025-09-30"))
    scratch_site.write("interpretations/measure-jd.md", interpretation("2025-10-09", "measure"))
    assert of_file(scratch_site.check(), "interpretations/measure-jd.md") == []


def test_late_interpretation_is_a_warning(scratch_site):
    scratch_site.write("policies/2025/measure.md", policy("2025-09-26"))
    scratch_site.write("interpretations/measure-jd.md", interpretation("2025-10-09", "measure"))
    assert of_file(scratch_site.check(), "interpretations/measure-jd.md") == [
        "content/interpretations/measure-jd.md:3:12: published: 解读在文件 measure 发布（2025-09-26）后第 4 个工作日才发布，"
        "超过 3 个工作日；解读应与文件同步发布 (published 4 working days after measure (2025-09-26), more than 3; "
        "publish interpretations together with their documents)",
    ]


def test_normative_document_without_interpretation_is_a_warning(scratch_site):
    scratch_site.remove("interpretations/rules-jd.md")
    assert scratch_site.check() == [
        "content/policies/2022/rules.md:3:8: interpretation: 行政规范性文件没有政策解读；请在 interpretations/ 下添加解读，"
        "并在 interprets 中写上 rules (a normative document without an interpretation; add one under "
        "interpretations/ with interprets: [rules])",
    ]


def test_interpretation_of_withheld_or_not_yet_published_document_is_an_error(scratch_site):
    scratch_site.write("policies/2025/secret.md", policy("2025-03-03", "withheld"))
    scratch_site.write("interpretations/secret-jd.md", interpretation("2025-03-03", "secret"))
    scratch_site.write("interpretations/early-jd.md", interpretation("2022-05-20"))
    messages = scratch_site.check()
    assert of_file(messages, "interpretations/secret-jd.md") == [
        "content/interpretations/secret-jd.md:4:14: interprets: 所解读的文件 secret 不主动公开（disclosure: withheld）；"
        "不能发布其解读，请删除此编号或更正该文件的公开属性 (the interpreted document secret is not proactively "
        "disclosed (disclosure: withheld); its interpretation cannot be published: remove this id or correct the "
        "document's disclosure)",
    ]
    assert of_file(messages, "interpretations/early-jd.md") == [
        "content/interpretations/early-jd.md:3:12: published: 解读发布日期 2022-05-20 早于所解读文件 rules 的发布日期 "
        "2022-05-24；解读不能先于文件发布，请改正日期 (published 2022-05-20 is before rules was published (2022-05-24); "
        "an interpretation cannot precede its document: correct the date)",
    ]


@pytest.mark.parametrize("kind, label", [("text", "文字解读"), ("graphic", "图解"), ("video", "视频解读"),
                                         ("qa", "问答式解读")])
def test_pages_show_the_kind_and_link_both_ways(scratch_site, tmp_path, kind, label):
    scratch_site.write("interpretations/rules-jd.md", interpretation("2022-05-25", kind=kind))
    out = tmp_path / "site"
    assert scratch_site.build(out) == 0
    header = page(out, "interpretations/rules-jd/").find("table", "doc-header")
    cells = {tr.find("th").text: tr.find("td") for tr in header.find_all("tr")}
    assert cells["解读形式"].text == label
    assert cells["所解读文件"].find("a").attrs["href"] == "../../policies/rules/"
    section = page(out, "policies/rules/").find("section", "doc-interpretations")
    assert section.find("a").attrs["href"] == "../../interpretations/rules-jd/"
    assert label in section.find("li").text
    listing = page(out, "interpretations/").find("ul", "group-list")
    assert listing.find("li").text == f"政策解读（{label}）"
    rows = page(out, "lists/all/").find("table", "doc-list").find("tbody").direct("tr")
    marked = {tr.find("a").text: tr.find_all("span", "badge--interpreted") for tr in rows}
    assert [b.text for b in marked["测试县行政规范性文件管理办法"]] == ["有解读"]
    assert marked["关于2023年春节期间值班安排的通知"] == []


def test_working_days_in_a_year_without_holiday_data_are_a_located_warning(scratch_site):
    """chinesecalendar 1.11.0 stops at 2026: the count falls back to Monday–Friday, and says so."""
    from importlib.metadata import version
    assert version("chinesecalendar") == "1.11.0"  # the message names the installed release
    scratch_site.write("policies/2026/measure.md", policy("2026-12-30"))
    scratch_site.write("interpretations/measure-jd.md", interpretation("2027-01-04", "measure"))
    assert of_file(scratch_site.check(), "interpretations/measure-jd.md") == [
        "content/interpretations/measure-jd.md:3:12: published: chinesecalendar 1.11.0 没有 2027 年的法定节假日安排"
        "（只有 2004–2026 年），2026-12-30 至 2027-01-04 的工作日按周一至周五计算，可能不准；请升级：pip install -U "
        "chinesecalendar (chinesecalendar 1.11.0 has no official holidays for 2027 (only 2004–2026): the working days "
        "from 2026-12-30 to 2027-01-04 were counted Monday to Friday and may be wrong; upgrade it: pip install -U "
        "chinesecalendar)",
    ]


def test_a_span_inside_the_holiday_data_gives_no_calendar_warning(scratch_site):
    scratch_site.write("policies/2026/measure.md", policy("2026-12-28"))
    scratch_site.write("interpretations/measure-jd.md", interpretation("2026-12-31", "measure"))
    assert of_file(scratch_site.check(), "interpretations/measure-jd.md") == []
