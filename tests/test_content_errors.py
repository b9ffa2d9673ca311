"""Every mistake an author can make is reported where it is, in Chinese and English, word for word.

Each test starts from the small valid ``scratch_site`` and writes one file with
one mistake; the expected message is the full line ``build.py check`` prints.
Line numbers count from the first line of the file (the opening ``---``).
"""
from __future__ import annotations

from conftest import tree_digest
from generator.content import load_content
from generator.model import Policy
from generator.pipeline import check_content

# --- YAML itself ---------------------------------------------------------------------


def test_malformed_yaml_points_at_the_offending_character(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 关于: 通知
        genre: other
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/x.md:2:10: YAML 格式错误：mapping values are not allowed in this context；"
        "请检查缩进、冒号后的空格和引号是否成对 (malformed YAML: mapping values are not allowed in this "
        "context; check the indentation, the space after each colon and that quotes are paired)"]


def test_a_non_utf8_file_is_reported_at_its_first_bad_byte(scratch_site):
    text = "---\ntitle: 测试文件\ngenre: other\n---\n"
    scratch_site.write("policies/gbk.md", text.encode("gbk"))
    assert scratch_site.check() == [
        "content/policies/gbk.md:2:8: 文件不是 UTF-8 编码；请在编辑器中以 UTF-8 编码另存此文件 "
        "(the file is not UTF-8 encoded (byte 0xb2); save it as UTF-8 in your editor)"]


def test_the_column_of_a_bad_byte_counts_characters_after_valid_chinese_text(scratch_site):
    # "title: 测试" is UTF-8 (7 + 2 characters, 13 bytes); then "文件" pasted in GBK.
    raw = "---\ntitle: 测试".encode("utf-8") + "文件".encode("gbk") + b"\n---\n"
    scratch_site.write("policies/mixed.md", raw)
    assert scratch_site.check() == [
        "content/policies/mixed.md:2:10: 文件不是 UTF-8 编码；请在编辑器中以 UTF-8 编码另存此文件 "
        "(the file is not UTF-8 encoded (byte 0xce); save it as UTF-8 in your editor)"]


def test_yaml_guesses_no_types_numbers_booleans_and_codes_stay_text(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        doc_number: 0301
        registration_no: 1e3
        written: 2022-05-20
        published: 2022-05-24
        keywords: [no, yes, on, off, 1.0]
        index_no: 0301
        ---
        """)
    content, problems = load_content(scratch_site.root, "content")
    assert problems == []
    policy = content.policies["x"].model
    assert policy.doc_number == "0301"
    assert policy.registration_no == "1e3"
    assert policy.keywords == ["no", "yes", "on", "off", "1.0"]
    assert policy.index_no == "0301"
    assert scratch_site.check() == []


# --- keys ----------------------------------------------------------------------------

def test_an_unknown_key_close_to_a_real_one_suggests_it(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        written: 2022-05-20
        published: 2022-05-24
        expirs: 2025-05-24
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/x.md:7:1: expirs: 未知的键 expirs；是否应为 expires？ "
        "(unknown key expirs; did you mean expires?)"]


def test_an_unknown_key_with_no_close_match_lists_the_allowed_keys(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        written: 2022-05-20
        published: 2022-05-24
        备注: 无
        ---
        """)
    allowed = sorted(Policy.model_fields)  # the list grows with the model; the wording does not
    assert {"doc_number", "expires", "genre", "issuer", "written"} <= set(allowed)
    assert scratch_site.check() == [
        f"content/policies/x.md:7:1: 备注: 未知的键 备注；请删除它，或改为以下之一：{'、'.join(allowed)} "
        f"(unknown key 备注; remove it or use one of: {', '.join(allowed)})"]


def test_a_missing_required_key_is_reported_at_the_mapping_with_the_field_description(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        written: 2022-05-20
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/x.md:2:1: published: 缺少必填键 published；请添加 published: …"
        "（发布日期 YYYY-MM-DD，不早于成文日期 (date published)） "
        "(required key published is missing; add published: …)"]


# --- values --------------------------------------------------------------------------

def test_a_genre_outside_the_enumeration_lists_the_allowed_values(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: law
        issuer: test-county
        written: 2022-05-20
        published: 2022-05-24
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/x.md:3:8: genre: 值 law 不在允许范围内；请改为以下之一：regulation、normative、other "
        "(law is not an allowed value; use one of: regulation, normative, other)"]


def test_an_impossible_date_is_rejected(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        written: 2022-02-30
        published: 2022-05-24
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/x.md:5:10: written: 日期 2022-02-30 不存在；请改为日历上真实存在的日期 "
        "(2022-02-30 is not a real date; use a day that exists in the calendar)"]


def test_a_date_in_another_format_shows_the_expected_one(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        written: 2022/5/24
        published: 2022-05-24
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/x.md:5:10: written: 日期格式应为 YYYY-MM-DD，例如 2022-05-24，而不是 '2022/5/24' "
        "(a date is written YYYY-MM-DD, e.g. 2022-05-24, not '2022/5/24')"]


def test_published_before_written_is_reported_on_published(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        written: 2022-05-24
        published: 2022-05-20
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/x.md:6:12: published: 发布日期 2022-05-20 早于成文日期 written 2022-05-24；"
        "发布日期必须不早于成文日期 (published 2022-05-20 is before written 2022-05-24; "
        "it must not be before written)"]


def _case_message(path: str, doc_id: str, *others: str) -> str:
    return (f"{path}:1:1: 编号 {doc_id} 与 {'、'.join(others)} 只有字母大小写不同，在不区分大小写的文件系统"
            f"（Windows、macOS）上会成为同一个网页；请重命名其中一个文件 (id {doc_id} differs from "
            f"{', '.join(others)} only in letter case: they become one page on case-insensitive file systems "
            f"(Windows, macOS); rename one of the files)")


def test_policy_ids_that_differ_only_in_case_are_an_error_at_both_paths(scratch_site):
    scratch_site.write("policies/2023/Rules.md", """
        ---
        title: 另一个文件
        genre: other
        issuer: test-county
        written: 2023-05-20
        published: 2023-05-24
        ---
        """)
    assert scratch_site.check() == [
        _case_message("content/policies/2022/rules.md", "rules", "content/policies/2023/Rules.md"),
        _case_message("content/policies/2023/Rules.md", "Rules", "content/policies/2022/rules.md")]


def test_page_ids_that_differ_only_in_case_are_an_error_at_every_path(scratch_site):
    for name in ("Guide", "GUIDE"):
        scratch_site.write(f"pages/{name}.md", f"---\ntitle: 指南{name}\n---\n\n正文。\n")
    assert scratch_site.check() == [
        _case_message("content/pages/GUIDE.md", "GUIDE", "content/pages/Guide.md", "content/pages/guide.md"),
        _case_message("content/pages/Guide.md", "Guide", "content/pages/GUIDE.md", "content/pages/guide.md"),
        _case_message("content/pages/guide.md", "guide", "content/pages/GUIDE.md", "content/pages/Guide.md")]


def test_effective_before_written_is_a_warning_on_effective(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        written: 2022-05-24
        published: 2022-05-26
        effective: 2022-05-01
        ---
        """)
    content, report = check_content(scratch_site.root, "content")
    assert [(str(p), p.severity.value) for p in report] == [(
        "content/policies/x.md:7:12: effective: 施行日期 2022-05-01 早于成文日期 written 2022-05-24；请核对施行日期，"
        "如确需溯及既往，请在正文中写明依据 (effective 2022-05-01 is before written 2022-05-24; check the date, "
        "and if the document really applies retroactively, state the basis in its text)", "warning")]


def test_effective_on_the_day_written_is_fine(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        written: 2022-05-24
        published: 2022-05-26
        effective: 2022-05-24
        ---
        """)
    assert scratch_site.check() == []


def test_expires_before_effective_is_reported_on_expires(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        written: 2022-05-20
        published: 2022-05-24
        effective: 2022-06-01
        expires: 2022-05-31
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/x.md:8:10: expires: 必须不早于施行日期 effective 2022-06-01；请改正有效期至 "
        "(must not be before effective 2022-06-01; correct expires)"]


def test_withheld_without_a_legal_ground_asks_for_withheld_ground(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        written: 2022-05-20
        published: 2022-05-24
        disclosure: withheld
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/x.md:7:13: withheld_ground: 不予公开的文件必须写明法律依据；请添加 withheld_ground，"
        "例如 《中华人民共和国政府信息公开条例》第十四条 (a withheld document needs its legal ground; add "
        "withheld_ground, e.g. Article 14 of the Regulations on Open Government Information)"]


def test_a_body_image_without_alt_text_is_located_by_its_line_in_the_file(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        written: 2022-05-20
        published: 2022-05-24
        ---

        正文第一段。

        见下图：![](images/chart.png)
        """)
    # The body's third line is line 11 of the file; the image starts after four characters.
    assert scratch_site.check() == [
        "content/policies/x.md:11:5: body: 图片 images/chart.png 缺少替代文字；请写成 "
        "![图片内容的简要说明](images/chart.png) (image images/chart.png has no alt text; "
        "write ![a short description](images/chart.png))"]


# --- across files --------------------------------------------------------------------

def test_the_same_file_name_in_two_folders_of_policies_is_a_duplicate_id(scratch_site):
    scratch_site.write("policies/2024/rules.md", """
        ---
        title: 另一个办法
        genre: other
        issuer: test-county
        written: 2024-01-02
        published: 2024-01-03
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/2024/rules.md:1:1: 编号 rules 与 content/policies/2022/rules.md 重复；请重命名其中一个文件 "
        "(id rules is also used by content/policies/2022/rules.md; rename one of the files)"]


def test_repealing_a_document_that_does_not_exist(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        written: 2022-05-20
        published: 2022-05-24
        repeals: [nope]
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/x.md:7:11: repeals: 找不到文件 nope；请检查编号（文件名去掉 .md） "
        "(no document nope; check the id (the file name without .md))"]


def test_an_issuer_missing_from_organizations_yml(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-finance
        written: 2022-05-20
        published: 2022-05-24
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/x.md:4:9: issuer: 机构 test-finance 不在 organizations.yml 中；请检查拼写或先在 "
        "organizations.yml 中添加它 (organization test-finance is not in organizations.yml; check the "
        "spelling or add it there)"]


def test_two_documents_repealing_each_other_form_a_cycle(scratch_site):
    for this, other in (("a", "b"), ("b", "a")):
        scratch_site.write(f"policies/{this}.md", f"""
            ---
            title: 文件{this}
            genre: other
            issuer: test-county
            written: 2022-05-20
            published: 2022-05-24
            repeals: [{other}]
            ---
            """)
    assert scratch_site.check() == [
        "content/policies/a.md:7:11: repeals: 文件关系形成循环（a → b → a）；请删除其中一个方向的关系 "
        "(the relations form a cycle (a → b → a); remove the relation in one direction)"]


def test_amending_and_repealing_the_same_target(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        issuer: test-county
        written: 2022-05-20
        published: 2022-05-24
        amends: [rules]
        repeals: [rules]
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/x.md:8:11: repeals: rules 同时出现在 amends 和 repeals 中；一个文件对同一目标只能有一种关系，"
        "请只保留一处 (rules is in both amends and repeals; keep one relation per target)"]


# --- the scenario: three mistakes, three errors, nothing written ------------------

THREE_MISTAKES = """
    ---
    title: 测试县政府信息公开工作考核办法
    expirs: 2027-05-31
    genre: law
    issuer: test-county
    doc_number: 测政规〔2022〕2号
    written: 2022-02-30
    published: 2022-05-24
    ---

    正文。
    """

THREE_ERRORS = [
    "content/policies/2022/assessment.md:3:1: expirs: 未知的键 expirs；是否应为 expires？ "
    "(unknown key expirs; did you mean expires?)",
    "content/policies/2022/assessment.md:4:8: genre: 值 law 不在允许范围内；请改为以下之一：regulation、normative、other "
    "(law is not an allowed value; use one of: regulation, normative, other)",
    "content/policies/2022/assessment.md:7:10: written: 日期 2022-02-30 不存在；请改为日历上真实存在的日期 "
    "(2022-02-30 is not a real date; use a day that exists in the calendar)",
]


def test_a_file_with_three_mistakes_gives_exactly_three_errors_sorted_by_line(scratch_site):
    scratch_site.write("policies/2022/assessment.md", THREE_MISTAKES)
    # The unknown key is last in the model's order but first in the file: reports follow the file.
    assert scratch_site.check() == THREE_ERRORS


def test_build_with_three_mistakes_exits_1_prints_them_and_writes_nothing(scratch_site, tmp_path, capsys):
    scratch_site.write("policies/2022/assessment.md", THREE_MISTAKES)
    out = tmp_path / "public"
    assert scratch_site.build(out) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == THREE_ERRORS + [
        "3 个错误，0 个警告 (3 errors, 0 warnings)",
        "内容有错误，未生成网站 (content has errors; nothing was written)"]
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_a_failed_build_leaves_the_previous_site_byte_for_byte(scratch_site, tmp_path, capsys):
    out = tmp_path / "public"
    assert scratch_site.build(out) == 0
    before, cache_before = tree_digest(out), tree_digest(tmp_path / ".public.cache")
    assert "policies/rules/index.html" in before
    capsys.readouterr()
    scratch_site.write("policies/2022/assessment.md", THREE_MISTAKES)
    assert scratch_site.build(out) == 1
    assert tree_digest(out) == before
    assert tree_digest(tmp_path / ".public.cache") == cache_before   # the build cache is not touched either
    assert sorted(p.name for p in tmp_path.iterdir()) == [".public.cache", "content", "public"]
    assert capsys.readouterr().err.splitlines()[:3] == THREE_ERRORS


# --- one mistake, one message: no cascade into the files that refer to it -------------------

def test_a_broken_policy_is_not_also_reported_missing_by_what_refers_to_it(scratch_site):
    # rules.md fails to load; its interpretation refers to it and must not add "no document rules".
    scratch_site.write("policies/2022/rules.md",
                       (scratch_site.root / "policies/2022/rules.md").read_text(encoding="utf-8")
                       .replace("written: 2022-05-20", "written: 2022-05-32"))
    assert scratch_site.check() == [
        "content/policies/2022/rules.md:6:10: written: 日期 2022-05-32 不存在；请改为日历上真实存在的日期 "
        "(2022-05-32 is not a real date; use a day that exists in the calendar)"]


def test_a_malformed_organizations_yml_is_one_error_not_one_per_policy(scratch_site):
    scratch_site.write("organizations.yml", """
        - id: test-county
          name: 测试县人民政府
         - id: test-office
        """)
    problems = scratch_site.check()
    assert [p.split(":")[0] for p in problems] == ["content/organizations.yml"]
    assert problems[0].startswith("content/organizations.yml:3:2: YAML 格式错误：")
