"""Record pages and section lists in Chromium (axe, WCAG 2.0/2.1 A and AA, under the deploy
CSP) and in the Nu HTML Checker; and the list works without JavaScript."""
from __future__ import annotations

import json
import subprocess

import pytest
from browser import VNU_JAR, deploy_csp, describe_violations, missing_or_skip, new_context, run_axe, serve_site
from conftest import ScratchSite
from records_site import add_records

PAGES = ["plans/", "plans/plan-13/", "plans/plan-14/", "permits/", "permits/page/2/", "leaders/county-head/"]


@pytest.fixture(scope="module")
def records_out(tmp_path_factory):
    site = ScratchSite(tmp_path_factory.mktemp("records-browser"))
    add_records(site, permits=22)
    out = site.base / "out"
    assert site.build(out) == 0
    return out


@pytest.fixture(scope="module")
def records_url(records_out):
    with serve_site(records_out, {"Content-Security-Policy": deploy_csp()}) as url:
        yield url


def test_record_pages_and_lists_pass_axe(chromium, records_url):
    context = new_context(chromium)
    page = context.new_page()
    problems = []
    for path in PAGES:
        page.goto(records_url + path)
        problems += describe_violations(path, run_axe(page))
    context.close()
    assert problems == [], "\n".join(problems)


def test_the_pager_works_without_javascript(chromium, records_url):
    context = new_context(chromium, axe=False, java_script_enabled=False)
    page = context.new_page()
    page.goto(records_url + "permits/")
    page.click("nav.pager a[rel=next]")
    assert page.url == records_url + "permits/page/2/"
    assert page.locator("nav.pager a[aria-current=page]").inner_text() == "2"
    assert page.locator("ul.record-list li").count() == 2
    context.close()


def test_nu_html_checker_finds_no_error_in_record_pages(records_out):
    missing_or_skip("vnu", "java")
    files = [str(records_out / path / "index.html") for path in PAGES]
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--errors-only", *files],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stdout)["messages"]
    assert [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages] == []
