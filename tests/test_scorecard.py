"""The inspection-style scorecard and the standalone HTML report."""
from __future__ import annotations

import datetime as dt
import re

from generator.errors import Problem, Severity
from generator.review import ReviewResult
from generator.scorecard import compute_scorecard, render_report, to_records


def result_with(**kinds: int) -> ReviewResult:
    result = ReviewResult()
    for kind, count in kinds.items():
        for n in range(count):
            severity = Severity.ERROR if kind in ("id_card", "broken_link") else Severity.WARNING
            result.add(Problem("content/x.md", n + 1, 1, "", f"{kind} 中文", f"{kind} en", severity), kind)
    return result


def test_a_clean_result_scores_100_without_veto():
    result = result_with()
    result.facts.update(search=True, git=True)
    card = compute_scorecard(result)
    assert not card.vetoed and card.score == 100.0


def test_vetoes_personal_data_backdating_homepage_and_five_columns():
    result = result_with(id_card=1, backdated=1, homepage_stale=1, stale_column=5, empty_column=4)
    result.facts["git"] = True
    card = compute_scorecard(result)
    assert [v.failed for v in card.vetoes] == [True, True, True, True, False]
    assert card.verdict == "不合格（单项否决） fail (veto)"


def test_deductions_follow_the_indicators():
    result = result_with()
    result.facts.update(broken_home=2, broken_other=13, pages_missing_meta=80, uninterpreted=2, search=False)
    card = compute_scorecard(result)
    assert [d.points for d in card.deductions] == [2.0, 1.3, 5.0, 2.0, 5.0]
    assert card.score == 84.7


def test_the_html_report_is_standalone_and_accessible():
    result = result_with(id_card=1, stale_column=1)
    html = render_report(result, compute_scorecard(result), title="测试县", as_of=dt.date(2026, 11, 21))
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)  # no external request
    assert "<script" not in html
    assert html.count('<th scope="col">') >= 6 and "<caption>" in html
    assert "id_card 中文" in html


def test_json_records_list_errors_then_warnings():
    records = to_records(result_with(id_card=1, stale_column=1))
    assert [(r["severity"], r["kind"]) for r in records] == [("error", "id_card"), ("warning", "stale_column")]


def test_a_page_marked_noindex_is_not_counted_for_missing_meta_tags():
    """The web editor (admin/, robots noindex) is no page of the column; a column page without
    its 47号 tags still counts."""
    from generator.linkcheck import META_TAGS, LinkReport
    from generator.review import _built_facts
    full = {tag: "x" for tag in META_TAGS}
    links = LinkReport(meta={"index.html": full, "policies/a/index.html": {**full, "PubDate": ""},
                             "admin/index.html": {"robots": "noindex, nofollow"},
                             "lists/index.html": {"robots": "all"}})
    result = ReviewResult()
    _built_facts(result, links)
    assert result.facts["pages_missing_meta"] == 2
