"""Build the sharded static search index (our own format; lunr is not used).

Why not lunr: lunr.py serializes one monolithic index (inverted index with
per-term field/position data plus the field vectors of every document) that the
browser must download and load whole; Material's lunr index at 3,000 documents
was 91 MB (11.7 MB gzipped) and took 45-88 s to load. This format lets a cold
query fetch only a manifest, the doc attributes, one shard per query term and
the documents it displays: 58-133 KB gzipped at 10,000 documents of 1,500-4,000
characters (figures in ``benchmarks/search_bench.py``). jieba is not used either:
bigrams already give complete substring recall, and segmenting 30 M characters
would cost more than the whole build budget.

Build time: ~35-55 s at 10,000 documents in pure Python, over the ~20 s target.
The cost is per posting (15.5 M of them): bigram creation and appends to ~900k
lists, both memory-bound. Ways forward, in order of payoff: cache each
document's term map by a hash of its fields between builds (daily rebuilds
change few documents); split the documents over processes and merge per shard;
or a vectorized inversion (numpy, not a dependency today).

Layout written under ``out_dir`` (the site's ``search/`` folder)::

    manifest.json      {"v", "docs", "shards", "pageSize", "facets": {status, genre, year, issuer}}
    attrs.json         per-doc facet codes: {"s": str, "g": str, "y": str, "i": [int | [int]]}
    t/<xxx>.json       {term: [[doc, Δdoc, ...], [code, ...]]} for terms whose FNV-1a hash
                       (over UTF-16 code units) mod shards is xxx (hex, 3 digits)
    d/<id>.json        one document: url, title, 文号, issuer, keywords, status, date, body

Doc ids are assigned newest first (date descending, then URL), so ties in
score rank newer documents first. A posting ``code`` packs the fields a term
occurs in (see ``FIELD_BITS``) and the body frequency, so that the very common
body-only, once-only posting is written as the single digit ``0``.
"""
from __future__ import annotations

import gc
import json
import shutil
import time
import zlib
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path
from typing import Iterable

from .tokenize import count_terms, docnum_terms, term_set

TF_MASK = 7         # low 3 bits: min(body frequency, 8) - 1
NO_BODY = 8         # the term is not in the body
TITLE, DOC_NUMBER, ISSUER, KEYWORDS = 16, 32, 64, 128
FIELD_BITS = {"title": TITLE, "doc_number": DOC_NUMBER, "issuer": ISSUER, "keywords": KEYWORDS}
STATUS_ORDER = ("in_force", "amended", "pending", "repealed", "expired")
KIND_LABELS = {"interpretation": "政策解读", "qa": "政策问答", "page": "页面", "policy": "政策文件"}
CODE_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
NONE_CHAR = "-"
POSTINGS_PER_SHARD = 1500   # average; sets the shard count (a power of two)
PAGE_SIZE = 10


@dataclass(frozen=True)
class SearchDoc:
    """One search result: a policy, an interpretation, a Q&A entry or a page."""

    url: str            # site-relative URL, e.g. "policies/qh-2023-001/" (no leading slash)
    kind: str           # "policy" | "interpretation" | "qa" | "page"
    title: str
    text: str           # plain-text body (already stripped of HTML)
    doc_number: str = ""
    issuer: str = ""    # display names, joined with "、"
    keywords: tuple[str, ...] = ()
    status: str = ""    # pending/in_force/amended/repealed/expired or "" for non-policies
    status_label: str = ""  # 尚未生效/现行有效/已修改/已废止/已失效
    genre: str = ""     # regulation/normative/other or ""
    genre_label: str = ""
    date: str = ""      # YYYY-MM-DD


@dataclass(frozen=True)
class SearchStats:
    """What a build wrote and how long it took."""

    docs: int
    terms: int
    postings: int
    shards: int
    files: int
    bytes: int
    seconds: float


def order_docs(docs: Iterable[SearchDoc]) -> list[SearchDoc]:
    """Docs in id order: newest date first, then by URL (deterministic)."""
    by_url = sorted(docs, key=lambda d: d.url)
    return sorted(by_url, key=lambda d: d.date, reverse=True)


def doc_codes(doc: SearchDoc) -> dict[str, int]:
    """Each term of a document with its posting code (fields and body frequency)."""
    codes = {t: min(c, 8) - 1 for t, c in count_terms(doc.text).items()}
    fields = ((TITLE, term_set(doc.title)), (DOC_NUMBER, docnum_terms(doc.doc_number)),
              (ISSUER, term_set(doc.issuer)), (KEYWORDS, term_set(" ".join(doc.keywords))))
    for bit, terms in fields:
        for term in terms:
            codes[term] = codes.get(term, NO_BODY) | bit
    return codes


def posting_values(doc_id: int, codes: dict[str, int]) -> list[int]:
    """What each term's list gets for this doc: the doc id itself when the code is 0
    (the common case, a shared int object), else ``-(doc_id * 256 + code) - 1``."""
    base = -(doc_id << 8) - 1
    return [doc_id if code == 0 else base - code for code in codes.values()]


def collect_postings(docs: list[SearchDoc]) -> defaultdict[str, list[int]]:
    """Term -> posting values (see ``posting_values``) in doc id order.

    This loop is memory-latency bound (~15 million appends to ~900,000 lists at
    10,000 documents, ~0.5 µs each), so it is one C-level ``map`` per document
    with one append per posting.
    """
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for doc_id, doc in enumerate(docs):
        codes = doc_codes(doc)
        values = posting_values(doc_id, codes)
        deque(map(list.append, map(postings.__getitem__, codes), values), maxlen=0)
    return postings


def encode_postings(values: list[int]) -> list[list[int]]:
    """[[Δdoc, ...], [code, ...]]: doc ids delta-encoded, codes (mostly 0) aligned."""
    ids = [v if v >= 0 else (-v - 1) >> 8 for v in values]
    codes = [0 if v >= 0 else (-v - 1) & 255 for v in values]
    return [list(map(int.__sub__, ids, chain((0,), ids))), codes]


def fnv1a(term: str) -> int:
    """32-bit FNV-1a over UTF-16 code units (what JavaScript's charCodeAt sees)."""
    h = 0x811C9DC5
    data = term.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def shard_count(postings_total: int) -> int:
    """A power of two giving about POSTINGS_PER_SHARD postings per shard (16..4096)."""
    n = 16
    while n < 4096 and postings_total / n > POSTINGS_PER_SHARD:
        n *= 2
    return n


def shard_name(term: str, shards: int) -> str:
    """The file (relative to the index root) holding a term's postings."""
    return f"t/{fnv1a(term) % shards:03x}.json"


def split_shards(postings: dict[str, list[int]], shards: int) -> dict[str, dict[str, list[list[int]]]]:
    """Group the encoded postings by shard file name."""
    out: dict[str, dict[str, list[list[int]]]] = {}
    for term, values in postings.items():
        out.setdefault(shard_name(term, shards), {})[term] = encode_postings(values)
    return out


def dumps(value: object) -> bytes:
    """Deterministic compact JSON (sorted keys, real UTF-8)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def gzip_size(data: bytes) -> int:
    """Bytes on the wire with gzip level 6 (a common server default)."""
    return len(zlib.compress(data, 6)) + 18  # deflate stream + gzip header/trailer


def doc_record(doc: SearchDoc) -> dict[str, object]:
    """What the result list shows of one document (fetched only when displayed)."""
    return {"u": doc.url, "c": doc.kind, "t": doc.title, "n": doc.doc_number, "i": doc.issuer,
            "k": list(doc.keywords), "s": doc.status, "sl": doc.status_label,
            "gl": doc.genre_label or KIND_LABELS.get(doc.kind, ""), "d": doc.date, "x": doc.text}


def genre_key(doc: SearchDoc) -> tuple[str, str]:
    """The genre facet: the policy genre, else the kind (interpretation, qa, page)."""
    if doc.genre:
        return doc.genre, doc.genre_label or doc.genre
    return doc.kind, KIND_LABELS.get(doc.kind, doc.kind)


def issuers_of(doc: SearchDoc) -> list[str]:
    """The individual issuers of a joint document."""
    return [name.strip() for name in doc.issuer.split("、") if name.strip()]


def build_facets(docs: list[SearchDoc]) -> dict[str, list[list[object]]]:
    """Facet values as [id, label, count], in display order."""
    status = Counter((d.status, d.status_label) for d in docs if d.status)
    status_rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    genre = Counter(genre_key(d) for d in docs)
    year = Counter(d.date[:4] for d in docs if d.date)
    issuer = Counter(name for d in docs for name in issuers_of(d))
    return {
        "status": [[s, label, n] for (s, label), n in sorted(status.items(), key=lambda kv: (status_rank.get(kv[0][0], 99), kv[0][0]))],
        "genre": [[g, label, n] for (g, label), n in sorted(genre.items())],
        "year": [[y, y, n] for y, n in sorted(year.items(), reverse=True)],
        "issuer": [[name, name, n] for name, n in sorted(issuer.items(), key=lambda kv: (-kv[1], kv[0]))],
    }


def facet_char(index: dict[str, int], key: str) -> str:
    """One character coding a doc's value in a facet ('-' for none)."""
    return CODE_CHARS[index[key]] if key in index else NONE_CHAR


def build_attrs(docs: list[SearchDoc], facets: dict[str, list[list[object]]]) -> dict[str, object]:
    """Per-doc facet codes, one character (or issuer number) per doc, in doc id order."""
    idx = {name: {str(v[0]): i for i, v in enumerate(values)} for name, values in facets.items()}
    if max(len(idx["status"]), len(idx["genre"]), len(idx["year"])) > len(CODE_CHARS):
        raise ValueError("too many status/genre/year values for one-character codes")
    issuers: list[object] = []
    for d in docs:
        codes = [idx["issuer"][name] for name in issuers_of(d)]
        issuers.append(codes[0] if len(codes) == 1 else codes)
    return {"s": "".join(facet_char(idx["status"], d.status) for d in docs),
            "g": "".join(facet_char(idx["genre"], genre_key(d)[0]) for d in docs),
            "y": "".join(facet_char(idx["year"], d.date[:4]) for d in docs),
            "i": issuers}


def build_files(docs: list[SearchDoc]) -> tuple[dict[str, bytes], int, int, int]:
    """Every index file as bytes by relative path; plus term, posting and shard counts."""
    postings = collect_postings(docs)
    total = sum(map(len, postings.values()))
    shards = shard_count(total)
    facets = build_facets(docs)
    files = {name: dumps(group) for name, group in split_shards(postings, shards).items()}
    files["manifest.json"] = dumps({"v": 1, "docs": len(docs), "shards": shards,
                                    "pageSize": PAGE_SIZE, "facets": facets})
    files["attrs.json"] = dumps(build_attrs(docs, facets))
    for doc_id, doc in enumerate(docs):
        files[f"d/{doc_id}.json"] = dumps(doc_record(doc))
    return files, len(postings), total, shards


def write_search_index(docs: Iterable[SearchDoc], out_dir: Path) -> SearchStats:
    """Write the sharded index into out_dir (replacing an earlier one); return what it wrote."""
    start = time.perf_counter()
    ordered = order_docs(docs)
    gc_was_on = gc.isenabled()
    gc.disable()  # millions of small lists: the cyclic collector would rescan them all, repeatedly
    try:
        files, terms, total, shards = build_files(ordered)
    finally:
        if gc_was_on:
            gc.enable()
    for sub in ("t", "d"):
        shutil.rmtree(out_dir / sub, ignore_errors=True)
        (out_dir / sub).mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out_dir / name).write_bytes(data)
    size = sum(len(b) for b in files.values())
    seconds = time.perf_counter() - start
    return SearchStats(docs=len(ordered), terms=terms, postings=total, shards=shards,
                       files=len(files), bytes=size, seconds=round(seconds, 3))
