"""Benchmark of the site search index: build time, size, bytes a cold query fetches.

Run: ``.venv/bin/python benchmarks/search_bench.py [N ...]`` (default 1000 10000).

The corpus is synthetic and deterministic (seed 2022): a vocabulary of 20,000
"words" of 1-4 characters drawn from 3,500 Han characters, both Zipf-distributed,
so the number of distinct bigrams grows with the corpus much as real text does
(harder on the index than template text, which repeats its bigrams); bodies of
1,500-4,000 characters with punctuation, numbers and dates; a 文号 per policy;
one of 40 issuers; statuses in force / amended / repealed / expired.

Figures (2-core dev VM, Python 3.11, Chromium 156 over [::1]; the VM was shared
with other jobs, so times vary up to 3x between runs; gzip level 6):

=======  ==========  ===========  ======  =========  ===============  ===================
N        build s     index MB     files   shards     cold query KB    browser cold / warm
=======  ==========  ===========  ======  =========  ===============  ===================
1,000    3.5-7       19 (raw)     3,050   2,048      7-66 gzip        216-1090 / 4-68 ms
10,000   35-54 idle  172 (raw)    14,098  4,096      58-133 gzip      171-590 / 28-184 ms
=======  ==========  ===========  ======  =========  ===============  ===================

At 10,000 docs: 895k terms, 15.5M postings. A cold query fetches manifest.json
(~1 KB gz), attrs.json (~11 KB gz), 1-16 term shards (~5-8 KB gz each) and the
10 displayed documents (~3-5 KB gz each; synthetic text compresses about as
badly as real Chinese). Build time breakdown at 10k (idle, gc off):
tokenizing ~10 s (~1 ms a doc, bigram string creation), inverting ~11 s
(memory-latency bound appends to ~900k lists, ~0.7 us each), encoding ~5-7 s,
JSON ~4 s, writing 14k files ~2 s. The 20 s target is NOT met in pure Python;
see generator/search/index.py for the options.

lunr.py was not measured at 10k: its serialized index is one JSON file that the
browser must download whole (the issue measured Material's lunr index at 91 MB
for 3,000 documents), which rules it out before build time matters.
"""
from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

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


def browser_times(out: Path, queries: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """(query, cold ms, warm ms) to the first rendered page of results in Chromium, if present."""
    if not Path("/usr/bin/chromium").exists():
        return []
    import http.server
    import socket
    import threading
    from playwright.sync_api import sync_playwright

    site = out.parent / f"site-{out.name}"
    site.mkdir(exist_ok=True)
    (site / "search").symlink_to(out) if not (site / "search").exists() else None
    shutil.copy(REPO / "theme/assets/javascripts/search.js", site / "search.js")
    (site / "index.html").write_text(
        '<!doctype html><meta charset="utf-8"><title>s</title><form id="search-form">'
        '<input type="search" name="q" id="search-q"></form>'
        '<div id="search-app" data-index="search/" data-root=""></div><script src="search.js"></script>',
        encoding="utf-8")

    class Server(http.server.ThreadingHTTPServer):
        address_family = socket.AF_INET6
        request_queue_size = 128

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):  # type: ignore[no-untyped-def]
            super().__init__(*a, directory=str(site), **k)

        def log_message(self, *a) -> None:  # type: ignore[no-untyped-def]
            pass

    server = Server(("::1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://[::1]:{server.server_address[1]}/"
    out_rows = []
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        for q in queries:
            page = browser.new_context().new_page()
            page.goto(url + "?q=" + q)
            page.wait_for_selector("#search-app[data-ms]", timeout=30_000)
            cold = int(page.get_attribute("#search-app", "data-ms"))
            page.press("#search-q", "Enter")
            page.wait_for_selector("#search-app[data-ms]", timeout=30_000)
            warm = int(page.get_attribute("#search-app", "data-ms"))
            out_rows.append((q, cold, warm))
            page.context.close()
        browser.close()
    server.shutdown()
    return out_rows


def bench(n: int, out: Path) -> None:
    """Build the index of N documents into out and print the figures."""
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
    for q, cold, warm in browser_times(out, QUERIES):
        print(f"  browser {q!r:<24} cold {cold:4d} ms  warm {warm:4d} ms (to first page rendered)")


def main(argv: list[str]) -> None:
    """Benchmark each N given (default 1000 and 10000)."""
    sizes = [int(a) for a in argv] or [1000, 10000]
    tmp = Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        for n in sizes:
            bench(n, tmp / str(n))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
