"""``mkdocs build|serve|gh-deploy`` run directly stop with a message naming our command.

MkDocs alone would make a partial site (no search index, feeds, data/, robots.txt, resized
images; sitemap dates of the build day; image metadata kept), so the plugin refuses to run
outside :func:`generator.builder.render_with_mkdocs`, ``--strict`` or not.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

WHY_ZH = ("不能生成本专栏：单独运行 MkDocs 只会得到不完整的网站（没有搜索索引、订阅源、data/ 开放数据、"
          "robots.txt 和缩放后的图片，站点地图日期错误，图片元数据未清除）。请改用：")
WHY_EN = ("cannot build this column: MkDocs alone makes a partial site (no search index, feeds, "
          "data/ open data, robots.txt or resized images, wrong sitemap dates, image metadata kept). "
          "Use instead:")


def _expected(command: str, instead: str) -> str:
    return (f"Error: mkdocs {command} {WHY_ZH}\n"
            f"mkdocs {command} {WHY_EN}\n"
            f"    {instead}\n")


def _mkdocs(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m mkdocs ARGS`` on the repository's mkdocs.yml, from a folder outside it."""
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", *args, "-f", str(REPO / "mkdocs.yml")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("strict", [[], ["--strict"]], ids=["plain", "strict"])
def test_mkdocs_build_refuses_and_writes_nothing(tmp_path, strict):
    out = tmp_path / "out"
    result = _mkdocs(tmp_path, "build", *strict, "-d", str(out))
    assert result.returncode == 1
    assert result.stderr.endswith(_expected("build", "disclosure build   (python -m generator build)"))
    assert not out.exists()


def test_mkdocs_serve_refuses_before_listening(tmp_path):
    port = _free_port()
    result = _mkdocs(tmp_path, "serve", "-a", f"127.0.0.1:{port}")
    assert result.returncode == 1
    assert result.stderr.endswith(_expected("serve", "disclosure serve   (python -m generator serve)"))
    with socket.socket() as s:  # nothing was left listening
        assert s.connect_ex(("127.0.0.1", port)) != 0


def test_mkdocs_gh_deploy_refuses_before_building_or_pushing(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    out = tmp_path / "out"
    result = _mkdocs(tmp_path, "gh-deploy", "--force", "-d", str(out))
    assert result.returncode == 1
    assert result.stderr.endswith(_expected("gh-deploy", "disclosure build && ghp-import --no-jekyll --push site"))
    assert not out.exists()
    branches = subprocess.run(["git", "-C", str(tmp_path), "branch", "--list", "gh-pages"],
                              capture_output=True, text=True, check=True).stdout
    assert branches == ""


def test_a_programmatic_mkdocs_build_without_our_plan_refuses(tmp_path, caplog):
    """Skipping the commands (no on_startup) still stops at on_config, before anything is written."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    with pytest.raises(Abort, match="Aborted with a BuildError!"):
        build(config)
    expected = _expected("build", "disclosure build   (python -m generator build)")
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [expected[len("Error: "):-1]]
    assert not (tmp_path / "out").exists()
