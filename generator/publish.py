"""Publishing a built site: one build at a time per output, one atomic step to swap it in.

The site is built in a sibling folder (``.site.tmp-<pid>``) and swapped with ``site`` by
one ``renameat2(RENAME_EXCHANGE)`` (Linux 3.15+, called through ctypes; ``renamex_np``
with ``RENAME_SWAP`` on macOS): at every instant ``site`` is the whole old site or the
whole new one, and a kill at any moment leaves one of them. ``site`` stays a plain folder,
so nginx roots, ``rsync site/``, the GitHub Pages artifact, the preview server (which
follows no symlink) and the tests read it as before. (A ``site`` symlink flipped by one
rename would be atomic everywhere but Windows, where symlinks need privileges, and every
reader of ``site`` would then depend on following a link.) Where neither call exists the
swap takes two renames; a kill between them leaves the old site as ``.site.old-<pid>``,
and the next build puts it back before anything else (:func:`clean_stale`).

A build holds a lock on its output for its whole length (:func:`output_lock`), so two
builds never interleave: the second waits, and says so. The lock file lives in the
temporary folder, keyed by the output's real path, so nothing is written beside the site
(a build that fails writes nothing). Folders left by killed builds (``.site.tmp-*``) are
removed by the next build (:func:`clean_stale`), which alone may touch them.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterator, Optional

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2   # linux/fs.h
_RENAME_SWAP = 2       # macOS stdio.h, for renamex_np


def lock_file(output: Path) -> Path:
    """Where the lock of ``output`` lives: one file per output folder (its real path),
    in a folder of the temporary directory private to this user."""
    real = os.path.normcase(os.path.realpath(output))
    name = hashlib.blake2b(real.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    user = f"-{os.getuid()}" if hasattr(os, "getuid") else ""
    return Path(tempfile.gettempdir()) / f"disclosure-column-build{user}" / f"{Path(real).name}-{name}.lock"


@contextlib.contextmanager
def output_lock(output: Path) -> Iterator[None]:
    """Hold the lock of ``output`` while the body runs; wait (saying so once) while another
    build holds it."""
    path = lock_file(output)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with waiting_lock(path, f"另一个生成正在写入 {output}，等待其结束… (another build is writing {output}; "
                            f"waiting for it to finish; lock {path})"):
        yield


@contextlib.contextmanager
def waiting_lock(path: Path, message: str) -> Iterator[None]:
    """A :class:`filelock.FileLock` on ``path`` (flock on POSIX, msvcrt on Windows: the
    system drops it when its process dies); ``message`` on stderr when it has to wait."""
    from filelock import FileLock, Timeout
    lock = FileLock(str(path))
    try:
        lock.acquire(blocking=False)
    except Timeout:
        print(message, file=sys.stderr, flush=True)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def publish(new: Path, output: Path) -> Optional[Path]:
    """Make the folder ``new`` the site at ``output`` in one atomic step; returns where the
    old site now is (to be removed or kept), None when there was none."""
    if not os.path.lexists(output):
        os.rename(new, output)
        return None
    if _exchange(new, output):
        return new   # the old site, under the new one's former name
    old = output.with_name(f".{output.name}.old-{os.getpid()}")   # no atomic swap here: two renames
    os.rename(output, old)
    os.rename(new, output)
    return old


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system or file system cannot."""
    call = _swap_call()
    if call is None:
        return False
    if call(os.fsencode(a), os.fsencode(b)) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):  # e.g. a file system without it
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _swap_call() -> Optional[Callable[[bytes, bytes], int]]:
    """``renameat2(RENAME_EXCHANGE)`` (glibc 2.28+, musl) or ``renamex_np(RENAME_SWAP)``."""
    if os.name != "posix":
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        return lambda a, b: renameat2(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE)
    renamex_np = getattr(libc, "renamex_np", None)
    if renamex_np is not None:
        renamex_np.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        return lambda a, b: renamex_np(a, b, _RENAME_SWAP)
    return None


def clean_stale(output: Path, remove: Callable[[Path], None]) -> None:
    """Before a build writes anything (holding the lock, so no other build is under way):
    put back a site left aside by a two-rename swap that was killed half-way, then
    ``remove`` the folders killed builds left beside the output."""
    output = Path(output)
    if not output.parent.is_dir():
        return
    prefix = f".{output.name}."
    stale = sorted((p for p in output.parent.iterdir()
                    if p.name.startswith(prefix) and p.name[len(prefix):].split("-")[0] in ("tmp", "old")
                    and p.is_dir() and not p.is_symlink()), key=lambda p: p.stat().st_mtime)
    if not os.path.lexists(output):
        olds = [p for p in stale if p.name.startswith(prefix + "old-")]
        if olds:
            os.rename(olds[-1], output)
            stale.remove(olds[-1])
            print(f"已恢复被中断的生成留下的网站 (put back the site an interrupted build had moved aside): "
                  f"{olds[-1].name} -> {output}", file=sys.stderr)
    for folder in stale:
        remove(folder)


def output_problems(content: Path, output: Path, shown: str) -> list[str]:
    """What makes ``output`` unusable as the folder a build replaces, before anything is
    touched (exit 2): every problem, each naming the path at fault, in Chinese and English."""
    output, problems = Path(output), []
    where = f"--output {shown}"
    if output.is_symlink():
        problems.append(f"{where}: 是一个符号链接；生成会整体替换输出文件夹，请直接指定真实的文件夹 "
                        f"(is a symbolic link; a build replaces the output folder as a whole: give the real folder)")
    elif output.exists() and not output.is_dir():
        problems.append(f"{where}: 是一个文件，不是文件夹；请换一个输出文件夹，或先删除这个文件 "
                        f"(is a file, not a folder; choose another output folder or delete the file)")
    blocker = next((p for p in Path(os.path.abspath(output)).parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        problems.append(f"{where}: 上级路径 {blocker} 是一个文件，无法在其中建立文件夹；请换一个输出文件夹 "
                        f"(the parent path {blocker} is a file, so no folder can be made in it; choose another "
                        f"output folder)")
    real_output, real_content = Path(os.path.realpath(output)), Path(os.path.realpath(content))
    if real_output == real_content:
        problems.append(f"{where}: 与内容文件夹 {content} 是同一个文件夹；生成会整体替换输出文件夹，请另选一个 "
                        f"(is the content folder {content}; a build replaces the output folder as a whole: choose "
                        f"another)")
    elif real_content in real_output.parents:
        problems.append(f"{where}: 在内容文件夹 {content} 之内；请把输出文件夹放在内容文件夹之外 "
                        f"(is inside the content folder {content}; put the output folder outside it)")
    elif real_output in real_content.parents:
        problems.append(f"{where}: 包含内容文件夹 {content}；生成会整体替换输出文件夹，内容会被一起移走；"
                        f"请另选一个输出文件夹 (contains the content folder {content}; a build replaces the output "
                        f"folder as a whole and would move the content away: choose another output folder)")
    return problems
