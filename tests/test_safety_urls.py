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


def test_a_web_page_among_the_assets_is_refused_where_it_stands(scratch_site):
    """A page under assets/ would be published as it is, on the site's origin, without the
    sanitiser or the CSP tag: a redirect to a phishing site, or a script, would run there."""
    scratch_site.write("pages/guide.md", _guide("\n[跳转](../assets/files/go.html)\n"))
    scratch_site.write("assets/files/go.html", '<!doctype html><html><head><meta http-equiv="refresh" '
                                               'content="0;url=/phish"><title>x</title></head></html>\n')
    scratch_site.write("assets/files/app.js", "location = 'https://evil.example/phish';\n")
    scratch_site.write("assets/images/chart.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n'
                                                  '  <rect width="9" height="9" onload="alert(1)"/>\n</svg>\n')
    scratch_site.write("assets/images/plain.svg", '<svg xmlns="http://www.w3.org/2000/svg">'
                                                  '<rect width="9" height="9"/></svg>\n')
    assert [p for p in scratch_site.check() if "assets/" in p] == [
        "content/assets/files/app.js:1:1: 不允许发布网页或脚本文件（.js）：它会在本站的地址下运行，可被用来跳转到仿冒网站；"
        "网页请写在 pages/ 下，文件请以 PDF、OFD 或 Word 发布 (web pages and scripts (.js) may not be published: one "
        "would run on this site's address and could send visitors to a phishing site; write a page under pages/, "
        "publish documents as PDF, OFD or Word)",
        "content/assets/files/go.html:1:1: 不允许发布网页或脚本文件（.html）：它会在本站的地址下运行，可被用来跳转到仿冒"
        "网站；网页请写在 pages/ 下，文件请以 PDF、OFD 或 Word 发布 (web pages and scripts (.html) may not be published: "
        "one would run on this site's address and could send visitors to a phishing site; write a page under pages/, "
        "publish documents as PDF, OFD or Word)",
        "content/assets/images/chart.svg:2:30: SVG 图片含有可执行内容（onload=）：打开图片时会在本站运行；请导出为不含脚本的 "
        "SVG，或改用 PNG (the SVG image holds active content (onload=) that would run on this site when opened; export "
        "it without scripts, or use PNG)"]


@pytest.mark.parametrize("svg", [
    "<svg><script>alert(1)</script></svg>", '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><foreignObject><div>x</div></foreignObject></svg>", '<svg><set attributeName="href" to="x"/></svg>',
    '<svg><image xlink:href="x.png" ONERROR="alert(1)"/></svg>',
])
def test_every_kind_of_active_svg_is_found(tmp_path, svg):
    from generator.asset_checks import _active_svg
    (tmp_path / "x.svg").write_text(svg, encoding="utf-8")
    assert len(list(_active_svg(tmp_path / "x.svg", "x.svg"))) == 1


def test_a_refresh_in_a_built_page_is_a_link_the_link_check_follows(tmp_path):
    """The built-site link check reads a refresh target like any link (a body cannot hold one:
    the sanitiser drops it; a theme or a hand-placed page could)."""
    from generator.linkcheck import review_links
    (tmp_path / "index.html").write_text('<!doctype html><html><head><meta http-equiv="refresh" '
                                         'content="0;url=/phish"><title>x</title></head></html>\n', encoding="utf-8")
    report = review_links(tmp_path, "https://x.example.gov.cn/")
    assert [(p.line, p.zh) for p in report.problems] == [(1, "链接 /phish 无效：目标不存在；请检查模板或内容中的链接")]


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
