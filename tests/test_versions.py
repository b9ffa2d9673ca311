"""Historical texts (规章历史文本): version lists, comparisons with <ins>/<del>, checks, pages."""
from __future__ import annotations

from html_tree import page, squash
from generator.features.versions.versions import Block, diff_chars, diff_texts, paragraphs

OLD = """
第一条 为了规范管理，制定本办法。

第二条 占用期限一般不超过1年，期满后恢复原状。

第三条 本办法自2024年6月1日起施行。
"""
NEW = """
第一条 为了规范管理，制定本办法。

第二条 占用期限一般不超过6个月，期满后恢复原状。

第三条 新增的一条规定。

第四条 本办法自2024年6月1日起施行。
"""


def test_paragraphs_drop_markup_and_editor_comments():
    text = "<!-- 编辑备注 -->\n\n## 第一章\n\n**第一条** 见[附件](a.pdf)。\n> 引文"
    assert [(p.kind, p.text) for p in paragraphs(text)] == [("h3", "第一章"), ("p", "第一条 见附件。引文")]


def test_two_known_versions_compare_paragraph_then_character():
    assert diff_texts(OLD, NEW) == [
        Block("same", "p", (("same", "第一条 为了规范管理，制定本办法。"),)),
        Block("changed", "p", (("same", "第二条 占用期限一般不超过"), ("del", "1年"), ("ins", "6个月"),
                               ("same", "，期满后恢复原状。"))),
        Block("added", "p", (("ins", "第三条 新增的一条规定。"),)),
        Block("changed", "p", (("same", "第"), ("del", "三"), ("ins", "四"), ("same", "条 本办法自2024年6月1日起施行。"))),
    ]


def test_numbers_change_whole_and_short_common_runs_join_the_change():
    assert diff_chars("绿地率不得低于30%", "绿地率不得低于35%") == (
        ("same", "绿地率不得低于"), ("del", "30"), ("ins", "35"), ("same", "%"))
    assert diff_chars("不超过1年，期满", "不超过6个月；确需延期的，应当在15日内申请，期满") == (
        ("same", "不超过"), ("del", "1年"), ("ins", "6个月；确需延期的，应当在15日内申请"), ("same", "，期满"))


def test_a_removed_paragraph_is_deleted_whole():
    assert diff_texts("甲。\n\n乙乙乙乙。", "甲。") == [Block("same", "p", (("same", "甲。"),)),
                                                     Block("removed", "p", (("del", "乙乙乙乙。"),))]


# --- checks --------------------------------------------------------------------------------

RULES_WITH_VERSIONS = """
    ---
    title: 测试县行政规范性文件管理办法
    genre: normative
    issuer: test-county
    doc_number: 测政规〔2022〕1号
    written: 2022-05-20
    published: 2022-05-24
    effective: 2022-06-01
    versions:
      - effective: 2020-01-01
        until: 2022-05-23
        by: amend-1
        file: versions/rules/2020-01-01.md
    ---

    **第一条** 新文本。
    """
AMEND = """
    ---
    title: 关于修改《测试县行政规范性文件管理办法》的决定
    genre: normative
    issuer: test-county
    doc_number: 测政规〔2022〕2号
    written: 2022-05-20
    published: 2022-05-24
    amends: [rules]
    ---
    """


def _versioned(scratch_site, rules: str = RULES_WITH_VERSIONS) -> None:
    scratch_site.write("policies/2022/rules.md", rules)
    scratch_site.write("policies/2022/amend-1.md", AMEND)
    scratch_site.write("versions/rules/2020-01-01.md", "**第一条** 旧文本。\n")


def test_a_missing_version_file_is_located(scratch_site):
    _versioned(scratch_site)
    scratch_site.remove("versions/rules/2020-01-01.md")
    assert [m for m in scratch_site.check() if "versions" in m] == [
        "content/policies/2022/rules.md:13:11: versions.file: 找不到历史文本文件 versions/rules/2020-01-01.md；"
        "请把该版本全文存为 content/ 下的 .md 文件，并检查路径 (no version file versions/rules/2020-01-01.md; save "
        "that text as a .md file under content/ and check the path)"]


def test_a_period_ending_before_it_starts_and_an_unknown_actor(scratch_site):
    _versioned(scratch_site, RULES_WITH_VERSIONS.replace("until: 2022-05-23", "until: 2019-12-31")
               .replace("by: amend-1", "by: amend-9"))
    assert [m for m in scratch_site.check() if "versions" in m] == [
        "content/policies/2022/rules.md:11:12: versions.until: 最后施行日 2019-12-31 早于施行日期 2020-01-01；请改正 "
        "(until 2019-12-31 is before effective 2020-01-01; correct it)",
        "content/policies/2022/rules.md:12:9: versions.by: 找不到文件 amend-9；请检查编号（文件名去掉 .md） "
        "(no document amend-9; check the id (the file name without .md))"]


def test_overlapping_versions_are_refused(scratch_site):
    _versioned(scratch_site, RULES_WITH_VERSIONS.replace("        file: versions/rules/2020-01-01.md\n", """\
        file: versions/rules/2020-01-01.md
      - effective: 2021-06-01
        until: 2022-05-31
        file: versions/rules/2020-01-01.md
"""))
    assert [m for m in scratch_site.check() if "versions" in m] == [
        "content/policies/2022/rules.md:14:16: versions.effective: 施行日期 2021-06-01 不晚于上一版本的最后施行日 "
        "2022-05-23；请按时间先后排列各版本，施行期间不能重叠 (effective 2021-06-01 is not after the previous "
        "version's until 2022-05-23; list versions oldest first, without overlapping periods)"]


def test_a_version_should_end_the_day_before_its_successor_takes_effect(scratch_site):
    _versioned(scratch_site, RULES_WITH_VERSIONS.replace("until: 2022-05-23", "until: 2021-12-31"))
    assert [m for m in scratch_site.check() if "versions" in m] == [
        "content/policies/2022/rules.md:11:12: versions.until: amend-1 自 2022-05-24 施行，本版本应施行至其前一日；请核对 "
        "until (amend-1 takes effect on 2022-05-24, so this version should last until the day before; check until)"]


# --- pages ---------------------------------------------------------------------------------

def test_the_comparison_of_two_known_versions_marks_every_change(example_site):
    article = page(example_site, "policies/qhs-ling-12/compare/2025-05-01..2026-08-01")
    changes = [(n.tag, n.text(skip_class="diff-label")) for n in article.find("section", cls="diff").iter()
               if n.tag in ("ins", "del")]
    assert changes == [
        ("ins", "第一次修正\u3000根据2026年6月15日《清河市人民政府关于修改部分市政府规章的决定》第二次"),
        ("del", "30"), ("ins", "35"), ("del", "100"), ("ins", "200"), ("del", "500"), ("ins", "1000"),
        ("ins", "第十六条 城市园林绿化主管部门应当建立城市绿化信息平台，公开城市绿地、古树名木和行道树的分布及养护责任单位，"
                "方便公众查询和监督。"),
        ("del", "六"), ("ins", "七")]


def test_each_change_is_announced_to_screen_readers_and_a_legend_explains_the_marks(example_site):
    article = page(example_site, "policies/qhs-ling-12/compare/2024-06-01..2025-05-01")
    for node in article.find("section", cls="diff").iter():
        if node.tag in ("ins", "del"):
            label = node.children[0]
            assert label.tag == "span" and "diff-label" in label.classes
            assert label.text() == {"ins": "新增：", "del": "删除："}[node.tag]
    legend = article.find("section", cls="diff-legend")
    assert [squash(li.text()) for li in legend.find_all("li")] == [
        "删除线文字：旧文本有、新文本删除的内容（读屏软件读作“删除”）",
        "下划线文字：新文本新增的内容（读屏软件读作“新增”）"]
    assert squash(legend.find("p").text()) == "本次对照共有新增 3 处、删除 1 处。未标注的文字两个文本相同。"


def test_the_policy_page_lists_its_texts_and_every_pair_of_them(example_site):
    section = page(example_site, "policies/qhs-ling-12").find("section", cls="doc-versions")
    rows = section.find("tbody").find_all("tr")
    assert [squash(r.find("th").text()) for r in rows] == [
        "2024年6月1日起施行的文本", "2025年5月1日起施行的文本", "2026年8月1日起施行的文本（本页正文）"]
    assert [squash(r.find_all("td")[0].text()) for r in rows] == [
        "2024年6月1日至2025年4月30日", "2025年5月1日至2026年7月31日", "2026年8月1日起"]
    pairs = [a.attrs["href"] for a in section.find("ul", cls="versions-pairs").find_all("a")]
    assert pairs == ["compare/2024-06-01..2025-05-01/", "compare/2024-06-01..2026-08-01/",
                     "compare/2025-05-01..2026-08-01/"]
    assert rows[0].find("a").attrs["href"] == "versions/2024-06-01/"


def test_an_earlier_text_has_its_own_page_marked_historical(example_site):
    article = page(example_site, "policies/qhs-ling-12/versions/2024-06-01")
    note = article.find("div", cls="validity")
    assert squash(note.text()).startswith("历史文本 本页为《清河市城市绿化管理办法》2024年6月1日至2025年4月30日施行的文本")
    assert "占用期限一般不超过1年" in article.find("div", cls="doc-body").text()


def test_the_amending_document_links_to_the_comparison_it_caused(example_site):
    for doc, url in (("qhs-ling-15", "../qhs-ling-12/compare/2024-06-01..2025-05-01/"),
                     ("qhs-ling-19", "../qhs-ling-12/compare/2025-05-01..2026-08-01/")):
        section = page(example_site, f"policies/{doc}").find("section", cls="doc-caused")
        assert [a.attrs["href"] for a in section.find_all("a")][-1] == url


def test_the_banner_of_an_amended_text_says_in_force_by_whom_when_and_that_the_body_is_amended(example_site):
    """已修改 alone reads as "superseded" (issue 19): in force, in words, and which text is shown."""
    note = page(example_site, "policies/qhs-ling-12").find("div", cls="validity")
    assert [squash(p.text()) for p in note.find_all("p")] == [
        "有效性：现行有效（部分条款已修改）",
        "本文件现行有效，部分条款已于2025年5月1日经《清河市人民政府关于修改《清河市城市绿化管理办法》的决定》"
        "（清河市人民政府令第15号）修改。",
        "2026年8月1日又经《清河市人民政府关于修改部分市政府规章的决定》（清河市人民政府令第19号）修改。",
        "本页正文为修改后的文本，自2026年8月1日起施行；修改前的文本见“历史文本”。"]
    assert [a.attrs["href"] for a in note.find_all("a")] == ["../qhs-ling-15/", "../qhs-ling-19/"]


def test_the_banner_of_an_amended_document_without_its_amended_text_says_the_body_is_the_original(example_site):
    note = page(example_site, "policies/qh-2022-005").find("div", cls="validity")
    assert [squash(p.text()) for p in note.find_all("p")] == [
        "有效性：现行有效（部分条款已修改）",
        "本文件现行有效，部分条款已于2025年1月1日经《清河县人民政府关于修改《清河县耕地地力保护补贴实施办法》的决定》"
        "（清政规〔2024〕8号）修改。",
        "本页正文为发布时的原文，未并入上述修改内容，请与修改文件对照阅读。"]
    assert [a.attrs["href"] for a in note.find_all("a")] == ["../qh-2024-008/"]
