"""``build.py``: help and exit codes, check, deterministic and atomic builds, the as-of date, new, serve."""
from __future__ import annotations

import datetime as dt
import json
import threading
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import tree_digest
from generator import builder
from generator.cli import main
from generator.content import load_content
from generator.pipeline import SECTION_TYPES, check_content
from generator.serve import LOOPBACK, make_server, make_servers

EXIT_CODES = "退出码 exit codes: 0 成功 ok · 1 内容有错误 content errors · 2 用法错误 usage error"


def one_line(text: str) -> str:
    return " ".join(text.split())  # argparse wraps the epilog to the terminal width


# --- help and usage --------------------------------------------------------------------

@pytest.mark.parametrize("argv", [[], ["build"], ["check"], ["serve"], ["new"]], ids=lambda a: " ".join(a) or "top")
def test_help_exits_0_and_states_the_exit_codes(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--help"])
    assert exit_info.value.code == 0
    assert EXIT_CODES in one_line(capsys.readouterr().out)


def test_an_unknown_option_is_a_usage_error_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--bogus"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_no_command_is_a_usage_error_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "the following arguments are required: COMMAND" in capsys.readouterr().err


def test_an_impossible_as_of_date_exits_2_with_the_exact_message(scratch_site, tmp_path, capsys):
    assert scratch_site.build(tmp_path / "public", "2022-02-30") == 2
    assert capsys.readouterr().err == (
        "build.py: --as-of 应为真实日期 YYYY-MM-DD，而不是 2022-02-30 "
        "(--as-of must be a real date YYYY-MM-DD, not 2022-02-30)\n")
    assert not (tmp_path / "public").exists()


# --- check -----------------------------------------------------------------------------

def test_check_exits_0_on_a_good_site(scratch_site, capsys):
    assert scratch_site.run("check", "--as-of", "2026-11-21") == 0
    # Reminders (warnings) may precede it; the verdict is the last line.
    assert capsys.readouterr().err.splitlines()[-1] == "内容检查通过 (content OK) as of 2026-11-21"


def test_check_exits_1_and_lists_the_errors(scratch_site, capsys):
    scratch_site.write("policies/2022/rules.md",
                       (scratch_site.root / "policies/2022/rules.md").read_text(encoding="utf-8")
                       .replace("genre: normative", "genre: law"))
    assert scratch_site.run("check", "--as-of", "2026-11-21") == 1
    err = capsys.readouterr().err.splitlines()
    assert ("content/policies/2022/rules.md:3:8: genre: 值 law 不在允许范围内；请改为以下之一：regulation、normative、other "
            "(law is not an allowed value; use one of: regulation, normative, other)") in err
    assert not any("content OK" in line for line in err)


def _json_records(out: str) -> list[dict]:
    from generator.scorecard import JSON_KEYS
    records = json.loads(out)
    assert isinstance(records, list) and all(tuple(r) == JSON_KEYS for r in records)
    return records


def test_check_json_prints_the_document_when_content_has_errors(scratch_site, capsys):
    scratch_site.write("policies/2022/rules.md",
                       (scratch_site.root / "policies/2022/rules.md").read_text(encoding="utf-8")
                       .replace("genre: normative", "genre: law"))
    scratch_site.write("pages/guide.md", "---\ntitle: 指南\n---\n\n联系电话 13812345678。\n")
    assert scratch_site.run("check", "--as-of", "2026-11-21", "--format", "json") == 1
    records = _json_records(capsys.readouterr().out)
    assert {"severity": "error", "path": "content/policies/2022/rules.md", "line": 3, "column": 8,
            "key": "genre", "kind": "content", "zh": "值 law 不在允许范围内；请改为以下之一：regulation、normative、other",
            "en": "law is not an allowed value; use one of: regulation, normative, other"} in records
    # the privacy review of the files still runs and speaks in the same document
    assert [(r["severity"], r["path"], r["line"], r["kind"]) for r in records if r["kind"] != "content"] == [
        ("error", "content/pages/guide.md", 5, "mobile")]


def test_check_json_prints_the_document_when_yaml_is_broken(scratch_site, capsys):
    scratch_site.write("organizations.yml", "- id: [\n")
    assert scratch_site.run("check", "--as-of", "2026-11-21", "--format", "json") == 1
    records = _json_records(capsys.readouterr().out)
    assert records[0]["path"] == "content/organizations.yml" and records[0]["severity"] == "error"


def test_check_json_prints_a_document_on_a_good_site_too(scratch_site, capsys):
    assert scratch_site.run("check", "--as-of", "2026-11-21", "--format", "json", "--no-build") == 0
    records = _json_records(capsys.readouterr().out)
    assert not [r for r in records if r["severity"] == "error"]


def test_check_json_prints_a_usage_record_for_a_bad_date_and_exits_2(scratch_site, capsys):
    assert scratch_site.run("check", "--as-of", "2022-02-30", "--format", "json") == 2
    assert _json_records(capsys.readouterr().out) == [
        {"severity": "error", "path": "", "line": 0, "column": 0, "key": "--as-of", "kind": "usage",
         "zh": "--as-of 应为真实日期 YYYY-MM-DD，而不是 2022-02-30",
         "en": "--as-of must be a real date YYYY-MM-DD, not 2022-02-30"}]


def test_check_json_prints_a_usage_record_for_an_unknown_option_and_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--format", "json", "--bogus"])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert _json_records(captured.out) == [
        {"severity": "error", "path": "", "line": 0, "column": 0, "key": "", "kind": "usage",
         "zh": "命令行用法错误：unrecognized arguments: --bogus；请运行 build.py check --help 查看用法",
         "en": "usage error: unrecognized arguments: --bogus; run build.py check --help"}]
    assert captured.err.endswith("build.py: error: unrecognized arguments: --bogus\n")


# --- build -----------------------------------------------------------------------------

def test_two_builds_of_the_same_content_and_date_are_byte_identical(scratch_site, tmp_path):
    first, second = tmp_path / "a" / "public", tmp_path / "b" / "public"
    assert scratch_site.build(first) == 0
    assert scratch_site.build(second) == 0
    digest = tree_digest(first)
    assert {"index.html", "policies/rules/index.html", "sitemap.xml.gz"} <= set(digest)
    assert tree_digest(second) == digest


class Banner(HTMLParser):
    """The text of the validity banner (``<div class="validity ...">``) of a policy page."""

    def __init__(self, html: str):
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth or (tag == "div" and "validity" in classes):
            self.depth += tag == "div"

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts).split()[0] if self.parts else ""


def banner_of(site: Path, doc_id: str) -> str:
    return Banner((site / "policies" / doc_id / "index.html").read_text(encoding="utf-8")).text


def epoch(iso: str) -> str:
    return str(int(dt.datetime.fromisoformat(iso).timestamp()))


def test_source_date_epoch_is_the_as_of_date_in_shanghai_when_no_flag_is_given(scratch_site, tmp_path, monkeypatch):
    # The notice is in force through 2023-01-31. 16:30 UTC that day is already 1 February in Shanghai.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2023-01-31T15:59:59+00:00"))
    assert scratch_site.run("build", "--output", str(tmp_path / "before")) == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2023-01-31T16:30:00+00:00"))
    assert scratch_site.run("build", "--output", str(tmp_path / "after")) == 0
    assert banner_of(tmp_path / "before", "notice") == "有效性：现行有效"
    assert banner_of(tmp_path / "after", "notice") == "有效性：已失效"


def test_the_as_of_flag_wins_over_source_date_epoch(scratch_site, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2023-01-20T00:00:00+08:00"))
    assert scratch_site.build(tmp_path / "public", "2026-11-21") == 0
    assert banner_of(tmp_path / "public", "notice") == "有效性：已失效"


def test_a_renderer_failure_leaves_the_previous_site_and_no_temporary_folder(
        scratch_site, tmp_path, monkeypatch, capsys):
    out = tmp_path / "public"
    (out / "policies" / "rules").mkdir(parents=True)
    (out / "index.html").write_text("<h1>上一次生成的网站</h1>\n", encoding="utf-8")
    (out / "policies" / "rules" / "index.html").write_text("<h1>管理办法</h1>\n", encoding="utf-8")
    before = tree_digest(out)

    def half_a_site_then_fail(plan, site_dir, config_file, quiet=True, skip=frozenset(), done=(0, 0), progress=None):
        (site_dir / "policies").mkdir(parents=True)
        (site_dir / "index.html").write_text("half", encoding="utf-8")
        raise RuntimeError("theme template error")

    monkeypatch.setattr(builder, "render_with_mkdocs", half_a_site_then_fail)
    scratch_site.write("pages/guide.md", "---\ntitle: 新的指南\n---\n\n新内容。\n")
    assert scratch_site.build(out) == 1
    assert capsys.readouterr().err == (
        "生成失败，原网站未改动 (build failed, the previous site is untouched): theme template error\n")
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "public"]


# --- new -------------------------------------------------------------------------------

def test_new_policy_writes_a_file_that_loads_without_problems(scratch_site, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2026-11-21T10:00:00+08:00"))
    assert scratch_site.run("new", "policy", "qh-x") == 0
    path = scratch_site.root / "policies" / "qh-x.md"
    assert capsys.readouterr().err == (
        "已创建 content/policies/qh-x.md：请填写标题和正文 (created content/policies/qh-x.md: "
        "fill in the title and body)\n")
    assert path.is_file()
    content, problems = load_content(scratch_site.root, "content")
    assert problems == []
    policy = content.policies["qh-x"].model
    assert (policy.title, policy.genre, policy.issuer) == ("标题（必填）", "normative", ["test-county"])
    assert (str(policy.written), str(policy.published)) == ("2026-11-21", "2026-11-21")
    # The first 2026 number of the site body's prefix, written into the file so it never changes.
    assert policy.index_no == "11990599MB0000001X/2026-00001"
    # Content checks pass; at most reminders (warnings) remain, e.g. "add an interpretation".
    _, report = check_content(scratch_site.root, "content")
    assert report.errors == []


def test_new_refuses_an_id_that_exists_in_a_subfolder(scratch_site, capsys):
    assert scratch_site.run("new", "policy", "rules") == 1
    assert capsys.readouterr().err == (
        "content/policies/2022/rules.md 已存在，未改动 (already exists; nothing written)\n")
    assert not (scratch_site.root / "policies" / "rules.md").exists()
    assert scratch_site.check() == []


def test_new_refuses_an_id_that_is_not_a_file_name_exit_2(scratch_site, capsys):
    assert scratch_site.run("new", "policy", "规范性文件") == 2
    assert capsys.readouterr().err == (
        "编号 规范性文件 只能由英文字母、数字和 - 组成 (an id may only hold ASCII letters, digits and -)\n")
    assert sorted(p.name for p in (scratch_site.root / "policies").iterdir()) == ["2022", "2023"]



def test_new_record_writes_a_numbered_record_in_its_section(scratch_site, monkeypatch, capsys):
    """A 信息条目 goes into its section's folder with the site's next 索引号 (the sequence the
    policies share); in 上级文件 no 索引号 is written: those are other bodies' documents."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2026-11-21T10:00:00+08:00"))
    assert scratch_site.run("new", "record", "budget-2027", "--section", "budgets") == 0
    assert capsys.readouterr().err == (
        "已创建 content/budgets/budget-2027.md：请填写标题和正文 (created content/budgets/budget-2027.md: "
        "fill in the title and body)\n")
    assert scratch_site.run("new", "record", "notice-x", "--section", "superior") == 0
    capsys.readouterr()
    content, problems = load_content(scratch_site.root, "content", section_types=SECTION_TYPES)
    assert problems == []
    budget, notice = content.of("record")["budget-2027"].model, content.of("record")["notice-x"].model
    assert (budget.title, budget.issuer, str(budget.published)) == ("标题（必填）", ["test-county"], "2026-11-21")
    assert budget.index_no == "11990599MB0000001X/2026-00001"
    assert notice.index_no is None
    _, report = check_content(scratch_site.root, "content")
    assert report.errors == []


def test_new_record_needs_a_records_section_and_a_free_id(scratch_site, capsys):
    assert scratch_site.run("new", "record", "x", "--section", "lists") == 2
    message = capsys.readouterr().err
    assert message.startswith("请用 --section 指定信息条目栏目，为以下之一：functions、leaders、")
    assert "(give the records section with --section, one of: functions, leaders, " in message
    scratch_site.write("plans/plan-a.md", "---\ntitle: 规划\nissuer: test-county\npublished: 2026-01-05\n---\n\n正文。\n")
    assert scratch_site.run("new", "record", "plan-a", "--section", "budgets") == 1
    assert capsys.readouterr().err == "content/plans/plan-a.md 已存在，未改动 (already exists; nothing written)\n"
    assert not (scratch_site.root / "budgets").exists()


# --- serve -----------------------------------------------------------------------------

def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def test_the_preview_server_answers_on_ipv6_and_ipv4(tmp_path):
    out = tmp_path / "public"
    (out / "policies" / "rules").mkdir(parents=True)
    (out / "policies" / "rules" / "index.html").write_text(
        "<title>测试县行政规范性文件管理办法</title>\n", encoding="utf-8")
    server = make_server(out, "::", 0)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for host in ("[::1]", "127.0.0.1"):
            status, html = fetch(f"http://{host}:{port}/policies/rules/")
            assert status == 200
            assert "测试县行政规范性文件管理办法" in html
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert not thread.is_alive()


def test_serve_command_builds_then_serves_the_output_on_both_families(scratch_site, tmp_path, monkeypatch):
    """``build.py serve`` (what ``make serve`` runs): builds, then serves that folder on both loopbacks."""
    import generator.serve as serve_module
    from generator.shell import theme_dir
    served = {}

    def serve_once(root, bind, port, content, rebuild, watch=()):
        servers = make_servers(root, [bind] if bind else LOOPBACK, 0)
        threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
        for thread in threads:
            thread.start()
        try:
            for host in ("[::1]", "127.0.0.1"):
                served[host] = fetch(f"http://{host}:{servers[0].server_address[1]}/policies/rules/")[0]
        finally:
            for server in servers:
                server.shutdown()
                server.server_close()
        served["watch"] = rebuild is not None and list(watch) == [theme_dir()]
        served["bind"] = bind
        return 0

    monkeypatch.setattr(serve_module, "serve", serve_once)
    out = tmp_path / "preview"
    assert scratch_site.run("serve", "--output", str(out), "--as-of", "2026-11-21") == 0
    assert served == {"[::1]": 200, "127.0.0.1": 200, "watch": True, "bind": None}
    assert (out / "policies" / "rules" / "index.html").is_file()
