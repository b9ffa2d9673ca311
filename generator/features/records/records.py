"""The records (信息条目) of a site as its pages show them: which sections hold records,
where each record lives, which are published at the as-of date, and how they relate
(expired, superseded). Built once per site and kept in ``site.memo``."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from ...content import Content, Entry
from ...model import ContentType, Organization
from ...model.record import Record
from ...model.sections import Section
from ...sections import Structure
from ...site import Site, record_index_numbers
from ...validity import is_published

FEATURE_NAME = "records"
#: A record's type name (every records section's files load into ``content.of(RECORD)``).
RECORD = "record"


def record_sections(structure: Optional[Structure]) -> dict[str, Section]:
    """The records sections of the site, in the order the tree declares them."""
    return structure.of_feature(FEATURE_NAME) if structure else {}


def record_types(structure: Structure) -> tuple[ContentType, ...]:
    """One content type per records section: ``content/<section>/**/<id>.md``. They share the
    type name, so ids are unique across every records section (ids are URLs and data keys)."""
    return tuple(ContentType(RECORD, key, ".md", Record, section.title)
                 for key, section in record_sections(structure).items())


def section_of(entry: Entry) -> str:
    """A record's section: the first folder of its path under content/."""
    return entry.rel.split("/", 1)[0]


def record_url(section: Section, record_id: str) -> str:
    """``<section-url><id>/``: every records section's URL ends with a slash."""
    return f"{section.url}{record_id}/"


def section_feed_url(key: str) -> str:
    """A section's Atom feed, at the site root like every feed (see features/feeds)."""
    return f"feed-records-{key}.xml"


@dataclass(frozen=True)
class Shown:
    """A published, public record as the site shows it at the as-of date."""

    entry: Entry
    key: str                         # its section id
    section: Section
    index_no: str
    issuers: tuple[Organization, ...]
    expired: bool                    # valid_until before the as-of date
    superseded_by: Optional["Entry"] = None   # the published record that replaces it
    replaces: tuple["Entry", ...] = ()        # the published records it replaces

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def model(self) -> Record:
        return self.entry.model

    @property
    def url(self) -> str:
        return record_url(self.section, self.entry.id)

    @property
    def updated(self) -> dt.date:
        """The newest date of the record: updated, else published."""
        return max(self.model.published, self.model.updated or self.model.published)

    def digest_token(self) -> tuple:
        return ("Shown", self.entry.digest_token(), self.key, self.section.title, self.section.url, self.index_no,
                tuple(o.id for o in self.issuers), self.expired,
                self.superseded_by.digest_token() if self.superseded_by else None,
                tuple(e.digest_token() for e in self.replaces))


def is_shown(entry: Entry, as_of: dt.date) -> bool:
    """Published by the as-of date and proactively disclosed: the one rule of what shows."""
    return entry.model.is_public and is_published(entry.model, as_of)


def shown_records(site: Site) -> dict[str, list[Shown]]:
    """Section id -> its shown records, newest first (ties by id); every records section of
    the tree has a key, an empty list when nothing shows."""
    if "records" not in site.memo:
        site.memo["records"] = _shown_records(site.content, site.as_of)
    return site.memo["records"]  # type: ignore[return-value]


def _shown_records(content: Content, as_of: dt.date) -> dict[str, list[Shown]]:
    sections = record_sections(content.structure)
    numbers = record_index_numbers(content)
    records = content.of(RECORD)
    visible = {i: e for i, e in records.items() if is_shown(e, as_of) and section_of(e) in sections}
    replaces: dict[str, list[Entry]] = {}
    for entry in visible.values():
        if entry.model.superseded_by in visible:
            replaces.setdefault(entry.model.superseded_by, []).append(entry)
    shown: dict[str, list[Shown]] = {key: [] for key in sections}
    for record_id, entry in sorted(visible.items()):
        m, key = entry.model, section_of(entry)
        issuers = tuple(content.organizations[o] for o in m.issuer if o in content.organizations)
        shown[key].append(Shown(entry, key, sections[key], numbers.get(record_id, ""), issuers,
                                bool(m.valid_until and m.valid_until < as_of), visible.get(m.superseded_by or ""),
                                tuple(sorted(replaces.get(record_id, []), key=lambda e: (e.model.published, e.id)))))
    for items in shown.values():
        items.sort(key=lambda r: (r.model.published, r.id), reverse=True)
    return shown


def all_shown(site: Site) -> list[Shown]:
    """Every shown record of every section, newest first."""
    return sorted((r for items in shown_records(site).values() for r in items),
                  key=lambda r: (r.model.published, r.id), reverse=True)
