"""Synthetic corpora in the content format, deterministic from a seed.

    python benchmarks/corpus.py --n 1000 --seed 1 --out benchmarks/out/corpus-1000

writes ``site.yml``, ``organizations.yml`` and ``policies/<year>/<id>.md`` for
N policy documents of the fictional 清源市: realistic titles, 文号, dates
(2010-2026), issuers, topics, keywords, relations (batch repeals, amendments,
replacements, declarations of invalidity; always pointing back in time) and
Markdown bodies of 1,500-4,000 characters. Same seed and N: byte-identical files.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_bodies import BodySpec, make_body  # noqa: E402
from corpus_vocab import (CITY, NOTICE_TEMPLATES, OPINION_TEMPLATES, ORGANIZATIONS, OTHER_TEMPLATES,  # noqa: E402
                          REGULATION_TEMPLATES, SUBJECTS, TOPICS)

FIRST_DAY, LAST_DAY = dt.date(2010, 1, 4), dt.date(2026, 11, 10)
PENDING_FROM, PENDING_EFFECTIVE = dt.date(2026, 9, 1), dt.date(2027, 1, 1)
MARKER = ".corpus.json"
RELATIONS = ("amends", "repeals", "replaces", "invalidates")


@dataclass
class Doc:
    """One synthetic policy document, before it is written out."""

    id: str
    published: dt.date
    genre: str = "normative"
    style: str = "opinion"
    title: str = ""
    subject: int = 0
    issuer: list[str] = field(default_factory=list)
    doc_number: str | None = None
    registration_no: str | None = None
    written: dt.date | None = None
    effective: dt.date | None = None
    expires: dt.date | None = None
    topics: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    disclosure: str = "proactive"
    relations: dict[str, list[int]] = field(default_factory=dict)

    @property
    def effective_date(self) -> dt.date:
        """施行日期: ``effective``, else ``published``."""
        return self.effective or self.published


@dataclass
class CorpusInfo:
    """What :func:`generate_corpus` wrote."""

    root: Path
    n: int
    seed: int
    files: int
    bytes: int
    relations: dict[str, int]
    seconds: float
    ids: list[str] = field(default_factory=list, repr=False)


class _Numbers:
    """Unique 文号: one running sequence per (prefix, year)."""

    def __init__(self) -> None:
        self.last: dict[tuple[str, int], int] = {}

    def take(self, prefix: str, year: int) -> int:
        """The next number of ``prefix`` in ``year``."""
        value = self.last.get((prefix, year), 0) + 1
        self.last[(prefix, year)] = value
        return value


ORG_BY_ID = {org[0]: org for org in ORGANIZATIONS}
_BUREAUS = [org[0] for org in ORGANIZATIONS if org[4] == "bureau"]
_ISSUER_POOL = ["qy-gov"] * 3 + ["qy-gov-office"] * 5 + _BUREAUS + ["qh-county", "qh-county-office", "ls-county",
                                                                   "ls-county-office", "bs-district"]


def _published_dates(rng: random.Random, n: int) -> list[dt.date]:
    span = (LAST_DAY - FIRST_DAY).days
    return sorted(FIRST_DAY + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))


def _doc_number(rng: random.Random, numbers: _Numbers, doc: Doc) -> str | None:
    prefix = ORG_BY_ID[doc.issuer[0]][3]
    year = doc.published.year
    if doc.genre == "regulation":
        return f"{CITY}人民政府令第{numbers.take('令', 0)}号"
    if doc.genre == "other":
        if rng.random() < 0.5:
            return None
        kind = rng.choice(["函", "发", "字"])
    else:
        kind = "规" if rng.random() < 0.6 else "发"
    return f"{prefix}{kind}〔{year}〕{numbers.take(prefix + kind, year)}号"


def _title(rng: random.Random, doc: Doc) -> str:
    subject = SUBJECTS[doc.subject][0]
    org = "、".join(ORG_BY_ID[i][1] for i in doc.issuer) if len(doc.issuer) > 1 else ORG_BY_ID[doc.issuer[0]][1]
    if doc.genre == "regulation":
        pool = REGULATION_TEMPLATES
    elif doc.genre == "other":
        pool = OTHER_TEMPLATES
    else:
        pool = NOTICE_TEMPLATES if rng.random() < 0.55 else OPINION_TEMPLATES
    return rng.choice(pool).format(org=org, city=CITY, s=subject, year=doc.published.year - 1)


def _dates(rng: random.Random, doc: Doc) -> None:
    doc.written = max(FIRST_DAY - dt.timedelta(days=30), doc.published - dt.timedelta(days=rng.randint(0, 20)))
    if doc.relations:  # acting documents keep the effective date their targets were checked against
        return
    roll = rng.random()
    if doc.published >= PENDING_FROM and roll < 0.5:
        doc.effective = PENDING_EFFECTIVE
    elif roll < 0.3:
        doc.effective = doc.published + dt.timedelta(days=rng.randint(10, 60))
    if doc.genre == "normative" and (rng.random() < 0.5 or "试行" in doc.title or "暂行" in doc.title):
        years = 2 if ("试行" in doc.title or "暂行" in doc.title) else 5
        start = doc.effective_date
        doc.expires = start.replace(year=start.year + years, day=min(start.day, 28)) - dt.timedelta(days=1)


def _describe(rng: random.Random, doc: Doc) -> None:
    subject, topic_ids, keywords = SUBJECTS[doc.subject]
    if rng.random() > 0.15:
        doc.topics = [TOPICS[i] for i in topic_ids[: rng.randint(1, 2)]]
    doc.keywords = list(keywords) + ([subject] if rng.random() < 0.5 and subject not in keywords else [])
    if doc.genre == "normative" and rng.random() < 0.5:
        doc.registration_no = f"QYSD-{doc.published.year}-{rng.randint(1, 999):04d}"
    if rng.random() < 0.01:
        doc.disclosure = "on_request"


def _plain_doc(rng: random.Random, doc: Doc) -> None:
    roll = rng.random()
    doc.genre = "regulation" if roll < 0.05 else "other" if roll < 0.30 else "normative"
    doc.subject = rng.randrange(len(SUBJECTS))
    if doc.genre == "regulation":
        doc.issuer = ["qy-gov"]
    else:
        doc.issuer = [rng.choice(_ISSUER_POOL)]
        if rng.random() < 0.05:
            partner = rng.choice(_BUREAUS)
            if partner != doc.issuer[0]:
                doc.issuer.append(partner)
    doc.title = _title(rng, doc)
    doc.style = "measures" if doc.genre == "regulation" or "办法" in doc.title or "细则" in doc.title else "opinion"


class _Pool:
    """Earlier documents a new one may act upon; dead ones (repealed, replaced, invalid) are skipped."""

    def __init__(self, docs: list[Doc]) -> None:
        self.docs = docs
        self.candidates: list[int] = []
        self.dead: list[bool] = []

    def add(self, index: int) -> None:
        while len(self.dead) <= index:
            self.dead.append(False)
        if self.docs[index].disclosure == "proactive" and self.docs[index].genre != "other":
            self.candidates.append(index)

    def draw(self, rng: random.Random, acting: Doc, k: int, kill: bool) -> list[int]:
        """Up to ``k`` distinct live targets published and in force before ``acting``."""
        chosen: list[int] = []
        for _ in range(k * 6):
            if len(chosen) == k or not self.candidates:
                break
            index = self.candidates[rng.randrange(len(self.candidates))]
            target = self.docs[index]
            if (self.dead[index] or index in chosen or target.published >= acting.published
                    or target.effective_date >= acting.effective_date):
                continue
            chosen.append(index)
        if kill:
            for index in chosen:
                self.dead[index] = True
        return chosen


def _core_title(title: str) -> str:
    found = re.search(r"《(.+)》", title)
    return found.group(1) if found else title


def _acting_doc(rng: random.Random, doc: Doc, kind: str, pool: _Pool) -> bool:
    """Make ``doc`` act on earlier documents; False when there are too few to act on."""
    doc.genre, doc.issuer = "normative", ["qy-gov"]
    doc.effective = doc.published + dt.timedelta(days=rng.randint(0, 30))
    k = rng.randint(3, 10) if kind == "repeals" else rng.randint(1, 3) if kind == "invalidates" else 1
    targets = pool.draw(rng, doc, k, kill=kind != "amends")
    if len(targets) < (3 if kind == "repeals" else 1):
        doc.effective = None
        return False
    doc.relations = {kind: targets}
    first = pool.docs[targets[0]]
    doc.subject = first.subject
    org = ORG_BY_ID[doc.issuer[0]][1]
    if kind == "repeals":
        doc.title, doc.style = f"{org}关于废止部分行政规范性文件的决定", "repeal"
    elif kind == "amends":
        doc.title, doc.style = f"{org}关于修改《{_core_title(first.title)}》的决定", "amend"
    elif kind == "replaces":
        doc.issuer = list(first.issuer)
        doc.title = _title(rng, doc)
        doc.style = "measures" if "办法" in doc.title or "细则" in doc.title else "opinion"
    else:
        doc.title, doc.style = f"{org}关于宣布失效一批行政规范性文件的决定", "invalidate"
    return True


def _relation_kind(rng: random.Random, i: int) -> str | None:
    if i % 50 == 49:
        return "repeals"
    roll = rng.random()
    return "amends" if roll < 0.03 else "replaces" if roll < 0.05 else "invalidates" if roll < 0.055 else None


def build_docs(n: int, seed: int) -> list[Doc]:
    """All documents' metadata, in publication order."""
    rng = random.Random(seed)
    dates = _published_dates(rng, n)
    docs = [Doc(id=f"{day.year}-{i + 1:05d}", published=day) for i, day in enumerate(dates)]
    pool, numbers = _Pool(docs), _Numbers()
    for i, doc in enumerate(docs):
        kind = _relation_kind(rng, i)
        if kind is None or not _acting_doc(rng, doc, kind, pool):
            _plain_doc(rng, doc)
        _dates(rng, doc)
        _describe(rng, doc)
        doc.doc_number = _doc_number(rng, numbers, doc)
        pool.add(i)
    return docs


def _q(text: str) -> str:
    """A single-quoted YAML scalar (no escapes, so backslashes in topics stay literal)."""
    return "'" + text.replace("'", "''") + "'"


def front_matter(doc: Doc, docs: list[Doc]) -> str:
    """The YAML front matter of ``doc``, keys in a fixed order."""
    lines = ["---", f"title: {_q(doc.title)}", f"genre: {doc.genre}"]
    lines.append(f"issuer: {doc.issuer[0]}" if len(doc.issuer) == 1 else f"issuer: [{', '.join(doc.issuer)}]")
    for key in ("doc_number", "registration_no"):
        if getattr(doc, key):
            lines.append(f"{key}: {_q(getattr(doc, key))}")
    for key in ("written", "published", "effective", "expires"):
        if getattr(doc, key):
            lines.append(f"{key}: {getattr(doc, key).isoformat()}")
    for key in ("topics", "keywords"):
        if getattr(doc, key):
            lines.append(f"{key}: [{', '.join(_q(v) for v in getattr(doc, key))}]")
    if doc.disclosure != "proactive":
        lines.append(f"disclosure: {doc.disclosure}")
    for kind in RELATIONS:
        if doc.relations.get(kind):
            lines.append(f"{kind}: [{', '.join(docs[i].id for i in doc.relations[kind])}]")
    return "\n".join(lines + ["---", ""])


def _body(rng: random.Random, doc: Doc, docs: list[Doc]) -> str:
    targets = [(docs[i].title, docs[i].doc_number or "") for k in RELATIONS for i in doc.relations.get(k, [])]
    units = [ORG_BY_ID[o][2] for o in _BUREAUS]
    spec = BodySpec(style=doc.style, subject=SUBJECTS[doc.subject][0], issuer=ORG_BY_ID[doc.issuer[0]][1],
                    written=doc.written or doc.published, effective=doc.effective_date, expires=doc.expires,
                    table=rng.random() < 1 / 3, units=units, targets=targets)
    return make_body(rng, spec)


def _org_code(rng: random.Random) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    return "1144" + "".join(rng.choice("0123456789") for _ in range(13)) + rng.choice(alphabet)


def _write_static(out: Path, seed: int) -> None:
    rng = random.Random(f"orgs-{seed}")
    orgs = [f"- id: {oid}\n  name: {_q(name)}\n  short_name: {_q(short)}\n  code: {_q(_org_code(rng))}\n"
            for oid, name, short, _, _ in ORGANIZATIONS]
    (out / "organizations.yml").write_text("".join(orgs), encoding="utf-8")
    site = (f"name: {_q(CITY + '人民政府信息公开')}\norganization: qy-gov\n"
            "base_url: 'https://www.qingyuan.example.gov.cn/xxgk/'\nsite_id_code: '4417000099'\n"
            f"sponsor: {_q(CITY + '人民政府办公室')}\nicp: '清ICP备00000000号'\n"
            "contact:\n  address: '清源市人民大道1号'\n  postcode: '529500'\n  phone: '0662-0000000'\n"
            "  email: 'xxgk@qingyuan.example.gov.cn'\n  hours: '工作日 8:30-12:00，14:30-17:30'\n")
    (out / "site.yml").write_text(site, encoding="utf-8")


def _prepare(out: Path) -> None:
    """Empty ``out/policies`` if a previous corpus is there; refuse to overwrite anything else."""
    out.mkdir(parents=True, exist_ok=True)
    policies = out / "policies"
    if policies.exists():
        if not (out / MARKER).exists():
            raise SystemExit(f"{out} holds policies/ not written by this generator; choose another --out")
        shutil.rmtree(policies)


def generate_corpus(out: Path, n: int, seed: int = 1) -> CorpusInfo:
    """Write a corpus of ``n`` policies into ``out``; same ``n`` and ``seed`` give identical bytes."""
    start = time.perf_counter()
    out = Path(out)
    _prepare(out)
    _write_static(out, seed)
    docs = build_docs(n, seed)
    rng = random.Random(f"bodies-{seed}")
    total, years = 0, sorted({d.published.year for d in docs})
    for year in years:
        (out / "policies" / str(year)).mkdir(parents=True)
    for doc in docs:
        data = (front_matter(doc, docs) + "\n" + _body(rng, doc, docs)).encode("utf-8")
        (out / "policies" / str(doc.published.year) / f"{doc.id}.md").write_bytes(data)
        total += len(data)
    counts = {k: sum(len(d.relations.get(k, [])) for d in docs) for k in RELATIONS}
    (out / MARKER).write_text(json.dumps({"n": n, "seed": seed}) + "\n", encoding="utf-8")
    return CorpusInfo(out, n, seed, n + 2, total, counts, time.perf_counter() - start, [d.id for d in docs])


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--n``, ``--seed``, ``--out``."""
    parser = argparse.ArgumentParser(description="Generate a synthetic disclosure-column corpus.")
    parser.add_argument("--n", type=int, default=1000, help="number of policy documents")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="content folder to write")
    args = parser.parse_args(argv)
    info = generate_corpus(args.out, args.n, args.seed)
    print(f"{info.n} documents, {info.files} files, {info.bytes / 1e6:.1f} MB in {info.seconds:.1f} s "
          f"-> {info.root}; relations: {info.relations}")


if __name__ == "__main__":
    main()
