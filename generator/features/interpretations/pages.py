"""Interpretation pages (``interpretations/<id>/``) and their index (``interpretations/``)."""
from __future__ import annotations

from ...model.interpretation import KIND_LABELS
from ...output import OutputPage, PageContext
from ...render import render
from ...urls import interpretation_url
from ...validity import STATUS_LABELS
from ...views import Ref


def build_interpretations(ctx: PageContext) -> list[OutputPage]:
    return [interpretation_page(ctx, e) for e in ctx.site.interpretations.values()]


def interpretation_page(ctx: PageContext, entry) -> OutputPage:
    site, url, model = ctx.site, interpretation_url(entry.id), entry.model
    targets = []
    for target in model.interprets:
        doc = site.doc(target)
        ref_model = site.content.policies[target].model
        targets.append((Ref(ref_model.title, ref_model.doc_number or "", doc.url if doc else None),
                        doc.status.value if doc else "", STATUS_LABELS[doc.status] if doc else ""))
    org = site.content.organizations.get(model.source)
    source = org.name if org else model.source
    fragment = render("interpretation.html", url, entry=entry, targets=targets,
                      kind_label=KIND_LABELS[model.kind], source=source)
    meta = ctx.meta(column="政策解读", column_type="政策解读", title=model.title, date=model.published,
                    source=source)
    return OutputPage(url, model.title, fragment, ctx.body(entry, url), meta)


def interpretation_index(ctx: PageContext) -> list[OutputPage]:
    url = "interpretations/"
    entries = sorted(ctx.site.interpretations.values(), key=lambda e: (e.model.published, e.id), reverse=True)
    groups = [(f"{e.model.title}（{KIND_LABELS[e.model.kind]}）", interpretation_url(e.id), 1) for e in entries]
    fragment = render("groups.html", url, title="政策解读", intro="政策文件的解读材料，与所解读的文件相互链接。",
                      groups=[(t, u, None) for t, u, _ in groups])
    return [OutputPage(url, "政策解读", fragment, "",
                       ctx.meta(column="政策解读", column_type="政策解读", title="政策解读", date=None))]
