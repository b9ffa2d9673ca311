"""sitemap.xml against the sitemaps.org 0.9 XSD, content-dated lastmod, the .gz copy, robots.txt,
and byte-identical feeds, data and sitemap for the same content and as-of date."""
from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from conftest import tree_digest
from outputs_site import BASE_URL, HIDDEN_TITLES, build_outputs_site

XSD = Path(__file__).parent / "data" / "sitemap.xsd"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_outputs_site(tmp_path_factory)


@pytest.fixture(scope="module")
def lastmods(site_dir: Path) -> dict[str, str]:
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    return {u.findtext(f"{NS}loc"): u.findtext(f"{NS}lastmod") for u in root.iter(f"{NS}url")}


def test_the_sitemap_is_valid_against_the_sitemaps_org_schema(site_dir):
    xmlschema.XMLSchema(str(XSD)).validate(str(site_dir / "sitemap.xml"))
    assert (site_dir / "sitemap.xml").read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_the_sitemap_lists_every_public_page_by_its_absolute_url(site_dir, lastmods):
    pages = {p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")}
    expected = {BASE_URL + ("" if rel == "." else rel + "/") for rel in pages}
    assert set(lastmods) == expected
    assert list(lastmods)[0] == BASE_URL
    for doc_id in HIDDEN_TITLES:
        assert BASE_URL + f"policies/{doc_id}/" not in lastmods


def test_lastmod_is_the_content_date_never_the_build_or_as_of_date(lastmods):
    assert lastmods[BASE_URL + "policies/rules/"] == "2024-03-01"       # amended then
    assert lastmods[BASE_URL + "policies/notice/"] == "2023-02-01"      # expired then
    assert lastmods[BASE_URL + "policies/old-rules/"] == "2025-06-12"   # repealed then
    assert lastmods[BASE_URL + "policies/future/"] == "2026-11-01"      # 2027 entry into force is upcoming
    assert lastmods[BASE_URL + "interpretations/rules-jd/"] == "2022-05-25"
    assert lastmods[BASE_URL + "pages/guide/"] is None                  # no `updated`: no claim
    assert lastmods[BASE_URL] == lastmods[BASE_URL + "lists/all/"] == "2026-11-01"
    assert "2026-11-21" not in lastmods.values()


def test_the_gzip_copy_is_the_same_sitemap_with_no_timestamp(site_dir):
    raw = (site_dir / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(raw) == (site_dir / "sitemap.xml").read_bytes()
    assert raw[4:8] == b"\0\0\0\0" and raw[3] & 0x08 == 0    # mtime 0, no file name


def test_robots_txt_points_to_the_sitemap(site_dir):
    assert (site_dir / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {BASE_URL}sitemap.xml\n")


def test_feeds_data_and_sitemap_are_byte_identical_across_builds(site_dir, tmp_path_factory):
    again = build_outputs_site(tmp_path_factory)
    mine = ("feed-", "data/", "sitemap.xml", "sitemap.xml.gz", "robots.txt", "opendata/", "policies/")
    first = {k: v for k, v in tree_digest(site_dir).items() if k.startswith(mine)}
    second = {k: v for k, v in tree_digest(again).items() if k.startswith(mine)}
    assert first == second and len(first) > 20
