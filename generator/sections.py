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

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Union

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

    def shown(self, key: str) -> Optional[Section]:
        """The section ``key`` unless this site lacks or hides it (the home page's fixed entries)."""
        return None if key in self.hidden else self.sections.get(key)

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
    path = Path(content_root) / "sections.yml"
    if path.is_file() and is_plain(Path(content_root), path):   # never through a symlink
        display = f"{display_root.rstrip('/')}/sections.yml"
        override, found = _read(path, display, SectionOverride)
        problems += found
        if override is not None:
            for key, change in override.sections.items():
                if key not in sections:
                    problems.append(_unknown(override.located, display, ("sections", key), key, sections, is_key=True))
                    continue
                if change.title:
                    sections[key] = sections[key].model_copy(update={"title": change.title})
                if change.hidden:
                    hidden.add(key)
            for name in VIEWS:
                if getattr(override, name) is not None:
                    views[name] = (getattr(override, name), override.located, display)
    renamed = {k for k, s in sections.items() if s.title != tree.sections[k].title}
    built = {}
    for name, (raw, located, display) in views.items():
        items, found = _view(raw, located, display, (name,), sections, renamed, hidden)
        built[name] = items
        problems += found
    return Structure(sections, built["navigation"], built["home"], built["sitemap"], frozenset(hidden)), problems


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
          renamed: set[str], hidden: set[str], nested: bool = False) -> tuple[tuple[Item, ...], list[Problem]]:
    items: list[Item] = []
    problems: list[Problem] = []
    for i, value in enumerate(raw):
        where = at + (i,)
        if isinstance(value, dict) and "group" in value and not nested:
            extra = sorted(set(value) - {"group", "items"})
            if extra or not isinstance(value.get("items"), list) or not isinstance(value["group"], str):
                problems.append(_bad_item(located, display, where, group=True))
                continue
            inner, found = _view(value["items"], located, display, where + ("items",), sections, renamed,
                                 hidden, nested=True)
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
