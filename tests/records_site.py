"""A scratch site with disclosure records (信息条目), shared by tests/test_records*.py."""
from __future__ import annotations

PLAN_OLD = """\
    ---
    title: 测试县国民经济和社会发展第十三个五年规划纲要
    issuer: test-county
    published: 2016-03-01
    doc_number: 测政发〔2016〕8号
    topics: ["国民经济管理、国有资产监管\\\\发展规划"]
    summary: 十三五时期的发展目标和主要任务。
    valid_until: 2020-12-31
    superseded_by: plan-14
    ---

    第一章 发展基础。
    """
PLAN_NEW = """\
    ---
    title: 测试县国民经济和社会发展第十四个五年规划纲要
    issuer: test-county
    published: 2021-03-05
    updated: 2021-04-01
    doc_number: 测政发〔2021〕6号
    summary: 十四五时期的发展目标和主要任务。
    attachments:
      - {title: 规划纲要全文, file: files/plan-14.txt}
    ---

    第一章 发展环境。
    """
LEADER = """\
    ---
    title: 县长 张三
    issuer: test-county
    published: 2026-01-10
    ---

    负责县政府全面工作。
    """


def permit(day: int) -> str:
    return f"""\
    ---
    title: 2026年10月第{day}批行政许可结果
    issuer: test-office
    published: 2026-10-{day:02d}
    summary: 本批次行政许可决定。
    ---

    本批次共办结行政许可事项若干件。
    """


def add_records(site, permits: int = 3) -> None:
    """Plans (one superseding the other), a leader, ``permits`` permit batches."""
    site.write("plans/plan-13.md", PLAN_OLD)
    site.write("plans/plan-14.md", PLAN_NEW)
    site.write("assets/files/plan-14.txt", "第十四个五年规划纲要全文。\n")
    site.write("leaders/county-head.md", LEADER)
    for day in range(1, permits + 1):
        site.write(f"permits/2026/permit-{day:02d}.md", permit(day))
