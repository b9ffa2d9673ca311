"""Markdown bodies of 1,500-4,000 characters made of plausible official sentences.

A body is a list of blocks (paragraphs, headings, tables) joined by blank
lines; blocks are added until a length drawn from the seed is reached, so
every body stays inside the range without trimming text mid-sentence.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from corpus_vocab import (CHAPTERS, CLAUSE_ACTIONS, CLAUSE_SUBJECTS, HEADINGS_OPINION, LAWS, LEADS, NUMERALS,
                   OBJECTS, PURPOSES, TABLE_DEADLINES, TABLE_TASKS, TAILS, VERBS)

MIN_CHARS, MAX_CHARS = 1500, 4000
_TARGET_LOW, _TARGET_HIGH = 1700, 3200   # room for one more block and the closing


@dataclass
class BodySpec:
    """What a body is about; built by the corpus generator from a document's metadata."""

    style: str                      # measures · opinion · repeal · invalidate · amend
    subject: str
    issuer: str                     # full name of the (first) issuer, for the signature
    written: dt.date
    effective: dt.date
    expires: dt.date | None = None
    table: bool = False
    units: list[str] = field(default_factory=list)            # short names for 责任单位
    targets: list[tuple[str, str]] = field(default_factory=list)  # (title, 文号) acted upon


def cn_date(day: dt.date) -> str:
    """``2021-03-04`` -> ``2021年3月4日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def _sentence(rng: random.Random, s: str) -> str:
    obj = rng.choice(OBJECTS).format(s=s)
    return f"{rng.choice(LEADS)}{rng.choice(VERBS)}{obj}，{rng.choice(TAILS)}。"


def _paragraph(rng: random.Random, s: str, sentences: int = 3) -> str:
    return "".join(_sentence(rng, s) for _ in range(sentences))


def _clause(rng: random.Random) -> str:
    return f"{rng.choice(CLAUSE_SUBJECTS)}{rng.choice(CLAUSE_ACTIONS)}。"


def _table(rng: random.Random, spec: BodySpec) -> str:
    rows = ["| 序号 | 工作任务 | 责任单位 | 完成时限 |", "| --- | --- | --- | --- |"]
    units = spec.units or ["各有关单位"]
    for i, task in enumerate(rng.sample(TABLE_TASKS, rng.randint(3, 7)), start=1):
        rows.append(f"| {i} | {spec.subject}{task} | {rng.choice(units)} | {rng.choice(TABLE_DEADLINES)} |")
    return "\n".join(rows)


def _target_table(spec: BodySpec) -> str:
    rows = ["| 序号 | 文件名称 | 发文字号 |", "| --- | --- | --- |"]
    for i, (title, number) in enumerate(spec.targets, start=1):
        rows.append(f"| {i} | {title} | {number or '无'} |")
    return "\n".join(rows)


class _Blocks:
    """Blocks of Markdown and their running length."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.length = 0

    def add(self, block: str) -> None:
        self.items.append(block)
        self.length += len(block) + 2

    def text(self) -> str:
        return "\n\n".join(self.items) + "\n"


def _intro(rng: random.Random, spec: BodySpec) -> str:
    purpose = rng.choice(PURPOSES).format(s=spec.subject)
    law = rng.choice(LAWS)
    return f"为{purpose}，根据《{law}》等有关法律法规规定，结合本市实际，制定本文件。"


def _measures(rng: random.Random, spec: BodySpec, out: _Blocks, target: int) -> int:
    """Chapters (第一章 总则) of numbered articles (第一条); returns the next article number."""
    article = 1
    chapters = CHAPTERS[:-1]
    for chapter_no, chapter in enumerate(chapters):
        out.add(f"## 第{NUMERALS[chapter_no]}章 {chapter}")
        last = chapter_no == len(chapters) - 1
        count = 0
        while count < rng.randint(2, 4) or (last and out.length < target and article < 60):
            text = _intro(rng, spec) if article == 1 else _clause(rng) + _sentence(rng, spec.subject)
            out.add(f"**第{_article_numeral(article)}条** {text}")
            article += 1
            count += 1
        if spec.table and chapter_no == 1:
            out.add(_table(rng, spec))
        if out.length >= target:
            break
    out.add(f"## 第{NUMERALS[chapter_no + 1]}章 附则")
    return article


def _article_numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


def _opinion(rng: random.Random, spec: BodySpec, out: _Blocks, target: int) -> None:
    """Sections (一、总体要求) of numbered points (（一）**……。**)."""
    for i, heading in enumerate(HEADINGS_OPINION):
        out.add(f"## {NUMERALS[i]}、{heading}")
        last = i == len(HEADINGS_OPINION) - 1
        j = 0
        while j < rng.randint(2, 4) or (last and out.length < target and j < len(NUMERALS)):
            out.add(f"（{NUMERALS[j]}）**{rng.choice(VERBS)}{rng.choice(OBJECTS).format(s=spec.subject)}。**"
                    + _paragraph(rng, spec.subject, rng.randint(2, 3)))
            j += 1
        if spec.table and i == 1:
            out.add(_table(rng, spec))
        if out.length >= target:
            return


def _acting_intro(rng: random.Random, spec: BodySpec, out: _Blocks) -> None:
    if spec.style in ("repeal", "invalidate"):
        verb = "废止" if spec.style == "repeal" else "宣布失效"
        out.add("为维护法制统一，根据《清源市行政规范性文件管理办法》有关规定，"
                "对现行行政规范性文件进行了全面清理。"
                f"经研究，决定{verb}以下{len(spec.targets)}件行政规范性文件，自本决定施行之日起不再执行：")
        out.add(_target_table(spec))
        return
    title, number = spec.targets[0]
    out.add(f"经研究，决定对《{title}》（{number or '无文号'}）作如下修改：")
    for i in range(rng.randint(2, 5)):
        out.add(f"{NUMERALS[i]}、将第{_article_numeral(rng.randint(2, 20))}条修改为：“{_clause(rng)}”")
    out.add("本决定自施行之日起生效。原文件根据本决定作相应修改，重新公布。")


def _closing(spec: BodySpec, style: str) -> str:
    word = "本办法" if style == "measures" else "本文件"
    text = f"{word}自{cn_date(spec.effective)}起施行"
    if spec.expires:
        text += f"，有效期至{cn_date(spec.expires)}"
    return text + "。"


def make_body(rng: random.Random, spec: BodySpec) -> str:
    """The Markdown body for ``spec``: headings, numbered clauses, sometimes a table."""
    out = _Blocks()
    target = rng.randint(_TARGET_LOW, _TARGET_HIGH)
    if spec.style in ("repeal", "invalidate", "amend"):
        _acting_intro(rng, spec, out)
    if spec.style == "measures":
        article = _measures(rng, spec, out, target)
        out.add(f"**第{_article_numeral(article)}条** {_closing(spec, 'measures')}")
    else:
        if spec.style == "opinion":
            out.add(_intro(rng, spec).replace("制定本文件", "提出如下意见"))
        _opinion(rng, spec, out, target)
        out.add(_closing(spec, spec.style))
    out.add(f"{spec.issuer}  \n{cn_date(spec.written)}")
    return out.text()
