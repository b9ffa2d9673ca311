"""Site search glue: the resolved site -> search documents, the search page, the index writer."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Optional

from ...cache import BuildCache, Memo, memo
from ...digest import digest
from ...output import OutputPage
from ...plan import Plan
from ...render import render
from ...search import SearchDoc, write_search_index
from ...search.index import doc_codes
from ...sections import list_specs
from ...site import GENRE_LABELS, Site
from ...urls import free_page_url, interpretation_url
from ...validity import STATUS_LABELS, Status

SEARCH_URL = "search/"
INDEX_FOLDER = "search/index/"
_MD_NOISE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),      # images -> alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),       # links -> their text
    (re.compile(r"<[^>]+>"), " "),                       # inline HTML
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+", re.M), ""),  # block markers
    (re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.M), ""),      # table rules
    (re.compile(r"[|*_`~]+"), " "),                       # table pipes, emphasis, code
    (re.compile(r"[ \t]+"), " "),
    (re.compile(r"\n{2,}"), "\n"),
]


def plain_text(markdown: str, known: Memo = Memo(None)) -> str:
    """Markdown -> the words a reader sees (good enough for indexing and snippets);
    remembered between builds in ``known``, the build cache's memo (0.4 ms a document)."""
    key = hashlib.blake2b(markdown.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return known.recall(key, lambda: _plain_text(markdown))


def _plain_text(markdown: str) -> str:
    text = markdown
    for pattern, replacement in _MD_NOISE:
        text = pattern.sub(replacement, text)
    return text.strip()


def search_docs(site: Site, extra=(), cache: Optional[BuildCache] = None) -> list[SearchDoc]:
    """Every public policy, interpretation, Q&A entry (``extra``: what features add) and free
    page as its own result."""
    known = memo(cache, "plain", shared=True)
    docs = []
    for doc in site.sorted_docs():
        m = doc.model
        docs.append(SearchDoc(
            url=doc.url, kind="policy", title=m.title, text=plain_text(doc.entry.body, known),
            doc_number=m.doc_number or "", issuer="、".join(o.name for o in doc.issuers),
            keywords=tuple(m.keywords) + tuple(m.topics), status=doc.status.value,
            status_label=STATUS_LABELS[doc.status], genre=m.genre, genre_label=GENRE_LABELS[m.genre],
            date=m.published.isoformat()))
    for entry in site.interpretations.values():
        docs.append(SearchDoc(url=interpretation_url(entry.id), kind="interpretation",
                              title=entry.model.title, text=plain_text(entry.body, known),
                              genre="interpretation", genre_label="政策解读",
                              date=entry.model.published.isoformat()))
    docs += _extra_docs(extra, known)
    for entry in sorted(site.content.of("page").values(), key=lambda e: e.id):
        docs.append(SearchDoc(url=free_page_url(entry.id), kind="page", title=entry.model.title,
                              text=plain_text(entry.body, known), genre="page", genre_label="公开指南和制度",
                              date=entry.model.updated.isoformat() if entry.model.updated else ""))
    return docs


def _extra_docs(extra, known: Memo) -> list[SearchDoc]:
    """Search results other features add (Q&A entries): (url, title, plain text, policy ids)."""
    return [SearchDoc(url=url, kind="qa", title=question, text=plain_text(answer, known),
                      genre="qa", genre_label="政策问答")
            for url, question, answer, _ in extra]


def search_page(site: Site, meta) -> OutputPage:
    """The 站内搜索 page: a form that works as a link (?q=) and a no-JavaScript fallback."""
    docs = site.sorted_docs()
    statuses = [(s.value, STATUS_LABELS[s]) for s in Status if any(d.status is s for d in docs)]
    genres = [(g, label) for g, label in GENRE_LABELS.items() if any(d.model.genre == g for d in docs)]
    genres += [("interpretation", "政策解读"), ("qa", "政策问答"), ("page", "公开指南和制度")]
    years = sorted({str(d.model.published.year) for d in docs}, reverse=True)
    issuers = sorted({(o.id, o.name) for d in docs for o in d.issuers}, key=lambda p: p[1])
    fragment = render("search.html", SEARCH_URL, index_url="index/", site_root="../",
                      status_options=statuses, genre_options=genres,
                      year_options=[(y, f"{y}年") for y in years], issuer_options=issuers,
                      list_links=[(s.title, f"../{s.url}") for s in list_specs(site.content.structure)],
                      script_url="../assets/javascripts/search.js",
                      style_url="../assets/search.css")
    return OutputPage(SEARCH_URL, "站内搜索", fragment, "",
                      meta(column="站内搜索", column_type="站内搜索", title="站内搜索", date=None))


def write_index(plan: Plan, site_dir: Path) -> None:
    """The sharded index under search/index/ (fetched piece by piece by search.js).

    With a build cache, an index whose documents are all unchanged is not built again:
    its files are put back from the cache by their recorded keys (a rebuild at 10,000
    documents spent 3 s building the same 14,000 files)."""
    docs, folder = search_docs(plan.site, plan.search_entries(), plan.cache), site_dir / INDEX_FOLDER
    active = plan.cache
    if active is None:
        write_search_index(docs, folder)
        return
    doc_keys = {id(doc): digest(doc) for doc in docs}
    index_key = digest(list(doc_keys.values()))
    built = memo(active, "search-files", shared=True)
    files = built.get(index_key)
    if files is not None and active.place_known(folder, files):
        return
    write_search_index(docs, folder, codes_of=_cached_codes(doc_keys, active), blobs=active)
    built.put(index_key, active.blobs_under(folder))


def _cached_codes(doc_keys: dict[int, str], cache: BuildCache):
    """Each document's term codes, remembered between builds by the digest of its fields
    (``doc_keys``: id of each document -> that digest)."""
    known = memo(cache, "search")

    def codes_of(doc):
        return known.recall(doc_keys[id(doc)], lambda: doc_codes(doc))
    return codes_of
