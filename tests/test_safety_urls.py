"""``check`` lists every external address of bodies and attachments, and follows redirects
(issue 16): a phishing target must not hide in a long body, in a spreadsheet's text or
behind a ``<meta http-equiv="refresh">`` of a published HTML file."""
from __future__ import annotations

import contextlib
import io
import json
import textwrap

import pytest

from conftest import BASE_FILES


def _check_json(site) -> tuple[int, list[dict]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = site.run("check", "--format", "json", "--no-git")
    return status, json.loads(out.getvalue())


def _guide(extra: str) -> str:
    return textwrap.dedent(BASE_FILES["pages/guide.md"]) + extra


def test_check_lists_external_urls_of_bodies_and_attachments(scratch_site):
    import docx
    scratch_site.write("pages/guide.md", _guide(
        "\n详见[办事指南](https://evil.example/guide)，或访问 https://www.gov.cn/zhengce/。"
        "本站 https://xxgk.test.example.gov.cn/lists/all/ 不列出。\n\n"
        "附件：[名单](../assets/files/list.txt)、[说明](../assets/files/note.docx)\n"))
    scratch_site.write("assets/files/list.txt", "名单说明\n报名网址：https://phish.example/form?id=1。\n")
    document = docx.Document()
    document.add_paragraph("第一段")
    document.add_paragraph("请登录（https://login.example/x）办理")
    document.save(scratch_site.root / "assets/files/note.docx")
    status, records = _check_json(scratch_site)
    assert status == 0
    listed = [(r["path"], r["line"], r["column"], r["zh"]) for r in records if r["kind"] == "external_url"]
    assert listed == [
        ("content/assets/files/list.txt", 2, 6, "外部链接 https://phish.example/form?id=1；请确认它指向可信的网站"),
        ("content/assets/files/note.docx", 1, 5, "第2段：外部链接 https://login.example/x；请确认它指向可信的网站"),
        ("content/pages/guide.md", 8, 10, "外部链接 https://evil.example/guide；请确认它指向可信的网站"),
        ("content/pages/guide.md", 8, 42, "外部链接 https://www.gov.cn/zhengce/；请确认它指向可信的网站"),
    ]


def test_a_published_html_file_redirecting_to_phish_is_reported(scratch_site):
    scratch_site.write("pages/guide.md", _guide("\n[跳转](../assets/files/go.html)\n"))
    scratch_site.write("assets/files/go.html", '<!doctype html><html><head><meta http-equiv="refresh" '
                                               'content="0;url=/phish"><title>x</title></head></html>\n')
    scratch_site.write("assets/files/away.html", "<!doctype html><html><head><meta content='3; URL=https://evil"
                                                 ".example/phish' http-equiv=Refresh><title>x</title></head></html>\n")
    status, records = _check_json(scratch_site)
    assert status == 1
    broken = [r for r in records if r["kind"] == "broken_link"]
    assert [(r["path"], r["line"], r["column"], r["zh"]) for r in broken] == [
        ("(built)/files/files/go.html", 1, 28, "链接 /phish 无效：目标不存在（来自 content/assets/files/go.html）；"
                                               "请修改content/assets/files/go.html中的链接")]
    hosts = {r["path"]: r["zh"] for r in records if r["kind"] == "external"}
    assert hosts["evil.example"] == "外部链接 1 个，出现在 1 个页面：https://evil.example/phish"


@pytest.mark.parametrize("text, found", [
    ("见https://a.example/x。另见（https://b.example/y）", ["https://a.example/x", "https://b.example/y"]),
    ("本站 https://own.example/a/ 与 http://OTHER.example", ["http://OTHER.example"]),
    ('<meta http-equiv="refresh" content="0; url=/phish">', ["/phish"]),
    ('<META CONTENT="5;URL=https://x.example/" HTTP-EQUIV="REFRESH">', ["https://x.example/"]),
    ('<meta name="x" content="0;url=/not-a-refresh">', []),
])
def test_find_urls(text, found):
    from generator.detectors.urls import find_urls
    assert [f.url for f in find_urls(text, "own.example")] == found
