"""The policy Q&A library (政策问答库): the ``qa/`` page, one search result per entry, and
the questions a policy page lists."""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable, Optional

import markdown
from markupsafe import Markup

from ...content import Entry
from ...output import OutputPage, rewrite_links
from ...render import render
from ...sanitize import clean
from ...site import Site
from ...topics import ordered_topics
from ...validity import STATUS_LABELS

QA_URL = "qa/"
NO_TOPIC = "未标注主题分类"


def policy_qa(site: Site, doc_id: str) -> list[tuple[str, str]]:
    """(question, anchor URL) of every published Q&A entry about a policy, for its page."""
    return [(item.question, f"qa/#{qa_anchor(e.id, n)}")
            for e in site.qa_of.get(doc_id, []) for n, item in enumerate(e.model.items, start=1)]


def qa_anchor(file_id: str, number: int) -> str:
    """The fragment of one Q&A entry on ``qa/``: ``q-<file-id>-<n>``, n from 1."""
    return f"q-{file_id}-{number}"


def linked_title(site: Site, doc_id: str) -> tuple[str, Optional[str], str, str]:
    """(cited title, URL or None, status, label) of a policy a Q&A entry refers to."""
    entry, doc = site.content.policies[doc_id], site.doc(doc_id)
    m = entry.model
    cited = f"《{m.title}》" + (f"（{m.doc_number}）" if m.doc_number else "")
    if doc is None:
        return cited, None, "", ""
    return cited, doc.url, doc.status.value, STATUS_LABELS[doc.status]


@dataclass(frozen=True)
class QAEntry:
    """One question with its answer, its anchor on ``qa/`` and the policies it is about."""

    anchor: str
    question: str
    answer_html: Markup
    answer_text: str
    policies: tuple[str, ...]
    file_id: str
    published: object


def answer_html(entry: Entry, answer: str) -> Markup:
    """An answer's Markdown as HTML; relative links to documents and assets are rewritten."""
    return Markup(clean(markdown.markdown(rewrite_links(answer, entry.rel, QA_URL))))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str) -> str:
    """Text of an HTML fragment; inline tags add no space (Chinese has none between words)."""
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def qa_entries(site: Site) -> list[QAEntry]:
    """Every published Q&A entry, newest file first, then in file order."""
    files = sorted(site.qa.values(), key=lambda e: (e.model.published, e.id), reverse=True)
    entries = []
    for entry in files:
        for n, item in enumerate(entry.model.items, start=1):
            html = answer_html(entry, item.answer)
            entries.append(QAEntry(qa_anchor(entry.id, n), item.question, html, plain_text(html),
                                   tuple(entry.model.policies), entry.id, entry.model.published))
    return entries


def qa_search_docs(site: Site) -> list[tuple[str, str, str, list[str]]]:
    """(url, question, answer as plain text, policy ids) for each Q&A entry: one search result each."""
    return [(f"{QA_URL}#{e.anchor}", e.question, e.answer_text, list(e.policies)) for e in qa_entries(site)]


def by_policy(site: Site, entries: list[QAEntry]) -> list[tuple[tuple, list[QAEntry]]]:
    """[(policy heading, entries)], policies newest first; a policy heading is linked_title(...)."""
    ids = {p for e in entries for p in e.policies}
    ordered = sorted(ids, key=lambda i: (site.content.policies[i].model.published, i), reverse=True)
    return [(linked_title(site, i), [e for e in entries if i in e.policies]) for i in ordered]


def by_topic(site: Site, entries: list[QAEntry]) -> list[tuple[str, list[QAEntry]]]:
    """[(topic, entries)] in the official topic order; entries whose policies have none go last."""
    def topics_of(e: QAEntry) -> set[str]:
        return {t for p in e.policies for t in site.content.policies[p].model.topics}
    groups = [(t, [e for e in entries if t in topics_of(e)]) for t in ordered_topics(site.content.root)]
    groups = [(t, members) for t, members in groups if members]
    untagged = [e for e in entries if not topics_of(e)]
    return groups + ([(NO_TOPIC, untagged)] if untagged else [])


def build_qa_page(site: Site, meta: Callable[..., dict]) -> list:
    """The ``qa/`` page, or nothing when no Q&A is published."""
    entries = qa_entries(site)
    if not entries:
        return []
    titles = {p: linked_title(site, p) for e in entries for p in e.policies}
    fragment = render("qa.html", QA_URL, title="政策问答", entries=entries, titles=titles,
                      policies=by_policy(site, entries), topics=by_topic(site, entries))
    newest: Optional[object] = max(e.published for e in entries)
    return [OutputPage(QA_URL, "政策问答", fragment, "",
                       meta(column="政策问答", column_type="政策解读", title="政策问答", date=newest))]


def policy_parts(site: Site, doc) -> dict:
    """The policy page's 相关问答 section."""
    return {"qa": policy_qa(site, doc.id)}
