"""The government gazette (政府公报): the issue form, the gazette page, and the issue on a policy page."""
from __future__ import annotations

from html_tree import page, squash

NOTICE = """
    ---
    title: {title}
    genre: other
    issuer: test-office
    written: {day}
    published: {day}
    gazette: {issue}
    ---
    """


def write(scratch_site, doc_id: str, title: str, day: str, issue: str) -> None:
    scratch_site.write(f"policies/{doc_id}.md", NOTICE.format(title=title, day=day, issue=issue))


def test_an_issue_is_written_year_and_number(scratch_site):
    write(scratch_site, "g1", "通知一", "2023-03-01", "2023年3期")
    assert scratch_site.check() == [
        "content/policies/g1.md:7:10: gazette: 政府公报期号 2023年3期 格式不对；请写成 YYYY年第N期，例如 2022年第5期 "
        "(gazette issue 2023年3期 is not in the form YYYY年第N期, e.g. 2022年第5期)"]


def test_the_gazette_page_lists_issues_by_year_and_documents_in_order(scratch_site, tmp_path):
    write(scratch_site, "g-b", "乙通知", "2023-03-02", "2023年第3期")
    write(scratch_site, "g-a", "甲通知", "2023-03-02", "2023年第3期")
    write(scratch_site, "g-c", "丙通知", "2023-03-01", "2023年第3期")
    write(scratch_site, "g-d", "丁通知", "2023-05-01", "2023年第10期")
    write(scratch_site, "g-e", "戊通知", "2024-01-05", "2024年第1期")
    assert scratch_site.build(tmp_path / "out") == 0
    article = page(tmp_path / "out", "gazette")
    assert article.find("h1").text() == "测试县人民政府公报"
    assert [h.text() for h in article.find_all("h2")] == ["2024年", "2023年"]
    issues = article.find_all("section", cls="gazette-issue")
    assert [(s.find("h3").text(), s.find("h3").attrs["id"]) for s in issues] == [
        ("2024年第1期", "g-2024-1"), ("2023年第3期", "g-2023-3"), ("2023年第10期", "g-2023-10")]
    assert [a.text() for a in issues[1].find_all("a")] == ["丙通知", "甲通知", "乙通知"]


def test_the_policy_header_names_its_issue(scratch_site, tmp_path):
    write(scratch_site, "g1", "通知一", "2023-03-01", "2023年第3期")
    assert scratch_site.build(tmp_path / "out") == 0
    header = page(tmp_path / "out", "policies/g1").find("table", cls="doc-header")
    row = next(r for r in header.find_all("tr") if r.find("th").text() == "政府公报")
    assert (row.find("a").text(), row.find("a").attrs["href"]) == ("2023年第3期", "../../gazette/#g-2023-3")


def test_without_issues_there_is_no_gazette_page(scratch_site, tmp_path):
    assert scratch_site.build(tmp_path / "out") == 0
    assert not (tmp_path / "out" / "gazette").exists()


def test_the_example_gazette(example_site):
    article = page(example_site, "gazette")
    assert [squash(h.text()) for h in article.find_all("h3")] == [
        "2026年第6期", "2025年第2期", "2025年第4期", "2024年第2期", "2023年第3期", "2023年第6期"]
