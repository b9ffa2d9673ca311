"""Annual report (reports/<year>.yml): computed 主动公开 counts, located checks, the page's tables."""
from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from generator.features.reports.report import compute_proactive
from generator.content import load_content
from generator.pipeline import CONTENT_TYPES
from generator.pipeline import check_content
from html_tree import page, squash

ZERO = "{natural: 0, business: 0, research: 0, nonprofit: 0, legal: 0, other: 0, total: 0}"


def report_yml(*, new="{natural: 5, business: 0, research: 0, nonprofit: 0, legal: 0, other: 0, total: 5}",
               forward="{natural: 1, business: 0, research: 0, nonprofit: 0, legal: 0, other: 0, total: 1}",
               extra="", published="2026-01-20", review_total="1") -> str:
    """A valid report (5 new, 4 granted, 1 carried forward, natural persons only) with overrides."""
    four = "{natural: 4, business: 0, research: 0, nonprofit: 0, legal: 0, other: 0, total: 4}"
    groups = {"withheld": ["state_secret", "prohibited_by_law", "three_safeties", "third_party",
                           "internal_affairs", "process_info", "enforcement_files", "inquiry_matters"],
              "unavailable": ["not_held", "needs_creation", "still_unclear"],
              "not_processed": ["petition", "repeated", "publications", "excessive", "confirmation"],
              "other_handling": ["no_correction", "no_fee", "other"]}
    lines = [f"published: {published}", extra, "overview: 总体情况。",
             "proactive: {licensing: 3, penalty: 2, coercion: 1, fees: \"1.50\"}", "applications:",
             f"  new: {new}", f"  carried_over: {ZERO}", "  results:", f"    granted: {four}",
             f"    partly_granted: {ZERO}"]
    for group, rows in groups.items():
        lines.append(f"    {group}:")
        lines += [f"      {row}: {ZERO}" for row in rows]
    lines += [f"    total: {four}", f"  carried_forward: {forward}", "appeals:",
              f"  review: {{upheld: 1, corrected: 0, other: 0, pending: 0, total: {review_total}}}",
              "  direct_suit: {upheld: 0, corrected: 0, other: 0, pending: 0, total: 0}",
              "  suit_after_review: {upheld: 0, corrected: 0, other: 0, pending: 0, total: 0}",
              "problems: 问题。", "other_matters: 无。"]
    return "\n".join(line for line in lines if line) + "\n"


def policy(title: str, genre: str, issuer: str, written: str, published: str, extra: str = "") -> str:
    number = "doc_number: 测规〔2025〕1号\n" if genre != "other" else ""
    return (f"---\ntitle: {title}\ngenre: {genre}\nissuer: {issuer}\n{number}written: {written}\n"
            f"published: {published}\n{textwrap.dedent(extra)}---\n\n正文。\n")


@pytest.fixture
def corpus(scratch_site):
    """The base site's rules (2022, in force) plus a year 2025 of every kind of change."""
    w = scratch_site.write
    w("policies/a.md", policy("甲办法", "normative", "test-county", "2024-12-20", "2025-03-01", "amends: [f]\n"))
    w("policies/b.md", policy("乙办法", "normative", "test-office", "2025-05-20", "2025-06-01"))
    w("policies/c.md", policy("丙办法", "normative", "test-county", "2020-01-05", "2020-01-10"))
    w("policies/d.md", policy("关于废止丙办法的决定", "other", "test-county", "2025-06-25", "2025-07-01",
                              "repeals: [c]\n"))
    w("policies/e.md", policy("戊暂行办法", "normative", "test-county", "2020-12-20", "2021-01-01",
                              "expires: 2025-09-30\n"))
    w("policies/f.md", policy("己办法", "normative", "test-county", "2019-04-01", "2019-04-08"))
    w("policies/h.md", policy("庚办法", "normative", "test-county", "2026-01-20", "2026-02-01"))
    w("policies/r.md", policy("辛规定", "regulation", "test-county", "2025-01-20", "2025-02-01"))
    w("reports/2025.yml", report_yml(extra="organizations: [test-office]"))
    return scratch_site


def counts(site, **changes):
    content, problems = load_content(site.root, "content", CONTENT_TYPES)
    assert problems == []
    report = content.of("report")["2025"].model.model_copy(update=changes)
    return {c.genre: (c.made, c.repealed, c.current, c.expired) for c in compute_proactive(content, 2025, report)}


def test_counts_of_the_year_computed_at_its_last_day(corpus):
    assert counts(corpus) == {
        "regulation": (("r",), (), ("r",), ()),
        # made: a, b; repealed: c (expiry of e is not 废止); in force at 12-31: a, b, f (amended), rules
        "normative": (("a", "b"), ("c",), ("a", "b", "f", "rules"), ("e",)),
    }


def test_counts_only_the_bodys_own_documents(corpus):
    assert counts(corpus, organizations=[])["normative"][:3] == (("a",), ("c",), ("a", "f", "rules"))


def test_count_by_written_date(corpus):
    assert counts(corpus, count_by="written")["normative"][0] == ("b",)


def report_problems(site, as_of="2026-11-21") -> list[str]:
    _, report = check_content(site.root, "content", dt.date.fromisoformat(as_of))
    return [str(p) for p in report if "reports" in p.path]


def report_errors(site, as_of: str) -> list[str]:
    """Errors only: at a past date the due-date warning about earlier years is right and beside the point."""
    _, report = check_content(site.root, "content", dt.date.fromisoformat(as_of))
    return [str(p) for p in report.errors if "reports" in p.path]


def test_a_valid_report_has_no_problems(corpus):
    assert report_problems(corpus) == []


def test_unbalanced_column_names_the_column_and_the_numbers(scratch_site):
    scratch_site.write("reports/2025.yml", report_yml(
        forward="{natural: 2, business: 0, research: 0, nonprofit: 0, legal: 0, other: 0, total: 2}"))
    assert report_problems(scratch_site) == [
        "content/reports/2025.yml:34:30: applications.carried_forward: 自然人列：本年新收 5 + 上年结转 0 = 5，"
        "不等于办理结果总计 4 + 结转下年度继续办理 2 = 6；请核对这一列的数字 (column natural (自然人): new 5 + "
        "carried over 0 = 5 does not equal results total 4 + carried forward 2 = 6; check the numbers in this column)",
        "content/reports/2025.yml:34:100: applications.carried_forward: 总计列：本年新收 5 + 上年结转 0 = 5，"
        "不等于办理结果总计 4 + 结转下年度继续办理 2 = 6；请核对这一列的数字 (column total (总计): new 5 + "
        "carried over 0 = 5 does not equal results total 4 + carried forward 2 = 6; check the numbers in this column)",
    ]


def test_total_column_must_be_the_sum(scratch_site):
    scratch_site.write("reports/2025.yml", report_yml(
        new="{natural: 5, business: 1, research: 0, nonprofit: 0, legal: 0, other: 0, total: 5}", review_total="2"))
    assert report_problems(scratch_site) == [
        "content/reports/2025.yml:5:88: applications.new: 一、本年新收政府信息公开申请数量：总计 5 不等于前六列之和 "
        "5+1+0+0+0+0 = 6；请改正总计或各列 (new: total 5 is not the sum of the six columns 5+1+0+0+0+0 = 6; "
        "correct the total or the columns)",
        "content/reports/2025.yml:34:43: applications.carried_forward: 商业企业列：本年新收 1 + 上年结转 0 = 1，"
        "不等于办理结果总计 0 + 结转下年度继续办理 0 = 0；请核对这一列的数字 (column business (商业企业): new 1 + "
        "carried over 0 = 1 does not equal results total 0 + carried forward 0 = 0; check the numbers in this column)",
        "content/reports/2025.yml:36:66: appeals.review: 行政复议：总计 2 不等于结果维持、结果纠正、其他结果、尚未审结之和 1；"
        "请核对 (review: total 2 is not the sum of upheld, corrected, other and pending 1; check the numbers)",
    ]


def test_negative_number(scratch_site):
    scratch_site.write("reports/2025.yml", report_yml(
        new="{natural: -1, business: 0, research: 0, nonprofit: 0, legal: 0, other: 0, total: -1}"))
    assert report_problems(scratch_site) == [
        "content/reports/2025.yml:5:18: applications.new.natural: 数字 -1 为负数；件数和金额不能小于 0 "
        "(-1 is negative; counts and amounts cannot be below 0)",
        "content/reports/2025.yml:5:89: applications.new.total: 数字 -1 为负数；件数和金额不能小于 0 "
        "(-1 is negative; counts and amounts cannot be below 0)",
    ]


def test_report_for_a_year_not_ended(scratch_site):
    scratch_site.write("reports/2025.yml", report_yml())
    scratch_site.write("reports/2026.yml", report_yml(published="2026-11-01"))
    assert report_problems(scratch_site) == [
        "content/reports/2026.yml:1:1: 2026年尚未结束（今天是 2026-11-21），不能发布该年度的年度报告；请检查文件名中的年份 "
        "(the year 2026 has not ended (today is 2026-11-21); check the year in the file name)"]


@pytest.mark.parametrize("as_of", ["2016-03-01", "2022-10-15", "2025-12-31", "2026-01-19"])
def test_a_report_published_after_the_as_of_date_is_simply_not_published_yet(scratch_site, as_of):
    scratch_site.write("reports/2025.yml", report_yml(published="2026-01-20"))
    assert report_errors(scratch_site, as_of) == []


def test_a_report_published_by_the_as_of_date_for_a_year_not_ended_is_an_error(scratch_site):
    scratch_site.write("reports/2025.yml", report_yml(published="2025-10-01"))
    assert report_errors(scratch_site, "2025-10-15") == [
        "content/reports/2025.yml:1:1: 2025年尚未结束（今天是 2025-10-15），不能发布该年度的年度报告；请检查文件名中的年份 "
        "(the year 2025 has not ended (today is 2025-10-15); check the year in the file name)"]
    # before its publish date it is not published, but its date is still wrong whatever the as-of date
    assert report_errors(scratch_site, "2024-05-01") == [
        "content/reports/2025.yml:1:12: published: 发布日期 2025-10-01 早于 2025年结束；年度报告应在次年发布 "
        "(published 2025-10-01 is before the year 2025 ended; publish the report in the following year)"]


def test_a_report_not_yet_published_does_not_count_as_there_for_the_due_date(scratch_site):
    scratch_site.write("reports/2024.yml", report_yml(published="2025-03-10"))  # late
    assert report_problems(scratch_site, "2025-02-15") == [
        "content/reports:1:1: 缺少 2024年政府信息公开工作年度报告（应于 2025年1月31日前公布）；请添加 "
        "reports/2024.yml (the 2024 annual report is missing (due by 31 January 2025); add reports/2024.yml)"]
    assert report_problems(scratch_site, "2025-03-10") == []


@pytest.mark.parametrize("as_of, expected", [
    ("2026-01-31", []),
    ("2026-02-01", ["content/reports:1:1: 缺少 2025年政府信息公开工作年度报告（应于 2026年1月31日前公布）；请添加 "
                    "reports/2025.yml (the 2025 annual report is missing (due by 31 January 2026); "
                    "add reports/2025.yml)"]),
])
def test_last_years_report_is_due_by_31_january(scratch_site, as_of, expected):
    scratch_site.write("reports/2024.yml", report_yml(published="2025-01-20"))
    assert report_problems(scratch_site, as_of) == expected


def test_report_page_tables(corpus, tmp_path):
    assert corpus.build(tmp_path / "site") == 0
    html = page(tmp_path / "site", "reports/2025/")
    tables = html.find_all("table")
    assert [squash(t.find("caption").text()) for t in tables] == [
        "主动公开政府信息情况", "收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "政府信息公开行政复议、行政诉讼情况"]
    rows = {squash(r.find("th").text()): [squash(td.text()) for td in r.find_all("td")]
            for r in tables[0].find_all("tr") if r.find_all("td")}
    assert rows["规章"] == ["1", "0", "1"] and rows["行政规范性文件"] == ["2", "1", "4"]
    assert rows["行政事业性收费"] == ["1.50"]
    heads = tables[1].find("thead").find_all("th")
    assert [(squash(h.text()), h.attrs.get("colspan"), h.attrs.get("rowspan")) for h in heads[:3]] == [
        ("申请人情况", "7", None), ("自然人", None, "2"), ("法人或其他组织", "5", None)]
    body = tables[1].find("tbody")
    group = body.find("th", scope="rowgroup")
    assert squash(group.text()) == "三、本年度办理结果" and group.attrs["rowspan"] == "22"
    assert len(body.find_all("tr")) == 25
    index = page(tmp_path / "site", "reports/")
    assert "测试县人民政府2025年政府信息公开工作年度报告" in squash(index.text())
