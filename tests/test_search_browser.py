"""search.js in Chromium: typing a query, ?q= links, and what the page fetches.

A tiny static site (the search.html fragment in a minimal page, search.js and
the index of the sample documents of test_search_index) is served over [::1].
"""
from __future__ import annotations

import http.server
import os
import shutil
import socket
import threading
from pathlib import Path
from typing import Iterator

import jinja2
import pytest

from generator.search import SearchDoc, write_search_index
from generator.search.query import Index
from test_search_index import SAMPLE_DOCS

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>站内搜索</title></head>
<body><main>{body}</main></body></html>
"""


def require_browser() -> None:
    """Skip when Chromium or Playwright is missing; with CI set, fail instead."""
    problems = []
    if not CHROMIUM.exists():
        problems.append(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the Python package playwright is missing")
    if problems:
        if os.environ.get("CI"):
            pytest.fail("CI is set but " + "; ".join(problems), pytrace=False)
        pytest.skip("; ".join(problems))


class V6Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6
    request_queue_size = 128


def render_page() -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(REPO / "generator" / "templates"), autoescape=True)
    body = env.get_template("search.html").render(
        index_url="search/", site_root="", script_url="search.js",
        status_options=[("in_force", "现行有效"), ("repealed", "已废止")],
        genre_options=[("normative", "行政规范性文件"), ("qa", "政策问答")],
        year_options=[("2023", "2023"), ("2022", "2022")],
        issuer_options=[("青河县人民政府", "青河县人民政府")],
        list_links=[("现行有效文件", "policies/"), ("政策解读", "interpretations/")])
    return PAGE.format(body=body)


@pytest.fixture(scope="module")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index folder of the served site."""
    return tmp_path_factory.mktemp("site")


@pytest.fixture(scope="module")
def site(site_root: Path) -> Iterator[str]:
    require_browser()
    root = site_root
    (root / "index.html").write_text(render_page(), encoding="utf-8")
    shutil.copy(REPO / "theme" / "assets" / "javascripts" / "search.js", root / "search.js")
    write_search_index(SAMPLE_DOCS, root / "search")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
            pass

    server = V6Server(("::1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://[::1]:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(site: str):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.requested = []  # paths fetched under search/, in order
    page.on("request", lambda r: page.requested.append(r.url.split("/search/", 1)[1])
            if "/search/" in r.url else None)
    yield page
    context.close()


def wait_results(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector("#search-app[data-ms]", timeout=10_000)


def test_typing_a_query_shows_ranked_highlighted_results(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site)
    page.fill("#search-q", "人居环境")
    page.press("#search-q", "Enter")
    wait_results(page)
    items = page.locator("ol.search-results > li")
    assert items.count() == 2
    # the document the query names (人居环境 in its title) first, though repealed (issue 19)
    assert items.nth(1).locator("h2 a").inner_text() == "青河县生活垃圾分类管理办法"
    assert items.nth(1).locator(".badge").inner_text() == "现行有效"
    assert items.nth(0).locator(".badge").inner_text() == "已废止"
    assert items.nth(0).locator(".badge").get_attribute("class") == "badge badge--repealed"
    assert items.nth(0).locator("h2 a mark").inner_text() == "人居环境"
    assert items.nth(0).locator(".search-result__docnum").inner_text() == "青政发[2019]12号"
    assert "人居环境" in items.nth(1).locator(".search-result__snippet mark").all_inner_texts()
    assert page.locator("[aria-live=polite]").inner_text() == "找到 2 条结果"
    assert "q=%E4%BA%BA%E5%B1%85%E7%8E%AF%E5%A2%83" in page.url


def test_q_in_the_url_loads_results_fetching_only_what_the_query_needs(
        site: str, site_root: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site + "?q=" + "青政办发(2022)5号")
    wait_results(page)
    first = page.locator("ol.search-results > li").first
    assert first.locator("h2 a").get_attribute("href") == "policies/qh-2022-005/"
    assert first.locator(".search-result__docnum").inner_text() == "青政办发〔2022〕5号"
    assert page.input_value("#search-q") == "青政办发(2022)5号"
    python = Index(site_root / "search")
    python.search("青政办发(2022)5号")
    assert sorted(page.requested) == sorted(python.fetched)
    assert not any(p.startswith("t/") and p not in python.fetched for p in page.requested)


def submit(page, query: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")  # search() removes data-ms at once and sets it when the page is shown


def test_a_new_query_replaces_every_result_of_the_previous_one(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site + "?q=" + "隐患")
    wait_results(page)
    assert page.locator("ol.search-results > li").count() == 3
    submit(page, "人居环境")
    wait_results(page)
    assert page.locator("ol.search-results > li h2 a").all_inner_texts() == [
        "青河县农村人居环境整治实施办法", "青河县生活垃圾分类管理办法"]
    assert page.inner_text("[aria-live=polite]") == "找到 2 条结果"
    assert "q=%E4%BA%BA%E5%B1%85%E7%8E%AF%E5%A2%83" in page.url
    submit(page, "没有这样的词")  # no document: the list empties, the count says 0
    wait_results(page)
    assert page.locator("ol.search-results > li").count() == 0
    assert page.inner_text("[aria-live=polite]") == "找到 0 条结果"
    assert page.is_hidden(".search-more")
    submit(page, "村")  # one character: the titles holding it
    wait_results(page)
    assert page.locator("ol.search-results > li h2 a").all_inner_texts() == ["青河县农村人居环境整治实施办法"]
    assert page.locator("ol.search-results > li h2 a mark").all_inner_texts() == ["村"]
    assert "q=%E6%9D%91" in page.url


def test_typing_asks_for_the_cover_shards_at_once_and_the_query_reuses_them(
        site: str, site_root: Path, page) -> None:  # type: ignore[no-untyped-def]
    import json
    from generator.search.index import shard_name
    from generator.search.tokenize import parse_query, scored_terms
    page.goto(site)
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.endsWith('/attrs.json'))")
    page.requested.clear()
    # every request search.js makes from here, in the order made (fetch() is looked up at each call)
    asked = page.evaluate("""() => { window.asked = []; const real = window.fetch;
        window.fetch = function (url) { asked.push(String(url).replace(/^.*search\\//, '')); return real.apply(this, arguments); };
        const field = document.getElementById('search-q');
        field.value = '人居环境';
        field.dispatchEvent(new Event('input', {bubbles: true}));
        return asked.slice(); }""")  # what the input event itself asked for, before any timer ran
    shards = json.loads((site_root / "search" / "manifest.json").read_text())["shards"]
    parts, terms = parse_query("人居环境")
    cover = {shard_name(t, shards) for t in scored_terms(parts, terms)}
    assert set(asked) == cover and len(asked) == len(cover)  # 人居 and 环境, not 居环 (it only narrows)
    page.press("#search-q", "Enter")
    wait_results(page)
    assert page.locator("ol.search-results > li").count() == 2
    python = Index(site_root / "search")
    python.search("人居环境")
    fetched = [name for name in page.requested]
    assert len(fetched) == len(set(fetched))  # nothing asked twice: the query took the typed requests
    assert sorted(fetched) == sorted(set(python.fetched) - {"manifest.json", "attrs.json"})


def test_a_slow_query_says_so_and_hides_the_stale_results(site: str, page) -> None:  # type: ignore[no-untyped-def]
    import time
    page.goto(site + "?q=" + "隐患")
    wait_results(page)
    page.evaluate("""() => { window.seen = [];
        new MutationObserver(() => seen.push([document.querySelector('[aria-live=polite]').textContent,
                                              document.querySelectorAll('ol.search-results > li').length]))
            .observe(document.getElementById('search-app'), {subtree: true, childList: true, characterData: true}); }""")
    page.route("**/search/t/*", lambda route: (time.sleep(0.6), route.continue_()))  # shards arrive late
    submit(page, "人居环境")
    wait_results(page)
    seen = page.evaluate("seen")
    assert ["正在搜索…", 0] in seen  # the old results went when the wait became noticeable
    assert seen[-1] == ["找到 2 条结果", 2]


def test_a_query_of_more_cover_shards_than_connections_may_fetch_one_guess_more(
        site: str, site_root: Path, page) -> None:  # type: ignore[no-untyped-def]
    import json
    from generator.search.index import shard_name
    from generator.search.tokenize import parse_query, scored_terms
    query = "现就进一步加强安全生产工作通知"  # 14 bigrams; the 8 of its cover in 7 shards: more than 6 connections
    shards = json.loads((site_root / "search" / "manifest.json").read_text())["shards"]
    parts, terms = parse_query(query)
    assert len({shard_name(t, shards) for t in scored_terms(parts, terms)}) > 6
    page.goto(site + "?q=" + query)
    wait_results(page)
    python = Index(site_root / "search")
    result = python.search(query)
    assert page.locator("ol.search-results > li h2 a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))") == [h.record["u"] for h in result.hits] != []
    assert page.inner_text("[aria-live=polite]") == f"找到 {result.total} 条结果"
    docs = {p for p in page.requested if p.startswith("d/")}
    assert len(docs - set(python.fetched)) <= 1  # the leader of the first six shards, if it was not the first


def test_filters_from_the_url_apply(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site + "?q=%E4%BA%BA%E5%B1%85%E7%8E%AF%E5%A2%83&status=repealed")
    wait_results(page)
    assert page.locator("ol.search-results > li h2 a").all_inner_texts() == ["青河县农村人居环境整治实施办法"]
    assert page.input_value("#search-status") == "repealed"


def test_the_form_works_from_the_keyboard(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.keyboard.type("隐患")
    page.keyboard.press("Enter")
    wait_results(page)
    assert page.locator("ol.search-results > li").count() == 3
    page.keyboard.press("Tab")  # the submit button, the filters' summary, then the first filter
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.parentElement.id") == "search-filters"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search-status"


# Larger indexes: the page against the Python mirror, result for result and count for count.

OVERMATCH_DOCS = [
    SearchDoc(url=f"p/{i:02d}/", kind="policy", title=f"第{i}号文件",
              text=("甲乙丙丁。" if i % 3 == 0 else "甲乙，乙丙，丙丁。") + "其他内容" * i,
              status="in_force", status_label="现行有效", genre="other", genre_label="其他文件",
              date=f"2020-{i // 28 + 1:02d}-{i % 28 + 1:02d}")
    for i in range(40)
]
# 甲乙丙丁's cover is 甲乙 and 丙丁 (scored), 乙丙 only narrows. The newest document has both
# cover terms in its title, so it leads until 乙丙's shard comes, but holds no 甲乙丙丁.
EARLY_DOCS = [
    SearchDoc(url="p/title/", kind="policy", title="甲乙与丙丁", text="正文。", status="in_force",
              status_label="现行有效", genre="other", genre_label="其他文件", date="2024-01-01"),
    SearchDoc(url="p/body/", kind="policy", title="其他文件", text="条文中写有甲乙丙丁四字。", status="in_force",
              status_label="现行有效", genre="other", genre_label="其他文件", date="2023-01-01"),
]
MIRROR_QUERIES = ("政务公开", "安全生产", "教育", "〔2021〕12号", "2021", "实施办法", "关于",
                  "市场监管 社会保障", "环境保护的通知", "的意见", "人民政府", "constructor", "__proto__ 关于",
                  "政务公开是多少 社会保障 教育", "局", "的", "通知 局", "教育怎么申请", "市场监管 甲乙丙丁", "安全生产 环境保护 甲乙")
# the last three: no document holds every part, the best partial matches come with a notice


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """300 synthetic documents (benchmarks/search_bench.py) and the over-match corpus, served."""
    require_browser()
    import sys
    sys.path.insert(0, str(REPO / "benchmarks"))
    from search_bench import make_docs
    root = tmp_path_factory.mktemp("big")
    (root / "index.html").write_text(render_page(), encoding="utf-8")
    shutil.copy(REPO / "theme" / "assets" / "javascripts" / "search.js", root / "search.js")
    write_search_index(make_docs(300), root / "search")
    over = root / "over"
    over.mkdir()
    (over / "index.html").write_text(render_page(), encoding="utf-8")
    shutil.copy(REPO / "theme" / "assets" / "javascripts" / "search.js", over / "search.js")
    write_search_index(OVERMATCH_DOCS, over / "search")
    early = root / "early"
    early.mkdir()
    (early / "index.html").write_text(render_page(), encoding="utf-8")
    shutil.copy(REPO / "theme" / "assets" / "javascripts" / "search.js", early / "search.js")
    write_search_index(EARLY_DOCS, early / "search")
    from generator.features.search.site_search import with_aliases
    from test_search_synonyms import DOCS as SYNONYM_DOCS, GROUPS
    syn = root / "syn"
    syn.mkdir()
    (syn / "index.html").write_text(render_page(), encoding="utf-8")
    shutil.copy(REPO / "theme" / "assets" / "javascripts" / "search.js", syn / "search.js")
    write_search_index([with_aliases(d, GROUPS) for d in SYNONYM_DOCS], syn / "search")
    from test_search_index import named_docs
    named = root / "named"
    named.mkdir()
    (named / "index.html").write_text(render_page(), encoding="utf-8")
    shutil.copy(REPO / "theme" / "assets" / "javascripts" / "search.js", named / "search.js")
    repealed = [SearchDoc(url=f"p/{n}/", kind="policy", title=f"第{n}号", text="公路养护。" * n, status="repealed",
                          status_label="已废止", date=f"2010-01-0{n}") for n in (1, 3, 5)]
    write_search_index(named_docs() + repealed, named / "search")
    server = V6Server(("::1", 0), lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(root), **k))
    server.RequestHandlerClass.log_message = lambda *a: None  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://[::1]:{server.server_address[1]}/", root
    finally:
        server.shutdown()
        server.server_close()


def shown(page) -> tuple[list[str], str, str, str]:  # type: ignore[no-untyped-def]
    wait_results(page)
    app = page.locator("#search-app")
    hrefs = page.locator("ol.search-results > li h2 a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    return hrefs, page.inner_text("[aria-live=polite]"), app.get_attribute("data-count"), app.get_attribute("data-exact")


@pytest.mark.parametrize("query", MIRROR_QUERIES)
def test_results_and_count_equal_the_python_mirror(big_site, browser, query: str) -> None:  # type: ignore[no-untyped-def]
    from urllib.parse import quote
    url, root = big_site
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + "?q=" + quote(query))
        hrefs, text, count, exact = shown(page)
        notice = page.inner_text(".search-notice") if page.is_visible(".search-notice") else ""
    finally:
        context.close()
    python = Index(root / "search").search(query)
    assert hrefs == [h.record["u"] for h in python.hits]
    assert (int(count), exact == "1") == (python.total, python.exact)
    assert notice == python.message
    assert text == ("找到 " if python.exact else "找到约 ") + f"{python.total} 条结果"
    if python.exact:  # an exact count is the number of documents the query matches
        assert python.total == len(Index(root / "search").search(query, limit=10**6).hits)


def test_queries_one_after_another_on_one_page_equal_the_python_mirror(big_site, browser) -> None:  # type: ignore[no-untyped-def]
    url, root = big_site
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        for query in ("市场监管 社会保障", "关于", "市场监管 甲乙丙丁", "2021", "环境保护的通知", "人民政府"):  # what one query leaves, the next must not see
            submit(page, query)
            hrefs, text, count, exact = shown(page)
            python = Index(root / "search").search(query)
            assert hrefs == [h.record["u"] for h in python.hits], query
            assert (int(count), exact == "1") == (python.total, python.exact), query
    finally:
        context.close()


def test_more_results_come_in_rank_order_even_if_the_button_is_pressed_twice(big_site, browser) -> None:  # type: ignore[no-untyped-def]
    url, root = big_site
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + "?q=" + "关于")
        shown(page)
        page.evaluate("""() => { document.querySelector('#search-app').removeAttribute('data-ms');
                                 const more = document.querySelector('.search-more'); more.click(); more.click(); }""")
        hrefs, text, count, exact = shown(page)
    finally:
        context.close()
    python = Index(root / "search").search("关于", limit=20)  # the second press came while the first was filling
    assert hrefs == [h.record["u"] for h in python.hits]
    assert (int(count), exact == "1") == (python.total, python.exact)


@pytest.mark.parametrize("filters", [{"status": "repealed"}, {"status": "in_force", "genre": "normative"},
                                     {"year": "2022"}, {"status": "repealed", "year": "2023"}])  # values the test page's selects offer
def test_filtered_results_equal_the_python_mirror(big_site, browser, filters: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    from urllib.parse import urlencode
    url, root = big_site
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + "?" + urlencode({"q": "关于", **filters}))
        hrefs, text, count, exact = shown(page)
        assert {name: page.input_value(f"#search-{name}") for name in filters} == filters
    finally:
        context.close()
    python = Index(root / "search").search("关于", filters)
    assert python.hits, filters  # the case says something
    assert hrefs == [h.record["u"] for h in python.hits]
    assert (int(count), exact == "1") == (python.total, python.exact)


def test_a_count_that_may_over_match_says_so_until_every_candidate_is_checked(big_site, browser) -> None:  # type: ignore[no-untyped-def]
    url, root = big_site
    python = Index(root / "over" / "search").search("甲乙丙")
    assert not python.exact and python.total > 14  # all 40 hold 甲乙 and 乙丙, 14 hold 甲乙丙
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + "over/?q=" + "甲乙丙")
        hrefs, text, count, exact = shown(page)
        assert text == f"找到约 {python.total} 条结果" and exact == "0"
        while page.is_visible(".search-more"):
            page.evaluate("document.querySelector('#search-app').removeAttribute('data-ms')")
            page.click(".search-more")
            hrefs, text, count, exact = shown(page)
        assert text == "找到 14 条结果" and exact == "1" and len(hrefs) == 14
    finally:
        context.close()


@pytest.mark.parametrize("query", ["人民政府", "市场监管 社会保障"])
def test_browsers_without_typed_arrays_rank_the_same(big_site, browser, query: str) -> None:  # type: ignore[no-untyped-def]
    from urllib.parse import quote
    url, root = big_site
    context = browser.new_context()
    # Hidden while the page's scripts run (search.js decides then), back for Playwright afterwards.
    context.add_init_script("""(() => { const saved = {Int32Array, Uint8Array};
        delete window.Int32Array; delete window.Uint8Array;
        document.addEventListener("DOMContentLoaded", () => {
            window.typedWhileLoading = typeof Int32Array; Object.assign(window, saved); }); })();""")
    try:
        page = context.new_page()
        page.goto(url + "?q=" + quote(query))
        assert page.evaluate("typedWhileLoading") == "undefined"
        hrefs, text, count, exact = shown(page)
    finally:
        context.close()
    python = Index(root / "search").search(query)
    assert hrefs == [h.record["u"] for h in python.hits]
    assert (int(count), exact == "1") == (python.total, python.exact)


def narrowing_shards(index: Path, query: str) -> set[str]:
    """The shards a query needs only for its terms that do not score (none of its cover's)."""
    import json
    from generator.search.index import shard_name
    from generator.search.tokenize import parse_query, scored_terms
    shards = json.loads((index / "manifest.json").read_text())["shards"]
    parts, terms = parse_query(query)
    scored = scored_terms(parts, terms)
    return {shard_name(t, shards) for t in terms if t not in scored} - {shard_name(t, shards) for t in scored}


def held_page(context, shards: set[str]):  # type: ignore[no-untyped-def]
    """A page whose requests for these shards wait until ``release(page)``."""
    page = context.new_page()
    page.held = []
    page.route("**/search/t/*", lambda route: page.held.append(route)
               if route.request.url.split("/search/", 1)[1] in shards else route.continue_())
    return page


def release(page) -> None:  # type: ignore[no-untyped-def]
    for route in page.held:
        route.continue_()


def test_the_first_result_does_not_wait_for_the_shards_that_only_narrow(big_site, browser) -> None:  # type: ignore[no-untyped-def]
    from urllib.parse import quote
    from generator.search.tokenize import parse_query, scored_terms
    url, root = big_site
    query = "市场监管 社会保障"  # cover 市场 监管 社会 保障; 场监 会保 only narrow
    python = Index(root / "search")
    result = python.search(query)
    parts, terms = parse_query(query)
    scored = scored_terms(parts, terms)
    held = narrowing_shards(root / "search", query)
    assert held and result.hits  # the case says something
    assert python.candidates(sorted(scored), {})[0] == result.hits[0].doc_id  # the cover's leader is the first
    context = browser.new_context()
    try:
        page = held_page(context, held)
        page.goto(url + "?q=" + quote(query))
        page.wait_for_selector("#search-app[data-first-ms]", timeout=10_000)
        first = page.locator("ol.search-results > li h2 a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert first == [result.hits[0].record["u"]]
        assert page.get_attribute("#search-app", "data-ms") is None  # the count waits for them
        for _ in range(100):  # asked for once the first result's document came
            if len(page.held) == len(held):
                break
            page.wait_for_timeout(20)
        assert len(page.held) == len(held)
        release(page)
        hrefs, text, count, exact = shown(page)
    finally:
        context.close()
    assert hrefs == [h.record["u"] for h in result.hits]
    assert (int(count), exact == "1") == (result.total, result.exact)


def test_a_leader_without_the_query_is_not_shown_early(big_site, browser) -> None:  # type: ignore[no-untyped-def]
    url, root = big_site
    index = root / "early" / "search"
    held = narrowing_shards(index, "甲乙丙丁")
    assert held  # 乙丙's shard is none of the cover's
    context = browser.new_context()
    try:
        page = held_page(context, held)
        page.goto(url + "early/?q=" + "甲乙丙丁")
        # the leader by the cover alone (the title match, id 0) is fetched, checked and not shown
        page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.endsWith('/d/0.json'))",
                               timeout=10_000)
        page.wait_for_timeout(100)
        assert page.locator("ol.search-results > li").count() == 0
        assert page.get_attribute("#search-app", "data-first-ms") is None
        release(page)
        hrefs, text, count, exact = shown(page)
    finally:
        context.close()
    python = Index(index).search("甲乙丙丁")
    assert hrefs == [h.record["u"] for h in python.hits] == ["p/body/"]
    assert text == "找到 1 条结果" and exact == "1"


@pytest.mark.parametrize("query", ["公租房", "最低生活保障", "医保怎么报销"])
def test_synonyms_find_the_same_documents_in_the_browser(big_site, browser, query: str) -> None:  # type: ignore[no-untyped-def]
    from urllib.parse import quote
    url, root = big_site
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + "syn/?q=" + quote(query))
        hrefs, text, count, exact = shown(page)
    finally:
        context.close()
    python = Index(root / "syn" / "search").search(query)
    assert len(python.hits) >= 1 and hrefs == [h.record["u"] for h in python.hits]


@pytest.mark.parametrize("query", ["清政发〔2015〕7号", "城镇住房保障办法", "住房保障", "2015", "养护", "第3号"])
def test_the_document_a_query_names_comes_first_in_the_browser(big_site, browser, query: str) -> None:  # type: ignore[no-untyped-def]
    from urllib.parse import quote
    url, root = big_site
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + "named/?q=" + quote(query))
        hrefs, text, count, exact = shown(page)
    finally:
        context.close()
    python = Index(root / "named" / "search").search(query)
    assert len(python.hits) >= 1 and hrefs == [h.record["u"] for h in python.hits]
