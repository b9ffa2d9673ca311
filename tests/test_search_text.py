"""What the search index reads of a Markdown body (site_search.plain_text)."""
from __future__ import annotations

from pathlib import Path

from generator.search import SearchDoc, write_search_index
from generator.search.query import Index
from generator.features.search.site_search import plain_text

TITLE_IN_ANGLES = "《关于印发<关于深化消防执法改革的意见>的通知》"


def test_text_in_half_width_angle_brackets_is_kept() -> None:
    assert plain_text(f"根据{TITLE_IN_ANGLES}精神，制定本办法。") == f"根据{TITLE_IN_ANGLES}精神，制定本办法。"
    assert plain_text("当 a < 3 且 <5年> 时") == "当 a < 3 且 <5年> 时"


def test_real_html_tags_and_comments_are_still_removed() -> None:
    text = plain_text('甲<span class="x">乙</span>丙<br/>丁<!-- 注释 -->戊<img src="a.png" alt="">己</P>')
    assert text == "甲 乙 丙 丁 戊 己"


def test_a_title_quoted_in_angle_brackets_is_found(tmp_path: Path) -> None:
    body = plain_text(f"一、依据\n\n根据{TITLE_IN_ANGLES}，结合本县实际。")
    write_search_index([SearchDoc(url="p/fire/", kind="policy", title="清河县消防执法实施细则", text=body,
                                  date="2024-01-01")], tmp_path)
    for query in ("关于深化消防执法改革的意见", TITLE_IN_ANGLES):
        assert [h.record["u"] for h in Index(tmp_path).search(query).hits] == ["p/fire/"], query
