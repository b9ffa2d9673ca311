"""IPv6 audit of a built site (``build.py audit-ipv6``).

Inspectors open a government site and its second- and third-level links over IPv6 only: a
page that pulls a script, style, font or image from an IPv4-only host breaks there, and an
IPv4 literal in a URL can never work. This audit reads the built files (no network unless
``--online``):

* lists every external host the site links to (href, src, srcset, action, ... of every HTML
  file, ``url()`` and ``@import`` of every CSS file), with how many pages link to it;
* fails on every IPv4 literal in any text file of the output (four dotted octets 0-255 that
  are not part of a longer dotted or alphanumeric run, so ``1.2.3.4.5`` version strings pass);
* fails on every external *resource*: something a browser loads by itself (script, style,
  image, frame, font, media, ``link rel=stylesheet/icon/preload/...``), as opposed to a link
  a visitor may follow;
* with ``--online``, asks DNS for an AAAA record of each external host.
"""
from __future__ import annotations

import gzip
import re
import socket
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable, Optional
from urllib.parse import urlsplit

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
# Not part of a longer run: no letter, digit, dot or minus sign right before it, no further
# ".digit" or alphanumeric right after, and no other number just a space or comma away on
# either side (SVG path data such as "0 1.7.75.75 0" or "-3.61.81.34", "POSIX.2 2.8.3.2").
IPV4 = re.compile(rf"(?<![0-9A-Za-z_.-])(?<![0-9][ ,]){_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET}"
                  r"(?![0-9A-Za-z_]|\.[0-9]|[ ,]-?\.?[0-9])")

BINARY_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf", ".otf",
                   ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".mp3", ".mp4", ".ofd", ".wps"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "cite", "background", "longdesc",
             "manifest", "icon", "xlink:href", "ping"}
RESOURCE_TAGS = {"script", "img", "iframe", "frame", "embed", "object", "audio", "video", "source", "track",
                 "image", "use"}
RESOURCE_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed",
                 "mask-icon", "preload", "modulepreload", "prefetch", "prerender", "manifest",
                 "preconnect", "dns-prefetch"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")

FIX_RESOURCE = ("把该文件复制到 theme/assets/ 并用相对地址引用，或删除它 "
                "(copy the file into theme/assets/ and reference it relatively, or remove it)")
FIX_IPV4 = ("改用有 AAAA 记录的域名，不要写 IPv4 地址 "
            "(use a host name with an AAAA record instead of an IPv4 address)")


@dataclass(frozen=True)
class AuditFinding:
    """One problem: where (file relative to the site, line), what, and how to fix it."""

    path: str
    line: int
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}: {self.fix}"


@dataclass
class AuditReport:
    """External hosts by the pages linking to them, and the findings that fail the audit."""

    hosts: dict[str, set[str]] = field(default_factory=dict)
    findings: list[AuditFinding] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.findings


def find_ipv4(text: str) -> list[tuple[int, str]]:
    """Every IPv4 literal in ``text`` as (line number, address)."""
    return [(text.count("\n", 0, m.start()) + 1, m.group(0)) for m in IPV4.finditer(text)]


def external_host(url: str, own_hosts: Iterable[str]) -> Optional[str]:
    """The host of ``url`` when it points to another site (http, https or ``//host``), else None."""
    url = url.strip()
    if not (url.startswith("//") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url)):
        return None  # relative or rooted: this site
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https", "ftp", "ws", "wss"):
        return None  # mailto:, tel:, data:, javascript: contact no host by loading the page
    host = (parts.hostname or "").lower()
    return host if host and host not in own_hosts else None


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[int, str, str, bool]] = []   # line, what, url, is_resource
        self.canonical: list[str] = []
        self.styles: list[tuple[int, str]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        rels = set(values.get("rel", "").lower().split())
        if tag == "link" and "canonical" in rels:
            self.canonical.append(values.get("href", ""))
        for name, value in values.items():
            urls = []
            if name in URL_ATTRS:
                urls = [value]
            elif name in ("srcset", "imagesrcset"):
                urls = [part.strip().split()[0] for part in value.split(",") if part.strip()]
            elif name == "style":
                self.styles.append((line, value))
            for url in urls:
                self.urls.append((line, f"<{tag} {name}>", url, _is_resource(tag, name, rels, values)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append((self.getpos()[0], data))


def _is_resource(tag: str, name: str, rels: set[str], values: dict[str, str]) -> bool:
    """Whether the browser fetches this URL by itself when showing the page."""
    if tag == "link":
        return bool(rels & RESOURCE_RELS)
    if tag in ("image", "use") or name == "background":
        return True
    if tag == "input":
        return name == "src" and values.get("type", "").lower() == "image"
    return tag in RESOURCE_TAGS and name in ("src", "srcset", "data", "poster")


def _css_urls(text: str, first_line: int = 1) -> Iterable[tuple[int, str]]:
    for m in CSS_URL.finditer(text):
        yield first_line + text.count("\n", 0, m.start()), m.group(2) or m.group(4)


def _read_text(path: Path) -> Optional[str]:
    if path.suffix.lower() in BINARY_SUFFIXES:
        return None
    data = path.read_bytes()
    if path.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except OSError:
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None  # an image or another binary file: no URL a browser would read


def reportable_ipv4(rel: str, text: str) -> list[tuple[int, str]]:
    """The IPv4 literals of a file that fail the audit: all of them, except a loopback or
    unspecified address inside a script (code about the visitor's own machine, such as the
    Decap editor's local development server: never a host a page reaches)."""
    found = find_ipv4(text)
    if rel.endswith(".js"):
        found = [(line, address) for line, address in found if not address.startswith(("127.", "0."))]
    return found


def audit_site(site: Path) -> AuditReport:
    """Audit every file under ``site`` (a built site folder)."""
    report = AuditReport()
    pages: dict[str, _PageParser] = {}
    texts: dict[str, str] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        text = _read_text(path)
        report.files += 1
        if text is None:
            continue
        texts[rel] = text
        for line, address in reportable_ipv4(rel, text):
            report.findings.append(AuditFinding(rel, line, f"IPv4 地址 {address} (IPv4 literal {address})", FIX_IPV4))
        if path.suffix == ".html":
            parser = _PageParser()
            parser.feed(text)
            parser.close()
            pages[rel] = parser
    own = {(urlsplit(url).hostname or "").lower() for p in pages.values() for url in p.canonical} - {""}
    for rel, parser in pages.items():
        urls = list(parser.urls)
        for line, style in parser.styles:
            urls += [(css_line, "CSS url()", url, True) for css_line, url in _css_urls(style, line)]
        _collect(report, rel, urls, own)
    for rel, text in texts.items():
        if rel.endswith(".css"):
            _collect(report, rel, [(line, "CSS url()", url, True) for line, url in _css_urls(text)], own)
    report.findings.sort(key=lambda f: (f.path, f.line, f.what))
    return report


def _collect(report: AuditReport, rel: str, urls: list[tuple[int, str, str, bool]], own: set[str]) -> None:
    for line, what, url, resource in urls:
        host = external_host(url, own)
        if host is None:
            continue
        report.hosts.setdefault(host, set()).add(rel)
        if resource:
            report.findings.append(AuditFinding(
                rel, line, f"{what} 从外部主机 {host} 加载资源 {url} (loads a resource from another host)",
                FIX_RESOURCE))


def has_aaaa(host: str, resolve: Callable = socket.getaddrinfo) -> tuple[bool, str]:
    """Whether DNS gives ``host`` an IPv6 address, and the address or the error."""
    try:
        infos = resolve(host, 443, socket.AF_INET6, socket.SOCK_STREAM)
    except (socket.gaierror, OSError) as exc:
        return False, str(exc)
    return (True, infos[0][4][0]) if infos else (False, "no AAAA record")


def run_audit(site: Path, online: bool, out=None, err=None) -> int:
    """``build.py audit-ipv6``: print hosts and findings; 0 when clean, 1 otherwise."""
    import sys
    out, err = out or sys.stdout, err or sys.stderr
    if not (site / "index.html").exists():
        print(f"{site}: 没有找到已生成的网站，请先运行 build.py build "
              f"(no built site here: run build.py build first)", file=err)
        return 2
    report = audit_site(site)
    print(f"外部链接主机 external hosts linked ({len(report.hosts)}):", file=out)
    failed = bool(report.findings)
    for host in sorted(report.hosts):
        line = f"  {host}  ({len(report.hosts[host])} 个页面 pages)"
        if online:
            ok, detail = has_aaaa(host)
            line += f"  IPv6 {'有 AAAA ok' if ok else '无 AAAA 记录 no AAAA record'}: {detail}"
            failed = failed or not ok
        print(line, file=out)
    for finding in report.findings:
        print(finding, file=err)
    if report.findings:
        print(f"{len(report.findings)} 个 IPv6 问题 ({len(report.findings)} IPv6 problems) "
              f"in {report.files} files", file=err)
    elif not failed:
        print(f"IPv6 检查通过 (IPv6 audit passed): {report.files} 个文件 files, "
              f"无 IPv4 地址，无外部资源 (no IPv4 literal, no external resource)", file=err)
    return 1 if failed else 0
