"""``disclosure`` (= ``python -m generator`` = ``build.py``): build, check, serve, new, audit-ipv6.

Exit codes: 0 ok, 1 content errors, 2 usage."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

from .clock import AsOfError, resolve_as_of
from .progress import Progress
from .shell import default_config

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

EPILOG = "退出码 exit codes: 0 成功 ok · 1 内容有错误 content errors · 2 用法错误 usage error"


class UsageError(Exception):
    """An argparse error, raised instead of exiting so ``check --format json`` can still answer."""

    def __init__(self, parser: argparse.ArgumentParser, message: str):
        self.parser, self.message = parser, message
        super().__init__(message)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        raise UsageError(self, message)


def _parser(prog: str = "build.py") -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description="政府信息公开专栏静态网站生成器 "
                                     "(static-site generator for a government disclosure column)", epilog=EPILOG)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    content = _Parser(add_help=False)
    content.add_argument("--content", default="content", help="内容目录 content folder (default: content)")
    dated = _Parser(add_help=False)
    dated.add_argument("--as-of", help="按此日期计算有效性 YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today "
                                       "in Asia/Shanghai)")
    build = sub.add_parser("build", parents=[content, dated], help="检查并生成网站 check and build the site",
                           epilog=EPILOG)
    build.add_argument("--output", default="site", help="输出目录 output folder (default: site)")
    build.add_argument("--config", default=str(default_config()), help="MkDocs configuration file")
    build.add_argument("--verbose", action="store_true", help="show MkDocs' own log")
    add_cache_options(build)
    check = sub.add_parser("check", parents=[content, dated], epilog=EPILOG,
                           help="发布前检查：内容、隐私、密级、错别字、栏目更新、链接 pre-publication review")
    add_check_options(check)
    serve = sub.add_parser("serve", parents=[content, dated], help="生成并预览 build and preview", epilog=EPILOG)
    serve.add_argument("--output", default="site", help="输出目录 output folder (default: site)")
    serve.add_argument("--config", default=str(default_config()), help="MkDocs configuration file")
    serve.add_argument("--verbose", action="store_true", help="show MkDocs' own log")
    add_cache_options(serve)
    serve.add_argument("--bind", help="监听地址 address (default: ::1 and 127.0.0.1, this machine only; "
                                      ":: = every interface, IPv6 and IPv4)")
    serve.add_argument("--port", type=int, default=8000, help="端口 port (default 8000)")
    serve.add_argument("--no-watch", action="store_true", help="内容变化时不自动重新生成 do not rebuild on change")
    audit = sub.add_parser("audit-ipv6", help="IPv6 检查：外部主机、IPv4 地址、外部资源 IPv6 audit of the built site",
                           epilog=EPILOG)
    audit.add_argument("--output", default="site", help="已生成的网站目录 built site folder (default: site)")
    audit.add_argument("--online", action="store_true", help="查询每个外部主机的 AAAA 记录 look up AAAA records (network)")
    new = sub.add_parser("new", parents=[content], help="新建文件模板 write a new file from a template",
                         epilog=EPILOG)
    new.add_argument("kind", choices=["policy", "interpretation", "catalog", "qa", "record"],
                     help="policy 政策文件 · interpretation 政策解读 · catalog 标准目录领域 · qa 政策问答 · "
                          "record 信息条目（需 --section）")
    new.add_argument("id", help="编号，即文件名：英文字母、数字和 - (id = file name)")
    new.add_argument("--section", default="", help="record 的栏目编号，例如 budgets (the records section of a record)")
    return parser


def run(prog: str = "disclosure") -> None:
    """The console script ``disclosure``, ``python -m generator`` and ``build.py``: exit with :func:`main`'s status.

    Leaves without freeing every object one by one: after a build of 10,000 documents
    (a gigabyte of them) that took 2.3 s. Nothing is left to do but flush the streams."""
    status = main(prog=prog)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def main(argv: Optional[Sequence[str]] = None, prog: str = "build.py") -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser(prog).parse_args(argv)
    except UsageError as exc:
        if _wants_json(argv):
            _print_usage_json("", "", f"命令行用法错误：{exc.message}；请运行 {prog} check --help 查看用法",
                              f"usage error: {exc.message}; run {prog} check --help")
        exc.parser.print_usage(sys.stderr)
        exc.parser.exit(EXIT_USAGE, f"{exc.parser.prog}: error: {exc.message}\n")
    try:
        as_of = resolve_as_of(getattr(args, "as_of", None))
    except AsOfError as exc:
        if getattr(args, "format", "text") == "json":
            _print_usage_json("", exc.source, exc.zh, exc.en)
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    handler = {"build": cmd_build, "check": cmd_check, "serve": cmd_serve, "new": cmd_new,
               "audit-ipv6": cmd_audit}[args.command]
    return handler(args, as_of)


def _wants_json(argv: list[str]) -> bool:
    """``check --format json`` on a command line argparse refused (best effort: it did not parse)."""
    if not argv or argv[0] != "check":
        return False
    pairs = zip(argv, argv[1:])
    return "--format=json" in argv or any(a == "--format" and b == "json" for a, b in pairs)


def _print_usage_json(path: str, key: str, zh: str, en: str) -> None:
    """The JSON document of a usage error: one record of kind ``usage``, same keys as every record."""
    import json
    from .scorecard import JSON_KEYS
    record = dict(zip(JSON_KEYS, ("error", path, 0, 0, key, "usage", zh, en)))
    print(json.dumps([record], ensure_ascii=False, indent=1))


def print_report(report, stream=None) -> None:
    stream = stream or sys.stderr  # looked up per call, so redirected stderr is honoured
    for problem in report:
        print(problem, file=stream)
    errors, warnings = len(report.errors), len(report.warnings)
    if errors or warnings:
        print(f"{errors} 个错误，{warnings} 个警告 ({errors} errors, {warnings} warnings)", file=stream)


def print_annotations(problems) -> None:
    """``check --format github``: workflow commands on stdout, where the Actions runner reads them."""
    from .annotations import annotations
    for line in annotations(problems):
        print(line)


def add_cache_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cache", metavar="DIR", help="生成缓存目录，重新生成时只处理变化的部分 build cache "
                        "(default: .<output>.cache beside the output folder)")
    parser.add_argument("--no-cache", action="store_true", help="不用缓存，完整生成 full build without the cache")


def _cache_dir(args) -> Optional[Path]:
    from .builder import default_cache_dir
    if args.no_cache:
        return None
    return Path(args.cache) if args.cache else default_cache_dir(Path(args.output))


def add_check_options(check: argparse.ArgumentParser) -> None:
    """``check``: the content review, freshness, and a link check of the built output."""
    check.add_argument("--format", choices=["text", "json", "github"], default="text",
                       help="text 按严重程度分组输出到 stderr · json 机器可读，输出到 stdout · github GitHub Actions "
                            "注解（::error file=…），输出到 stdout (default: text)")
    check.add_argument("--report", metavar="FILE.html", help="另写一份 HTML 检查报告（含考评）write an HTML report")
    check.add_argument("--built", metavar="DIR", help="检查已生成的网站目录，不再临时生成 check this built site "
                                                      "instead of building into a temporary folder")
    check.add_argument("--no-build", action="store_true", help="不生成、不检查链接 skip building and the link check")
    check.add_argument("--config", default=str(default_config()), help="MkDocs configuration file")
    check.add_argument("--online", action="store_true", help="访问每个外部链接 request every external link (network)")
    check.add_argument("--git", action=argparse.BooleanOptionalAction, default=None,
                       help="用 git 历史检查倒填发布日期（在 git 仓库中默认开启）backdating check from git history")


def cmd_check(args, as_of) -> int:
    from .pipeline import check_content
    from .review import ReviewResult, review_content
    content, report = check_content(Path(args.content), args.content, as_of)
    if not report.ok:  # the site cannot be resolved: report what the files say, and their privacy findings
        reviewed = review_content(content)
        if args.format == "json":
            result = ReviewResult()
            result.extend(report.problems, "content")
            result.merge(reviewed)
            _print_json(result)
        elif args.format == "github":
            report.extend(reviewed.report)
            print_annotations(report.problems)
        else:
            report.extend(reviewed.report)
            print_report(report)
        return EXIT_CONTENT
    result = _review(content, args, as_of)
    result.report.extend(report.problems)
    _output_review(result, args, as_of)
    if result.report.ok and args.format == "text":
        print(f"内容检查通过 (content OK) as of {as_of}", file=sys.stderr)
    return EXIT_OK if result.report.ok else EXIT_CONTENT


def _review(content, args, as_of):
    """Resolve, build into a temporary folder unless told otherwise, and review everything."""
    import shutil
    import tempfile

    from .builder import render_into
    from .pipeline import FEATURES, Plan, build_pages
    from .review import review_site
    from .site import resolve_site
    site = resolve_site(content, as_of)
    git = args.git if args.git is not None else True  # off by itself outside a git repository
    if args.built or args.no_build:
        return review_site(site, built=Path(args.built) if args.built else None, built_display=args.built or "",
                           git=git, online=args.online)
    with tempfile.TemporaryDirectory(prefix="check-") as folder:
        built = Path(folder) / "site"
        render_into(Plan(content, site, build_pages(site), None, FEATURES), built, Path(args.config))
        result = review_site(site, built=built, built_display="(built)", git=git, online=args.online)
        shutil.rmtree(built, ignore_errors=True)
    return result


def _print_json(result) -> None:
    """``check --format json``: the records of :func:`generator.scorecard.to_records` on stdout."""
    import json
    from .scorecard import to_records
    print(json.dumps(to_records(result), ensure_ascii=False, indent=1))


def _output_review(result, args, as_of) -> None:
    from .scorecard import format_text, write_report
    if args.format == "json":
        _print_json(result)
    elif args.format == "github":
        print_annotations(result.report.problems)
    elif result.report.problems or result.info:
        print(format_text(result), file=sys.stderr)
    if args.report:
        name = result_site_name(args)
        write_report(Path(args.report), result, title=name, as_of=as_of, built=args.built)


def result_site_name(args) -> str:
    return f"{args.content}"


def cmd_build(args, as_of) -> int:
    from .builder import BuildFailed, build_site
    from .publish import output_problems
    from .unchanged import Unchanged
    problems = output_problems(Path(args.content), Path(args.output), args.output)
    if problems:   # before anything is written, locked or created
        for problem in problems:
            print(f"build.py: {problem}", file=sys.stderr)
        return EXIT_USAGE
    started = time.perf_counter()
    progress = Progress(sys.stderr)
    try:
        report, plan = build_site(Path(args.content), Path(args.output), as_of, Path(args.config),
                                  args.content, quiet=not args.verbose, cache_dir=_cache_dir(args),
                                  progress=progress)
    except BuildFailed as exc:
        print(f"生成失败，原网站未改动 (build failed, the previous site is untouched): {exc}", file=sys.stderr)
        return EXIT_CONTENT
    progress.finish(summary=plan is not None)   # errors speak for themselves
    print_report(report)
    if plan is None:
        print("内容有错误，未生成网站 (content has errors; nothing was written)", file=sys.stderr)
        return EXIT_CONTENT
    if isinstance(plan, Unchanged):   # nothing changed since the last build: nothing was done
        pages, rendered, docs = plan.pages, 0, plan.docs
    else:
        pages, rendered, docs = len(plan.pages), len(plan.pages) - plan.reused, len(plan.site.docs)
    print(f"已生成 {pages} 个页面（重新渲染 {rendered} 个），{docs} 件文件，有效性按 {as_of} 计算，"
          f"用时 {time.perf_counter() - started:.1f} 秒 -> {args.output} "
          f"(built {pages} pages, {rendered} rendered, as of {as_of})", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args, as_of) -> int:
    from .serve import serve
    status = cmd_build(args, as_of)
    if status != EXIT_OK:
        return status
    rebuild = None if args.no_watch else (lambda: cmd_build(args, as_of))
    from .shell import theme_dir
    return serve(Path(args.output), args.bind, args.port, Path(args.content), rebuild, watch=[theme_dir()])


def cmd_audit(args, as_of) -> int:
    from .audit import run_audit
    return run_audit(Path(args.output), args.online)


def cmd_new(args, as_of) -> int:
    from .scaffold import write_new
    return write_new(Path(args.content), args.kind, args.id, as_of, args.section)
