"""The application form page (requests/form/) in Chromium: axe, the Nu HTML checker, and print on A4."""
from __future__ import annotations

import json
import re
import subprocess

import pytest

from browser import (VNU_JAR, describe_violations, missing_or_skip, new_context,
                     run_axe)

pytestmark = pytest.mark.browser
FORM = "requests/form/"
A4_WIDTH_PX = 794        # 210 mm at 96 px per inch
MARGIN_PX = 57           # the 15 mm @page margin of print.css


def test_form_page_passes_axe_on_screen_and_in_print(chromium, site_url):
    context = new_context(chromium)
    page = context.new_page()
    page.goto(site_url + FORM)
    problems = describe_violations(FORM, run_axe(page))
    page.emulate_media(media="print")
    problems += describe_violations(FORM + " (print)", run_axe(page))
    context.close()
    assert problems == []


def test_form_fits_the_width_of_a_printed_a4_page(chromium, site_url):
    """Printed, the form's tables stay inside A4's printable width, the site chrome is gone, and
    the PDF has A4 pages."""
    context = new_context(chromium, axe=False, viewport={"width": A4_WIDTH_PX - 2 * MARGIN_PX, "height": 1000})
    page = context.new_page()
    page.goto(site_url + FORM)
    page.emulate_media(media="print")
    widths = page.evaluate("""() => [...document.querySelectorAll('.request-form table, .request-form fieldset')]
        .map(t => Math.ceil(t.getBoundingClientRect().right))""")
    assert widths and max(widths) <= A4_WIDTH_PX - 2 * MARGIN_PX
    styles = page.evaluate("""() => ({layout: [...document.querySelectorAll('.request-form table')]
        .map(t => getComputedStyle(t).tableLayout), lead: getComputedStyle(document.querySelector('.no-print')).display})""")
    assert set(styles["layout"]) == {"fixed"} and styles["lead"] == "none"
    labels = page.evaluate("() => [...document.querySelectorAll('.request-form th')].map(th => th.offsetWidth > 0)")
    assert labels and all(labels)
    pdf = page.pdf(prefer_css_page_size=True)
    context.close()
    boxes = {tuple(round(float(n)) for n in m.group(1).split())
             for m in re.finditer(rb"/MediaBox\s*\[\s*0 0 ([\d.]+ [\d.]+)\s*\]", pdf)}
    assert boxes == {(595, 842)}     # A4 in points


def test_form_page_has_no_html_error(example_site):
    missing_or_skip("vnu", "java")
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--errors-only",
                             str(example_site / FORM / "index.html"), str(example_site / "requests" / "index.html")],
                            capture_output=True, text=True, timeout=300)
    messages = [f"{m.get('lastLine', '?')}: {m['message']}" for m in json.loads(result.stdout)["messages"]]
    assert messages == []
