"""The 404 page a visitor lands on for a wrong address: Chinese, a search box and the usual links."""
from __future__ import annotations

import pytest

from browser import launch_chromium, missing_or_skip, new_context, serve_site
from catalog_html import parse


@pytest.fixture(scope="module")
def not_found(example_site):
    return parse((example_site / "404.html").read_text(encoding="utf-8"))


def test_the_404_page_says_page_not_found_in_chinese(not_found):
    assert not_found.find("title").text == "页面未找到 - 清河县人民政府信息公开"
    article = not_found.find("article")
    assert [h.text for h in article.find_all("h1")] == ["页面未找到"]
    assert "Not found" not in article.text
    assert article.find("p").text == "您访问的页面不存在，可能已被移动或删除，或者地址输入有误。"


def test_the_404_page_has_a_search_form_to_the_search_page(not_found):
    form = not_found.find("form", "gov-404-search")
    assert (form.attrs["method"], form.attrs["action"], form.attrs["role"]) == ("get", "/search/", "search")
    field = form.find("input", name="q")
    assert form.find("label").attrs["for"] == field.attrs["id"] and form.find("label").text == "搜索本站"


def test_the_404_page_links_home_the_current_list_and_the_guide(not_found):
    links = [(a.text, a.attrs["href"]) for a in not_found.find("article").find("ul").find_all("a")]
    assert links == [("首页", "/"), ("现行有效行政规范性文件", "/lists/current/"),
                     ("清河县人民政府政府信息公开指南", "/pages/guide/"), ("网站地图", "/sitemap/")]


@pytest.mark.browser
def test_searching_from_the_404_page_works_without_javascript(example_site):
    """Served as nginx serves it (any missing path answers with 404.html): the form leads to ?q=."""
    missing_or_skip("chromium", "playwright")
    with launch_chromium() as browser, serve_site(example_site) as url:
        context = new_context(browser, axe=False, java_script_enabled=False, viewport={"width": 360, "height": 800})
        page = context.new_page()
        page.goto(url + "404.html")
        page.fill("#gov-404-q", "补贴")
        page.click("form.gov-404-search button[type=submit]")
        page.wait_for_load_state()
        assert page.url == url + "search/?q=%E8%A1%A5%E8%B4%B4"
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
        context.close()
