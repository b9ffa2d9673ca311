"""Site search glue: the resolved site -> search documents, the search page, the index writer."""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Optional

from ...cache import BuildCache, Memo, memo
from ...digest import digest
from ...output import OutputPage, PageContext
from ...plan import Plan
from ...render import render
from ...search import SearchDoc, write_search_index
from ...search.index import build_facets, doc_codes
from ...sections import list_specs
from ...site import GENRE_LABELS, Site
from ...urls import free_page_url, interpretation_url
from ...validity import STATUS_LABELS
from .synonyms import aliases, load_synonyms

SEARCH_URL = "search/"
INDEX_FOLDER = "search/index/"
_MD_NOISE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),      # images -> alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),       # links -> their text
    # inline HTML: real tags and comments only; 《关于印发<关于…的意见>的通知》 and a<b are text
    (re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S), " "),
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+", re.M), ""),  # block markers
    (re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.M), ""),      # table rules
    (re.compile(r"[|*_`~]+"), " "),                       # table pipes, emphasis, code
    (re.compile(r"[ \t]+"), " "),
    (re.compile(r"\n{2,}"), "\n"),
]
#: Search results other features add (Q&A entries): (url, title, plain text, policy ids).
Extra = list[tuple[str, str, str, list[str]]]
#: Ready results other features add (records), their ``text`` still Markdown.
Items = Iterable[SearchDoc]


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


def search_docs(site: Site, extra: Extra = (), cache: Optional[BuildCache] = None,
                items: Items = ()) -> list[SearchDoc]:
    """Every public policy, interpretation, Q&A entry (``extra``: what features add), record
    (``items``: features' ready results, their text still Markdown) and free page as its own
    result, with the synonyms of content/search_synonyms.yml it answers to."""
    groups = load_synonyms(site.content.root)[0]
    known = memo(cache, "plain", shared=True)
    docs = _search_docs(site, extra, lambda body: plain_text(body, known), items)
    return [with_aliases(doc, groups) for doc in docs] if groups else docs


def with_aliases(doc: SearchDoc, groups: list[tuple[str, ...]]) -> SearchDoc:
    """The document with the synonyms of the words it holds (see synonyms.py)."""
    whole = "\n".join((doc.title, doc.doc_number, doc.issuer, " ".join(doc.keywords), doc.text))
    return replace(doc, aliases=aliases(whole, groups), title_aliases=aliases(doc.title, groups))


def _search_docs(site: Site, extra: Extra, text: Callable[[str], str], items: Items = ()) -> list[SearchDoc]:
    """The documents; ``text`` turns a Markdown body into their text (the search page's
    facet counts need no text: they pass a function that returns "")."""
    docs = []
    for doc in site.sorted_docs():
        m = doc.model
        docs.append(SearchDoc(
            url=doc.url, kind="policy", title=m.title, text=text(doc.entry.body),
            doc_number=m.doc_number or "", issuer="、".join(o.name for o in doc.issuers),
            keywords=tuple(m.keywords) + tuple(m.topics), status=doc.status.value,
            status_label=STATUS_LABELS[doc.status], genre=m.genre, genre_label=GENRE_LABELS[m.genre],
            date=m.published.isoformat()))
    for entry in site.interpretations.values():
        docs.append(SearchDoc(url=interpretation_url(entry.id), kind="interpretation",
                              title=entry.model.title, text=text(entry.body),
                              genre="interpretation", genre_label="政策解读",
                              date=entry.model.published.isoformat()))
    docs += [SearchDoc(url=url, kind="qa", title=question, text=text(answer), genre="qa", genre_label="政策问答")
             for url, question, answer, _ in extra]
    docs += [replace(item, text=text(item.text)) for item in items]
    for entry in sorted(site.content.of("page").values(), key=lambda e: e.id):
        docs.append(SearchDoc(url=free_page_url(entry.id), kind="page", title=entry.model.title,
                              text=text(entry.body), genre="page", genre_label="公开指南和制度",
                              date=entry.model.updated.isoformat() if entry.model.updated else ""))
    return docs


def search_page(ctx: PageContext) -> list[OutputPage]:
    """The 站内搜索 page: a form that works as a link (?q=) and a no-JavaScript fallback."""
    site = ctx.site
    extra = [doc for docs in ctx.search_docs for doc in docs(site)]
    items = [doc for docs in ctx.search_items for doc in docs(site)]
    facets = build_facets(_search_docs(site, extra, lambda body: "", items))  # as the index counts them

    def options(name: str, suffix: str = "") -> list[tuple[str, str]]:
        return [(str(value), f"{label}{suffix}（{count}）") for value, label, count in facets[name]]
    fragment = render("search.html", SEARCH_URL, index_url="index/", site_root="../",
                      status_options=options("status"), genre_options=options("genre"),
                      year_options=options("year", "年"), issuer_options=options("issuer"),
                      list_links=[(s.title, f"../{s.url}") for s in list_specs(site.content.structure)],
                      script_url="../assets/javascripts/search.js",
                      style_url="../assets/search.css")
    return [OutputPage(SEARCH_URL, "站内搜索", fragment, "",
                       ctx.meta(column="站内搜索", column_type="站内搜索", title="站内搜索", date=None))]


def write_index(plan: Plan, site_dir: Path) -> None:
    """The sharded index under search/index/ (fetched piece by piece by search.js).

    With a build cache, an index whose documents are all unchanged is not built again:
    its files are put back from the cache by their recorded keys (a rebuild at 10,000
    documents spent 3 s building the same 14,000 files)."""
    docs, folder = search_docs(plan.site, plan.search_entries(), plan.cache, plan.search_items()), site_dir / INDEX_FOLDER
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
