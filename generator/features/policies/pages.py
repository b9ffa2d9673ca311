"""Policy pages (``policies/<id>/``): the standard header, validity banner, history,
attachments, a QR code for print, and the sections other features add (see
:meth:`generator.output.PageContext.parts`)."""
from __future__ import annotations

from markupsafe import Markup

from ...digest import Lazy
from ...model.interpretation import KIND_LABELS
from ...output import OutputPage, PageContext, attachments
from ...qrcode import qr_svg
from ...render import render
from ...site import Doc, absolute_url
from ...validity import STATUS_LABELS
from ...views import banner, header_rows, history


def build_policy_pages(ctx: PageContext) -> list[OutputPage]:
    return [policy_page(ctx, doc) for doc in ctx.site.sorted_docs()]


def policy_page(ctx: PageContext, doc: Doc) -> OutputPage:
    site, m = ctx.site, doc.model
    fragment = render(
        "policy.html", doc.url, doc=doc, banner=banner(site, doc), rows=header_rows(site, doc),
        history=history(site, doc), interpretations=site.interpretations_of.get(doc.id, []),
        kind_labels=KIND_LABELS, attachments=attachments(ctx, m.attachments), **print_code(ctx, doc),
        **ctx.parts(doc))
    source = "、".join(o.name for o in doc.issuers)
    meta = ctx.meta(column="政策文件", column_type="政策文件", title=m.title, date=m.published, source=source)
    meta["description"] = f"{m.title} {m.doc_number or ''} 有效性：{STATUS_LABELS[doc.status]}".strip()
    return OutputPage(doc.url, m.title, fragment, ctx.body(doc.entry, doc.url), meta)


def print_code(ctx: PageContext, doc: Doc) -> dict:
    """The QR code of the canonical URL (for print), made only when the page is rendered;
    a cached page is known by its input."""
    url = absolute_url(ctx.site, doc.url)
    return {"qr_svg": Lazy(url, lambda: Markup(qr_svg(url)))}
