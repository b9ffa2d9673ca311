"""Freshness: stale and empty columns, homepage, undated pages, backdating from git, scheduled documents."""
from __future__ import annotations

import datetime as dt
import os
import subprocess


from generator.freshness import git_first_seen, review_freshness
from generator.pipeline import check_content
from generator.site import resolve_site

AS_OF = dt.date(2026, 11, 21)


def freshness(site, as_of=AS_OF, git=False):
    content, report = check_content(site.root, "content", as_of)
    assert report.errors == []
    result = review_freshness(resolve_site(content, as_of), git=git)
    return result, [(result.kind_of(p), p.key) for p in result.report]


def test_the_scratch_site_columns_homepage_and_undated_page(scratch_site):
    result, found = freshness(scratch_site)
    assert found == [
        ("no_updated", "updated"),
        ("homepage_stale", "homepage"), ("stale_column", "lists/all/"), ("stale_column", "lists/current/"),
        ("stale_column", "lists/expired/"), ("empty_column", "lists/pending/"),
        ("empty_column", "lists/regulations/"), ("empty_column", "lists/repealed/")]
    messages = {p.key: p.zh for p in result.report}
    assert messages["lists/current/"] == "栏目“现行有效行政规范性文件”已 1634 天没有更新（最新 2022-06-01，超过 183 天）"
    assert messages["lists/pending/"] == "栏目“尚未生效文件”没有内容（空栏目）"
    assert messages["homepage"] == "首页超过 14 天未更新（最近一次更新 2023-02-01，已 1389 天）"


def test_thresholds_come_from_review_yml(scratch_site):
    scratch_site.write("review.yml", "stale_days: 5000\nhomepage_days: 5000\n")
    _, found = freshness(scratch_site)
    assert [k for k, _ in found if k in ("stale_column", "homepage_stale")] == []


def test_a_bad_review_yml_is_a_located_error(scratch_site):
    scratch_site.write("review.yml", "stale_days: 5000\nstale_dayz: 3\n")
    result, _ = freshness(scratch_site)
    assert [str(p) for p in result.report.errors] == [
        "content/review.yml:2:1: stale_dayz: 未知的键 stale_dayz；是否应为 stale_days？ "
        "(unknown key stale_dayz; did you mean stale_days?)"]


def test_a_scheduled_document_is_listed_not_published(scratch_site):
    scratch_site.write("policies/later.md", "---\ntitle: 明年施行的办法\ngenre: other\nissuer: test-office\n"
                                            "written: 2026-11-20\npublished: 2026-12-01\n---\n\n正文。\n")
    result, _ = freshness(scratch_site)
    assert [(i.section, i.path, i.zh) for i in result.info] == [
        ("scheduled", "content/policies/later.md", "定时发布：2026-12-01 起公开（明年施行的办法）")]


def git(cwd, *args, date="2024-06-01T10:00:00+08:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_backdating_is_a_warning_at_published(scratch_site):
    base = scratch_site.base
    git(base, "init", "-q")
    git(base, "add", "content")
    git(base, "commit", "-q", "-m", "content", date="2022-06-10T10:00:00+08:00")
    scratch_site.write("policies/2024/late.md", "---\ntitle: 补登的通知\ngenre: other\nissuer: test-office\n"
                                                "written: 2023-01-02\npublished: 2023-01-05\n---\n\n正文。\n")
    git(base, "add", "content")
    git(base, "commit", "-q", "-m", "late", date="2024-06-01T10:00:00+08:00")
    git(base, "mv", "content/policies/2024/late.md", "content/policies/2024/late-notice.md")
    git(base, "commit", "-q", "-m", "rename", date="2024-07-01T10:00:00+08:00")
    seen = git_first_seen(scratch_site.root)
    assert seen[scratch_site.root.resolve() / "policies/2024/late-notice.md"] == dt.date(2024, 6, 1)
    result, _ = freshness(scratch_site, git=True)
    backdated = [str(p) for p in result.report if result.kind_of(p) == "backdated"]
    # rules.md (published 2022-05-24, first committed 2022-06-10) is within 30 days: not reported.
    assert backdated == [
        "content/policies/2024/late-notice.md:6:12: published: 发布日期 2023-01-05 比文件首次提交到仓库的日期 2024-06-01 "
        "早 513 天（超过 30 天），疑似倒填发稿日期；请核实并写实际发布日期 (published 2023-01-05 is 513 days before the "
        "file was first committed (2024-06-01; limit 30): a backdated publication date? write the real date)"]


def test_no_git_repository_no_backdating_check(scratch_site):
    result, found = freshness(scratch_site, git=True)
    assert "backdated" not in [k for k, _ in found]
    assert result.facts["git"] is False
