"""The example column builds at any point in time, showing what was published by then.

A build at a past date is the column as it was: whatever is published after the
as-of date (an annual report included) is simply not there yet, never an error.
Ten dates are planned (load, check, resolve, pages: what decides success); one
past date is built for real with MkDocs.
"""
from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from conftest import REPO
from generator.cli import main
from generator.pipeline import plan_build

DATES = ["2016-01-01", "2016-06-30", "2017-12-31", "2019-03-15", "2021-01-31",
         "2022-10-15", "2024-02-29", "2026-01-27", "2026-11-21", "2030-12-31"]
REPORT_2025_PUBLISHED = dt.date(2026, 1, 28)   # content/reports/2025.yml


@pytest.fixture(scope="module")
def content_dir():
    if not (REPO / "content" / "reports" / "2025.yml").exists():
        pytest.skip("the example content has changed: no reports/2025.yml")
    return REPO / "content"


@pytest.mark.parametrize("as_of", DATES)
def test_the_example_content_plans_at_every_date(content_dir, as_of):
    day = dt.date.fromisoformat(as_of)
    plan = plan_build(content_dir, day, "content")
    assert [str(p) for p in plan.report.errors] == []
    urls = {page.url for page in plan.pages}
    assert "" in urls                                        # a home page, even before the first document
    assert ("reports/2025/" in urls) == (day >= REPORT_2025_PUBLISHED)
    policies = plan.content.policies
    assert {doc_id for doc_id in plan.site.docs} <= {
        doc_id for doc_id, entry in policies.items() if entry.model.published <= day}


def test_the_example_content_builds_for_real_at_a_past_date(content_dir, tmp_path, capsys):
    out = tmp_path / "site"
    with contextlib.chdir(REPO):
        status = main(["build", "--content", "content", "--output", str(out), "--as-of", "2022-10-15",
                       "--no-cache"])
    err = capsys.readouterr().err
    assert status == 0, err
    assert "reports/2025.yml" not in err
    assert (out / "index.html").is_file()
    assert not (out / "reports" / "2025").exists()
    # a policy published after 2022-10-15 is not on the site yet; one published before is
    assert not (out / "policies" / "qh-2024-003").exists()
    assert (out / "policies" / "qh-2021-002" / "index.html").is_file()
