"""Atom feeds: new documents, validity changes and topics, parsed and checked against RFC 4287."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import lxml.html
import pytest

from generator.urls import topic_slug
from generator.features.feeds.feeds import feed_files
from outputs_site import BASE_URL, HIDDEN_TITLES, PUBLIC_TOPICS, build_outputs_site, plan_with_withheld_actor

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
TAG = "tag:xxgk.test.example.gov.cn"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_outputs_site(tmp_path_factory)


def feed_paths(site_dir: Path) -> list[Path]:
    return sorted(site_dir.glob("feed-*.xml"))


def parse(path: Path) -> ET.Element:
    return ET.fromstring(path.read_bytes())


def entries(path: Path) -> list[dict]:
    return [{"id": e.findtext(f"{A}id"), "title": e.findtext(f"{A}title"), "updated": e.findtext(f"{A}updated"),
             "href": e.find(f"{A}link[@rel='alternate']").get("href"), "summary": e.findtext(f"{A}summary")}
            for e in parse(path).iter(f"{A}entry")]


def test_the_site_has_a_documents_feed_a_validity_feed_and_one_feed_per_public_topic(site_dir):
    expected = {"feed-policies.xml", "feed-validity.xml"}
    expected |= {f"feed-topic-{topic_slug(t)}.xml" for t in PUBLIC_TOPICS}
    assert {p.relative_to(site_dir).as_posix() for p in feed_paths(site_dir)} == expected


def test_every_feed_is_utf8_atom_with_the_required_elements_and_absolute_urls(site_dir):
    for path in feed_paths(site_dir):
        raw = path.read_bytes()
        assert raw.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n'), path
        raw.decode("utf-8")
        feed = parse(path)
        assert feed.tag == f"{A}feed"
        for name in ("id", "title", "updated"):
            assert feed.findtext(f"{A}{name}"), (path, name)
        assert RFC3339.match(feed.findtext(f"{A}updated"))
        self_link = feed.find(f"{A}link[@rel='self']")
        assert self_link.get("href") == BASE_URL + path.relative_to(site_dir).as_posix()
        assert feed.findtext(f"{A}author/{A}name") == "测试县人民政府"
        for entry in feed.iter(f"{A}entry"):
            for name in ("id", "title", "updated", "summary"):
                assert entry.findtext(f"{A}{name}"), (path, name)
            assert RFC3339.match(entry.findtext(f"{A}updated"))
            assert entry.find(f"{A}link[@rel='alternate']").get("href").startswith(BASE_URL + "policies/")


def test_entries_are_newest_first_with_unique_ids_and_the_feed_is_dated_by_its_newest_entry(site_dir):
    for path in feed_paths(site_dir):
        items = entries(path)
        assert items, path
        dates = [e["updated"] for e in items]
        assert dates == sorted(dates, reverse=True), path
        assert len({e["id"] for e in items}) == len(items), path
        assert parse(path).findtext(f"{A}updated") == dates[0]


def test_the_documents_feed_lists_public_documents_by_publication_date(site_dir):
    items = entries(site_dir / "feed-policies.xml")
    assert [e["href"].removeprefix(BASE_URL) for e in items] == [
        "policies/future/", "policies/cleanup/", "policies/amend/", "policies/notice/", "policies/rules/",
        "policies/old-rules/"]
    first = items[0]
    assert first["id"] == f"{TAG},2026-11-01:/policies/future"
    assert first["updated"] == "2026-11-01T00:00:00+08:00"
    assert "发文字号：测政办规〔2026〕5号" in first["summary"]
    # Markup-like characters in a title survive as text.
    assert items[2]["title"] == "关于修改《测试县行政规范性文件管理办法》的决定 & <附件>"


def test_the_validity_feed_dates_each_change_and_leaves_out_the_future(site_dir):
    items = entries(site_dir / "feed-validity.xml")
    got = [(e["updated"][:10], e["title"].split("：")[0], e["href"].removeprefix(BASE_URL), e["id"]) for e in items]
    assert got[:2] == [
        ("2025-06-12", "已废止", "policies/old-rules/", f"{TAG},2025-06-12:/policies/old-rules/repeals/cleanup"),
        ("2024-03-01", "已修改", "policies/rules/", f"{TAG},2024-03-01:/policies/rules/amends/amend"),
    ]
    assert ("2024-03-01", "施行", "policies/amend/", f"{TAG},2024-03-01:/policies/amend/effective") in got
    assert ("2023-02-01", "已失效", "policies/notice/", f"{TAG},2023-02-01:/policies/notice/expires") in got
    assert ("2022-06-01", "施行", "policies/rules/", f"{TAG},2022-06-01:/policies/rules/effective") in got
    assert not [g for g in got if g[0] > "2026-11-21"]            # future's 2027 entry into force
    assert not [g for g in got if g[2] == "policies/cleanup/"]    # in force on its publication day
    assert items[0]["summary"] == ("本文件已于2025年6月12日被《关于废止一批行政规范性文件的决定》"
                                   "（测政规〔2025〕1号）废止，现已废止。")


def test_a_change_made_by_a_withheld_document_is_reported_without_naming_it(tmp_path_factory):
    files = feed_files(plan_with_withheld_actor(tmp_path_factory).site)
    path = tmp_path_factory.mktemp("feeds") / "validity.xml"
    path.write_bytes(files["feed-validity.xml"])
    withheld = entries(path)[0]
    assert withheld["updated"] == "2026-03-02T00:00:00+08:00"
    assert withheld["summary"] == "本文件已于2026年3月2日被其他文件废止，现已废止。"
    assert re.fullmatch(rf"{TAG},2026-03-02:/policies/old-rules/repeals/x[0-9a-f]{{10}}", withheld["id"])
    for data in files.values():
        for doc_id, title in HIDDEN_TITLES.items():
            assert doc_id.encode() not in data and title.encode() not in data


def test_topic_feeds_hold_the_topics_public_documents(site_dir):
    slug = topic_slug("综合政务\\政务公开")
    feed = site_dir / f"feed-topic-{slug}.xml"
    assert parse(feed).findtext(f"{A}title") == "测试县人民政府信息公开：综合政务\\政务公开"
    assert [e["href"].removeprefix(BASE_URL) for e in entries(feed)] == ["policies/cleanup/", "policies/amend/"]


def alternates(page: Path) -> list[tuple[str, str]]:
    head = lxml.html.fromstring(page.read_bytes()).head
    return [(link.get("title"), (page.parent / link.get("href")).resolve().relative_to(page_root(page)).as_posix())
            for link in head.iterfind("link[@type='application/atom+xml']")
            if "alternate" in link.get("rel", "").split()]


def page_root(page: Path) -> Path:
    """The site folder a built page belongs to (the folder holding sitemap.xml)."""
    folder = page.resolve().parent
    while not (folder / "sitemap.xml").exists():
        folder = folder.parent
    return folder


def test_every_page_links_the_site_feeds_and_a_topic_list_links_its_own(site_dir):
    # relative links that resolve to the feed files (resolved here against the site folder)
    site_wide = [("测试县人民政府信息公开：新发布政策文件", "feed-policies.xml"),
                 ("测试县人民政府信息公开：文件有效性变化", "feed-validity.xml")]
    pages = sorted(site_dir.rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        assert alternates(page)[:2] == site_wide, page
    slug = topic_slug("财政、金融、审计\\财政")
    assert alternates(site_dir / f"lists/topics/{slug}/index.html")[2:] == [
        ("测试县人民政府信息公开：财政、金融、审计\\财政", f"feed-topic-{slug}.xml")]
