"""依申请公开: requests/<year>.yml (model, sums), the requests/ page, the application form
(HTML and DOCX from one definition), and the annual report's tables 三 and 四 taken from it."""
from __future__ import annotations

import datetime as dt
import io
import time
import zipfile

import docx

from generator.features.requests.form import FORM, form_docx
from generator.pipeline import check_content
from html_tree import page, squash
from test_annual_report import report_yml

AS_OF = "2026-11-21"


def newest_example_date() -> dt.date:
    """The newest publication date of the example's public policies and interpretations at AS_OF,
    read from their front matter (the site's newest content date, which dates the form)."""
    import yaml
    from conftest import REPO
    as_of = dt.date.fromisoformat(AS_OF)
    days = []
    for folder in ("policies", "interpretations"):
        for path in (REPO / "content" / folder).rglob("*.md"):
            meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
            if meta.get("disclosure", "proactive") == "proactive" and meta["published"] <= as_of:
                days.append(meta["published"])
    return max(days)


def figures_yml(**overrides) -> str:
    """The applications and appeals of the test report (5 new, 4 granted, 1 carried forward)."""
    text = report_yml(**overrides)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line == "applications:")
    end = next(i for i, line in enumerate(lines) if line.startswith("problems:"))
    return "\n".join(lines[start:end]) + "\n"


def report_without_tables(published="2026-01-20") -> str:
    text = report_yml(published=published)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line == "applications:")
    end = next(i for i, line in enumerate(lines) if line.startswith("problems:"))
    return "\n".join(lines[:start] + lines[end:]) + "\n"


def problems_of(site, folder: str, as_of: str = AS_OF) -> list[str]:
    _, report = check_content(site.root, "content", dt.date.fromisoformat(as_of))
    return [str(p) for p in report if f"/{folder}/" in p.path]


# -- the model and the sums --------------------------------------------------------------------

def test_a_valid_figures_file_has_no_problems(scratch_site):
    scratch_site.write("requests/2025.yml", figures_yml())
    assert problems_of(scratch_site, "requests") == []


def test_model_errors_are_located_and_listed_at_once(scratch_site):
    text = figures_yml(new="{natural: -1, business: 0, research: 0, nonprofit: 0, legal: 0, other: 0, total: x}")
    text = text.replace("  carried_forward:", "  carried_forwards:")
    scratch_site.write("requests/2025.yml", text)
    assert problems_of(scratch_site, "requests") == [
        "content/requests/2025.yml:2:3: applications.carried_forward: 缺少必填键 carried_forward；请添加 "
        "carried_forward: …（四、结转下年度继续办理） (required key carried_forward is missing; add carried_forward: …)",
        "content/requests/2025.yml:2:18: applications.new.natural: 数字 -1 为负数；件数和金额不能小于 0 "
        "(-1 is negative; counts and amounts cannot be below 0)",
        "content/requests/2025.yml:2:89: applications.new.total: 应为整数；请按此格式填写 "
        "(expected a whole number; write it in that form)",
        "content/requests/2025.yml:31:3: applications.carried_forwards: 未知的键 carried_forwards；是否应为 "
        "carried_forward？ (unknown key carried_forwards; did you mean carried_forward?)",
    ]


def test_sums_name_the_row_and_the_column(scratch_site):
    scratch_site.write("requests/2025.yml", figures_yml(
        new="{natural: 5, business: 1, research: 0, nonprofit: 0, legal: 0, other: 0, total: 5}", review_total="2"))
    assert problems_of(scratch_site, "requests") == [
        "content/requests/2025.yml:2:88: applications.new: 一、本年新收政府信息公开申请数量：总计 5 不等于前六列之和 "
        "5+1+0+0+0+0 = 6；请改正总计或各列 (new: total 5 is not the sum of the six columns 5+1+0+0+0+0 = 6; "
        "correct the total or the columns)",
        "content/requests/2025.yml:31:43: applications.carried_forward: 商业企业列：本年新收 1 + 上年结转 0 = 1，"
        "不等于办理结果总计 0 + 结转下年度继续办理 0 = 0；请核对这一列的数字 (column business (商业企业): new 1 + "
        "carried over 0 = 1 does not equal results total 0 + carried forward 0 = 0; check the numbers in this column)",
        "content/requests/2025.yml:33:66: appeals.review: 行政复议：总计 2 不等于结果维持、结果纠正、其他结果、尚未审结之和 1；"
        "请核对 (review: total 2 is not the sum of upheld, corrected, other and pending 1; check the numbers)",
    ]


def test_the_file_name_is_a_year(scratch_site):
    scratch_site.write("requests/latest.yml", figures_yml())
    assert problems_of(scratch_site, "requests") == [
        "content/requests/latest.yml:1:1: 依申请公开统计的文件名应为年份，例如 requests/2025.yml，而不是 latest.yml "
        "(an on-request statistics file is named after its year, e.g. requests/2025.yml, not latest.yml)"]


# -- the annual report's tables 三 and 四 ------------------------------------------------------

def test_a_report_takes_its_tables_from_the_years_figures(scratch_site, tmp_path):
    scratch_site.write("reports/2025.yml", report_without_tables())
    scratch_site.write("requests/2025.yml", figures_yml(
        forward="{natural: 1, business: 0, research: 0, nonprofit: 0, legal: 0, other: 0, total: 1}"))
    assert problems_of(scratch_site, "reports") == []
    assert scratch_site.build(tmp_path / "site") == 0
    html = page(tmp_path / "site", "reports/2025/")
    tables = html.find_all("table")
    rows = {squash(r.find_all("th")[-1].text()): [squash(td.text()) for td in r.find_all("td")]
            for r in tables[1].find("tbody").find_all("tr")}
    assert rows["一、本年新收政府信息公开申请数量"] == ["5", "0", "0", "0", "0", "0", "5"]
    assert rows["（一）予以公开"] == ["4", "0", "0", "0", "0", "0", "4"]
    assert [squash(td.text()) for td in tables[2].find("tbody").find_all("td")][:5] == ["1", "0", "0", "0", "1"]


def test_a_report_giving_other_figures_than_the_years_file_is_an_error(scratch_site):
    scratch_site.write("reports/2025.yml", report_yml())
    scratch_site.write("requests/2025.yml", figures_yml(
        new="{natural: 6, business: 0, research: 0, nonprofit: 0, legal: 0, other: 0, total: 6}",
        forward="{natural: 2, business: 0, research: 0, nonprofit: 0, legal: 0, other: 0, total: 2}"))
    assert problems_of(scratch_site, "reports") == [
        "content/reports/2025.yml:5:3: applications: “三、收到和处理政府信息公开申请情况”与 requests/2025.yml 的数字不一致；"
        "请删去本文件的 applications（由 requests/2025.yml 计算）或改正两者之一 (applications differs from "
        "requests/2025.yml; delete applications here (it is then taken from requests/2025.yml) or correct one of them)"]


def test_a_report_equal_to_the_years_file_is_fine(scratch_site):
    scratch_site.write("reports/2025.yml", report_yml())
    scratch_site.write("requests/2025.yml", figures_yml())
    assert problems_of(scratch_site, "reports") == []


def test_a_report_without_tables_nor_figures_is_an_error(scratch_site):
    scratch_site.write("reports/2025.yml", report_without_tables())
    assert problems_of(scratch_site, "reports") == [
        "content/reports/2025.yml:1:1: appeals: 缺少“四、政府信息公开行政复议、行政诉讼情况”：请在本文件填写 appeals，"
        "或添加 requests/2025.yml (appeals is missing: fill it in here or add requests/2025.yml)",
        "content/reports/2025.yml:1:1: applications: 缺少“三、收到和处理政府信息公开申请情况”：请在本文件填写 applications，"
        "或添加 requests/2025.yml (applications is missing: fill it in here or add requests/2025.yml)"]


def test_example_reports_tables_equal_the_years_figures(example_site):
    """清河's reports of 2023-2025 give no table 三 of their own: each shows requests/<year>.yml."""
    for year, new, forward in ((2023, "66", "3"), (2024, "75", "4"), (2025, "86", "3")):
        body = page(example_site, f"reports/{year}/").find_all("table")[1].find("tbody")
        totals = {squash(r.find_all("th")[-1].text()): squash(r.find_all("td")[-1].text()) for r in body.find_all("tr")}
        assert (totals["一、本年新收政府信息公开申请数量"], totals["四、结转下年度继续办理"]) == (new, forward)


# -- the requests/ page ------------------------------------------------------------------------

def test_requests_page_explains_basis_channels_limits_fees_and_figures(example_site):
    html = page(example_site, "requests/")
    assert squash(html.find("h1").text()) == "依申请公开"
    heads = [squash(h.text()) for h in html.find_all("h2")]
    assert [h for h in heads if h in ("法律依据", "提出申请的方式", "办理时限", "收费", "依申请公开情况统计")] == [
        "法律依据", "提出申请的方式", "办理时限", "收费", "依申请公开情况统计"]
    channels = [squash(li.text()) for li in html.find("ul", cls="request-channels").find_all("li")]
    assert channels[0].startswith("现场提交：清河县城关镇人民路1号")
    assert "邮政编码 999522" in channels[1]
    assert channels[2] == "传真提交：0000-1234568，请注明“政府信息公开申请”。"
    assert channels[3].startswith("网络提交：本网站不接收在线申请")
    text = squash(html.text())
    assert "20个工作日内予以答复" in text and "最长不超过20个工作日" in text
    assert "国办函〔2020〕109号" in text
    assert [squash(h.text()) for h in html.find_all("h3")] == ["2025年", "2024年", "2023年"]
    totals = [squash(t.find("tbody").find_all("tr")[0].find_all("td")[-1].text())
              for t in html.find_all("table") if "收到和处理" in t.find("caption").text()]
    assert totals == ["86", "75", "66"]
    links = {a.attrs.get("href") for a in html.find_all("a")}
    assert {"form/", "application-form.docx"} <= links


def test_request_url_is_linked_when_configured(scratch_site, tmp_path):
    site_yml = (scratch_site.root / "site.yml").read_text(encoding="utf-8")
    scratch_site.write("site.yml", site_yml + "request_url: https://ysq.test.example.gov.cn/apply\n")
    assert scratch_site.build(tmp_path / "site") == 0
    html = page(tmp_path / "site", "requests/")
    online = [li for li in html.find("ul", cls="request-channels").find_all("li") if "网络提交" in li.text()]
    assert [a.attrs["href"] for a in online[0].find_all("a")] == ["https://ysq.test.example.gov.cn/apply"]


def test_request_url_must_be_absolute_http(scratch_site):
    site_yml = (scratch_site.root / "site.yml").read_text(encoding="utf-8")
    scratch_site.write("site.yml", site_yml + "request_url: /apply\n")
    _, report = check_content(scratch_site.root, "content", dt.date.fromisoformat(AS_OF))
    assert [str(p) for p in report if "request_url" in str(p)] == [
        "content/site.yml:4:14: request_url: /apply 不是 https:// 或 http:// 开头的绝对地址；请填写在线申请服务的完整网址 "
        "(/apply is not an absolute https:// or http:// address; write the full address of the online request service)"]


# -- the form: HTML and DOCX from one definition ------------------------------------------------

def test_form_page_has_every_field_of_the_definition_with_a_label(example_site):
    html = page(example_site, "requests/form/")
    fieldsets = html.find_all("fieldset")
    assert [squash(f.find("legend").text()) for f in fieldsets] == [g.legend for g in FORM]
    for group, fieldset in zip(FORM, fieldsets):
        rows = fieldset.find("table").find_all("tr")
        assert [squash(r.find("th").text()) for r in rows] == [f.label for f in group.fields]
    labels = {lab.attrs["for"] for lab in html.find_all("label")}
    controls = [c.attrs["id"] for c in html.find_all("input") + html.find_all("textarea")]
    assert controls and set(controls) <= labels
    assert html.find_all("form") == [] and html.find("div", cls="request-form").find_all("script") == []


def test_docx_reads_back_with_the_same_fields(example_site):
    document = docx.Document(str(example_site / "requests" / "application-form.docx"))
    labels = [row.cells[0].text for table in document.tables for row in table.rows]
    assert labels == [f.label for g in FORM for f in g.fields]
    assert document.paragraphs[0].text == "政府信息公开申请表"
    newest = newest_example_date()   # the site's newest content date
    assert document.core_properties.created == dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc)
    choices = {row.cells[0].text: row.cells[1].text for table in document.tables for row in table.rows}
    assert choices["载体形式"] == "□纸质　□电子"


def test_docx_bytes_are_the_same_for_the_same_content_and_date():
    first = form_docx("测试县人民政府", dt.date(2026, 1, 30))
    time.sleep(2.1)   # zip entries keep time to 2 seconds: a clock-dated member would differ now
    assert form_docx("测试县人民政府", dt.date(2026, 1, 30)) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 30, 0, 0, 0)}


def test_two_builds_write_the_same_docx(scratch_site, tmp_path):
    assert scratch_site.build(tmp_path / "a") == 0
    time.sleep(2.1)
    assert scratch_site.build(tmp_path / "b") == 0
    target = "requests/application-form.docx"
    assert (tmp_path / "a" / target).read_bytes() == (tmp_path / "b" / target).read_bytes()
