"""The resolved graph: what is published at the as-of date, statuses, relations both ways, indexes.

Pure: built from loaded :class:`~generator.content.Content` and a date. Pages and
templates read this, never the raw files.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

from .content import Content, Entry
from .digest import digest, forbid
from .model import Organization, Policy
from .urls import policy_url
from .validity import CURRENT, Change, Status, Validity, compute_validity, is_published

GENRE_LABELS = {"regulation": "规章", "normative": "行政规范性文件", "other": "其他文件"}


@dataclass
class Doc:
    """A policy document as the site shows it."""

    id: str
    entry: Entry
    validity: Validity
    index_no: str
    issuers: list[Organization]

    @property
    def model(self) -> Policy:
        return self.entry.model

    @property
    def status(self) -> Status:
        return self.validity.status

    @property
    def url(self) -> str:
        return policy_url(self.id)

    @property
    def is_current(self) -> bool:
        return self.status in CURRENT

    def digest_token(self) -> tuple[str, str]:
        """A document as a page input (see :mod:`generator.digest`), computed once: a list
        page holds twenty documents and each document is on several lists."""
        token = self.__dict__.get("_digest_token")
        if token is None:
            token = self.__dict__["_digest_token"] = (
                "Doc", digest(self.id, self.entry, self.validity, self.index_no, self.issuers))
        return token


@dataclass
class Site:
    """Everything a page needs to know, resolved at one as-of date."""

    content: Content
    as_of: dt.date
    docs: dict[str, Doc]                       # published, proactive policies
    validity: dict[str, Validity]              # every published policy, public or not
    scheduled: list[Entry]                     # published after as_of: kept out until then
    not_public: list[Entry]                    # on_request / withheld: never output
    interpretations: dict[str, Entry]          # published interpretations
    interpretations_of: dict[str, list[Entry]] = field(default_factory=dict)
    memo: dict[str, object] = field(default_factory=dict, repr=False)   # derived indexes, built once
    qa: dict[str, Entry] = field(default_factory=dict)          # published Q&A files
    qa_of: dict[str, list[Entry]] = field(default_factory=dict)  # policy id -> its Q&A files

    @property
    def config(self):
        return self.content.site

    def doc(self, doc_id: str) -> Optional[Doc]:
        """The public, published document with this id, or None (never link to others)."""
        return self.docs.get(doc_id)

    def sorted_docs(self, docs=None) -> list[Doc]:
        """Newest publication first; ties by id for a stable order."""
        if docs is None:
            if "sorted_docs" not in self.memo:
                self.memo["sorted_docs"] = self.sorted_docs(self.docs.values())
            return list(self.memo["sorted_docs"])  # type: ignore[arg-type]
        return sorted(docs, key=lambda d: (d.model.published, d.id), reverse=True)

    def by(self, key) -> dict[str, list[Doc]]:
        groups: dict[str, list[Doc]] = defaultdict(list)
        for doc in self.sorted_docs():
            for value in key(doc):
                groups[value].append(doc)
        return dict(groups)



forbid(Site)  # see generator.digest: the whole site is never a page input

def resolve_site(content: Content, as_of: dt.date) -> Site:
    """Apply the as-of date: statuses, what is published, index numbers, reverse links."""
    models = {doc_id: e.model for doc_id, e in content.policies.items()}
    validity = compute_validity(models, as_of)
    numbers = assign_index_numbers(content)
    docs, scheduled, not_public = {}, [], []
    for doc_id, entry in sorted(content.policies.items()):
        if doc_id not in validity:
            scheduled.append(entry)
        elif not entry.model.is_public:
            not_public.append(entry)
        else:
            issuers = [content.organizations[o] for o in entry.model.issuer if o in content.organizations]
            docs[doc_id] = Doc(doc_id, entry, validity[doc_id], numbers[doc_id], issuers)
    interpretations = {i: e for i, e in sorted(content.of("interpretation").items())
                       if is_published(e.model, as_of)}
    site = Site(content, as_of, docs, validity, scheduled, not_public, interpretations)
    for entry in interpretations.values():
        for target in entry.model.interprets:
            site.interpretations_of.setdefault(target, []).append(entry)
    for entries in site.interpretations_of.values():
        entries.sort(key=lambda e: (e.model.published, e.id))
    index_qa(site)
    return site


def index_qa(site: Site) -> None:
    """Q&A files published by the as-of date, and the reverse index policy -> Q&A."""
    site.qa = {i: e for i, e in sorted(site.content.of("qa").items()) if is_published(e.model, site.as_of)}
    for entry in site.qa.values():
        for target in entry.model.policies:
            site.qa_of.setdefault(target, []).append(entry)


_SEQ = re.compile(r"^(?P<prefix>.+)/(?P<year>\d{4})-(?P<seq>\d+)$")


def index_prefix(content: Content, policy) -> str:
    """索引号 prefix: site.index_no_prefix, else the first issuer's code, else the site body's code."""
    site = content.site
    if site and site.index_no_prefix:
        return site.index_no_prefix
    for org_id in policy.issuer:
        org = content.organizations.get(org_id)
        if org and org.code:
            return org.code
    org = content.organizations.get(site.organization) if site else None
    return (org.code if org and org.code else "000000000000000000")


def assign_index_numbers(content: Content) -> dict[str, str]:
    """Written 索引号 kept; missing ones numbered after the highest written one of their
    prefix and year, in publication order, so adding a newer document changes no old number.
    ``build.py new policy`` writes the next number into the file to make it permanent.

    Policies and disclosure records (信息条目) share the sequence space (no two documents of
    the site get the same number): this returns the policies', :func:`record_index_numbers`
    the records'."""
    return {doc_id: n for (kind, doc_id), n in all_index_numbers(content).items() if kind == "policy"}


def record_index_numbers(content: Content) -> dict[str, str]:
    """The 索引号 of every record that has one: written, or generated in a section whose
    ``index_numbers`` is true (上级文件 are other bodies' documents: none generated there)."""
    return {doc_id: n for (kind, doc_id), n in all_index_numbers(content).items() if kind == "record"}


def numbered_records(content: Content) -> list[Entry]:
    """Records whose section generates 索引号 (a record's section is its first folder)."""
    sections = content.structure.sections if content.structure else {}
    return [e for e in content.of("record").values()
            if (section := sections.get(e.rel.split("/", 1)[0])) is not None and section.index_numbers]


def all_index_numbers(content: Content) -> dict[tuple[str, str], str]:
    """(type, id) -> 索引号 of every policy and every record that has one."""
    numbers: dict[tuple[str, str], str] = {}
    highest: dict[tuple[str, int], int] = defaultdict(int)
    numbered = [("policy", d, e) for d, e in content.policies.items()]
    numbered += [("record", e.id, e) for e in numbered_records(content)]
    written = numbered + [("record", e.id, e) for e in content.of("record").values() if e.model.index_no]
    for kind, doc_id, entry in written:
        if entry.model.index_no:
            numbers[(kind, doc_id)] = entry.model.index_no
            match = _SEQ.match(entry.model.index_no)
            if match:
                key = (match["prefix"], int(match["year"]))
                highest[key] = max(highest[key], int(match["seq"]))
    missing = sorted((e.model.published, getattr(e.model, "written", e.model.published), kind, d)
                     for kind, d, e in numbered if (kind, d) not in numbers)
    for published, _, kind, doc_id in missing:
        model = (content.policies[doc_id] if kind == "policy" else content.of("record")[doc_id]).model
        key = (index_prefix(content, model), published.year)
        highest[key] += 1
        numbers[(kind, doc_id)] = f"{key[0]}/{key[1]}-{highest[key]:05d}"
    return numbers


# -- shared facts: absolute URLs and content dates (feeds, open data, sitemap, page meta) ---

def absolute_url(site: Site, url: str) -> str:
    """The canonical address of a site-relative URL ("" is the home page)."""
    return site.config.base_url + url


def sponsor(site: Site) -> str:
    """主办单位: site.yml ``sponsor``, else the running body's name, else the site name."""
    org = site.content.organizations.get(site.config.organization)
    return site.config.sponsor or (org.name if org else site.config.name)


def doc_updated(site: Site, doc: Doc) -> dt.date:
    """The last day the document's page changed: publication, a status change in effect,
    or a published interpretation (never the build time)."""
    days = [doc.model.published]
    days += [c.date for c in doc.validity.changes if not c.upcoming]
    days += [e.model.published for e in site.interpretations_of.get(doc.id, [])]
    return max(days)


def site_updated(site: Site) -> dt.date:
    """The newest content date of the site; the as-of date only when there is no content.

    Computed once per site (list and index pages ask for it, 1,000 times at 10,000 documents)."""
    if "updated" not in site.memo:
        days = [doc_updated(site, d) for d in site.docs.values()]
        days += [e.model.published for e in site.interpretations.values()]
        site.memo["updated"] = max(days, default=site.as_of)
    return site.memo["updated"]  # type: ignore[return-value]


def public_by(site: Site, change: Change) -> Optional[Doc]:
    """The acting document of ``change`` when it is public here, else None."""
    return site.doc(change.by) if change.by else None
