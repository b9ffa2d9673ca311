"""Major administrative decisions (重大行政决策): located checks word for word, and the four kinds of page."""
from __future__ import annotations

import pytest

from html_tree import page, squash
from generator.clock import epoch_of
from generator.features.decisions.decisions import consultation_days

import datetime as dt

CATALOG = """
    published: 2026-02-27
    decisions:
      - id: plan
        name: 制定测试县排水专项规划
        owner: test-county
        basis: 《重大行政决策程序暂行条例》
        planned: 2026年第四季度
        stage: consultation
        consultation:
          start: 2026-11-02
          end: 2026-12-01
          channels: [电子邮件, 信函]
    """


@pytest.fixture
def as_of(monkeypatch):
    """Date the time-dependent checks: ``as_of("2026-11-21")``."""
    def set_date(day: str) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch_of(dt.date.fromisoformat(day))))
    return set_date


def check(scratch_site, text: str) -> list[str]:
    scratch_site.write("decisions/2026.yml", text)
    return scratch_site.check()


def test_a_valid_catalog_has_no_problems(scratch_site, as_of):
    as_of("2026-11-21")
    assert check(scratch_site, CATALOG) == []


def test_periods_count_both_the_first_and_the_last_day():
    assert consultation_days(dt.date(2026, 11, 2), dt.date(2026, 12, 1)) == 30


def test_a_consultation_shorter_than_30_days_needs_a_reason(scratch_site, as_of):
    as_of("2026-11-21")
    assert check(scratch_site, CATALOG.replace("end: 2026-12-01", "end: 2026-11-16")) == [
        "content/decisions/2026.yml:11:12: consultation.end: 征求意见期只有 15 天（2026-11-02 至 2026-11-16），少于 30 天；"
        "请延长至不少于 30 天，或用 reason_if_short 说明理由 (the consultation lasts 15 days (2026-11-02 to 2026-11-16), "
        "fewer than 30; extend it or give the reason in reason_if_short)"]
    with_reason = CATALOG.replace("end: 2026-12-01", "end: 2026-11-16\n          reason_if_short: 上级要求于12月1日前执行")
    assert check(scratch_site, with_reason) == []


def test_a_consultation_ending_before_it_starts(scratch_site, as_of):
    as_of("2026-11-21")
    assert check(scratch_site, CATALOG.replace("end: 2026-12-01", "end: 2026-11-01")) == [
        "content/decisions/2026.yml:11:12: consultation.end: 征求意见截止日期 2026-11-01 早于开始日期 2026-11-02；请改正 "
        "(the consultation ends (2026-11-01) before it starts (2026-11-02); correct the dates)"]


def test_a_decided_decision_names_its_document(scratch_site, as_of):
    as_of("2026-12-02")
    assert check(scratch_site, CATALOG.replace("stage: consultation", "stage: decided")) == [
        "content/decisions/2026.yml:8:12: stage: 阶段为 已决策（decided）的事项必须写明决策文件；请添加 decision: 政策文件编号 "
        "(a decision at stage decided needs its decision document; add decision: <policy id>)"]
    named = CATALOG.replace("stage: consultation", "stage: evaluation\n        decision: rules")
    assert check(scratch_site, named) == []


def test_no_feedback_more_than_30_days_after_closing_is_a_warning(scratch_site, as_of):
    closed = CATALOG.replace("start: 2026-11-02", "start: 2026-08-01").replace("end: 2026-12-01", "end: 2026-09-30")
    as_of("2026-10-30")   # 30 days after closing: still within the time to publish feedback
    assert check(scratch_site, closed) == []
    as_of("2026-10-31")
    assert check(scratch_site, closed) == [
        "content/decisions/2026.yml:11:12: consultation.end: 征求意见已于 2026-09-30 截止超过 30 天，尚未公布意见收集和采纳"
        "情况；请添加 feedback (the consultation closed on 2026-09-30, more than 30 days ago, and no feedback is "
        "published; add feedback)"]
    feedback = closed.rstrip() + "\n        feedback: {published: 2026-10-20, received: \"3\", adopted: \"1\"}\n"
    assert check(scratch_site, feedback) == []


def test_unknown_owner_and_unknown_documents(scratch_site, as_of):
    as_of("2026-11-21")
    text = (CATALOG.replace("owner: test-county", "owner: nobody")
            .rstrip() + "\n        draft: {policy: no-draft}\n        decision: nope\n")
    assert check(scratch_site, text) == [
        "content/decisions/2026.yml:5:12: owner: 机构 nobody 不在 organizations.yml 中；请检查拼写或先在 organizations.yml "
        "中添加它 (organization nobody is not in organizations.yml; check the spelling or add it there)",
        "content/decisions/2026.yml:13:21: draft.policy: 找不到政策文件 no-draft；请检查编号（文件名去掉 .md） "
        "(no policy no-draft; check the id (the file name without .md))",
        "content/decisions/2026.yml:14:15: decision: 找不到政策文件 nope；请检查编号（文件名去掉 .md） "
        "(no policy nope; check the id (the file name without .md))"]


def test_an_unknown_stage_lists_the_stages(scratch_site, as_of):
    as_of("2026-11-21")
    assert check(scratch_site, CATALOG.replace("stage: consultation", "stage: draft")) == [
        "content/decisions/2026.yml:8:12: decisions[0].stage: 值 draft 不在允许范围内；请改为以下之一：listed、consultation、"
        "review、decided、evaluation (draft is not an allowed value; use one of: listed, consultation, review, decided, "
        "evaluation)"]


# --- pages ---------------------------------------------------------------------------------

@pytest.mark.parametrize("day, expected", [("2026-11-21", "还有10天"), ("2026-12-01", "今天截止"), ("2026-12-02", None)])
def test_open_consultations_show_days_left_at_the_build_date(scratch_site, tmp_path, day, expected):
    scratch_site.write("decisions/2026.yml", CATALOG)
    assert scratch_site.build(tmp_path / "out", day) == 0
    article = page(tmp_path / "out", "decisions/open")
    if expected is None:
        assert squash(article.find_all("p")[1].text()) == "目前没有正在征求意见的决策事项。"
        return
    row = article.find("tbody").find("tr")
    assert row.find("a").attrs["href"] == "../2026/plan/"
    assert row.find("td", cls="days-left").text() == expected


def test_the_example_catalog_is_a_table_of_the_years_decisions(example_site):
    table = page(example_site, "decisions/2026").find("table", cls="decision-table")
    assert table.find("caption").text() == "清河县人民政府2026年度重大行政决策事项目录，共 4 项"
    assert [th.text() for th in table.find("thead").find_all("th")] == [
        "序号", "决策事项名称", "承办单位", "决策依据", "计划完成时间", "所处阶段"]
    rows = table.find("tbody").find_all("tr")
    assert [(squash(r.find_all("td")[0].text()), squash(r.find_all("td")[4].text())) for r in rows] == [
        ("修订《清河县城乡居民临时救助实施办法》", "已决策"),
        ("调整2026年度农村低收入人口救助标准", "审议"),
        ("制定《清河县城区排水防涝专项规划（2026—2035年）》", "征求意见（正在征求意见）"),
        ("制定《清河县耕地保护激励办法》", "目录公布")]


def test_the_example_open_list_and_index(example_site):
    rows = page(example_site, "decisions/open").find("tbody").find_all("tr")
    assert [squash(r.text()) for r in rows] == [
        "制定《清河县城区排水防涝专项规划（2026—2035年）》 清河县住房和城乡建设局 2026年11月2日至2026年12月1日（30天） "
        "2026年12月1日 还有10天"]
    index = page(example_site, "decisions")
    assert [a.attrs["href"] for a in index.find_all("a")] == ["open/", "2026/"]


def test_a_decision_page_shows_its_dated_lifecycle(example_site):
    article = page(example_site, "decisions/2026/temporary-assistance")
    steps = [" ".join(squash(td.text()) for td in r.find_all("td"))
             for r in article.find("section", cls="decision-lifecycle").find("tbody").find_all("tr")]
    assert steps == [
        "2026年2月27日 列入年度重大行政决策事项目录并公布。",
        "2026年8月3日 公开征求意见，意见反馈渠道：电子邮件、信函、政府网站留言。",
        "2026年9月1日 征求意见截止。",
        "2026年9月25日 公布意见收集和采纳情况：收到意见46条，采纳19条。",
        "2026年10月28日 提请审议。",
        "2026年11月10日 作出决策，印发《清河县城乡居民临时救助实施办法》（清政规〔2026〕4号）。"]
    decision_link = article.find("dl", cls="decision-facts").find_all("a")[-1]
    assert decision_link.attrs["href"] == "../../../policies/qh-2026-004/"
    feedback = article.find("section", cls="decision-feedback")
    assert len(feedback.find_all("li")) == 2


def test_a_short_consultation_shows_its_reason(example_site):
    article = page(example_site, "decisions/2026/rural-assistance-standard")
    texts = [squash(p.text()) for p in article.find("section", cls="decision-consultation").find_all("p")]
    assert texts[0] == "征求意见期：2026年6月5日至2026年6月19日，共15天。已截止。"
    assert texts[2].startswith("征求意见期少于30日的理由：省级新标准要求自2026年7月1日起执行")
