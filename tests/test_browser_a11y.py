"""Accessibility measured in a real browser: every page of the example site, both modes.

The site is served on ``[::1]`` only, with the exact Content-Security-Policy of
``deploy/nginx-site.conf``; Debian's Chromium loads each page with axe-core injected.
Each whole-site scan is one test (one pass over the pages), so pytest-xdist spreads the
scans over the workers without repeating one.
"""
from __future__ import annotations

import json
import subprocess

import pytest

from browser import (CONTRAST_JS, VNU_JAR, describe_violations, missing_or_skip,
                     new_context, page_kinds, page_paths, run_axe)

pytestmark = pytest.mark.browser

# Collects Content-Security-Policy violations in the page itself (also those before load).
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '')));
"""

# Structure every page must have, checked in the page: landmarks, one h1, tables, badges.
STRUCTURE_JS = CONTRAST_JS + """
(() => {
  const problems = [];
  const count = s => document.querySelectorAll(s).length;
  if (count('h1') !== 1) problems.push(`${count('h1')} h1 elements (want exactly 1)`);
  if (count('main') !== 1) problems.push(`${count('main')} main landmarks`);
  if (!document.querySelector('header.md-header')) problems.push('no header (banner)');
  if (!document.querySelector('footer')) problems.push('no footer (contentinfo)');
  if (!document.querySelector('nav[aria-label]')) problems.push('no labelled nav');
  const skip = document.querySelector('a.gov-skip');
  if (!skip || !document.getElementById(skip.getAttribute('href').slice(1)))
    problems.push('skip link missing or pointing nowhere');
  document.querySelectorAll('main table').forEach((t, i) => {
    if (!t.querySelector('caption') || !t.querySelector('caption').textContent.trim())
      problems.push(`table ${i + 1} has no caption`);
    if (!t.querySelector('th')) problems.push(`table ${i + 1} has no header cell`);
  });
  const {parse, ratio, background} = window.__contrast;
  document.querySelectorAll('.badge, .validity').forEach(el => {
    const text = el.textContent.trim();
    if (!text) problems.push(`${el.className} says nothing in words`);
    const r = ratio(parse(getComputedStyle(el).color), background(el));
    if (r < 4.5) problems.push(`${el.className} "${text.slice(0, 12)}" contrast ${r.toFixed(2)} < 4.5`);
  });
  const button = document.querySelector('[data-elderly-toggle]');
  if (!button || button.tagName !== 'BUTTON' || !button.hasAttribute('aria-pressed') || button.hidden)
    problems.push('no visible elderly-mode <button aria-pressed>');
  return problems;
})()
"""


@pytest.mark.parametrize("elderly", [False, True], ids=["default", "elderly"])
def test_every_page_passes_axe_and_structure_without_csp_violations(chromium, site_url, example_site, elderly):
    """axe (WCAG 2.0/2.1 A and AA), page structure and the deploy CSP, on every page."""
    context = new_context(chromium, elderly=elderly)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    problems, paths = [], page_paths(example_site)
    for path in paths:
        page.goto(site_url + path)
        problems += describe_violations(path, run_axe(page))
        problems += [f"/{path}: {p}" for p in page.evaluate(STRUCTURE_JS)]
        problems += [f"/{path}: CSP violation {v}" for v in page.evaluate("window.__csp")]
        if elderly:
            state = page.evaluate("""() => ({on: document.documentElement.classList.contains('elderly'),
                size: parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)})""")
            if not state["on"] or state["size"] < 20:
                problems.append(f"/{path}: elderly mode not applied ({state})")
    context.close()
    problems += [f"script error: {e}" for e in errors] + [f"pop-up dialog: {d}" for d in dialogs]
    assert len(paths) >= 20, f"only {len(paths)} pages: is the example site complete?"
    assert problems == [], f"{len(problems)} problems on {len(paths)} pages:\n" + "\n".join(problems)


def test_nu_html_checker_finds_no_error(example_site):
    missing_or_skip("vnu", "java")
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--skip-non-html",
                             "--errors-only", str(example_site)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stdout)["messages"]
    lines = [f"{m.get('url', '').split(str(example_site))[-1]}:{m.get('lastLine', '?')}: {m['message']}"
             for m in messages]
    assert lines == [], "\n".join(lines[:50])


def test_skip_link_is_first_and_lands_on_the_content(chromium, site_url, example_site):
    context = new_context(chromium, axe=False)
    page = context.new_page()
    page.goto(site_url + page_kinds(example_site)["policy"])
    page.keyboard.press("Tab")
    first = page.evaluate("""() => { const a = document.activeElement, r = a.getBoundingClientRect();
        return {cls: a.className, text: a.textContent.trim(), visible: r.width > 0 && r.top >= 0}; }""")
    assert "gov-skip" in first["cls"] and first["text"] == "跳转至正文" and first["visible"], first
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"
    page.keyboard.press("Tab")
    after = page.evaluate("""() => { const a = document.activeElement, t = document.getElementById('main-content');
        return !!(t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) && !a.closest('.md-sidebar, header'); }""")
    assert after, "after the skip link the next Tab must go on from the content, not from the navigation"
    context.close()


@pytest.mark.parametrize("elderly", [False, True], ids=["default", "elderly"])
def test_focus_ring_is_visible_with_3_to_1_contrast(chromium, site_url, example_site, elderly):
    context = new_context(chromium, elderly=elderly, axe=False)
    page = context.new_page()
    page.goto(site_url + page_kinds(example_site)["policy"])
    page.evaluate(CONTRAST_JS)
    bad, seen = [], 0
    for _ in range(60):
        page.keyboard.press("Tab")
        ring = page.evaluate("""() => {
            const el = document.activeElement; if (!el || el === document.body) return null;
            const s = getComputedStyle(el), {parse, ratio, background} = window.__contrast;
            const offset = parseFloat(s.outlineOffset), under = offset < 0 ? el : (el.parentElement || el);
            return {what: el.tagName + '.' + el.className + ' ' + el.textContent.trim().slice(0, 20),
                    style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                    contrast: ratio(parse(s.outlineColor), background(under))}; }""")
        if ring is None:
            break
        seen += 1
        if ring["style"] in ("none", "hidden") or ring["width"] < 2 or ring["contrast"] < 3:
            bad.append(ring)
    context.close()
    assert seen >= 10, f"only {seen} elements reached by Tab"
    assert bad == [], "focus rings too faint:\n" + "\n".join(map(str, bad))


def test_header_controls_and_elderly_toggle_work_by_keyboard(chromium, site_url, example_site):
    """Tab to the toggle, switch it with Enter and Space; the choice follows to other pages."""
    context = new_context(chromium, axe=False)
    popups = []
    page = context.new_page()
    context.on("page", lambda p: popups.append(p.url))
    page.on("dialog", lambda d: popups.append(d.message))
    kinds = page_kinds(example_site)
    page.goto(site_url + kinds["policy"])
    order = []
    for _ in range(4):
        page.keyboard.press("Tab")
        order.append(page.evaluate("() => document.activeElement.className.split(' ')"))
    assert "gov-skip" in order[0] and "gov-toolbar__button" in order[1], order
    assert "md-logo" in order[2], order   # then Material's header: logo, menu, ...
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    state = "() => [document.activeElement.getAttribute('aria-pressed'), document.documentElement.className]"
    page.keyboard.press("Enter")
    pressed, classes = page.evaluate(state)
    assert pressed == "true" and "elderly" in classes
    page.goto(site_url + kinds["list"])
    assert page.evaluate("document.documentElement.classList.contains('elderly')")
    assert page.get_attribute("[data-elderly-toggle]", "aria-pressed") == "true"
    page.focus("[data-elderly-toggle]")
    page.keyboard.press("Space")
    pressed, classes = page.evaluate(state)
    assert pressed == "false" and "elderly" not in classes
    page.goto(site_url)
    assert not page.evaluate("document.documentElement.classList.contains('elderly')")
    assert popups == [], f"no pop-ups allowed: {popups}"
    context.close()


def test_without_javascript_the_toggle_is_hidden_and_text_is_readable(chromium, site_url, example_site):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + page_kinds(example_site)["policy"])
    assert page.is_hidden("[data-elderly-toggle]")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    assert size >= 16
    context.close()


def test_search_form_is_usable_by_keyboard(chromium, site_url, example_site):
    if not (example_site / "search" / "index.html").exists():
        pytest.skip("the example site has no search/index.html yet")
    context = new_context(chromium, axe=False)
    page = context.new_page()
    page.goto(site_url + "search/")
    controls = page.evaluate("""() => [...document.querySelectorAll(
        'main form input:not([type=hidden]), main form select, main form button, main form textarea')]
        .filter(e => !e.disabled && e.offsetParent !== null).map((e, i) => (e.dataset.kbd = i, i))""")
    assert controls, "the search page has no form controls in main"
    reached = set()
    for _ in range(150):
        page.keyboard.press("Tab")
        index = page.evaluate("document.activeElement.dataset.kbd")
        if index is not None:
            reached.add(int(index))
    assert reached == set(controls), f"controls never reached by Tab: {set(controls) - reached}"
    context.close()


@pytest.mark.parametrize("elderly", [False, True], ids=["default", "elderly"])
def test_pages_reflow_at_320px_and_at_200_percent_zoom(chromium, site_url, example_site, elderly):
    """No horizontal scrolling at 320 CSS px, nor at 640 px (1280 px at 200% zoom)."""
    kinds = page_kinds(example_site)
    assert {"home", "policy", "list", "sitemap"} <= set(kinds), kinds
    wide = []
    for width in (320, 640):
        context = new_context(chromium, elderly=elderly, axe=False, viewport={"width": width, "height": 800})
        page = context.new_page()
        for kind, path in kinds.items():
            page.goto(site_url + path)
            sizes = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if sizes[0] > sizes[1]:
                widest = page.evaluate("""() => { let w = null; for (const e of document.querySelectorAll('main *')) {
                    const r = e.getBoundingClientRect(); if (r.right > innerWidth + 1 && (!w || r.right > w[1]))
                    w = [e.tagName + '.' + e.className, Math.round(r.right)]; } return w; }""")
                wide.append(f"{kind} /{path} at {width}px: scrollWidth {sizes[0]} > {sizes[1]} (widest {widest})")
        context.close()
    assert wide == [], "\n".join(wide)


def test_elderly_mode_meets_enhanced_contrast(chromium, site_url, example_site):
    """High contrast means WCAG AAA contrast (7:1) in elderly mode, measured by axe."""
    context = new_context(chromium, elderly=True)
    page = context.new_page()
    problems = []
    for path in page_kinds(example_site).values():
        page.goto(site_url + path)
        problems += describe_violations(path, run_axe(page, rules=["color-contrast-enhanced"]))
    context.close()
    assert problems == [], "\n".join(problems)
