"""Shared helpers for the browser tests: the tools, a [::1]-only server, one Chromium, axe.

What is needed and where it comes from (see shared BROWSER_TESTING notes):

* Debian's ``/usr/bin/chromium``, driven by pip ``playwright`` (never ``playwright install``);
* ``tests/node_modules`` from ``npm ci --prefix tests``: ``axe-core`` and ``vnu-jar``;
* ``java`` for ``vnu.jar``.

When one is missing the browser tests skip with the reason, unless ``CI`` is set: then they
fail, so a CI machine that lost a tool cannot pass by skipping.
"""
from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import threading
from pathlib import Path
from typing import Iterator, Optional

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = TESTS / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITE_CONF = REPO / "deploy" / "nginx-site.conf"

# Every other host fails at once: a page that needs one shows up as a failed request.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ::1",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def missing_or_skip(*needs: str) -> None:
    """Skip (or, with CI set, fail) when a tool the browser tests need is absent.

    ``needs`` names what to check: ``chromium``, ``playwright``, ``axe``, ``vnu``, ``java``.
    """
    problems = []
    checks = {
        "chromium": (CHROMIUM.exists(), f"{CHROMIUM} is missing (apt-get install chromium)"),
        "axe": (AXE_JS.exists(), f"{AXE_JS} is missing (npm ci --prefix tests)"),
        "vnu": (VNU_JAR.exists(), f"{VNU_JAR} is missing (npm ci --prefix tests)"),
        "java": (shutil.which("java") is not None, "java is missing (apt-get install default-jre-headless)"),
    }
    for need in needs:
        if need == "playwright":
            try:
                import playwright.sync_api  # noqa: F401
            except ImportError:
                problems.append("the Python package playwright is missing (pip install playwright)")
            continue
        ok, reason = checks[need]
        if not ok:
            problems.append(reason)
    if problems:
        message = "; ".join(problems)
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but a browser-test tool is missing: {message}", pytrace=False)
        pytest.skip(message)


# ---- serving ------------------------------------------------------------------------------

def deploy_csp() -> str:
    """The Content-Security-Policy value exactly as ``deploy/nginx-site.conf`` sends it."""
    text = SITE_CONF.read_text(encoding="utf-8")
    match = re.search(r'add_header\s+Content-Security-Policy\s+"([^"]+)"', text)
    if not match:
        raise AssertionError(f"{SITE_CONF} has no add_header Content-Security-Policy \"...\"")
    return match.group(1)


def _handler(root: Path, headers: dict[str, str]):
    from generator.serve import QuietHandler

    class Handler(QuietHandler):
        def end_headers(self) -> None:
            for name, value in headers.items():
                self.send_header(name, value)
            super().end_headers()

    return functools.partial(Handler, directory=str(root))


@contextlib.contextmanager
def serve_site(root: Path, headers: Optional[dict[str, str]] = None, bind: str = "::1") -> Iterator[str]:
    """Serve ``root`` on ``[::1]`` only (a random port), optionally adding response headers.

    Yields the base URL ``http://[::1]:PORT/``.
    """
    from generator.serve import DualStackServer

    server = DualStackServer((bind, 0), _handler(root, headers or {}))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://[{bind}]:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


#: The web editor (Decap CMS) is an application, not a page of the column: tests/test_cms.py
#: tests it (and reports axe's findings on it); the page-by-page tests leave it out.
EDITOR = "admin/"


def page_paths(root: Path) -> list[str]:
    """Every HTML page of a built site as a URL path relative to the root (``policies/x/``)."""
    paths = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(EDITOR):
            continue
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


def page_kinds(root: Path) -> dict[str, str]:
    """One page of each type, by kind, when the site has one (home, policy, list, ...)."""
    wanted = {
        "home": "",
        "policy": next((p for p in page_paths(root) if p.startswith("policies/") and p != "policies/"), None),
        "list": "lists/all/",
        "interpretation": next((p for p in page_paths(root)
                                if p.startswith("interpretations/") and p != "interpretations/"), None),
        "free page": next((p for p in page_paths(root) if p.startswith("pages/")), None),
        "sitemap": "sitemap/",
    }
    return {kind: path for kind, path in wanted.items()
            if path is not None and (root / path / "index.html").exists()}


# ---- the browser --------------------------------------------------------------------------

@contextlib.contextmanager
def launch_chromium(also_resolve: tuple[str, ...] = ()) -> Iterator[object]:
    """One headless Debian Chromium with the flags that keep it off the network; host names
    in ``also_resolve`` (``localhost``) resolve too, besides ``[::1]``."""
    from playwright.sync_api import sync_playwright

    args = [a + "".join(f", EXCLUDE {host}" for host in also_resolve) if a.startswith("--host-resolver-rules")
            else a for a in CHROMIUM_ARGS]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=args)
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser, *, elderly: bool = False, axe: bool = True, **options):
    """A fresh context (own storage); with axe injected and elderly mode stored beforehand."""
    context = browser.new_context(**options)
    if axe:
        context.add_init_script(path=str(AXE_JS))
    if elderly:
        context.add_init_script("try { localStorage.setItem('xxgk.elderly', '1') } catch (e) {}")
    return context


def run_axe(page, tags: list[str] = WCAG_TAGS, rules: Optional[list[str]] = None) -> list[dict]:
    """axe-core's violations on the loaded page, for the given tags (or rule ids).

    Waits for two frames first: the theme sizes and scrolls the sidebar from script after the
    load event, and on a loaded machine axe could otherwise measure a sidebar link over the
    black footer (a contrast failure no visitor sees once the page has settled)."""
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": tags}
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    result = page.evaluate("o => axe.run(document, {runOnly: o, resultTypes: ['violations']})", run_only)
    return result["violations"]


def describe_violations(path: str, violations: list[dict]) -> list[str]:
    """One line per failing node: page, rule, impact, selector, axe's summary."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"/{path}: {violation['id']} ({violation['impact']}) at {target}: {summary}")
    return lines


# Contrast as WCAG 2.x defines it, computed in the page from computed styles.
CONTRAST_JS = """
(() => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const background = el => { for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0.9) return c; }
    return {r: 255, g: 255, b: 255, a: 1}; };
  window.__contrast = {parse, ratio, background};
})();
"""
