"""Run ``deploy/nginx.conf`` for real on loopback: Debian's nginx, a throw-away certificate.

Used by ``tests/test_nginx.py`` (the deployed headers, redirects and compression) and by
``benchmarks/search_bench.py`` (search timed over the protocol the site is deployed with:
HTTP/2 over TLS). The configuration is derived from ``deploy/nginx.conf`` itself: the same
server blocks, the listen addresses moved to free loopback ports (``[::1]`` and
``127.0.0.1``), a self-signed certificate for the run, the given folder as root and the real
``nginx-site.conf`` (and ``nginx-brotli.conf`` when the brotli module is installed) included
by absolute path. Nothing under ``/etc`` is read but ``mime.types``, nothing is written there.
"""
from __future__ import annotations

import os
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

NGINX = Path("/usr/sbin/nginx")
DEPLOY = Path(__file__).resolve().parent
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")


def free_port(family: int, host: str) -> int:
    """A port nobody listens on now (the kernel's pick)."""
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def derive_config(tmp: Path, site: Path, ports: dict[str, int], csp: bool = True) -> Path:
    """``tmp/nginx.conf``: deploy/nginx.conf's server blocks on the loopback ``ports``
    (keys http6, http4, https6, https4), certificate ``tmp/cert.pem``, root ``site``.
    Without ``csp``, nginx-site.conf's Content-Security-Policy header is left out (for a
    benchmark of a third-party script the policy would block, such as Pagefind's)."""
    site_conf = DEPLOY / "nginx-site.conf"
    if not csp:
        lines = site_conf.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith("add_header Content-Security-Policy ")]
        if len(kept) != len(lines) - 1:
            raise ValueError("deploy/nginx-site.conf: no single Content-Security-Policy line to leave out")
        site_conf = tmp / "nginx-site.conf"
        site_conf.write_text("".join(kept), encoding="utf-8")
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    replacements = {
        "listen [::]:80;": f"listen [::1]:{ports['http6']};",
        "listen 80;": f"listen 127.0.0.1:{ports['http4']};",
        "listen [::]:443 ssl http2;": f"listen [::1]:{ports['https6']} ssl http2;",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{ports['https4']} ssl http2;",
        "/etc/ssl/xxgk/fullchain.pem": str(tmp / "cert.pem"),
        "/etc/ssl/xxgk/privkey.pem": str(tmp / "key.pem"),
        "root /var/www/xxgk;": f"root {site.resolve()};",
        "/etc/nginx/snippets/nginx-site.conf": str(site_conf),
        "/etc/nginx/snippets/nginx-brotli.conf": str(DEPLOY / "nginx-brotli.conf"),
    }
    for old, new in replacements.items():
        if old not in text:
            raise ValueError(f"deploy/nginx.conf no longer has {old!r}: update deploy/loopback.py")
        text = text.replace(old, new)
    if not BROTLI_MODULE.exists():
        text = text.replace(f"include {DEPLOY / 'nginx-brotli.conf'};", "")
    load = f"load_module {BROTLI_MODULE};\n" if BROTLI_MODULE.exists() else ""
    return main_config(tmp, text, load=load)


def main_config(tmp: Path, servers: str, workers: str = "auto", load: str = "") -> Path:
    """``tmp/nginx.conf``: a main configuration around the ``servers`` text (inside ``http``),
    everything nginx writes kept under ``tmp``; ``workers`` as Debian's nginx.conf has it."""
    # As root, nginx would drop its workers to "nobody", who cannot read pytest's tmp folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = f"""{load}{user}daemon off;
worker_processes {workers};
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{servers}
}}
"""
    conf = tmp / "nginx.conf"
    conf.write_text(main, encoding="utf-8")
    return conf


@contextmanager
def started(tmp: Path, conf: Path, port: int) -> Iterator[None]:
    """nginx in the foreground with ``tmp`` as its prefix, until it answers on ``[::1]:port``;
    stopped when the block ends."""
    check = subprocess.run([str(NGINX), "-t", "-p", str(tmp), "-c", str(conf)], capture_output=True, text=True)
    if check.returncode:
        raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
    process = subprocess.Popen([str(NGINX), "-p", str(tmp), "-c", str(conf)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("::1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.terminate()
                    _, err = process.communicate(timeout=10)
                    raise RuntimeError("nginx did not start: " + err.decode()[-500:]) from None
                time.sleep(0.05)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


def self_signed(tmp: Path) -> None:
    """``tmp/cert.pem`` and ``tmp/key.pem`` for localhost, valid one day."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                    "-days", "1", "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
                   check=True, capture_output=True)


@contextmanager
def running(site: Path, tmp: Path, csp: bool = True) -> Iterator[dict[str, int]]:
    """nginx serving ``site`` as deployed, in the foreground with ``tmp`` as its prefix;
    yields the ports (http6, http4: redirects; https6, https4: the site) and stops it.
    ``csp``: see ``derive_config``."""
    self_signed(tmp)
    ports = {"http6": free_port(socket.AF_INET6, "::1"), "https6": free_port(socket.AF_INET6, "::1"),
             "http4": free_port(socket.AF_INET, "127.0.0.1"), "https4": free_port(socket.AF_INET, "127.0.0.1")}
    conf = derive_config(tmp, site, ports, csp)
    with started(tmp, conf, ports["https6"]):
        yield ports
