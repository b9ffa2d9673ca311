"""The home page in Chromium (issue 23): the search box and the fixed entries on the first
screen at 1280 and 360 px (and in 长者模式 at 360 px), nothing wider than the window, no
list bullets; axe in the light, slate (dark) and elderly modes; the Nu checker on it."""
from __future__ import annotations

import json
import subprocess

import pytest

from browser import (VNU_JAR, describe_violations, missing_or_skip, new_context,
                     run_axe)

pytestmark = pytest.mark.browser

SLATE = ("document.addEventListener('DOMContentLoaded', "
         "() => document.body.setAttribute('data-md-color-scheme', 'slate'))")

# Where the first screen ends and what sticks out of the window, measured in the page.
FOLD_JS = """() => {
  const bottom = s => Array.from(document.querySelectorAll(s)).map(e => e.getBoundingClientRect().bottom);
  const wide = Array.from(document.querySelectorAll('article *'))
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map(e => e.tagName + '.' + e.className);
  const bullets = Array.from(document.querySelectorAll('.home li'))
    .filter(li => getComputedStyle(li).listStyleType !== 'none').length;
  return {height: innerHeight, search: bottom('.home-search input, .home-search button'),
          entries: bottom('.home-entries a'), labels: Array.from(document.querySelectorAll('.home-entries a'),
          a => a.textContent.trim()), order: Array.from(document.querySelectorAll('.home > *'), e => e.className),
          scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
          wide, bullets, size: parseFloat(getComputedStyle(document.querySelector('.home-docs a')).fontSize)};
}"""


def measure(chromium, site_url, width: int, height: int, elderly: bool = False) -> dict:
    context = new_context(chromium, elderly=elderly, axe=False, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site_url)
    found = page.evaluate(FOLD_JS)
    context.close()
    return found


@pytest.mark.parametrize("width,height,elderly", [(1280, 800, False), (360, 740, False), (360, 740, True)],
                         ids=["1280", "360", "360-elderly"])
def test_search_and_fixed_entries_are_on_the_first_screen_and_nothing_overflows(chromium, site_url, width,
                                                                                height, elderly):
    found = measure(chromium, site_url, width, height, elderly)
    assert found["labels"] == ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开"]
    assert len(found["search"]) == 2 and max(found["search"]) <= found["height"], found
    assert max(found["entries"]) <= found["height"], found
    assert found["scroll"] <= found["width"] and found["wide"] == [], found
    assert found["bullets"] == 0
    assert found["order"][:2] == ["home-search", "home-entries"]


def test_elderly_mode_keeps_the_order_with_larger_type(chromium, site_url):
    plain, elderly = measure(chromium, site_url, 360, 740), measure(chromium, site_url, 360, 740, elderly=True)
    assert elderly["order"] == plain["order"] and elderly["labels"] == plain["labels"]
    assert elderly["size"] >= 20 and elderly["size"] > plain["size"], (plain["size"], elderly["size"])


@pytest.mark.parametrize("mode", ["light", "slate", "elderly"])
def test_the_home_page_passes_axe_in_every_colour_mode(chromium, site_url, mode):
    context = new_context(chromium, elderly=mode == "elderly")
    if mode == "slate":
        context.add_init_script(SLATE)
    page = context.new_page()
    page.goto(site_url)
    if mode == "slate":
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    violations = describe_violations("", run_axe(page))
    context.close()
    assert violations == []


def test_the_home_page_passes_the_nu_html_checker(example_site):
    missing_or_skip("vnu", "java")
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--errors-only",
                             str(example_site / "index.html")], capture_output=True, text=True, timeout=120)
    messages = json.loads(result.stdout)["messages"]
    assert [f"{m.get('lastLine', '?')}: {m['message']}" for m in messages] == []
