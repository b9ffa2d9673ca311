"""JSON Schemas of the content files, exported from the models, so editors can autocomplete and check.

``python -m generator.schema`` writes ``schema/<name>.schema.json``: one per content
type in :data:`generator.model.TYPES` (its front matter or YAML file) plus ``site``
and ``organizations`` (a list of organizations). ``tests/test_schema.py`` fails
when the committed files drift from the models.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional, Sequence

from pydantic import BaseModel

from .model import TYPES, Organization, Site

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = Path(__file__).resolve().parent.parent / "schema"


def model_schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    """The model's JSON Schema (draft 2020-12) with a human title and every field description."""
    schema = model.model_json_schema()
    return {"$schema": DRAFT, **schema, "title": title}


def export_schemas() -> dict[str, dict[str, Any]]:
    """Every content schema by name: site, organizations, then each registered content type."""
    organization = Organization.model_json_schema()
    defs = organization.pop("$defs", {})
    organizations: dict[str, Any] = {
        "$schema": DRAFT,
        "title": "organizations.yml: 发文机关 / 公开主体列表 (list of issuing bodies)",
        "description": "一个机构一项，以 - 开头 (one organization per - item)",
        "type": "array",
        "items": organization,
    }
    if defs:
        organizations["$defs"] = defs
    schemas = {
        "site": model_schema(Site, "site.yml: 网站信息 (the site)"),
        "organizations": organizations,
    }
    for ctype in TYPES.values():
        where = f"{ctype.folder}/**/<id>{ctype.suffix}"
        what = "front matter" if ctype.front_matter else "file"
        schemas[ctype.name] = model_schema(ctype.model, f"{ctype.name}: {where} {what}")
    return schemas


def render_schema(schema: dict[str, Any]) -> str:
    """The exact text of a schema file: sorted keys, indent 2, UTF-8 text, trailing newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path = FOLDER) -> list[Path]:
    """Write ``<name>.schema.json`` for every schema into ``folder``; returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in export_schemas().items():
        path = folder / f"{name}.schema.json"
        path.write_text(render_schema(schema), encoding="utf-8")
        written.append(path)
    return written


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    folder = Path(argv[0]) if argv else FOLDER
    for path in write_schemas(folder):
        print(path, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
