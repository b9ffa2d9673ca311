"""deploy/nginx.conf run for real: Debian's nginx serving the example site on loopback.

``deploy/loopback.py`` derives the test config from deploy/nginx.conf itself: the same server
blocks, with the listen addresses moved to free loopback ports ([::1] and 127.0.0.1), a
throw-away self-signed certificate, the built site as root and the real
deploy/nginx-site.conf (and deploy/nginx-brotli.conf when the brotli module is installed)
included by absolute path.
"""
from __future__ import annotations

import gzip
import http.client
import os
import re
import ssl

import pytest

from deploy.loopback import BROTLI_MODULE, DEPLOY, NGINX, running


@pytest.fixture(scope="module")
def nginx(example_site, tmp_path_factory):
    if not NGINX.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {NGINX} is missing (apt-get install nginx)", pytrace=False)
        pytest.skip(f"{NGINX} is missing (apt-get install nginx)")
    with running(example_site, tmp_path_factory.mktemp("nginx")) as ports:
        yield ports


def fetch(host: str, port: int, path: str, tls: bool = True, headers: dict | None = None):
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection(host, port, context=context, timeout=10)
    else:
        conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


@pytest.mark.parametrize("family", ["ipv6", "ipv4"])
def test_pages_are_served_with_security_headers(nginx, family):
    host, port = ("::1", nginx["https6"]) if family == "ipv6" else ("127.0.0.1", nginx["https4"])
    response, body = fetch(host, port, "/")
    assert response.status == 200 and b"<h1" in body
    csp = (DEPLOY / "nginx-site.conf").read_text()
    csp = re.search(r'add_header\s+Content-Security-Policy\s+"([^"]+)"', csp).group(1)
    assert response.getheader("Content-Security-Policy") == csp
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "camera=()" in response.getheader("Permissions-Policy")
    assert response.getheader("Strict-Transport-Security").startswith("max-age=")
    assert response.getheader("Cache-Control") == "no-cache"
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"


def test_plain_http_redirects_to_https_on_both_stacks(nginx):
    for host, port in (("::1", nginx["http6"]), ("127.0.0.1", nginx["http4"])):
        response, _ = fetch(host, port, "/policies/", tls=False)
        assert response.status == 301
        assert response.getheader("Location").startswith("https://") and \
            response.getheader("Location").endswith("/policies/")


def test_gzip_when_asked_and_cache_policy_by_kind(nginx, example_site):
    bundle = next((example_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    response, body = fetch("::1", nginx["https6"], f"/assets/javascripts/{bundle}",
                           headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body) == (example_site / "assets" / "javascripts" / bundle).read_bytes()
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("Content-Security-Policy")   # headers stay on every location
    css = next((example_site / "assets" / "stylesheets").glob("main.*.min.css")).name
    response, _ = fetch("::1", nginx["https6"], f"/assets/stylesheets/{css}", headers={"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip" and "immutable" in response.getheader("Cache-Control")
    response, _ = fetch("::1", nginx["https6"], "/assets/site.css", headers={"Accept-Encoding": "gzip"})
    assert response.getheader("Cache-Control") == "public, max-age=86400"
    assert response.getheader("Content-Encoding") == "gzip"
    response, _ = fetch("::1", nginx["https6"], "/", headers={"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip" and response.getheader("Cache-Control") == "no-cache"
    response, _ = fetch("::1", nginx["https6"], "/")
    assert response.getheader("Content-Encoding") is None


def test_brotli_when_the_module_is_installed(nginx):
    if not BROTLI_MODULE.exists():
        pytest.skip("libnginx-mod-http-brotli-filter is not installed")
    response, _ = fetch("::1", nginx["https6"], "/", headers={"Accept-Encoding": "br, gzip"})
    assert response.getheader("Content-Encoding") == "br"


def test_missing_page_gets_the_site_404(nginx):
    response, body = fetch("127.0.0.1", nginx["https4"], "/no-such-page/")
    assert response.status == 404 and "<h1" in body.decode("utf-8")
    assert response.getheader("Content-Security-Policy")


def test_a_config_without_the_csp_leaves_out_only_that_header(tmp_path):
    from deploy.loopback import derive_config
    ports = {"http6": 1, "http4": 2, "https6": 3, "https4": 4}
    with_csp = derive_config(tmp_path, tmp_path, ports).read_text(encoding="utf-8")
    without = derive_config(tmp_path, tmp_path, ports, csp=False).read_text(encoding="utf-8")
    assert with_csp.replace(str(DEPLOY / "nginx-site.conf"), str(tmp_path / "nginx-site.conf")) == without
    original = (DEPLOY / "nginx-site.conf").read_text(encoding="utf-8").splitlines()
    copy = (tmp_path / "nginx-site.conf").read_text(encoding="utf-8").splitlines()
    assert [line for line in original if line not in copy] == [next(
        line for line in original if line.startswith("add_header Content-Security-Policy "))]
