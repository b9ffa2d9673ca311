"""Preview server: loopback only by default, production's security headers, rebuild and reload on edits.

``serve`` binds ``::1`` and ``127.0.0.1`` (the preview is for the person at this machine;
``--bind ::`` opts in to every interface). It serves files as nginx does with
``deploy/nginx-site.conf``: its security headers (the Content-Security-Policy included),
no folder listings, ``404.html`` for what is missing, and never a file reached through a
symbolic link. Edits under the watched folders (file events from watchdog) rebuild the
site, and each open page reloads itself: a small script, served from this server and added
to HTML responses only here (never written into the built site), listens on an
EventSource for the new build's number.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import socket
import sys
import threading
from pathlib import Path
from typing import Callable, Iterable, Optional

from .shell import shell_root

#: Where the preview's own files live; no built site has a folder of that name.
PREFIX = "/__serve__/"
RELOAD_JS = """\
// Preview only (disclosure serve): reload this page once the site has been rebuilt.
(function () {
  var script = document.currentScript, built = script && script.getAttribute("data-build");
  var events = new EventSource("/__serve__/events");
  events.onmessage = function (event) {
    if (built !== null && event.data !== built) { events.close(); location.reload(); }
  };
})();
"""
LOOPBACK = ("::1", "127.0.0.1")
_HEADER = re.compile(r'^add_header\s+([A-Za-z-]+)\s+"([^"$]*)"(?:\s+always)?;', re.MULTILINE)


def security_headers() -> list[tuple[str, str]]:
    """The literal ``add_header``s of deploy/nginx-site.conf: the headers production sends."""
    conf = shell_root() / "deploy" / "nginx-site.conf"
    return _HEADER.findall(conf.read_text(encoding="utf-8"))


class Builds:
    """The number of the site build being served; page scripts wait on it."""

    def __init__(self) -> None:
        self.number = 1
        self.changed = threading.Condition()
        self.closing = False

    def advance(self) -> None:
        with self.changed:
            self.number += 1
            self.changed.notify_all()

    def close(self) -> None:
        with self.changed:
            self.closing = True
            self.changed.notify_all()

    def wait_past(self, number: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.number != number or self.closing, timeout)
            return self.number


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """The standard library's file handler without a log line per request (tests build on it)."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


class PreviewHandler(QuietHandler):
    """Files of the built site, as production serves them (see the module's docstring)."""

    headers_to_send: list[tuple[str, str]] = []
    builds: Optional[Builds] = None

    def end_headers(self) -> None:
        for name, value in self.headers_to_send:
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self) -> None:
        if self.path.startswith(PREFIX):
            return self._own()
        return super().do_GET()

    def send_head(self):
        """Refuse symbolic links and folders without an index; add the reload script to HTML."""
        root = os.path.realpath(self.directory)  # per request: the output may be swapped in by rename
        path = self.translate_path(self.path)
        if os.path.isdir(path) and not _through_link(root, path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL with a slash
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path) or _through_link(root, path):
            self._not_found(root)
            return None
        if self.builds is None or not path.endswith(".html"):
            return super().send_head()
        return self._html(path)

    def list_directory(self, path):
        self._not_found(os.path.realpath(self.directory))
        return None

    def _html(self, path: str):
        import io
        with open(path, "rb") as file:
            body = with_reload_script(file.read(), self.builds.number)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _not_found(self, root: str) -> None:
        """404 with the site's own 404.html, as nginx's ``error_page 404 /404.html``."""
        page = os.path.join(root, "404.html")
        body = b"404 Not Found\n"
        if os.path.isfile(page) and not os.path.islink(page):
            with open(page, "rb") as file:
                body = file.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _own(self) -> None:
        """``reload.js``, and ``events``: the build number now and after every rebuild."""
        name = self.path[len(PREFIX):].split("?", 1)[0]
        if name == "reload.js" and self.builds is not None:
            body = RELOAD_JS.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif name == "events" and self.builds is not None:
            self._events()
        else:
            self._not_found(os.path.realpath(self.directory))

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        number = self.builds.number
        try:
            while not self.builds.closing:
                self.wfile.write(f"data: {number}\n\n".encode())
                self.wfile.flush()
                number = self.builds.wait_past(number, timeout=15)  # then a keep-alive repeat
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True


def with_reload_script(html: bytes, build: int) -> bytes:
    """The page with the reload script before ``</body>`` (or at the end)."""
    tag = f'<script src="{PREFIX}reload.js" data-build="{build}" defer></script>'.encode()
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


def _through_link(root: str, path: str) -> bool:
    """Whether ``path`` or a folder between ``root`` and it is a symbolic link (or outside root)."""
    rel = os.path.relpath(os.path.abspath(path), root)
    if rel.startswith(".."):
        return True
    current = root
    for part in Path(rel).parts:
        current = os.path.join(current, part)
        if os.path.islink(current):
            return True
    return False


class _Server(http.server.ThreadingHTTPServer):
    request_queue_size = 128   # the default 5 stalls parallel clients (link checkers, browsers)
    daemon_threads = True


class DualStackServer(_Server):
    """IPv6; bound to ``::`` it answers IPv4 too (IPv6-only off), bound to ``::1`` only IPv6."""
    address_family = socket.AF_INET6

    def server_bind(self) -> None:
        both = self.server_address[0] in ("::", "")
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0 if both else 1)
        super().server_bind()


def _handler(root: Path, builds: Optional[Builds]):
    attributes = {"headers_to_send": security_headers(), "builds": builds}
    handler = type("Handler", (PreviewHandler,), attributes)
    return functools.partial(handler, directory=str(root))


def make_server(root: Path, bind: str = "::", port: int = 0,
                builds: Optional[Builds] = None) -> http.server.ThreadingHTTPServer:
    """One server on ``bind`` (``::`` = every interface, both families)."""
    handler = _handler(root, builds)
    if ":" not in bind:  # an IPv4 address was asked for
        return _Server((bind, port), handler)
    return DualStackServer((bind, port), handler)


def make_servers(root: Path, binds: Iterable[str] = LOOPBACK, port: int = 0,
                 builds: Optional[Builds] = None) -> list[http.server.ThreadingHTTPServer]:
    """One server per address, all on one port (the first's, when ``port`` is 0)."""
    for _attempt in range(20):
        servers: list = []
        try:
            for bind in binds:
                servers.append(make_server(root, bind, port or (servers[0].server_address[1] if servers else 0),
                                           builds))
            return servers
        except OSError:
            for server in servers:
                server.server_close()
            if port:
                raise
    raise OSError("no port free on every address")


def _watch(folders: list[Path], rebuild: Callable[[], int], builds: Builds):
    """Rebuild after file events under ``folders`` (once they pause); a good build reloads pages."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    pending = threading.Event()

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            # reads (opened, closed_no_write: the build itself reads content) are not changes
            if event.event_type in ("created", "modified", "deleted", "moved", "closed"):
                pending.set()

    def loop() -> None:
        while pending.wait():
            while pending.wait(timeout=0.3):  # an editor's save is several events: wait for quiet
                pending.clear()
            print("内容已变化，重新生成 (content changed, rebuilding)", file=sys.stderr)
            if rebuild() == 0:
                builds.advance()

    observer = Observer()
    for folder in folders:
        if folder.is_dir():
            observer.schedule(Changed(), str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    threading.Thread(target=loop, daemon=True).start()
    return observer


def serve(root: Path, bind: Optional[str], port: int, content: Path, rebuild: Optional[Callable[[], int]],
          watch: Iterable[Path] = ()) -> int:
    """Serve ``root`` until Ctrl+C; with ``rebuild``, rebuild on edits under ``content`` and ``watch``."""
    builds = Builds() if rebuild else None
    servers = make_servers(root, [bind] if bind else LOOPBACK, port, builds)
    actual = servers[0].server_address[1]
    shown = [f"http://[{s.server_address[0]}]:{actual}/" if s.address_family == socket.AF_INET6
             else f"http://{s.server_address[0]}:{actual}/" for s in servers]
    print(f"预览地址 preview: {' · '.join(shown)}  Ctrl+C 结束 to stop", file=sys.stderr)
    observer = _watch([content, *watch], rebuild, builds) if rebuild else None
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers[1:]]
    for thread in threads:
        thread.start()
    try:
        servers[0].serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        if builds:
            builds.close()
        if observer:
            observer.stop()
        for server in servers[1:]:
            server.shutdown()
        for server in servers:
            server.server_close()
    return 0
