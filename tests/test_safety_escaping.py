"""Metadata in the page shell is escaped for where it lands (issue 16, item 2).

A title that closes a script element, and quotes, ampersands and angle brackets in
the title, the 发文字号 and every site.yml value that reaches a page, must come out of
the built page as the same text: in ``<title>``, ``<meta content>``, Material's header
topic, the footer's text and links, and the JSON-LD. The page is parsed (html.parser,
which tokenises ``<script>`` as the browser does) and the values compared as text.
"""
from __future__ import annotations

import json

from catalog_html import Node, page, parse
from conftest import GUIDE_MD, RULES_MD

TITLE = 'X"</script><script>alert(1)</script> & \'<b>'
DOC_NUMBER = 'A"&<b>〔2022〕1号'
NAME = 'Q"&<i>名'
SPONSOR = "S\"&<i>'"
PHONE = 'P"&<x>'
CONAC = 'https://a.example/?a=1&b="x'
REPORT = "https://e.example/?a='&b=<x>"
PAGE_TITLE = '指南"></a><script>alert(1)</script>'

SITE_YML = f"""\
    name: {json.dumps(NAME)}
    organization: test-county
    base_url: https://xxgk.test.example.gov.cn/
    sponsor: {json.dumps(SPONSOR)}
    site_id_code: '1"&<x>'
    icp: 'I"&<x>'
    public_security_record: '公"&<x>'
    conac_url: {json.dumps(CONAC)}
    report_error_url: {json.dumps(REPORT)}
    contact:
      phone: {json.dumps(PHONE)}
      address: '地址"&<x>'
    """


def _hostile_site(scratch_site):
    rules = RULES_MD.replace("title: 测试县行政规范性文件管理办法", f"title: {json.dumps(TITLE)}")
    rules = rules.replace("doc_number: 测政规〔2022〕1号", f"doc_number: {json.dumps(DOC_NUMBER)}")
    scratch_site.write("policies/2022/rules.md", rules)
    scratch_site.write("site.yml", SITE_YML)
    guide = GUIDE_MD.replace("title: 政府信息公开指南", f"title: {json.dumps(PAGE_TITLE)}")
    scratch_site.write("pages/guide.md", guide)
    return scratch_site


def _scripts(root: Node) -> list[Node]:
    return root.find_all("script")


def _injected(script: Node) -> bool:
    """A script element that runs the planted ``alert(1)`` (JSON-LD is data, never run)."""
    return "alert(1)" in script.text and script.attrs.get("type") != "application/ld+json"


def test_hostile_metadata_round_trips_as_text(scratch_site, tmp_path):
    site = _hostile_site(scratch_site)
    assert site.check() == []
    out = tmp_path / "site"
    assert site.build(out) == 0
    root = page(out, "policies/rules")

    # No script element beyond the theme's own: the title opened none.
    assert not [s for s in _scripts(root) if _injected(s)]

    assert root.find("title").text == " ".join(f"{TITLE} - {NAME}".split())
    metas = {m.attrs["name"]: m.attrs["content"] for m in root.find_all("meta") if "name" in m.attrs}
    assert metas["ArticleTitle"] == TITLE
    assert metas["SiteName"] == NAME
    assert metas["SiteIDCode"] == '1"&<x>'
    assert metas["ContentSource"] == "测试县人民政府"
    assert metas["description"].startswith(f"{TITLE} {DOC_NUMBER} 有效性：")

    topic = root.find("div", "md-header__topic", **{"data-md-component": "header-topic"})
    assert topic.text == " ".join(TITLE.split())
    assert root.find("a", "md-header__button").attrs["title"] == NAME
    header = root.find("table", "doc-header")
    assert " ".join(DOC_NUMBER.split()) in [td.text for td in header.find_all("td")]

    footer = root.find("footer", "gov-footer")
    assert footer.find("a", "gov-footer__badge").attrs["href"] == CONAC
    links = {a.text: a.attrs["href"] for a in footer.find_all("a")}
    assert links["我为政府网站找错"] == REPORT
    assert links['I"&<x>'] == "https://beian.miit.gov.cn/"
    assert f"主办单位：{SPONSOR} 联系电话：{PHONE}" in footer.text
    assert '地址：地址"&<x>' in footer.text

    # the navigation names the free page by its title, as text
    nav_titles = [a.text for a in root.find_all("a", "md-nav__link")]
    assert " ".join(PAGE_TITLE.split()) in nav_titles

    (jsonld,) = [s for s in _scripts(root) if s.attrs.get("type") == "application/ld+json"]
    assert "</" not in jsonld.children[0]
    assert json.loads(jsonld.children[0])["name"] == TITLE


def test_every_script_is_the_theme_s(scratch_site, tmp_path):
    """The hostile title opens no script element of its own on any page that shows it."""
    site = _hostile_site(scratch_site)
    out = tmp_path / "site"
    assert site.build(out) == 0
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 10
    for html in pages:
        assert not [s for s in _scripts(parse(html.read_text(encoding="utf-8"))) if _injected(s)], html


def test_javascript_url_in_site_yml_is_refused(scratch_site):
    scratch_site.write("site.yml", """\
        name: 测试县人民政府信息公开
        organization: test-county
        base_url: https://xxgk.test.example.gov.cn/
        report_error_url: javascript:alert(1)
        conac_url: " JaVaScRiPt:alert(1)"
        """)
    assert scratch_site.check() == [
        "content/site.yml:4:19: report_error_url: 地址 javascript:alert(1) 不可用：只能写 https:// 或 http:// "
        "开头的网址，或站内相对地址；请改为 https://www.example.gov.cn/… 的形式 (address javascript:alert(1) is "
        "not allowed: only an https:// or http:// URL or a relative address; write it like "
        "https://www.example.gov.cn/…)",
        "content/site.yml:5:12: conac_url: 地址 JaVaScRiPt:alert(1) 不可用：只能写 https:// 或 http:// "
        "开头的网址，或站内相对地址；请改为 https://www.example.gov.cn/… 的形式 (address JaVaScRiPt:alert(1) is "
        "not allowed: only an https:// or http:// URL or a relative address; write it like "
        "https://www.example.gov.cn/…)",
    ]


def test_other_url_fields_refuse_unsafe_schemes(scratch_site):
    """``by_url`` of an event and a catalog link's ``url``: data: and a tab-split javascript:."""
    rules = RULES_MD.replace("keywords:", "events:\n"
                             "      - {date: 2023-01-01, type: amended, by_title: 某文件, by_url: \"data:text/html,x\"}\n"
                             "    keywords:")
    scratch_site.write("policies/2022/rules.md", rules)
    problems = scratch_site.check()
    assert [p.split(": ", 2)[1] for p in problems] == ["events[0].by_url"], problems
    assert "地址 data:text/html,x 不可用" in problems[0]
