"""Golden pages: the main content of a few representative pages compared with committed files.

A small fixed scratch site (conftest's base site plus a batch repeal and an
amendment) is built as of 2024-06-30, and the inner HTML of each page's
``<article>`` (the main content: the shell of MkDocs Material around it is left
out, so a theme upgrade does not touch these files) is compared with
``tests/golden/<name>.html``, ignoring differences in whitespace.

The QR code's module data (``<path d=…>`` inside ``svg.qr-code``) is replaced by
``…``: the code itself is checked module by module in ``test_qr_print.py``, and a
new QR library version should not rewrite these files.

When a change to the pages is intended, rewrite the files and review the diff::

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
    git diff tests/golden/
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import ScratchSite
from pagehtml import Site, article_html

GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2024-06-30"

FILES = {
    "policies/2019/parking.md": """\
        ---
        title: 测试县城区占道经营管理规定
        genre: normative
        issuer: test-county
        doc_number: 测政规〔2019〕2号
        written: 2019-02-25
        published: 2019-03-01
        topics: ["城乡建设、环境保护\\\\城市规划"]
        ---

        **第一条** 为规范城区占道经营，制定本规定。
        """,
    "policies/2023/cleanup.md": """\
        ---
        title: 测试县人民政府关于废止部分行政规范性文件的决定
        genre: other
        issuer: test-county
        doc_number: 测政发〔2023〕5号
        written: 2023-05-25
        published: 2023-05-26
        effective: 2023-06-01
        repeals: [parking]
        ---

        经清理，决定废止《测试县城区占道经营管理规定》。
        """,
    "policies/2024/rules-2024.md": """\
        ---
        title: 测试县人民政府关于修改《测试县行政规范性文件管理办法》的决定
        genre: normative
        issuer: [test-county, test-office]
        doc_number: 测政规〔2024〕1号
        written: 2024-01-02
        published: 2024-01-05
        effective: 2024-02-01
        amends: [rules]
        ---

        将第二条修改为：“本办法自2022年6月1日起施行，有效期5年。”
        """,
}

#: golden file name -> page URL
PAGES = {
    "policy-repealed.html": "policies/parking/",       # banner with a linked acting notice, history
    "policy-amended.html": "policies/rules/",          # 已修改, interpretation, history both kinds
    "list-all.html": "lists/all/",                      # list table with badges
    "home.html": "",                                    # columns, latest documents, recent changes
}

_QR_PATH = re.compile(r'(<svg\b[^>]*class="qr-code"[^>]*>.*?<path\b[^>]*?\bd=")[^"]*(")', re.S)


def main_content(html: str) -> str:
    """The article's inner HTML as stored: QR data elided, blank lines and trailing spaces dropped."""
    inner = _QR_PATH.sub(r"\1…\2", article_html(html))
    return "\n".join(line.rstrip() for line in inner.splitlines() if line.strip()) + "\n"


def squeeze(html: str) -> list[str]:
    """Whitespace-insensitive form, one tag per line so that a failure shows a readable diff."""
    flat = re.sub(r"\s+", " ", re.sub(r"\s*(<[^>]*>)\s*", r"\1", html)).strip()
    return re.sub(r"(<(?!/)[^>]*>)", r"\n\1", flat).strip().splitlines()


def build(base: Path) -> Site:
    site = ScratchSite(base)
    for rel, text in FILES.items():
        site.write(rel, text)
    assert site.build(base / "site", AS_OF) == 0
    return Site(base / "site")


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory) -> Site:
    return build(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("name", PAGES)
def test_page_matches_its_golden_file(golden_site, name):
    actual = main_content(golden_site.html(PAGES[name]))
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run with UPDATE_GOLDEN=1 and review it"
    assert squeeze(actual) == squeeze(path.read_text(encoding="utf-8"))


def test_golden_content_is_reproducible_and_names_no_build_folder(golden_site, tmp_path):
    again = build(tmp_path / "elsewhere")
    for url in PAGES.values():
        first = main_content(golden_site.html(url))
        assert main_content(again.html(url)) == first
        assert str(golden_site.root.parent) not in first and str(tmp_path) not in first
        assert "/tmp/" not in first and "file:" not in first


def test_whitespace_is_ignored_but_content_is_not():
    assert squeeze("<p>\n  有效性：<strong>已废止</strong>\n</p>") == squeeze("<p>有效性：<strong>已废止</strong></p>")
    assert squeeze("<p>已废止</p>") != squeeze("<p>已失效</p>")
