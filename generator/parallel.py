"""Work on the second core: run one function in a forked child while the caller goes on.

Fork, not spawn: the child inherits the plan (hundreds of MB at 10,000 documents)
instead of receiving it pickled. Where fork is unavailable, or on one core, the
function runs inline and the build is merely slower.
"""
from __future__ import annotations

import os


class Forked:
    """Run ``func(*args)`` in a forked child (the plan is inherited, not pickled); inline where
    fork is unavailable or the machine has one core."""

    def __init__(self, func, *args):
        self.func, self.args, self.pool, self.future, self.value = func, args, None, None, None

    def __enter__(self) -> "Forked":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        if (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
            Forked.pending = (self.func, self.args)
            self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                            initializer=die_with_parent, initargs=(os.getpid(),))
            self.future = self.pool.submit(_run_pending)
        else:
            self.value = self.func(*self.args)
        return self

    def result(self):
        return self.future.result() if self.future else self.value

    def done(self) -> bool:
        """Whether the function has returned (its process is free for other work)."""
        return self.future.done() if self.future else True

    def __exit__(self, *exc) -> None:
        if self.pool:
            self.pool.shutdown(wait=True, cancel_futures=True)


def die_with_parent(parent: int) -> None:
    """In a forked worker: be killed when the build that forked it dies, even by SIGKILL.

    A worker of a killed build lived on (its parent now init), holding the cache lock and
    writing into a folder nobody would publish. On Linux the kernel sends SIGKILL on the
    parent's death (``prctl(PR_SET_PDEATHSIG)``); elsewhere a thread polls the parent id.
    Checked once after arming: the parent may have died before."""
    import signal
    import sys
    if sys.platform.startswith("linux"):
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    else:
        import threading
        import time

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)
        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _run_pending():
    func, args = Forked.pending
    return func(*args)
