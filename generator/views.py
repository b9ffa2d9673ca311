"""View models: the words and links a page shows, computed once in Python.

Templates only lay these out; no status string or date format lives in a template.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from .site import GENRE_LABELS, Doc, Site
from .topics import SEPARATOR
from .validity import STATUS_LABELS, Change, Status

VERBS = {"amends": "修改", "repeals": "废止", "replaces": "替代", "invalidates": "宣布失效"}
EVENT_VERBS = {Status.AMENDED: "修改", Status.REPEALED: "废止", Status.EXPIRED: "宣布失效"}


def cn_date(day: Optional[dt.date]) -> str:
    """2023-06-01 -> 2023年6月1日 (the form of official documents)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


@dataclass(frozen=True)
class Ref:
    """A reference to a document: its title, number and, when it is public here, its URL."""

    title: str
    doc_number: str = ""
    url: Optional[str] = None   # site-relative, or an outside http(s) address; None when not linkable
    named: bool = True          # False for a document that is not public: its title is not disclosed either

    @property
    def cited(self) -> str:
        if not self.named:
            return self.title
        return f"《{self.title}》" + (f"（{self.doc_number}）" if self.doc_number else "")


#: How a page names an acting document that is not public (依申请公开 / 不予公开): its title and
#: number may themselves be what is withheld, so neither is shown.
UNDISCLOSED = Ref("有关文件", "", None, named=False)


@dataclass(frozen=True)
class Sentence:
    """A sentence with at most one linked document: ``before`` 《ref》 ``after``."""

    before: str
    ref: Optional[Ref] = None
    after: str = ""

    @property
    def text(self) -> str:
        return self.before + (self.ref.cited if self.ref else "") + self.after


@dataclass(frozen=True)
class Banner:
    status: Status
    label: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class HistoryRow:
    date: dt.date
    date_text: str
    sentence: Sentence
    upcoming: bool


def ref_to(site: Site, doc_id: str) -> Ref:
    """A reference to a policy on this site; linked only when it is published and public."""
    entry = site.content.policies[doc_id]
    if not entry.model.is_public:
        return UNDISCLOSED
    doc = site.doc(doc_id)
    return Ref(entry.model.title, entry.model.doc_number or "", doc.url if doc else None)


def _actor(site: Site, doc: Doc, change: Change) -> Optional[Ref]:
    if change.by:
        return ref_to(site, change.by)
    if change.relation == "event" and change.event_index is not None:
        event = doc.model.events[change.event_index]
        return Ref(event.by_title, event.by_doc_number or "", event.by_url)   # by_url: absolute, outside
    return None


def _change_sentence(site: Site, doc: Doc, change: Change, *, future: bool = False) -> Sentence:
    """「本文件已于2023年6月1日被《…》（…）废止。」 and its variants."""
    when = cn_date(change.date)
    actor = _actor(site, doc, change)
    lead = f"本文件将于{when}" if future else f"本文件已于{when}"
    if change.relation == "expires":
        return Sentence(f"本文件有效期至{cn_date(doc.model.expires)}，" + ("届时失效。" if future else "已失效。"))
    if change.relation == "effective":
        return Sentence(f"本文件{'将于' if future else '自'}{when}施行。")
    verb = VERBS.get(change.relation) or EVENT_VERBS[change.kind]
    if change.relation == "replaces":
        return Sentence(f"{lead}被", actor, "替代，" + ("届时废止。" if future else "已废止。"))
    if change.kind is Status.AMENDED and future:
        return Sentence(f"{lead}经", actor, "修改。")
    if change.kind is Status.AMENDED:
        return Sentence(f"本文件现行有效，部分条款已于{when}经", actor, "修改。")
    return Sentence(f"{lead}被", actor, f"{verb}。")


#: The banner's heading for an amended document. 已修改 alone reads, on flk.npc.gov.cn, as "a
#: superseded version": a citizen must be told in words that the document is still in force.
AMENDED_HEADING = "现行有效（部分条款已修改）"


def _body_sentence(doc: Doc, amended: dt.date) -> Sentence:
    """Whether the text below is the amended one. The body is the latest text the site holds
    (see :mod:`generator.versions`): amended when an earlier text ends the day before the last
    amendment took effect, else the text as first published."""
    ends = [v.until for v in doc.model.versions]
    if ends and max(ends) >= amended - dt.timedelta(days=1):
        return Sentence(f"本页正文为修改后的文本，自{cn_date(amended)}起施行；修改前的文本见“历史文本”。")
    return Sentence("本页正文为发布时的原文，未并入上述修改内容，请与修改文件对照阅读。")


def banner(site: Site, doc: Doc) -> Banner:
    """The validity annotation at the top of a policy page, in words (never colour alone)."""
    status = doc.status
    past = [c for c in doc.validity.changes if not c.upcoming]
    sentences: list[Sentence] = []
    if status in (Status.REPEALED, Status.EXPIRED):
        decisive = next(c for c in past if c.kind is status and c.date == doc.validity.since)
        sentences.append(_change_sentence(site, doc, decisive))
    elif status is Status.PENDING:
        sentences.append(Sentence(f"本文件将于{cn_date(doc.model.effective_date)}施行，目前尚未生效。"))
    else:
        amendments = [c for c in past if c.kind is Status.AMENDED]
        if amendments:
            sentences.append(_change_sentence(site, doc, amendments[0]))
            sentences.extend(Sentence(f"{cn_date(c.date)}又经", _actor(site, doc, c), "修改。")
                             for c in amendments[1:])
            sentences.append(_body_sentence(doc, amendments[-1].date))
        else:
            sentences.append(Sentence("本文件现行有效。"))
    if status not in (Status.REPEALED, Status.EXPIRED):
        for change in doc.validity.upcoming:
            if change.relation != "effective":
                sentences.append(_change_sentence(site, doc, change, future=True))
        if doc.model.expires and not any(c.relation == "expires" for c in doc.validity.upcoming):
            sentences.append(Sentence(f"有效期至{cn_date(doc.model.expires)}。"))
    label = AMENDED_HEADING if status is Status.AMENDED else STATUS_LABELS[status]
    return Banner(status, label, tuple(sentences))


def history(site: Site, doc: Doc) -> list[HistoryRow]:
    """Dated history in both directions: what changed this document, what it changed."""
    rows = [HistoryRow(doc.model.published, cn_date(doc.model.published), Sentence("发布。"), False)]
    ended = doc.status in (Status.REPEALED, Status.EXPIRED)
    for change in doc.validity.changes:
        if change.upcoming and ended:
            continue  # a document no longer in force has no future: no 「（尚未到来）有效期届满」 row
        rows.append(HistoryRow(change.date, cn_date(change.date),
                               _history_in(site, doc, change), change.upcoming))
    for change in doc.validity.acts:
        target = ref_to(site, change.target)
        verb = VERBS[change.relation]
        rows.append(HistoryRow(change.date, cn_date(change.date),
                               Sentence(("将" if change.upcoming else "") + f"{verb}", target, "。"),
                               change.upcoming))
    rows.sort(key=lambda r: (r.date, r.upcoming))
    return rows


def _history_in(site: Site, doc: Doc, change: Change) -> Sentence:
    if change.relation == "effective":
        return Sentence("施行。" if not change.upcoming else "将施行。")
    if change.relation == "expires":
        return Sentence("有效期届满，失效。")
    actor = _actor(site, doc, change)
    verb = VERBS.get(change.relation) or EVENT_VERBS[change.kind]
    return Sentence(("将" if change.upcoming else "") + "被", actor, f"{verb}。")


def topic_label(topic: str) -> str:
    return topic  # displayed 一级\二级, as on government sites


def header_rows(site: Site, doc: Doc) -> list[tuple[str, str]]:
    """The standard header: 索引号 · 主题分类 · 发文机关 · 成文日期 · 标题 · 发文字号 · 发布日期 · 有效性."""
    m = doc.model
    rows = [
        ("索引号", doc.index_no),
        ("主题分类", "；".join(topic_label(t) for t in m.topics) or "无"),
        ("发文机关", "、".join(o.name for o in doc.issuers)),
        ("成文日期", cn_date(m.written)),
        ("标题", m.title),
        ("发文字号", m.doc_number or "无"),
        ("发布日期", cn_date(m.published)),
    ]
    if m.effective and m.effective != m.published:
        rows.append(("施行日期", cn_date(m.effective)))
    if m.expires:
        rows.append(("有效期至", cn_date(m.expires)))
    if m.registration_no:
        rows.append(("统一登记号", m.registration_no))
    if m.keywords:
        rows.append(("关键词", "、".join(m.keywords)))
    rows.append(("文件类型", GENRE_LABELS[m.genre]))
    return rows


__all__ = ["Banner", "HistoryRow", "Ref", "Sentence", "banner", "cn_date", "header_rows", "history",
           "ref_to", "SEPARATOR"]
