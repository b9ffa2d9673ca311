"""Pre-publication review of the content (发布前检查): what must not reach the public site.

Runs the pure detectors of :mod:`generator.detectors` over every content file as
written (front matter, body, YAML of Q&A and catalog, comments included: the
repository is public too) and over the text of every file under
``content/assets/`` (all of them are copied to the site). Rules:

* personal data (ID, mobile, bank card): ERROR, unless the document's
  ``review: {allow: [...], reason: ...}`` allows that kind; allowed findings are
  listed (INFO) with the reason;
* secrecy and internal-use marks: ERROR, never allowable;
* typos from ``generator/data/typos.yml``: WARNING; ERROR for the rules whose
  note is 国名错误 or 机关名称错误 (a wrong name of the State or of a state organ
  is the "serious wording error" that fails an inspection outright);
* misspelt names of the bodies in organizations.yml: WARNING;
* an attachment that cannot be read: ERROR; a legacy format that is not read
  (.doc, .xls, .wps, ...): WARNING;
* a file under assets/ used only by an on_request / withheld document: ERROR
  (assets are published as they are, so it would leak);
* a 行政许可/处罚 results table (a record's ``results.file``) is not reviewed here: it is
  never published as it is (see :mod:`generator.result_tables`); the records' table check
  masks its cells and warns about the numbers it finds.

Documents that are not public (on_request / withheld) are not scanned: they are
never rendered. Nothing here writes a file or reads the clock.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Optional

from .cache import BuildCache, memo
from .detectors import (AttachmentReadError, Finding, extract_attachment_text, find_org_name_mismatches,
                        find_personal_data, find_secrecy_marks, find_typos, line_col)
from .detectors.urls import find_urls
from .content import Content, Entry
from .digest import digest
from .errors import Problem, Severity
from .files import plain_files
from .freshness import review_freshness
from .images_exif import find_exif
from .linkcheck import META_TAGS, find_leaks, review_external_links, review_links
from .parallel import Forked
from .result_tables import result_files
from .review_result import Info, ReviewResult
from .urls import free_page_url, interpretation_url

PRIVACY_KINDS = frozenset({"id_card", "id_card_15", "mobile", "bank_card"})
SERIOUS_TYPO_NOTES = ("国名错误", "机关名称错误")
UNREAD_SUFFIXES = frozenset({".doc", ".xls", ".ppt", ".wps", ".et", ".dps", ".rtf", ".ofd", ".zip", ".rar"})
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:")


def finding_severity(finding: Finding) -> Severity:
    """Typos are warnings except wrong names of the State or a state organ (see module doc)."""
    if finding.kind == "typo":
        serious = any(f"（{note}）" in finding.zh for note in SERIOUS_TYPO_NOTES)
        return Severity.ERROR if serious else Severity.WARNING
    return finding.severity


def detect(text: str, official_names: list[str]) -> list[Finding]:
    """Every detector over one text."""
    return (find_personal_data(text) + find_secrecy_marks(text) + find_typos(text)
            + find_org_name_mismatches(text, official_names))


def official_names(content: Content) -> list[str]:
    return [o.name for o in content.organizations.values()]


def allowance(entry: Optional[Entry]) -> tuple[frozenset[str], str]:
    """(allowed kinds, reason) of a document's ``review:`` key; empty when absent."""
    review = getattr(entry.model, "review", None) if entry is not None else None
    return (frozenset(review.allow), review.reason) if review else (frozenset(), "")


def _key_at(lines: list[str], line: int, body_line: int, is_markdown: bool) -> str:
    """The key a finding's line belongs to: ``body`` after front matter, else the nearest key above."""
    if is_markdown and line >= body_line:
        return "body"
    for number in range(line, 0, -1):
        match = _KEY_LINE.match(lines[number - 1])
        if match and not lines[number - 1].lstrip().startswith("#"):
            return match.group(1)
    return ""


def _display(content: Content, rel: str) -> str:
    return f"{content.display_root.rstrip('/')}/{rel}"


def _entries_by_rel(content: Content) -> dict[str, Entry]:
    return {e.rel: e for entries in content.entries.values() for e in entries.values()}


#: The types with a disclosure attribute (generator/model/policy.py, record.py).
DISCLOSED_TYPES = ("policy", "record")


def _is_hidden(entry: Optional[Entry]) -> bool:
    """A policy or record that is never rendered (on_request / withheld)."""
    return entry is not None and entry.type in DISCLOSED_TYPES and not entry.model.is_public


def _detect_cached(text: str, names: list[str], findings) -> list[Finding]:
    """:func:`detect`, remembered between builds by a digest of the text and the names."""
    return findings.recall(digest(text, names), lambda: detect(text, names))


def review_text_files(content: Content, cache: Optional[BuildCache] = None) -> ReviewResult:
    """Scan every loaded content file as written; located at file line and column."""
    findings = memo(cache, "review")
    result = ReviewResult()
    by_rel, names = _entries_by_rel(content), official_names(content)
    for rel, raw in sorted(content.files.items()):
        entry = by_rel.get(rel)
        if _is_hidden(entry):
            continue
        text = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
        lines = text.split("\n")
        body_line = entry.body_line if entry else 1
        for finding in _detect_cached(text, names, findings):
            line, column = line_col(text, finding.start)
            key = _key_at(lines, line, body_line, rel.endswith(".md"))
            _record(result, finding, _display(content, rel), line, column, key, entry)
        result.info.extend(url_info(_display(content, rel), text, own_host(content)))
    return result


def own_host(content: Content) -> Optional[str]:
    from urllib.parse import urlsplit
    return urlsplit(content.site.base_url).hostname if content.site else None


def url_info(path: str, text: str, host: Optional[str], where: str = "", line: Optional[int] = None) -> Iterator[Info]:
    """An INFO item for every external address and meta refresh target of ``text`` (see
    :mod:`generator.detectors.urls`); ``where`` and ``line`` place a chunk of an attachment."""
    for found in find_urls(text, host):
        at_line, column = line_col(text, found.start)
        if found.refresh:
            zh, en = f"自动跳转（meta refresh）到 {found.url}；请确认这是有意的", \
                f"automatic redirect (meta refresh) to {found.url}; make sure it is intended"
        else:
            zh, en = f"外部链接 {found.url}；请确认它指向可信的网站", \
                f"external link {found.url}; make sure it leads to a trusted site"
        yield Info("external_url", path, f"{where}：{zh}" if where else zh, f"{where}: {en}" if where else en,
                   line if line is not None else at_line, column)


def _record(result: ReviewResult, finding: Finding, path: str, line: int, column: int, key: str,
            entry: Optional[Entry], users: Optional[list[Entry]] = None) -> None:
    """Add ``finding`` as a problem, or as INFO when every document concerned allows its kind."""
    owners = users if users is not None else ([entry] if entry else [])
    allowed = [allowance(e) for e in owners]
    if finding.kind in PRIVACY_KINDS and allowed and all(finding.kind in kinds for kinds, _ in allowed):
        reason = "；".join(dict.fromkeys(r for _, r in allowed))
        result.info.append(Info("allowed", path, f"{finding.suggestion}（{finding.kind}）已按文件说明允许公开：{reason}",
                                f"{finding.suggestion} ({finding.kind}) allowed by the document: {reason}",
                                line, column))
        return
    problem = Problem(path, line, column, key, finding.zh, finding.en, finding_severity(finding))
    result.add(problem, finding.kind)


# --- assets ------------------------------------------------------------------------------

def asset_users(content: Content) -> dict[str, list[Entry]]:
    """Which documents use each file under assets/ (attachments, images, body links)."""
    users: dict[str, list[Entry]] = {}
    for entry in _entries_by_rel(content).values():
        named = [item.file for name in ("attachments", "images") for item in getattr(entry.model, name, []) or []]
        named += [m.group(1) for m in re.finditer(r"assets/([^)\s\"'#?]+)", entry.body)]
        for rel in dict.fromkeys(named):
            users.setdefault(rel, []).append(entry)
    return users


def review_assets(content: Content) -> ReviewResult:
    """The text of every file under ``content/assets/`` (every one is published as it is)."""
    result = ReviewResult()
    assets = content.root / "assets"
    if not assets.is_dir():
        return result
    users, names = asset_users(content), official_names(content)
    tables = result_files(content)
    for path in plain_files(content.root, assets):  # never through a symlink (an error of its own)
        rel = path.relative_to(assets).as_posix()
        if rel in tables:
            continue  # a results table is not published as it is: its cells are masked and reviewed by the records
        display = _display(content, f"assets/{rel}")
        public_users = [e for e in users.get(rel, []) if not _is_hidden(e)]
        if users.get(rel) and not public_users:
            result.add(_hidden_asset(display, users[rel][0]), "withheld_asset")
            continue
        _review_asset(result, path, display, public_users, names, own_host(content))
    return result


def _hidden_asset(display: str, entry: Entry) -> Problem:
    return Problem(display, 1, 1, "", f"此文件只被不公开的文件 {entry.path} 使用，但 content/assets/ 下的文件都会原样"
                   "发布到网站；请把它移出 content/assets/",
                   f"only the non-public document {entry.path} uses this file, but every file under "
                   "content/assets/ is published as it is; move it out of content/assets/")


def _review_asset(result: ReviewResult, path: Path, display: str, users: list[Entry], names: list[str],
                  host: Optional[str] = None) -> None:
    if path.suffix.lower() in UNREAD_SUFFIXES:
        result.add(Problem(display, 1, 1, "", "无法检查此格式的附件中的个人信息和密级标志；请另存为 .docx、.xlsx 或 .pdf",
                           "attachments of this format cannot be checked for personal data and secrecy marks; "
                           "save it as .docx, .xlsx or .pdf", Severity.WARNING), "attachment_unread")
        return
    try:
        chunks = extract_attachment_text(path)
    except AttachmentReadError as exc:
        result.add(Problem(display, 1, 1, "", exc.zh, exc.en), "attachment_unreadable")
        return
    for chunk in chunks:
        result.info.extend(url_info(display, chunk.text, host, "" if chunk.line else chunk.location, chunk.line or 1))
        for finding in detect(chunk.text, names):
            line, column = line_col(chunk.text, finding.start)
            if chunk.line is not None:
                _record(result, finding, display, chunk.line, column, chunk.location, None, users)
            else:
                where = chunk.location + (f"第{line}行" if chunk.text.count("\n") else "")
                _record(result, finding, display, 1, column, where, None, users)


def review_content(content: Content, cache: Optional[BuildCache] = None) -> ReviewResult:
    """Text files and assets: the part of the review that blocks a build; findings are
    remembered in the build's ``cache`` when it has one."""
    result = review_text_files(content, cache)
    result.merge(review_assets(content))
    return result


def not_public_info(content: Content) -> Iterator[Info]:
    """The on_request / withheld documents: listed, never reviewed, never rendered."""
    hidden = [e for kind in DISCLOSED_TYPES for e in content.of(kind).values() if not e.model.is_public]
    for entry in sorted(hidden, key=lambda e: e.path):
        yield Info("not_public", entry.path, f"公开属性为 {entry.model.disclosure}，不发布：{entry.model.title}",
                   f"disclosure {entry.model.disclosure}, not published: {entry.model.title}")


# --- orchestration ---------------------------------------------------------------------------

def page_sources(site) -> dict[str, str]:
    """Page URL -> the content file it is rendered from (for link problems)."""
    sources = {doc.url: doc.entry.path for doc in site.docs.values()}
    sources.update({interpretation_url(i): e.path for i, e in site.interpretations.items()})
    sources.update({free_page_url(e.id): e.path for e in site.content.of("page").values()})
    sections = site.content.structure.sections if site.content.structure else {}
    for entry in site.content.of("record").values():   # a record's page: <section url><id>/
        section = sections.get(entry.rel.split("/", 1)[0])
        if section is not None:
            sources[f"{section.url}{entry.id}/"] = entry.path
    sources.update(_html_asset_sources(site.content))
    return sources


def _html_asset_sources(content: Content) -> dict[str, str]:
    """``files/x.html`` -> ``content/assets/x.html``: an HTML file under assets/ is published
    as it is and its links are checked like a page's."""
    assets = content.root / "assets"
    if not assets.is_dir():
        return {}
    return {f"files/{p.relative_to(assets).as_posix()}": _display(content, f"assets/{p.relative_to(assets).as_posix()}")
            for p in plain_files(content.root, assets) if p.suffix.lower() in (".htm", ".html")}


def leak_needles(content: Content, cache: Optional[BuildCache] = None) -> dict[str, list[str]]:
    """Title and id of every document that must never be published.

    A title that public content also holds is left out: 关于废止部分行政规范性文件的决定 recurs
    every year, and 「关于印发《X办法》的通知」 contains the title of X. Finding it proves
    nothing; the id path still catches a real leak."""
    hidden = {e.path: [e.model.title, f"policies/{e.id}"]
              for e in content.policies.values() if not e.model.is_public}
    # a record's page would be <section>/<id>/: its section is its first folder
    hidden.update({e.path: [e.model.title, f"{e.rel.split('/', 1)[0]}/{e.id}"]
                   for e in content.of("record").values() if not e.model.is_public})
    # The id only as a path (policies/<id>): a bare id such as "internal" also occurs in
    # Material's own scripts, and what leaks a document is a page or a link to it.
    needles = sorted({n for names in hidden.values() for n in names})
    public = [e for kind in DISCLOSED_TYPES for e in content.of(kind).values() if e.model.is_public]
    cited = _cited(needles, public, cache)
    return {path: [n for n in names if n not in cited] for path, names in hidden.items()}


def _cited(needles: list[str], public: list[Entry], cache: Optional[BuildCache]) -> set[str]:
    """The needles public documents hold; remembered between builds by the needles and the
    public files' hashes (searching 77 MB of text took 2 s at 10,000 documents)."""
    def search() -> frozenset[str]:
        return frozenset(_found_in(needles, [t for e in public for t in (e.model.title, e.body)]))
    if not all(getattr(e, "digest", "") for e in public):  # entries not loaded from files
        return set(search())
    known = memo(cache, "cited", shared=True)
    return set(known.recall(digest(needles, sorted((e.rel, e.digest) for e in public)), search))


def _found_in(needles: list[str], texts: list[str]) -> set[str]:
    """The needles that occur in any of ``texts`` (one Aho-Corasick automaton, text by text:
    joining 77 MB of text first cost 700 MB of memory at 10,000 documents)."""
    if not needles:
        return set()
    from ahocorasick_rs import AhoCorasick
    automaton = AhoCorasick(needles)
    found: set[str] = set()
    for text in texts:
        found.update(needles[i] for i, _, _ in automaton.find_matches_as_indexes(text, overlapping=True))
    return found


def _leaks_and_exif(site, site_dir: Path, display: str, keys: dict[str, str],
                    cache: Optional[BuildCache]) -> tuple[list, list, dict]:
    leaks = find_leaks(site_dir, leak_needles(site.content, cache), display, keys, cache)
    exif = find_exif(site_dir, display)
    # a forked process: what the leak check learnt goes back to the parent's cache
    return leaks, exif, cache.export("leaks", "cited") if cache is not None else {}


def review_built(site, site_dir: Path, display: str = "", online: bool = False,
                 keys: Optional[dict[str, str]] = None, cache: Optional[BuildCache] = None) -> ReviewResult:
    """The built output: links and anchors, leaks of unpublished documents, image metadata.

    ``keys`` (output file -> page-cache key) lets both checks reuse what they found in a
    page with the same key in an earlier build (see :mod:`generator.cache`)."""
    result = ReviewResult()
    keys = keys or {}
    with Forked(_leaks_and_exif, site, site_dir, display, keys, cache) as other_core:   # independent: read-only
        links = review_links(site_dir, site.config.base_url, display, page_sources(site), keys, cache)
        leaks, exif, learnt = other_core.result()
    if learnt:
        cache.absorb(learnt)
    for problem in links.problems:
        result.add(problem, links.kinds[problem])
    result.extend(leaks, "withheld_leak")
    result.extend(exif, "exif")
    if online:
        result.extend(review_external_links(links), "external_link")
    _built_facts(result, links)
    return result


def _built_facts(result: ReviewResult, links) -> None:
    result.facts["broken_home"] = links.broken_home
    result.facts["broken_other"] = len(links.problems) - links.broken_home
    # A page that asks not to be indexed (robots noindex: the web editor under admin/) is no
    # page of the column, so inspectors' 47号 meta rule does not apply to it.
    result.facts["pages_missing_meta"] = sum(1 for tags in links.meta.values()
                                             if "noindex" not in tags.get("robots", "").lower()
                                             and any(not tags.get(t) for t in META_TAGS))
    result.facts["search"] = any(f.endswith("manifest.json") and "search" in f.split("/")[:-1]
                                 for f in links.files)
    result.facts["external"] = {h: len(u) for h, u in links.external.items()}
    for host, urls in sorted(links.external.items()):
        pages = len({page for found in urls.values() for page in found})
        result.info.append(Info("external", host, f"外部链接 {len(urls)} 个，出现在 {pages} 个页面：{'、'.join(sorted(urls))}",
                                f"{len(urls)} external link(s) on {pages} page(s): {', '.join(sorted(urls))}"))



def count_uninterpreted(site) -> int:
    """Public normative documents on the site without any interpretation (an inspection deduction)."""
    return sum(1 for d in site.docs.values() if d.model.genre == "normative" and d.id not in site.interpretations_of)


def review_site(site, *, built: Optional[Path] = None, built_display: str = "", git: bool = True,
                online: bool = False) -> ReviewResult:
    """Everything ``build.py check`` reports: content review, freshness, and the built output if given."""
    result = review_content(site.content)
    result.merge(review_freshness(site, git=git))
    result.info.extend(not_public_info(site.content))
    result.facts["uninterpreted"] = count_uninterpreted(site)
    if built is not None:
        result.merge(review_built(site, Path(built), built_display, online))
    return result
