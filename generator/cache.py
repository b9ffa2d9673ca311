"""The build cache: what a rebuild may reuse from the builds before it.

Everything in it is addressed by a digest of its inputs, so an entry is either right
or never looked up; nothing is invalidated by hand:

- ``pages/<key>``: a rendered HTML page, copied into the output when a page's
  :attr:`~generator.output.OutputPage.key` and the render fingerprint are unchanged
  (the page is then not given to MkDocs at all); ``pages.pickle`` holds the digest of
  each page's bytes, recorded when it was rendered;
- ``blobs/<digest>``: files the writers wrote (open data, search), named by the digest
  of their bytes;
- ``memo-<name>.pickle``: per-file and per-page results: loaded content files, QR codes,
  the content review's findings, the link scanner's and the leak check's results;
- ``spare/``: the site the last build replaced, with ``spare.pickle``, the key of each of
  its files. The next build starts from it instead of an empty folder: it keeps the files
  whose keys it would write again and deletes every other one before writing anything
  (see :meth:`BuildCache.take_spare`), so a rebuild touches only what changed. ``live.pickle``
  holds the keys of the site now in place, which becomes the spare at the next swap.

Nothing is reused unchecked: every page, blob and file of the spare is read and its digest
compared with the one recorded when it was made; one that differs (truncated, edited by
hand) is made again and named in a warning (:mod:`generator.verified`). The cache and the
published site never share an inode: what the cache holds is a copy, so editing the site
cannot change the cache, nor the reverse.

``code`` holds the fingerprint of the generator, its templates and data, the theme and
the versions of the libraries that render; when it differs, the whole cache is dropped
(a pickled model of older code is not trusted). The folder is locked while a build uses
it (``lock``, a :class:`filelock.FileLock`); a second build that shares the cache waits for
it. Delete the folder at any time: the next build is a full one and writes the same bytes.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from .files import list_files
from .publish import waiting_lock
from .shell import theme_dir
from .verified import content_digest, copy_checked, holds, holds_bytes, read_bytes, start_counting

GENERATOR = Path(__file__).resolve().parent
ROOT = GENERATOR.parent
RENDERING_LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pydantic",
                       "pyyaml", "pillow", "zxing-cpp", "nh3")


def code_fingerprint(extra_dirs: Optional[tuple[Path, ...]] = None) -> str:
    """A hash of every file of the generator package and the theme, and the library versions."""
    if extra_dirs is None:
        extra_dirs = () if theme_dir().is_relative_to(GENERATOR) else (theme_dir(),)  # packaged: in GENERATOR
    h = hashlib.blake2b(digest_size=16)
    h.update(sys.version.encode())
    for name in RENDERING_LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            h.update(f"{name}={metadata.version(name)};".encode())
    for folder in (GENERATOR, *extra_dirs):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(folder.parent).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class Memo:
    """A dictionary kept between builds; only the keys used by this build are kept.

    Values are stored pickled, at :meth:`put`, and each :meth:`get` returns a fresh copy:
    what a build does to an object later (a model is not meant to change, but nothing
    stops it) never reaches the next build. A ``shared`` memo skips that copy for values
    its users only read (link scans, leak findings, texts): unpickling 10,000 small values
    one by one cost seconds.
    """

    def __init__(self, path: Optional[Path], load: bool = True, shared: bool = False):
        self.path, self.shared = path, shared
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.base: frozenset[str] = frozenset()   # the keys of the file at ``path``
        if load and path is not None and path.exists():
            try:
                self.old = _load(path)
                self.base = frozenset(self.old)
                if self.delta.exists():
                    added, removed = _load(self.delta)
                    self.old.update(added)
                    for key in removed:
                        self.old.pop(key, None)
            except Exception:  # an unreadable memo is an empty one
                self.old, self.base = {}, frozenset()

    @property
    def delta(self) -> Path:
        return self.path.with_name(self.path.stem + ".delta.pickle")

    def get(self, key: str) -> Any:
        data = self.new.get(key)
        if data is None:
            data = self.old.get(key)
            if data is None:
                return None
            self.new[key] = data
        return data if self.shared else pickle.loads(data)

    def recall(self, key: str, make: Callable[[], Any]) -> Any:
        """The value stored under ``key``, else ``make()``, stored."""
        found = self.get(key)
        return found if found is not None else self.put(key, make())

    def put(self, key: str, value: Any) -> Any:
        if self.path is not None:
            self.new[key] = value if self.shared else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return value

    def save(self) -> None:
        """Keep this build's entries. A build that changed a few of them writes only the
        change (a delta file beside the memo): an edit at 10,000 documents otherwise rewrote
        260 MB of memos. Past a tenth of the entries the memo is written whole again.

        Entries are named by digests of what they were made from, so a delta applied to
        the wrong base (a crash between two writes) costs misses, never a wrong value."""
        if self.path is None or self.new.keys() == self.old.keys():
            return
        added = {key: value for key, value in self.new.items() if key not in self.base}
        removed = [key for key in self.base if key not in self.new]
        if not self.path.exists() or len(added) + len(removed) > max(50, len(self.new) // 10):
            _dump(self.new, self.path)
            self.delta.unlink(missing_ok=True)
        else:
            _dump((added, removed), self.delta)


def _kept(store: Path, key: str, path: str, used: set[str], new: dict[str, str]) -> None:
    """A file of the spare stays where it is: used from ``store`` when the store holds it,
    else stored from ``path`` at :meth:`BuildCache.save`."""
    if (store / key).is_file():
        used.add(key)
    else:
        new.setdefault(key, path)


def _load(path: Path) -> Any:
    with open(path, "rb") as stream:
        return pickle.load(stream)


def _dump(value: Any, path: Path) -> None:
    """Pickle ``value`` into ``path`` through a temporary file (never half written)."""
    temp = path.with_name(path.name + f".tmp-{os.getpid()}")
    with open(temp, "wb") as stream:
        pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temp, path)


def memo(cache: Optional["BuildCache"], name: str, shared: bool = False) -> Memo:
    """The memo ``name`` of the build's ``cache``, or an empty one that is not kept (no cache).

    The cache is passed by whoever runs the build (``generator/builder.py``), never read
    from a module global."""
    return cache.memo(name, shared) if cache is not None else Memo(None)


class BuildCache:
    """One build's view of the cache folder (see the module docstring).

    Reading never writes: a missing folder, or one written by other code, is an empty
    cache. Only :meth:`save`, after a successful build, writes; a failed build leaves the
    folder as it was, but for the spare site, which it had begun to turn into the new one
    and deletes with its build folder (the next build starts from an empty folder).
    """

    def __init__(self, root: Path, code: Optional[str] = None):
        self.root = Path(root)
        self.code = code or code_fingerprint()
        start_counting()
        self.memos: dict[str, Memo] = {}
        self.pages = self.root / "pages"
        stamp = self.root / "code"
        self.valid = stamp.is_file() and stamp.read_text() == self.code
        self.used_pages: set[str] = set()
        self.new_pages: dict[str, str] = {}    # key -> where this build rendered that page
        self.page_digests: dict[str, str] = self._recorded_digests()   # page key -> digest of its bytes
        self.checked_pages: dict[str, bool] = {}   # page key -> whether pages/<key> holds its digest
        self.distrusted: set[str] = set()      # store entries (pages/<key>, blobs/<key>) found wrong
        self.blobs = self.root / "blobs"
        self.used_blobs: set[str] = set()
        self.new_blobs: dict[str, str] = {}    # key -> where this build wrote those bytes
        self.blob_at: dict[str, str] = {}      # every file written through the blob store -> its key
        self.present: dict[str, str] = {}      # spare file (path) -> blob key, until written again
        self.spare_pages: dict[str, str] = {}  # spare page (site-relative) -> page key
        self.removed: set[str] = set()         # folders that lost a file of the spare
        self.spare_root = ""                   # the build folder made from the spare

    def _recorded_digests(self) -> dict[str, str]:
        """The digests of the pages the store and the spare hold (none: nothing is trusted)."""
        path = self.root / "pages.pickle"
        try:
            return _load(path) if self.valid and path.is_file() else {}
        except Exception:
            return {}

    # -- lifetime ---------------------------------------------------------------------------
    @classmethod
    @contextlib.contextmanager
    def open(cls, root: Path) -> Iterator[Optional["BuildCache"]]:
        """The cache at ``root``, locked while it is used: a build that shares the cache
        folder (``--cache``) waits, and says so."""
        root = Path(root)
        with contextlib.ExitStack() as stack:
            if root.is_dir():
                stack.enter_context(waiting_lock(root / "lock", f"另一个生成正在使用生成缓存 {root}，等待其结束… "
                                                                f"(another build is using the build cache {root}; waiting)"))
            yield cls(root)

    def memo(self, name: str, shared: bool = False) -> Memo:
        if name not in self.memos:
            self.memos[name] = Memo(self.root / f"memo-{name}.pickle", load=self.valid, shared=shared)
        return self.memos[name]

    def export(self, *names: str) -> dict[str, Any]:
        """What a forked process added to its memos and blobs, for the parent to :meth:`absorb`."""
        return {"memos": {name: self.memos[name].new for name in names if name in self.memos},
                "blobs": (self.used_blobs, self.new_blobs, self.blob_at), "distrusted": self.distrusted}

    def absorb(self, exported: dict[str, Any]) -> None:
        used, new, where = exported["blobs"]
        self.distrusted |= exported["distrusted"]
        self.used_blobs |= used
        self.blob_at.update(where)
        for key, path in new.items():
            self.new_blobs.setdefault(key, path)
        for name, entries in exported["memos"].items():
            self.memo(name).new.update(entries)

    def save(self, output: Path, built: Path, keys: dict[str, str]) -> None:
        """After a successful build (made in ``built``, now moved to ``output``, ``keys``
        its files' keys): keep what this build used, drop the rest."""
        if not self.valid and self.root.exists():
            for path in self.root.iterdir():
                if path.is_dir() and path.name != "trash":
                    self.to_trash(path)
                elif path.name not in ("lock", "trash"):
                    path.unlink()
        self.pages.mkdir(parents=True, exist_ok=True)
        self.blobs.mkdir(exist_ok=True)
        for item in self.memos.values():
            item.save()
        for path in self.distrusted:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        digests = {key: self.page_digests[key] for key in self.used_pages if key in self.page_digests}
        for store, written, used, digest_of in (
                (self.pages, self.new_pages, self.used_pages, self.page_digests.get),
                (self.blobs, self.new_blobs, self.used_blobs, lambda key: key)):
            new = {key: output / os.path.relpath(path, built) for key, path in written.items()}
            for key, path in new.items():
                if digest_of(key) is None:  # (a page whose digest this build could not take)
                    continue
                if not (store / key).exists():   # a copy, never a link: the site may be edited
                    copy_checked(str(path), str(store / key), digest_of(key))
                if store is self.pages:
                    digests[key] = digest_of(key)
            keep = used | new.keys()
            for entry in os.scandir(store):
                if entry.name not in keep:
                    os.unlink(entry.path)
        _dump(digests, self.root / "pages.pickle")
        _dump(keys, self.root / "live.pickle")
        (self.root / "code").write_text(self.code)
        (self.root / "lock").touch()

    # -- rendered pages ---------------------------------------------------------------------
    def has_page(self, key: str) -> bool:
        """Whether the store holds page ``key`` with the bytes recorded when it was rendered."""
        if not self.valid:
            return False
        if key not in self.checked_pages:
            path = str(self.pages / key)
            good = holds(path, self.page_digests.get(key))
            if not good and os.path.exists(path):
                self.distrusted.add(path)
            self.checked_pages[key] = good
        return self.checked_pages[key]

    def copy_page(self, key: str, target: Path) -> bool:
        """Put a copy of the cached page ``key`` at ``target`` (checked again as it is copied);
        False when the store no longer holds its recorded bytes."""
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not copy_checked(str(self.pages / key), str(target), self.page_digests[key]):
            self.distrusted.add(str(self.pages / key))
            return False
        self.used_pages.add(key)
        return True

    def link_blob(self, data: bytes, target: str) -> bool:
        """True when the spare already holds ``data`` at ``target`` (checked byte for byte);
        else the caller writes it, and the blob store keeps these bytes at :meth:`save`."""
        return self._place(content_digest(data), target, data)

    def place_known(self, folder: Path, files: dict[str, str]) -> bool:
        """Put back files an earlier build wrote (``{path under folder: blob key}``) without
        their bytes; False, having written nothing, when the cache no longer holds them all."""
        base = str(folder)
        targets = {os.path.join(base, rel): key for rel, key in files.items()}
        if not self.valid:
            return False
        in_place = {t for t, key in targets.items()
                    if self.present.get(t) == key and holds(t, key, self._shown(t))}
        missing = [key for t, key in targets.items() if t not in in_place and not self._blob_holds(key)]
        if missing:  # (every file checked: the store keeps none of the wrong ones)
            return False
        for folder_name in sorted({os.path.dirname(t) for t in targets}):
            os.makedirs(folder_name, exist_ok=True)
        for target, key in targets.items():
            if target in in_place:
                self._place(key, target, None)
                continue
            self.blob_at[target] = key
            if self.present.pop(target, None) is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(target)
            if not copy_checked(str(self.blobs / key), target, key):  # checked above: changed since
                raise OSError(f"build cache: {self.blobs / key} changed during the build")
            self.used_blobs.add(key)
        return True

    def _blob_holds(self, key: str) -> bool:
        path = str(self.blobs / key)
        if path in self.distrusted:
            return False
        if holds(path, key):
            return True
        if os.path.exists(path):
            self.distrusted.add(path)
        return False

    def _place(self, key: str, target: str, data: Optional[bytes]) -> bool:
        """Keep the spare's file at ``target`` when it holds the bytes of ``key`` (``data``, or
        checked before); else delete it and return False (the caller writes the bytes)."""
        self.blob_at[target] = key
        spare = self.present.pop(target, None)
        if spare is not None and os.path.lexists(target):  # (unless a writer deleted it)
            if spare == key and (data is None or holds_bytes(target, data, self._shown(target))):
                _kept(self.blobs, key, target, self.used_blobs, self.new_blobs)
                return True
            os.unlink(target)
        if (self.valid and key not in self.new_blobs and str(self.blobs / key) not in self.distrusted
                and (self.blobs / key).is_file()):
            self.used_blobs.add(key)
        else:
            self.new_blobs.setdefault(key, target)
        return False

    def _shown(self, path: str) -> str:
        """A spare file as a warning names it: its place in the site."""
        rel = os.path.relpath(path, self.spare_root) if self.spare_root else path
        return f"{rel} (上次生成的网站 the site the last build replaced)"

    # -- the previous site --------------------------------------------------------------------
    def blobs_under(self, folder: Path) -> dict[str, str]:
        """Path under ``folder`` -> blob key of every file this build put there through the
        blob store."""
        base = str(folder)
        return {os.path.relpath(path, base): key for path, key in self.blob_at.items()
                if path.startswith(base + os.sep)}

    def file_keys(self, folder: Path) -> dict[str, str]:
        """Site-relative path -> content key of every file of ``folder`` written through the
        blob store (the output checks remember their findings by it, as for pages)."""
        return {rel: "blob:" + key for rel, key in self.blobs_under(folder).items()}

    def discard(self, old_site: Path) -> None:
        """Keep a replaced site as the next build's spare (its keys are those of the build
        that made it, ``live.pickle``); without them it goes to the trash."""
        live, spare = self.root / "live.pickle", self.root / "spare"
        if spare.exists():
            self.to_trash(spare)
        if self.valid and live.is_file():
            try:
                old_site.rename(spare)
                os.replace(live, self.root / "spare.pickle")
                return
            except OSError:  # another file system: the spare is only a speed-up
                pass
        self.to_trash(old_site)

    def to_trash(self, folder: Path) -> None:
        """Deleting 33,000 files takes 10 s here, so the next build deletes them on the
        second core while it plans (:meth:`empty_trash`)."""
        trash = self.root / "trash"
        trash.mkdir(parents=True, exist_ok=True)
        try:
            folder.rename(trash / f"{folder.name}-{os.getpid()}-{len(os.listdir(trash))}")
        except OSError:
            shutil.rmtree(folder)

    # -- the spare output folder ----------------------------------------------------------------
    def take_spare(self, folder: Path) -> bool:
        """Make the spare site the new build's ``folder`` and delete from it, before any
        writer runs, every file whose key is unknown; True when there was a spare.

        What stays: pages, kept or deleted by :meth:`keep_spare_pages` once the page keys are
        known, and files of the blob store, which :meth:`link_blob` keeps when this build
        writes the same bytes (checked) and replaces (unlink, then write) otherwise. The spare
        is the replaced site itself, moved: it shares no file with the cache."""
        spare, manifest = self.root / "spare", self.root / "spare.pickle"
        if not (self.valid and spare.is_dir() and manifest.is_file()):
            if spare.exists():
                self.to_trash(spare)
            return False
        try:
            keys = _load(manifest)
            spare.rename(folder)
        except Exception:
            self.to_trash(spare)
            return False
        base = self.spare_root = str(folder)
        for rel in list_files(folder):
            key = keys.get(rel)
            if key is None:
                self._remove(base, rel)
            elif key.startswith("blob:"):
                self.present[os.path.join(base, rel)] = key[len("blob:"):]
            else:
                self.spare_pages[rel] = key
        return True

    def keep_spare_pages(self, folder: Path, wanted: dict[str, str]) -> set[str]:
        """The spare's pages (site-relative) whose key is the one this build wants; the
        others are deleted. A kept page counts as used (or, when the page store no longer
        has it, as rendered by this build)."""
        base, kept = str(folder), set()
        for rel, key in self.spare_pages.items():
            path = os.path.join(base, rel)
            if wanted.get(rel) != key or not holds(path, self.page_digests.get(key), self._shown(path)):
                self._remove(base, rel)
                continue
            kept.add(rel)
            _kept(self.pages, key, path, self.used_pages, self.new_pages)
        self.spare_pages = {}
        return kept

    def drop_leftovers(self) -> None:
        """After every writer ran: delete the spare's files this build did not write again,
        then the folders left empty (a deleted document's)."""
        for path in self.present:
            if path not in self.blob_at:
                self._remove(os.path.dirname(path), os.path.basename(path))
        self.present = {}
        for folder in sorted(self.removed, key=len, reverse=True):
            while len(folder) > len(self.spare_root) and not os.listdir(folder):
                os.rmdir(folder)
                folder = os.path.dirname(folder)
        self.removed = set()

    def _remove(self, base: str, rel: str) -> None:
        path = os.path.join(base, rel)
        with contextlib.suppress(FileNotFoundError):  # a writer replaced its whole folder
            os.unlink(path)
        self.removed.add(os.path.dirname(path))

    def empty_trash(self) -> None:
        trash = self.root / "trash"
        if trash.is_dir():
            shutil.rmtree(trash, ignore_errors=True)

    def store_page(self, key: str, rendered: str) -> None:
        """Remember that the page ``key`` was rendered at ``rendered`` (in the build folder) and
        the digest of its bytes now; kept at :meth:`save`."""
        if key in self.new_pages:
            return
        data = read_bytes(rendered)
        if data is not None:
            self.page_digests[key] = content_digest(data)
            self.new_pages[key] = rendered
