"""Link punctuation marked for half-width setting (generator/typography.py)."""
from __future__ import annotations

from generator.typography import trim_link_punctuation


def test_a_links_leading_bracket_and_trailing_punctuation_are_marked():
    html = '经<a href="x/">《关于修改《办法》的决定》（清政规〔2024〕8号）</a>修改；<a href="q/">补贴发给谁？</a>'
    assert trim_link_punctuation(html) == (
        '经<a href="x/"><span class="cjk-trim">《</span>关于修改《办法》的决定》（清政规〔2024〕8号'
        '<span class="cjk-trim">）</span></a>修改；<a href="q/">补贴发给谁<span class="cjk-trim">？</span></a>')


def test_links_without_edge_punctuation_and_text_outside_links_are_unchanged():
    html = '<p>《办法》（试行）</p><a href="y/">清河县临时救助实施办法</a><a class="x" href="z/"><span>《</span></a>'
    assert trim_link_punctuation(html) == html
