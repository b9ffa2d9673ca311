"""Typed tables of disclosure records: 行政许可/处罚 results (CSV and XLSX, masked cell by cell),
财政预决算 and its 20-day check, 三公经费 and its sum, 建议提案 replies.

Records are loaded as the records feature will load them: content type ``record``, one
folder per section (``content/<section>/**/<id>.md``); the tests register that type
themselves so that they run before (and without) the records feature's loader.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import textwrap

import openpyxl
import pytest

from generator.content import load_content
from generator.detectors import id_check_digit
from generator.features.records.tables import check_tables, table_data, table_fragment
from generator.features.reports.checks import check_report_decisions
from generator.features.reports.pages import build_report_pages
from generator.features.reports.report import decision_rows
from generator.model import CORE_TYPES, ContentType
from generator.model.record import Record
from generator.model.report import AnnualReport
from generator.site import resolve_site
from html_tree import parse, squash

AS_OF = dt.date(2026, 11, 21)
SECTIONS = ("permits", "penalties", "budgets", "proposals")
RECORD_TYPES = CORE_TYPES + tuple(ContentType("record", s, ".md", Record) for s in SECTIONS)

PERMIT_HEADINGS = "行政相对人名称,行政相对人类别,统一社会信用代码,法定代表人,证件号码,许可决定文书号,许可内容,许可决定日期,有效期自,有效期至,许可机关"
PENALTY_HEADINGS = ("行政相对人名称,行政相对人类别,统一社会信用代码,法定代表人,证件号码,行政处罚决定书文号,违法行为类型,"
                    "违法事实,处罚依据,处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关")


def id_number(first17: str = "11010519491231002") -> str:
    return first17 + id_check_digit(first17)


PERSON_ID = id_number()                 # a valid resident ID: the detectors find it
OTHER_ID = id_number("35012819800101123")
MOBILE = "13912345678"
CARD = "6222020200001234562"            # UnionPay, 19 digits, passes Luhn
CREDIT = "91350128MA31234560"           # an organisation's code, shown as it is


def credit_code(first17: str) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(chars.index(c) * w for c, w in zip(first17, weights))
    return first17 + chars[(31 - total % 31) % 31]


COMPANY_CODE = credit_code("91350128MA3123456")
PERMIT_ROWS = [
    ["清河县鑫源食品有限公司", "法人及非法人组织", COMPANY_CODE, "陈建国", OTHER_ID, "清市监许〔2026〕1号",
     "食品经营许可", "2026-03-05", "2026-03-05", "2031-03-04", "清河县市场监督管理局"],
    ["李小明", "自然人", "", "", PERSON_ID, "清卫许〔2026〕2号", f"李小明申请，联系电话{MOBILE}",
     "2026-04-01", "2026-04-01", "2027-03-31", "清河县卫生健康局"],
    ["清河县王大力小吃店", "个体工商户", "", "王大力", OTHER_ID, "清市监许〔2026〕3号",
     '=HYPERLINK("http://evil.example/","点击")', "2025-12-30", "", "", "清河县市场监督管理局"],
]


def csv_text(headings: str, rows: list[list[str]]) -> str:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value
    return "\n".join([headings] + [",".join(cell(v) for v in row) for row in rows]) + "\n"


def xlsx_bytes(headings: str, rows: list[list], sheet: str = "许可结果") -> bytes:
    """A deterministic workbook (fixed creation time) with one sheet."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(headings.split(","))
    for row in rows:
        worksheet.append(row)
    workbook.properties.created = workbook.properties.modified = dt.datetime(2026, 1, 1)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def record_md(title: str, block: str, published: str = "2026-05-06", issuer: str = "test-county") -> str:
    return f"---\ntitle: {title}\nissuer: {issuer}\npublished: {published}\n{textwrap.dedent(block).strip()}\n---\n\n正文。\n"


def results_md(file: str, kind: str = "permit", extra: str = "") -> str:
    return record_md("2026年行政许可结果", f"results:\n  kind: {kind}\n  file: {file}\n{extra}")


def load(site):
    content, problems = load_content(site.root, "content", RECORD_TYPES)
    assert [str(p) for p in problems] == []
    return content


def problems(site) -> list[str]:
    return [str(p) for p in sorted(check_tables(load(site), AS_OF))]


def fragment(site, record_id: str) -> str:
    content = load(site)
    return table_fragment(resolve_site(content, AS_OF), content.of("record")[record_id])


def data(site, record_id: str):
    content = load(site)
    return table_data(resolve_site(content, AS_OF), content.of("record")[record_id])


@pytest.fixture
def permits(scratch_site):
    scratch_site.write("assets/permits/2026.csv", csv_text(PERMIT_HEADINGS, PERMIT_ROWS))
    scratch_site.write("permits/2026.md", results_md("permits/2026.csv"))
    return scratch_site


# --- results: the table --------------------------------------------------------------------------

def test_results_table_is_an_accessible_table_with_every_heading(permits):
    html = parse(fragment(permits, "2026"))
    table = html.find("table", "result-table")
    wrap = html.find("div", "table-wrap")
    assert "doc-list" in table.classes
    # scrollable on a wide screen: reachable by keyboard, named by the caption
    assert (wrap.attrs["role"], wrap.attrs["tabindex"], wrap.attrs["aria-labelledby"]) == ("region", "0", "results-2026")
    assert table.find("caption").attrs["id"] == "results-2026"
    assert table.find("caption").text() == "行政许可结果（共3条）"
    heads = table.find("thead").find_all("th")
    assert [h.text() for h in heads] == PERMIT_HEADINGS.split(",")
    assert {h.attrs["scope"] for h in heads} == {"col"}
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 3
    first = [td.text() for td in rows[0].find_all("td")]
    assert first == ["清河县鑫源食品有限公司", "法人及非法人组织", COMPANY_CODE, "陈建国", "35*************" + OTHER_ID[-3:],
                     "清市监许〔2026〕1号", "食品经营许可", "2026-03-05", "2026-03-05", "2031-03-04", "清河县市场监督管理局"]
    assert [td.attrs["data-label"] for td in rows[0].find_all("td")] == PERMIT_HEADINGS.split(",")
    assert squash(html.find("p", "table-note").text()) == "自然人姓名、证件号码等个人信息已按规定隐去部分内容。"


def test_results_mask_natural_persons_ids_and_numbers_in_every_output(permits):
    html, rows = fragment(permits, "2026"), data(permits, "2026")
    person = [td.text() for td in parse(html).find("tbody").find_all("tr")[1].find_all("td")]
    assert person[0] == "李某某"
    assert person[4] == "11*************" + PERSON_ID[-3:]
    assert person[6] == "李某某申请，联系电话139****5678"
    business = [td.text() for td in parse(html).find("tbody").find_all("tr")[2].find_all("td")]
    assert business[0] == "清河县王某某小吃店" and business[3] == "王某某"
    assert rows["rows"][1][:5] == ["李某某", "自然人", "", "", "11*************" + PERSON_ID[-3:]]
    everything = html + json.dumps(rows, ensure_ascii=False)
    for secret in ("李小明", "王大力", PERSON_ID, OTHER_ID, MOBILE, PERSON_ID[:6]):
        assert secret not in everything


def test_a_formula_cell_is_shown_as_text_escaped(permits):
    html = fragment(permits, "2026")
    cell = parse(html).find("tbody").find_all("tr")[2].find_all("td")[6]
    assert cell.text() == '=HYPERLINK("http://evil.example/","点击")'
    assert "<a" not in html and "=HYPERLINK(&#34;http://evil.example/&#34;,&#34;点击&#34;)" in html


def test_results_data_is_the_masked_rows_under_the_headings(permits):
    found = data(permits, "2026")
    assert found["columns"] == PERMIT_HEADINGS.split(",")
    assert len(found["rows"]) == 3 and all(len(row) == 11 for row in found["rows"])


def test_privacy_findings_outside_the_id_column_are_warnings_located_at_row_and_column(permits):
    assert problems(permits) == [
        "content/assets/permits/2026.csv:3:7: 许可内容: 第3行“许可内容”：疑似个人手机号码，属于个人隐私；请删除或改为 139****5678"
        "（网页和开放数据中已显示为 139****5678） (row 3, “许可内容”: looks like a personal mobile number, which is "
        "personal data; remove it or mask it as 139****5678 (pages and open data show 139****5678 already))",
    ]


def test_a_bank_card_in_a_penalty_fact_is_masked(scratch_site):
    row = ["赵六", "自然人", "", "", "", "清市监罚〔2026〕9号", "其他", f"通过银行卡{CARD}收取货款", "《食品安全法》",
           "罚款", "罚款", "0.5", "2026-06-01", "清河县市场监督管理局"]
    scratch_site.write("assets/penalties/2026.csv", csv_text(PENALTY_HEADINGS, [row]))
    scratch_site.write("penalties/p2026.md", results_md("penalties/2026.csv", "penalty"))
    found = data(scratch_site, "p2026")
    assert found["rows"][0][0] == "赵某某" and found["rows"][0][7] == "通过银行卡6222***********4562收取货款"
    assert [p.split(": ", 2)[1] for p in problems(scratch_site)] == ["违法事实"]


def test_compound_surnames_and_already_masked_names():
    from generator.features.records.tables.masking import mask_document, mask_name
    assert [mask_name(n) for n in ("欧阳娜娜", "张三", "司马光", "张某", "李")] == ["欧阳某某", "张某某", "司马某某", "张某", "李某某"]
    assert mask_document(" E1234 5678 ") == "E1****678" and mask_document("12345") == "*****"


# --- results: CSV and XLSX ---------------------------------------------------------------------

def test_csv_with_a_bom_and_crlf_reads_the_same(scratch_site):
    text = csv_text(PERMIT_HEADINGS, PERMIT_ROWS[:1]).replace("\n", "\r\n")
    scratch_site.write("assets/a.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))
    scratch_site.write("permits/a.md", results_md("a.csv"))
    assert data(scratch_site, "a")["rows"][0][0] == "清河县鑫源食品有限公司" and problems(scratch_site) == []


def test_xlsx_results_read_with_date_cells_and_numbers(scratch_site):
    rows = [list(PERMIT_ROWS[1])]
    rows[0][7] = dt.datetime(2026, 4, 1)          # a date cell, as Excel stores it
    scratch_site.write("assets/permits.xlsx", xlsx_bytes(PERMIT_HEADINGS, rows))
    scratch_site.write("permits/x.md", results_md("permits.xlsx"))
    found = data(scratch_site, "x")
    assert found["rows"][0][:8] == ["李某某", "自然人", "", "", "11*************" + PERSON_ID[-3:], "清卫许〔2026〕2号",
                                    "李某某申请，联系电话139****5678", "2026-04-01"]
    assert [p.split(": ", 2)[0] for p in problems(scratch_site)] == ["content/assets/permits.xlsx:2:7"]


def test_xlsx_formula_is_not_evaluated(scratch_site):
    rows = [list(PERMIT_ROWS[0])]
    rows[0][6] = '=HYPERLINK("http://evil.example/","点击")'
    scratch_site.write("assets/f.xlsx", xlsx_bytes(PERMIT_HEADINGS, rows))
    scratch_site.write("permits/f.md", results_md("f.xlsx"))
    # openpyxl saved no computed value: the cell is empty, never fetched or evaluated
    assert data(scratch_site, "f")["rows"][0][6] == ""


def test_xlsx_sheet_by_name_and_a_missing_sheet(scratch_site):
    scratch_site.write("assets/s.xlsx", xlsx_bytes(PERMIT_HEADINGS, [PERMIT_ROWS[0]], sheet="结果"))
    scratch_site.write("permits/s.md", results_md("s.xlsx", extra="  sheet: 结果"))
    scratch_site.write("permits/t.md", results_md("s.xlsx", extra="  sheet: 名单"))
    assert data(scratch_site, "s")["rows"][0][0] == "清河县鑫源食品有限公司"
    assert problems(scratch_site) == [
        "content/permits/t.md:8:10: results.sheet: s.xlsx 中没有名为“名单”的工作表（现有：结果）；请改正 sheet "
        "(s.xlsx has no sheet “名单” (it has: 结果); correct sheet)"]


def test_a_damaged_xlsx_is_an_error(scratch_site):
    scratch_site.write("assets/bad.xlsx", b"PK\x03\x04 not really a workbook")
    scratch_site.write("permits/bad.md", results_md("bad.xlsx"))
    assert problems(scratch_site) == [
        "content/assets/bad.xlsx:1:1: 无法读取结果表（BadZipFile）；请确认文件是未加密的 .xlsx "
        "(cannot read the results table (BadZipFile); make sure it is an unencrypted .xlsx file)"]


def test_a_gbk_csv_is_an_error_that_says_how_to_save_it(scratch_site):
    scratch_site.write("assets/gbk.csv", csv_text(PERMIT_HEADINGS, PERMIT_ROWS[:1]).encode("gbk"))
    scratch_site.write("permits/gbk.md", results_md("gbk.csv"))
    assert problems(scratch_site) == [
        "content/assets/gbk.csv:1:1: 结果表不是 UTF-8 编码（可能是 GBK）；请在 Excel 中另存为“CSV UTF-8（逗号分隔）” "
        "(the results table is not UTF-8 encoded (byte 0xd0, perhaps GBK); save it from Excel as "
        "“CSV UTF-8 (comma delimited)”)"]


# --- results: the checks -----------------------------------------------------------------------

def test_every_heading_and_cell_problem_at_once_word_for_word(scratch_site):
    headings = PERMIT_HEADINGS.replace("许可机关", "许可部门").replace(",有效期自", "")
    rows = [["", "企业", "", "", "", "", "", "2026/3/5", "2026-02-30", "", "x"],
            ["某公司", "法人及非法人组织", "", "", "", "清许1号", "", "2026-03-05", "", "", "", "多余"]]
    rows = [[v for i, v in enumerate(r) if i != 8] for r in rows]
    scratch_site.write("assets/bad.csv", csv_text(headings, rows))
    scratch_site.write("permits/bad.md", results_md("bad.csv"))
    expected = "行政相对人名称，行政相对人类别，统一社会信用代码，法定代表人，证件号码，许可决定文书号，许可内容，许可决定日期，有效期自，有效期至，许可机关"
    listed_en = expected.replace("，", ",")
    assert problems(scratch_site) == [
        f"content/assets/bad.csv:1:1: 有效期自: 缺少列标题“有效期自”；行政许可结果表的列标题应为：{expected} "
        f"(column heading “有效期自” is missing; the headings of a permit results table are: {listed_en})",
        f"content/assets/bad.csv:1:1: 许可机关: 缺少列标题“许可机关”；行政许可结果表的列标题应为：{expected} "
        f"(column heading “许可机关” is missing; the headings of a permit results table are: {listed_en})",
        f"content/assets/bad.csv:1:10: 许可部门: 未知的列标题“许可部门”；行政许可结果表的列标题应为：{expected} "
        f"(unknown column heading “许可部门”; the headings of a permit results table are: {listed_en})",
        "content/assets/bad.csv:2:1: 行政相对人名称: 第2行“行政相对人名称”为空；此列必须填写 "
        "(row 2: “行政相对人名称” is empty; this column is required)",
        "content/assets/bad.csv:2:2: 行政相对人类别: 第2行“行政相对人类别”为“企业”；应为 法人及非法人组织、个体工商户、自然人 之一 "
        "(row 2: “行政相对人类别” is “企业”; it must be one of 法人及非法人组织, 个体工商户, 自然人)",
        "content/assets/bad.csv:2:6: 许可决定文书号: 第2行“许可决定文书号”为空；此列必须填写 "
        "(row 2: “许可决定文书号” is empty; this column is required)",
        "content/assets/bad.csv:2:8: 许可决定日期: 第2行“许可决定日期”为“2026/3/5”，不是有效日期；请写成 YYYY-MM-DD，例如 "
        "2026-03-05 (row 2: “许可决定日期” is “2026/3/5”, not a valid date; write it as YYYY-MM-DD, e.g. 2026-03-05)",
        "content/assets/bad.csv:3:11: 第3行第11列有内容但没有列标题；请删除它或补上列标题 "
        "(row 3, column 11 has a value but no heading; delete it or add the heading)",
    ]


def test_a_date_that_does_not_exist_and_a_validity_that_ends_before_it_starts(scratch_site):
    row = list(PERMIT_ROWS[0])
    row[7], row[8], row[9] = "2026-02-30", "2026-03-05", "2026-03-01"
    scratch_site.write("assets/d.csv", csv_text(PERMIT_HEADINGS, [row]))
    scratch_site.write("permits/d.md", results_md("d.csv"))
    assert problems(scratch_site) == [
        "content/assets/d.csv:2:8: 许可决定日期: 第2行“许可决定日期”为“2026-02-30”，不是有效日期；请写成 YYYY-MM-DD，例如 "
        "2026-03-05 (row 2: “许可决定日期” is “2026-02-30”, not a valid date; write it as YYYY-MM-DD, e.g. 2026-03-05)",
        "content/assets/d.csv:2:10: 有效期至: 第2行“有效期至” 2026-03-01 早于“有效期自” 2026-03-05；请改正其中之一 "
        "(row 2: “有效期至” 2026-03-01 is before “有效期自” 2026-03-05; correct one of them)",
    ]


def test_a_missing_file_a_path_outside_assets_and_a_symlink(scratch_site, tmp_path):
    outside = tmp_path / "secret.csv"
    outside.write_text(csv_text(PERMIT_HEADINGS, PERMIT_ROWS), encoding="utf-8")
    (scratch_site.root / "assets").mkdir(parents=True, exist_ok=True)
    (scratch_site.root / "assets" / "link.csv").symlink_to(outside)
    scratch_site.write("permits/a.md", results_md("none.csv"))
    scratch_site.write("permits/b.md", results_md("../../secret.csv"))
    scratch_site.write("permits/c.md", results_md("link.csv"))
    content, _ = load_content(scratch_site.root, "content", RECORD_TYPES)  # the symlink itself is reported by the loader
    assert [str(p) for p in sorted(check_tables(content, AS_OF))] == [
        "content/permits/a.md:7:9: results.file: 结果表 assets/none.csv 不存在；请把文件放到 content/assets/none.csv，"
        "或改正 file (results table assets/none.csv does not exist; put the file at content/assets/none.csv or "
        "correct file)",
        "content/permits/b.md:7:9: results.file: 结果表 ../../secret.csv 不在 content/assets/ 之下；请写相对于 content/assets/ "
        "的路径，例如 permits/2026-01.csv (results table ../../secret.csv is not under content/assets/; write the path "
        "relative to content/assets/, e.g. permits/2026-01.csv)",
        "content/permits/c.md:7:9: results.file: 结果表 assets/link.csv 是符号链接或位于符号链接之下，生成网站时不跟随符号链接；"
        "请把文件本身放到 content/assets/link.csv (results table assets/link.csv is or lies under a symlink, which a "
        "build never follows; put the file itself at content/assets/link.csv)",
    ]
    site = resolve_site(content, AS_OF)
    assert all(table_fragment(site, content.of("record")[i]) == "" for i in "abc")
    assert all(table_data(site, content.of("record")[i]) is None for i in "abc")


def test_headings_only_is_a_warning(scratch_site):
    scratch_site.write("assets/e.csv", PERMIT_HEADINGS + "\n")
    scratch_site.write("permits/e.md", results_md("e.csv"))
    assert problems(scratch_site) == [
        "content/assets/e.csv:1:1: 结果表只有标题行，没有数据；请填写结果，或删除本条目 "
        "(the results table has headings but no rows; fill in the results or delete the record)"]
    assert data(scratch_site, "e") == {"columns": PERMIT_HEADINGS.split(","), "rows": []}


# --- 财政预决算 ---------------------------------------------------------------------------------

ORGS_WITH_DEPARTMENTS = """\
    - id: test-county
      name: 测试县人民政府
      code: 11990599MB0000001X
    - id: test-office
      name: 测试县人民政府办公室
      code: 11990599MB0000002X
    - id: test-finance
      name: 测试县财政局
      code: 11990599MB0000003X
    - id: test-education
      name: 测试县教育局
      code: 11990599MB0000004X
    """


def budget_md(approved: str = "", published: str = "2026-02-05", department: str = "", spending: str = "") -> str:
    lines = ["budget:", "  year: 2026", "  kind: budget"]
    lines += [f"  department: {department}"] if department else []
    lines += [f"  approved: {approved}"] if approved else []
    return record_md("2026年预算", "\n".join(lines) + ("\n" + textwrap.dedent(spending).strip() if spending else ""),
                     published=published)


def table_rows(html: str, cls: str) -> list[tuple[str, str]]:
    table = parse(html).find("table", cls)
    return [(tr.find("th").text(), tr.find("td").text()) for tr in table.find("tbody").find_all("tr")]


def test_budget_header_table_of_a_department(scratch_site):
    scratch_site.write("organizations.yml", ORGS_WITH_DEPARTMENTS)
    scratch_site.write("budgets/edu.md", budget_md("2026-01-20", "2026-02-05", "test-education"))
    html = fragment(scratch_site, "edu")
    table = parse(html).find("table", "budget-table")
    assert "doc-header" in table.classes and table.find("caption").text() == "2026年部门预算"
    assert table_rows(html, "budget-table") == [("年度", "2026年"), ("类别", "部门预算"), ("部门", "测试县教育局"),
                                                ("批准日期", "2026年1月20日"), ("公开日期", "2026年2月5日")]
    assert {th.attrs["scope"] for th in table.find_all("th")} == {"row"}
    assert [t.attrs["datetime"] for t in table.find_all("time")] == ["2026-01-20", "2026-02-05"]
    assert data(scratch_site, "edu") == {"columns": ["年度", "类别", "部门", "批准日期", "公开日期"],
                                         "rows": [["2026", "部门预算", "测试县教育局", "2026-01-20", "2026-02-05"]]}


def test_budget_of_the_government_itself(scratch_site):
    scratch_site.write("budgets/gov.md", budget_md())
    assert table_rows(fragment(scratch_site, "gov"), "budget-table") == [
        ("年度", "2026年"), ("类别", "政府预算"), ("部门", "本级政府（测试县人民政府）"), ("公开日期", "2026年2月5日")]
    assert problems(scratch_site) == []


@pytest.mark.parametrize("published", ["2026-01-20", "2026-02-09"])
def test_budget_published_on_or_within_20_days_of_approval_is_fine(scratch_site, published):
    scratch_site.write("budgets/b.md", budget_md("2026-01-20", published))
    assert problems(scratch_site) == []


def test_budget_published_21_days_after_approval_is_a_warning_citing_the_budget_law(scratch_site):
    scratch_site.write("budgets/b.md", budget_md("2026-01-20", "2026-02-10"))
    assert problems(scratch_site) == [
        "content/budgets/b.md:4:12: published: 发布日期 2026-02-10 在批准日期 2026-01-20 之后 21 天，超过20日：《预算法》"
        "第十四条规定预算、决算应在批准或批复后二十日内向社会公开；请核对 published 和 budget.approved，确属逾期的，"
        "今后应在批准后20日内公开 (published 2026-02-10 is 21 days after the approval on 2026-01-20, more than 20: "
        "article 14 of the Budget Law requires budgets and final accounts to be made public within twenty days of "
        "their approval; check published and budget.approved, and if it was late, publish within 20 days of "
        "approval from now on)"]
    content = load(scratch_site)
    assert [p.severity.value for p in check_tables(content, AS_OF)] == ["warning"]


def test_budget_published_before_its_approval_is_a_warning(scratch_site):
    scratch_site.write("budgets/b.md", budget_md("2026-01-20", "2026-01-19"))
    assert problems(scratch_site) == [
        "content/budgets/b.md:4:12: published: 发布日期 2026-01-19 早于批准日期 2026-01-20；预决算经批准后才能公开，请核对 "
        "published 和 budget.approved (published 2026-01-19 is before the approval on 2026-01-20; a budget is made "
        "public after its approval: check published and budget.approved)"]


def test_budget_department_must_be_an_organization(scratch_site):
    scratch_site.write("budgets/b.md", budget_md(department="test-nowhere"))
    assert problems(scratch_site) == [
        "content/budgets/b.md:8:15: budget.department: 机构 test-nowhere 不在 organizations.yml 中；请检查拼写或先在 "
        "organizations.yml 中添加它 (organization test-nowhere is not in organizations.yml; check the spelling or "
        "add it there)"]


# --- 三公经费 -----------------------------------------------------------------------------------

SPENDING = """\
    spending:
      year: 2026
      kind: budget
      overseas_travel: 0
      vehicle_purchase: 12.5
      vehicle_operation: "30.25"
      reception: 8.1
      total: {total}
      previous_total: {previous}
    """


def spending_md(total: str = "50.85", previous: str = "52") -> str:
    return budget_md(spending=SPENDING.format(total=total, previous=previous))


def test_spending_table_four_items_total_and_change(scratch_site):
    scratch_site.write("budgets/s.md", spending_md())
    html = fragment(scratch_site, "s")
    table = parse(html).find("table", "spending-table")
    assert table.find("caption").text() == "2026年“三公”经费预算（单位：万元）"
    assert [th.text() for th in table.find("thead").find_all("th")] == ["项目", "金额（万元）"]
    assert table_rows(html, "spending-table") == [
        ("因公出国（境）费", "0.00"), ("公务用车购置费", "12.50"), ("公务用车运行维护费", "30.25"), ("公务接待费", "8.10"),
        ("合计", "50.85"), ("上年合计", "52.00"), ("比上年增减", "减少 1.15（2.21%）")]
    assert problems(scratch_site) == []
    found = data(scratch_site, "s")
    assert found["rows"][0] == ["2026", "政府预算", "本级政府（测试县人民政府）", "", "2026-02-05"]
    assert found["spending"]["rows"][4] == ["合计", "50.85"]


def test_spending_change_is_shown_only_with_last_years_total(scratch_site):
    scratch_site.write("budgets/s.md", record_md("三公经费", SPENDING.format(total="50.85", previous="50.85")))
    assert table_rows(fragment(scratch_site, "s"), "spending-table")[-1] == ("比上年增减", "持平")
    scratch_site.write("budgets/s.md", record_md("三公经费", SPENDING.format(total="50.85", previous="50.85")
                                                 .replace("  previous_total: 50.85\n", "")))
    assert [h for h, _ in table_rows(fragment(scratch_site, "s"), "spending-table")][-1] == "合计"
    assert data(scratch_site, "s")["columns"] == ["项目", "金额（万元）"]


def test_spending_total_must_be_the_sum_of_the_four_items(scratch_site):
    scratch_site.write("budgets/s.md", spending_md(total="51.85"))
    assert problems(scratch_site) == [
        "content/budgets/s.md:15:10: spending.total: 合计 51.85 万元不等于四项之和 50.85 万元（0+12.5+30.25+8.1）；"
        "请改正合计或各项金额 (total 51.85 (10,000 yuan) is not the sum of the four items, 50.85 (0+12.5+30.25+8.1); "
        "correct the total or the items)"]


def test_spending_beside_a_budget_is_of_the_same_year_and_kind(scratch_site):
    scratch_site.write("budgets/s.md", budget_md(spending=SPENDING.format(total="50.85", previous="52")
                                                 .replace("year: 2026", "year: 2025")))
    assert problems(scratch_site) == [
        "content/budgets/s.md:9:9: spending.year: 三公经费为 2025年预算，而本条目是 2026年预算；请改正 spending 的 year 或 "
        "kind，或拆成两个条目 (spending is for 2025 (budget) but the record is the 2026 budget; correct spending's "
        "year or kind, or split it into two records)"]


# --- 建议提案办理复文 -----------------------------------------------------------------------------

def proposal_md(handled_by: str = "[test-finance, test-education]", session: str = "  session: 县十八届人大四次会议\n") -> str:
    return record_md("关于加强农村学校建设的建议的答复",
                     f"proposal:\n  kind: suggestion\n  number: 第0123号\n{session}  handled_by: {handled_by}\n"
                     f"  replied: 2026-06-30\n  result: planned")


def test_proposal_header_table(scratch_site):
    scratch_site.write("organizations.yml", ORGS_WITH_DEPARTMENTS)
    scratch_site.write("proposals/p.md", proposal_md())
    html = fragment(scratch_site, "p")
    table = parse(html).find("table", "proposal-table")
    assert table.find("caption").text() == "人大代表建议办理情况"
    assert table_rows(html, "proposal-table") == [
        ("类别", "人大代表建议"), ("编号", "第0123号"), ("会议", "县十八届人大四次会议"),
        ("承办单位", "主办：测试县财政局；协办：测试县教育局"), ("答复日期", "2026年6月30日"),
        ("办理结果", "B类：列入计划逐步解决")]
    assert problems(scratch_site) == []
    assert data(scratch_site, "p")["rows"] == [["人大代表建议", "第0123号", "县十八届人大四次会议",
                                                "主办：测试县财政局；协办：测试县教育局", "2026-06-30", "B类：列入计划逐步解决"]]


def test_proposal_without_session_and_one_unit(scratch_site):
    scratch_site.write("organizations.yml", ORGS_WITH_DEPARTMENTS)
    scratch_site.write("proposals/p.md", proposal_md("test-finance", ""))
    assert [h for h, _ in table_rows(fragment(scratch_site, "p"), "proposal-table")] == [
        "类别", "编号", "承办单位", "答复日期", "办理结果"]
    assert dict(table_rows(fragment(scratch_site, "p"), "proposal-table"))["承办单位"] == "测试县财政局"


def test_proposal_handling_units_must_be_organizations(scratch_site):
    scratch_site.write("proposals/p.md", proposal_md("[test-office, test-nowhere]"))
    assert problems(scratch_site) == [
        "content/proposals/p.md:9:29: proposal.handled_by[1]: 承办单位 test-nowhere 不在 organizations.yml 中；请检查拼写或"
        "先在 organizations.yml 中添加它 (handling unit test-nowhere is not in organizations.yml; check the spelling "
        "or add it there)"]


def test_values_from_yaml_are_escaped(scratch_site):
    scratch_site.write("organizations.yml", ORGS_WITH_DEPARTMENTS)
    scratch_site.write("proposals/p.md", proposal_md("test-finance", "  session: <script>alert(1)</script>\n"))
    html = fragment(scratch_site, "p")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- the annual report's 行政许可 / 行政处罚 counts ---------------------------------------------------

def permit_row(number: str, decided: str) -> list[str]:
    return ["清河县某某有限公司", "法人及非法人组织", "", "", "", number, "许可", decided, "", "", "清河县市场监督管理局"]


@pytest.fixture
def reported(scratch_site):
    """Two permit tables holding three decisions of 2025 (one listed twice) and one of 2026."""
    scratch_site.write("assets/p1.csv", csv_text(PERMIT_HEADINGS, [permit_row("许1号", "2025-03-01"),
                                                                   permit_row("许2号", "2025-12-31")]))
    scratch_site.write("assets/p2.xlsx", xlsx_bytes(PERMIT_HEADINGS, [permit_row("许2号", "2025-12-31"),
                                                                      permit_row("许3号", "2025-07-01"),
                                                                      permit_row("许4号", "2026-01-02")]))
    scratch_site.write("permits/p1.md", results_md("p1.csv"))
    scratch_site.write("permits/p2.md", results_md("p2.xlsx"))
    return scratch_site


def report_with(site, proactive: str) -> None:
    from test_annual_report import report_yml
    text = report_yml().replace('proactive: {licensing: 3, penalty: 2, coercion: 1, fees: "1.50"}', proactive)
    site.write("reports/2025.yml", text)


def report_content(site):
    content, found = load_content(site.root, "content", RECORD_TYPES + (ContentType("report", "reports", ".yml",
                                                                                     AnnualReport),))
    assert [str(p) for p in found] == []
    return content


def report_checks(site) -> list[str]:
    return [str(p) for p in sorted(check_report_decisions(report_content(site), AS_OF))]


def test_counts_left_out_are_the_decisions_of_the_year_each_number_once(reported):
    report_with(reported, 'proactive: {coercion: 1, fees: "1.50"}')
    content = report_content(reported)
    rows = decision_rows(content, 2025, content.of("report")["2025"].model)
    assert {k: (r.given, r.counted, r.shown) for k, r in rows.items()} == {"licensing": (None, 3, 3),
                                                                           "penalty": (None, None, 0)}
    assert {k: r.counted for k, r in decision_rows(content, 2026, content.of("report")["2025"].model).items()} == {
        "licensing": 1, "penalty": None}
    assert report_checks(reported) == [
        "content/reports/2025.yml:3:12: proactive: 未填写 proactive.penalty（行政处罚本年处理决定数量），也没有决定日期在 2025年的"
        "行政处罚结果表，年报中此项将显示为 0；请填写 penalty，或添加行政处罚结果表 (proactive.penalty is left out and no "
        "行政处罚 results table holds a decision of 2025: the report shows 0; fill in penalty or add the results tables)"]


def test_the_report_page_shows_the_counted_numbers_and_says_how(reported):
    report_with(reported, 'proactive: {penalty: 2, coercion: 1, fees: "1.50"}')
    content = report_content(reported)
    pages = build_report_pages(resolve_site(content, AS_OF), lambda **meta: meta)
    html = parse(next(p for p in pages if p.url == "reports/2025/").before)
    table = html.find("table", "report-table")
    rows = {squash(r.find("th").text()): [squash(td.text()) for td in r.find_all("td")]
            for r in table.find_all("tr") if r.find_all("td")}
    assert rows["行政许可"] == ["3"] and rows["行政处罚"] == ["2"]
    assert squash(html.find("p", "report-note").text()) == \
        "行政许可本年处理决定数量，按本网站公开的行政许可结果表中决定日期在2025年内的决定统计（同一决定书文号只计一次）。"


def test_given_counts_that_differ_from_the_tables_are_a_warning(reported):
    report_with(reported, 'proactive: {licensing: 4, penalty: 2, coercion: 1, fees: "1.50"}')
    assert report_checks(reported) == [
        "content/reports/2025.yml:3:24: proactive.licensing: 行政许可本年处理决定数量填写为 4，而行政许可结果表中决定日期在 "
        "2025年的决定有 3 件；请核对，或删去 licensing 由结果表计算 (licensing is 4 but the 行政许可 results tables hold 3 "
        "decisions of 2025; check them, or delete licensing to count it from the tables)"]
    report_with(reported, 'proactive: {licensing: 3, penalty: 2, coercion: 1, fees: "1.50"}')
    assert report_checks(reported) == []



# --- the raw file is never published --------------------------------------------------------------

def test_the_asset_review_leaves_results_tables_to_the_table_check(permits):
    from generator.review import review_assets
    permits.write("assets/list.csv", f"姓名,身份证号\n张三,{PERSON_ID}\n")   # an ordinary attachment: reviewed
    found = [str(p) for p in review_assets(load(permits)).report]
    assert [p.split(": ")[0] for p in found] == ["content/assets/list.csv:2:4"]


def records_loaded() -> bool:
    from generator.pipeline import FEATURES
    return any(f.name == "records" for f in FEATURES)


@pytest.mark.skipif(not records_loaded(), reason="records are loaded by the records feature (branch records-18)")
def test_a_built_site_shows_the_masked_table_and_never_the_raw_file(permits, tmp_path):
    site = tmp_path / "site"
    assert permits.build(site) == 0
    assert not (site / "files" / "permits" / "2026.csv").exists()
    published = "".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.rglob("*"))
                        if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml", ".txt"))
    assert "李某某" in published and "清河县王某某小吃店" in published
    for secret in ("李小明", "王大力", PERSON_ID, OTHER_ID, MOBILE):
        assert secret not in published


def test_an_empty_file_and_a_repeated_decision_number(scratch_site):
    scratch_site.write("assets/empty.csv", "")
    scratch_site.write("permits/empty.md", results_md("empty.csv"))
    scratch_site.write("assets/twice.csv", csv_text(PERMIT_HEADINGS, [PERMIT_ROWS[0], PERMIT_ROWS[0]]))
    scratch_site.write("permits/twice.md", results_md("twice.csv"))
    listed = "行政相对人名称，行政相对人类别，统一社会信用代码，法定代表人，证件号码，许可决定文书号，许可内容，许可决定日期，有效期自，有效期至，许可机关"
    assert problems(scratch_site) == [
        f"content/assets/empty.csv:1:1: 结果表是空的；第一行应为列标题：{listed} (the results table is empty; its first "
        f"row holds the headings: {listed.replace('，', ',')})",
        "content/assets/twice.csv:3:6: 许可决定文书号: 第3行“许可决定文书号” 清市监许〔2026〕1号 与第2行重复；若是同一决定，"
        "请删除重复的一行 (row 3: “许可决定文书号” 清市监许〔2026〕1号 repeats row 2; if it is the same decision, delete one "
        "of the rows)"]
    assert data(scratch_site, "empty") is None and fragment(scratch_site, "empty") == ""
