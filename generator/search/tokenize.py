"""Text folding and tokenization shared by the index builder and the query path.

Every rule here is mirrored line for line in ``theme/assets/javascripts/search.js``
(``fold``, ``compact``, ``termsOf``, ``queryParts``); change both together.

* Folding maps one character to exactly one character (so positions survive):
  full-width ASCII (U+FF01..U+FF5E) to half-width, ASCII upper to lower case.
  No Unicode normalization: old browsers lack ``String.prototype.normalize``.
* Han characters are the BMP ranges in ``HAN``; a run of two or more gives its
  character bigrams, so every Han substring of length >= 2 in a document is a
  conjunction of bigrams the document holds (recall is complete by construction).
* Latin letters and digits form whole tokens (``gb``, ``2017``, ``47``).
* A title also gives each of its Han characters as a term, so that a query of one
  character (税) finds the titles holding it, and the bigrams across its punctuation
  (“一老一小”整体 gives 小整), so that it is found typed without quotes (``title_terms``);
  a body does neither (that would add a posting per distinct character of every body).
* Everything else (brackets 〔〕[]()（）, punctuation, spaces) separates tokens,
  which is why 文号 variants 国办发〔2017〕47号 / [2017] / (2017) / 2017 agree.
* A question is a query too: ``strip_question`` turns the question words of
  ``QUESTION_WORDS`` (and a final 吗/呢/么/吧, and question marks) into spaces, so
  人才补贴怎么申请 is the two phrases 人才补贴 and 申请, each matched as a phrase.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"[{HAN}]+")
ALNUM_RUN = re.compile(r"[a-z0-9]+")
# Latin/digit runs before folding: ASCII and full-width letters and digits.
RAW_ALNUM_RUN = re.compile("[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
KEPT = re.compile(f"[{HAN}a-z0-9]")
DROPPED = re.compile(f"[^{HAN}a-z0-9]+")  # what compact() leaves out
# 文号 digits joined across brackets: 〔2017〕47 -> "201747", for queries typed without brackets.
DOCNUM_DIGITS = re.compile(r"[a-z0-9]+(?:[^a-z0-9" + HAN + r"]+[a-z0-9]+)+")

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})
_FOLD.update({0xFF21 + i: ord("a") + i for i in range(26)})  # full-width capitals straight to lower
_FOLD[0x3000] = 0x20

MAX_QUERY_TERMS = 16
# Words that ask rather than name (content-independent, kept short on purpose): each is
# dropped from a query, splitting it there. Longer words first (是多少 before 多少).
# Left out on purpose: 办理, 申请, 条件, 流程, 材料 (what a citizen asks about is also what
# documents are titled with), 的 (inside names: 人民政府的), single characters other than
# the final particles (什/哪/谁 sit inside names too).
QUESTION_WORDS = ("可不可以", "能不能", "是不是", "有没有", "是多少", "有哪些", "在哪里", "在哪儿", "怎么办",
                  "怎么样", "为什么", "请问", "怎么", "如何", "怎样", "哪里", "哪些", "什么", "多少", "能否",
                  "可以", "需要", "是否", "几天", "多久")
QUESTION = re.compile("|".join(QUESTION_WORDS) + r"|[吗呢么吧](?=\s|$)")

_HAN_UNIT = np.zeros(0x10000, dtype=bool)   # UTF-16 code unit -> is a Han character (HAN)
for _lo, _hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
    _HAN_UNIT[_lo:_hi + 1] = True
PAIR = re.compile("..", re.S)
_NO_COUNTS = np.zeros(0, dtype=np.int64)
_VECTOR_FROM = 200  # characters: below this, plain Python counts faster


def fold(text: str) -> str:
    """Map full-width ASCII to half-width and A-Z to a-z, one character for one."""
    return text.translate(_FOLD)


def bigrams(run: str) -> list[str]:
    """The overlapping character bigrams of a Han run (none for a single character)."""
    return list(map(str.__add__, run[:-1], run[1:]))


def han_bigram_counts(text: str) -> tuple[list[str], "np.ndarray"]:
    """The distinct Han bigrams of a text (in code point order) and how often each occurs.

    Vectorized (this is most of the index build): the text as UTF-16 code units,
    a lookup table marks Han units, each adjacent Han pair becomes one 32-bit key
    (first unit high), and one sort counts them. Only the distinct bigrams
    become Python strings. Han is BMP-only, so a code unit is a character here.
    """
    units = np.frombuffer(text.encode("utf-16-be", "surrogatepass"), ">u2")
    han = _HAN_UNIT[units]
    pair = han[:-1] & han[1:]
    if not pair.any():
        return [], _NO_COUNTS
    wide = units.astype(np.uint32)
    keys = ((wide[:-1] << 16) | wide[1:])[pair]
    keys.sort()
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    counts = np.diff(np.append(starts, len(keys)))
    names = keys[starts].astype(">u4").tobytes().decode("utf-16-be")
    return PAIR.findall(names), counts


def count_terms(text: str) -> Counter[str]:
    """Term frequencies of a text: Han bigrams plus whole (folded) Latin/digit tokens."""
    if len(text) >= _VECTOR_FROM:
        names, counts = han_bigram_counts(text)
        result: Counter[str] = Counter(dict(zip(names, counts.tolist())))
        result.update(fold(token) for token in RAW_ALNUM_RUN.findall(text))
        return result
    return _count_terms_small(text)


def _count_terms_small(text: str) -> Counter[str]:
    """count_terms for short texts (titles, issuers), where numpy's per-call cost dominates:
    the Han runs are joined by NUL so one C-level pass counts every bigram, then the
    few bigrams that straddle a NUL are removed."""
    runs = HAN_RUN.findall(text)
    joined = "\0".join(runs)
    counts: Counter[str] = Counter(map(str.__add__, joined[:-1], joined[1:]))
    for run in runs:
        counts.pop("\0" + run[0], None)
        counts.pop(run[-1] + "\0", None)
    counts.update(fold(token) for token in RAW_ALNUM_RUN.findall(text))
    return counts


def term_set(text: str) -> set[str]:
    """The distinct terms of a text."""
    return set(count_terms(text))


def title_chars(title: str) -> set[str]:
    """The single Han characters of a title: terms for one-character queries (税)."""
    return set("".join(HAN_RUN.findall(title)))


def title_terms(title: str) -> set[str]:
    """The terms of a title: its own, those of its compact form (村集体“三资”管理规定 also
    gives 体三 and 资管, so the title typed without its quotes is found), and its characters."""
    return term_set(title) | term_set(DROPPED.sub("", fold(title))) | title_chars(title)


def docnum_terms(doc_number: str) -> set[str]:
    """Terms of a 文号: its ordinary terms plus its digit groups joined (〔2017〕47 -> 201747)."""
    folded = fold(doc_number)
    joined = {re.sub(r"[^a-z0-9]", "", m) for m in DOCNUM_DIGITS.findall(folded)}
    return term_set(folded) | joined


def compact(text: str) -> tuple[str, list[int]]:
    """The folded text with only Han, a-z and 0-9 kept, and each kept char's original index.

    Phrases are verified and highlighted in this space, so 〔2017〕 and (2017)
    and 2017 all compare equal.
    """
    folded = fold(text)
    chars: list[str] = []
    where: list[int] = []
    for m in KEPT.finditer(folded):
        chars.append(m.group())
        where.append(m.start())
    return "".join(chars), where


@dataclass(frozen=True)
class QueryPart:
    """One whitespace-separated part of a query: its compact phrase and its index terms."""

    phrase: str
    cover: tuple[str, ...]   # bigrams at even offsets (+ the last) and alnum tokens
    rest: tuple[str, ...]    # the other bigrams: fetched too while under MAX_QUERY_TERMS; they narrow
                             # the candidates (and the 约 count) but do not score


def parse_part(raw: str) -> QueryPart:
    """Split one query part into the terms that must all be present in a matching doc."""
    folded = fold(raw)
    cover: list[str] = []
    rest: list[str] = []
    phrase = compact(raw)[0]
    if len(phrase) == 1 and phrase >= "\u3400":  # one Han character: looked up in the titles
        return QueryPart(phrase, (phrase,), ())
    for m in re.finditer(f"[{HAN}]+|[a-z0-9]+", folded):
        run = m.group()
        if run[0] < "\u3400":  # a Latin/digit token is looked up whole
            cover.append(run)
            continue
        grams = bigrams(run)
        for i, gram in enumerate(grams):
            on_cover = i % 2 == 0 or i == len(grams) - 1
            (cover if on_cover else rest).append(gram)
    return QueryPart(phrase, tuple(cover), tuple(rest))


def strip_question(query: str) -> str:
    """The query less its question words (each becomes a space, splitting the phrase there);
    the query itself unless a part of two characters or more is left (如何 finds 如何, and
    企业如何 finds 企业如何, not every 企)."""
    stripped = QUESTION.sub(" ", fold(query).replace("?", " "))  # ？ folds to ?
    return stripped if any(len(compact(raw)[0]) > 1 for raw in stripped.split()) else query


def parse_query(query: str) -> tuple[list[QueryPart], list[str]]:
    """Parts of a query and the terms to look up (cover terms first, at most MAX_QUERY_TERMS).

    Question words go first (``strip_question``). Fetching every bigram would be
    exact but costly for long phrases; the cover alone already implies every
    character of the phrase is present, and the final check is the phrase
    against the document's text.
    """
    parts = [parse_part(raw) for raw in strip_question(query).split()]
    parts = [p for p in parts if p.phrase]
    terms: list[str] = []
    for group in ([t for p in parts for t in p.cover], [t for p in parts for t in p.rest]):
        for term in group:
            if term not in terms and len(terms) < MAX_QUERY_TERMS:
                terms.append(term)
    return parts, terms


def scored_terms(parts: list[QueryPart], terms: list[str]) -> set[str]:
    """The looked-up terms that score: those on some part's cover (the others only narrow).

    The cover already holds every character of a phrase, so ranking by it alone loses
    nothing a reader would see; and the first result is then known once the cover's
    shards are in, before the other bigrams' shards (see ``query.Index.candidates``).
    """
    cover = {t for p in parts for t in p.cover}
    return {t for t in terms if t in cover}


def exact_by_index(parts: list[QueryPart], terms: list[str]) -> bool:
    """Whether a query's candidates are exactly its matches, with no phrase check needed.

    True when every part is one index term (a Han bigram or a whole Latin/digit
    token) that was looked up. Otherwise a document can hold every bigram of a
    phrase without the phrase (清源市 … 交通运输局), so a count of candidates is
    only an upper bound until each has been checked against its text.
    """
    return all(not p.rest and len(p.cover) == 1 and p.cover[0] == p.phrase and p.phrase in terms
               for p in parts)
