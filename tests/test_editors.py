"""Tools the clerk and the reviewer already use: editor schemas, `new` with its schema line,
the pre-commit hook, and `check --format github` annotations on a pull request."""
from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import REPO, ScratchSite
from generator.content import load_content
from generator.errors import Problem, Severity
from generator.pipeline import CONTENT_TYPES, check_content
from generator.schema import export_schemas, schema_globs

AS_OF = "2026-11-21"
BAD_POLICY = """\
    ---
    title: 测试县某某办法
    genre: other
    issuer: test-county
    written: 2024-05-20
    published: 2024-05-20
    titel: 错字
    ---

    正文，联系电话 13812345678。
    """
BAD_POLICY_ERRORS = [
    "content/policies/2024/bad.md:7:1: titel: 未知的键 titel；是否应为 title？ (unknown key titel; did you mean title?)",
    "content/policies/2024/bad.md:10:9: body: 疑似个人手机号码，属于个人隐私；请删除或改为 138****5678 (looks like a "
    "personal mobile number, which is personal data; remove it or mask it as 138****5678)",
]


# --- .vscode/settings.json ---------------------------------------------------------------

def test_vscode_maps_every_yaml_content_file_to_its_schema():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    yaml_globs = {name: glob for name, glob in schema_globs().items() if glob.endswith(".yml")}
    assert settings["yaml.schemas"] == {f"./schema/{name}.schema.json": f"content/{glob}"
                                        for name, glob in yaml_globs.items()}
    assert set(yaml_globs) == {"site", "organizations", "review", "catalog", "qa", "decision", "report", "request_figures"}
    for schema in settings["yaml.schemas"]:
        assert (REPO / schema).is_file(), schema


def test_every_schema_describes_some_content_files():
    """Each exported schema has a glob (so editors map it); the Markdown ones are the front-matter types."""
    assert list(schema_globs()) == list(export_schemas())
    markdown = sorted(name for name, glob in schema_globs().items() if glob.endswith(".md"))
    assert markdown == sorted([*(t.name for t in CONTENT_TYPES if t.front_matter), "record"])
    assert schema_globs()["record"].startswith("{functions,leaders,") and schema_globs()["record"].endswith(",superior}/**/*.md")


def test_review_yml_has_a_schema_that_accepts_the_example_and_rejects_a_typo():
    schema = json.loads((REPO / "schema/review.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    from generator.yamlio import load_yaml
    example = load_yaml((REPO / "content/review.yml").read_text(encoding="utf-8"), "review.yml").data
    assert list(validator.iter_errors(example)) == []
    assert [e.message for e in validator.iter_errors({"stale_dayz": "3"})] == [
        "Additional properties are not allowed ('stale_dayz' was unexpected)"]


# --- build.py new: the schema line --------------------------------------------------------

@pytest.mark.parametrize("kind, folder", [("catalog", "catalog"), ("qa", "qa")])
def test_new_yaml_file_names_its_schema_and_loads_without_errors(scratch_site, monkeypatch, capsys, kind, folder):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795226400")   # 2026-11-21 10:00 Asia/Shanghai
    assert scratch_site.run("new", kind, "x-1") == 0
    path = scratch_site.root / folder / "x-1.yml"
    assert capsys.readouterr().err == (f"已创建 content/{folder}/x-1.yml：请填写标题和正文 "
                                       f"(created content/{folder}/x-1.yml: fill in the title and body)\n")
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    reference = first[len(prefix):]
    assert not Path(reference).is_absolute() and "\\" not in reference
    assert (path.parent / reference).resolve() == REPO / "schema" / f"{kind}.schema.json"
    schema = json.loads((path.parent / reference).read_text(encoding="utf-8"))
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)   # every scalar text, as the generator reads
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []
    content, problems = load_content(scratch_site.root, "content")
    assert problems == []
    _, report = check_content(scratch_site.root, "content")
    assert report.errors == []


def test_new_markdown_file_has_no_schema_line(scratch_site, monkeypatch):
    """No common editor runs the YAML language server inside front matter: no dead comment there."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795226400")
    assert scratch_site.run("new", "policy", "qh-x") == 0
    assert "yaml-language-server" not in (scratch_site.root / "policies/qh-x.md").read_text(encoding="utf-8")


# --- check --format github ----------------------------------------------------------------

def run_check(site: ScratchSite, *argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = site.run("check", "--as-of", AS_OF, "--no-build", "--no-git", *argv)
    return status, out.getvalue()


def test_check_format_github_prints_an_error_annotation_per_problem(scratch_site, capsys):
    scratch_site.write("policies/2024/bad.md", BAD_POLICY)
    status, out = run_check(scratch_site, "--format", "github")
    assert status == 1
    assert out == (
        "::error file=content/policies/2024/bad.md,line=7,col=1,title=titel::未知的键 titel；是否应为 title？ "
        "(unknown key titel; did you mean title?)\n"
        "::error file=content/policies/2024/bad.md,line=10,col=9,title=body::疑似个人手机号码，属于个人隐私；"
        "请删除或改为 138****5678 (looks like a personal mobile number, which is personal data; remove it or mask "
        "it as 138****5678)\n")
    assert capsys.readouterr().err == ""


def test_check_format_github_prints_warnings_of_a_good_site(scratch_site, capsys):
    scratch_site.write("pages/guide.md", "---\ntitle: 政府信息公开指南\nupdated: 2026-11-20\n---\n\n正文。\n")
    scratch_site.write("policies/2026/new.md", "---\ntitle: 测试县新办法\ngenre: other\nissuer: test-county\n"
                       "written: 2026-11-20\npublished: 2026-11-20\n---\n\n正文。\n")
    status, out = run_check(scratch_site, "--format", "github")
    assert status == 0
    assert out.splitlines() == [
        "::warning file=content/policies,line=1,col=1,title=lists/current/::栏目“现行有效行政规范性文件”已 1634 天"
        "没有更新（最新 2022-06-01，超过 183 天） (the column 现行有效行政规范性文件 (lists/current/) has had nothing "
        "new for 1634 days (newest 2022-06-01, limit 183))",
        "::warning file=content/policies,line=1,col=1,title=lists/expired/::栏目“已失效文件（清理结果）”已 1389 天没有"
        "更新（最新 2023-02-01，超过 183 天） (the column 已失效文件（清理结果） (lists/expired/) has had nothing new for "
        "1389 days (newest 2023-02-01, limit 183))",
        "::warning file=content/policies,line=1,col=1,title=lists/pending/::栏目“尚未生效文件”没有内容（空栏目） "
        "(the column 尚未生效文件 (lists/pending/) is empty)",
        "::warning file=content/policies,line=1,col=1,title=lists/regulations/::栏目“规章”没有内容（空栏目） "
        "(the column 规章 (lists/regulations/) is empty)",
        "::warning file=content/policies,line=1,col=1,title=lists/repealed/::栏目“已废止文件（清理结果）”没有内容"
        "（空栏目） (the column 已废止文件（清理结果） (lists/repealed/) is empty)",
    ]


def test_annotation_escapes_what_the_runner_would_read_as_syntax():
    from generator.annotations import annotation
    problem = Problem("content/a,b.md", 3, 4, "x:y", "百分之5%\n第二行", "5% off\r\nsecond", Severity.WARNING)
    assert annotation(problem) == ("::warning file=content/a%2Cb.md,line=3,col=4,title=x%3Ay::百分之5%25%0A第二行 "
                                   "(5%25 off%0D%0Asecond)")
    assert annotation(Problem("content/x.md", 1, 1, "", "整个文件", "whole file")) == (
        "::error file=content/x.md,line=1,col=1,title=内容检查 content check::整个文件 (whole file)")


# --- the pre-commit hook -------------------------------------------------------------------

def git(repo: Path, *argv: str) -> None:
    subprocess.run(["git", *argv], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def clerk_repo(tmp_path: Path) -> Path:
    """A content repository as a clerk has it: the project's hook configuration, build.py and
    the virtualenv linked in, the scratch site committed."""
    repo = tmp_path / "repo"
    ScratchSite(repo)
    shutil.copy(REPO / ".pre-commit-config.yaml", repo)
    (repo / "build.py").symlink_to(REPO / "build.py")
    (repo / ".venv").symlink_to(REPO / ".venv")
    (repo / ".gitignore").write_text("/.venv\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "clerk@example.invalid")
    git(repo, "config", "user.name", "clerk")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "content")
    return repo


def pre_commit(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "SOURCE_DATE_EPOCH": "1795226400",
           "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run"], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=300)


def test_the_hook_config_runs_check_without_a_build_on_content_only():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local"
    assert (hook["entry"], hook["language"], hook["files"], hook["pass_filenames"]) == (
        ".venv/bin/python build.py check --no-build", "system", "^content/", False)


@pytest.mark.slow
def test_pre_commit_refuses_a_staged_error_and_passes_once_it_is_fixed(clerk_repo, tmp_path):
    bad = clerk_repo / "content/policies/2024/bad.md"
    bad.parent.mkdir(parents=True)
    bad.write_text(textwrap.dedent(BAD_POLICY), encoding="utf-8")
    git(clerk_repo, "add", "content/policies/2024/bad.md")
    failed = pre_commit(clerk_repo, tmp_path)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "发布前检查 content check (build.py check --no-build)" in failed.stdout
    for message in BAD_POLICY_ERRORS:
        assert message in failed.stdout

    # A fix in the working tree that is not staged does not count: the hook checks what is committed.
    fixed = bad.read_text(encoding="utf-8").replace("titel: 错字\n", "").replace("13812345678", "12345")
    bad.write_text(fixed, encoding="utf-8")
    still = pre_commit(clerk_repo, tmp_path)
    assert still.returncode == 1 and BAD_POLICY_ERRORS[0] in still.stdout
    assert bad.read_text(encoding="utf-8") == fixed   # the unstaged fix is put back

    git(clerk_repo, "add", "content/policies/2024/bad.md")
    passed = pre_commit(clerk_repo, tmp_path)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
