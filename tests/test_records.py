"""Disclosure records (信息条目): their checks (located, bilingual, all at once), their pages
(header, banners, escaping), the section lists and their pagination, and 索引号."""
from __future__ import annotations

import pytest
from pagehtml import Site, select, select_one, texts
from records_site import add_records

from generator.content import load_content
from generator.pipeline import CONTENT_TYPES, SECTION_TYPES
from generator.site import all_index_numbers

COUNTY = "11990599MB0000001X"
OFFICE = "11990599MB0000002X"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Site:
    from conftest import ScratchSite
    site = ScratchSite(tmp_path_factory.mktemp("records"))
    add_records(site, permits=25)
    site.write("plans/hostile.md", """\
        ---
        title: <script>alert("规划")</script> & 计划
        issuer: test-county
        published: 2019-01-02
        summary: <img src=x onerror=alert(1)>
        ---

        正文。
        """)
    site.write("personnel/withheld.md", """\
        ---
        title: 内部人事讨论记录
        issuer: test-county
        published: 2026-01-05
        disclosure: withheld
        withheld_ground: 《中华人民共和国政府信息公开条例》第十六条
        ---

        不公开。
        """)
    site.write("personnel/later.md", """\
        ---
        title: 2027年招聘公告
        issuer: test-county
        published: 2027-01-05
        ---

        明年发布。
        """)
    out = site.base / "out"
    assert site.build(out) == 0
    return Site(out)


# -- checks ----------------------------------------------------------------------------------

BAD_PLAN = """\
    ---
    title: 规划甲
    issuer: nobody
    published: 2024-03-01
    valid_until: 2023-12-31
    superseded_by: missing
    disclosure: withheld
    ---
    正文<script>alert(1)</script>
    """


def _record(title: str, **keys: str) -> str:
    extra = "".join(f"{k}: {v}\n" for k, v in keys.items())
    return f"---\ntitle: {title}\nissuer: test-county\npublished: 2024-03-01\n{extra}---\n正文。\n"


def test_every_record_problem_is_located_bilingual_and_reported_at_once(scratch_site):
    scratch_site.write("plans/a.md", BAD_PLAN)
    scratch_site.write("plans/b.md", _record("规划乙", colour="red").replace("2024-03-01", "2024-13-01"))
    scratch_site.write("leaders/c.md", _record("领导", superseded_by="d"))
    scratch_site.write("personnel/d.md", _record("人事"))
    scratch_site.write("plans/d.md", _record("规划丁"))
    assert scratch_site.check() == [
        "content/leaders/c.md:5:16: superseded_by: 条目 d 在另一栏目（content/personnel/d.md）；只能被本栏目（领导信息）"
        "的条目替代，请改正 superseded_by (record d is in another section (content/personnel/d.md); only a record "
        "of this section (leaders) can replace it: correct superseded_by)",
        "content/plans/a.md:3:9: issuer: 机构 nobody 不在 organizations.yml 中；请检查拼写或先在 organizations.yml "
        "中添加它 (organization nobody is not in organizations.yml; check the spelling or add it there)",
        "content/plans/a.md:5:14: valid_until: 有效期至 2023-12-31 早于发布日期 published 2024-03-01；请改正有效期至 "
        "(valid_until 2023-12-31 is before published 2024-03-01; correct valid_until)",
        "content/plans/a.md:6:16: superseded_by: 找不到条目 missing；superseded_by 应为本栏目（规划计划）中替代本条目"
        "的条目编号（文件名去掉 .md） (no record missing; superseded_by names the record of this section (plans) "
        "that replaces this one (its file name without .md))",
        "content/plans/a.md:7:13: withheld_ground: 不予公开的条目必须写明法律依据；请添加 withheld_ground，例如 "
        "《中华人民共和国政府信息公开条例》第十四条 (a withheld record needs its legal ground; add withheld_ground, "
        "e.g. Article 14 of the Regulations on Open Government Information)",
        "content/plans/a.md:9:3: body: 正文中的 <script> 元素不允许，发布时会被删去；请删除它，正文用 Markdown 书写，"
        "视频、表单等请链接到其所在页面 (the <script> element is not allowed in a body and is dropped when "
        "published; remove it, write the body in Markdown, and link to pages that hold videos, forms and the like)",
        "content/plans/b.md:4:12: published: 日期 2024-13-01 不存在；请改为日历上真实存在的日期 (2024-13-01 is not "
        "a real date; use a day that exists in the calendar)",
        "content/plans/b.md:5:1: colour: 未知的键 colour；是否应为 disclosure？ (unknown key colour; did you mean "
        "disclosure?)",
        "content/plans/d.md:1:1: 编号 d 与 content/personnel/d.md 重复；请重命名其中一个文件 (id d is also used by "
        "content/personnel/d.md; rename one of the files)",
    ]


def test_a_record_that_replaces_itself_and_one_of_two_tables(scratch_site):
    scratch_site.write("plans/self.md", _record("规划", superseded_by="self"))
    scratch_site.write("budgets/two.md", _record("预算", proposal="{kind: suggestion, number: '1', "
                                                   "handled_by: [test-county], replied: 2024-03-01, result: solved}",
                                                 budget="{year: 2024, kind: budget}"))
    assert scratch_site.check() == [
        "content/budgets/two.md:2:1: 一个条目只能有一种表格（budget、proposal）；请拆成多个条目 (a record holds one "
        "table at most (budget, proposal); split it into several records)",
        "content/plans/self.md:5:16: superseded_by: 条目不能替代自己；请删除 superseded_by 或改为新条目的编号 "
        "(a record cannot replace itself; remove superseded_by or name the new record)",
    ]


# -- 索引号 ------------------------------------------------------------------------------------

def test_records_and_policies_share_the_index_number_sequence_and_superior_gets_none(scratch_site):
    scratch_site.write("plans/p1.md", _record("规划").replace("2024-03-01", "2022-01-01"))
    scratch_site.write("plans/p2.md", _record("规划二", index_no=f'"{COUNTY}/2022-00009"').replace(
        "2024-03-01", "2022-01-02"))
    scratch_site.write("permits/p3.md", _record("许可").replace("test-county", "test-office").replace(
        "2024-03-01", "2023-03-01"))
    scratch_site.write("superior/city.md", _record("市政府文件"))
    scratch_site.write("superior/city-numbered.md", _record("市政府文件二", index_no="CITY/2024-00001"))
    content, problems = load_content(scratch_site.root, "content", CONTENT_TYPES, section_types=SECTION_TYPES)
    assert problems == []
    assert all_index_numbers(content) == {
        ("policy", "rules"): f"{COUNTY}/2022-00011",      # after p1, numbered after the written 00009
        ("policy", "notice"): f"{OFFICE}/2023-00001",
        ("record", "p1"): f"{COUNTY}/2022-00010",
        ("record", "p2"): f"{COUNTY}/2022-00009",
        ("record", "p3"): f"{OFFICE}/2023-00002",         # after the notice of the same body and year
        ("record", "city-numbered"): "CITY/2024-00001",   # written; superior/city.md gets none
    }


# -- pages -------------------------------------------------------------------------------------

def test_the_record_page_has_the_standard_header_and_the_superseded_and_expired_banners(built):
    page = built.article("plans/plan-13/")
    assert select_one(page, "h1").text == "测试县国民经济和社会发展第十三个五年规划纲要"
    rows = dict(zip(texts(page, "table.doc-header th"), texts(page, "table.doc-header td")))
    assert rows == {"索引号": f"{COUNTY}/2016-00001", "发布机构": "测试县人民政府",
                    "主题分类": "国民经济管理、国有资产监管\\发展规划", "发布日期": "2016年3月1日",
                    "文号": "测政发〔2016〕8号", "有效期至": "2020年12月31日"}
    notes = select(page, "div.validity")
    assert [n.attrs["role"] for n in notes] == ["note", "note"]
    assert [select_one(n, "strong").text for n in notes] == ["已被替代", "已过有效期"]
    assert select(notes[0], "p")[1].text == "本条目已被《测试县国民经济和社会发展第十四个五年规划纲要》替代，保留供查阅。"
    assert select_one(notes[0], "a").attrs["href"] == "../plan-14/"
    assert "本条目有效期至2020年12月31日，已过有效期，保留供查阅。" in notes[1].text


def test_the_new_record_names_the_one_it_replaces_and_lists_its_attachment(built):
    page = built.article("plans/plan-14/")
    rows = dict(zip(texts(page, "table.doc-header th"), texts(page, "table.doc-header td")))
    assert rows["更新日期"] == "2021年4月1日" and rows["索引号"] == f"{COUNTY}/2021-00001"
    note = select_one(page, "div.validity")
    assert note.text.replace("\n", "").endswith("本条目替代《测试县国民经济和社会发展第十三个五年规划纲要》。")
    assert select_one(note, "a").attrs["href"] == "../plan-13/"
    assert texts(page, "section.doc-attachments a") == ["规划纲要全文"]
    assert select_one(page, "section.doc-attachments a").attrs["href"] == "../../files/files/plan-14.txt"


def test_a_hostile_title_and_summary_are_escaped(built):
    html = built.html("plans/hostile/")
    assert "<script>alert(" not in html and "&lt;script&gt;alert(&#34;规划&#34;)&lt;/script&gt; &amp; 计划" in html
    listing = built.html("plans/")
    assert "<img src=x" not in listing and "&lt;img src=x onerror=alert(1)&gt;" in listing
    assert select_one(built.article("plans/hostile/"), "h1").text == '<script>alert("规划")</script> & 计划'


def test_withheld_and_scheduled_records_are_not_built(built):
    assert not built.exists("personnel/withheld/") and not built.exists("personnel/later/")
    assert not built.exists("personnel/")   # nothing shown: no list, no navigation entry
    assert "内部人事讨论记录" not in built.html("search/") + (built.root / "data/records.json").read_text("utf-8")


def test_the_section_list_is_newest_first_with_badges_and_pages(built):
    first, second = built.article("permits/"), built.article("permits/page/2/")
    titles = texts(first, "ul.record-list p.record-list__title a")
    assert len(titles) == 20 and titles[0] == "2026年10月第25批行政许可结果"
    assert texts(second, "ul.record-list p.record-list__title a")[-1] == "2026年10月第1批行政许可结果"
    pager = select_one(first, "nav.pager")
    assert pager.attrs["aria-label"] == "分页"
    assert [(a.text, a.attrs.get("aria-current")) for a in select(pager, "a")] == [
        ("1", "page"), ("2", None), ("下一页", None)]
    assert select_one(second, "nav.pager a[rel=prev]").attrs["href"] == "../../"
    plans = built.article("plans/")
    assert texts(plans, "span.badge") == ["已被替代"]
    item = select(plans, "li.record-list__item")[2]
    assert texts(item, "time") == ["2016年3月1日"] and texts(item, "span.doc-number") == ["测政发〔2016〕8号"]
    assert texts(item, "p.record-list__summary") == ["十三五时期的发展目标和主要任务。"]


def test_sections_with_records_are_in_the_navigation_under_their_group(built):
    nav = built.html("permits/")
    assert "机构信息" in nav and "权责和执法" in nav and "重点领域" not in nav


def test_a_broken_link_in_a_record_names_the_record_file(scratch_site, tmp_path, capsys):
    scratch_site.write("plans/x.md", "---\ntitle: 规划\nissuer: test-county\npublished: 2024-03-01\n---\n"
                                     "见[不存在的文件](../policies/nope.md)。\n")
    assert scratch_site.build(tmp_path / "out") == 1
    assert not (tmp_path / "out").exists()
    assert ("链接 ../../policies/nope/ 无效：目标不存在（来自 content/plans/x.md）；请修改content/plans/x.md中的链接"
            in capsys.readouterr().err)


def test_a_home_section_shows_its_count_and_newest_records(built):
    block = next(s for s in select(built.article(""), "section") if texts(s, "a")[:1] == ["行政许可结果"])
    assert texts(block, "a")[1:4] == ["2026年10月第25批行政许可结果", "2026年10月第24批行政许可结果",
                                      "2026年10月第23批行政许可结果"]
    assert "25 条" in texts(block, "span")


def test_the_privacy_review_blocks_a_public_record_and_skips_a_non_public_one(scratch_site, tmp_path, capsys):
    scratch_site.write("personnel/a.md", "---\ntitle: 任免\nissuer: test-county\npublished: 2024-03-01\n---\n"
                                         "联系电话13812345678。\n")
    scratch_site.write("personnel/b.md", "---\ntitle: 内部\nissuer: test-county\npublished: 2024-03-01\n"
                                         "disclosure: on_request\n---\n联系电话13912345678。\n")
    assert scratch_site.build(tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert ("content/personnel/a.md:6:5: body: 疑似个人手机号码，属于个人隐私；请删除或改为 138****5678 (looks like a "
            "personal mobile number, which is personal data; remove it or mask it as 138****5678)") in err
    assert "personnel/b.md" not in err and "1 个错误" in err
