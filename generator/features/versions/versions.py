"""Historical texts (规章历史文本): version lists, comparisons of two texts, their checks and pages.

A policy lists its earlier texts under ``versions:`` (each a Markdown file under
content/); its own body is the latest text. Comparisons are paragraph-level
(difflib over paragraphs), then character-level inside a changed paragraph.
Every pair of texts gets a static page ``policies/<id>/compare/<a>..<b>/``,
where ``a`` and ``b`` are the days the two texts took effect.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Callable, Iterator, Optional

from ...content import Content, Entry
from ...body_checks import body_problems
from ...errors import Problem
from ...files import is_plain
from ...site import Doc, Site
from ...urls import policy_url
from ...views import Ref, cn_date, ref_to
from ...output import OutputPage, rewrite_links
from ...render import render

#: Paragraphs at least this similar are compared character by character; others are replaced whole.
SIMILAR = 0.4
#: Common runs this short between two changes are shown as part of the change.
SHORT_EQUAL = 2


@dataclass(frozen=True)
class Para:
    """A paragraph of a text: its kind (``p`` or ``h2``…``h6``) and plain text."""

    kind: str
    text: str


@dataclass(frozen=True)
class Block:
    """One paragraph of a comparison: ``same``, ``changed``, ``added`` or ``removed``;
    ``segments`` are (``same``/``del``/``ins``, text)."""

    state: str
    kind: str
    segments: tuple[tuple[str, str], ...]


_HEADING = re.compile(r"^(#{1,6})\s+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[A-Za-z]+|.", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def paragraphs(markdown: str) -> list[Para]:
    """The paragraphs of a Markdown text, without inline markup (bold, links, quote marks)."""
    result = []
    markdown = _COMMENT.sub("", markdown)  # an HTML comment is a note to editors, not text
    for block in re.split(r"\n\s*\n", markdown.strip()):
        lines = [re.sub(r"^\s*>\s?", "", line).strip() for line in block.strip().split("\n")]
        text = "".join(line for line in lines if line)
        if not text:
            continue
        heading = _HEADING.match(text)
        kind = f"h{min(len(heading[1]) + 1, 6)}" if heading else "p"
        text = _LINK.sub(r"\1", _HEADING.sub("", text)).replace("**", "").replace("__", "")
        result.append(Para(kind, text.strip()))
    return result


def diff_chars(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Character-level segments of two versions of one paragraph (a number or a Latin word
    counts as one character, so 30% → 35% is shown whole).

    A common run of at most :data:`SHORT_EQUAL` characters between two changes (the "1" of
    "1年" → "15日") is folded into the change, so a reader sees whole phrases replaced."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    runs = [("same" if op == "equal" else "change", "".join(a[i1:i2]), "".join(b[j1:j2]))
            for op, i1, i2, j1, j2 in matcher.get_opcodes()]
    for k in range(1, len(runs) - 1):
        if runs[k][0] == "same" and len(runs[k][1]) <= SHORT_EQUAL \
                and runs[k - 1][0] == runs[k + 1][0] == "change":
            runs[k] = ("change", runs[k][1], runs[k][2])
    merged: list[tuple[str, str, str]] = []
    for run in runs:
        if merged and run[0] == merged[-1][0] == "change":
            merged[-1] = ("change", merged[-1][1] + run[1], merged[-1][2] + run[2])
        else:
            merged.append(run)
    segments: list[tuple[str, str]] = []
    for kind, a, b in merged:
        segments += [("same", a)] if kind == "same" else [(op, t) for op, t in (("del", a), ("ins", b)) if t]
    return tuple(segments)


def _similar(a: Para, b: Para) -> bool:
    return difflib.SequenceMatcher(None, a.text, b.text, autojunk=False).ratio() >= SIMILAR


def _replace(old: list[Para], new: list[Para]) -> Iterator[Block]:
    """Align replaced paragraphs in order: each old one pairs with the next similar new one
    (compared character by character); the rest are removed or added whole."""
    j = 0
    for a in old:
        match = next((k for k in range(j, len(new)) if _similar(a, new[k])), None)
        if match is None:
            yield Block("removed", a.kind, (("del", a.text),))
            continue
        yield from (Block("added", b.kind, (("ins", b.text),)) for b in new[j:match])
        yield Block("changed", new[match].kind, diff_chars(a.text, new[match].text))
        j = match + 1
    yield from (Block("added", b.kind, (("ins", b.text),)) for b in new[j:])


def diff_texts(old_markdown: str, new_markdown: str) -> list[Block]:
    """The comparison of two texts, paragraph by paragraph."""
    old, new = paragraphs(old_markdown), paragraphs(new_markdown)
    matcher = difflib.SequenceMatcher(None, [p.text for p in old], [p.text for p in new], autojunk=False)
    blocks: list[Block] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            blocks += [Block("same", p.kind, (("same", p.text),)) for p in new[j1:j2]]
        else:
            blocks += _replace(old[i1:i2], new[j1:j2])
    return blocks


# --- the versions of a document ------------------------------------------------------------

@dataclass(frozen=True)
class TextVersion:
    """One text of a document: an earlier version or the current body."""

    slug: str                      # the day it took effect, YYYY-MM-DD
    effective: dt.date
    until: Optional[dt.date]       # None for the latest text
    markdown: str
    made_by: Optional[Ref]         # the document that produced this text (None for the first)
    url: str                       # its full text: a version page, or the policy page itself

    @property
    def label(self) -> str:
        return f"{cn_date(self.effective)}起施行的文本"

    @property
    def period(self) -> str:
        return f"{cn_date(self.effective)}至{cn_date(self.until)}" if self.until else f"{cn_date(self.effective)}起"


def read_version(content: Content, file: str) -> str:
    """A version file's Markdown text (front matter, if any, dropped)."""
    if not is_plain(content.root, content.root / file):
        return ""  # a symlink: reported by content.symlink_problems, never followed
    text = (content.root / file).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        text = text[end + 5:] if end >= 0 else text
    return text


def text_versions(site: Site, doc: Doc) -> list[TextVersion]:
    """Every text of ``doc``, oldest first, the current body last; [] when it lists no versions."""
    versions = sorted(doc.model.versions, key=lambda v: v.effective)
    if not versions:
        return []
    result, made_by = [], None
    for v in versions:
        slug = v.effective.isoformat()
        result.append(TextVersion(slug, v.effective, v.until, read_version(site.content, v.file), made_by,
                                  version_url(doc.id, slug)))
        made_by = ref_to(site, v.by) if v.by and v.by in site.content.policies else None
    start = versions[-1].until + dt.timedelta(days=1)
    result.append(TextVersion(start.isoformat(), start, None, doc.entry.body, made_by, doc.url))
    return result


def version_url(doc_id: str, slug: str) -> str:
    return f"{policy_url(doc_id)}versions/{slug}/"


def compare_url(doc_id: str, old: str, new: str) -> str:
    return f"{policy_url(doc_id)}compare/{old}..{new}/"


def compare_pairs(versions: list[TextVersion]) -> list[tuple[TextVersion, TextVersion]]:
    """Every pair (older, newer): few versions, so all n(n-1)/2 comparisons are published."""
    return list(combinations(versions, 2))


def _documents_with_versions(site: Site) -> dict[str, list[Doc]]:
    """{acting id: documents with a version it produced}, computed once per site (called per page)."""
    cached = site.memo.get("versions_by_actor")
    if cached is None:
        cached = {}
        for other in site.sorted_docs():
            for actor in sorted({v.by for v in other.model.versions if v.by}):
                cached.setdefault(actor, []).append(other)
        site.memo["versions_by_actor"] = cached
    return cached


def caused_comparisons(site: Site, doc: Doc) -> list[tuple[Ref, str, str]]:
    """(amended document, comparison URL, label) for every new text ``doc`` produced."""
    found = []
    for other in _documents_with_versions(site).get(doc.id, ()):
        versions = sorted(other.model.versions, key=lambda v: v.effective)
        texts = text_versions(site, other)
        for i, v in enumerate(versions):
            if v.by == doc.id:
                old, new = texts[i], texts[i + 1]
                found.append((ref_to(site, other.id), compare_url(other.id, old.slug, new.slug),
                              f"{old.label}与{new.label}对照"))
    return found


# --- checks --------------------------------------------------------------------------------

def check_versions(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """Version files exist; periods are in order and do not overlap; ``by`` names a document."""
    for entry in content.policies.values():
        previous = None
        for i, v in enumerate(entry.model.versions):
            yield from _version_file(content, entry, i, v.file)
            if v.until < v.effective:
                yield entry.at("versions", i, "until", problem_key="versions.until",
                               zh=f"最后施行日 {v.until} 早于施行日期 {v.effective}；请改正",
                               en=f"until {v.until} is before effective {v.effective}; correct it")
            elif previous is not None and v.effective <= previous.until:
                yield entry.at("versions", i, "effective", problem_key="versions.effective",
                               zh=f"施行日期 {v.effective} 不晚于上一版本的最后施行日 {previous.until}；"
                                  f"请按时间先后排列各版本，施行期间不能重叠",
                               en=f"effective {v.effective} is not after the previous version's until "
                                  f"{previous.until}; list versions oldest first, without overlapping periods")
            previous = v
            if v.by:
                yield from _version_by(content, entry, i, v.by, v.until)


def _version_file(content: Content, entry: Entry, i: int, file: str) -> Iterator[Problem]:
    path = content.root / file
    inside = is_plain(content.root, path) and Path(path).resolve().is_relative_to(content.root.resolve())
    if not (inside and path.is_file() and file.endswith(".md")):
        yield entry.at("versions", i, "file", problem_key="versions.file",
                       zh=f"找不到历史文本文件 {file}；请把该版本全文存为 content/ 下的 .md 文件，并检查路径",
                       en=f"no version file {file}; save that text as a .md file under content/ and check the path")


def _version_by(content: Content, entry: Entry, i: int, by: str, until: dt.date) -> Iterator[Problem]:
    actor = content.policies.get(by)
    if actor is None:
        yield entry.at("versions", i, "by", problem_key="versions.by",
                       zh=f"找不到文件 {by}；请检查编号（文件名去掉 .md）",
                       en=f"no document {by}; check the id (the file name without .md)")
    elif actor.model.effective_date != until + dt.timedelta(days=1):
        yield entry.at("versions", i, "until", problem_key="versions.until", warning=True,
                       zh=f"{by} 自 {actor.model.effective_date} 施行，本版本应施行至其前一日；请核对 until",
                       en=f"{by} takes effect on {actor.model.effective_date}, so this version should last until "
                          f"the day before; check until")


# --- pages ---------------------------------------------------------------------------------

def build_version_pages(site: Site, meta: Callable[..., dict]) -> list:
    """A page per earlier text and per pair of texts of every document that lists versions."""
    pages = []
    for doc in site.sorted_docs():
        texts = text_versions(site, doc)
        pages += [_version_page(site, doc, t, texts, meta) for t in texts[:-1]]
        pages += [_compare_page(doc, old, new, meta) for old, new in compare_pairs(texts)]
    return pages


def _version_page(site: Site, doc: Doc, text: TextVersion, texts: list[TextVersion], meta) -> object:
    title = f"{doc.model.title}（{text.label}）"
    fragment = render("version.html", text.url, doc=doc, title=title, text=text, latest=texts[-1])
    body = rewrite_links(text.markdown, _version_rel(doc, text), text.url)
    return OutputPage(text.url, title, fragment, body,
                      meta(column="规章历史文本", column_type="政策文件", title=title, date=doc.model.published))


def _version_rel(doc: Doc, text: TextVersion) -> str:
    return next(v.file for v in doc.model.versions if v.effective == text.effective)


def _compare_page(doc: Doc, old: TextVersion, new: TextVersion, meta) -> object:
    url = compare_url(doc.id, old.slug, new.slug)
    title = f"{doc.model.title}：{old.label}与{new.label}对照"
    blocks = diff_texts(old.markdown, new.markdown)
    counts = {op: sum(1 for b in blocks for o, _ in b.segments if o == op) for op in ("ins", "del")}
    fragment = render("versions.html", url, doc=doc, title=title, old=old, new=new, blocks=blocks,
                      counts=counts)
    return OutputPage(url, title, fragment, "",
                      meta(column="规章历史文本", column_type="政策文件", title=title, date=doc.model.published))


def check_version_bodies(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """What the sanitiser would drop from a historical text (see ``generator/body_checks.py``)."""
    seen = set()
    for entry in content.policies.values():
        for version in entry.model.versions:
            path = content.root / version.file
            if version.file in seen or not (is_plain(content.root, path) and path.is_file()
                                            and version.file.endswith(".md")):
                continue
            seen.add(version.file)
            raw = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
            body = read_version(content, version.file)
            first_line = raw[:len(raw) - len(body)].count("\n") + 1
            yield from body_problems(f"{content.display_root.rstrip('/')}/{version.file}", body, first_line)


# -- the policy page's 历史文本 section -----------------------------------------------------

@dataclass(frozen=True)
class VersionsView:
    """The 历史文本 section: every text, and a comparison link for every pair."""

    texts: list[TextVersion]
    pairs: list[tuple[TextVersion, TextVersion, str]]    # older, newer, comparison URL
    previous: dict[str, str]                              # slug -> comparison with the text before it


def versions_view(site: Site, doc: Doc) -> Optional[VersionsView]:
    texts = text_versions(site, doc)
    if not texts:
        return None
    pairs = [(a, b, compare_url(doc.id, a.slug, b.slug)) for a, b in compare_pairs(texts)]
    previous = {b.slug: compare_url(doc.id, a.slug, b.slug) for a, b in zip(texts, texts[1:])}
    return VersionsView(texts, pairs, previous)


def policy_parts(site: Site, doc: Doc) -> dict:
    """The policy page's historical texts and the comparisons the document caused."""
    return {"versions": versions_view(site, doc), "caused": caused_comparisons(site, doc)}
