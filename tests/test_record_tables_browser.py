"""The typed tables of records in Chromium: axe (WCAG 2.x A and AA, under the deploy CSP), the
Nu HTML Checker, and the layout at 1280 and 360 px (a results table scrolls sideways inside its
focusable wrapper on a wide screen, its rows are cards on a phone; the page never scrolls sideways).

Runs once the records feature (branch records-18) builds record pages; skipped before that."""
from __future__ import annotations

import json
import subprocess

import pytest
from browser import VNU_JAR, deploy_csp, describe_violations, missing_or_skip, new_context, run_axe, serve_site
from conftest import ScratchSite
from test_record_tables import (ORGS_WITH_DEPARTMENTS, PERMIT_HEADINGS, PERMIT_ROWS, csv_text, proposal_md,
                                records_loaded, results_md, spending_md)

pytestmark = pytest.mark.skipif(not records_loaded(), reason="record pages are built by the records feature")
PAGES = ["permits/2026/", "budgets/s/", "proposals/p/"]


@pytest.fixture(scope="module")
def tables_out(tmp_path_factory):
    site = ScratchSite(tmp_path_factory.mktemp("record-tables"))
    site.write("organizations.yml", ORGS_WITH_DEPARTMENTS)
    site.write("assets/permits/2026.csv", csv_text(PERMIT_HEADINGS, PERMIT_ROWS * 3))
    site.write("permits/2026.md", results_md("permits/2026.csv"))
    site.write("budgets/s.md", spending_md())
    site.write("proposals/p.md", proposal_md())
    out = site.base / "out"
    assert site.build(out) == 0
    return out


@pytest.fixture(scope="module")
def tables_url(tables_out):
    with serve_site(tables_out, {"Content-Security-Policy": deploy_csp()}) as url:
        yield url


def test_table_pages_pass_axe_at_both_widths(chromium, tables_url):
    problems = []
    for width in (1280, 360):
        context = new_context(chromium, viewport={"width": width, "height": 900})
        page = context.new_page()
        for path in PAGES:
            page.goto(tables_url + path)
            problems += describe_violations(f"{path} at {width}px", run_axe(page))
        context.close()
    assert problems == [], "\n".join(problems)


def overflow(page, selector: str) -> dict:
    return page.evaluate("""s => { const e = document.querySelector(s); const r = e.getBoundingClientRect();
        return {scroll: e.scrollWidth, client: e.clientWidth, page: document.documentElement.scrollWidth,
                viewport: window.innerWidth, left: r.left, right: r.right}; }""", selector)


def test_a_wide_results_table_scrolls_in_its_wrapper_not_the_page(chromium, tables_url):
    context = new_context(chromium, axe=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(tables_url + "permits/2026/")
    wrap = overflow(page, ".table-wrap[role=region]")
    assert wrap["scroll"] > wrap["client"] and wrap["page"] <= wrap["viewport"]
    # a column is at least 4.5em wide: Chinese text never stands one character a line
    narrowest = page.evaluate("() => Math.min(...[...document.querySelectorAll('table.result-table thead th')]"
                              ".map(th => th.getBoundingClientRect().width))")
    assert narrowest >= 4.5 * 16 - 1
    page.focus(".table-wrap[role=region]")
    page.keyboard.press("ArrowRight")   # the keyboard scrolls it (smoothly: wait for it)
    page.wait_for_function("() => document.querySelector('.table-wrap[role=region]').scrollLeft > 0", timeout=5000)
    context.close()


def test_on_a_phone_each_result_is_a_card_with_labelled_cells(chromium, tables_url):
    context = new_context(chromium, axe=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(tables_url + "permits/2026/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert page.locator("table.result-table thead").evaluate("e => e.getBoundingClientRect().height") <= 1
    first = page.locator("table.result-table tbody tr").first.locator("td").first
    assert first.evaluate("e => getComputedStyle(e, '::before').content") == '"行政相对人名称："'
    assert first.evaluate("e => getComputedStyle(e).display") == "block"
    context.close()


def test_nu_html_checker_finds_no_error_in_table_pages(tables_out):
    missing_or_skip("vnu", "java")
    files = [str(tables_out / path / "index.html") for path in PAGES]
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--errors-only", *files],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stdout)["messages"]
    assert [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages] == []
