"""The CI configuration: valid against the schemas GitHub's own files follow, actions pinned to
commit hashes, least privilege per job, a schedule that is kept alive, and `.ci/run` in Debian 12.

The schemas are SchemaStore's github-workflow and dependabot-2.0, as vendored (with their
licence) by the check-jsonschema package; no network is used.
"""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"uses: (\S+) # v\d+\.\d+\.\d+$")


def check_jsonschema(schema: str, *files) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                           *map(str, files)], capture_output=True, text=True, timeout=120)


def workflow(name: str) -> dict:
    # YAML 1.1 reads the key `on` as True; GitHub reads it as "on".
    data = yaml.safe_load((REPO / ".github/workflows" / name).read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in data.items()}


def test_there_are_the_two_workflows():
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "deploy.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid_against_the_github_workflow_schema(path):
    result = check_jsonschema("vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_the_schema_check_does_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n", encoding="utf-8")
    result = check_jsonschema("vendor.github-workflows", broken)
    assert result.returncode == 1 and "stepz" in result.stdout


def test_dependabot_is_valid_and_covers_pip_npm_and_actions():
    path = REPO / ".github/dependabot.yml"
    result = check_jsonschema("vendor.dependabot", path)
    assert result.returncode == 0, result.stdout + result.stderr
    updates = yaml.safe_load(path.read_text(encoding="utf-8"))["updates"]
    assert {(u["package-ecosystem"], u["directory"]) for u in updates} == {
        ("pip", "/"), ("npm", "/tests"), ("github-actions", "/")}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment(path):
    lines = [line.strip().removeprefix("- ") for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip().removeprefix("- ").startswith("uses:")]
    assert lines
    for line in lines:
        match = VERSION_COMMENT.match(line)
        assert match, f"{path.name}: {line} has no '# vX.Y.Z' comment"
        assert PINNED.match(match.group(1)), f"{path.name}: {line} is not pinned to a full commit hash"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_granted_per_job_only(path):
    data = workflow(path.name)
    assert data["permissions"] == {}
    for name, job in data["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} states no permissions"
        assert all(level in ("read", "write", "none") for level in job["permissions"].values())


def test_ci_runs_dot_ci_run_in_debian_12_with_caches_and_one_run_per_ref():
    data = workflow("ci.yml")
    assert data["concurrency"]["cancel-in-progress"] is True
    assert "github.ref" in data["concurrency"]["group"]
    [job] = data["jobs"].values()
    assert job["container"]["image"].endswith("-bookworm")     # Debian 12, whose chromium the tests use
    assert job["permissions"] == {"contents": "read"}
    runs = [step.get("run", "") for step in job["steps"]]
    assert "bash .ci/run" in runs
    assert not any("apt-get" in run or "pytest" in run for run in runs), "ci.yml repeats what .ci/run does"
    [cache] = [s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@")]
    assert {"/github/home/.cache/pip", "/github/home/.npm"} <= set(cache["with"]["path"].split())
    assert all(f in cache["with"]["key"] for f in ("requirements.lock", "tests/package-lock.json"))
    assert job["env"]["PIP_CACHE_DIR"] == "/github/home/.cache/pip"
    assert job["env"]["npm_config_cache"] == "/github/home/.npm"
    assert any("--format github" in run for run in runs)


def test_ci_run_installs_what_a_bare_debian_container_lacks():
    script = (REPO / ".ci/run").read_text(encoding="utf-8")
    for package in ("chromium", "default-jre-headless", "nginx", "npm", "git", "make"):
        assert f"need+=({package})" in script


def test_the_daily_rebuild_keeps_its_schedule_alive_with_least_privilege():
    data = workflow("deploy.yml")
    assert data["on"]["schedule"] == [{"cron": "5 16 * * *"}]
    keepalive = data["jobs"]["keepalive"]
    assert keepalive["if"] == "github.event_name == 'schedule'"
    assert keepalive["permissions"] == {"actions": "write"}
    [step] = keepalive["steps"]
    assert step["run"] == 'gh api --method PUT "repos/${GITHUB_REPOSITORY}/actions/workflows/deploy.yml/enable"'
    assert step["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert data["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
