"""Benchmark runner: our build vs plain mkdocs-material on the same synthetic corpus.

    python benchmarks/run.py                       # N = 1000, 3000, 10000; 3 runs each
    python benchmarks/run.py --sizes 1000 --runs 3 --skip-ours
    python benchmarks/run.py --sizes 3000 --skip-plain --rebuild
    python benchmarks/run.py --sizes 1000,3000 --rebuild --search    # every row of issue 22's table
    python benchmarks/run.py --sizes 10000 --skip-plain --rebuild --repo /tmp/before   # other code

For each N the corpus is generated once into ``<work>/corpus-N``; each run is a
cold build into an emptied output folder in a fresh subprocess. Medians are
printed as a table and written to ``<work>/results-N.json`` with every run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_measure import Measurement, dir_stats, run_measured  # noqa: E402
from corpus import generate_corpus  # noqa: E402
from plain_site import MKDOCS_YML, write_plain_project  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
METRICS = ("seconds", "cpu_seconds", "max_rss_mb", "tree_rss_mb", "tree_pss_mb", "output_bytes", "output_files",
           "load")
EDIT_MARK = "\n\n（基准测试修改）"


def _measure_into(cmd: list[str], output: Path, timeout: float | None, clean: bool = True) -> Measurement:
    """Run one build writing to ``output`` (emptied first, with our build cache beside it, when
    ``clean``: a full build starts cold) and add its output size."""
    cache = output.with_name(f".{output.name}.cache")
    if clean and output.exists():
        shutil.rmtree(output)
    if clean and cache.exists():
        shutil.rmtree(cache)
    result = run_measured(cmd, REPO, timeout)
    if output.exists():
        result.output_bytes, result.output_files = dir_stats(output)
    return result


def _median(runs: list[Measurement]) -> dict:
    good = [r for r in runs if r.returncode == 0]
    if not good:
        return {}
    return {m: statistics.median(getattr(r, m) for r in good) for m in METRICS}


def _summary(runs: list[Measurement]) -> dict:
    return {"runs": [r.as_dict() for r in runs], "median": _median(runs),
            "failed": sum(r.returncode != 0 for r in runs)}


def ours_cmd(corpus: Path, output: Path, as_of: str, repo: Path = REPO) -> list[str]:
    """The command line of our build (``build.py`` at the root of ``repo``)."""
    return [sys.executable, str(repo / "build.py"), "build", "--content", str(corpus),
            "--output", str(output), "--as-of", as_of]


def plain_cmd(project: Path, output: Path) -> list[str]:
    """The command line of the plain mkdocs-material build."""
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(output)]


def _runs(label: str, cmd: list[str], output: Path, args: argparse.Namespace, clean: bool = True) -> dict:
    runs = []
    for i in range(args.runs):
        result = _measure_into(cmd, output, args.timeout, clean)
        print(f"  {label} run {i + 1}/{args.runs}: {result.seconds:.1f} s, {result.max_rss_mb:.0f} MB"
              + (f"  FAILED: {result.error.strip().splitlines()[-1:]}" if result.returncode else ""), flush=True)
        runs.append(result)
    return _summary(runs)


def _edit_runs(corpus: Path, cmd: list[str], output: Path, args: argparse.Namespace) -> dict:
    """Rebuilds after appending a sentence to one document's body; the file is restored afterwards."""
    target = sorted((corpus / "policies").rglob("*.md"))[len(list((corpus / "policies").rglob("*.md"))) // 2]
    original = target.read_bytes()
    runs = []
    try:
        for i in range(args.runs):
            target.write_bytes(original + f"{EDIT_MARK}{i + 1}\n".encode("utf-8"))
            result = _measure_into(cmd, output, args.timeout, clean=False)
            print(f"  ours rebuild after edit {i + 1}/{args.runs}: {result.seconds:.1f} s", flush=True)
            runs.append(result)
    finally:
        target.write_bytes(original)
    return {**_summary(runs), "edited": target.relative_to(corpus).as_posix()}


def _daily_runs(corpus: Path, cmd: list[str], output: Path, args: argparse.Namespace) -> dict:
    """The daily rebuild: the site of the as-of date built again with the next day's date
    (statuses that change that day, pages that show the date); each run starts from the
    site of the as-of date (that build is not measured)."""
    next_day = (dt.date.fromisoformat(args.as_of) + dt.timedelta(days=1)).isoformat()
    daily = cmd[:cmd.index("--as-of") + 1] + [next_day] + cmd[cmd.index("--as-of") + 2:]
    runs = []
    for i in range(args.runs):
        _measure_into(cmd, output, args.timeout, clean=False)
        result = _measure_into(daily, output, args.timeout, clean=False)
        print(f"  ours daily rebuild (as of {next_day}) {i + 1}/{args.runs}: {result.seconds:.1f} s", flush=True)
        runs.append(result)
    return {**_summary(runs), "as_of": next_day}


def _ours(corpus: Path, work: Path, n: int, args: argparse.Namespace) -> dict:
    if not (args.repo / "build.py").exists():
        print("  ours: not available yet (no build.py)", flush=True)
        return {"status": "not available yet"}
    output = work / f"site-ours-{n}"
    cmd = ours_cmd(corpus, output, args.as_of, args.repo) + args.ours_arg
    result = {"command": cmd, **_runs("ours", cmd, output, args)}
    if args.search and not result["failed"]:
        result["search"] = _search(output, args.runs)
        print(f"  ours search: {result['search']['median']}", flush=True)
    if args.rebuild and not result["failed"]:
        result["rebuild_no_change"] = _runs("ours no-change rebuild", cmd, output, args, clean=False)
        result["rebuild_one_edit"] = _edit_runs(corpus, cmd, output, args)
        result["rebuild_daily"] = _daily_runs(corpus, cmd, output, args)
    return result


def _search(site: Path, runs: int) -> dict:
    """Our search on the built site in Chromium, served as deployed (search_bench.py's protocol):
    per query the medians of ``runs``, then the median over the queries of each figure.
    cold_nav_ms: a fresh browser opens search/?q=, the first result from the navigation's start;
    warm_ms: a new query on that page once idle, from its submission; typed_ms: the same typed
    (an input event) and submitted 100 ms later; kb: gzip bytes of the index files a cold query
    fetched."""
    import search_bench as sb
    per_query = {}
    with sb.chromium() as browser, sb.served(site) as url:
        times = sb.measure(lambda u, q, before=None, typed=False: sb.ours_query(browser, u, q, before, typed),
                           url + "search/", sb.SITE_QUERIES, runs, typed=True)
    for q, t in times.items():
        files, wire = sb.requested_bytes(site / "search" / "index", t["last"]["requested"])
        per_query[q] = {"cold_nav_ms": sb.median(t["nav"]), "cold_ms": sb.median(t["cold"]),
                        "warm_ms": sb.median(t["warm"]), "typed_ms": sb.median(t["typed"]),
                        "kb": wire / 1e3, "files": files}
    summary = {key: statistics.median(v[key] for v in per_query.values())
               for key in ("cold_nav_ms", "cold_ms", "warm_ms", "typed_ms", "kb")}
    summary["worst_cold_nav_ms"] = max(v["cold_nav_ms"] for v in per_query.values())
    summary["worst_warm_ms"] = max(v["warm_ms"] for v in per_query.values())
    return {"queries": per_query, "median": summary}


def _plain_search_bytes(site: Path) -> dict:
    """What a query costs on the plain Material site: its lunr index is one file, fetched whole
    (with its search worker) before the first query can run."""
    import gzip
    index = site / "search" / "search_index.json"
    workers = list((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    raw = index.read_bytes() if index.is_file() else b""
    total = raw + b"".join(w.read_bytes() for w in workers)
    return {"kb": len(gzip.compress(total, 6)) / 1e3, "index_mb": len(raw) / 1e6}


def _plain(corpus: Path, work: Path, n: int, args: argparse.Namespace) -> dict:
    project = work / f"plain-{n}"
    pages = write_plain_project(corpus, project)
    output = work / f"site-plain-{n}"
    cmd = plain_cmd(project, output)
    result = {"command": cmd, "mkdocs_yml": MKDOCS_YML, "pages": pages + 1, **_runs("plain", cmd, output, args)}
    if args.search and not result["failed"]:
        result["search"] = _plain_search_bytes(output)
    return result


def _ratio(ours: dict, plain: dict) -> dict:
    a, b = ours.get("median") or {}, plain.get("median") or {}
    return {m: a[m] / b[m] for m in METRICS if a.get(m) and b.get(m)}


def _machine() -> dict:
    from importlib.metadata import version
    return {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
            "mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material")}


def bench_size(n: int, args: argparse.Namespace) -> dict:
    """Generate the corpus for ``n`` and run every requested measurement."""
    work = args.work
    corpus = work / f"corpus-{n}"
    info = generate_corpus(corpus, n, args.seed)
    print(f"N={n}: corpus {info.files} files, {info.bytes / 1e6:.1f} MB, generated in {info.seconds:.1f} s",
          flush=True)
    result = {"n": n, "runs": args.runs, "seed": args.seed, "as_of": args.as_of, "machine": _machine(),
              "corpus": {"files": info.files, "bytes": info.bytes, "relations": info.relations}}
    result["ours"] = {"status": "skipped"} if args.skip_ours else _ours(corpus, work, n, args)
    result["plain"] = {"status": "skipped"} if args.skip_plain else _plain(corpus, work, n, args)
    result["ratio_ours_over_plain"] = _ratio(result["ours"], result["plain"])
    (work / f"results-{n}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return result


def _row(n: int, label: str, median: dict) -> str:
    if not median:
        return f"{n:>6}  {label:<28} {'n/a':>8}"
    return (f"{n:>6}  {label:<28} {median['seconds']:>8.1f} {median.get('cpu_seconds', 0):>8.1f} "
            f"{median['max_rss_mb']:>9.0f} {median['tree_rss_mb']:>9.0f} {median.get('tree_pss_mb', 0):>9.0f} "
            f"{median['output_bytes'] / 1e6:>10.1f} {median['output_files']:>8.0f} {median.get('load', 0):>6.1f}")


REBUILDS = (("rebuild_no_change", "ours no-change rebuild"), ("rebuild_one_edit", "ours one-edit rebuild"),
            ("rebuild_daily", "ours daily rebuild (as-of+1)"))


def print_search(results: list[dict]) -> None:
    """Search per N: ours in Chromium (ms, medians over the queries of the medians of the runs;
    the slowest query's in brackets) and the bytes a cold query fetches, beside Material's."""
    rows = [r for r in results if "search" in r["ours"] or "search" in r["plain"]]
    if not rows:
        return
    print(f"\n{'N':>6}  {'search':<28} {'cold, from navigation ms':>25} {'warm ms':>12} {'typed ms':>9} "
          f"{'KB a cold query':>16}")
    for r in rows:
        ours = r["ours"].get("search", {}).get("median")
        if ours:
            print(f"{r['n']:>6}  {'ours':<28} {ours['cold_nav_ms']:>17.0f} ({ours['worst_cold_nav_ms']:>4.0f}) "
                  f"{ours['warm_ms']:>5.0f} ({ours['worst_warm_ms']:>3.0f}) {ours['typed_ms']:>9.0f} {ours['kb']:>16.1f}")
        plain = r["plain"].get("search")
        if plain:
            print(f"{r['n']:>6}  {'plain mkdocs-material (lunr)':<28} {'–':>25} {'–':>12} {'–':>9} {plain['kb']:>16.1f}"
                  f"  (index {plain['index_mb']:.1f} MB, fetched whole)")


def print_table(results: list[dict]) -> None:
    """Medians per N and tool, side by side with plain mkdocs-material, and the ratio ours/plain;
    then search (print_search)."""
    print(f"\n{'N':>6}  {'build':<28} {'wall s':>8} {'CPU s':>8} {'max RSS':>9} {'tree RSS':>9} {'tree PSS':>9} "
          f"{'output MB':>10} {'files':>8} {'load':>6}")
    print(f"{'':>6}  {'':<28} {'':>8} {'':>8} {'MB':>9} {'MB':>9} {'MB':>9}")
    for r in results:
        ours = r["ours"]
        print(_row(r["n"], "ours full build", ours.get("median", {})))
        for key, label in REBUILDS:
            if key in ours:
                print(_row(r["n"], label, ours[key]["median"]))
        print(_row(r["n"], "plain mkdocs-material", r["plain"].get("median", {})))
        ratio = r["ratio_ours_over_plain"]
        if ratio:
            cells = " ".join(f"{ratio.get(m, float('nan')):>{w}.2f}" for m, w in zip(METRICS, (8, 8, 9, 9, 9, 10, 8)))
            print(f"{r['n']:>6}  {'ratio ours/plain':<28} {cells}")
    print_search(results)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    p = argparse.ArgumentParser(description="Benchmark our build against plain mkdocs-material.")
    p.add_argument("--sizes", default="1000,3000,10000", help="comma-separated corpus sizes")
    p.add_argument("--runs", type=int, default=3, help="runs per measurement (medians are reported)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--as-of", default="2026-11-21", help="--as-of date passed to our build")
    p.add_argument("--work", type=Path, default=REPO / "benchmarks" / "out", help="work folder (git-ignored)")
    p.add_argument("--skip-plain", action="store_true", help="do not build plain mkdocs-material")
    p.add_argument("--skip-ours", action="store_true", help="do not build with build.py")
    p.add_argument("--rebuild", action="store_true", help="also measure no-change and one-edit rebuilds (ours)")
    p.add_argument("--search", action="store_true",
                   help="also measure search: ours in Chromium (cold from navigation, warm, typed), bytes per query"
                        " beside Material's index")
    p.add_argument("--timeout", type=float, default=None, help="seconds after which a build is killed")
    p.add_argument("--ours-arg", action="append", default=[], help="extra argument for build.py (repeatable)")
    p.add_argument("--repo", type=Path, default=REPO,
                   help="checkout whose build.py is measured (e.g. a `git archive` of the code before a change)")
    args = p.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.work = args.work.resolve()
    args.repo = args.repo.resolve()
    return args


def main(argv: list[str] | None = None) -> None:
    """Run every size, print the table, write the JSON files."""
    args = parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = [bench_size(n, args) for n in args.sizes]
    print_table(results)
    print(f"\nJSON: {', '.join(str(args.work / f'results-{r}.json') for r in args.sizes)}")


if __name__ == "__main__":
    main()
