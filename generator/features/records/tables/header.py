"""The header table a typed record shows above its body (budget, proposal reply): one row a
fact, dates as ``<time>``; every value escaped."""
from __future__ import annotations

from typing import Iterable, Optional

from markupsafe import escape


def header_table(css_class: str, caption: str, rows: Iterable[tuple[str, str, Optional[str]]]) -> str:
    """``rows``: (heading, text, ISO date or a false value when the text is no date)."""
    body = "".join(f'<tr><th scope="row">{escape(h)}</th><td>'
                   + (f'<time datetime="{iso}">{escape(text)}</time>' if iso else str(escape(text)))
                   + "</td></tr>\n" for h, text, iso in rows)
    return f'<table class="doc-header {css_class}">\n<caption>{caption}</caption>\n<tbody>\n{body}</tbody>\n</table>'
