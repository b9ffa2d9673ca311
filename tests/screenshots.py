"""Screenshots of the key pages, for a reviewer to look at: ``make screenshots``.

The same Chromium and server the browser tests use (``tests/browser.py``): the example site
built as of the tests' date, served on ``[::1]`` with the deployed Content-Security-Policy.
Each key page at 1280 and 360 px, in the default look, in elderly mode (长者模式) and printed (print media at A4 width), one PNG each::

    .venv/bin/python tests/screenshots.py --site /tmp/site --out screenshots

Needs Debian's chromium and fonts-noto-cjk (without a CJK font every character is a box).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Iterator, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import deploy_csp, launch_chromium, new_context, serve_site  # noqa: E402

WIDTHS = (1280, 360)
# name -> (emulated media, elderly mode, colour scheme the browser asks for). No "dark": the
# site has one palette (no slate scheme), a browser asking for dark gets the identical page.
MODES = {
    "light": ("screen", False, "light"),
    "elderly": ("screen", True, "light"),
}
PRINT_WIDTH = 794  # A4 at 96 dpi


def find_page(site: Path, marker: str) -> Optional[str]:
    """The first policy page whose HTML contains ``marker`` (a validity class), as a URL path."""
    for index in sorted((site / "policies").glob("*/index.html")):
        if marker in index.read_text(encoding="utf-8"):
            return f"policies/{index.parent.name}/"
    return None


def key_pages(site: Path) -> dict[str, str]:
    """The pages a reviewer looks at, by short name; a kind the site lacks is left out."""
    area = next((p.parent.name for p in sorted((site / "catalog").glob("*/index.html"))), None)
    pages = {
        "home": "",
        "policy-in-force": find_page(site, 'class="validity validity--in_force'),
        "policy-amended": find_page(site, 'class="validity validity--amended'),
        "policy-repealed": find_page(site, 'class="validity validity--repealed'),
        "list-current": "lists/current/",
        "list-all": "lists/all/",
        "catalog": "catalog/",
        "catalog-area": f"catalog/{area}/" if area else None,
        "search": "search/?q=" + "补贴",
        "404": "404.html",  # as nginx serves it for a missing path (error_page 404)
    }
    return {name: path for name, path in pages.items() if path is not None}


def shots(site: Path, only: tuple[str, ...] = ()) -> Iterator[tuple[str, str, int, str]]:
    """(file stem, page path, width, mode) for every screenshot, print last; ``only`` names pages."""
    for name, path in key_pages(site).items():
        if only and name not in only:
            continue
        for width in WIDTHS:
            for mode in MODES:
                yield f"{name}-{width}-{mode}", path, width, mode
        yield f"{name}-print", path, PRINT_WIDTH, "print"


def take(site: Path, out: Path, only: tuple[str, ...] = ()) -> list[Path]:
    """Write every screenshot into ``out``; returns the files written."""

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with launch_chromium() as browser, serve_site(site, {"Content-Security-Policy": deploy_csp()}) as url:
        contexts: dict[tuple[int, str], object] = {}
        for stem, path, width, mode in shots(site, only):
            key = (width, mode)
            if key not in contexts:
                media, elderly, scheme = MODES.get(mode, ("print", False, "light"))
                context = new_context(browser, elderly=elderly, axe=False, color_scheme=scheme,
                                      viewport={"width": width, "height": 900})
                contexts[key] = context
            page = contexts[key].new_page()
            page.emulate_media(media="print" if mode == "print" else "screen")
            page.goto(url + path, wait_until="networkidle")
            target = out / f"{stem}.png"
            page.screenshot(path=str(target), full_page=True)
            page.close()
            written.append(target)
        for context in contexts.values():
            context.close()
    return written


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="a built site folder")
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="where the PNGs go")
    parser.add_argument("--only", nargs="*", default=[], help="page names (home, catalog, 404, ...)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        parser.error(f"{args.site} has no index.html: build the site first")
    written = take(args.site, args.out, tuple(args.only))
    print(f"{len(written)} screenshots -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
