"""``serve``: loopback only, production's headers, no listings, no symlinks, rebuild and reload on edits."""
from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, deploy_csp, missing_or_skip
from conftest import AS_OF, REPO
from generator.serve import LOOPBACK, Builds, make_servers

PAGE = "<!doctype html><html><head><title>首页</title></head><body><h1>首页</h1></body></html>"
NOT_FOUND = "<!doctype html><html><head><title>404</title></head><body>页面不存在</body></html>"


@pytest.fixture
def output(tmp_path) -> Path:
    """A small built site: a home page, a 404 page and a folder of attachments without index."""
    site = tmp_path / "site"
    (site / "files").mkdir(parents=True)
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "404.html").write_text(NOT_FOUND, encoding="utf-8")
    (site / "files" / "budget.pdf").write_bytes(b"%PDF-1.4 budget")
    return site


@contextlib.contextmanager
def running(root: Path, builds=None) -> Iterator[list]:
    import threading
    servers = make_servers(root, LOOPBACK, 0, builds)
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield servers
    finally:
        if builds:
            builds.close()
        for server in servers:
            server.shutdown()
            server.server_close()


def get(host: str, port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_served_pages_carry_the_production_security_headers(output):
    with running(output) as servers:
        port = servers[0].server_address[1]
        for host in LOOPBACK:
            response = get(host, port, "/")
            assert response.status == 200
            assert response.getheader("Content-Security-Policy") == deploy_csp()
            assert response.getheader("X-Content-Type-Options") == "nosniff"
            assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
            assert response.getheader("Permissions-Policy") == "camera=(), microphone=(), geolocation=(), " \
                                                                "payment=(), usb=()"
            assert response.getheader("X-Frame-Options") == "SAMEORIGIN"
            assert response.body.decode() == PAGE  # no reload script without a watcher


def test_a_folder_is_never_listed(output):
    with running(output) as servers:
        port = servers[0].server_address[1]
        listing = get("::1", port, "/files/")
        assert listing.status == 404
        assert listing.body.decode() == NOT_FOUND  # the site's own 404 page, as nginx's error_page
        assert b"budget.pdf" not in listing.body
        assert get("::1", port, "/files/budget.pdf").status == 200
        redirect = get("::1", port, "/files")
        assert (redirect.status, redirect.getheader("Location")) == (301, "/files/")


def test_nothing_is_served_through_a_symbolic_link(output, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "environ.txt").write_text("TOKEN=secret", encoding="utf-8")
    (outside / "index.html").write_text("<p>outside</p>", encoding="utf-8")
    (output / "leak.txt").symlink_to(outside / "environ.txt")
    (output / "again.html").symlink_to(output / "index.html")  # even one inside the site
    (output / "elsewhere").symlink_to(outside, target_is_directory=True)
    (output / "files" / "parent").symlink_to(output, target_is_directory=True)
    with running(output) as servers:
        port = servers[0].server_address[1]
        for path in ("/leak.txt", "/again.html", "/elsewhere/", "/elsewhere/environ.txt", "/elsewhere",
                     "/files/parent/index.html", "/files/parent/"):
            response = get("127.0.0.1", port, path)
            assert (path, response.status) == (path, 404)
            assert b"secret" not in response.body and b"outside" not in response.body


def _listening(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port``, from /proc/net/tcp and tcp6."""
    found = set()
    for name, family in (("tcp", socket.AF_INET), ("tcp6", socket.AF_INET6)):
        for line in Path(f"/proc/net/{name}").read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))  # host-order words
                found.add(socket.inet_ntop(family, raw))
    return found


def _other_addresses() -> list[str]:
    """This machine's addresses that are not loopback (and not link-local)."""
    if not shutil.which("ip"):
        return []
    text = subprocess.run(["ip", "-o", "addr", "show"], capture_output=True, text=True).stdout
    found = re.findall(r"\binet6? ([0-9a-f.:]+)/\d+ (?:brd \S+ )?scope global", text)
    return [a for a in found if not a.startswith(("127.", "::1"))]


def test_by_default_only_loopback_listens(output):
    with running(output) as servers:
        port = servers[0].server_address[1]
        assert sorted(s.server_address[0] for s in servers) == ["127.0.0.1", "::1"]
        assert _listening(port) == {"::1", "127.0.0.1"}
        others = _other_addresses()
        for address in others:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            with socket.socket(family) as probe:
                probe.settimeout(2)
                assert probe.connect_ex((address, port)) != 0, address
    if not others:
        pytest.skip("no non-loopback address to try (the bound sockets were checked)")


def test_the_reload_script_is_added_to_html_only_in_serve_mode(output):
    before = (output / "index.html").read_bytes()
    with running(output, Builds()) as servers:
        port = servers[0].server_address[1]
        page = get("::1", port, "/").body.decode()
        assert page == PAGE.replace("</body>", '<script src="/__serve__/reload.js" data-build="1" defer>'
                                               '</script></body>')
        script = get("::1", port, "/__serve__/reload.js")
        assert script.status == 200 and script.getheader("Content-Type") == "text/javascript; charset=utf-8"
        assert get("::1", port, "/files/budget.pdf").body == b"%PDF-1.4 budget"
    assert (output / "index.html").read_bytes() == before  # never written into the site


# ---- the real thing: build.py serve, Chromium, an edit -----------------------------------------

def _free_port() -> int:
    for _ in range(20):
        with socket.socket(socket.AF_INET6) as v6, socket.socket() as v4:
            v6.bind(("::1", 0))
            port = v6.getsockname()[1]
            with contextlib.suppress(OSError):
                v4.bind(("127.0.0.1", port))
                return port
    raise OSError("no free port")


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"serve did not listen on {port}")


@pytest.mark.browser
@pytest.mark.slow
def test_editing_a_content_file_reloads_the_open_page(scratch_site, tmp_path):
    missing_or_skip("chromium", "playwright")
    from playwright.sync_api import sync_playwright
    port, out, log = _free_port(), tmp_path / "preview", tmp_path / "serve.log"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    with open(log, "w") as stderr:
        process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--content", "content",
                                    "--output", str(out), "--as-of", AS_OF, "--port", str(port)],
                                   cwd=scratch_site.base, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
                                   start_new_session=True)
    try:
        _wait_for(port, process)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            violations = []
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(f"http://[::1]:{port}/policies/rules/")
            assert page.title().startswith("测试县行政规范性文件管理办法")
            page.wait_for_function("() => document.querySelector('script[src=\"/__serve__/reload.js\"]')")
            time.sleep(0.5)  # the EventSource connects
            rules = scratch_site.root / "policies" / "2022" / "rules.md"
            rules.write_text(rules.read_text(encoding="utf-8").replace(
                "title: 测试县行政规范性文件管理办法", "title: 测试县行政规范性文件管理规定"), encoding="utf-8")
            page.wait_for_function("() => document.title.startsWith('测试县行政规范性文件管理规定')", timeout=90_000)
            assert violations == []
            browser.close()
        time.sleep(1.5)  # a build reads content: reads must not count as changes (no rebuild loop)
        assert log.read_text(encoding="utf-8").count("内容已变化，重新生成 (content changed, rebuilding)") == 1
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    built = [p for p in out.rglob("*.html") if b"__serve__" in p.read_bytes()]
    assert built == []
