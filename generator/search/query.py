"""The query algorithm of ``search.js``, in Python, over the files the builder wrote.

Tests use it to check recall, ranking and highlighting against the real format,
and the benchmark uses ``Index.fetched`` to count the bytes a cold query costs:
the files read here are exactly the files the browser fetches, in the same steps:

1. ``manifest.json`` (shard count, facets), then ``attrs.json`` and one shard
   per query term (at most ``MAX_QUERY_TERMS``), all in parallel in the browser;
2. intersect the postings (every term must occur), drop docs outside the
   filters, score by the fields of the cover terms (``tokenize.scored_terms``),
   rank the documents the query names first (``named``), then current documents
   above repealed/expired ones (``rank_key``);
3. fetch ``d/<id>.json`` for the next candidates in rank order, keep those whose
   text holds every query phrase (bigram conjunction can over-match), and repeat
   until a page is full or the candidates run out;
4. a query of several parts that no document holds whole (question words split a
   question into parts: ``tokenize.strip_question``): the documents holding the
   most parts instead, from the shards already fetched, with ``PARTIAL_NOTICE``.

The browser may fetch one document more. It requests the cover terms' shards
first; once they are in, the leading candidate's document, alone, shown as soon as
its text holds the query (no later term can put another document above it); then
the other terms' shards. When that candidate lacks a later term, its file is extra. Likewise, for more than six cover shards, it requests the
leader of the first six to arrive (see search.js), extra when it is not the final first.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .index import (ALPHABET, BITMAP, CODE_CHARS, CODE_ESCAPES, DOC_NUMBER, FORMAT, ISSUER, KEYWORDS, NO_BODY,
                    TF_MASK, TITLE, shard_name)
from .tokenize import HAN, QueryPart, compact, exact_by_index, fold, parse_query, scored_terms

OLD_STATUSES = ("repealed", "expired")
NOT_KEPT = re.compile(f"[^{HAN}a-z0-9]+")
SNIPPET_BEFORE, SNIPPET_LENGTH = 30, 120
FILTERS = ("status", "genre", "year", "issuer")
PARTIAL_NOTICE = "没有同时包含全部词语的结果，以下为部分匹配"


GROUP = 2048  # above any score (16 terms of at most 111): rank_key's groups never mix


def named(codes: list[int]) -> bool:
    """Whether a document is the one a query names: every scored term in its title, or (two
    terms or more) in its 文号. Such a document comes first, current or not (issue 19: the
    document a query names came behind current notices citing it). Only the scored (cover)
    terms decide, so the first result is still known once their shards are in."""
    return all(c & TITLE for c in codes) or (len(codes) > 1 and all(c & DOC_NUMBER for c in codes))


def rank_key(score: int, old: bool, top: bool) -> int:
    """Higher first: the documents a query names, then current ones, then repealed/expired,
    each group by score (ties: lower doc id, i.e. newer, first)."""
    return (2 if top else 0 if old else 1) * GROUP + score


def weight(code: int) -> int:
    """Score of one term in one doc: fields first, then body frequency (integers, as in JS)."""
    score = 40 if code & TITLE else 0
    score += 32 if code & DOC_NUMBER else 0
    score += 16 if code & KEYWORDS else 0
    score += 12 if code & ISSUER else 0
    if not code & NO_BODY:
        score += 4 + (code & TF_MASK)
    return score


DIGIT = {ch: i for i, ch in enumerate(ALPHABET)}


def decode(postings: list[str]) -> dict[int, int]:
    """A term's ``[doc list, codes]`` (see ``index.encode_postings``) -> {doc id: code}."""
    doc_text, code_text = postings
    docs: list[int] = []
    if doc_text.startswith(BITMAP):
        for cell, ch in enumerate(doc_text[len(BITMAP):]):
            bits = DIGIT[ch]
            docs += [cell * 6 + b for b in range(6) if bits >> b & 1]
    else:
        doc = value = 0
        for ch in doc_text:
            digit = DIGIT[ch]
            value = value * 32 + (digit & 31)
            if digit < 32:
                doc += value
                docs.append(doc)
                value = 0
    codes: list[int] = []
    i = 0
    while i < len(code_text):
        if code_text[i] in CODE_ESCAPES:
            codes.append((CODE_ESCAPES.index(code_text[i]) + 1) * 64 + DIGIT[code_text[i + 1]])
            i += 2
        else:
            codes.append(DIGIT[code_text[i]])
            i += 1
    if len(codes) != len(docs):
        raise ValueError("a posting list with more docs than codes or the reverse")
    return dict(zip(docs, codes))


@dataclass
class Hit:
    """A displayed result: the doc record and its highlighted title and snippet."""

    doc_id: int
    record: dict
    title: list[tuple[str, bool]]
    snippet: list[tuple[str, bool]]
    doc_number: list[tuple[str, bool]] = field(default_factory=list)


@dataclass
class Result:
    """One page of results and the count the page shows.

    ``total`` is the candidates less those rejected so far. It is the number of
    matching documents when ``exact``: the query needs no phrase check
    (``exact_by_index``) or every candidate has been checked; otherwise it is an
    upper bound (the page says 约).
    """

    total: int
    hits: list[Hit] = field(default_factory=list)
    message: str = ""
    exact: bool = True
    suggestions: list[str] = field(default_factory=list)  # close queries, when nothing is found


MAX_SUGGESTIONS = 4
HAN_ONLY = re.compile(f"[{HAN}]{{3,}}")


def find_ranges(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    """Merged [start, end) ranges of text where a phrase occurs (compared compact)."""
    ctext, where = compact(text)
    ranges: list[tuple[int, int]] = []
    for phrase in phrases:
        at = ctext.find(phrase)
        while at >= 0:
            ranges.append((where[at], where[at + len(phrase) - 1] + 1))
            at = ctext.find(phrase, at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(text: str, phrases: list[str], start: int = 0, end: int | None = None) -> list[tuple[str, bool]]:
    """Segments (text, highlighted) of text[start:end], phrases highlighted."""
    end = len(text) if end is None else end
    out: list[tuple[str, bool]] = []
    pos = start
    for a, b in find_ranges(text, phrases):
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        if a > pos:
            out.append((text[pos:a], False))
        out.append((text[a:b], True))
        pos = b
    if pos < end:
        out.append((text[pos:end], False))
    return out


def snippet(text: str, phrases: list[str]) -> list[tuple[str, bool]]:
    """About SNIPPET_LENGTH characters around the first match, matches highlighted."""
    flat = text.replace("\n", " ")
    ranges = find_ranges(flat, phrases)
    start = max(0, ranges[0][0] - SNIPPET_BEFORE) if ranges else 0
    end = min(len(flat), start + SNIPPET_LENGTH)
    segs = mark(flat, phrases, start, end)
    if start > 0:
        segs.insert(0, ("…", False))
    if end < len(flat):
        segs.append(("…", False))
    return segs


def haystack(record: dict) -> str:
    """The compact text a phrase is verified against: every searchable field and the synonyms."""
    fields = [record["t"], record["n"], record["i"], " ".join(record["k"]), record["x"], record.get("a", "")]
    return NOT_KEPT.sub("", fold("\n".join(fields)))  # compact(...)[0], without the positions


class Index:
    """A built index on disk, read the way the browser reads it (recording each file)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.fetched: list[str] = []
        self._cache: dict[str, object] = {}

    def load(self, name: str) -> object:
        """One index file, parsed; recorded in ``fetched`` the first time."""
        if name not in self._cache:
            self.fetched.append(name)
            self._cache[name] = json.loads((self.root / name).read_text("utf-8"))
        return self._cache[name]

    def candidates(self, terms: list[str], filters: dict[str, str], scored: set[str] | None = None) -> list[int]:
        """Doc ids holding every term and passing the filters, in rank order (``rank_key``).

        A doc's score sums the weights of its ``scored`` terms (default: all): the cover
        terms of the query (``tokenize.scored_terms``). The other terms only narrow the
        candidates, so the order of the candidates of the cover terms alone, less those
        lacking another term, is this order: the browser shows the first of them as soon
        as the cover's shards and its document are in and its text holds the query.
        """
        manifest = self.load("manifest.json")
        attrs = self.load("attrs.json")
        scored = set(terms) if scored is None else scored
        lists = [(t in scored, decode(self.load(shard_name(t, manifest["shards"])).get(t, ["", ""])))
                 for t in terms]
        docs = set(min((found for _, found in lists), key=len))
        for _, found in lists:
            docs &= found.keys()
        keep = [doc for doc in docs if self.passes(doc, filters, manifest, attrs)]
        old = {CODE_CHARS[i] for i, v in enumerate(manifest["facets"]["status"]) if v[0] in OLD_STATUSES}
        keys = {}
        for doc in keep:
            codes = [found[doc] for counts, found in lists if counts]
            keys[doc] = rank_key(sum(map(weight, codes)), attrs["s"][doc] in old, named(codes))
        return sorted(keep, key=lambda d: (-keys[d], d))

    @staticmethod
    def passes(doc: int, filters: dict[str, str], manifest: dict, attrs: dict) -> bool:
        """Whether a doc matches every filter (values are facet ids; "" means any)."""
        for name, key in zip(FILTERS, ("s", "g", "y", "i")):
            want = filters.get(name, "")
            if not want:
                continue
            ids = [str(v[0]) for v in manifest["facets"][name]]
            if want not in ids:
                return False
            code = ids.index(want)
            have = attrs[key][doc]
            if name == "issuer":
                if code != have and not (isinstance(have, list) and code in have):
                    return False
            elif have != CODE_CHARS[code]:
                return False
        return True

    def partial_candidates(self, parts: list[QueryPart], terms: list[str], filters: dict[str, str],
                           scored: set[str]) -> tuple[list[int], dict[int, list[str]]]:
        """When no document holds every part: the docs holding some, in rank order, and the
        phrases each holds by the index (every looked-up term of the part).

        Order: more parts first, then current before repealed/expired, then the score of the
        scored terms the doc holds, then doc id. Only the shards already fetched are read.
        """
        manifest = self.load("manifest.json")
        attrs = self.load("attrs.json")
        found = {t: decode(self.load(shard_name(t, manifest["shards"])).get(t, ["", ""])) for t in terms}
        groups = [(p.phrase, [t for t in dict.fromkeys(p.cover + p.rest) if t in found]) for p in parts]
        groups = [(phrase, ts) for phrase, ts in groups if ts]
        held: dict[int, list[str]] = {}
        for doc in sorted(set().union(*(f.keys() for f in found.values()))):
            phrases = [phrase for phrase, ts in groups if all(doc in found[t] for t in ts)]
            if phrases and self.passes(doc, filters, manifest, attrs):
                held[doc] = phrases
        old = {CODE_CHARS[i] for i, v in enumerate(manifest["facets"]["status"]) if v[0] in OLD_STATUSES}
        scores = {doc: sum(weight(found[t][doc]) for t in scored if doc in found[t]) for doc in held}
        ranked = sorted(held, key=lambda d: (-len(held[d]), attrs["s"][d] in old, -scores[d], d))
        return ranked, held

    def search(self, query: str, filters: dict[str, str] | None = None, limit: int | None = None) -> Result:
        """The first page of results (``limit`` verified hits; default the manifest's page size).

        When no document holds every part of a query of several parts, the best partial
        matches instead (``partial_candidates``), with ``PARTIAL_NOTICE``.
        """
        manifest = self.load("manifest.json")
        if manifest["v"] != FORMAT:
            raise ValueError(f"{self.root}: index format {manifest['v']}, this code reads {FORMAT}")
        parts, terms = parse_query(query)
        if not terms:
            return Result(0, message="请输入至少两个汉字，或一个数字、字母词" if parts else "")
        filters = filters or {}
        ranked = self.candidates(terms, filters, scored_terms(parts, terms))
        phrases = [p.phrase for p in parts]
        limit = limit or manifest["pageSize"]
        result = self.page(ranked, lambda doc: phrases, limit, exact_by_index(parts, terms))
        if result.hits or len(parts) < 2:
            return self.with_suggestions(query, result)
        ranked, held = self.partial_candidates(parts, terms, filters, scored_terms(parts, terms))
        result = self.page(ranked, held.__getitem__, limit, False)
        result.message = PARTIAL_NOTICE if result.hits else ""
        return self.with_suggestions(query, result)

    def with_suggestions(self, query: str, result: Result) -> Result:
        """``result``, with ``close_queries`` when it found nothing (what search.js offers)."""
        if not result.hits and result.total == 0:
            result.suggestions = self.close_queries(*parse_query(query))
        return result

    def close_queries(self, parts: list[QueryPart], terms: list[str]) -> list[str]:
        """Shorter queries some document holds, for a query that finds nothing: of each phrase
        of three Han characters or more, the longest beginning and the longest end whose
        bigrams one document holds together (by the index: shards already fetched, filters
        ignored). 养护公租房 -> 养护, 公租房. At most MAX_SUGGESTIONS."""
        manifest = self.load("manifest.json")
        out: list[str] = []
        for part in parts:
            grams = [part.phrase[i:i + 2] for i in range(len(part.phrase) - 1)]
            if not HAN_ONLY.fullmatch(part.phrase) or any(g not in terms for g in grams):
                continue
            held = [set(decode(self.load(shard_name(g, manifest["shards"])).get(g, ["", ""]))) for g in grams]
            for ordered, cut in ((held, lambda k: part.phrase[:k + 2]), (held[::-1], lambda k: part.phrase[-k - 2:])):
                docs: set[int] = set()
                for k, found in enumerate(ordered):
                    docs = found if k == 0 else docs & found
                    if not docs:
                        if k > 0 and cut(k - 1) not in out:
                            out.append(cut(k - 1))
                        break
        return out[:MAX_SUGGESTIONS]

    def page(self, ranked: list[int], phrases_of: Callable[[int], list[str]], limit: int, exact: bool) -> Result:
        """Fetch and check candidates in rank order until ``limit`` hold their phrases."""
        hits: list[Hit] = []
        rejected = pos = 0
        while len(hits) < limit and pos < len(ranked):
            batch = ranked[pos:pos + limit - len(hits)]
            pos += len(batch)
            for doc in batch:
                record = self.load(f"d/{doc}.json")
                hay = haystack(record)
                phrases = phrases_of(doc)
                if all(p in hay for p in phrases):
                    hits.append(Hit(doc, record, mark(record["t"], phrases), snippet(record["x"], phrases),
                                    mark(record["n"], phrases)))
                else:
                    rejected += 1
        return Result(len(ranked) - rejected, hits, exact=exact or pos >= len(ranked))
