"""Open data (公共数据开放, seed 004 (十二)): the public documents as JSON, CSV and JSON-LD.

Pure: :func:`dataset_files` turns a resolved site into ``{path: bytes}``; the
the writer at the bottom only writes them. Only public documents (published by
the as-of date and ``proactive``) appear, and a document that is not public is
never named, not even as the author of a change to a public one.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

from ...cache import BuildCache, memo
from ...files import write_files
from ...registry import DataFile
from ...site import GENRE_LABELS, Doc, Site, absolute_url, doc_updated, public_by, site_updated, sponsor
from ...urls import interpretation_url
from ...validity import STATUS_LABELS, Change, Status

if TYPE_CHECKING:
    from ...plan import Plan

DATA = "data/"
LIST_SEP = "；"   # how lists are joined in a CSV cell (the separator of Chinese enumerations)
LEGAL_FORCE = {Status.IN_FORCE: "InForce", Status.AMENDED: "PartiallyInForce",
               Status.REPEALED: "NotInForce", Status.EXPIRED: "NotInForce", Status.PENDING: "NotInForce"}


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record: its Chinese label, its meaning and its JSON Schema."""

    zh: str
    description: str
    schema: dict[str, Any]


def _nullable(kind: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [kind, {"type": "null"}]}


_TEXT = {"type": "string", "minLength": 1}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
_IDS = {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z0-9-]+$"}}
_TEXTS = {"type": "array", "items": _TEXT}


def _object(**properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}


#: Reverse name of each relation, written on the target.
REVERSE = {"amends": "amended_by", "repeals": "repealed_by", "replaces": "replaced_by",
           "invalidates": "invalidated_by"}

FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("编号", "文件编号，即网址中的名称 (document id, its URL slug)", _IDS["items"]),
    "title": FieldSpec("标题", "标题 (title)", _TEXT),
    "genre": FieldSpec("文件类型", "regulation 规章 · normative 行政规范性文件 · other 其他文件",
                       {"enum": list(GENRE_LABELS)}),
    "genre_label": FieldSpec("文件类型名称", "文件类型的中文名称 (genre in Chinese)",
                             {"enum": list(GENRE_LABELS.values())}),
    "doc_number": FieldSpec("发文字号", "发文字号，没有时为 null (document number)", _nullable(_TEXT)),
    "registration_no": FieldSpec("统一登记号", "行政规范性文件统一登记号 (registration number)", _nullable(_TEXT)),
    "issuers": FieldSpec("发文机关", "发文机关，联合发文时有多个 (issuing bodies)",
                         {"type": "array", "minItems": 1, "items": _object(id=_IDS["items"], name=_TEXT)}),
    "written": FieldSpec("成文日期", "成文日期 (date written)", _DATE),
    "published": FieldSpec("发布日期", "发布日期 (date published)", _DATE),
    "effective": FieldSpec("施行日期", "施行日期，未写明时同发布日期 (date in force)", _DATE),
    "expires": FieldSpec("有效期至", "有效期的最后一天，没有时为 null (last day in force)", _nullable(_DATE)),
    "status": FieldSpec("有效性", "数据日期当天的有效性 (validity at the as-of date)",
                        {"enum": [s.value for s in Status]}),
    "status_label": FieldSpec("有效性名称", "有效性的中文名称 (validity in Chinese)",
                              {"enum": list(STATUS_LABELS.values())}),
    "status_since": FieldSpec("有效性起始日期", "当前有效性开始的日期 (day the status began)", _nullable(_DATE)),
    "relations": FieldSpec("关联文件", "本文件修改、废止、替代、宣布失效的文件，以及修改、废止本文件的文件（编号）"
                           " (related documents, both directions)", _object(**{k: _IDS for k in
                                                                                 [*REVERSE, *REVERSE.values()]})),
    "changes": FieldSpec("历史沿革", "施行、修改、废止、失效等有效性变化，按日期排列 (dated validity changes)",
                         {"type": "array", "items": _object(
                             date=_DATE, status={"enum": [s.value for s in Status]},
                             relation={"enum": ["effective", "expires", "event", *REVERSE]},
                             by=_nullable(_IDS["items"]), by_title=_nullable(_TEXT),
                             by_doc_number=_nullable(_TEXT), by_url=_nullable(_TEXT),
                             upcoming={"type": "boolean"})}),
    "index_no": FieldSpec("索引号", "索引号 (index number)", _TEXT),
    "topics": FieldSpec("主题分类", "主题分类，写成 一级\\二级 (topics)", _TEXTS),
    "keywords": FieldSpec("关键词", "关键词 (keywords)", _TEXTS),
    "url": FieldSpec("网址", "文件页面的网址 (address of the document's page)", _URL),
    "interpretations": FieldSpec("政策解读", "本文件的解读 (interpretations)", {"type": "array", "items": _object(
        id=_IDS["items"], title=_TEXT, kind={"enum": ["text", "graphic", "video", "qa"]}, published=_DATE,
        url=_URL)}),
    "attachments": FieldSpec("附件", "附件 (attachments)", {"type": "array", "items": _object(title=_TEXT, url=_URL)}),
}


def policy_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of ``data/policies.json``; ``#/$defs/policy`` is one document."""
    policy = _object(**{name: f.schema for name, f in FIELDS.items()})
    for name, f in FIELDS.items():
        policy["properties"][name] = {"title": f"{f.zh} {name}", "description": f.description, **f.schema}
    policy["title"] = "政策文件 policy document"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "政策文件目录 policy documents",
            "description": "政府信息公开专栏中公开的政策文件 (public policy documents of a disclosure column)",
            "type": "array", "items": {"$ref": "#/$defs/policy"}, "$defs": {"policy": policy}}


# -- one record per document ---------------------------------------------------------------

def policy_record(site: Site, doc: Doc) -> dict[str, Any]:
    """Everything the open data says about one document, in :data:`FIELDS` order."""
    m, v = doc.model, doc.validity
    record = {
        "id": doc.id, "title": m.title, "genre": m.genre, "genre_label": GENRE_LABELS[m.genre],
        "doc_number": m.doc_number, "registration_no": m.registration_no,
        "issuers": [{"id": o.id, "name": o.name} for o in doc.issuers],
        "written": m.written.isoformat(), "published": m.published.isoformat(),
        "effective": m.effective_date.isoformat(), "expires": _iso(m.expires),
        "status": doc.status.value, "status_label": STATUS_LABELS[doc.status], "status_since": _iso(v.since),
        "relations": relations(site, doc), "changes": [change_record(site, doc, c) for c in v.changes],
        "index_no": doc.index_no, "topics": list(m.topics), "keywords": list(m.keywords),
        "url": absolute_url(site, doc.url),
        "interpretations": [{"id": e.id, "title": e.model.title, "kind": e.model.kind,
                             "published": e.model.published.isoformat(),
                             "url": absolute_url(site, interpretation_url(e.id))}
                            for e in site.interpretations_of.get(doc.id, [])],
        "attachments": [{"title": a.title, "url": absolute_url(site, f"files/{a.file}")} for a in m.attachments],
    }
    return {name: record[name] for name in FIELDS}


def _iso(day: Optional[dt.date]) -> Optional[str]:
    return day.isoformat() if day and day < dt.date.max else None


def relations(site: Site, doc: Doc) -> dict[str, list[str]]:
    """Both directions: what this document amends/repeals/... and what amended/repealed it.

    Ids of documents that are not public here are left out."""
    result: dict[str, list[str]] = {}
    for relation, reverse in REVERSE.items():
        result[relation] = [t for t in getattr(doc.model, relation) if site.doc(t)]
        result[reverse] = sorted({c.by for c in doc.validity.changes
                                  if c.relation == relation and public_by(site, c)})
    return {key: result[key] for key in [*REVERSE, *REVERSE.values()]}


def change_record(site: Site, doc: Doc, change: Change) -> dict[str, Any]:
    """One dated change: coming into force, expiry, a relation or an outside event."""
    by, title, number, url = public_by(site, change), None, None, None
    if by:
        title, number, url = by.model.title, by.model.doc_number, absolute_url(site, by.url)
    elif change.relation == "event" and change.event_index is not None:
        event = doc.model.events[change.event_index]
        title, number, url = event.by_title, event.by_doc_number, event.by_url
    return {"date": change.date.isoformat(), "status": change.kind.value, "relation": change.relation,
            "by": by.id if by else None, "by_title": title, "by_doc_number": number, "by_url": url,
            "upcoming": change.upcoming}


# -- serialisations -----------------------------------------------------------------------

def to_json(value: Any) -> bytes:
    """Stable, readable UTF-8 JSON (Chinese kept as is), ending with a newline."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


CSV_COLUMNS: list[tuple[str, Callable[[dict], Any]]] = [
    *[(f"{FIELDS[k].zh} {k}", (lambda k: lambda r: r[k])(k)) for k in
      ("id", "title", "genre", "genre_label", "doc_number", "registration_no")],
    ("发文机关 issuers", lambda r: [o["name"] for o in r["issuers"]]),
    ("发文机关编号 issuer_ids", lambda r: [o["id"] for o in r["issuers"]]),
    *[(f"{FIELDS[k].zh} {k}", (lambda k: lambda r: r[k])(k)) for k in
      ("written", "published", "effective", "expires", "status", "status_label", "status_since",
       "index_no", "topics", "keywords")],
    *[(f"{zh} {k}", (lambda k: lambda r: r["relations"][k])(k)) for k, zh in
      (("amends", "修改"), ("repeals", "废止"), ("replaces", "替代"), ("invalidates", "宣布失效"),
       ("amended_by", "被修改"), ("repealed_by", "被废止"), ("replaced_by", "被替代"),
       ("invalidated_by", "被宣布失效"))],
    ("政策解读 interpretations", lambda r: [i["url"] for i in r["interpretations"]]),
    ("附件 attachments", lambda r: [a["url"] for a in r["attachments"]]),
    ("网址 url", lambda r: r["url"]),
]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return LIST_SEP.join(value) if isinstance(value, list) else str(value)


def to_csv(records: list[dict]) -> bytes:
    """UTF-8 with BOM (so Excel opens Chinese correctly), a bilingual header, one row per document."""
    out = io.StringIO(newline="")
    table = csv.writer(out, lineterminator="\r\n")
    table.writerow([header for header, _ in CSV_COLUMNS])
    for record in records:
        table.writerow([_cell(get(record)) for _, get in CSV_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


# -- datasets and the manifest ----------------------------------------------------------

@dataclass(frozen=True)
class Dataset:
    """One published file (or family of files) of the open-data catalogue."""

    path: str                  # under the site, e.g. "data/policies.json"
    title: str
    description: str
    format: str
    media_type: str
    size: int                  # bytes (all files together for a family)
    records: Optional[int]
    sha256: Optional[str]      # of the file; None for a family of files
    url_template: Optional[str] = None


def dataset_files(site: Site, cache: Optional[BuildCache] = None, extra: Sequence[DataFile] = ()) -> dict[str, bytes]:
    """Every open-data file of the site, path -> bytes; ``data/index.json`` last.

    Computed once per site: the 公共数据开放 page needs their sizes and checksums while
    planning, and the writer (in the forked side job) inherits them."""
    if "dataset_files" not in site.memo:
        site.memo["dataset_files"] = _dataset_files(site, cache, extra)
    return site.memo["dataset_files"]  # type: ignore[return-value]


def _dataset_files(site: Site, cache: Optional[BuildCache], extra: Sequence[DataFile] = ()) -> dict[str, bytes]:
    records = [policy_record(site, d) for d in site.sorted_docs()]
    texts = _record_texts(records, cache)
    files = {f"{DATA}policies.json": _json_list(texts), f"{DATA}policies.csv": to_csv(records),
             f"{DATA}policies.schema.json": to_json(policy_schema())}
    for record, text in sorted(zip(records, texts), key=lambda pair: pair[0]["id"]):
        files[f"{DATA}policies/{record['id']}.json"] = text
    listed = describe_datasets(files, len(records)) + [from_feature(f) for f in extra]
    files[f"{DATA}index.json"] = to_json(manifest(site, listed))
    return files


def _record_texts(records: list[dict], cache: Optional[BuildCache] = None) -> list[bytes]:
    """:func:`to_json` of each record, remembered between builds.

    The indented form needs Python's pure-Python encoder (3 s for 10,000 records); the
    compact form, from the C encoder, is a tenth of that and names the record exactly."""
    known = memo(cache, "json", shared=True)  # bytes: immutable
    texts = []
    for record in records:
        key = hashlib.blake2b(json.dumps(record, ensure_ascii=False).encode("utf-8"), digest_size=16).hexdigest()
        texts.append(known.recall(key, lambda: to_json(record)))
    return texts


def _json_list(texts: list[bytes]) -> bytes:
    """``to_json(records)`` from the records' own texts: the same bytes, each line indented once more."""
    if not texts:
        return to_json([])
    items = [b"\n".join(b"  " + line for line in text.rstrip(b"\n").split(b"\n")) for text in texts]
    return b"[\n" + b",\n".join(items) + b"\n]\n"


def describe_datasets(files: dict[str, bytes], count: int) -> list[Dataset]:
    """The catalogue entries of the files in ``files`` (the manifest itself excluded)."""
    def one(path: str, title: str, description: str, fmt: str, media: str, records: Optional[int]) -> Dataset:
        data = files[path]
        return Dataset(path, title, description, fmt, media, len(data), records, hashlib.sha256(data).hexdigest())
    singles = {p: b for p, b in files.items() if p.startswith(f"{DATA}policies/")}
    return [
        one(f"{DATA}policies.json", "政策文件目录（JSON）", "全部公开的政策文件，每件一条记录，含有效性和相互关系。",
            "JSON", "application/json", count),
        one(f"{DATA}policies.csv", "政策文件目录（CSV）", "与 JSON 相同的记录；UTF-8（带 BOM），列表以“；”分隔，不含历史沿革。",
            "CSV", "text/csv", count),
        one(f"{DATA}policies.schema.json", "政策文件目录的数据结构（JSON Schema）",
            "JSON 记录的字段、类型和取值说明。", "JSON Schema", "application/schema+json", None),
        Dataset(f"{DATA}policies/", "单件政策文件（JSON）", "每件文件一个 JSON 文件，结构同目录中的一条记录。",
                "JSON", "application/json", sum(map(len, singles.values())), len(singles), None,
                f"{DATA}policies/{{id}}.json"),
    ]


def from_feature(item: DataFile) -> Dataset:
    """A file another feature writes (records, 依申请 figures), as the catalogue lists it."""
    return Dataset(item.path, item.title, item.description, item.format, item.media_type, len(item.data),
                   item.records, hashlib.sha256(item.data).hexdigest())


def catalogue(site: Site, cache: Optional[BuildCache] = None, extra: Sequence[DataFile] = ()) -> list[Dataset]:
    """What the 公共数据开放 page lists: every dataset, the manifest included."""
    files = dataset_files(site, cache, extra)
    datasets = describe_datasets(files, len(site.docs)) + [from_feature(f) for f in extra]
    data = files[f"{DATA}index.json"]
    # No checksum for the manifest itself: it carries the as-of date, and this page must not
    # change (and be re-rendered) on a day when no status changed.
    return datasets + [Dataset(f"{DATA}index.json", "数据目录清单（JSON）",
                               "本页所列数据集的机器可读清单：地址、大小、SHA-256 校验值和字段说明。", "JSON",
                               "application/json", len(data), None, None)]


def manifest(site: Site, datasets: list[Dataset]) -> dict[str, Any]:
    """``data/index.json``: what is published, where, how big, with which fields."""
    return {
        "title": f"{site.config.name}公共数据开放目录", "publisher": sponsor(site),
        "homepage": absolute_url(site, "opendata/"), "as_of": site.as_of.isoformat(),
        "updated": site_updated(site).isoformat(), "schema": absolute_url(site, f"{DATA}policies.schema.json"),
        "datasets": [{"title": d.title, "description": d.description, "format": d.format,
                      "media_type": d.media_type, "url": absolute_url(site, d.path),
                      **({"url_template": absolute_url(site, d.url_template)} if d.url_template else {}),
                      "size": d.size, "records": d.records, "sha256": d.sha256} for d in datasets],
        "fields": [{"name": name, "label": f.zh, "description": f.description} for name, f in FIELDS.items()],
    }


# -- schema.org JSON-LD of a policy page ------------------------------------------------------

def legislation_jsonld(site: Site, doc: Doc) -> dict[str, Any]:
    """schema.org ``Legislation`` of a document, with its legal force at the as-of date."""
    m = doc.model
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Legislation", "name": m.title}
    if m.doc_number:
        data["legislationIdentifier"] = m.doc_number
    data.update({
        "identifier": doc.index_no, "legislationType": GENRE_LABELS[m.genre], "inLanguage": "zh-CN",
        "legislationDate": m.written.isoformat(), "datePublished": m.published.isoformat(),
        "legislationDateVersion": doc_updated(site, doc).isoformat(),
        "legislationPassedBy": [{"@type": "Organization", "name": o.name} for o in doc.issuers],
        "legislationLegalForce": f"https://schema.org/{LEGAL_FORCE[doc.status]}",
        "url": absolute_url(site, doc.url),
    })
    if m.expires:
        data["expires"] = m.expires.isoformat()
    for relation, key in (("amends", "legislationAmends"), ("repeals", "legislationRepeals"),
                          ("replaces", "legislationRepeals")):
        targets = [site.docs[t] for t in getattr(m, relation) if site.doc(t)]
        if targets:
            data.setdefault(key, []).extend({"@type": "Legislation", "name": t.model.title,
                                             "url": absolute_url(site, t.url)} for t in targets)
    return data


def jsonld_script(data: dict[str, Any]) -> str:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>``, ``&`` escaped so
    no title can close the script element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_open_data(plan: "Plan", site_dir: Path) -> None:
    """Write ``data/**`` into the output folder."""
    write_files(site_dir, dataset_files(plan.site, plan.cache, plan.data_files()), plan.cache)
