"""A rebuild that changes nothing, answered without loading, planning or rendering.

After each successful build with a cache, the build records its inputs and its outputs in
``inputs.pickle`` in the cache folder: the as-of date, the content, configuration and
output paths, the digest of the MkDocs configuration and the code fingerprint of the
cache (generator, theme, library versions); the ``lstat`` of every entry under the content
folder (taken before anything was loaded, with the digest of each file's bytes); the
``lstat`` of every entry of the published site and of the cache folder (taken after both
were written), and the build's report (its warnings are printed again).

The next build compares first (:func:`unchanged`). When every input is the same and every
file of the site and of the cache still has the size, inode and change time recorded
when the last build wrote it, the site is the one this build would write and the cache
holds what the last build left: nothing is done (at 10,000 documents a rebuild that
re-planned 10,946 pages and re-linked 33,000 files took 8-11 s). The test is the one ``git
status`` makes, and safe for the same reasons: a write, truncation, rename or deletion
changes ``st_ctime`` (which no program can set back); a file whose stat differs but whose
bytes are the recorded ones (a content file touched, or checked out again) counts as the
same; a file changed within the clock tick of its recorded stat ("racy": its change time
is less than :data:`RACY_NS` before the snapshot) is read and compared with the digest
recorded for it. Anything else that differs, a file added, removed or edited in the
content, the site, the spare site or the page store, sends the build down its ordinary
path, where every reused file is checked against its digest (:mod:`generator.verified`).
"""
from __future__ import annotations

import datetime as dt
import os
import pickle
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .errors import Report
from .verified import content_digest, read_bytes

MANIFEST = "inputs.pickle"
#: Entries changed less than this before a snapshot are read again (the file system's clock
#: ticks every few milliseconds: an edit in the same tick can keep the recorded stat).
RACY_NS = 100_000_000
#: Entries of the cache folder outside the comparison: the lock (opened, truncated, by each
#: build), the trash (emptied on the other core) and the manifest itself.
UNCOMPARED = frozenset({"lock", "trash", MANIFEST})
#: Raised in the manifest when its layout changes: an older one is never read.
VERSION = 1

Stat = tuple[int, int, int, int, int]            # mode, size, mtime_ns, ctime_ns, inode
Entry = tuple[Stat, Optional[str]]               # its stat, and the digest of its bytes when kept


@dataclass(frozen=True)
class Tree:
    """Every entry under a folder (site-relative path -> :data:`Entry`), as of ``taken``."""

    entries: dict[str, Entry]
    taken: int                                   # time.time_ns() before the first lstat

    def racy(self, info: Stat) -> bool:
        return info[3] >= self.taken - RACY_NS


@dataclass
class Unchanged:
    """The outcome of the build that made the site in place, which this build would repeat."""

    report: Report
    pages: int                                   # pages of the site
    docs: int                                    # documents published


@dataclass
class Inputs:
    """What a build is made of, taken before it loads anything (see the module docstring)."""

    key: tuple
    content: Optional[Tree]                      # None: the content cannot be compared (a symlink)
    outcome: Optional[Unchanged] = None
    site: Optional[Tree] = None
    cache: Optional[Tree] = None
    extra: dict = field(default_factory=dict)


def take_inputs(content_dir: Path, output: Path, as_of: dt.date, config_file: Path, display: Optional[str],
                code: str, cache_root: Path) -> Inputs:
    """The inputs of this build; files whose stat the last manifest already holds keep the
    digest it recorded for them (the bytes of the others are read and hashed)."""
    config = read_bytes(str(config_file))
    key = (VERSION, as_of.isoformat(), os.path.abspath(content_dir), display, os.path.abspath(config_file),
           content_digest(config) if config is not None else None, os.path.abspath(output), code)
    last = _read(cache_root)
    known = last.content.entries if last is not None and last.content is not None else {}
    taken = time.time_ns()
    try:
        entries = _lstat_tree(str(content_dir))
    except OSError:
        return Inputs(key, None)
    if any(stat.S_ISLNK(info[0]) for info in entries.values()):
        return Inputs(key, None)   # the build refuses links; never remembered
    tree = Tree({}, taken)
    for rel, info in entries.items():
        tree.entries[rel] = (info, _digest_of(os.path.join(content_dir, rel), info, known.get(rel), tree, last))
    return Inputs(key, tree)


def unchanged(inputs: Inputs, output: Path, cache_root: Path) -> Optional[Unchanged]:
    """The last build's outcome when it had these inputs and its site and cache are as it left
    them; None otherwise (then the build runs, and checks what it reuses)."""
    last = _read(cache_root)
    if last is None or inputs.content is None or last.key != inputs.key or last.content is None:
        return None
    if not _same_content(inputs.content, last.content):
        return None
    try:
        site = _lstat_tree(str(output))
        held = _lstat_tree(str(cache_root), UNCOMPARED)
    except OSError:
        return None
    if not (_same_tree(site, last.site, str(output)) and _same_tree(held, last.cache, str(cache_root))):
        return None
    return last.outcome


def record(inputs: Inputs, outcome: Unchanged, output: Path, cache_root: Path) -> None:
    """After a successful build (the site swapped in, the cache saved): keep its inputs and
    outputs for the next build's :func:`unchanged`. Content that could not be compared
    leaves no manifest."""
    path = Path(cache_root) / MANIFEST
    path.unlink(missing_ok=True)
    if inputs.content is None:
        return
    inputs.outcome = outcome
    inputs.site = _tree_now(str(output))
    inputs.cache = _tree_now(str(cache_root), UNCOMPARED)
    temp = path.with_name(f"{MANIFEST}.tmp-{os.getpid()}")
    with open(temp, "wb") as stream:
        pickle.dump(inputs, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temp, path)


# -- comparing ------------------------------------------------------------------------------
def _same_content(now: Tree, last: Tree) -> bool:
    """Same paths, and each entry of the same stat or the same bytes."""
    if now.entries.keys() != last.entries.keys():
        return False
    for rel, (info, digest) in now.entries.items():
        old_info, old_digest = last.entries[rel]
        if info == old_info and not last.racy(old_info):
            continue
        if stat.S_ISDIR(info[0]) and stat.S_ISDIR(old_info[0]):
            continue   # its entries are compared one by one
        if digest is None or digest != old_digest:
            return False
    return True


def _same_tree(now: dict[str, Stat], last: Optional[Tree], base: str) -> bool:
    """The entries of a folder as the last build left them: same paths and stats (a racy
    file also the same bytes)."""
    if last is None or now.keys() != last.entries.keys():
        return False
    for rel, info in now.items():
        old_info, old_digest = last.entries[rel]
        if info != old_info:
            return False
        if last.racy(info) and stat.S_ISREG(info[0]):
            data = read_bytes(os.path.join(base, rel))
            if data is None or old_digest is None or content_digest(data) != old_digest:
                return False
    return True


def _tree_now(root: str, skip: frozenset[str] = frozenset()) -> Tree:
    taken = time.time_ns()
    tree = Tree({}, taken)
    for rel, info in _lstat_tree(root, skip).items():
        digest = None
        if tree.racy(info) and stat.S_ISREG(info[0]):
            data = read_bytes(os.path.join(root, rel))
            digest = content_digest(data) if data is not None else None
        tree.entries[rel] = (info, digest)
    return tree


def _digest_of(path: str, info: Stat, known: Optional[Entry], tree: Tree, last: Optional[Inputs]) -> Optional[str]:
    """The digest of a content file: the recorded one when its stat is unchanged and was not
    racy then, else its bytes hashed now (None for a folder)."""
    if not stat.S_ISREG(info[0]):
        return None
    if known is not None and known[0] == info and last is not None and not last.content.racy(info):
        return known[1]
    data = read_bytes(path)
    return content_digest(data) if data is not None else None


def _lstat_tree(root: str, skip: frozenset[str] = frozenset()) -> dict[str, Stat]:
    """lstat of every entry under ``root`` (folders, files, links; a link is never followed),
    by relative POSIX path; ``skip`` names top-level entries left out."""
    found: dict[str, Stat] = {}
    pending = [""]
    while pending:
        rel = pending.pop()
        with os.scandir(os.path.join(root, rel) if rel else root) as listing:
            for entry in listing:
                sub = f"{rel}/{entry.name}" if rel else entry.name
                if not rel and entry.name in skip:
                    continue
                info = entry.stat(follow_symlinks=False)
                found[sub] = (info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
                if stat.S_ISDIR(info.st_mode):
                    pending.append(sub)
    return found


def _read(cache_root: Path) -> Optional[Inputs]:
    try:
        with open(Path(cache_root) / MANIFEST, "rb") as stream:
            found = pickle.load(stream)
    except Exception:   # none, or unreadable: compared as different
        return None
    return found if isinstance(found, Inputs) else None
