"""Open data: JSON against its schema, the CSV, per-document files, the manifest, JSON-LD, and
nothing of a document that is not public anywhere in the output."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import jsonschema
import lxml.html
import pytest

from generator.features.opendata.opendata import dataset_files, policy_schema, to_json
from outputs_site import BASE_URL, HIDDEN_TITLES, PUBLIC, STATUSES, build_outputs_site, plan_with_withheld_actor

REPO = Path(__file__).resolve().parent.parent
FORCE = {"in_force": "InForce", "amended": "PartiallyInForce", "repealed": "NotInForce",
         "expired": "NotInForce", "pending": "NotInForce"}


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_outputs_site(tmp_path_factory)


@pytest.fixture(scope="module")
def records(site_dir: Path) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads((site_dir / "data/policies.json").read_text(encoding="utf-8"))}


def validator(site_dir: Path, ref: str = "") -> jsonschema.Draft202012Validator:
    schema = json.loads((site_dir / "data/policies.schema.json").read_text(encoding="utf-8"))
    if ref:
        schema = {**schema, "type": None, "items": None, "$ref": ref}
        schema = {k: v for k, v in schema.items() if v is not None}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_published_schema_is_the_committed_one_and_is_a_valid_json_schema(site_dir):
    published = (site_dir / "data/policies.schema.json").read_bytes()
    assert published == (REPO / "schema/opendata-policy.schema.json").read_bytes() == to_json(policy_schema())
    jsonschema.Draft202012Validator.check_schema(json.loads(published))


def test_policies_json_validates_and_holds_exactly_the_public_documents(site_dir, records):
    data = json.loads((site_dir / "data/policies.json").read_text(encoding="utf-8"))
    validator(site_dir).validate(data)
    assert {r["id"]: r["status"] for r in data} == STATUSES
    assert [r["published"] for r in data] == sorted((r["published"] for r in data), reverse=True)


def test_a_record_carries_the_header_facts_status_and_urls(records):
    rules = records["rules"]
    assert rules["title"] == "测试县行政规范性文件管理办法"
    assert (rules["doc_number"], rules["written"], rules["published"], rules["effective"]) == (
        "测政规〔2022〕1号", "2022-05-20", "2022-05-24", "2022-06-01")
    assert (rules["status"], rules["status_label"], rules["status_since"]) == ("amended", "已修改", "2024-03-01")
    assert rules["issuers"] == [{"id": "test-county", "name": "测试县人民政府"}]
    assert rules["index_no"].startswith("11990599MB0000001X/2022-")
    assert rules["url"] == BASE_URL + "policies/rules/"
    assert rules["keywords"] == ["规范性文件", "备案"]
    assert rules["interpretations"] == [{"id": "rules-jd", "title": "《测试县行政规范性文件管理办法》政策解读",
                                         "kind": "text", "published": "2022-05-25",
                                         "url": BASE_URL + "interpretations/rules-jd/"}]
    assert records["notice"]["expires"] == "2023-01-31" and records["rules"]["expires"] is None


def test_relations_are_given_both_ways_and_never_name_a_document_that_is_not_public(records):
    assert records["amend"]["relations"]["amends"] == ["rules"]
    assert records["rules"]["relations"]["amended_by"] == ["amend"]
    assert records["cleanup"]["relations"]["repeals"] == ["old-rules"]
    assert records["old-rules"]["relations"]["repealed_by"] == ["cleanup"]
    assert records["old-rules"]["status_since"] == "2025-06-12"


def test_a_change_by_a_withheld_document_is_kept_but_its_author_is_never_named(tmp_path_factory):
    files = dataset_files(plan_with_withheld_actor(tmp_path_factory).site)
    old = json.loads(files["data/policies/old-rules.json"])
    assert old["relations"]["repealed_by"] == ["cleanup"]      # the withheld decision is left out
    by_withheld = [c for c in old["changes"] if c["date"] == "2026-03-02"]
    assert by_withheld == [{"date": "2026-03-02", "status": "repealed", "relation": "repeals", "by": None,
                            "by_title": None, "by_doc_number": None, "by_url": None, "upcoming": False}]
    for data in files.values():
        for doc_id, title in HIDDEN_TITLES.items():
            assert doc_id.encode() not in data and title.encode() not in data


def test_one_json_file_per_public_document_each_equal_to_its_record(site_dir, records):
    files = sorted((site_dir / "data/policies").glob("*.json"))
    assert {p.stem for p in files} == PUBLIC
    one = validator(site_dir, "#/$defs/policy")
    for path in files:
        record = json.loads(path.read_text(encoding="utf-8"))
        one.validate(record)
        assert record == records[path.stem]


def test_the_csv_has_a_bom_a_bilingual_header_and_one_row_per_document(site_dir, records):
    raw = (site_dir / "data/policies.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["编号 id", "标题 title", "文件类型 genre"] and header[-1] == "网址 url"
    for column in header:
        zh, _, en = column.partition(" ")
        assert not zh.isascii() and en.isascii() and en.isidentifier(), column
    assert len(body) == len(records) and {r[0] for r in body} == PUBLIC
    amend = dict(zip(header, next(r for r in body if r[0] == "amend")))
    assert amend["发文机关 issuers"] == "测试县人民政府；测试县人民政府办公室"
    assert amend["标题 title"] == "关于修改《测试县行政规范性文件管理办法》的决定 & <附件>"
    assert amend["修改 amends"] == "rules" and amend["有效期至 expires"] == ""


def test_the_manifest_describes_each_file_with_its_size_hash_and_address(site_dir):
    manifest = json.loads((site_dir / "data/index.json").read_text(encoding="utf-8"))
    assert manifest["as_of"] == "2026-11-21" and manifest["homepage"] == BASE_URL + "opendata/"
    for dataset in manifest["datasets"]:
        rel = dataset["url"].removeprefix(BASE_URL)
        if dataset["sha256"]:
            data = (site_dir / rel).read_bytes()
            assert (dataset["size"], dataset["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    family = manifest["datasets"][-1]
    assert family["url_template"] == BASE_URL + "data/policies/{id}.json" and family["records"] == len(PUBLIC)
    assert [f["name"] for f in manifest["fields"]][:3] == ["id", "title", "genre"]


def test_the_open_data_page_lists_the_datasets_and_the_site_map_links_it(site_dir):
    page = lxml.html.fromstring((site_dir / "opendata/index.html").read_bytes())
    assert page.findtext(".//h1") == "公共数据开放"
    hrefs = {a.get("href") for a in page.iterfind(".//table[@class='datasets']//a")}
    assert hrefs == {"../data/policies.json", "../data/policies.csv", "../data/policies.schema.json",
                     "../data/index.json"}
    assert "legislation" not in page.text_content() and "status_since" in page.text_content()
    sitemap = lxml.html.fromstring((site_dir / "sitemap/index.html").read_bytes())
    assert "../opendata/" in {a.get("href") for a in sitemap.iterfind(".//a")}


def jsonld(page: Path) -> dict:
    scripts = lxml.html.fromstring(page.read_bytes()).xpath("//script[@type='application/ld+json']")
    assert len(scripts) == 1, page
    return json.loads(scripts[0].text)


@pytest.mark.parametrize("doc_id", sorted(STATUSES))
def test_each_policy_page_carries_legislation_json_ld_with_its_legal_force(site_dir, records, doc_id):
    data = jsonld(site_dir / f"policies/{doc_id}/index.html")
    record = records[doc_id]
    assert data["@context"] == "https://schema.org" and data["@type"] == "Legislation"
    assert data["legislationLegalForce"] == f"https://schema.org/{FORCE[STATUSES[doc_id]]}"
    assert (data["name"], data["url"]) == (record["title"], record["url"])
    assert data.get("legislationIdentifier") == record["doc_number"]
    assert (data["legislationDate"], data["datePublished"]) == (record["written"], record["published"])
    assert data["legislationPassedBy"] == [{"@type": "Organization", "name": i["name"]} for i in record["issuers"]]


def test_json_ld_cannot_close_its_script_element(site_dir):
    html = (site_dir / "policies/amend/index.html").read_text(encoding="utf-8")
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and "\\u003c附件\\u003e" in block
    assert jsonld(site_dir / "policies/rules/index.html")["legislationDateVersion"] == "2024-03-01"


def files_containing(site_dir: Path, text: str, html: bool) -> list[str]:
    needle = text.encode("utf-8")
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*")
                  if p.is_file() and (p.suffix == ".html") == html and needle in p.read_bytes())


@pytest.mark.parametrize("doc_id", sorted(HIDDEN_TITLES))
def test_no_file_other_than_html_names_a_document_that_is_not_public(site_dir, doc_id):
    assert files_containing(site_dir, HIDDEN_TITLES[doc_id], html=False) == []
    for folder in ("data", "feeds"):
        assert not [p for p in (site_dir / folder).rglob("*") if p.is_file() and doc_id in p.read_text("utf-8")]
    assert doc_id not in (site_dir / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("doc_id", sorted(HIDDEN_TITLES))
def test_no_page_names_a_document_that_is_not_public(site_dir, doc_id):
    assert files_containing(site_dir, HIDDEN_TITLES[doc_id], html=True) == []


def test_the_catalogue_json_is_assembled_from_the_records_texts_byte_for_byte():
    """policies.json is built from each record's own JSON (cached between builds): the same
    bytes as encoding the list at once, with nested, empty and multi-line values."""
    from generator.features.opendata.opendata import _json_list, to_json
    records = [{"id": "a", "topics": [], "relations": {}, "events": [1, {"title": "中文"}], "note": "一\n二"},
               {"id": "b", "keywords": ["甲", "乙"]}]
    assert _json_list([to_json(r) for r in records]) == to_json(records)
    assert _json_list([]) == to_json([])
