"""Layout as a citizen sees it: Chinese text measured in Chromium at 1280, 768 and 360 px.

Only meaningful with a CJK font (Debian's fonts-noto-cjk, installed by ``.ci/run``): without
one every character is a box of the wrong width. One browser and one pass over a handful of
representative pages per width and mode collects every measurement; each test reads its part.
"""
from __future__ import annotations

import io
import subprocess

import pytest
import zxingcpp
from PIL import Image

from browser import CONTRAST_JS, missing_or_skip, new_context

pytestmark = pytest.mark.browser

WIDTHS = (1280, 768, 360)
MODES = {"default": False, "elderly": True}
PAGES = {
    "list": "lists/current/",
    "list-all": "lists/all/",
    "policy": "policies/qh-2022-005/",  # 已修改, with a history table and the document header
    "catalog": "catalog/",
    "catalog-area": "catalog/social-assistance/",
    "records": "budgets/",                                  # a records section's list
    "record-budget": "budgets/budget-2026-civil-affairs/",  # header, budget and 三公经费 tables
    "record-results": "permits/permits-2026-10/",           # an 11-column results table
    "record-plan": "plans/plan-13th-five-year/",            # superseded and expired banners
}

# Everything measured on one loaded page; strings describe each problem found.
MEASURE_JS = CONTRAST_JS + r"""
(() => {
  const lineCount = node => {
    const range = document.createRange(); range.selectNodeContents(node);
    const tops = new Set();
    for (const r of range.getClientRects()) if (r.width > 0.5) tops.add(Math.round(r.top));
    return tops.size;
  };
  const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const tokens = [];
  // A 文号 or a date: a cell under a header that says 文号 or 日期, and every <time> in a table.
  document.querySelectorAll('main table').forEach(table => {
    const columns = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
    table.querySelectorAll('tbody tr').forEach(tr => {
      const rowHeader = tr.querySelector('th[scope=row]');
      [...tr.children].forEach((cell, i) => {
        if (cell.tagName !== 'TD') return;
        const header = rowHeader ? rowHeader.textContent.trim() : (columns[i] || '');
        if (/文号|日期/.test(header) && !cell.querySelector('time')) tokens.push(cell);
      });
    });
    table.querySelectorAll('time').forEach(t => tokens.push(t));
  });
  const wrapped = tokens.filter(visible).map(el => [el.textContent.trim(), lineCount(el)])
    .filter(([, n]) => n > 1).map(([text, n]) => `"${text}" on ${n} lines`);
  // A caption on more than one line must be about as wide as the content column.
  const narrow = [];
  const column = document.querySelector('.md-content__inner');
  const columnWidth = column ? column.getBoundingClientRect().width : innerWidth;
  document.querySelectorAll('main caption').forEach(caption => {
    if (!visible(caption)) return;
    const width = caption.getBoundingClientRect().width;
    if (lineCount(caption) > 1 && width < 0.8 * columnWidth)
      narrow.push(`"${caption.textContent.trim().slice(0, 20)}" ${Math.round(width)} px wide on ` +
                  `${lineCount(caption)} lines in a ${Math.round(columnWidth)} px column`);
  });
  // A link's first 《（“ or last 》）？: full width, half its em box is an underlined blank.
  const blank = [];
  document.querySelectorAll('main a').forEach(a => {
    if (!visible(a)) return;
    const size = parseFloat(getComputedStyle(a).fontSize);
    const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
    const texts = []; while (walker.nextNode()) if (walker.currentNode.data.trim()) texts.push(walker.currentNode);
    if (!texts.length) return;
    const ends = [[texts[0], 0, /^[《〈（「『“‘〔【]/], [texts[texts.length - 1], -1, /[》〉）」』”’〕】？！。，、；：]$/]];
    for (const [node, at, pattern] of ends) {
      if (!pattern.test(node.data)) continue;
      const range = document.createRange(), i = at < 0 ? node.data.length - 1 : 0;
      range.setStart(node, i); range.setEnd(node, i + 1);
      const width = range.getBoundingClientRect().width;
      if (width > 0.6 * size) blank.push(`"${a.textContent.trim().slice(0, 16)}" ${node.data[i]} is ${(width / size).toFixed(2)} em wide`);
    }
  });
  const scroll = document.scrollingElement.scrollWidth;
  return {wrapped, narrow, blank, overflow: scroll > innerWidth ? [`scrollWidth ${scroll} > ${innerWidth}`] : []};
})()
"""

# The page title's contrast with what is behind it, the colour's alpha composited first.
TITLE_JS = CONTRAST_JS + r"""
(() => {
  const {parse, ratio, background} = window.__contrast;
  const h1 = document.querySelector('main h1, article h1');
  const fg = parse(getComputedStyle(h1).color), bg = background(h1);
  const mix = {r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a),
               b: fg.b * fg.a + bg.b * (1 - fg.a), a: 1};
  return ratio(mix, bg);
})()
"""


# Where the QR code is: hidden, or at the top right of the document header (before the body).
QR_JS = r"""
(() => {
  const qr = document.querySelector('.doc-qr');
  if (!qr) return null;
  const box = qr.getBoundingClientRect();
  if (!box.width) return 'hidden';
  const column = document.querySelector('.md-content__inner').getBoundingClientRect();
  const header = document.querySelector('table.doc-header').getBoundingClientRect();
  const body = document.querySelector('.doc-body').getBoundingClientRect();
  const problems = [];
  if (box.bottom > body.top) problems.push(`bottom ${Math.round(box.bottom)} below the body's top ${Math.round(body.top)}`);
  if (box.top > header.top) problems.push(`top ${Math.round(box.top)} below the header table's top ${Math.round(header.top)}`);
  if (column.right - box.right > 24) problems.push(`right edge ${Math.round(box.right)} not at the column's ${Math.round(column.right)}`);
  return problems.length ? problems.join(', ') : 'top right';
})()
"""


@pytest.fixture(scope="module")
def browser(chromium):
    """conftest's Chromium, under the name these tests use."""
    return chromium


@pytest.fixture(scope="module")
def url(site_url):
    """conftest's served example site, under the name these tests use."""
    return site_url


@pytest.fixture(scope="module")
def measured(example_site, browser, url):
    """{(page, width, mode): {check: [problems]}} for every representative page."""
    results = {}
    for mode, elderly in MODES.items():
        for width in WIDTHS:
            context = new_context(browser, elderly=elderly, axe=False, viewport={"width": width, "height": 900})
            page = context.new_page()
            for name, path in PAGES.items():
                assert (example_site / path / "index.html").exists(), path
                page.emulate_media(media="screen")
                page.goto(url + path)
                found = page.evaluate(MEASURE_JS)
                found["title"] = page.evaluate(TITLE_JS)
                found["qr"] = page.evaluate(QR_JS)
                page.emulate_media(media="print")
                found["title_print"] = page.evaluate(TITLE_JS)
                found["qr_print"] = page.evaluate(QR_JS)
                results[(name, width, mode)] = found
            context.close()
    return results


def problems(measured: dict, check: str) -> list[str]:
    return [f"{name} at {width}px ({mode}): {p}" for (name, width, mode), found in measured.items()
            for p in found[check]]


def test_a_cjk_font_is_installed():
    """The measurements below mean nothing when Chinese is drawn as boxes."""
    missing_or_skip("chromium")
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    assert fonts.strip(), "no Chinese font: apt-get install fonts-noto-cjk (.ci/run does)"


def test_no_doc_number_or_date_wraps_inside_itself(measured):
    wrapped = problems(measured, "wrapped")
    assert wrapped == [], "\n".join(wrapped)


def test_no_caption_is_narrower_than_its_text_needs(measured):
    narrow = problems(measured, "narrow")
    assert narrow == [], "\n".join(narrow)


def test_no_page_scrolls_sideways(measured):
    overflow = problems(measured, "overflow")
    assert overflow == [], "\n".join(overflow)


def test_the_title_is_black_on_screen_and_in_print(measured):
    """The h1 was Material's 54 % grey in a 300 weight (4.6:1): the title must read as text, >= 7:1."""
    low = [f"{key}: {which} {found[which]:.2f}:1" for key, found in measured.items()
           for which in ("title", "title_print") if found[which] < 7]
    assert low == [], "\n".join(low)


def test_links_have_no_underlined_blank_half_of_a_bracket(measured):
    """"经 《…》" read as a link with an underlined leading space: the bracket's blank half."""
    blank = problems(measured, "blank")
    assert blank == [], "\n".join(blank)


def test_the_qr_code_sits_top_right_of_the_header_on_wide_screens_and_in_print(measured):
    """Not between 政策问答 and 历史沿革 on screen, not floating mid-page in print; no QR on a phone."""
    placed = {(width, mode): (found["qr"], found["qr_print"]) for (name, width, mode), found in measured.items()
              if name == "policy"}
    want = {(width, mode): ("hidden" if width < 960 else "top right", "top right") for width, mode in placed}
    assert placed == want


# The primary sidebar after load: how far it is scrolled, whether 首页 is hidden under the sticky
# site label, whether the active entry is fully in view below that label.
SIDEBAR_JS = r"""
() => {
  const wrap = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap');
  const box = wrap.getBoundingClientRect();
  const label = wrap.querySelector('.md-nav--primary > .md-nav__title');
  const below = label ? label.getBoundingClientRect().bottom : box.top;
  const home = [...wrap.querySelectorAll('a.md-nav__link')].find(a => a.textContent.trim() === '首页');
  const r = home.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
  const active = wrap.querySelector('.md-nav__link--active').getBoundingClientRect();
  return {scrolled: wrap.scrollTop, home_visible: !!hit && home.contains(hit),
          active_visible: active.top >= below - 1 && active.bottom <= box.bottom + 1};
}
"""


@pytest.mark.parametrize("height, elderly, want_home", [(900, False, True), (600, False, False), (700, True, False)],
                         ids=["1280x900", "1280x600", "1280x700-elderly"])
def test_the_sidebar_keeps_its_first_entries_in_view_when_the_active_one_fits(browser, url, height, elderly,
                                                                               want_home):
    """Material scrolled the sidebar to centre the active entry and slid 首页 under the site label,
    even when the active entry (已失效文件, near the end) was in view at the top."""
    context = new_context(browser, elderly=elderly, axe=False, viewport={"width": 1280, "height": height})
    page = context.new_page()
    page.goto(url + "lists/expired/")
    page.wait_for_timeout(700)   # Material scrolls the sidebar after load, when its height is known
    found = page.evaluate(SIDEBAR_JS)
    context.close()
    assert found["active_visible"], found
    if want_home:
        assert (found["scrolled"], found["home_visible"]) == (0, True), found


def test_on_a_phone_the_list_is_still_a_table_to_a_screen_reader(browser, url):
    """The 360 px card layout (display: block rows) keeps table, header and cell roles in Chromium."""
    context = new_context(browser, axe=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(url + "lists/current/")
    tree = page.locator("table.doc-list").aria_snapshot()
    rows = page.locator("table.doc-list tbody tr").count()
    context.close()
    lines = [line.strip() for line in tree.splitlines()]
    assert rows > 7 and lines[0] == f'- table "现行有效行政规范性文件，共 {rows} 件":'
    assert [line for line in lines if line.startswith("- columnheader")] == [
        '- columnheader "标题"', '- columnheader "发文字号"', '- columnheader "发布日期"', '- columnheader "有效性"']
    assert '- cell "发文字号：清政办规〔2025〕1号"' in lines


@pytest.mark.parametrize("elderly", [False, True], ids=["default", "elderly"])
def test_the_printed_qr_code_reads_back_as_the_pages_address(browser, url, elderly):
    """Chromium draws the stroked path as the code's squares: a decoder reads the canonical URL
    from a picture of the printed code (print media, where the code is shown)."""
    context = new_context(browser, elderly=elderly, axe=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(url + PAGES["policy"])
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    picture = Image.open(io.BytesIO(page.locator("svg.qr-code").screenshot())).convert("L")
    context.close()
    assert [found.text for found in zxingcpp.read_barcodes(picture)] == [canonical]
    assert canonical.endswith("/" + PAGES["policy"])
