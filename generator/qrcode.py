"""QR codes of page addresses, drawn at build time as inline SVG (seed 002 附件: 扫描二维码查看原文).

No external QR service and no image file: the SVG sits in the page, so a printed
page carries its own way back to the original online. Pure and deterministic.
"""
from __future__ import annotations

from html import escape

import segno

#: Fixed encoding settings: the tests re-encode the expected URL with these and compare.
ERROR_LEVEL = "m"          # 15% recovery: survives a smudged printout
SCALE = 3                  # 3 CSS px per module; print CSS sets the physical size
BORDER = 4                 # the quiet zone the QR standard requires
CAPTION = "扫描二维码查看原文"


def make_qr(text: str) -> segno.QRCode:
    """The QR code (never a Micro QR, which phone cameras read poorly) of ``text``."""
    return segno.make_qr(text, error=ERROR_LEVEL, boost_error=False)


def qr_svg(url: str, label: str = CAPTION) -> str:
    """An inline ``<svg>`` of ``url``'s QR code with a role, an accessible name and a title.

    No XML declaration and no namespace: it is embedded in HTML. ``data-qr-text``
    carries the encoded text so checks can compare it with the page's canonical URL.
    """
    name = f"{label}：{url}"
    svg = make_qr(url).svg_inline(scale=SCALE, border=BORDER, dark="#000",
                                  title=name, svgclass="qr-code", lineclass=None)
    width = make_qr(url).symbol_size(scale=SCALE, border=BORDER)[0]
    attributes = (f'role="img" aria-label="{escape(name)}" data-qr-text="{escape(url)}" '
                  f'viewBox="0 0 {width} {width}"')   # lets print CSS resize it without cropping
    return svg.replace("<svg ", f"<svg {attributes} ", 1)


def path_data(svg: str) -> str:
    """The ``d`` attribute of the QR's path (what tests compare)."""
    start = svg.index(' d="') + 4
    return svg[start:svg.index('"', start)]


def matrix_from_path(d: str, size: int) -> list[list[int]]:
    """Rebuild the module matrix (border included) from segno's ``M x y h n m dx dy`` path.

    Lets a test check the drawn modules against ``make_qr(url).matrix`` without a
    camera: each ``h`` run paints ``n`` dark modules on row ``y - 0.5``.
    """
    import re

    grid = [[0] * size for _ in range(size)]
    x = y = 0.0
    for op, a, b in re.findall(r"([MmHh])(-?[\d.]+)(?:\s(-?[\d.]+))?", d):
        if op in "Mm":
            x, y = (float(a), float(b)) if op == "M" else (x + float(a), y + float(b))
        else:
            run = float(a)
            row = int(y - 0.5)
            for col in range(int(x), int(x + run)):
                grid[row][col] = 1
            x += run
    return grid
