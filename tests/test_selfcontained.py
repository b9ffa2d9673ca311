"""Self-contained output: nothing loaded from another host, no IPv4 literal, IPv6 audit, CSP hashes.

Inspectors open the site over IPv6 only; a script or font from an IPv4-only host breaks it,
and a CDN is a dependency a government site must not have (seed 000 #27, seed 001 (十)).
"""
from __future__ import annotations

import base64
import hashlib
import re
import urllib.request
from pathlib import Path

import pytest

from browser import deploy_csp, launch_chromium, missing_or_skip, new_context, page_paths, serve_site
from generator.audit import audit_site, find_ipv4, reportable_ipv4, run_audit

EXPECTED_HOSTS = {"beian.miit.gov.cn", "bszs.conac.cn", "zfwzzc.www.gov.cn"}


def text_files(site: Path):
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        try:
            yield path, path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue


def test_no_google_fonts_or_cdn_reference_anywhere(example_site):
    hits = [f"{p.relative_to(example_site)}: {host}" for p, text in text_files(example_site)
            for host in ("fonts.googleapis", "fonts.gstatic") if host in text]
    assert hits == []


def test_no_ipv4_literal_in_any_text_file(example_site):
    hits = [f"{p.relative_to(example_site)}:{line}: {ip}" for p, text in text_files(example_site)
            for line, ip in reportable_ipv4(p.relative_to(example_site).as_posix(), text)]
    assert hits == []


@pytest.mark.parametrize("text, found", [
    ("http://10.0.0.1/x", ["10.0.0.1"]), ("地址192.168.1.1，", ["192.168.1.1"]), ("1.2.3.4", ["1.2.3.4"]),
    ("dns 8.8.8.8:53", ["8.8.8.8"]), ("version 1.2.3.4", ["1.2.3.4"]), ("255.255.255.255", ["255.255.255.255"]),
    ("1.2.3.4.5", []), ("v1.2.3.4", []), ("1.2.3.256", []), ("1.02.3.4", []),
    ("M0 1.7.75.75 0 1", []), ("l-3.61.81.34 3", []), ("POSIX.2 2.8.3.2", []), ("jquery-1.12.4.1.min.js", []),
])
def test_ipv4_detector_is_precise(text, found):
    assert [ip for _, ip in find_ipv4(text)] == found


def test_inline_scripts_are_allowed_by_the_deploy_csp(example_site):
    """Material's inline scripts must be hashed in deploy/nginx-site.conf, or browsers block them."""
    allowed = set(re.findall(r"'sha256-([A-Za-z0-9+/=]+)'", deploy_csp()))
    missing = set()
    for path in example_site.rglob("*.html"):
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", path.read_text("utf-8"), re.S):
            if "src=" in attrs or "application/json" in attrs or "application/ld+json" in attrs:
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            if digest not in allowed:
                missing.add(f"{path.relative_to(example_site)}: 'sha256-{digest}' for {body[:50]!r}")
    assert not missing, "\n".join(sorted(missing))


def test_internal_urls_are_relative_or_under_base_url(example_site):
    home = (example_site / "index.html").read_text("utf-8")
    base = re.search(r'<link rel="canonical" href="([^"]+)"', home).group(1)
    host = re.match(r"https?://[^/]+", base).group(0)
    base_path = base[len(host):]
    bad = []
    for path in example_site.rglob("*.html"):
        for url in re.findall(r'\s(?:href|src|action)="([^"]*)"', path.read_text("utf-8")):
            if url.startswith("/") and not url.startswith("//") and not url.startswith(base_path):
                bad.append(f"{path.relative_to(example_site)}: {url}")
            elif url.startswith(host) and not url.startswith(base):
                bad.append(f"{path.relative_to(example_site)}: {url}")
    assert bad == []


def test_audit_passes_on_the_example_site_and_lists_its_hosts(example_site, capsys):
    report = audit_site(example_site)
    assert report.findings == []
    assert EXPECTED_HOSTS <= set(report.hosts), sorted(report.hosts)   # the footer's required links
    assert run_audit(example_site, online=False) == 0
    out = capsys.readouterr().out
    for host in EXPECTED_HOSTS:
        assert host in out


def test_audit_fails_precisely_on_external_resources_and_ipv4(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html>\n<html lang="zh"><head><title>t</title>\n'
        '<link rel="canonical" href="https://xxgk.example.gov.cn/">\n'
        '<script src="https://cdn.example.com/x.js"></script>\n'
        '<link rel="stylesheet" href="//fonts.example.net/a.css">\n'
        '</head><body><a href="https://www.gov.cn/">国务院</a>\n'
        '<img src="http://203.0.113.9/logo.png" alt="">\n'
        '<a href="https://xxgk.example.gov.cn/policies/">own host</a></body></html>\n', encoding="utf-8")
    (site / "site.css").write_text("body { background: url(https://img.example.org/bg.png); }\n")
    assert run_audit(site, online=False) == 1
    captured = capsys.readouterr()
    assert set(line.split()[0] for line in captured.out.splitlines()[1:]) == {
        "cdn.example.com", "fonts.example.net", "www.gov.cn", "203.0.113.9", "img.example.org"}
    errors = captured.err.splitlines()
    assert errors[:4] == [
        "index.html:4: <script src> 从外部主机 cdn.example.com 加载资源 https://cdn.example.com/x.js "
        "(loads a resource from another host): 把该文件复制到 theme/assets/ 并用相对地址引用，或删除它 "
        "(copy the file into theme/assets/ and reference it relatively, or remove it)",
        "index.html:5: <link href> 从外部主机 fonts.example.net 加载资源 //fonts.example.net/a.css "
        "(loads a resource from another host): 把该文件复制到 theme/assets/ 并用相对地址引用，或删除它 "
        "(copy the file into theme/assets/ and reference it relatively, or remove it)",
        "index.html:7: <img src> 从外部主机 203.0.113.9 加载资源 http://203.0.113.9/logo.png "
        "(loads a resource from another host): 把该文件复制到 theme/assets/ 并用相对地址引用，或删除它 "
        "(copy the file into theme/assets/ and reference it relatively, or remove it)",
        "index.html:7: IPv4 地址 203.0.113.9 (IPv4 literal 203.0.113.9): 改用有 AAAA 记录的域名，不要写 IPv4 地址 "
        "(use a host name with an AAAA record instead of an IPv4 address)",
    ]
    assert errors[4].startswith("site.css:1: CSS url() 从外部主机 img.example.org 加载资源")
    assert errors[-1] == "5 个 IPv6 问题 (5 IPv6 problems) in 2 files"


def test_audit_ipv6_subcommand(example_site, capsys):
    from generator.cli import main
    assert main(["audit-ipv6", "--output", str(example_site)]) == 0
    assert "beian.miit.gov.cn" in capsys.readouterr().out


def test_aaaa_lookup_reports_both_outcomes():
    import socket

    from generator.audit import has_aaaa

    def resolve(host, port, family, kind):
        assert family == socket.AF_INET6
        if host == "v6.example":
            return [(family, kind, 6, "", ("2001:db8::1", port, 0, 0))]
        raise socket.gaierror(-5, "No address associated with hostname")

    assert has_aaaa("v6.example", resolve) == (True, "2001:db8::1")
    assert has_aaaa("v4only.example", resolve)[0] is False


@pytest.mark.parametrize("host", ["::1", "127.0.0.1"])
def test_preview_server_answers_on_ipv6_and_ipv4(example_site, host):
    import threading

    from generator.serve import make_server
    server = make_server(example_site, "::", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        shown = f"[{host}]" if ":" in host else host
        with urllib.request.urlopen(f"http://{shown}:{server.server_address[1]}/", timeout=10) as response:
            assert response.status == 200 and b"<h1" in response.read()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_every_page_loads_only_from_the_local_server(example_site):
    """Record every request while loading every page: all go to the [::1] server."""
    missing_or_skip("chromium", "playwright")
    outside = []
    with serve_site(example_site) as base, launch_chromium() as browser:
        for elderly in (False, True):
            context = new_context(browser, axe=False, elderly=elderly)
            page = context.new_page()
            page.on("request", lambda r: None if r.url.startswith((base, "data:")) else outside.append(
                f"{page.url} -> {r.url}"))
            paths = page_paths(example_site)
            for path in paths:
                page.goto(base + path)
            page.wait_for_load_state("networkidle")
            context.close()
    assert outside == [], "\n".join(outside)


@pytest.mark.browser
def test_a_page_view_does_not_download_the_sitemap(example_site):
    """Material fetches sitemap.xml for every link[rel=alternate] (language versions); the feed
    links say rel="alternate feed" so a reader's phone never downloads it (1.4 MB at 10,000)."""
    missing_or_skip("chromium", "playwright")
    fetched = []
    with serve_site(example_site) as base, launch_chromium() as browser:
        context = new_context(browser, axe=False)
        page = context.new_page()
        page.on("request", lambda r: fetched.append(r.url.removeprefix(base)))
        for path in ("", "lists/all/", "search/?q=%E5%8A%9E%E6%B3%95"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        assert page.locator("link[type='application/atom+xml']").count() >= 2
        context.close()
    assert "assets/stylesheets" in " ".join(fetched)     # the recorder saw the page's own requests
    assert [u for u in fetched if "sitemap" in u] == []
