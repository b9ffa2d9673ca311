"""Print: a QR code of each policy page's canonical URL (inline SVG, re-encoded and compared
module by module) and a print stylesheet that drops navigation and keeps the document facts."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

import zxingcpp
from PIL import Image, ImageDraw

from generator.qrcode import BORDER, SCALE, path_data, qr_matrix, qr_svg
from outputs_site import BASE_URL, PUBLIC, build_outputs_site

SVG = re.compile(r"<svg [^>]*class=\"qr-code\".*?</svg>", re.S)


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_outputs_site(tmp_path_factory)


def qr_of(site_dir: Path, doc_id: str) -> str:
    found = SVG.findall((site_dir / f"policies/{doc_id}/index.html").read_text(encoding="utf-8"))
    assert len(found) == 1, doc_id
    return found[0]


def modules(url: str) -> list[list[int]]:
    return qr_matrix(url)


def runs_of(path: str) -> list[tuple[int, int, int]]:
    """(x, y, length) of each dark run the path strokes: ``M x y.5 h n`` first, then
    ``m dx dy h n`` relative to where the last run ended; nothing else may occur."""
    commands = re.findall(r"([Mm])(-?\d+) (-?\d+)(\.5)?h(\d+)", path)
    assert "".join(f"{c}{x} {y}{half}h{n}" for c, x, y, half, n in commands) == path   # no other command
    runs, end_x, end_y = [], 0, 0
    for command, x, y, _, n in commands:
        x, y, n = int(x), int(y), int(n)
        if command == "m":
            x, y = end_x + x, end_y + y
        runs.append((x, y, n))
        end_x, end_y = x + n, y
    assert commands[0][0] == "M" and commands[0][3] == ".5"                          # absolute, mid-row, once
    assert all(c == "m" and half == "" for c, _, _, half, _ in commands[1:])           # then relative, whole units
    return runs


def decode_svg(svg: str) -> str:
    """Rasterise the stroked runs (1 unit wide through each row's middle) and read them back with a decoder."""
    assert 'stroke="#000"' in svg
    size = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    scale = 8
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    for x, y, n in runs_of(path_data(svg)):
        draw.rectangle([x * scale, y * scale, (x + n) * scale - 1, (y + 1) * scale - 1], fill=0)
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1
    return found[0].text


def test_the_path_strokes_exactly_the_dark_modules():
    """Module by module: the runs the path draws are the dark modules of the code, no more, no less."""
    url = f"{BASE_URL}policies/rules/"
    drawn = {(x + i, y) for x, y, n in runs_of(path_data(qr_svg(url))) for i in range(n)}
    dark = {(x, y) for y, row in enumerate(qr_matrix(url)) for x, v in enumerate(row) if v}
    assert drawn == dark


@pytest.mark.parametrize("doc_id", sorted(PUBLIC))
def test_the_qr_code_encodes_the_pages_canonical_url(site_dir, doc_id):
    url = f"{BASE_URL}policies/{doc_id}/"
    svg = qr_of(site_dir, doc_id)
    assert decode_svg(svg) == url                                    # a decoder reads the page's URL back
    assert path_data(svg) == path_data(qr_svg(url))                  # re-encoded with the same settings
    assert len(modules(url)) >= 21 + 2 * BORDER                      # a full QR code with its quiet zone
    assert f'data-qr-text="{url}"' in svg


def test_the_qr_svg_is_accessible_sized_and_embeddable(site_dir):
    svg = qr_of(site_dir, "rules")
    element = lxml.html.fromstring(svg)
    url = f"{BASE_URL}policies/rules/"
    assert element.get("role") == "img"
    assert element.get("aria-label") == f"扫描二维码查看原文：{url}"
    assert element.findtext("title") == f"扫描二维码查看原文：{url}"
    units = len(modules(url))
    width = str(units * SCALE)
    assert (element.get("width"), element.get("height"), element.get("viewbox")) == (
        width, width, f"0 0 {units} {units}")                            # one unit a module: scales cleanly
    assert "<?xml" not in svg
    page = lxml.html.fromstring((site_dir / "policies/rules/index.html").read_bytes())
    assert page.findtext(".//figure[@class='doc-qr']/figcaption") == "扫描二维码查看原文"


def css_rules(css: str) -> list[tuple[str, str]]:
    """(selectors, declarations) of each plain rule, comments removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [(" ".join(s.split()), " ".join(d.split())) for s, d in re.findall(r"([^{}@]+)\{([^{}]*)\}", css)]


def uncommented(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def print_block(css: str) -> str:
    css = uncommented(css)
    start = css.index("@media print")
    depth, i = 0, css.index("{", start)
    for j in range(i, len(css)):
        depth += {"{": 1, "}": -1}.get(css[j], 0)
        if depth == 0:
            return css[i + 1:j]
    raise AssertionError("unclosed @media print")


@pytest.fixture(scope="module")
def printed(site_dir: Path) -> list[tuple[str, str]]:
    return css_rules(print_block((site_dir / "assets/print.css").read_text(encoding="utf-8")))


def hidden_selectors(rules: list[tuple[str, str]]) -> set[str]:
    return {s.strip() for sel, decl in rules if "display: none" in decl for s in sel.split(",")}


def test_every_page_links_the_print_stylesheet(site_dir):
    for page in ("index.html", "policies/rules/index.html", "opendata/index.html"):
        hrefs = [link.get("href") for link in lxml.html.fromstring((site_dir / page).read_bytes()).head
                 .iterfind("link[@rel='stylesheet']")]
        assert any(h.endswith("assets/print.css") for h in hrefs), page


def test_print_hides_navigation_header_footer_and_search(printed):
    hidden = hidden_selectors(printed)
    assert {".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".gov-footer", ".md-search",
            ".gov-toolbar", ".pager"} <= hidden


def test_print_keeps_the_header_table_and_banner_and_shows_the_qr_code(site_dir, printed):
    hidden = hidden_selectors(printed)
    assert not {".validity", ".doc-header", ".doc-qr", ".md-typeset .doc-qr", "table.doc-header"} & hidden
    shown = {sel: decl for sel, decl in printed}
    assert "display: block" in shown[".md-typeset .doc-qr"]
    screen = css_rules(uncommented((site_dir / "assets/print.css").read_text(encoding="utf-8")).split("@media print")[0])
    assert screen == [(".doc-qr", "display: none;")]      # outside print only the QR is hidden


def test_print_shows_the_address_of_external_links(printed):
    assert ('a[href^="http"]::after', 'content: " (" attr(href) ")"; font-size: 90%; word-break: break-all;') \
        in printed
