"""Build progress: a live line on a terminal, one summary line in CI logs.

Phases are timed with :meth:`Progress.phase`; the renderer reports pages with
:meth:`Progress.tick`. On a terminal the count updates in place; when output is
not a terminal (or ``CI`` is set) only the final summary is printed.
"""
from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import Iterator, Optional, TextIO


class Progress:
    def __init__(self, stream: Optional[TextIO] = None, interactive: Optional[bool] = None):
        self.stream = stream or sys.stderr
        if interactive is None:
            interactive = self.stream.isatty() and not os.environ.get("CI")
        self.interactive = interactive
        self.started = time.perf_counter()
        self.phases: list[tuple[str, float]] = []
        self._last_tick = 0.0

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time one step of the build (读取, 检查, 渲染 …)."""
        begun = time.perf_counter()
        if self.interactive:
            self._line(f"{name}…")
        try:
            yield
        finally:
            self.phases.append((name, time.perf_counter() - begun))

    def tick(self, done: int, total: int) -> None:
        """``done`` of ``total`` pages rendered; redrawn at most ten times a second."""
        now = time.perf_counter()
        if self.interactive and (done == total or now - self._last_tick > 0.1):
            self._last_tick = now
            self._line(f"渲染页面 rendering {done}/{total}，已用 {now - self.started:.0f} 秒")

    def _line(self, text: str) -> None:
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()

    def summary(self) -> str:
        parts = " · ".join(f"{name} {seconds:.1f}s" for name, seconds in self.phases)
        return f"用时 timings: {parts} · 合计 total {time.perf_counter() - self.started:.1f}s"

    def finish(self, summary: bool = True) -> None:
        if self.interactive:
            self._line("")
        if summary:
            print(self.summary(), file=self.stream)
