"""A small site with every status, topics, relations and non-public documents, built once per module.

Shared by the feed, open-data, sitemap and QR/print tests. It extends conftest's
``ScratchSite`` base (rules 2022 + its interpretation, an expired notice, a page).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import AS_OF, ScratchSite

BASE_URL = "https://xxgk.test.example.gov.cn/"

#: Titles that must never appear anywhere in the output, whatever the file type.
HIDDEN_TITLES = {
    "staff-plan-2026": "内部人事安排的不予公开文件",
    "audit-report": "仅依申请公开的专项审计报告",
    "new-subsidy": "尚未到发布日期的补贴办法",
}

EXTRA_FILES = {
    "policies/2020/old-rules.md": """\
        ---
        title: 测试县旧版补贴管理办法
        genre: normative
        issuer: test-county
        doc_number: 测政规〔2020〕3号
        written: 2020-03-01
        published: 2020-03-02
        topics: ["财政、金融、审计\\\\财政"]
        ---

        旧办法。
        """,
    "policies/2024/amend.md": """\
        ---
        title: 关于修改《测试县行政规范性文件管理办法》的决定 & <附件>
        genre: normative
        issuer: [test-county, test-office]
        doc_number: 测政规〔2024〕2号
        written: 2024-02-20
        published: 2024-02-22
        effective: 2024-03-01
        topics: ["综合政务\\\\政务公开"]
        keywords: [修改]
        amends: [rules]
        ---

        修改如下。
        """,
    "policies/2025/cleanup.md": """\
        ---
        title: 关于废止一批行政规范性文件的决定
        genre: normative
        issuer: test-county
        doc_number: 测政规〔2025〕1号
        written: 2025-06-10
        published: 2025-06-12
        topics: ["综合政务\\\\政务公开", "财政、金融、审计\\\\财政"]
        repeals: [old-rules]
        ---

        决定废止下列文件。
        """,
    "policies/2026/future.md": """\
        ---
        title: 测试县新能源车辆补贴实施细则
        genre: normative
        issuer: test-office
        doc_number: 测政办规〔2026〕5号
        written: 2026-10-28
        published: 2026-11-01
        effective: 2027-01-01
        ---

        自2027年1月1日起施行。
        """,
    # A withheld decision; :func:`plan_outputs_site` makes it repeal a public document.
    "policies/2026/staff-plan-2026.md": f"""\
        ---
        title: {HIDDEN_TITLES["staff-plan-2026"]}
        genre: other
        issuer: test-office
        written: 2026-03-01
        published: 2026-03-02
        topics: ["综合政务\\\\保密工作"]
        disclosure: withheld
        withheld_ground: 《中华人民共和国政府信息公开条例》第十六条
        ---

        内部事务。
        """,
    "policies/2026/audit-report.md": f"""\
        ---
        title: {HIDDEN_TITLES["audit-report"]}
        genre: other
        issuer: test-office
        written: 2026-04-01
        published: 2026-04-02
        topics: ["综合政务\\\\政务公开"]
        disclosure: on_request
        ---

        审计报告。
        """,
    "policies/2027/new-subsidy.md": f"""\
        ---
        title: {HIDDEN_TITLES["new-subsidy"]}
        genre: normative
        issuer: test-county
        doc_number: 测政规〔2027〕1号
        written: 2026-12-20
        published: 2027-01-05
        topics: ["综合政务\\\\政务公开"]
        ---

        尚未发布。
        """,
}

#: Expected status of every public document at AS_OF.
STATUSES = {"rules": "amended", "notice": "expired", "old-rules": "repealed", "amend": "in_force",
            "cleanup": "in_force", "future": "pending"}
PUBLIC = set(STATUSES)
#: Topics of public documents; 综合政务\保密工作 is only on the withheld one, so it has no feed.
PUBLIC_TOPICS = {"综合政务\\政务公开", "财政、金融、审计\\财政"}


def write_outputs_site(factory: pytest.TempPathFactory) -> ScratchSite:
    """The scratch content plus :data:`EXTRA_FILES`."""
    site = ScratchSite(factory.mktemp("outputs"))
    for rel, text in EXTRA_FILES.items():
        site.write(rel, text)
    return site


def plan_with_withheld_actor(factory: pytest.TempPathFactory):
    """The planned (not built) site where the withheld decision repeals ``old-rules`` on 2026-03-02.

    Planned only: the build's own leak check refuses a site whose pages name the withheld
    document, so feeds and data are checked on their pure builders.
    """
    import datetime as dt

    from generator.pipeline import plan_build
    site = write_outputs_site(factory)
    path = site.root / "policies/2026/staff-plan-2026.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("withheld_ground:", "repeals: [old-rules]\nwithheld_ground:"), encoding="utf-8")
    plan = plan_build(site.root, dt.date.fromisoformat(AS_OF), "content")
    assert plan.report.ok, plan.report.format()
    return plan


def build_outputs_site(factory: pytest.TempPathFactory) -> Path:
    """Write the scratch content plus :data:`EXTRA_FILES` and build it as of AS_OF; the site folder."""
    site = write_outputs_site(factory)
    out = site.base / "site"
    status = site.build(out, AS_OF)
    if status != 0:
        pytest.fail(f"building the outputs site failed with exit code {status}", pytrace=False)
    return out
