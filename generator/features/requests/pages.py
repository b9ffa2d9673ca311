"""The 依申请公开 pages: ``requests/`` (how to apply, limits, fees, the year's figures) and
``requests/form/`` (the application form to print), plus the form as a DOCX beside them."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...applications import APPEAL_GROUPS, OUTCOMES, applicant_rows, group_sizes
from ...model.report import APPLICANT_COLUMNS
from ...output import OutputPage, PageContext
from ...render import Fragment, render
from ...search import SearchDoc
from ...site import Site, site_updated
from .form import DOCX_NAME, FORM, FORM_TITLE, form_docx

if TYPE_CHECKING:
    from ...plan import Plan

REQUESTS_URL = "requests/"
FORM_URL = "requests/form/"
DOCX_URL = f"{REQUESTS_URL}{DOCX_NAME}"
TITLE = "依申请公开"


def organization_name(site: Site) -> str:
    org = site.content.organizations.get(site.config.organization)
    return org.name if org else site.config.name


def shown_figures(site: Site) -> list[tuple[int, object]]:
    """(year, figures) of every ``requests/<year>.yml`` up to the as-of year, newest first:
    a build of a past date does not show a later year's figures."""
    found = [(int(e.id), e.model) for e in site.content.of("request_figures").values()
             if e.id.isdigit() and int(e.id) <= site.as_of.year]
    return sorted(found, key=lambda item: item[0], reverse=True)


def build_requests_pages(ctx: PageContext) -> list[OutputPage]:
    """Both pages, always: every site receives applications (条例 第二十七条)."""
    site = ctx.site
    fragment, form = request_fragments(site)
    date = site_updated(site)
    return [OutputPage(REQUESTS_URL, TITLE, fragment, "",
                       ctx.meta(column=TITLE, column_type=TITLE, title=TITLE, date=date)),
            OutputPage(FORM_URL, FORM_TITLE, form, "",
                       ctx.meta(column=TITLE, column_type=TITLE, title=FORM_TITLE, date=date))]


def request_fragments(site: Site) -> tuple[Fragment, Fragment]:
    """The 依申请公开 page and the form page (rendered when first used)."""
    org, contact = organization_name(site), site.config.contact
    figures = [(year, f, applicant_rows(f.applications), group_sizes(f.applications)) for year, f in shown_figures(site)]
    fragment = render("requests.html", REQUESTS_URL, title=TITLE, org=org, contact=contact,
                      request_url=site.config.request_url, form_url=FORM_URL, docx_url=DOCX_URL,
                      figures=figures, columns=APPLICANT_COLUMNS, outcomes=OUTCOMES, appeal_groups=APPEAL_GROUPS)
    form = render("request_form.html", FORM_URL, title=FORM_TITLE, org=org, groups=FORM, docx_url=DOCX_URL,
                  requests_url=REQUESTS_URL)
    return fragment, form


def request_search_items(site: Site) -> list[SearchDoc]:
    """Both pages as search results (申请 in the search box finds how to apply); their text is
    the pages' own HTML, which the search feature reduces to words like any body."""
    fragment, form = request_fragments(site)
    return [SearchDoc(url=url, kind="page", title=title, text=f.before + f.after, genre="requests",
                      genre_label=TITLE) for url, title, f in ((REQUESTS_URL, TITLE, fragment),
                                                               (FORM_URL, FORM_TITLE, form))]


def write_form_docx(plan: "Plan", folder: Path) -> None:
    """``requests/application-form.docx``, dated by the site's newest content (not the clock)."""
    target = folder / DOCX_URL
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(form_docx(organization_name(plan.site), site_updated(plan.site)))
