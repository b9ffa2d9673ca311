"""Hostile YAML is refused where it stands, fast and in bounded memory.

Content has no use for anchors and aliases, and they are how a few kilobytes
expand into gigabytes ("billion laughs") or into a cycle; nesting is bounded
(50 levels) so nothing after parsing can exhaust Python's recursion limit.
The time bounds are generous: these are safety tests, not benchmarks.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

from conftest import REPO


def _billion_laughs(levels: int = 85) -> str:
    """About 6 KB: each key an anchor of a list of ten aliases of the previous one (10^85 values)."""
    lines = ["l0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for k in range(1, levels):
        lines.append(f"l{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


ANCHOR = ("不支持 YAML 锚点 &{0}：内容文件不使用锚点和别名；请删除 &{0}，若 & 是文字的一部分请给整个值加引号 "
          "(YAML anchor &{0} is not supported: content files use no anchors or aliases; remove &{0}, "
          "or quote the whole value if & is part of the text)")
ALIAS = ("不支持 YAML 别名 *{0}：内容文件不使用锚点和别名；请在此处写出完整的值，若 * 是文字的一部分请给整个值加引号 "
         "(YAML alias *{0} is not supported: content files use no anchors or aliases; write the value "
         "out in full here, or quote the whole value if * is part of the text)")
TOO_DEEP = ("嵌套超过 50 层；内容文件不需要这么深的结构，请检查括号是否成对、缩进是否正确 "
            "(nested deeper than 50 levels; no content file needs that depth: check that brackets "
            "are paired and the indentation is right)")

_LOAD_IN_CHILD = """
import json, sys
from generator.yamlio import YamlProblem, load_yaml
try:
    load_yaml(sys.stdin.read(), "content/x.yml")
    print(json.dumps([]))
except YamlProblem as exc:
    print(json.dumps([str(p) for p in exc.problems], ensure_ascii=False))
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB: expansion would need far more


def test_billion_laughs_fails_fast_in_bounded_memory_without_expanding():
    text = _billion_laughs()
    assert 5_500 < len(text.encode()) < 6_500
    started = time.monotonic()
    # A child process under a 1 GiB limit: were the aliases expanded, it would die, not the test run.
    done = subprocess.run([sys.executable, "-c", _LOAD_IN_CHILD], input=text, capture_output=True,
                          text=True, timeout=30, cwd=REPO, preexec_fn=_limit_memory)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-2000:]
    assert elapsed < 5
    problems = json.loads(done.stdout)
    # every anchor and every alias, in file order, each at its own line and column
    assert problems[:3] == [f"content/x.yml:1:5: {ANCHOR.format('a0')}",
                            f"content/x.yml:2:5: {ANCHOR.format('a1')}",
                            f"content/x.yml:2:10: {ALIAS.format('a0')}"]
    assert len(problems) == 85 + 84 * 10


def test_a_recursive_alias_is_a_located_error_not_a_traceback(scratch_site):
    scratch_site.write("policies/x.md", """
        ---
        title: 测试
        genre: other
        keywords: &k [a, *k]
        ---
        """)
    started = time.monotonic()
    assert scratch_site.check() == [
        f"content/policies/x.md:4:11: {ANCHOR.format('k')}",
        f"content/policies/x.md:4:18: {ALIAS.format('k')}"]
    assert time.monotonic() - started < 5


def test_an_alias_in_a_plain_value_explains_the_quoting_fix(scratch_site):
    # an undefined alias: before, "found undefined alias", which says nothing of the fix
    scratch_site.write("organizations.yml", """
        - id: test-county
          name: *county
        """)
    assert scratch_site.check()[0] == f"content/organizations.yml:2:9: {ALIAS.format('county')}"


def test_markdown_emphasis_at_the_start_of_a_value_asks_for_quotes(scratch_site):
    # libyaml allows ASCII anchor names only: "**重要**" is a syntax error, not an alias.
    scratch_site.write("policies/x.md", """
        ---
        title: **重要**通知
        genre: other
        ---
        """)
    assert scratch_site.check() == [
        "content/policies/x.md:2:8: 以 * 开头的值会被 YAML 当作别名；请给整个值加引号 "
        "(a value starting with * is read by YAML as an alias; put the whole value in quotes)"]


def test_three_thousand_nested_brackets_are_a_located_error(scratch_site):
    scratch_site.write("policies/x.md", "---\ntitle: 测试\ngenre: other\nkeywords: "
                       + "[" * 3000 + "]" * 3000 + "\n---\n")
    started = time.monotonic()
    # the root mapping is level 1: the 50th bracket (column 11 + 49) opens level 51
    assert scratch_site.check() == [f"content/policies/x.md:4:60: {TOO_DEEP}"]
    assert time.monotonic() - started < 5


def test_three_thousand_nested_block_lists_are_a_located_error(scratch_site):
    lines = ["- "] + ["  " * depth + "- " for depth in range(1, 3000)]  # line n opens level n
    scratch_site.write("organizations.yml", "\n".join(lines) + "\n")
    assert scratch_site.check() == [f"content/organizations.yml:51:101: {TOO_DEEP}"]


def test_fifty_levels_are_still_read():
    from generator.yamlio import load_yaml
    data = load_yaml("a: " + "[" * 49 + "x" + "]" * 49 + "\n", "content/x.yml").data
    depth = 1
    value = data["a"]
    while isinstance(value, list):
        depth, value = depth + 1, value[0]
    assert (depth, value) == (50, "x")
