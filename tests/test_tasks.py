"""Task lists published with a notice (工作台账): deadlines, overdue at fixed dates, checks, the table."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from html_tree import page, squash
from generator.features.tasks.tasks import UnknownDeadline, is_overdue, parse_deadline

D = dt.date


@pytest.mark.parametrize("text, expected", [
    ("9月底前", D(2022, 9, 30)), ("9月底", D(2022, 9, 30)), ("2月底前", D(2022, 2, 28)),
    ("年底前", D(2022, 12, 31)), ("全年", D(2022, 12, 31)), ("上半年", D(2022, 6, 30)),
    ("下半年", D(2022, 12, 31)), ("第三季度", D(2022, 9, 30)), ("一季度", D(2022, 3, 31)),
    ("2022年12月31日前", D(2022, 12, 31)), ("2023年6月底前", D(2023, 6, 30)), ("10月15日前", D(2022, 10, 15)),
    ("2023年底前", D(2023, 12, 31)), ("持续推进", None), ("长期", None), ("常态化", None),
])
def test_deadlines_are_read_relative_to_the_notice_year(text, expected):
    assert parse_deadline(text, 2022) == expected


def test_end_of_february_follows_leap_years():
    assert parse_deadline("2月底前", 2024) == D(2024, 2, 29)


@pytest.mark.parametrize("text", ["尽快", "2022年2月30日前", "13月底前", ""])
def test_other_deadlines_are_not_guessed(text):
    with pytest.raises(UnknownDeadline):
        parse_deadline(text, 2022)


@pytest.mark.parametrize("status, deadline, as_of, overdue", [
    ("in_progress", "9月底前", D(2022, 9, 30), False),     # the last day itself is still on time
    ("in_progress", "9月底前", D(2022, 10, 1), True),
    ("not_started", "全年", D(2023, 1, 1), True),
    ("not_started", "全年", D(2022, 12, 31), False),
    ("done", "6月底前", D(2026, 11, 21), False),           # done is never overdue
    (None, "6月底前", D(2026, 11, 21), False),             # no reported progress: not counted
    ("in_progress", "持续推进", D(2030, 1, 1), False),     # ongoing tasks never fall due
])
def test_overdue_means_reported_not_done_and_past_its_last_day(status, deadline, as_of, overdue):
    assert is_overdue(status, parse_deadline(deadline, 2022), as_of) is overdue


NOTICE = """
    ---
    title: 关于印发2026年政务公开工作要点的通知
    genre: other
    issuer: test-office
    written: 2026-03-02
    published: 2026-03-05
    tasks:
      title: 2026年政务公开重点任务清单
      items:
        - task: 公开重大建设项目进展
          lead: [县发改局]
          deadline: 6月底前
          status: done
          evidence: [rules, https://example.gov.cn/x.html]
        - task: 编制公共数据开放目录
          lead: [县大数据局, 县政府办公室]
          deadline: 9月底前
          status: in_progress
        - task: 完善政策问答平台
          lead: 县政府办公室
          deadline: 持续推进
          status: not_started
    ---

    正文。
    """


def test_an_unreadable_deadline_is_a_warning_and_unknown_evidence_an_error(scratch_site):
    scratch_site.write("policies/2026/tasks.md", NOTICE.replace("deadline: 6月底前", "deadline: 尽快")
                       .replace("evidence: [rules,", "evidence: [no-such-doc,"))
    assert scratch_site.check() == [
        "content/policies/2026/tasks.md:12:17: tasks.deadline: 无法识别完成时限 尽快，不计算是否逾期；可写成 9月底前、"
        "年底前、全年、上半年、第三季度、2022年12月31日前 或 持续推进 (deadline 尽快 is not understood, so it is "
        "never counted overdue; write e.g. 9月底前, 年底前, 全年, 上半年, 第三季度, 2022年12月31日前 or 持续推进)",
        "content/policies/2026/tasks.md:14:18: tasks.evidence: 找不到政策文件 no-such-doc；佐证材料应为政策文件编号或以 "
        "https:// 开头的网址 (no policy no-such-doc; evidence is a policy id or an address starting with https://)"]


def test_a_status_outside_the_list_is_refused(scratch_site):
    scratch_site.write("policies/2026/tasks.md", NOTICE.replace("status: done", "status: finished"))
    assert scratch_site.check() == [
        "content/policies/2026/tasks.md:13:15: tasks.items[0].status: 值 finished 不在允许范围内；请改为以下之一："
        "done、in_progress、not_started (finished is not an allowed value; use one of: done, in_progress, not_started)"]


def test_the_task_table_has_a_caption_headers_and_a_progress_summary(scratch_site, tmp_path):
    scratch_site.write("policies/2026/tasks.md", NOTICE)
    assert scratch_site.build(tmp_path / "out", "2026-11-21") == 0
    article = page(tmp_path / "out", "policies/tasks")
    section = article.find("section", cls="doc-tasks")
    assert squash(section.find("p", cls="task-progress").find("strong").text()) == "3项任务：已完成1项，逾期1项"
    table = section.find("table", cls="task-table")
    assert table.find("caption").text() == "2026年政务公开重点任务清单，共 3 项"
    headers = [th.text() for th in table.find("thead").find_all("th")]
    assert headers == ["序号", "重点任务", "牵头单位", "完成时限", "进展", "佐证材料"]
    assert all(th.attrs["scope"] == "col" for th in table.find("thead").find_all("th"))
    rows = table.find("tbody").find_all("tr")
    assert [r.find("th").attrs["scope"] for r in rows] == ["row"] * 3
    assert [squash(r.find_all("td")[3].text()) for r in rows] == ["已完成", "推进中 逾期", "未开始"]
    assert rows[0].find_all("td")[1].text() == "县发改局"
    assert rows[1].find_all("td")[1].text() == "县大数据局、县政府办公室"
    links = [(a.text(), a.attrs["href"]) for a in rows[0].find_all("a")]
    assert links == [("《测试县行政规范性文件管理办法》（测政规〔2022〕1号）", "../rules/"),
                     ("https://example.gov.cn/x.html", "https://example.gov.cn/x.html")]


def test_before_the_deadline_nothing_is_overdue(scratch_site, tmp_path):
    scratch_site.write("policies/2026/tasks.md", NOTICE)
    assert scratch_site.build(tmp_path / "out", "2026-09-30") == 0
    summary = page(tmp_path / "out", "policies/tasks").find("p", cls="task-progress").find("strong").text()
    assert summary == "3项任务：已完成1项，逾期0项"


def test_without_statuses_there_is_no_progress_column(scratch_site, tmp_path):
    scratch_site.write("policies/2026/tasks.md", re.sub(r"\n *status: \w+", "", NOTICE))
    assert scratch_site.build(tmp_path / "out") == 0
    section = page(tmp_path / "out", "policies/tasks").find("section", cls="doc-tasks")
    assert section.find_all("p", cls="task-progress") == []
    assert "进展" not in [th.text() for th in section.find_all("th")]


def _example_task_list(rel: str) -> dict:
    """The ``tasks`` block of an example policy, read from its front matter."""
    import yaml
    from conftest import REPO
    text = (REPO / "content" / rel).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])["tasks"]


def test_the_county_work_plan_carries_its_annex_task_list(example_site):
    """The example's own 2026 政务公开工作要点 (a 清河 notice) publishes its task list; the summary
    counts what its front matter says, overdue as of the example's build date (2026-11-21)."""
    tasks = _example_task_list("policies/2026/qh-2026-001.md")
    statuses = [item.get("status") for item in tasks["items"]]
    as_of = D(2026, 11, 21)
    overdue = [item["task"] for item in tasks["items"]
               if is_overdue(item.get("status"), parse_deadline(item["deadline"], 2026), as_of)]
    assert overdue, "the example should show an overdue task"
    section = page(example_site, "policies/qh-2026-001").find("section", cls="doc-tasks")
    assert section.find("h2").text() == tasks["title"]
    assert squash(section.find("p", cls="task-progress").text()) == (
        f"{len(statuses)}项任务：已完成{statuses.count('done')}项，逾期{len(overdue)}项"
        f"（推进中{statuses.count('in_progress')}项，未开始{statuses.count('not_started')}项，"
        f"未报告进展{statuses.count(None)}项；统计截至2026年11月21日）")
    late = [squash(r.find_all("td")[0].text()) for r in section.find_all("tr", cls="task-overdue")]
    assert late == overdue
