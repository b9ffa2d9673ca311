"""The baseline: the same documents as a plain mkdocs-material project.

Each policy becomes ``docs/policies/<year>/<id>.md`` holding ``# title``, a
small metadata table and the original body; ``docs/index.md`` is a short home
page. ``mkdocs.yml`` uses Material with its own search plugin and the default
automatic navigation (built from the folder tree), *collapsed*: Material's
default, i.e. no ``navigation.sections``, ``navigation.expand`` or other
navigation features enabled.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

try:
    _Loader = yaml.CBaseLoader  # every scalar a string, like the project's own loader
except AttributeError:  # pragma: no cover
    _Loader = yaml.BaseLoader

GENRES = {"regulation": "规章", "normative": "行政规范性文件", "other": "其他文件"}
MKDOCS_YML = """\
site_name: 清源市人民政府信息公开
site_url: https://www.qingyuan.example.gov.cn/xxgk/
docs_dir: docs
theme:
  name: material
  language: zh
plugins:
  - search
"""


def _split(text: str) -> tuple[dict, str]:
    """Front matter (as strings) and body of one content file."""
    _, meta, body = text.split("---\n", 2)
    return yaml.load(meta, Loader=_Loader) or {}, body.lstrip("\n")


def _issuer_names(meta: dict, orgs: dict[str, str]) -> str:
    issuer = meta.get("issuer", [])
    ids = [issuer] if isinstance(issuer, str) else issuer
    return "、".join(orgs.get(i, i) for i in ids)


def plain_markdown(meta: dict, body: str, orgs: dict[str, str]) -> str:
    """``# title`` + a metadata table + the body."""
    rows = [("发文机关", _issuer_names(meta, orgs)), ("文件类型", GENRES.get(meta.get("genre", ""), "")),
            ("发文字号", meta.get("doc_number", "")), ("成文日期", meta.get("written", "")),
            ("发布日期", meta.get("published", "")), ("施行日期", meta.get("effective", "")),
            ("主题分类", "；".join(meta.get("topics", []) or [])), ("关键词", "、".join(meta.get("keywords", []) or []))]
    table = "\n".join(f"| {k} | {v} |" for k, v in rows if v)
    return f"# {meta['title']}\n\n| 项目 | 内容 |\n| --- | --- |\n{table}\n\n{body}"


def write_plain_project(corpus: Path, project: Path) -> int:
    """(Re)write ``project`` (mkdocs.yml + docs/) from the content folder ``corpus``; returns page count."""
    if project.exists():
        shutil.rmtree(project)
    docs = project / "docs"
    docs.mkdir(parents=True)
    orgs = {o["id"]: o["name"] for o in yaml.load((corpus / "organizations.yml").read_text("utf-8"), Loader=_Loader)}
    count = 0
    for path in sorted((corpus / "policies").rglob("*.md")):
        meta, body = _split(path.read_text("utf-8"))
        if meta.get("disclosure", "proactive") != "proactive":
            continue
        target = docs / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_markdown(meta, body, orgs), encoding="utf-8")
        count += 1
    (docs / "index.md").write_text(f"# 清源市人民政府信息公开\n\n政策文件 {count} 件，见左侧导航。\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return count
