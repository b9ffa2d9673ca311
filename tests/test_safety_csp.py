"""Every page carries the site's Content-Security-Policy in a ``<meta http-equiv>`` tag
(issue 16): a host that sends no security header still refuses injected script.

The browser test plants script in a built page, past the sanitiser (written into the
HTML file), serves the site from a loopback ``http.server`` that sends no header, and
checks in Chromium that none of it runs while the theme's own scripts do.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import EDITOR, deploy_csp, launch_chromium, missing_or_skip, serve_site
from catalog_html import parse

PLANTED = """
<script>window.__planted = (window.__planted || []).concat("inline");</script>
<script src="{external}x.js"></script>
<img src="missing.png" alt="" onerror="window.__planted = (window.__planted || []).concat('handler')">
<a id="planted-link" href="javascript:window.__planted=(window.__planted||[]).concat('javascript-url')">x</a>
"""
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


def test_meta_policy_is_the_deploy_policy_less_what_a_meta_cannot_carry():
    from generator.csp import POLICY, meta_policy
    assert POLICY == deploy_csp()
    directives = [d.strip() for d in deploy_csp().split(";")]
    assert meta_policy() == "; ".join(d for d in directives
                                      if d.split()[0] not in ("frame-ancestors", "report-uri", "sandbox"))
    assert "frame-ancestors" in deploy_csp() and "frame-ancestors" not in meta_policy()


def test_every_page_carries_the_policy_before_any_script_or_style(example_site):
    from generator.csp import meta_policy
    pages = sorted(p for p in example_site.rglob("*.html")
                   if not p.relative_to(example_site).as_posix().startswith(EDITOR))  # its own policy: test_cms
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = parse(html).find("head")
        metas = [m for m in head.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
        assert [m.attrs["content"] for m in metas] == [meta_policy()], path
        tag = html.index('http-equiv="Content-Security-Policy"')
        first_active = min(i for i in (html.find("<script"), html.find("<style"), html.find('rel="stylesheet"'))
                           if i >= 0)
        assert tag < first_active, path


@pytest.fixture
def planted_site(scratch_site, tmp_path) -> Path:
    out = tmp_path / "site"
    assert scratch_site.build(out) == 0
    return out


def _plant(page: Path, external: str, strip_policy: bool = False) -> None:
    html = page.read_text(encoding="utf-8")
    if strip_policy:
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    page.write_text(html.replace("</body>", PLANTED.format(external=external) + "</body>"), encoding="utf-8")


def _visit(browser, url: str) -> tuple[list, list, bool]:
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    page.click("#planted-link")
    page.wait_for_timeout(300)
    planted = page.evaluate("window.__planted || []")
    violations = page.evaluate("window.__violations")
    # the theme's own script ran: elderly.js un-hides its toggle, Material's bundle set up the header
    theme_ran = page.evaluate("!document.querySelector('[data-elderly-toggle]').hidden "
                              "&& typeof __md_scope !== 'undefined'")
    context.close()
    return planted, violations, theme_ran


def test_planted_script_is_blocked_without_any_header(planted_site, tmp_path):
    missing_or_skip("chromium", "playwright")
    external_root = tmp_path / "elsewhere"
    external_root.mkdir()
    (external_root / "x.js").write_text("window.__planted = (window.__planted || []).concat('external');")
    policy_page = planted_site / "policies/rules/index.html"
    control_page = planted_site / "pages/guide/index.html"
    # Another origin: the same loopback host on another port.
    with serve_site(external_root) as elsewhere, serve_site(planted_site) as url, launch_chromium() as browser:
        assert elsewhere != url
        _plant(policy_page, elsewhere)
        _plant(control_page, elsewhere, strip_policy=True)

        planted, violations, theme_ran = _visit(browser, url + "policies/rules/")
        assert planted == []
        assert theme_ran
        blocked = {v.split()[0] for v in violations}
        assert {"script-src-elem", "script-src-attr"} <= blocked, violations
        assert f"script-src-elem {elsewhere}x.js" in violations, violations

        # The same plants without the meta tag run: the test can see a script run.
        planted, violations, _ = _visit(browser, url + "pages/guide/")
        assert sorted(planted) == ["external", "handler", "inline", "javascript-url"]
        assert violations == []
