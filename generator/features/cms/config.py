"""Decap CMS's ``admin/config.yml``, generated from the content types and the site's settings.

The collections are the content types (``generator.pipeline.CONTENT_TYPES``, handed in) (plus ``site.yml`` as a file
collection), their fields come from :mod:`generator.features.cms.fields`; the backend, the
repository and the login come from the ``cms:`` block of ``site.yml``. Nothing here
is typed by hand per content type, so a new field or type reaches the forms with the
next build.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Optional

from ...model import ContentType
from ...model.site import CmsSettings, SiteConfig
from .fields import Choices, model_fields

#: A new document's file name (its id and URL slug): ASCII, unique to the second, in the
#: folder of the year it was created, as the example content files policies by year.
SLUG = "{{year}}{{month}}{{day}}-{{hour}}{{minute}}{{second}}"
#: Where uploads go (content/assets/files) and how content refers to them (files/x.pdf).
MEDIA_FOLDER = "content/assets/files"
PUBLIC_FOLDER = "files"
#: Labels of the collections in the editor's menu.
LABELS = {"policy": ("政策文件", "政策文件"), "interpretation": ("政策解读", "政策解读"),
          "page": ("页面", "页面"), "catalog": ("标准目录领域", "领域"), "qa": ("政策问答", "问答"),
          "decision": ("重大行政决策目录", "年度目录"), "report": ("年度报告", "年度报告")}


def backend_config(cms: CmsSettings) -> dict[str, Any]:
    """Decap's ``backend:`` block for GitHub, Gitea or Forgejo."""
    backend: dict[str, Any] = {"name": cms.backend, "repo": cms.repo, "branch": cms.branch}
    for key in ("base_url", "api_root", "app_id", "auth_endpoint"):
        value = getattr(cms, key)
        if value:
            backend[key] = value
    if cms.backend == "github":
        backend["squash_merges"] = True
    return backend


def collection_depth(content_root: Path, ctype: ContentType) -> int:
    """How deep the type's files sit below its folder today (1: flat, 2: by year, ...)."""
    folder = content_root / ctype.folder
    depths = [len(p.relative_to(folder).parts) for p in folder.rglob(f"*{ctype.suffix}")] if folder.is_dir() else []
    return max(depths, default=1)


def collection(ctype: ContentType, choices: Choices, depth: int) -> dict[str, Any]:
    """One folder collection: a content type's files, its fields and, for Markdown, the body."""
    # a records section's collection is called by the section's title (机构职能, 规划计划, …)
    label, singular = (ctype.label, ctype.label) if ctype.label else LABELS.get(ctype.name, (ctype.name, ctype.name))
    fields = [_same_collection(f, ctype.folder) if f["name"] in SAME_COLLECTION else f
              for f in model_fields(ctype.model, choices)]
    if ctype.front_matter:
        fields.append({"name": "body", "label": "正文", "widget": "markdown", "hint": "Markdown 正文 (body)"})
    entry: dict[str, Any] = {
        "name": ctype.folder, "label": label, "label_singular": singular,
        "folder": f"content/{ctype.folder}", "extension": ctype.suffix.lstrip("."),
        "format": "frontmatter" if ctype.front_matter else "yml",
        "create": True, "delete": False, "slug": SLUG, "fields": fields,
        "identifier_field": "title" if "title" in ctype.model.model_fields else fields[0]["name"],
        "summary": "{{title}} {{doc_number}}" if "doc_number" in ctype.model.model_fields else "{{filename}}",
    }
    if depth > 1:
        entry["path"] = "{{year}}/{{slug}}" if depth == 2 else "/".join(["{{year}}"] * (depth - 1) + ["{{slug}}"])
    return entry


#: Fields that name a document of the same collection (a record replaced by one of its own section).
SAME_COLLECTION = ("superseded_by",)


def _same_collection(field: dict[str, Any], collection_name: str) -> dict[str, Any]:
    """A picker of the collection's own documents instead of a free text box."""
    return {**{k: v for k, v in field.items() if k not in ("widget", "pattern")}, "widget": "relation",
            "collection": collection_name, "multiple": False, "search_fields": ["title", "doc_number"],
            "value_field": "{{filename}}", "display_fields": ["{{title}}", "{{doc_number}}"], "options_length": 50}


def site_collection(choices: Choices) -> dict[str, Any]:
    """``site.yml`` as one editable file (organizations.yml is a bare list, which Decap cannot edit)."""
    return {"name": "settings", "label": "网站设置", "delete": False, "editor": {"preview": False},
            "files": [{"name": "site", "label": "网站信息 site.yml", "file": "content/site.yml",
                       "fields": model_fields(SiteConfig, choices)}]}


def build_config(site: SiteConfig, choices: Choices, content_root: Path,
                 local_backend_url: Optional[str] = None, *, types: Iterable[ContentType]) -> dict[str, Any]:
    """The whole ``config.yml`` as a mapping, one collection per content type of ``types``.
    ``local_backend_url`` (tests and ``serve`` only) points Decap at a decap-server on
    loopback; the published configuration never has it."""
    cms = site.cms
    assert cms is not None, "build_config is only called for a site with a cms: block"
    config: dict[str, Any] = {
        "backend": backend_config(cms),
        "locale": "zh_Hans",
        "media_folder": MEDIA_FOLDER, "public_folder": PUBLIC_FOLDER,
        "site_url": site.base_url, "display_url": site.base_url,
        "collections": [collection(t, choices, collection_depth(content_root, t)) for t in types]
                       + [site_collection(choices)],
    }
    if cms.editorial_workflow:
        config["publish_mode"] = "editorial_workflow"
    if local_backend_url:
        config["local_backend"] = {"url": local_backend_url, "allowed_hosts": ["127.0.0.1", "[::1]", "localhost"]}
    return config
