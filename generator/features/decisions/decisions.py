"""Major administrative decisions (重大行政决策): checks, the dated lifecycle, and pages.

Pages: ``decisions/`` (the years), ``decisions/<year>/`` (the year's catalog as a
table), ``decisions/<year>/<id>/`` (one decision and its lifecycle) and
``decisions/open/`` (consultations open at the as-of date, with days left).
Comment periods of at least 30 days or a stated reason: seed 000 #33, seed 004 (九).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from ...content import Content, Entry
from ...errors import Problem
from ...model.decision import STAGE_LABELS, Decision, DocLink
from ...render import render
from ...site import Site
from ...urls import interpretation_url
from ...validity import is_published
from ...views import Ref, Sentence, ref_to
from ...output import OutputPage

MIN_CONSULTATION_DAYS = 30
FEEDBACK_GRACE_DAYS = 30


def consultation_days(start: dt.date, end: dt.date) -> int:
    """Length of a comment period, counting the first and the last day."""
    return (end - start).days + 1


def is_open(decision: Decision, as_of: dt.date) -> bool:
    c = decision.consultation
    return c is not None and c.start <= as_of <= c.end


# --- checks ------------------------------------------------------------------------------

def _at(entry: Entry, i: int, *key: str, zh: str, en: str, warning: bool = False) -> Problem:
    return entry.at("decisions", i, *key, problem_key=".".join(key), zh=zh, en=en, warning=warning)


def check_decision_catalogs(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """The file name is a year; decision ids are unique in it."""
    for entry in content.of("decision").values():
        if not (entry.id.isdigit() and len(entry.id) == 4):
            yield entry.at(problem_key="", zh=f"重大行政决策事项目录的文件名应为年份，例如 decisions/2026.yml，"
                                              f"而不是 {entry.id}.yml",
                           en=f"a decision catalog is named after its year, e.g. decisions/2026.yml, not {entry.id}.yml")
        seen: set[str] = set()
        for i, d in enumerate(entry.model.decisions):
            if d.id in seen:
                yield _at(entry, i, "id", zh=f"决策事项编号 {d.id} 重复；请为每个事项使用不同的编号",
                          en=f"decision id {d.id} is used twice; give each decision its own id")
            seen.add(d.id)


def check_decision_consultations(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """Dates in order; at least 30 days or a reason; feedback published within 30 days of closing."""
    for entry in content.of("decision").values():
        for i, d in enumerate(entry.model.decisions):
            c = d.consultation
            if c is None:
                continue
            days = consultation_days(c.start, c.end)
            if c.end < c.start:
                yield _at(entry, i, "consultation", "end",
                          zh=f"征求意见截止日期 {c.end} 早于开始日期 {c.start}；请改正",
                          en=f"the consultation ends ({c.end}) before it starts ({c.start}); correct the dates")
            elif days < MIN_CONSULTATION_DAYS and not c.reason_if_short:
                yield _at(entry, i, "consultation", "end",
                          zh=f"征求意见期只有 {days} 天（{c.start} 至 {c.end}），少于 {MIN_CONSULTATION_DAYS} 天；"
                             f"请延长至不少于 {MIN_CONSULTATION_DAYS} 天，或用 reason_if_short 说明理由",
                          en=f"the consultation lasts {days} days ({c.start} to {c.end}), fewer than "
                             f"{MIN_CONSULTATION_DAYS}; extend it or give the reason in reason_if_short")
            if d.feedback is None and (as_of - c.end).days > FEEDBACK_GRACE_DAYS:
                yield _at(entry, i, "consultation", "end", warning=True,
                          zh=f"征求意见已于 {c.end} 截止超过 {FEEDBACK_GRACE_DAYS} 天，尚未公布意见收集和采纳情况；"
                             f"请添加 feedback",
                          en=f"the consultation closed on {c.end}, more than {FEEDBACK_GRACE_DAYS} days ago, and "
                             f"no feedback is published; add feedback")


def check_decision_facts(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """Decided decisions name their document; owners and documents exist; adopted <= received."""
    for entry in content.of("decision").values():
        for i, d in enumerate(entry.model.decisions):
            if d.stage in ("decided", "evaluation") and not d.decision:
                yield _at(entry, i, "stage",
                          zh=f"阶段为 {STAGE_LABELS[d.stage]}（{d.stage}）的事项必须写明决策文件；"
                             f"请添加 decision: 政策文件编号",
                          en=f"a decision at stage {d.stage} needs its decision document; add decision: <policy id>")
            if d.owner not in content.organizations and not content.is_unloaded("organization", d.owner):
                yield _at(entry, i, "owner",
                          zh=f"机构 {d.owner} 不在 organizations.yml 中；请检查拼写或先在 organizations.yml 中添加它",
                          en=f"organization {d.owner} is not in organizations.yml; check the spelling or add it there")
            if d.feedback and d.feedback.adopted > d.feedback.received:
                yield _at(entry, i, "feedback", "adopted",
                          zh=f"采纳 {d.feedback.adopted} 条多于收到的 {d.feedback.received} 条；请改正",
                          en=f"adopted ({d.feedback.adopted}) is more than received ({d.feedback.received}); correct it")
            yield from _decision_links(content, entry, i, d)


def _decision_links(content: Content, entry: Entry, i: int, d: Decision) -> Iterator[Problem]:
    links = [(("draft",), d.draft)] + [(("explanations", j), e) for j, e in enumerate(d.explanations)]
    for key, link in links:
        if link is None:
            continue
        if link.policy and link.policy not in content.policies and not content.is_unloaded("policy", link.policy):
            yield _missing(entry, i, key + ("policy",), link.policy)
        if link.interpretation and link.interpretation not in content.of("interpretation"):
            yield _at(entry, i, *key, "interpretation",
                      zh=f"找不到政策解读 {link.interpretation}；请检查编号（interpretations/ 下的文件名去掉 .md）",
                      en=f"no interpretation {link.interpretation}; check the id (the file name without .md)")
    if d.decision and d.decision not in content.policies and not content.is_unloaded("policy", d.decision):
        yield _missing(entry, i, ("decision",), d.decision)


def _missing(entry: Entry, i: int, key: tuple, doc_id: str) -> Problem:
    return _at(entry, i, *key, zh=f"找不到政策文件 {doc_id}；请检查编号（文件名去掉 .md）",
               en=f"no policy {doc_id}; check the id (the file name without .md)")


# --- views --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """One dated step of a decision's lifecycle."""

    date: dt.date
    sentence: Sentence
    upcoming: bool


@dataclass(frozen=True)
class DecisionView:
    """A decision as its pages show it."""

    year: str
    d: Decision
    url: str
    owner: str
    stage_label: str
    draft: Optional[Ref]
    explanations: tuple[Ref, ...]
    decision: Optional[Ref]
    days: Optional[int]          # length of the comment period
    days_left: Optional[int]     # when open at the as-of date
    steps: tuple[Step, ...]


def link_ref(site: Site, link: DocLink) -> Ref:
    """A reference to a draft or explanation: a policy, an interpretation or an outside address."""
    if link.policy:
        return ref_to(site, link.policy)
    if link.interpretation:
        entry = site.content.of("interpretation")[link.interpretation]
        url = interpretation_url(entry.id) if entry.id in site.interpretations else None
        return Ref(entry.model.title, "", url)
    return Ref(link.title or link.url or "", "", link.url)


def lifecycle(site: Site, published: dt.date, d: Decision) -> tuple[Step, ...]:
    """The dated steps: listed, draft, consultation, feedback, review, decision (future ones marked)."""
    as_of, steps = site.as_of, [(published, Sentence("列入年度重大行政决策事项目录并公布。"))]
    if d.draft and d.draft.policy:
        steps.append((site.content.policies[d.draft.policy].model.published,
                      Sentence("公布决策草案", ref_to(site, d.draft.policy), "。")))
    if c := d.consultation:
        via = f"，意见反馈渠道：{'、'.join(c.channels)}" if c.channels else ""
        steps.append((c.start, Sentence(f"公开征求意见{via}。")))
        steps.append((c.end, Sentence("征求意见截止。")))
    if f := d.feedback:
        steps.append((f.published, Sentence(f"公布意见收集和采纳情况：收到意见{f.received}条，采纳{f.adopted}条。")))
    if d.reviewed:
        steps.append((d.reviewed, Sentence("提请审议。")))
    if d.decision:
        steps.append((site.content.policies[d.decision].model.published,
                      Sentence("作出决策，印发", ref_to(site, d.decision), "。")))
    steps.sort(key=lambda s: s[0])
    return tuple(Step(day, s, day > as_of) for day, s in steps)


def decision_view(site: Site, entry: Entry, d: Decision) -> DecisionView:
    orgs, c = site.content.organizations, d.consultation
    days_left = (c.end - site.as_of).days if c and is_open(d, site.as_of) else None
    return DecisionView(entry.id, d, f"{catalog_url(entry.id)}{d.id}/", orgs[d.owner].name if d.owner in orgs else d.owner,
                        STAGE_LABELS[d.stage], link_ref(site, d.draft) if d.draft else None,
                        tuple(link_ref(site, e) for e in d.explanations),
                        ref_to(site, d.decision) if d.decision else None,
                        consultation_days(c.start, c.end) if c else None, days_left,
                        lifecycle(site, entry.model.published, d))


def catalog_url(catalog_id: str) -> str:
    """The page of one year's decision catalog (``content/decisions/<id>.yml``); its decisions below it."""
    return f"decisions/{catalog_id}/"


def catalogs(site: Site) -> list[Entry]:
    """Catalogs published by the as-of date, newest year first."""
    return sorted((e for e in site.content.of("decision").values() if is_published(e.model, site.as_of)),
                  key=lambda e: e.id, reverse=True)


def catalog_title(site: Site, entry: Entry) -> str:
    org = site.content.organizations.get(site.config.organization)
    return entry.model.title or f"{org.name if org else ''}{entry.id}年度重大行政决策事项目录"


# --- pages --------------------------------------------------------------------------------

def build_decision_pages(site: Site, meta: Callable[..., dict]) -> list:
    """decisions/, decisions/open/, and each year's catalog and decisions; nothing without catalogs."""
    entries = catalogs(site)
    if not entries:
        return []
    views = {e.id: [decision_view(site, e, d) for d in e.model.decisions] for e in entries}
    column = "重大行政决策"

    def page(url: str, title: str, template: str, date=None, **context) -> OutputPage:
        fragment = render(template, url, title=title, as_of=site.as_of, **context)
        return OutputPage(url, title, fragment, "",
                          meta(column=column, column_type="重大行政决策", title=title, date=date))

    years = [(e.id, catalog_title(site, e), catalog_url(e.id), len(views[e.id])) for e in entries]
    opened = sorted((v for vs in views.values() for v in vs if v.days_left is not None),
                    key=lambda v: (v.d.consultation.end, v.d.id))
    pages = [page("decisions/", "重大行政决策", "decisions.html", years=years, open_count=len(opened)),
             page("decisions/open/", "正在征求意见", "decision_open.html", items=opened)]
    for e in entries:
        title = catalog_title(site, e)
        pages.append(page(catalog_url(e.id), title, "decision_catalog.html", e.model.published,
                          items=views[e.id], published=e.model.published))
        pages += [page(v.url, v.d.name, "decision.html", e.model.published, v=v, catalog=(title, catalog_url(e.id)))
                  for v in views[e.id]]
    return pages
