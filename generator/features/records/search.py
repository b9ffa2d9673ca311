"""Every shown record as a search result, filtered by its section (the 类型 filter of the
search page lists each section by its title)."""
from __future__ import annotations

from ...search import SearchDoc
from ...site import Site
from .records import all_shown

#: The filter value of a section: prefixed so no section id meets a policy genre or a kind.
GENRE_PREFIX = "section-"


def record_search_items(site: Site) -> list[SearchDoc]:
    """The records, newest first; ``text`` is the Markdown body (the search feature makes it plain)."""
    return [SearchDoc(url=r.url, kind="record", title=r.model.title, text=r.entry.body,
                      doc_number=r.model.doc_number or "", issuer="、".join(o.name for o in r.issuers),
                      keywords=tuple(r.model.keywords) + tuple(r.model.topics),
                      genre=GENRE_PREFIX + r.key, genre_label=r.section.title, date=r.model.published.isoformat())
            for r in all_shown(site)]
