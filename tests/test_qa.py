"""The policy Q&A library: validation, the qa/ page, the policy page section and search entries."""
from __future__ import annotations

import pytest

from catalog_html import page

TOPICAL_MD = """\
    ---
    title: 测试县养老服务补贴办法
    genre: other
    issuer: test-county
    written: 2024-03-01
    published: 2024-03-01
    topics: ["民政、扶贫、救灾\\\\社会福利"]
    ---

    正文。
    """

RULES_QA = """\
    policies: [rules]
    published: 2022-06-01
    items:
      - question: 规范性文件由谁审核？
        answer: 由县司法局进行**合法性审核**，见[办法](../policies/2022/rules.md)。
      - question: 多久清理一次？
        answer: |
          每两年清理一次：

          - 清理结果向社会公布。
    """

JOINT_QA = """\
    policies: [rules, welfare]
    published: 2024-03-05
    items:
      - question: 养老补贴文件是否需要备案？
        answer: 需要。
    """


def of_file(messages: list[str], rel: str) -> list[str]:
    return [m for m in messages if m.startswith(f"content/{rel}:")]


@pytest.fixture
def qa_site(scratch_site):
    scratch_site.write("policies/2024/welfare.md", TOPICAL_MD)
    scratch_site.write("qa/rules-qa.yml", RULES_QA)
    scratch_site.write("qa/joint-qa.yml", JOINT_QA)
    return scratch_site


@pytest.fixture
def built(qa_site, tmp_path):
    out = tmp_path / "site"
    assert qa_site.build(out) == 0
    return out


def test_unknown_policy_is_an_error(scratch_site):
    scratch_site.write("qa/x.yml", """\
        policies: [rules, no-such-policy]
        published: 2024-01-01
        items:
          - question: 问？
            answer: 答。
        """)
    assert of_file(scratch_site.check(), "qa/x.yml") == [
        "content/qa/x.yml:1:19: policies: 找不到政策文件 no-such-policy；请检查编号（文件名去掉 .md） "
        "(no policy no-such-policy; check the id (the file name without .md))",
    ]


def test_unknown_key_and_empty_items_are_errors(scratch_site):
    scratch_site.write("qa/y.yml", """\
        policies: rules
        published: 2024-01-01
        items: []
        questions: []
        """)
    assert of_file(scratch_site.check(), "qa/y.yml") == [
        "content/qa/y.yml:3:8: items: 不能为空列表；请至少填写一项 (must not be an empty list; add at least one)",
        "content/qa/y.yml:4:1: questions: 未知的键 questions；请删除它，或改为以下之一：items、policies、published、source、"
        "title (unknown key questions; remove it or use one of: items, policies, published, source, title)",
    ]


def _groups(section) -> dict[str, list[str]]:
    """Heading text -> the questions listed under it (h3 followed by its ul)."""
    groups, heading = {}, None
    for child in section.children:
        if getattr(child, "tag", None) == "h3":
            heading = child.text
        elif getattr(child, "tag", None) == "ul" and heading:
            groups[heading] = [li.text for li in child.direct("li")]
    return groups


def test_qa_page_groups_questions_by_policy_and_by_topic(built):
    qa = page(built, "qa/")
    assert _groups(qa.find("section", id="by-policy")) == {
        "《测试县养老服务补贴办法》 现行有效": ["养老补贴文件是否需要备案？"],
        "《测试县行政规范性文件管理办法》（测政规〔2022〕1号） 现行有效":
            ["养老补贴文件是否需要备案？", "规范性文件由谁审核？", "多久清理一次？"],
    }
    assert _groups(qa.find("section", id="by-topic")) == {
        "民政、扶贫、救灾\\社会福利": ["养老补贴文件是否需要备案？"],
        "未标注主题分类": ["规范性文件由谁审核？", "多久清理一次？"],
    }
    links = qa.find("section", id="by-policy").find_all("a")
    assert [a.attrs["href"] for a in links if a.attrs["href"].startswith("#")] == [
        "#q-joint-qa-1", "#q-joint-qa-1", "#q-rules-qa-1", "#q-rules-qa-2"]


def test_each_answer_links_to_its_policies(built):
    entry = page(built, "qa/").find("article", id="q-joint-qa-1")
    assert entry.find("h3").text == "问：养老补贴文件是否需要备案？"
    refs = entry.find("p", "qa-policies").find_all("a")
    assert [a.attrs["href"] for a in refs] == ["../policies/rules/", "../policies/welfare/"]
    answer = page(built, "qa/").find("article", id="q-rules-qa-1").find("div", "qa-answer")
    assert answer.find("strong").text == "合法性审核"
    assert answer.find("a").attrs["href"] == "../policies/rules/"


def test_policy_page_links_to_its_questions(built):
    section = page(built, "policies/rules/").find("section", "doc-qa")
    assert section.find("h2").text == "政策问答"
    assert [(a.text, a.attrs["href"]) for a in section.find_all("a")] == [
        ("养老补贴文件是否需要备案？", "../../qa/#q-joint-qa-1"),
        ("规范性文件由谁审核？", "../../qa/#q-rules-qa-1"),
        ("多久清理一次？", "../../qa/#q-rules-qa-2")]


def test_each_entry_is_a_search_document(qa_site):
    import datetime as dt

    from generator.content import load_content
    from generator.pipeline import CONTENT_TYPES
    from generator.features.qa.pages import qa_search_docs
    from generator.site import resolve_site
    content, problems = load_content(qa_site.root, "content", CONTENT_TYPES)
    assert problems == []
    docs = qa_search_docs(resolve_site(content, dt.date(2026, 11, 21)))
    assert docs == [
        ("qa/#q-joint-qa-1", "养老补贴文件是否需要备案？", "需要。", ["rules", "welfare"]),
        ("qa/#q-rules-qa-1", "规范性文件由谁审核？", "由县司法局进行合法性审核，见办法。", ["rules"]),
        ("qa/#q-rules-qa-2", "多久清理一次？", "每两年清理一次： 清理结果向社会公布。", ["rules"]),
    ]
    assert qa_search_docs(resolve_site(content, dt.date(2022, 5, 31))) == []
