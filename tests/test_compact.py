"""Rendered pages lose their template indentation and nothing a reader sees (generator/compact.py)."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html

from generator.compact import compact_html

PAGE = (
    "\n  <!doctype html>\n<html>\n  <head>\n    \n      <title>测试</title>\n"
    "    <script>if (a < b) {\n      go();\n    }</script>\n"
    "    <style>\n      p { color: red }\n    </style>\n  </head>\n"
    "  <body>\n    <p>第一行\n       第二行   \n    </p>\n"
    "    <p>\u3000\u3000首行缩进两格。</p>\n"
    "          \u3000<a href=\"x\">备案号</a>\n"
    "    <pre><code>def f():\n    return 1\n\n</code></pre>\n"
    "    <textarea>\n  保留\n</textarea>\n"
    "    <p>行内 <em>强调</em> 文字</p>\r\n\t\f  <p>end</p>\n  </body>\n</html>\n"
)

EXPECTED = (
    "<!doctype html>\n<html>\n<head>\n<title>测试</title>\n"
    "<script>if (a < b) {\n      go();\n    }</script>\n"
    "<style>\n      p { color: red }\n    </style>\n</head>\n"
    "<body>\n<p>第一行\n第二行\n</p>\n"
    "<p>\u3000\u3000首行缩进两格。</p>\n"
    "\u3000<a href=\"x\">备案号</a>\n"
    "<pre><code>def f():\n    return 1\n\n</code></pre>\n"
    "<textarea>\n  保留\n</textarea>\n"
    "<p>行内 <em>强调</em> 文字</p>\n<p>end</p>\n</body>\n</html>\n"
)


def test_each_white_space_run_with_a_line_break_becomes_one_line_break():
    assert compact_html(PAGE) == EXPECTED


def test_pre_textarea_script_and_style_keep_their_bytes_and_u3000_is_text():
    """The ideographic space is a character (str.strip() would take it); scripts keep the
    bytes their CSP hashes cover; pre and textarea keep their white space."""
    out = compact_html(PAGE)
    for whole in (m.group(0) for m in re.finditer(r"<(pre|textarea|script|style)\b.*?</\1>", PAGE, re.S)):
        assert whole in out
    assert out.count("\u3000") == PAGE.count("\u3000") == 3


def test_the_text_a_reader_gets_is_the_same():
    def text(html: str) -> list[str]:
        root = lxml.html.fromstring(html.encode())
        pre = [el.text_content() for el in root.iter("pre", "textarea")]
        flowing = " ".join(root.body.text_content().split())
        return [flowing, *pre]
    assert text(compact_html(PAGE)) == text(PAGE)
    assert compact_html(compact_html(PAGE)) == compact_html(PAGE)     # once is enough


def test_the_example_sites_pages_carry_no_indentation(example_site: Path):
    """Every page MkDocs renders passes through it: outside pre, textarea, script and style no
    line starts or ends with white space and none is blank."""
    verbatim = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
    pages = [p for p in example_site.rglob("*.html") if "admin" not in p.parts]
    assert len(pages) > 100
    loose = []
    for page in pages:
        html = verbatim.sub("<kept/>", page.read_text(encoding="utf-8"))
        lines = html.split("\n")
        loose += [f"{page.relative_to(example_site)}:{n}: {line!r}" for n, line in enumerate(lines[:-1], 1)
                  if not line.strip(" \t\r\f") or line != line.strip(" \t\r\f")]
    assert loose == [], "\n".join(loose[:20])
