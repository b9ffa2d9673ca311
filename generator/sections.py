"""The column's structure, declared once: one tree of sections (title, URL, the feature
that fills it) and where each stands in the navigation, on the home page and on the site
map page.

The default is ``generator/data/sections.yml``; a site may rename, reorder or hide
sections in ``content/sections.yml`` (docs/CONTENT.md, Sections), read with the content
and checked with located errors. A section shows only when some feature made its page
(``planned``), so a site without Q&A or reports has no empty entry. The navigation
(``generator/mkdocs_plugin.py``), the home page (``generator/features/home``), the site
map page (``generator/features/sitemap``), the list pages (``generator/features/lists``)
and the freshness review read it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, Union

from pydantic import ValidationError

from .errors import Problem
from .files import is_plain
from .model.common import problems_from_validation
from .model.sections import Section, SectionOverride, SectionTree
from .urls import free_page_url
from .validity import CURRENT, Status
from .yamlio import Located, YamlProblem, dotted, load_yaml

if TYPE_CHECKING:
    from .site import Doc

DEFAULT = Path(__file__).parent / "data" / "sections.yml"
VIEWS = ("navigation", "home", "sitemap")


@dataclass(frozen=True)
class Placed:
    """A section in a view: its id and URL, the label it has there, a count unit (home page)."""

    section: str
    url: str
    title: str
    count: str = ""


@dataclass(frozen=True)
class Group:
    """A heading with sections under it (a navigation menu, a site map group)."""

    heading: str
    items: tuple[Placed, ...]


Item = Union[Placed, Group]


@dataclass(frozen=True)
class Structure:
    """The sections of this site and its three views, defaults and content/sections.yml merged."""

    sections: dict[str, Section]
    navigation: tuple[Item, ...]
    home: tuple[Item, ...]
    sitemap: tuple[Item, ...]
    hidden: frozenset[str] = frozenset()   # sections content/sections.yml hides: shown nowhere
    #: records sections content/sections.yml adds, and where (file, line, column) it declares each
    added: dict[str, tuple[str, int, int]] = field(default_factory=dict)

    def shown(self, key: str) -> Optional[Section]:
        """The section ``key`` unless this site lacks or hides it (the home page's fixed entries)."""
        return None if key in self.hidden else self.sections.get(key)

    def of_feature(self, feature: str) -> dict[str, Section]:
        """The sections ``feature`` fills, hidden ones included (their pages still exist)."""
        return {k: s for k, s in self.sections.items() if s.feature == feature}

    def title(self, url: str, default: str = "") -> str:
        """The title of the section at ``url`` (a list page's title)."""
        return next((s.title for s in self.sections.values() if s.url == url), default)


# -- reading and checking ------------------------------------------------------------------

def load_structure(content_root: Path, display_root: str) -> tuple[Structure, list[Problem]]:
    """The default tree with ``content/sections.yml`` applied; every problem of both, located."""
    tree, problems = _read(DEFAULT, str(DEFAULT), SectionTree)
    assert tree is not None, problems  # the default is part of the code: tests/test_sections.py
    sections = dict(tree.sections)
    views = {name: (getattr(tree, name), tree.located, str(DEFAULT)) for name in VIEWS}
    hidden: set[str] = set()
    added: dict[str, tuple[str, int, int]] = {}
    path = Path(content_root) / "sections.yml"
    if path.is_file() and is_plain(Path(content_root), path):   # never through a symlink
        display = f"{display_root.rstrip('/')}/sections.yml"
        override, found = _read(path, display, SectionOverride)
        problems += found
        if override is not None:
            for key, change in override.sections.items():
                if key not in sections:
                    if change.feature is None:
                        problems.append(_unknown(override.located, display, ("sections", key), key, sections,
                                                 is_key=True))
                        continue
                    section, found = _added(key, change, override.located, display, tree.sections)
                    problems += found
                    if section is not None:
                        sections[key] = section
                        added[key] = (display, *override.located.where(("sections", key), key=True))
                    continue
                if change.feature is not None and change.feature != sections[key].feature:
                    line, col = override.located.where(("sections", key, "feature"))
                    problems.append(Problem(display, line, col, f"sections.{key}.feature",
                                            f"不能改变已有栏目 {key} 的功能（{sections[key].feature}）；请删除 feature，"
                                            f"或用新的栏目编号新增栏目",
                                            f"the feature of the declared section {key} ({sections[key].feature}) "
                                            f"cannot change; remove feature, or add a section under a new id"))
                    continue
                update = {name: getattr(change, name) for name in ("title", "stale_days", "index_numbers")
                          if getattr(change, name) is not None}
                if update:
                    sections[key] = sections[key].model_copy(update=update)
                if change.hidden:
                    hidden.add(key)
            for name in VIEWS:
                if getattr(override, name) is not None:
                    views[name] = (getattr(override, name), override.located, display)
    renamed = {k for k, s in sections.items() if k not in tree.sections or s.title != tree.sections[k].title}
    built = {}
    for name, (raw, located, display) in views.items():
        items, found = _view(raw, located, display, (name,), sections, renamed, hidden,
                             groups=2 if name == "navigation" else 1)
        built[name] = _place_added(name, items, added, sections, hidden)
        problems += found
    return Structure(sections, built["navigation"], built["home"], built["sitemap"], frozenset(hidden),
                     added), problems


#: First segments of URLs the generator writes besides the sections' own: a section added in
#: content/sections.yml may not take one (its pages would overwrite them).
RESERVED = frozenset({"assets", "files", "data", "admin", "search", "policies", "interpretations", "pages", "lists",
                      "javascripts", "stylesheets", "sitemap", "feed", "page"})
#: Where a records section a site adds stands when its views do not name it.
ADDED_NAV_GROUP = "法定主动公开内容"
ADDED_SITEMAP_GROUP = "特色栏目"


def _added(key: str, change, located: Located, display: str,
           defaults: dict[str, Section]) -> tuple[Optional[Section], list[Problem]]:
    """A records section the site declares (特色栏目), or the problems that stop it."""
    problems = []
    at = ("sections", key)
    if change.feature != "records":
        line, col = located.where(at + ("feature",))
        problems.append(Problem(display, line, col, f"sections.{key}.feature",
                                f"本站只能新增信息条目栏目；请写 feature: records（现为 {change.feature}）",
                                f"a site can add records sections only; write feature: records "
                                f"(not {change.feature})"))
    if not change.title:
        line, col = located.where(at, key=True)
        problems.append(Problem(display, line, col, f"sections.{key}",
                                f"新增栏目 {key} 需要栏目名称；请添加 title，例如 title: 特色栏目",
                                f"the new section {key} needs a title; add title, e.g. title: 特色栏目"))
    taken = {s.url.split("/")[0] for s in defaults.values()} | RESERVED
    if not _FOLDER.fullmatch(key) or key in taken:
        line, col = located.where(at, key=True)
        why_zh = "已被网站的其他网址使用" if key in taken else "不可用作文件夹名和网址"
        why_en = "is taken by another address of the site" if key in taken else "cannot be a folder name and URL"
        problems.append(Problem(display, line, col, f"sections.{key}",
                                f"栏目编号 {key} {why_zh}；请改用小写英文字母、数字和 -，且不与已有栏目重名，例如 local-news",
                                f"the section id {key} {why_en}; use lower-case letters, digits and - "
                                f"and a name no other section has, e.g. local-news"))
    if problems:
        return None, problems
    return Section(title=change.title, url=f"{key}/", feature="records", stale_days=change.stale_days,
                   index_numbers=True if change.index_numbers is None else change.index_numbers), []


_FOLDER = re.compile(r"[a-z0-9][a-z0-9-]*")


def _place_added(view: str, items: tuple["Item", ...], added: dict, sections: dict[str, Section],
                 hidden: set[str]) -> tuple["Item", ...]:
    """Added sections no view names: at the end of 法定主动公开内容 in the navigation, in a
    特色栏目 group of the site map (never on the home page unless its view names them)."""
    if view == "home":
        return items
    named = {p.section for p in _placed(items)}
    missing = tuple(Placed(k, sections[k].url, sections[k].title) for k in added if k not in named and k not in hidden)
    if not missing:
        return items
    if view == "navigation":
        for i, item in enumerate(items):
            if isinstance(item, Group) and item.heading == ADDED_NAV_GROUP:
                return items[:i] + (Group(item.heading, item.items + missing),) + items[i + 1:]
        return items + missing
    return items + (Group(ADDED_SITEMAP_GROUP, missing),)


def _placed(items: Iterable["Item"]) -> Iterator[Placed]:
    """Every section a view places, inside groups too."""
    for item in items:
        if isinstance(item, Group):
            yield from _placed(item.items)
        else:
            yield item


def _read(path: Path, display: str, model: type) -> tuple[Optional[Any], list[Problem]]:
    try:
        located = load_yaml(path.read_text(encoding="utf-8"), display)
    except YamlProblem as exc:
        return None, exc.problems
    if not isinstance(located.data, dict):
        return None, [Problem(display, 1, 1, "", "内容应为键值对（名称: 值）；请检查文件格式",
                              "expected a mapping of name: value pairs; check the file's layout")]
    try:
        found = model.model_validate(located.data)
    except ValidationError as exc:
        return None, problems_from_validation(exc, model, located, display)
    return _WithPlace(found, located), []


class _WithPlace:
    """A validated model and where its values stand (views are checked after it)."""

    def __init__(self, model: Any, located: Located):
        self._model, self.located = model, located

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)


def _view(raw: list, located: Located, display: str, at: tuple, sections: dict[str, Section],
          renamed: set[str], hidden: set[str], groups: int = 1) -> tuple[tuple[Item, ...], list[Problem]]:
    """A view's items; ``groups``: how many levels of groups may still open (the navigation
    may hold a group inside a group, the other views one level)."""
    items: list[Item] = []
    problems: list[Problem] = []
    nested = groups < 1
    for i, value in enumerate(raw):
        where = at + (i,)
        if isinstance(value, dict) and "group" in value and not nested:
            extra = sorted(set(value) - {"group", "items"})
            if extra or not isinstance(value.get("items"), list) or not isinstance(value["group"], str):
                problems.append(_bad_item(located, display, where, group=True))
                continue
            inner, found = _view(value["items"], located, display, where + ("items",), sections, renamed,
                                 hidden, groups - 1)
            problems += found
            items.append(Group(value["group"], inner))  # type: ignore[arg-type]
            continue
        if isinstance(value, str):
            value = {"section": value}
        if not isinstance(value, dict) or set(value) - {"section", "title", "count"} \
                or not all(isinstance(v, str) and v.strip() for v in value.values()) or "section" not in value:
            problems.append(_bad_item(located, display, where, group=not nested))
            continue
        key = value["section"].strip()
        if key not in sections:
            path = where + ("section",) if located.where(where + ("section",)) != located.where(where) else where
            problems.append(_unknown(located, display, path, key, sections))
            continue
        if key in hidden:
            continue
        section = sections[key]
        title = section.title if key in renamed else value.get("title", section.title).strip()
        items.append(Placed(key, section.url, title, value.get("count", "").strip()))
    return tuple(items), problems


def _unknown(located: Located, display: str, path: tuple, key: str, sections: dict, is_key: bool = False) -> Problem:
    line, col = located.where(path, key=is_key)
    known = "、".join(sections)
    return Problem(display, line, col, dotted(path),
                   f"未知的栏目 {key}；请改为 sections 中的一个：{known}",
                   f"unknown section {key}; use one of sections: {known.replace('、', ', ')}")


def _bad_item(located: Located, display: str, path: tuple, group: bool) -> Problem:
    line, col = located.where(path)
    zh = "应为栏目编号，或 {section: 编号, title: 名称, count: 单位}" + ("，或 {group: 标题, items: [栏目…]}" if group else "")
    en = "expected a section id, or {section: id, title: label, count: unit}" + \
         (", or {group: heading, items: [sections…]}" if group else "")
    return Problem(display, line, col, dotted(path), zh + "；请按此格式填写", en + "; write it in that form")


# -- the views -----------------------------------------------------------------------------

Expand = dict[str, list[tuple[str, str]]]   # "pages/*" -> [(title, url)] of the pages it stands for


def links(items: Iterable[Placed], planned: frozenset[str], expand: Expand) -> list[tuple[str, str]]:
    """(title, URL) of ``items`` whose pages exist, sets of pages (``pages/*``) expanded."""
    found = []
    for item in items:
        if item.url.endswith("*"):
            found += [link for link in expand.get(item.url, []) if link[1] in planned]
        elif item.url in planned:
            found.append((item.title, item.url))
    return found


def grouped(items: Iterable[Item], planned: frozenset[str], expand: Expand) -> list[tuple[str, list[tuple[str, str]]]]:
    """A view as (heading, links) groups, without the empty ones (the site map page)."""
    groups = []
    for item in items:
        found = links(item.items if isinstance(item, Group) else (item,), planned, expand)
        if found:
            groups.append((item.heading if isinstance(item, Group) else item.title, found))
    return groups


def free_page_links(site) -> list[tuple[str, str]]:
    """(title, URL) of the free pages (``content/pages``) in their ``order``."""
    return [(e.model.title, free_page_url(e.id)) for e in
            sorted(site.content.of("page").values(), key=lambda e: (e.model.order, e.id))]


# -- the list columns ----------------------------------------------------------------------

@dataclass(frozen=True)
class ListSpec:
    """One list column: its URL, title and which documents it holds."""

    url: str
    title: str
    column_type: str
    select: Callable[["Doc"], bool]
    intro: str = ""


_LISTS: tuple[tuple[str, str, Callable[["Doc"], bool], str], ...] = (
    ("lists/current/", "政策文件", lambda d: d.model.genre == "normative" and d.status in CURRENT,
     "本栏目集中公布现行有效的行政规范性文件（含已修改、仍然有效的文件）。"),
    ("lists/regulations/", "政策文件", lambda d: d.model.genre == "regulation",
     "规章及其有效性；已修改、废止的规章保留原文并作标注。"),
    ("lists/all/", "政策文件", lambda d: True, "按发布日期排列，最新在前。"),
    ("lists/repealed/", "政策文件", lambda d: d.status is Status.REPEALED, "经清理或替代已废止的文件，原文保留供查阅。"),
    ("lists/expired/", "政策文件", lambda d: d.status is Status.EXPIRED, "有效期届满或被宣布失效的文件，原文保留供查阅。"),
    ("lists/pending/", "政策文件", lambda d: d.status is Status.PENDING, "已经发布、尚未到施行日期的文件。"),
)


def list_specs(structure: Structure) -> list[ListSpec]:
    """The list columns, titled as the site's sections name them."""
    return [ListSpec(url, structure.title(url), column_type, select, intro)
            for url, column_type, select, intro in _LISTS]
