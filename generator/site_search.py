"""Site search glue: the resolved site -> search documents, the search page, the index writer."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .extras import writer
from .pipeline import Plan
from .render import render
from .search import SearchDoc, write_search_index
from .site import GENRE_LABELS, Site
from .validity import STATUS_LABELS

if TYPE_CHECKING:  # pages imports this module: the class is imported where it is used
    from .pages import OutputPage

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


def plain_text(markdown: str) -> str:
    """Markdown -> the words a reader sees (good enough for indexing and snippets);
    remembered between builds (0.4 ms a document)."""
    import hashlib
    from .cache import memo
    known = memo("plain", shared=True)
    key = hashlib.blake2b(markdown.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return known.recall(key, lambda: _plain_text(markdown))


def _plain_text(markdown: str) -> str:
    text = markdown
    for pattern, replacement in _MD_NOISE:
        text = pattern.sub(replacement, text)
    return text.strip()


def search_docs(site: Site) -> list[SearchDoc]:
    """Every public policy, interpretation, Q&A entry and free page as its own result,
    with the synonyms of content/search_synonyms.yml it answers to."""
    from .search_synonyms import load_synonyms
    groups = load_synonyms(site.content.root)[0]
    docs = _search_docs(site)
    return [with_aliases(doc, groups) for doc in docs] if groups else docs


def with_aliases(doc: SearchDoc, groups: list[tuple[str, ...]]) -> SearchDoc:
    """The document with the synonyms of the words it holds (see search_synonyms.py)."""
    from dataclasses import replace
    from .search_synonyms import aliases
    whole = "\n".join((doc.title, doc.doc_number, doc.issuer, " ".join(doc.keywords), doc.text))
    return replace(doc, aliases=aliases(whole, groups), title_aliases=aliases(doc.title, groups))


def _search_docs(site: Site, text=plain_text) -> list[SearchDoc]:
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
        docs.append(SearchDoc(url=f"interpretations/{entry.id}/", kind="interpretation",
                              title=entry.model.title, text=text(entry.body),
                              genre="interpretation", genre_label="政策解读",
                              date=entry.model.published.isoformat()))
    docs += _qa_docs(site, text)
    for entry in sorted(site.content.of("page").values(), key=lambda e: e.id):
        docs.append(SearchDoc(url=f"pages/{entry.id}/", kind="page", title=entry.model.title,
                              text=text(entry.body), genre="page", genre_label="公开指南和制度",
                              date=entry.model.updated.isoformat() if entry.model.updated else ""))
    return docs


def _qa_docs(site: Site, text=plain_text) -> list[SearchDoc]:
    try:
        from .qa import qa_search_docs
    except ImportError:  # pragma: no cover - Q&A is an optional content type
        return []
    return [SearchDoc(url=url, kind="qa", title=question, text=text(answer),
                      genre="qa", genre_label="政策问答")
            for url, question, answer, _ in qa_search_docs(site)]


def search_page(site: Site, meta) -> "OutputPage":
    """The 站内搜索 page: a form that works as a link (?q=) and a no-JavaScript fallback."""
    from .pages import OutputPage, list_specs
    from .search.index import build_facets
    facets = build_facets(_search_docs(site, text=lambda body: ""))  # as the index counts them

    def options(name: str, suffix: str = "") -> list[tuple[str, str]]:
        return [(str(value), f"{label}{suffix}（{count}）") for value, label, count in facets[name]]
    fragment = render("search.html", SEARCH_URL, index_url="index/", site_root="../",
                      status_options=options("status"), genre_options=options("genre"),
                      year_options=options("year", "年"), issuer_options=options("issuer"),
                      list_links=[(s.title, f"../{s.url}") for s in list_specs()],
                      script_url="../assets/javascripts/search.js",
                      style_url="../assets/search.css")
    return OutputPage(SEARCH_URL, "站内搜索", fragment, "",
                      meta(column="站内搜索", column_type="站内搜索", title="站内搜索", date=None))


@writer
def write_index(plan: Plan, site_dir: Path) -> None:
    """The sharded index under search/index/ (fetched piece by piece by search.js).

    With a build cache, an index whose documents are all unchanged is not built again:
    its files are put back from the cache by their recorded keys (a rebuild at 10,000
    documents spent 3 s building the same 14,000 files)."""
    from .cache import ACTIVE, memo
    from .digest import digest
    docs, folder = search_docs(plan.site), site_dir / INDEX_FOLDER
    if ACTIVE is None:
        write_search_index(docs, folder)
        return
    doc_keys = {id(doc): digest(doc) for doc in docs}
    index_key = digest(list(doc_keys.values()))
    built = memo("search-files", shared=True)
    files = built.get(index_key)
    if files is not None and ACTIVE.place_known(folder, files):
        return
    write_search_index(docs, folder, codes_of=_cached_codes(doc_keys))
    built.put(index_key, ACTIVE.blobs_under(folder))


def _cached_codes(doc_keys: dict[int, str]):
    """Each document's term codes, remembered between builds by the digest of its fields
    (``doc_keys``: id of each document -> that digest)."""
    from .cache import memo
    from .search.index import doc_codes
    known = memo("search")

    def codes_of(doc):
        return known.recall(doc_keys[id(doc)], lambda: doc_codes(doc))
    return codes_of
