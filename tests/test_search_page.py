"""The search page of the built example column, as a citizen sees it (Chromium, CJK font):
filters folded on phones, results on the first screen, compact result titles, dates in
Chinese, a matched 文号 highlighted, and a page that helps when nothing is found."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import quote

import pytest
from lxml import html as lxml_html

from browser import deploy_csp, launch_chromium, missing_or_skip, serve_site
from generator.search.query import Index

FACETS = ("status", "genre", "year", "issuer")


def test_filters_list_only_values_documents_have_with_their_counts(example_site: Path) -> None:
    import json
    tree = lxml_html.fromstring((example_site / "search" / "index.html").read_bytes())
    manifest = json.loads((example_site / "search" / "index" / "manifest.json").read_text("utf-8"))
    for name in FACETS:
        options = tree.xpath(f'//select[@id="search-{name}"]/option[@value!=""]')
        listed = [(o.get("value"), o.text_content()) for o in options]
        suffix = "年" if name == "year" else ""
        expected = [(str(v), f"{label}{suffix}（{n}）") for v, label, n in manifest["facets"][name]]
        assert listed == expected, name
        assert all(n > 0 for _, _, n in manifest["facets"][name])


def test_every_issuer_filter_value_finds_documents(example_site: Path) -> None:
    # the options' values are what the index filters on (they were organization ids, which matched nothing)
    tree = lxml_html.fromstring((example_site / "search" / "index.html").read_bytes())
    index = Index(example_site / "search" / "index")
    values = tree.xpath('//select[@id="search-issuer"]/option[@value!=""]/@value')
    assert values
    for value in values:
        assert index.search(value, {"issuer": value}).hits, value


@pytest.fixture(scope="module")
def site_url(example_site: Path) -> Iterator[str]:
    missing_or_skip("chromium", "playwright")
    with serve_site(example_site, {"Content-Security-Policy": deploy_csp()}) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(site_url: str):  # type: ignore[no-untyped-def]
    with launch_chromium() as browser:
        yield browser


def open_search(chromium, site_url: str, query: str, width: int, height: int, extra: str = ""):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{site_url}search/?q={quote(query)}{extra}")
    page.wait_for_selector("#search-app[data-ms]", timeout=15_000)
    return context, page


def test_on_a_phone_the_filters_are_folded_and_results_start_on_the_first_screen(chromium, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context, page = open_search(chromium, site_url, "最低生活保障", 360, 740)
    try:
        assert page.evaluate("document.getElementById('search-filters').open") is False
        assert not page.is_visible("#search-status")
        top = page.evaluate("document.querySelector('ol.search-results > li h2').getBoundingClientRect().bottom")
        assert top < 740
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.click("#search-filters > summary")
        assert page.is_visible("#search-status")
    finally:
        context.close()


def test_a_filter_in_the_address_opens_the_filters_on_a_phone(chromium, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context, page = open_search(chromium, site_url, "低保", 360, 740, "&status=in_force")
    try:
        assert page.evaluate("document.getElementById('search-filters').open") is True
        assert page.inner_text("#search-filters > summary") == "筛选条件（已选 1 项）"
    finally:
        context.close()


def test_at_1280_several_results_fit_and_titles_are_body_sized(chromium, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context, page = open_search(chromium, site_url, "最低生活保障", 1280, 1000)
    try:
        assert page.evaluate("document.getElementById('search-filters').open") is True
        whole = page.evaluate("""Array.from(document.querySelectorAll('ol.search-results > li'))
                                 .filter(li => li.getBoundingClientRect().bottom <= innerHeight).length""")
        assert whole >= 2
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.search-result__title')).fontSize)")
        body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.search-result__snippet')).fontSize)")
        assert size <= body * 1.3, (size, body)
    finally:
        context.close()


def test_result_dates_are_written_in_chinese_and_a_matched_doc_number_is_marked(chromium, site_url: str,
                                                                                  example_site: Path) -> None:  # type: ignore[no-untyped-def]
    python = Index(example_site / "search" / "index").search("清政规〔2023〕3号")
    record = python.hits[0].record
    context, page = open_search(chromium, site_url, "清政规〔2023〕3号", 1280, 1000)
    try:
        first = page.locator("ol.search-results > li").first
        y, m, d = record["d"].split("-")
        assert first.locator(".search-result__date").inner_text() == f"{int(y)}年{int(m)}月{int(d)}日"
        assert first.locator(".search-result__date").get_attribute("datetime") == record["d"]
        assert first.locator(".search-result__docnum mark").all_inner_texts() == [record["n"]]
        assert [text for text, marked in python.hits[0].doc_number if marked] == [record["n"]]
    finally:
        context.close()


def test_nothing_found_offers_shorter_queries_and_the_lists(chromium, site_url: str, example_site: Path) -> None:  # type: ignore[no-untyped-def]
    query = "最低生活保障养鸡场"
    python = Index(example_site / "search" / "index").search(query)
    assert python.total == 0 and python.suggestions == ["最低生活保障"]
    context, page = open_search(chromium, site_url, query, 1280, 1000)
    try:
        assert page.is_visible("#search-empty")
        assert page.locator(".search-empty__queries a").all_inner_texts() == python.suggestions
        assert not page.is_visible(".search-empty__filters")
        assert page.locator("#search-empty li a").count() >= 3
        page.click(".search-empty__queries a")
        page.wait_for_selector("ol.search-results > li", timeout=15_000)
        assert page.input_value("#search-q") == "最低生活保障"
    finally:
        context.close()


def test_nothing_found_under_a_filter_offers_to_drop_it(chromium, site_url: str, example_site: Path) -> None:  # type: ignore[no-untyped-def]
    import json
    index = Index(example_site / "search" / "index")
    years = json.loads((example_site / "search" / "index" / "manifest.json").read_text("utf-8"))["facets"]["year"]
    year = next(y for y, _, _ in years if not index.search("最低生活保障", {"year": y}).hits)
    context, page = open_search(chromium, site_url, "最低生活保障", 1280, 1000, f"&year={year}")
    try:
        assert page.locator("ol.search-results > li").count() == 0
        assert page.is_visible(".search-empty__filters")
        page.evaluate("document.querySelector('#search-app').removeAttribute('data-ms')")
        page.click("#search-clear")
        page.wait_for_selector("#search-app[data-ms]", timeout=15_000)
        assert page.input_value("#search-year") == ""
        assert page.locator("ol.search-results > li").count() > 0
        assert page.is_hidden("#search-empty")
    finally:
        context.close()


def test_a_q_address_asks_for_the_index_with_the_page_and_downloads_each_file_once(chromium, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context()
    page = context.new_page()
    requested, problems = [], []
    page.on("request", lambda r: requested.append(r.url.split("/search/", 1)[1]) if "/search/" in r.url else None)
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    try:
        page.goto(f"{site_url}search/?q={quote('最低生活保障')}")
        page.wait_for_selector("#search-app[data-ms]", timeout=15_000)
        timing = page.evaluate("""() => Object.fromEntries(performance.getEntriesByType('resource')
            .filter(e => /\\/(manifest|attrs|search)\\.js(on)?$/.test(e.name))
            .map(e => [e.name.split('/').pop(), [e.initiatorType, e.startTime, e.responseEnd]]))""")
        first_at = int(page.get_attribute("#search-app", "data-first-at"))
    finally:
        context.close()
    # both files come from the page's preload links (not from the script, which arrives later),
    # and the script's own requests take them: one download each, no console warning or CSP error
    assert timing["manifest.json"][0] == timing["attrs.json"][0] == "link"
    assert timing["manifest.json"][1] <= timing["search.js"][2]
    assert requested.count("index/manifest.json") == requested.count("index/attrs.json") == 1
    assert first_at > timing["search.js"][2]  # data-first-at is on the navigation's clock
    assert problems == []
