"""Cross-field and cross-file checks that a single model cannot make.

Each check is a small function ``(content, as_of) -> Iterable[Problem]``; the ones here
concern the policies, organizations, topics and files every site has (the graph the core
resolves); each feature declares its own (``generator/registry.py``), and
:func:`validate_content` runs them all. Field types were already checked by the models (``content.py``).
"""
from __future__ import annotations

import datetime as dt

import re
from pathlib import Path
from typing import Iterable, Iterator

from .asset_checks import check_active_assets
from .body_checks import check_bodies
from .content import Content, Entry
from .errors import Problem
from .files import is_plain
from .registry import Check
from .topics import known_topics, suggest_topic

RELATIONS = ("amends", "repeals", "replaces", "invalidates")
RELATION_WORDS = {"amends": ("修改", "amends"), "repeals": ("废止", "repeals"),
                  "replaces": ("替代", "replaces"), "invalidates": ("宣布失效", "declares invalid")}
GENRES_NEEDING_NUMBER = {"regulation": "规章", "normative": "行政规范性文件"}


def validate_content(content: Content, as_of: dt.date, checks: Iterable[Check] = ()) -> list[Problem]:
    """Run the core's checks and ``checks`` (the features', handed in by the pipeline) at ``as_of``."""
    problems: list[Problem] = []
    for func in (*CORE_CHECKS, *checks):
        problems.extend(func(content, as_of))
    return problems


def check_site(content: Content, as_of: dt.date) -> Iterator[Problem]:
    site, entry = content.site, content.site_entry
    if site and entry and site.organization not in content.organizations \
            and not content.is_unloaded("organization", site.organization):
        yield entry.at("organization", zh=f"机构 {site.organization} 不在 organizations.yml 中；请先在其中添加它",
                       en=f"organization {site.organization} is not in organizations.yml; add it there first")


def check_policy_dates(content: Content, as_of: dt.date) -> Iterator[Problem]:
    for entry in content.policies.values():
        p = entry.model
        if p.published < p.written:
            yield entry.at("published", zh=f"发布日期 {p.published} 早于成文日期 written {p.written}；发布日期必须不早于成文日期",
                           en=f"published {p.published} is before written {p.written}; it must not be before written")
        if p.effective and p.effective < p.written:  # retroactive force is rare and needs a stated basis
            yield entry.at("effective", warning=True,
                           zh=f"施行日期 {p.effective} 早于成文日期 written {p.written}；请核对施行日期，"
                              f"如确需溯及既往，请在正文中写明依据",
                           en=f"effective {p.effective} is before written {p.written}; check the date, and if the "
                              f"document really applies retroactively, state the basis in its text")
        if p.expires and p.expires < p.effective_date:
            yield entry.at("expires", zh=f"必须不早于施行日期 effective {p.effective_date}；请改正有效期至",
                           en=f"must not be before effective {p.effective_date}; correct expires")


def check_policy_fields(content: Content, as_of: dt.date) -> Iterator[Problem]:
    for entry in content.policies.values():
        p = entry.model
        if p.genre in GENRES_NEEDING_NUMBER and not p.doc_number:
            name = GENRES_NEEDING_NUMBER[p.genre]
            yield entry.at("genre", problem_key="doc_number",
                           zh=f"{name}必须有发文字号；请添加 doc_number，例如 清政规〔2023〕3号",
                           en=f"a {p.genre} document needs doc_number; add it, e.g. 清政规〔2023〕3号")
        if p.disclosure == "withheld" and not p.withheld_ground:
            yield entry.at("disclosure", problem_key="withheld_ground",
                           zh="不予公开的文件必须写明法律依据；请添加 withheld_ground，例如 《中华人民共和国政府信息公开条例》第十四条",
                           en="a withheld document needs its legal ground; add withheld_ground, e.g. "
                              "Article 14 of the Regulations on Open Government Information")


def check_issuers(content: Content, as_of: dt.date) -> Iterator[Problem]:
    for entry in content.policies.values():
        for i, org in enumerate(entry.model.issuer):
            if org not in content.organizations and not content.is_unloaded("organization", org):
                yield missing_org(entry, ("issuer", i) if len(entry.model.issuer) > 1 else ("issuer",), org)


def missing_org(entry: Entry, key: tuple, org: str) -> Problem:
    return entry.at(*key, problem_key=key[0],
                    zh=f"机构 {org} 不在 organizations.yml 中；请检查拼写或先在 organizations.yml 中添加它",
                    en=f"organization {org} is not in organizations.yml; check the spelling or add it there")


def check_relations(content: Content, as_of: dt.date) -> Iterator[Problem]:
    policies = content.policies
    for entry in policies.values():
        seen: dict[str, str] = {}
        for relation in RELATIONS:
            for i, target in enumerate(getattr(entry.model, relation)):
                key = (relation, i)
                if content.is_unloaded("policy", target):
                    continue  # its own errors are reported; "no document" would mislead
                if target not in policies:
                    yield _missing_doc(entry, key, relation, target)
                elif target == entry.id:
                    yield entry.at(*key, problem_key=relation, zh="文件不能作用于自身；请删除此编号",
                                   en="a document cannot act on itself; remove this id")
                elif target in seen:
                    first = seen[target]
                    yield entry.at(*key, problem_key=relation,
                                   zh=f"{target} 同时出现在 {first} 和 {relation} 中；一个文件对同一目标只能有一种关系，请只保留一处",
                                   en=f"{target} is in both {first} and {relation}; keep one relation per target")
                else:
                    seen[target] = relation


def _missing_doc(entry: Entry, key: tuple, relation: str, target: str) -> Problem:
    return entry.at(*key, problem_key=relation,
                    zh=f"找不到文件 {target}；请检查编号（文件名去掉 .md）",
                    en=f"no document {target}; check the id (the file name without .md)")


def check_cycles(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """A relation cycle (A repeals B, B repeals A) has no consistent order of events."""
    graph = {doc_id: sorted({t for r in RELATIONS for t in getattr(e.model, r)
                             if t in content.policies and t != doc_id})
             for doc_id, e in content.policies.items()}
    for cycle in _find_cycles(graph):
        entry = content.policies[cycle[0]]
        relation, index = _relation_to(entry, cycle[1])
        path = " → ".join(cycle + [cycle[0]])
        yield entry.at(relation, index, problem_key=relation,
                       zh=f"文件关系形成循环（{path}）；请删除其中一个方向的关系",
                       en=f"the relations form a cycle ({path}); remove the relation in one direction")


def _relation_to(entry: Entry, target: str) -> tuple[str, int]:
    for relation in RELATIONS:
        values = getattr(entry.model, relation)
        if target in values:
            return relation, values.index(target)
    raise KeyError(target)  # pragma: no cover - the graph was built from these lists


def _find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each elementary cycle once, rotated to start at its smallest id (iterative DFS)."""
    state: dict[str, int] = {}
    cycles: set[tuple[str, ...]] = set()
    for root in sorted(graph):
        if state.get(root):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(graph[root]))]
        path, state[root] = [root], 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                cycle = path[path.index(child):]
                start = cycle.index(min(cycle))
                cycles.add(tuple(cycle[start:] + cycle[:start]))
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph[child])))
    return [list(c) for c in sorted(cycles)]


def check_interpretations(content: Content, as_of: dt.date) -> Iterator[Problem]:
    for entry in content.of("interpretation").values():
        for i, target in enumerate(entry.model.interprets):
            if target not in content.policies and not content.is_unloaded("policy", target):
                yield _missing_doc(entry, ("interprets", i), "interprets", target)


def check_topics(content: Content, as_of: dt.date) -> Iterator[Problem]:
    topics = known_topics(content.root)
    for entry in content.policies.values():
        for i, topic in enumerate(entry.model.topics):
            if topic not in topics:
                close = suggest_topic(topic, topics)
                hint_zh = f"是否应为 {close}？" if close else "请使用 一级\\二级 形式的国务院主题分类，或在 topics.yml 中添加"
                hint_en = f"did you mean {close}?" if close else \
                    "use a State Council topic written 一级\\二级, or add it to topics.yml"
                yield entry.at("topics", i, problem_key="topics",
                               zh=f"未知的主题分类 {topic}；{hint_zh}", en=f"unknown topic {topic}; {hint_en}")


_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
_HTML_IMG = re.compile(r"<img\b(?![^>]*\balt=\"[^\"]+\")[^>]*>", re.IGNORECASE)
_ANY_IMAGE = re.compile(r"!\[|<img\b", re.IGNORECASE)


def check_body_images(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """Every body image needs alt text (GB/T 37668, WCAG 1.1.1)."""
    for type_name in ("policy", "interpretation", "page", "record"):
        for entry in content.of(type_name).values():
            yield from _body_image_problems(entry)


def _body_image_problems(entry: Entry) -> Iterator[Problem]:
    if not _ANY_IMAGE.search(entry.body):  # most bodies: one scan instead of two per line
        return
    for number, line in enumerate(entry.body.split("\n")):
        for match in _IMAGE.finditer(line):
            if not match.group(1).strip():
                yield Problem(entry.path, entry.body_line + number, match.start() + 1, "body",
                              f"图片 {match.group(2)} 缺少替代文字；请写成 ![图片内容的简要说明]({match.group(2)})",
                              f"image {match.group(2)} has no alt text; write ![a short description]({match.group(2)})")
        for match in _HTML_IMG.finditer(line):
            yield Problem(entry.path, entry.body_line + number, match.start() + 1, "body",
                          "HTML 图片缺少 alt 替代文字；请添加 alt=\"图片内容的简要说明\"",
                          "an HTML image has no alt text; add alt=\"a short description\"")


def check_files_exist(content: Content, as_of: dt.date) -> Iterator[Problem]:
    assets = content.root / "assets"
    for type_name in ("policy", "interpretation", "record"):
        for entry in content.of(type_name).values():
            for field in ("attachments", "images"):
                for i, item in enumerate(getattr(entry.model, field)):
                    if not _inside(assets, assets / item.file):
                        yield entry.at(field, i, "file", problem_key=f"{field}.file",
                                       zh=f"找不到文件 assets/{item.file}；请把文件放到 content/assets/ 下并检查路径",
                                       en=f"no file assets/{item.file}; put it under content/assets/ and check the path")


def _inside(folder: Path, path: Path) -> bool:
    if not is_plain(folder.parent, path):  # folder is content/assets; a symlink is an error of its own
        return False
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return path.is_file()




def policy_problem(entry: Entry, key: tuple, content: Content, doc_id: str) -> Iterator[Problem]:
    """An unknown policy id, or one that is not publicly disclosed (nothing to link to)."""
    field = ".".join(str(k) for k in key if isinstance(k, str))
    policy = content.policies.get(doc_id)
    if policy is None:
        yield entry.at(*key, problem_key=field,
                       zh=f"找不到政策文件 {doc_id}；请检查编号（文件名去掉 .md）",
                       en=f"no policy {doc_id}; check the id (the file name without .md)")
    elif not policy.model.is_public:
        attr = policy.model.disclosure
        yield entry.at(*key, problem_key=field,
                       zh=f"政策文件 {doc_id} 不主动公开（disclosure: {attr}）；只能链接主动公开的文件，请删除此编号",
                       en=f"policy {doc_id} is not proactively disclosed (disclosure: {attr}); "
                          f"link only to public documents and remove this id")


CORE_CHECKS: tuple[Check, ...] = (check_site, check_policy_dates, check_policy_fields, check_issuers,
                                  check_relations, check_cycles, check_interpretations, check_topics,
                                  check_body_images, check_files_exist, check_bodies, check_active_assets)
