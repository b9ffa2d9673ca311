"""The committed JSON Schemas match the models, and the repository's content validates against them."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO, ScratchSite
from generator.model import TYPES
from generator.schema import DRAFT, export_schemas, render_schema, write_schemas
from generator.yamlio import load_yaml, split_front_matter

SCHEMA_DIR = REPO / "schema"
CONTENT = REPO / "content"
REGENERATE = "run .venv/bin/python -m generator.schema and commit schema/"


def committed(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = committed(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def front_matter(path: Path) -> object:
    """A content file's data exactly as the generator reads it (every scalar a string)."""
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    if path.suffix == ".md":
        return split_front_matter(text, str(path)).meta.data
    return load_yaml(text, str(path)).data


def schema_errors(name: str, data: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in validator(name).iter_errors(data)]


# --- the files match the models --------------------------------------------------------

def test_there_is_one_schema_per_content_type_plus_site_and_organizations():
    assert list(export_schemas()) == ["site", "organizations", *TYPES]


def test_the_committed_schema_files_are_exactly_the_exported_ones():
    expected = {f"{name}.schema.json" for name in export_schemas()}
    on_disk = {p.name for p in SCHEMA_DIR.glob("*.schema.json")}
    assert on_disk == expected, REGENERATE


@pytest.mark.parametrize("name", list(export_schemas()))
def test_a_committed_schema_has_not_drifted_from_its_model(name):
    path = SCHEMA_DIR / f"{name}.schema.json"
    assert path.exists(), REGENERATE
    assert path.read_text(encoding="utf-8") == render_schema(export_schemas()[name]), REGENERATE


def test_write_schemas_writes_sorted_indented_files_with_a_trailing_newline(tmp_path):
    paths = write_schemas(tmp_path)
    assert [p.name for p in paths] == [f"{name}.schema.json" for name in export_schemas()]
    text = (tmp_path / "policy.schema.json").read_text(encoding="utf-8")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.startswith('{\n  "$defs": {')  # sorted keys, two-space indent
    assert "发文字号" in text  # Chinese kept readable, not \\u-escaped


@pytest.mark.parametrize("name", list(export_schemas()))
def test_each_schema_is_valid_draft_2020_12_with_a_title(name):
    schema = committed(name)
    assert schema["$schema"] == DRAFT
    assert schema["title"]
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_policy_field_carries_its_description():
    properties = committed("policy")["properties"]
    assert properties["doc_number"]["description"] == "发文字号，例如 鄂政办发〔2022〕12号 (document number)"
    assert [key for key, field in properties.items() if not field.get("description")] == []


def test_organizations_is_a_list_of_organizations():
    schema = committed("organizations")
    assert schema["type"] == "array"
    assert schema["items"]["required"] == ["id", "name"]
    assert schema["items"]["additionalProperties"] is False


# --- the schema accepts and rejects what the generator does -----------------------------

def test_the_scratch_site_files_validate_and_so_do_their_models(scratch_site: ScratchSite):
    assert scratch_site.check() == []
    assert schema_errors("site", front_matter(scratch_site.root / "site.yml")) == []
    assert schema_errors("organizations", front_matter(scratch_site.root / "organizations.yml")) == []
    assert schema_errors("policy", front_matter(scratch_site.root / "policies/2022/rules.md")) == []
    assert schema_errors("page", front_matter(scratch_site.root / "pages/guide.md")) == []


def test_the_schema_rejects_an_unknown_key_a_bad_genre_and_a_missing_key():
    data = {"title": "测试", "genre": "law", "issuer": "test-county", "written": "2022-05-20",
            "expirs": "2025-05-24"}
    assert sorted(schema_errors("policy", data)) == [
        "(top): 'published' is a required property",
        "(top): Additional properties are not allowed ('expirs' was unexpected)",
        "genre: 'law' is not one of ['regulation', 'normative', 'other']",
    ]


def test_the_schema_accepts_one_issuer_without_brackets_and_a_number_read_as_text():
    policy = {"title": "测试", "genre": "other", "issuer": "test-county", "written": "2022-05-20",
              "published": "2022-05-24", "keywords": "备案"}
    assert schema_errors("policy", policy) == []
    assert schema_errors("page", {"title": "指南", "order": "3"}) == []
    assert schema_errors("page", {"title": "指南", "order": "第三"}) != []


# --- the repository's own content -------------------------------------------------------

def content_files() -> dict[str, list[Path]]:
    files: dict[str, list[Path]] = {"site": [CONTENT / "site.yml"],
                                    "organizations": [CONTENT / "organizations.yml"]}
    for ctype in TYPES.values():
        files[ctype.name] = sorted((CONTENT / ctype.folder).rglob(f"*{ctype.suffix}"))
    return files


@pytest.mark.parametrize("name", list(export_schemas()))
def test_the_repository_content_validates_against_its_schema(name):
    if not (CONTENT / "site.yml").exists():
        pytest.skip("the repository has no content/")
    paths = [p for p in content_files()[name] if p.exists()]
    if not paths:
        pytest.skip(f"no {name} files in content/")
    problems = [f"{p.relative_to(REPO)}: {message}"
                for p in paths for message in schema_errors(name, front_matter(p))]
    assert problems == []
