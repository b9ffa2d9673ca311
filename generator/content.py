"""Read every content file into models, collecting located problems.

Nothing here raises on bad content: each file contributes what it can and the
problems it found, so one run reports every mistake of every file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from pydantic import BaseModel, ValidationError

from .cache import BuildCache, memo
from .digest import Unkeyable, bytes_digest, forbid
from .errors import Problem, Severity
from .files import is_plain, plain_files, symlinks_under
from .model import CORE_TYPES, ContentType, Organization, SiteConfig
from .model.common import ID_PATTERN, problems_from_validation
from .sections import DEFAULT as DEFAULT_SECTIONS, Structure, load_structure
from .yamlio import Located, YamlProblem, dotted, load_yaml, split_front_matter

_ID_RE = re.compile(ID_PATTERN)


@dataclass
class Entry:
    """One loaded document: its model, where it came from, and its Markdown body."""

    id: str
    type: str
    model: Any
    path: str            # as shown in messages, e.g. content/policies/x.md
    rel: str             # relative to the content folder, e.g. policies/x.md
    where: Located
    body: str = ""
    body_line: int = 1
    digest: str = ""     # hash of the file's bytes: the entry's model and body follow from them

    def digest_token(self) -> tuple[str, str, str]:
        """What :func:`generator.digest.digest` hashes for an entry: its file and the file's hash."""
        if not self.digest:
            raise Unkeyable(f"entry {self.rel} has no digest")
        return ("Entry", self.rel, self.digest)

    def at(self, *key: Any, problem_key: Optional[str] = None, zh: str, en: str,
           is_key: bool = False, warning: bool = False) -> Problem:
        """A problem located at ``key`` of this entry's front matter."""
        line, col = self.where.where(tuple(key), key=is_key)
        return Problem(self.path, line, col, problem_key if problem_key is not None else dotted(key),
                       zh, en, Severity.WARNING if warning else Severity.ERROR)


@dataclass
class Content:
    """Everything under content/, as models."""

    root: Path
    display_root: str
    site: Optional[SiteConfig] = None
    site_entry: Optional[Entry] = None
    organizations: dict[str, Organization] = field(default_factory=dict)
    organization_entries: dict[str, Entry] = field(default_factory=dict)
    entries: dict[str, dict[str, Entry]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # raw bytes by rel path, for hashing
    # (type, id) of files present but not loaded because of their own errors ("*": the whole
    # file); references to them are not reported again as missing.
    unloaded: set[tuple[str, str]] = field(default_factory=set)
    structure: Optional[Structure] = None   # the column's sections (generator/sections.py)

    def is_unloaded(self, type_name: str, doc_id: str) -> bool:
        return (type_name, doc_id) in self.unloaded or (type_name, "*") in self.unloaded

    def of(self, type_name: str) -> dict[str, Entry]:
        return self.entries.setdefault(type_name, {})

    @property
    def policies(self) -> dict[str, Entry]:
        return self.of("policy")


forbid(Content)  # a digest of a page never covers "all content": it names what it uses


def _display(root: Path, display_root: str, path: Path) -> str:
    return f"{display_root.rstrip('/')}/{path.relative_to(root).as_posix()}"


def read_text(path: Path, display: str, raw: bytes) -> tuple[Optional[str], list[Problem]]:
    """Decode UTF-8 (a BOM is allowed); a bad byte is reported at its line and column."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line = before.count(b"\n") + 1
        # count characters, not bytes, like every other column (the line so far is valid UTF-8)
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8-sig")) + 1
        return None, [Problem(display, line, col, "",
                              "文件不是 UTF-8 编码；请在编辑器中以 UTF-8 编码另存此文件",
                              f"the file is not UTF-8 encoded (byte 0x{raw[exc.start]:02x}); "
                              f"save it as UTF-8 in your editor")]
    return text.replace("\r\n", "\n"), []


def _validate(model: type[BaseModel], located: Located, display: str,
              data: Any = None, prefix: tuple = ()) -> tuple[Optional[BaseModel], list[Problem]]:
    data = located.data if data is None else data
    if not isinstance(data, dict):
        line, col = located.where(prefix)
        return None, [Problem(display, line, col, "", "内容应为键值对（名称: 值）；请检查文件格式",
                              "expected a mapping of name: value pairs; check the file's layout")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, problems_from_validation(exc, model, located, display, prefix)


def _load_file(path: Path, content: Content, problems: list[Problem],
               raw: Optional[bytes] = None) -> Optional[tuple[Located, str, int]]:
    display = _display(content.root, content.display_root, path)
    if raw is None and not is_plain(content.root, path):
        return None  # reported by symlink_problems
    raw = path.read_bytes() if raw is None else raw
    rel = path.relative_to(content.root).as_posix()
    content.files[rel] = raw
    text, found = read_text(path, display, raw)
    problems.extend(found)
    if text is None:
        return None
    try:
        if path.suffix == ".md":
            parsed = split_front_matter(text, display)
            return parsed.meta, parsed.body, parsed.body_line
        return load_yaml(text, display), "", 1
    except YamlProblem as exc:
        problems.extend(exc.problems)
        return None


def _load_site(content: Content, problems: list[Problem]) -> None:
    path = content.root / "site.yml"
    display = _display(content.root, content.display_root, path) if path.exists() else \
        f"{content.display_root.rstrip('/')}/site.yml"
    if not path.exists():
        problems.append(Problem(display, 1, 1, "", "缺少 site.yml；请创建它并填写 name、organization、base_url",
                                "site.yml is missing; create it with name, organization and base_url"))
        return
    loaded = _load_file(path, content, problems)
    if loaded:
        site, found = _validate(SiteConfig, loaded[0], display)
        problems.extend(found)
        content.site = site  # type: ignore[assignment]
        content.site_entry = Entry("site", "site", site, display, "site.yml", loaded[0],
                                   digest=bytes_digest(content.files["site.yml"]))


def _load_organizations(content: Content, problems: list[Problem]) -> None:
    path = content.root / "organizations.yml"
    display = f"{content.display_root.rstrip('/')}/organizations.yml"
    if not path.exists():
        problems.append(Problem(display, 1, 1, "", "缺少 organizations.yml；请创建机构列表",
                                "organizations.yml is missing; create the list of organizations"))
        return
    loaded = _load_file(path, content, problems)
    if not loaded:
        content.unloaded.add(("organization", "*"))
        return
    located = loaded[0]
    items = located.data or []
    if not isinstance(items, list):
        problems.append(Problem(display, 1, 1, "", "organizations.yml 应为列表，每个机构以 - 开头",
                                "organizations.yml must be a list, one organization per - item"))
        return
    for i, item in enumerate(items):
        org, found = _validate(Organization, located, display, data=item, prefix=(i,))
        problems.extend(found)
        if org is None:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                content.unloaded.add(("organization", item["id"]))
            continue
        entry = Entry(org.id, "organization", org, display, "organizations.yml", located,
                      digest=bytes_digest(content.files["organizations.yml"]))
        if org.id in content.organizations:
            line, col = located.where((i, "id"))
            problems.append(Problem(display, line, col, f"[{i}].id",
                                    f"机构编号 {org.id} 重复；请为每个机构使用不同的编号",
                                    f"organization id {org.id} is used twice; give each organization its own id"))
            continue
        entry.where = _Shifted(located, (i,))
        content.organizations[org.id] = org
        content.organization_entries[org.id] = entry


class _Shifted(Located):
    """A view of a located list item, so keys are addressed from the item."""

    def __init__(self, base: Located, prefix: tuple):
        super().__init__(base.data, base.values, base.keys)
        self._prefix = prefix

    def where(self, path, *, key: bool = False):  # type: ignore[override]
        return super().where(self._prefix + tuple(path), key=key)


def case_collisions(paths: list[Path], content: Content) -> list[Problem]:
    """Files whose ids differ only in letter case (A.md, a.md), located at every one of them.

    Their pages (``policies/A/``, ``policies/a/``) are one folder on a case-insensitive
    file system (Windows, macOS by default): one would silently overwrite the other."""
    groups: dict[str, list[Path]] = {}
    for path in paths:
        groups.setdefault(path.stem.lower(), []).append(path)
    problems = []
    for group in groups.values():
        if len({path.stem for path in group}) < 2:
            continue  # the same id twice is reported as a duplicate when loading
        for path in group:
            others = [p for p in group if p.stem != path.stem]
            names = "、".join(_display(content.root, content.display_root, p) for p in others)
            problems.append(Problem(_display(content.root, content.display_root, path), 1, 1, "",
                                    f"编号 {path.stem} 与 {names} 只有字母大小写不同，在不区分大小写的文件系统"
                                    f"（Windows、macOS）上会成为同一个网页；请重命名其中一个文件",
                                    f"id {path.stem} differs from {names.replace('、', ', ')} only in letter case: "
                                    f"they become one page on case-insensitive file systems (Windows, macOS); "
                                    f"rename one of the files"))
    return problems


def _load_type(content: Content, ctype: ContentType, problems: list[Problem],
               cache: Optional[BuildCache] = None) -> None:
    loads = memo(cache, "load")
    folder = content.root / ctype.folder
    entries = content.of(ctype.name)
    if not folder.is_dir():
        return
    paths = [p for p in plain_files(content.root, folder) if p.suffix == ctype.suffix]
    problems.extend(case_collisions([p for p in paths if _ID_RE.fullmatch(p.stem)], content))
    for path in paths:
        display = _display(content.root, content.display_root, path)
        doc_id = path.stem
        if not _ID_RE.fullmatch(doc_id):
            problems.append(Problem(display, 1, 1, "",
                                    f"文件名 {path.name} 不可用作编号；请只用英文字母、数字和 -，例如 2022-budget{ctype.suffix}",
                                    f"file name {path.name} cannot be an id; use ASCII letters, digits and - "
                                    f"only, e.g. 2022-budget{ctype.suffix}"))
            continue
        raw = path.read_bytes()
        digest = bytes_digest(raw)
        key = f"{ctype.name}\0{display}\0{digest}"
        parsed = loads.get(key)
        if parsed is None:  # YAML and pydantic: most of loading's cost, the same for the same bytes
            found: list[Problem] = []
            loaded = _load_file(path, content, found, raw)
            model = None
            if loaded:
                model, invalid = _validate(ctype.model, loaded[0], display)
                found += invalid
            parsed = loads.put(key, (loaded, model, found))
        content.files[path.relative_to(content.root).as_posix()] = raw
        loaded, model, found = parsed
        problems.extend(found)
        if model is None:
            content.unloaded.add((ctype.name, doc_id))
            continue
        located, body, body_line = loaded
        if doc_id in entries:
            problems.append(Problem(display, 1, 1, "",
                                    f"编号 {doc_id} 与 {entries[doc_id].path} 重复；请重命名其中一个文件",
                                    f"id {doc_id} is also used by {entries[doc_id].path}; rename one of the files"))
            continue
        entries[doc_id] = Entry(doc_id, ctype.name, model, display, path.relative_to(content.root).as_posix(),
                                located, body, body_line, digest)


def symlink_problems(root: Path, display_root: str) -> list[Problem]:
    """One error per symbolic link under the content folder: no reader follows one (see
    :func:`generator.files.is_plain`), and the editor learns why the file is missing."""
    problems = []
    for link in symlinks_under(root):
        what_zh, what_en = ("文件夹", "folder") if link.is_dir() else ("文件", "file")
        problems.append(Problem(_display(root, display_root, link), 1, 1, "",
                                f"符号链接不允许：生成网站时不跟随符号链接（它可能指向 content/ 以外的文件）；"
                                f"请删除该链接，把{what_zh}本身放到这里",
                                f"symlinks are not allowed: a build never follows a symlink (it may point "
                                f"outside content/); remove the link and put the {what_en} itself here"))
    return problems


def load_content(root: Path, display_root: Optional[str] = None,
                 types: Iterable[ContentType] = CORE_TYPES,
                 cache: Optional[BuildCache] = None,
                 section_types: Iterable[Callable[[Structure], tuple[ContentType, ...]]] = ()
                 ) -> tuple[Content, list[Problem]]:
    """Load site.yml, organizations.yml, the sections and every file of ``types`` (the
    pipeline passes the core's and every feature's: ``generator.pipeline.CONTENT_TYPES``)
    and of the types that follow the section tree (``section_types``: records sections)."""
    root = Path(root)
    content = Content(root, display_root if display_root is not None else str(root))
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(Problem(content.display_root, 1, 1, "", "内容目录不存在；请用 --content 指定正确的目录",
                                "the content folder does not exist; pass the right folder with --content"))
        return content, problems
    problems += symlink_problems(root, content.display_root)
    _load_site(content, problems)
    _load_organizations(content, problems)
    content.structure, found = load_structure(root, content.display_root)
    problems.extend(found)
    if (root / "sections.yml").is_file() and is_plain(root, root / "sections.yml"):
        content.files["sections.yml"] = (root / "sections.yml").read_bytes()
    types = list(types)
    for make in section_types:
        for ctype in make(content.structure):
            found = _folder_taken(content, ctype, types)
            problems.extend(found)
            if not found:
                types.append(ctype)
    for ctype in types:
        _load_type(content, ctype, problems, cache)
    return content, problems


#: Folders under content/ that hold no content type's documents but are read as they are.
OTHER_FOLDERS = ("assets", "versions")


def _folder_taken(content: Content, ctype: ContentType, types: list[ContentType]) -> list[Problem]:
    """A section's folder (``content/<section>/``) that another content type reads already:
    located where the section is declared (content/sections.yml), with the fix."""
    taken = {t.folder for t in types} | set(OTHER_FOLDERS)
    if ctype.folder not in taken:
        return []
    assert content.structure is not None
    display, line, col = content.structure.added.get(ctype.folder, (str(DEFAULT_SECTIONS), 1, 1))
    return [Problem(display, line, col, f"sections.{ctype.folder}",
                    f"栏目 {ctype.folder} 的文件夹 content/{ctype.folder}/ 已用于其他内容；请为该栏目改用其他编号",
                    f"the folder content/{ctype.folder}/ of section {ctype.folder} already holds other content; "
                    f"give the section another id")]
