"""Link check of a built site: broken links and missing anchors are errors located in the built file."""
from __future__ import annotations

from pathlib import Path

from conftest import tree_digest
from generator.linkcheck import find_leaks, review_links

BASE = "https://xxgk.test.example.gov.cn/"


def write(root: Path, rel: str, html: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def small_site(root: Path) -> None:
    write(root, "index.html", '<a href="policies/a/">A</a>\n<a href="policies/a/#art-3">第三条</a>\n'
                              '<img src="files/x.png" alt="">\n<a href="https://www.gov.cn/zhengce/">国务院</a>\n')
    write(root, "policies/a/index.html", '<h2 id="art-2">第二条</h2>\n<a href="../../">首页</a>\n'
                                         '<a href="/policies/a/#art-2">本页</a>\n'
                                         f'<link rel="canonical" href="{BASE}policies/a/">\n')


def test_good_links_pass_and_external_hosts_are_listed(tmp_path):
    small_site(tmp_path)
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "x.png").write_bytes(b"")
    report = review_links(tmp_path, BASE, "site")
    assert [str(p) for p in report.problems] == [
        "site/index.html:2:1: policies/a/#art-3: 链接 policies/a/#art-3 无效：页面中没有锚点 #art-3；请检查模板或内容中的链接 "
        "(broken link policies/a/#art-3: the page has no anchor #art-3; check the link in the templates or content)"]
    assert report.external == {"www.gov.cn": {"https://www.gov.cn/zhengce/": {"index.html"}}}
    assert report.broken_home == 1


def test_a_missing_file_is_a_broken_link_naming_the_source(tmp_path):
    small_site(tmp_path)
    report = review_links(tmp_path, BASE, "site", {"": "content/site.yml"})
    assert [(p.path, p.line, p.column, p.key, report.kinds[p]) for p in report.problems] == [
        ("site/index.html", 2, 1, "policies/a/#art-3", "missing_anchor"),
        ("site/index.html", 3, 1, "files/x.png", "broken_link")]
    assert report.problems[1].zh == "链接 files/x.png 无效：目标不存在（来自 content/site.yml）；请修改content/site.yml中的链接"


def test_links_under_a_base_path(tmp_path):
    write(tmp_path, "index.html", '<a href="/xxgk/lists/">列表</a><a href="/other/">别站</a>'
                                  '<a href="https://x.example/xxgk/lists/">绝对</a>')
    write(tmp_path, "lists/index.html", "<p>ok</p>")
    report = review_links(tmp_path, "https://x.example/xxgk/", "site")
    assert [p.key for p in report.problems] == ["/other/"]


def test_leaks_of_unpublished_titles_and_ids(tmp_path):
    write(tmp_path, "index.html", "<p>关于内部事项的通知</p>\n<p>qh-2024-0100</p>\n")
    problems = find_leaks(tmp_path, {"content/policies/x.md": ["关于内部事项的通知", "qh-2024-010"]}, "site")
    assert [(p.path, p.line) for p in problems] == [("site/index.html", 1)]


BROKEN = """\
    ---
    title: 关于补充规定的通知
    genre: other
    issuer: test-office
    written: 2024-03-01
    published: 2024-03-05
    ---

    详见[第三条](../2022/rules.md#no-such-article)和[附件](../../assets/files/missing.pdf)。
    """


def test_a_planted_broken_link_and_missing_anchor_block_the_build(scratch_site, tmp_path, capsys):
    out = tmp_path / "public"
    assert scratch_site.build(out) == 0
    before = tree_digest(out)
    scratch_site.write("policies/2024/supplement.md", BROKEN)
    capsys.readouterr()
    assert scratch_site.build(out) == 1
    err = capsys.readouterr().err
    assert "policies/supplement/index.html" in err
    assert "页面中没有锚点 #no-such-article（来自 content/policies/2024/supplement.md）" in err
    assert "链接 ../../files/files/missing.pdf 无效：目标不存在（来自 content/policies/2024/supplement.md）" in err \
        or "missing.pdf 无效：目标不存在（来自 content/policies/2024/supplement.md）" in err
    assert tree_digest(out) == before


def test_the_example_site_has_no_broken_link(example_site):
    report = review_links(example_site, "https://xxgk.qinghe.example.gov.cn/", "site")
    assert [str(p) for p in report.problems] == []
    assert report.pages > 50
