"""Benchmark of the site search index: build time, size, bytes a cold query fetches.

Run: ``.venv/bin/python benchmarks/search_bench.py [N ...]`` (default 1000 10000).

The corpus is synthetic and deterministic (seed 2022): a vocabulary of 20,000
"words" of 1-4 characters drawn from 3,500 Han characters, both Zipf-distributed,
so the number of distinct bigrams grows with the corpus much as real text does
(harder on the index than template text, which repeats its bigrams); bodies of
1,500-4,000 characters with punctuation, numbers and dates; a 文号 per policy;
one of 40 issuers; statuses in force / amended / repealed / expired.

Run on a built site: ``search_bench.py --site DIR [--content DIR] [--pagefind BIN]``
(see benchmarks/README.md, section Search, for the queries, definitions and figures).

Figures, synthetic corpus (2-core VM shared with other jobs, so times are inflated and
vary up to 3x; gzip level 6):

=======  ===============  ===========  ======  ======  ===============
N        build s          index MB     files   shards  cold query KB
=======  ===============  ===========  ======  ======  ===============
10,000   12.2 (was 43)    134 (raw)    14,098  4,096   56-123 gzip
=======  ===============  ===========  ======  ======  ===============

At 10,000 docs: 895k terms, 15.5M postings; index format 2 (posting lists as text,
2026-11-22: was 172 MB and 58-133 KB a cold query with JSON number arrays). On the
project's own corpus (benchmarks/corpus.py, 10,000 documents) the index builds in
~6 s (was 15 s), ~7 % of a ~90 s build. A cold query fetches manifest.json (~1 KB gz),
attrs.json (~13 KB gz), 1-16 term shards and the 10 displayed documents (~2 KB gz each).

lunr.py was not measured at 10k: its serialized index is one JSON file that the
browser must download whole (the issue measured Material's lunr index at 91 MB
for 3,000 documents), which rules it out before build time matters.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from itertools import accumulate
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.search.index import SearchDoc, gzip_size, write_search_index  # noqa: E402
from generator.search.query import Index  # noqa: E402

SEED = 2022
STATUSES = (("in_force", "现行有效", 60), ("amended", "已修改", 10), ("repealed", "已废止", 20),
            ("expired", "已失效", 8), ("pending", "尚未生效", 2))
GENRES = (("normative", "行政规范性文件"), ("regulation", "规章"), ("other", "其他文件"))
TOPICS = ("城乡建设", "环境保护", "安全生产", "医疗卫生", "教育", "农业农村", "市场监管", "社会保障",
          "交通运输", "文化旅游", "财政金融", "政务公开")
QUERIES = ("政务公开", "安全生产", "教育", "〔2021〕12号", "2021", "实施办法", "关于",
           "市场监管 社会保障", "环境保护的通知", "的意见")


def _han_pool(rng: random.Random, n: int) -> list[str]:
    return [chr(c) for c in rng.sample(range(0x4E00, 0x9FA6), n)]


class Corpus:
    """A deterministic generator of synthetic Chinese government documents."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        chars = _han_pool(self.rng, 3500)
        char_w = list(accumulate(1 / (i + 1) ** 0.9 for i in range(len(chars))))
        lengths = [1, 2, 2, 2, 2, 3, 3, 4]
        self.words = ["".join(self.rng.choices(chars, cum_weights=char_w, k=self.rng.choice(lengths)))
                      for _ in range(20000)]
        self.words[60:60 + len(TOPICS)] = TOPICS
        self.word_w = list(accumulate(1 / (i + 1) for i in range(len(self.words))))
        self.issuers = ["".join(self.rng.choices(chars[:300], k=4)) + suffix
                        for suffix in ("人民政府", "办公室", "局", "委员会") for _ in range(10)]

    def sentence(self) -> str:
        """One sentence: Zipf words with a comma or two, sometimes a number."""
        words = self.rng.choices(self.words, cum_weights=self.word_w, k=self.rng.randint(6, 18))
        if self.rng.random() < 0.2:
            words.insert(self.rng.randrange(len(words)), str(self.rng.randint(1, 2030)))
        for _ in range(self.rng.randint(0, 2)):
            words.insert(self.rng.randrange(1, len(words)), "，")
        return "".join(words) + "。"

    def body(self) -> str:
        """1,500-4,000 characters of paragraphs."""
        target = self.rng.randint(1500, 4000)
        paras: list[str] = []
        size = 0
        while size < target - 60:
            para = "".join(self.sentence() for _ in range(self.rng.randint(2, 6)))
            para = para[: target - size]
            paras.append(para)
            size += len(para) + 1
        return "\n".join(paras)

    def doc(self, i: int) -> SearchDoc:
        """The i-th document: mostly policies, some interpretations and Q&A entries."""
        rng = self.rng
        year = rng.randint(2005, 2024)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        topic = rng.choice(TOPICS)
        title = f"{rng.choice(self.issuers)}关于{''.join(rng.choices(self.words[:400], k=2))}{topic}的{rng.choice(('通知', '实施办法', '意见', '规定'))}"
        kind = rng.choices(("policy", "interpretation", "qa"), weights=(80, 12, 8))[0]
        if kind != "policy":
            return SearchDoc(url=f"{kind}/{i:05d}/", kind=kind, title=f"《{title}》解读" if kind == "interpretation" else f"{topic}问答{i}",
                             text=self.body(), date=date)
        status, label, _ = rng.choices(STATUSES, weights=[s[2] for s in STATUSES])[0]
        genre, genre_label = rng.choice(GENRES)
        issuer = rng.choice(self.issuers)
        return SearchDoc(url=f"policies/p-{i:05d}/", kind="policy", title=title, text=self.body(),
                         doc_number=f"{issuer[:2]}发〔{year}〕{rng.randint(1, 60)}号", issuer=issuer,
                         keywords=(topic, rng.choice(self.words[:200])), status=status,
                         status_label=label, genre=genre, genre_label=genre_label, date=date)


def make_docs(n: int, seed: int = SEED) -> list[SearchDoc]:
    """N synthetic documents, the same for the same seed."""
    corpus = Corpus(seed)
    return [corpus.doc(i) for i in range(n)]


def dir_bytes(root: Path) -> tuple[int, int]:
    """Files and total bytes under a folder."""
    files = [p for p in root.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def cold_query_bytes(root: Path, query: str) -> tuple[int, int, int]:
    """(files, raw bytes, gzip bytes) a cold query reads, the same files the browser fetches."""
    index = Index(root)
    result = index.search(query)
    paths = index.fetched
    raw = sum((root / p).stat().st_size for p in paths)
    gz = sum(gzip_size((root / p).read_bytes()) for p in paths)
    return len(paths), raw, gz if result is not None else 0


# --- the browser side ---------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# The project corpus (benchmarks/corpus.py): phrases from bodies, a 文号, an issuer, topics,
# very common words and a two-part query; each occurs at both N = 1,000 and 10,000.
SITE_QUERIES = ("公共文化服务体系", "数据归集共享", "防止出现推诿扯皮现象", "临政办发〔2016〕2号",
                "清源市交通运输局", "营商环境", "安全生产", "人民政府", "通知", "工作", "养老保险 实施细则")
PAGEFIND_HARNESS = """<!doctype html><html lang="zh"><meta charset="utf-8"><title>pagefind</title>
<script>
window.pfSearch = async function (q) {
  const t0 = performance.now();
  if (!window.pf) { window.pf = await import("/pagefind/pagefind.js"); await window.pf.init(); }
  const found = await window.pf.search(q);
  const page = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
  return {ms: performance.now() - t0, count: found.results.length, urls: page.map(d => d.url)};
};
</script>"""


def wire_bytes(path: Path) -> int:
    """Bytes on the wire for a file: gzip level 6 when that is smaller (already-compressed files as they are)."""
    data = path.read_bytes()
    return min(len(data), gzip_size(data))


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


NGINX = Path("/usr/sbin/nginx")
# --server: "deployed" is deploy/nginx.conf itself (HTTPS, HTTP/2, gzip, the site's headers)
# through deploy/loopback.py; "nginx-h1" a plain HTTP/1.1 nginx (keep-alive, gzip); "python"
# Python's threading server.
SERVER = "deployed" if NGINX.exists() else "python"


@contextmanager
def served(root: Path, csp: bool = True) -> Iterator[str]:
    """Serve a folder over [::1] on a free port and yield its URL, by SERVER (see above);
    without ``csp``, the deployed configuration leaves out its Content-Security-Policy."""
    if SERVER == "deployed":
        from deploy.loopback import running
        with tempfile.TemporaryDirectory(prefix="search-deployed-") as tmp, running(root, Path(tmp), csp) as ports:
            yield f"https://[::1]:{ports['https6']}/"
        return
    if SERVER == "nginx-h1":
        with nginx_served(root) as url:
            yield url
        return
    with python_served(root) as url:
        yield url


@contextmanager
def nginx_served(root: Path) -> Iterator[str]:
    """Plain HTTP/1.1 nginx in the foreground with a throw-away prefix folder (no system
    configuration touched): keep-alive, gzip, 1 worker; no TLS, so at most six connections."""
    import socket
    from deploy.loopback import free_port, main_config, started
    port = free_port(socket.AF_INET6, "::1")
    with tempfile.TemporaryDirectory(prefix="search-nginx-") as tmp:
        conf = main_config(Path(tmp), f"""    gzip on;
    gzip_comp_level 6;
    gzip_types application/json application/javascript text/css text/xml application/xml;
    server {{
        listen [::1]:{port};
        root {root.resolve()};
        location / {{ try_files $uri $uri/ =404; }}
    }}""", workers="1")
        with started(Path(tmp), conf, port):
            yield f"http://[::1]:{port}/"


@contextmanager
def python_served(root: Path) -> Iterator[str]:
    """Serve a folder over [::1] on a free port (HTTP/1.1 server threads, backlog 128); yield its URL."""
    import http.server
    import socket
    import threading

    class Server(http.server.ThreadingHTTPServer):
        address_family = socket.AF_INET6
        request_queue_size = 128

    class Quiet(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as any real server (files carry Content-Length)

        def __init__(self, *a, **k):  # type: ignore[no-untyped-def]
            super().__init__(*a, directory=str(root), **k)

        def log_message(self, *a) -> None:  # type: ignore[no-untyped-def]
            pass

    server = Server(("::1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://[::1]:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's headless Chromium through Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _recording_page(browser, marker: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(ignore_https_errors=True)  # deploy/loopback.py's self-signed certificate
    page = context.new_page()
    page.requested = []
    page.on("request", lambda r: page.requested.append(r.url.split(marker, 1)[1]) if marker in r.url else None)
    return context, page


# The page's result, read in one call once search.js has set data-ms (a MutationObserver in
# the page: no polling from Playwright while a query runs). With a query, it is typed and then
# submitted as the Enter key would: the value set, one frame painted (a person sees what they
# typed before pressing Enter; painting the changed field took 8 ms on the benchmark machine,
# which would otherwise land inside the query's time), then the form submitted. With ``idle``,
# first wait until the page has nothing left to do (two idle callbacks).
READ_OURS = """async ([query, idle, typed]) => {
  const app = document.getElementById("search-app");
  const done = new Promise(resolve => {
    const check = () => { if (app.hasAttribute("data-ms")) { observer.disconnect(); resolve(); } };
    const observer = new MutationObserver(check);
    observer.observe(app, {attributes: true});
    if (query === null) { check(); }
  });
  if (query !== null) {
    for (let i = 0; idle && i < 2; i++) { await new Promise(resolve => requestIdleCallback(resolve, {timeout: 2000})); }
    const field = document.getElementById("search-q");
    field.value = query;
    if (typed >= 0) {  // typed as a person does (the input event an IME commit fires), Enter ``typed`` ms later
      field.dispatchEvent(new Event("input", {bubbles: true}));
      await new Promise(resolve => setTimeout(resolve, typed));
    }
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
    document.getElementById("search-form").requestSubmit();
  }
  await done;
  const attr = name => app.getAttribute(name);
  return {first: attr("data-first-ms"), at: attr("data-first-at"), ms: attr("data-ms"), count: attr("data-count"), exact: attr("data-exact"),
          text: document.querySelector(".search-count").textContent};
}"""


def _read_ours(page, query: str | None = None, idle: bool = False, typed: int = -1) -> dict:  # type: ignore[no-untyped-def]
    got = page.evaluate(READ_OURS, [query, idle, typed])
    return {"ms": int(got["first"] or got["ms"]), "page_ms": int(got["ms"]), "count": int(got["count"] or 0),
            "nav_ms": int(got["at"] or 0),
            "exact": got["exact"] == "1", "text": got["text"], "requested": list(page.requested)}


WARM_PAUSE_MS = -1   # --warm-pause: -1 = once the page is idle
TYPED_PAUSE_MS = 100  # --typed-pause: Enter this long after the query was typed (an input event)


def ours_query(browser, url: str, query: str, before: str | None = None,  # type: ignore[no-untyped-def]
               typed: bool = False) -> dict:
    """One query on our search page at url: cold (a fresh browser context) or warm (after ``before``
    ran on the same page; submitted once the page is idle after it, or WARM_PAUSE_MS after its page
    was complete when that is 0 or more).
    On search.js's own clock from the query's start: ms to the first result shown, page_ms to the
    whole first page; nav_ms (cold) to the first result from the navigation's start; requested
    lists the index files fetched for this query. ``typed``: the warm query is typed (an input
    event, which starts its requests) and submitted TYPED_PAUSE_MS later, as Enter after typing."""
    from urllib.parse import quote
    context, page = _recording_page(browser, "/search/index/")
    try:
        page.goto(url + "?q=" + quote(before or query))
        first = _read_ours(page)
        if before is None:
            return first
        if WARM_PAUSE_MS > 0:
            page.wait_for_timeout(WARM_PAUSE_MS)
        page.requested.clear()
        return _read_ours(page, query, idle=WARM_PAUSE_MS < 0, typed=TYPED_PAUSE_MS if typed else -1)
    finally:
        context.close()


def pagefind_query(browser, url: str, query: str, before: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    """The same through Pagefind's JS API: ms from calling it (module and wasm load included
    when cold) to the data of the first 10 results."""
    context, page = _recording_page(browser, "/pagefind/")
    try:
        page.goto(url + "pf-bench.html")
        if before is not None:
            page.evaluate("q => pfSearch(q)", before)
            page.requested.clear()
        out = page.evaluate("q => pfSearch(q)", query)
        out["requested"] = list(page.requested)
        return out
    finally:
        context.close()


def measure(run_query, url: str, queries: tuple[str, ...], runs: int,  # type: ignore[no-untyped-def]
            typed: bool = False) -> dict[str, dict]:
    """Cold and warm (after the previous query of the list) timings of each query, ``runs`` times;
    with ``typed`` also warm queries typed before they are submitted (see ours_query)."""
    out: dict[str, dict] = {q: {"cold": [], "warm": [], "nav": [], "typed": []} for q in queries}
    for _ in range(runs):
        for i, q in enumerate(queries):
            cold = run_query(url, q)
            warm = run_query(url, q, before=queries[i - 1])
            out[q]["cold"].append(cold["ms"])
            out[q]["warm"].append(warm["ms"])
            out[q]["nav"].append(cold.get("nav_ms", 0))
            if typed:
                out[q]["typed"].append(run_query(url, q, before=queries[i - 1], typed=True)["ms"])
            out[q].setdefault("cold_page", []).append(cold.get("page_ms", cold["ms"]))
            out[q].setdefault("warm_page", []).append(warm.get("page_ms", warm["ms"]))
            out[q]["last"] = cold
            out[q]["warm_requested"] = warm["requested"]
    return out


def pair(times: dict, kind: str) -> str:
    """'first/page' medians in ms."""
    return f"{median(times[kind]):.0f}/{median(times[kind + '_page']):.0f}"


def requested_bytes(root: Path, names: list[str]) -> tuple[int, int]:
    """(files, wire bytes) of the distinct files a page requested under root."""
    paths = {root / name.split("?", 1)[0] for name in names}
    return len(paths), sum(wire_bytes(p) for p in paths if p.is_file())


def bare_site(index: Path, site: Path) -> Path:
    """A minimal page with only search.js over ``index`` (no theme, no other script): isolates our search."""
    (site / "search").mkdir(parents=True, exist_ok=True)
    if not (site / "search" / "index").exists():
        (site / "search" / "index").symlink_to(index.resolve())
    shutil.copy(REPO / "theme/assets/javascripts/search.js", site / "search.js")
    (site / "search" / "index.html").write_text(
        '<!doctype html><meta charset="utf-8"><title>s</title><form id="search-form">'
        '<input type="search" name="q" id="search-q"></form><p class="search-count"></p>'
        '<div id="search-app" data-index="index/" data-root="../"></div><script src="../search.js"></script>',
        encoding="utf-8")
    return site


# --- modes ----------------------------------------------------------------------------

def bench(n: int, out: Path, runs: int = 1) -> None:
    """Synthetic mode: build the index of N harsh synthetic documents into out and print the figures."""
    t0 = time.perf_counter()
    docs = make_docs(n)
    gen_s = time.perf_counter() - t0
    stats = write_search_index(docs, out)
    files, size = dir_bytes(out)
    print(f"N={n}: corpus {gen_s:.1f} s, index build {stats.seconds:.2f} s, {files} files, "
          f"{size / 1e6:.1f} MB, {stats.terms} terms, {stats.postings} postings, {stats.shards} shards")
    for q in QUERIES:
        nf, raw, gz = cold_query_bytes(out, q)
        hits = Index(out).search(q).total
        print(f"  {q!r:<24} {hits:>6} hits  {nf:>3} files  {raw / 1e3:7.1f} KB raw  {gz / 1e3:6.1f} KB gzip")
    if not CHROMIUM.exists():
        return
    site = bare_site(out, out.parent / f"site-{out.name}")
    with served(site) as url, chromium() as browser:
        times = measure(lambda u, q, before=None: ours_query(browser, u, q, before), url + "search/", QUERIES, runs)
    for q in QUERIES:
        t = times[q]
        print(f"  browser {q!r:<24} cold {pair(t, 'cold'):>9} ms  warm {pair(t, 'warm'):>9} ms "
              f"(medians of {runs}, to the first result / the first page)")


def index_build_seconds(content: Path, as_of: str, runs: int) -> tuple[list[float], object]:
    """write_search_index on the documents of a content folder, ``runs`` times (seconds, stats)."""
    import datetime as dt
    from generator.pipeline import plan_build
    from generator.features.search.site_search import search_docs
    plan = plan_build(content, dt.date.fromisoformat(as_of))
    if not plan.report.ok:
        raise SystemExit(f"{content}: content errors, no plan")
    docs = search_docs(plan.site, plan.search_entries())
    seconds, stats = [], None
    with tempfile.TemporaryDirectory(prefix="search-index-") as tmp:
        for i in range(runs):
            stats = write_search_index(docs, Path(tmp) / str(i))
            seconds.append(stats.seconds)
    return seconds, stats


# The machine's own cost of a request, as a yardstick between runs: fetch() and parse index
# files from the search page, once the page is idle, nothing else running in it.
FLOOR = """async ([names, times]) => {
  const out = [];
  for (let k = 0; k < times; k++) {
    await new Promise(resolve => requestIdleCallback(resolve, {timeout: 2000}));
    const t0 = performance.now();
    await Promise.all(names.map(name => fetch("index/" + name + "?floor=" + k).then(r => r.json())));
    out.push(performance.now() - t0);
  }
  return out;
}"""


def request_floor(browser, url: str, index: Path) -> str:  # type: ignore[no-untyped-def]
    """'a ms for one index file, b ms for nine at once' (medians of 15) on the search page at url."""
    from generator.search.index import shard_name
    shards = __import__("json").loads((index / "manifest.json").read_text())["shards"]
    names = sorted({shard_name(f"{a}{b}", shards) for a, b in zip("防止出现推诿扯皮现象", "止出现推诿扯皮现象")})
    context = browser.new_context(ignore_https_errors=True)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_timeout(1000)  # the page's own start-up work done
        one = median(page.evaluate(FLOOR, [names[:1], 15]))
        nine = median(page.evaluate(FLOOR, [names[:9], 15]))
    finally:
        context.close()
    return f"{one:.1f} ms for one index file, {nine:.1f} ms for {len(names[:9])} at once"


def site_bench(site: Path, content: Path | None, as_of: str, runs: int, pagefind: Path | None,
               check_counts: bool) -> None:
    """Site mode: the index of a built site, its queries in Chromium, and Pagefind beside it."""
    index = site / "search" / "index"
    if content is not None:
        seconds, stats = index_build_seconds(content, as_of, runs)
        print(f"index build: median {median(seconds):.2f} s of {runs} ({', '.join(f'{s:.2f}' for s in seconds)}); "
              f"{stats.docs} docs, {stats.terms} terms, {stats.postings} postings, {stats.shards} shards")
    files, size = dir_bytes(index)
    gz = sum(gzip_size(p.read_bytes()) for p in index.rglob("*") if p.is_file())
    print(f"index on disk: {files} files, {size / 1e6:.1f} MB ({gz / 1e6:.1f} MB gzipped file by file)")
    with tempfile.TemporaryDirectory(prefix="search-bare-") as tmp, chromium() as browser:
        with served(site) as url:
            print(f"request floor (fetch and parse, medians of 15): {request_floor(browser, url + 'search/', index)}",
                  flush=True)
            ours = measure(lambda u, q, before=None, typed=False: ours_query(browser, u, q, before, typed),
                           url + "search/", SITE_QUERIES, runs, typed=True)
        with served(bare_site(index, Path(tmp))) as url:
            bare = measure(lambda u, q, before=None: ours_query(browser, u, q, before), url + "search/",
                           SITE_QUERIES, runs)
    print("ms: medians to the first result shown (/ to the whole first page); 'site' = the built search page"
          " (theme scripts too), 'bare' = search.js alone on a blank page over the same index; 'nav': the"
          " cold first result from the navigation's start; 'typed': a warm query typed, Enter"
          f" {TYPED_PAUSE_MS} ms later")
    print(f"{'query':<22} {'count':>9} {'python':>7} {'cold KB':>8} {'files':>5}  "
          f"{'site cold':>9} {'nav':>5} {'warm':>9} {'typed':>5}  {'bare cold':>9} {'warm':>9}")
    for q in SITE_QUERIES:
        t, b = ours[q], bare[q]
        nfiles, wire = requested_bytes(index, t["last"]["requested"])
        mirror = Index(index).search(q)
        shown = ("" if t["last"]["exact"] else "约") + str(t["last"]["count"])
        agree = "same" if (mirror.total, mirror.exact) == (t["last"]["count"], t["last"]["exact"]) else "DIFFERS"
        line = (f"{q:<22} {shown:>9} {agree:>7} {wire / 1e3:8.1f} {nfiles:>5}  {pair(t, 'cold'):>9} "
                f"{median(t['nav']):5.0f} {pair(t, 'warm'):>9} {median(t['typed']):5.0f}  "
                f"{pair(b, 'cold'):>9} {pair(b, 'warm'):>9}")
        if check_counts:
            line += f"  matching {len(Index(index).search(q, limit=10**9).hits)}"
        print(line, flush=True)
    if pagefind is None:
        return
    copy = site.parent / f"{site.name}-pagefind"
    if not copy.exists():
        subprocess.run(["cp", "-al", str(site), str(copy)], check=True)
    (copy / "pf-bench.html").write_text(PAGEFIND_HARNESS, encoding="utf-8")
    if (copy / "pagefind" / "pagefind.js").exists():  # indexing takes minutes: reuse (delete the copy to redo)
        print(f"pagefind: reusing the index in {copy / 'pagefind'}")
    else:
        t0 = time.perf_counter()
        done = subprocess.run([str(pagefind), "--site", str(copy), "--root-selector", "article",
                               "--glob", "{policies,interpretations,qa,pages}/**/*.html"],
                              capture_output=True, text=True)
        if done.returncode:
            print("pagefind failed:", done.stdout[-2000:], done.stderr[-2000:])
            return
        print(f"pagefind: indexed in {time.perf_counter() - t0:.1f} s ({' '.join(done.stdout.split()[-12:])})")
    pf_files, pf_size = dir_bytes(copy / "pagefind")
    print(f"pagefind: {pf_files} files, {pf_size / 1e6:.1f} MB")
    # The site's Content-Security-Policy allows neither the harness's inline script nor
    # WebAssembly (Pagefind's worker): a site adopting Pagefind would have to loosen it.
    with served(copy, csp=False) as url, chromium() as browser:
        theirs = measure(lambda u, q, before=None: pagefind_query(browser, u, q, before), url, SITE_QUERIES, runs)
    for q in SITE_QUERIES:
        t = theirs[q]
        nfiles, wire = requested_bytes(copy / "pagefind", t["last"]["requested"])
        print(f"pagefind {q:<22} {t['last']['count']:>6} {wire / 1e3:8.1f} KB {nfiles:>3} files  "
              f"cold {median(t['cold']):6.0f} ms  warm {median(t['warm']):5.0f} ms")


def main(argv: list[str]) -> None:
    """``[N ...]``: the synthetic corpus (default 1000 10000); ``--site DIR``: a built site."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, help="synthetic corpus sizes (default 1000 10000)")
    parser.add_argument("--site", type=Path, help="a site built by build.py (its search/index is measured)")
    parser.add_argument("--content", type=Path, help="with --site: its content folder, to time the index build")
    parser.add_argument("--as-of", default="2026-11-21")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (medians)")
    parser.add_argument("--pagefind", type=Path, help="with --site: a pagefind(_extended) binary to compare with")
    parser.add_argument("--server", choices=("deployed", "nginx-h1", "python"), default=SERVER,
                        help="what serves the pages over [::1]: deploy/nginx.conf over HTTPS and HTTP/2"
                             " (default when nginx is installed), a plain HTTP/1.1 nginx, or Python's server")
    parser.add_argument("--typed-pause", type=int, default=TYPED_PAUSE_MS, metavar="MS",
                        help="the 'typed' column: Enter MS ms after the query was typed (default 100)")
    parser.add_argument("--check-counts", action="store_true",
                        help="with --site: also count every matching document in Python (slow)")
    parser.add_argument("--warm-pause", type=int, default=-1, metavar="MS",
                        help="submit a warm query MS ms after the previous one's page is complete; 0: at"
                             " once (a stress figure: the previous query's last work still runs); default -1:"
                             " once the page is idle (two idle callbacks)")
    args = parser.parse_args(argv)
    globals()["SERVER"] = args.server
    globals()["WARM_PAUSE_MS"] = args.warm_pause
    globals()["TYPED_PAUSE_MS"] = args.typed_pause
    if args.site:
        site_bench(args.site, args.content, args.as_of, args.runs, args.pagefind, args.check_counts)
        return
    tmp = Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        for n in args.sizes or [1000, 10000]:
            bench(n, tmp / str(n), args.runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
