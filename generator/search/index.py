"""Build the sharded static search index (our own format; lunr is not used).

Why not lunr: lunr.py serializes one monolithic index (inverted index with
per-term field/position data plus the field vectors of every document) that the
browser must download and load whole; Material's lunr index at 3,000 documents
was 91 MB (11.7 MB gzipped) and took 45-88 s to load. This format lets a cold
query fetch only a manifest, the doc attributes, one shard per query term and
the documents it displays: 34-77 KB gzipped at 10,000 documents of the benchmark
corpus, 56-123 KB on ``benchmarks/search_bench.py``'s harsher one (Pagefind:
212-742 KB for the same queries; figures in benchmarks/README.md, Search). jieba is not used either:
bigrams already give complete substring recall, and segmenting 30 M characters
would cost more than the whole build budget.

Build time (numpy, vectorized; shared 2-core VM, medians): at 10,000 documents
of the benchmark corpus (``benchmarks/corpus.py``: 4,050 terms, 4.2 M postings)
~6 s, was 15 s; on ``benchmarks/search_bench.py``'s harsher corpus (895k terms,
15.5 M postings) ~12-16 s, was 35-55 s.
Where it goes: per-document bigram counting on UTF-16 code units (one numpy
sort per document) and the term dict ``doc_codes`` returns; one sort of every
posting packed into a uint64; the digits of every posting list written in bulk
(``varint_text``, ``code_text``, bitmaps); writing ~14,000 files. ``doc_codes`` is a pure function of one document, so a build
can cache it (``codes_of``) and skip the first part for unchanged documents.

Layout written under ``out_dir`` (the site's ``search/`` folder)::

    manifest.json      {"v", "docs", "shards", "pageSize", "facets": {status, genre, year, issuer}}
    attrs.json         per-doc facet codes: {"s": str, "g": str, "y": str, "i": [int | [int]]}
    t/<xxx>.json       {term: [doc list, codes]} (two strings, see ``encode_postings``) for
                       terms whose FNV-1a hash (over UTF-16 code units) mod shards is xxx
                       (hex, 3 digits); every shard is written, ``{}`` when no term falls in it
    d/<id>.json        one document: url, title, 文号, issuer, keywords, status, date, body,
                       and "a", the synonyms it answers to, when it has any

Doc ids are assigned newest first (date descending, then URL), so ties in
score rank newer documents first. A posting ``code`` packs the fields a term
occurs in (see ``FIELD_BITS``) and the body frequency, so that the very common
body-only, once-only posting is written as the single digit ``0``.

Posting lists are text (format 2), not JSON numbers (format 1): a term in most
documents was "1,1,1,...", "0,0,0,..." (4 bytes a posting) that the server
gzips on every request and the browser parses number by number before it can
rank; as base-32 varints of the gaps (or a bitmap when shorter) and one digit a
code it is 1-2 bytes a posting, and JSON.parse reads each list as one string.
At 10,000 documents: shards 6.2 MB instead of 17.7 MB; the benchmark queries'
shards 393 KB instead of 1,165 KB (150 KB gzipped instead of 178 KB).
"""
from __future__ import annotations

import gc
import json
import re
import shutil
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from ..files import write_files
from .tokenize import PAIR, RAW_ALNUM_RUN, docnum_terms, fold, han_bigram_counts, term_set, title_terms

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
FORMAT = 2          # manifest "v": 2 = postings as text (below); 1 was JSON number arrays
# Postings as text: digits of 6 bits. ALPHABET needs no escaping in JSON.
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
BITMAP = "*"        # a doc list written as a bitmap starts with this
CODE_ESCAPES = "!#$"  # a code >= 64 is CODE_ESCAPES[code // 64 - 1] + ALPHABET[code % 64]
_ALPHA = np.frombuffer(ALPHABET.encode(), dtype=np.uint8)
_NEEDS_ESCAPE = re.compile(r'["\\\x01-\x1f\x7f]')  # characters json.dumps would escape in a term


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
    aliases: str = ""        # synonyms of words the document holds (search_synonyms.py): indexed as body
    title_aliases: str = ""  # synonyms of words its title holds: indexed as title too


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
    """Each term of a document with its posting code (fields and body frequency).

    A pure function of the one document: a build may cache its result per
    document (``write_search_index(..., codes_of=...)``).
    """
    names, counts = han_bigram_counts(doc.text)
    codes = dict(zip(names, (np.minimum(counts, 8) - 1).tolist()))
    tokens: Counter[str] = Counter()
    for token, n in Counter(RAW_ALNUM_RUN.findall(doc.text)).items():  # fold distinct tokens only
        tokens[fold(token)] += n
    for token, n in tokens.items():
        codes[token] = min(n, 8) - 1
    fields = ((TITLE, title_terms(doc.title)), (DOC_NUMBER, docnum_terms(doc.doc_number)),
              (ISSUER, term_set(doc.issuer)), (KEYWORDS, term_set(" ".join(doc.keywords))))
    for bit, terms in fields:
        for term in terms:
            codes[term] = codes.get(term, NO_BODY) | bit
    for term in term_set(doc.aliases):  # as if the body held it once (more when it does)
        codes[term] = codes.get(term, 0) & ~NO_BODY
    for term in term_set(doc.title_aliases):
        codes[term] = codes.get(term, NO_BODY) | TITLE
    return codes


LONG_KEY = 1 << 32   # term keys from here on number the terms that are not two UTF-16 units


@dataclass
class Postings:
    """Every posting of the corpus, grouped by term (terms in key order), docs ascending.

    Term ``t`` owns postings ``start[t]:start[t + 1]``; ``doc`` and ``code`` hold
    one entry per posting. ``keys`` packs a two-unit term's UTF-16 units (first
    unit high), so key order is string order for them; longer or shorter terms
    have keys from ``LONG_KEY`` on, numbered in order of first appearance.
    """

    names: list[str]
    keys: np.ndarray     # uint64, one per term, ascending
    start: np.ndarray    # int64, len(names) + 1
    doc: np.ndarray      # int32 doc ids
    code: np.ndarray     # uint8 posting codes

    @property
    def total(self) -> int:
        return len(self.doc)


def term_keys(terms: list[str], long_ids: dict[str, int]) -> np.ndarray:
    """The key of each term (see ``Postings``); new long terms get the next number."""
    units = np.frombuffer(("\0".join(terms) + "\0").encode("utf-16-be", "surrogatepass"), ">u2")
    ends = np.flatnonzero(units == 0)
    if len(ends) != len(terms):
        raise ValueError("a search term holds a NUL character")
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    wide = units.astype(np.uint64)
    first = wide[starts]
    short = (ends - starts == 2) & ((first < 0xD800) | (first > 0xDFFF))  # no surrogate pair
    keys = np.empty(len(terms), dtype=np.uint64)
    keys[short] = (first[short] << 16) | wide[starts[short] + 1]
    for i in np.flatnonzero(~short).tolist():
        keys[i] = LONG_KEY + long_ids.setdefault(terms[i], len(long_ids))
    return keys


def collect_postings(docs: list[SearchDoc],
                     codes_of: Callable[[SearchDoc], dict[str, int]] = doc_codes) -> Postings:
    """Invert the documents' term codes (docs in id order) into per-term posting lists.

    Vectorized: each document's terms become integer keys, every posting is packed
    into one uint64 (key, doc id, code) and a single sort groups them by term with
    doc ids ascending. No per-posting Python object survives the document loop.
    """
    doc_bits = max(1, (len(docs) - 1).bit_length())
    shift = doc_bits + 8
    if shift + 34 > 64:
        raise ValueError(f"too many documents for the index: {len(docs)}")
    long_ids: dict[str, int] = {}
    packed: list[np.ndarray] = []
    for doc_id, doc in enumerate(docs):
        codes = codes_of(doc)
        if not codes:
            continue
        keys = term_keys(list(codes), long_ids)
        values = np.fromiter(codes.values(), dtype=np.uint64, count=len(codes))
        if values.max() > 255:
            raise ValueError(f"posting code over 255 in {doc.url}")
        packed.append((keys << np.uint64(shift)) | np.uint64(doc_id << 8) | values)
    if len(long_ids) >= 1 << 30:
        raise ValueError("too many distinct long terms for the index")
    flat = np.concatenate(packed) if packed else np.zeros(0, dtype=np.uint64)
    del packed
    flat.sort()
    key = flat >> np.uint64(shift)
    first = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1]))) if len(key) else np.zeros(0, np.int64)
    keys = key[first]
    del key
    doc = ((flat >> np.uint64(8)) & np.uint64((1 << doc_bits) - 1)).astype(np.int32)
    code = (flat & np.uint64(255)).astype(np.uint8)
    total = len(flat)
    del flat
    short = keys < LONG_KEY
    names = PAIR.findall(keys[short].astype(">u4").tobytes().decode("utf-16-be", "surrogatepass"))
    by_id = sorted(long_ids, key=long_ids.__getitem__)
    names += [by_id[k - LONG_KEY] for k in keys[~short].tolist()]
    return Postings(names, keys, np.append(first, total), doc, code)


def varint_text(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every value (>= 0) as a varint of ALPHABET digits, in one buffer, and where each starts.

    A varint is the value's base-32 digits, most significant first; every digit but
    the last has 32 added, so it reads as "more follows" (1 digit below 32, 2 below
    1024, ...). ``offsets`` has one more entry than ``values`` (the end). Vectorized:
    one pass per digit position instead of one string per number.
    """
    v = values.astype(np.int64)
    width = np.ones(len(v), dtype=np.int64)
    rest = v >> 5
    while rest.any():
        width += rest > 0
        rest >>= 5
    offsets = np.zeros(len(v) + 1, dtype=np.int64)
    np.cumsum(width, out=offsets[1:])
    out = np.empty(int(offsets[-1]), dtype=np.uint8)
    at = offsets[1:] - 1            # each value's last digit
    out[at] = _ALPHA[v & 31]
    rest = v >> 5
    more = rest > 0
    at, rest = at[more] - 1, rest[more]
    while len(rest):
        out[at] = _ALPHA[32 | (rest & 31)]
        rest = rest >> 5
        more = rest > 0
        at, rest = at[more] - 1, rest[more]
    return out, offsets


def code_text(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every posting code as one ALPHABET digit (below 64) or an escape and a digit, and offsets."""
    c = codes.astype(np.int64)
    wide = c >= 64
    offsets = np.zeros(len(c) + 1, dtype=np.int64)
    np.cumsum(1 + wide, out=offsets[1:])
    out = np.empty(int(offsets[-1]), dtype=np.uint8)
    out[offsets[1:] - 1] = _ALPHA[c & 63]
    escapes = np.frombuffer(CODE_ESCAPES.encode(), dtype=np.uint8)
    out[offsets[:-1][wide]] = escapes[(c[wide] >> 6) - 1]
    return out, offsets


def encode_postings(docs: list[int], codes: list[int]) -> list[str]:
    """One term's postings as written in a shard: ``[doc list, codes]`` (the plain statement
    of what ``shard_files`` writes in bulk; tests compare the two).

    The doc list is the varints of the gaps (the first doc, then each doc minus the one
    before) or, when shorter, ``BITMAP`` and one digit per 6 docs (bit ``doc % 6`` of digit
    ``doc // 6``, up to the last doc's). The codes follow in doc order (``code_text``).
    """
    def varint(v: int) -> str:
        digits = [v & 31]
        v >>= 5
        while v:
            digits.append(32 | (v & 31))
            v >>= 5
        return "".join(ALPHABET[d] for d in reversed(digits))
    gaps = "".join(varint(d - before) for d, before in zip(docs, [0] + docs[:-1]))
    bits = [0] * (docs[-1] // 6 + 1) if docs else []
    for d in docs:
        bits[d // 6] |= 1 << (d % 6)
    bitmap = BITMAP + "".join(ALPHABET[b] for b in bits)
    text = "".join(ALPHABET[c] if c < 64 else CODE_ESCAPES[c // 64 - 1] + ALPHABET[c % 64] for c in codes)
    return [bitmap if len(bitmap) < len(gaps) else gaps, text]


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


def term_shards(postings: Postings, shards: int) -> np.ndarray:
    """Each term's shard number, ``fnv1a(term) % shards``, vectorized for two-unit terms."""
    keys = postings.keys
    hashes = np.empty(len(keys), dtype=np.uint64)
    short = keys < LONG_KEY
    prime, mask = np.uint64(0x01000193), np.uint64(0xFFFFFFFF)
    h = ((np.uint64(0x811C9DC5) ^ (keys[short] >> np.uint64(16))) * prime) & mask
    hashes[short] = ((h ^ (keys[short] & np.uint64(0xFFFF))) * prime) & mask
    for i in np.flatnonzero(~short).tolist():
        hashes[i] = fnv1a(postings.names[i])
    return (hashes % np.uint64(shards)).astype(np.int64)


def shard_files(postings: Postings, shards: int) -> dict[str, bytes]:
    """The term shards ``t/<xxx>.json`` as bytes: ``{term: [doc list, codes], ...}``, terms
    sorted, each value what ``encode_postings`` gives, exactly what ``dumps`` would write;
    but every term's text is cut from a few buffers built in bulk."""
    names, start, doc = postings.names, postings.start, postings.doc
    shard = term_shards(postings, shards)
    rank = np.empty(len(names), dtype=np.int64)
    rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
    order = np.lexsort((rank, shard)).tolist()
    first, last = start[:-1], start[1:] - 1
    gaps = np.diff(doc, prepend=0).astype(np.int64)
    gaps[first] = doc[first]
    gtext, goff = varint_text(gaps)
    gap_len = goff[start[1:]] - goff[first]
    bitmap_len = 1 + doc[last].astype(np.int64) // 6 + 1
    as_bitmap = bitmap_len < gap_len
    # the bitmaps of the terms that take one: one buffer, each term's digits from boff[t]
    boff = np.zeros(len(names) + 1, dtype=np.int64)
    np.cumsum(np.where(as_bitmap, bitmap_len - 1, 0), out=boff[1:])
    bits = np.zeros(int(boff[-1]), dtype=np.uint8)
    in_bitmap = np.repeat(as_bitmap, np.diff(start))
    if in_bitmap.any():
        owner = np.repeat(np.arange(len(names)), np.diff(start))[in_bitmap]
        cell = boff[owner] + doc[in_bitmap] // 6          # non-decreasing: terms in order, docs ascending
        value = (1 << (doc[in_bitmap] % 6)).astype(np.uint8)
        cuts = np.flatnonzero(np.concatenate(([True], cell[1:] != cell[:-1])))
        bits[cell[cuts]] = np.add.reduceat(value, cuts)   # distinct bits: the sum is the OR
    btext = _ALPHA[bits].tobytes()
    gtext = gtext.tobytes()
    ctext, coff = code_text(postings.code)
    ctext = ctext.tobytes()
    g_from, g_to = goff[first].tolist(), goff[start[1:]].tolist()
    b_from, b_to = boff[:-1].tolist(), boff[1:].tolist()
    c_from, c_to = coff[first].tolist(), coff[start[1:]].tolist()
    bitmapped, mark = as_bitmap.tolist(), BITMAP.encode()
    joined = "\0".join(names)
    if _NEEDS_ESCAPE.search(joined):
        quoted = [json.dumps(name, ensure_ascii=False).encode() for name in names]
    else:
        quoted = [b'"%s"' % name for name in joined.encode().split(b"\0")] if names else []
    files = {f"t/{n:03x}.json": b"{}" for n in range(shards)}  # a term of no document may hash anywhere
    shard_of = shard.tolist()
    parts: list[bytes] = []
    for i, t in enumerate(order):
        docs = mark + btext[b_from[t]:b_to[t]] if bitmapped[t] else gtext[g_from[t]:g_to[t]]
        parts.append(b'%s:["%s","%s"]' % (quoted[t], docs, ctext[c_from[t]:c_to[t]]))
        if i + 1 == len(order) or shard_of[order[i + 1]] != shard_of[t]:
            files[f"t/{shard_of[t]:03x}.json"] = b"{" + b",".join(parts) + b"}"
            parts = []
    return files


def dumps(value: object) -> bytes:
    """Deterministic compact JSON (sorted keys, real UTF-8)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def gzip_size(data: bytes) -> int:
    """Bytes on the wire with gzip level 6 (a common server default)."""
    return len(zlib.compress(data, 6)) + 18  # deflate stream + gzip header/trailer


def doc_record(doc: SearchDoc) -> dict[str, object]:
    """What the result list shows of one document (fetched only when displayed)."""
    record = {"u": doc.url, "c": doc.kind, "t": doc.title, "n": doc.doc_number, "i": doc.issuer,
              "k": list(doc.keywords), "s": doc.status, "sl": doc.status_label,
              "gl": doc.genre_label or KIND_LABELS.get(doc.kind, ""), "d": doc.date, "x": doc.text}
    aliases = " ".join(filter(None, (doc.title_aliases, doc.aliases)))
    if aliases:  # only then: a record without synonyms is as long as before
        record["a"] = aliases
    return record


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


def build_files(docs: list[SearchDoc], codes_of: Callable[[SearchDoc], dict[str, int]] = doc_codes,
                ) -> tuple[dict[str, bytes], int, int, int]:
    """Every index file as bytes by relative path; plus term, posting and shard counts."""
    postings = collect_postings(docs, codes_of)
    shards = shard_count(postings.total)
    facets = build_facets(docs)
    files = shard_files(postings, shards)
    terms, total = len(postings.names), postings.total
    del postings
    files["manifest.json"] = dumps({"v": FORMAT, "docs": len(docs), "shards": shards,
                                    "pageSize": PAGE_SIZE, "facets": facets})
    files["attrs.json"] = dumps(build_attrs(docs, facets))
    for doc_id, doc in enumerate(docs):
        files[f"d/{doc_id}.json"] = dumps(doc_record(doc))
    return files, terms, total, shards


def write_search_index(docs: Iterable[SearchDoc], out_dir: Path, *,
                       codes_of: Callable[[SearchDoc], dict[str, int]] = doc_codes, blobs=None) -> SearchStats:
    """Write the sharded index into out_dir (replacing an earlier one); return what it wrote.

    ``codes_of`` gives each document's term codes; by default ``doc_codes``, and a
    build cache may pass a function that returns a stored result for a document
    it has seen (it must return what ``doc_codes`` would).
    """
    start = time.perf_counter()
    ordered = order_docs(docs)
    gc_was_on = gc.isenabled()
    gc.disable()  # many small objects (doc records, term dicts): nothing cyclic to collect
    try:
        files, terms, total, shards = build_files(ordered, codes_of)
    finally:
        if gc_was_on:
            gc.enable()
    for sub in ("t", "d"):
        if blobs is None:  # (with a build cache the folder is the spare site's: see below)
            shutil.rmtree(out_dir / sub, ignore_errors=True)
        (out_dir / sub).mkdir(parents=True, exist_ok=True)
    # With a build cache (``blobs``) the spare site's index files stay where they are when they
    # hold these very bytes (checked), and the cache deletes those no longer written once every
    # writer ran: after one edit at 10,000 documents a few hundred of 14,000 files change, and
    # deleting and writing them all took 4 s of the rebuild's side job.
    write_files(out_dir, files, blobs)
    size = sum(len(b) for b in files.values())
    seconds = time.perf_counter() - start
    return SearchStats(docs=len(ordered), terms=terms, postings=total, shards=shards,
                       files=len(files), bytes=size, seconds=round(seconds, 3))
