"""Preview server: dual-stack (binds ``::`` with IPv6-only off, so [::1] and 127.0.0.1 both answer)."""
from __future__ import annotations

import functools
import http.server
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Optional


class DualStackServer(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6
    request_queue_size = 128   # the default 5 stalls parallel clients (link checkers, browsers)
    daemon_threads = True

    def server_bind(self) -> None:
        with_v4 = self.server_address[0] in ("::", "")
        if with_v4:
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


def make_server(root: Path, bind: str = "::", port: int = 0) -> DualStackServer:
    handler = functools.partial(QuietHandler, directory=str(root))
    if ":" not in bind:  # an IPv4 address was asked for
        class V4Server(http.server.ThreadingHTTPServer):
            request_queue_size = 128
            daemon_threads = True
        return V4Server((bind, port), handler)  # type: ignore[return-value]
    return DualStackServer((bind, port), handler)


def _snapshot(folder: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()))


def _watch(content: Path, rebuild: Callable[[], int]) -> None:
    seen = _snapshot(content)
    while True:
        time.sleep(1.0)
        now = _snapshot(content)
        if now != seen:
            seen = now
            print("内容已变化，重新生成 (content changed, rebuilding)", file=sys.stderr)
            rebuild()


def serve(root: Path, bind: str, port: int, content: Path, rebuild: Optional[Callable[[], int]]) -> int:
    server = make_server(root, bind, port)
    host, actual = server.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"预览地址 preview: http://{shown}:{actual}/  (IPv6 http://[::1]:{actual}/ · IPv4 "
          f"http://127.0.0.1:{actual}/)  Ctrl+C 结束 to stop", file=sys.stderr)
    if rebuild:
        threading.Thread(target=_watch, args=(content, rebuild), daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
