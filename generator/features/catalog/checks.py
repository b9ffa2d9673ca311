"""Cross-file checks of the standard catalog and the Q&A library (listed in this feature's ``FEATURE``).

Errors: an unknown organization, policy, page or topic. Warnings: a channel outside the
standard guidelines' vocabulary, a topic that matches no published document, and the coverage report (items linking to
nothing, or to stale information; see :mod:`generator.features.catalog.catalog`).
"""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from .catalog import coverage_problems, published_docs, section_titles, topic_matches
from ...channels import canonical_channel, canonical_channels, nearest_channel
from ...content import Content, Entry
from ...errors import Problem
from ...model.record import RECORD_TYPE
from ...topics import known_topics, suggest_topic
from ...validate import policy_problem


def check_catalog_owners(content: Content, as_of: dt.date) -> Iterator[Problem]:
    for entry in content.of("catalog").values():
        for i, item in enumerate(entry.model.items):
            if item.owner not in content.organizations:
                yield entry.at("items", i, "owner", problem_key="owner",
                               zh=f"机构 {item.owner} 不在 organizations.yml 中；请检查拼写或先在 organizations.yml 中添加它",
                               en=f"organization {item.owner} is not in organizations.yml; "
                                  f"check the spelling or add it there")


def check_catalog_channels(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """A channel in none of the guidelines' wordings: shown as written, with the nearest known one."""
    for entry in content.of("catalog").values():
        for i, item in enumerate(entry.model.items):
            for j, channel in enumerate(item.channels):
                if canonical_channel(channel) is None:
                    yield _unknown_channel(entry, ("items", i, "channels", j), channel)


def _unknown_channel(entry: Entry, key: tuple, channel: str) -> Problem:
    known = canonical_channels()
    close = nearest_channel(channel)
    hint_zh = f"是否应为 {close}？" if close else "如无对应渠道，请写“其他”；"
    hint_en = f"did you mean {close}? " if close else "if none fits, write 其他; "
    return entry.at(*key, warning=True,
                    zh=f"未知的公开渠道 {channel}，将按原文显示；{hint_zh}标准指引的渠道有：{'、'.join(known)}"
                       f"（写法不限全角半角括号和“/”“、”）",
                    en=f"unknown channel {channel}, shown as written; {hint_en}the standard guidelines' channels "
                       f"are: {', '.join(known)} (full- or half-width brackets and / or 、 alike)")


def check_catalog_links(content: Content, as_of: dt.date) -> Iterator[Problem]:
    pages, records, sections = content.of("page"), content.of(RECORD_TYPE), section_titles(content)
    for entry in content.of("catalog").values():
        for i, item in enumerate(entry.model.items):
            for j, link in enumerate(item.links):
                key = ("items", i, "links", j, link.kind)
                if link.policy is not None:
                    yield from policy_problem(entry, key, content, link.policy)
                elif link.page is not None and link.page not in pages:
                    yield entry.at(*key, problem_key="links.page",
                                   zh=f"找不到页面 {link.page}；请检查编号（pages/ 下的文件名去掉 .md）",
                                   en=f"no page {link.page}; check the id (the file name under pages/ without .md)")
                elif link.record is not None and link.record not in records:
                    yield entry.at(*key, problem_key="links.record",
                                   zh=f"找不到信息条目 {link.record}；请检查编号（栏目文件夹下的文件名去掉 .md）",
                                   en=f"no record {link.record}; check the id (the file name in its section's "
                                      f"folder without .md)")
                elif link.section is not None and link.section not in sections:
                    known = "、".join(sections)
                    yield entry.at(*key, problem_key="links.section",
                                   zh=f"没有信息条目栏目 {link.section}；请改为以下之一：{known}",
                                   en=f"no records section {link.section}; use one of: {known.replace('、', ', ')}")


def check_catalog_topics(content: Content, as_of: dt.date) -> Iterator[Problem]:
    topics = known_topics(content.root)
    docs = published_docs(content, as_of)
    for entry in content.of("catalog").values():
        for i, item in enumerate(entry.model.items):
            for j, link in enumerate(item.links):
                for k, topic in enumerate(link.topics or ()):
                    key = ("items", i, "links", j, "topics", k)
                    if topic not in topics:
                        yield _unknown_topic(entry, key, topic, topics)
                    elif not any(topic_matches(d.topics, topic) for d in docs.values()):
                        yield entry.at(*key, problem_key="links.topics", warning=True,
                                       zh=f"主题分类 {topic} 下没有已公开的文件；请检查主题，或改为链接具体文件",
                                       en=f"topic {topic} matches no published document; check the topic or "
                                          f"link the documents themselves")


def _unknown_topic(entry: Entry, key: tuple, topic: str, topics: frozenset[str]) -> Problem:
    close = suggest_topic(topic, topics)
    hint_zh = f"是否应为 {close}？" if close else "请使用 一级\\二级 形式的国务院主题分类，或在 topics.yml 中添加"
    hint_en = f"did you mean {close}?" if close else "use a State Council topic written 一级\\二级, or add it to topics.yml"
    return entry.at(*key, problem_key="links.topics", zh=f"未知的主题分类 {topic}；{hint_zh}",
                    en=f"unknown topic {topic}; {hint_en}")


def check_catalog_coverage(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """The coverage report: every catalog item should link to current, published information."""
    yield from coverage_problems(content, as_of)
