"""Raw HTML in bodies: an allow-list on what is published, every drop reported by ``check``
(issue 16, item 3)."""
from __future__ import annotations

import pytest

from catalog_html import parse
from conftest import RULES_MD

HOSTILE = """\
第一段 <b onclick="alert(1)">粗体</b>，见[链接](javascript:alert(1))。

<script>alert("script")</script>

<iframe src="https://evil.example/"></iframe>
<form action="https://evil.example/"><input name=x></form>
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=https://evil.example/phish">
<style>body{display:none}</style>
<object data="x.swf"></object><embed src="x.swf">
<a href="JaVa&#x09;script:alert(1)">隐藏的链接</a> <img src="https://www.gov.cn/a.png" onerror="alert(1)" alt="图">

| 左 | 右 |
|:--|--:|
| [安全链接](https://www.gov.cn/) | <mailto:xxgk@example.gov.cn> |
"""


def _hostile_rules() -> str:
    return RULES_MD.replace("**第二条** 本办法自2022年6月1日起施行。", HOSTILE.replace("\n", "\n    "))


def _element(tag: str) -> tuple[str, str]:
    return (f"正文中的 <{tag}> 元素不允许，发布时会被删去；请删除它，正文用 Markdown 书写，视频、表单等请链接到其所在页面",
            f"the <{tag}> element is not allowed in a body and is dropped when published; remove it, write the "
            f"body in Markdown, and link to pages that hold videos, forms and the like")


def _message(where: str, zh_en: tuple[str, str]) -> str:
    return f"content/policies/2022/rules.md:{where}: body: {zh_en[0]} ({zh_en[1]})"


def test_check_reports_every_dropped_element_and_attribute_at_its_place(scratch_site):
    scratch_site.write("policies/2022/rules.md", _hostile_rules())
    attribute = ("<{t}> 的 {a} 属性不允许，发布时会被删去；请删除该属性，格式用 Markdown 表达",
                 "the {a} attribute of <{t}> is not allowed and is dropped when published; remove it and "
                 "express formatting in Markdown")
    address = ("<a> 的地址 {v} 不允许（只能是 http、https、mailto、tel 或相对地址），发布时会被删去；请改为 https:// "
               "开头的网址或站内地址",
               "the address {v} of <a> is not allowed (only http, https, mailto, tel or relative) and is dropped "
               "when published; use an https:// URL or an address on this site")
    expected = [
        _message("14:8", tuple(s.format(t="b", a="onclick") for s in attribute)),
        _message("14:40", tuple(s.format(v="javascript:alert(1)") for s in address)),
        _message("16:1", _element("script")),
        _message("18:1", _element("iframe")),
        _message("19:1", _element("form")),
        _message("19:38", _element("input")),
        _message("20:1", _element("base")),
        _message("21:1", _element("meta")),
        _message("22:1", _element("style")),
        _message("23:1", _element("object")),
        _message("23:31", _element("embed")),
        _message("24:10", tuple(s.format(v="JaVa\\x09script:alert(1)") for s in address)),
        _message("24:83", tuple(s.format(t="img", a="onerror") for s in attribute)),
    ]
    assert scratch_site.check() == expected


def test_example_bodies_have_nothing_to_drop(scratch_site):
    """Tables with alignment, links, mailto autolinks, images with alt: all allowed."""
    from generator.body_checks import body_problems
    safe = "\n".join(line for line in HOSTILE.splitlines() if line.startswith("|"))
    assert list(body_problems("x.md", safe + "\n\n![图](assets/a.png)\n\n```\n<code>\n```\n", 1)) == []


def test_published_body_keeps_only_the_allow_list(scratch_site, tmp_path, monkeypatch):
    """Even a body that reached the renderer unchecked publishes nothing active."""
    from generator import body_checks, validate
    monkeypatch.setattr(validate, "CORE_CHECKS",
                        tuple(c for c in validate.CORE_CHECKS if c is not body_checks.check_bodies))
    scratch_site.write("policies/2022/rules.md", _hostile_rules())
    out = tmp_path / "site"
    assert scratch_site.build(out) == 0
    html = (out / "policies/rules/index.html").read_text(encoding="utf-8")
    article = parse(html).find("article")
    for tag in ("iframe", "form", "input", "base", "style", "object", "embed"):
        assert article.find_all(tag) == [], tag
    assert [m for m in parse(html).find_all("meta") if m.attrs.get("http-equiv")] == [] or \
        all(m.attrs["http-equiv"] == "Content-Security-Policy" for m in parse(html).find_all("meta")
            if m.attrs.get("http-equiv"))
    assert "alert" not in " ".join(s.text for s in parse(html).find_all("script"))
    assert "alert(" not in article.text and "display:none" not in html
    for node in article.iter():
        assert not [a for a in node.attrs if a.startswith("on")], node
        assert not node.attrs.get("href", "").lower().replace("\t", "").startswith("javascript"), node
    links = {a.text: a.attrs.get("href") for a in article.find_all("a")}
    assert links["安全链接"] == "https://www.gov.cn/"
    assert links["链接"] is None and links["隐藏的链接"] is None
    assert article.find("b").text == "粗体" and article.find("img").attrs["alt"] == "图"
    (table,) = [t for t in article.find_all("table") if "安全链接" in t.text]
    assert [td.attrs.get("style") for td in table.find_all("td")] == ["text-align:left", "text-align:right"]


@pytest.mark.parametrize("html, kept", [
    ('<p>a<script>x</script>b</p>', "<p>ab</p>"),
    ('<a href="tel:+86-10-1234">电话</a>', '<a href="tel:+86-10-1234">电话</a>'),
    ('<a href="../x/">x</a>', '<a href="../x/">x</a>'),
    ('<a href="data:text/html,x">x</a>', "<a>x</a>"),
    ('<td style="text-align: center; position: fixed">x</td>', ""),
])
def test_clean(html, kept):
    from generator.sanitize import clean
    result = clean(html)
    assert result == kept if kept else "position" not in result
