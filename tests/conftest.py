"""Shared fixtures: a small scratch site written from dedented strings, and the example site built once.

``scratch_site`` follows lektor's ``tests/conftest.py``: each test starts from a
small valid site and writes only the file its scenario is about::

    def test_unknown_key(scratch_site):
        scratch_site.write("policies/rules.md", '''
            ---
            title: ...
            ''')
        assert scratch_site.check() == ["content/policies/rules.md:3:1: ..."]

Messages are shown relative to a display root ``content``, as an author running
``build.py check`` in the repository sees them.
"""
from __future__ import annotations

import contextlib
import hashlib
import sys
import textwrap
from pathlib import Path
from typing import Union

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

AS_OF = "2026-11-21"

SITE_YML = """\
    name: 测试县人民政府信息公开
    organization: test-county
    base_url: https://xxgk.test.example.gov.cn/
    """

ORGANIZATIONS_YML = """\
    - id: test-county
      name: 测试县人民政府
      short_name: 县政府
      code: 11990599MB0000001X

    - id: test-office
      name: 测试县人民政府办公室
      code: 11990599MB0000002X
    """

# A normative document in force with its interpretation, a short-lived notice that expired, and a page.
RULES_MD = """\
    ---
    title: 测试县行政规范性文件管理办法
    genre: normative
    issuer: test-county
    doc_number: 测政规〔2022〕1号
    written: 2022-05-20
    published: 2022-05-24
    effective: 2022-06-01
    keywords: [规范性文件, 备案]
    ---

    **第一条** 为加强行政规范性文件管理，制定本办法。

    **第二条** 本办法自2022年6月1日起施行。
    """

NOTICE_MD = """\
    ---
    title: 关于2023年春节期间值班安排的通知
    genre: other
    issuer: test-office
    written: 2023-01-10
    published: 2023-01-11
    expires: 2023-01-31
    ---

    春节期间值班安排如下。
    """

RULES_JD_MD = """\
    ---
    title: 《测试县行政规范性文件管理办法》政策解读
    published: 2022-05-25
    interprets: [rules]
    kind: text
    source: test-county
    ---

    一、制定背景。
    """

GUIDE_MD = """\
    ---
    title: 政府信息公开指南
    column_type: 信息公开指南
    ---

    公民、法人或者其他组织可以向本机关申请获取政府信息。
    """

BASE_FILES = {
    "site.yml": SITE_YML,
    "organizations.yml": ORGANIZATIONS_YML,
    "policies/2022/rules.md": RULES_MD,
    "policies/2023/notice.md": NOTICE_MD,
    "interpretations/rules-jd.md": RULES_JD_MD,
    "pages/guide.md": GUIDE_MD,
}


class ScratchSite:
    """A throw-away site: ``<base>/content`` plus helpers to check and build it."""

    def __init__(self, base: Path):
        self.base = base
        self.root = base / "content"
        for rel, text in BASE_FILES.items():
            self.write(rel, text)

    def write(self, rel: str, text: Union[str, bytes]) -> Path:
        """Add or replace ``content/<rel>``; text is dedented and stripped of a leading newline."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()

    def check(self) -> list[str]:
        """Every problem (errors and warnings), as the sorted one-line messages authors read."""
        from generator.pipeline import check_content
        _, report = check_content(self.root, "content")
        return [str(problem) for problem in report]

    def build(self, out: Path, as_of: str = AS_OF, *extra: str) -> int:
        """``build.py build`` on this site; returns the exit code (messages go to stderr)."""
        return self.run("build", "--output", str(Path(out).absolute()), "--as-of", as_of, *extra)

    def run(self, *argv: str) -> int:
        """Any ``build.py`` command, run from ``base`` with ``--content content``."""
        from generator.cli import main
        command, rest = argv[0], list(argv[1:])
        with contextlib.chdir(self.base):
            return main([command, "--content", "content", *rest])


@pytest.fixture
def scratch_site(tmp_path: Path) -> ScratchSite:
    """A small valid site in ``tmp_path/content``: two organizations, two policies, an interpretation, a page."""
    return ScratchSite(tmp_path)


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` by relative path, to compare whole sites."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own ``content/`` built once (as of 2026-11-21); the site folder."""
    from generator.cli import main
    if not (REPO / "content" / "site.yml").exists():
        pytest.skip("the repository has no content/ to build")
    out = tmp_path_factory.mktemp("example") / "site"
    with contextlib.chdir(REPO):
        status = main(["build", "--content", "content", "--output", str(out), "--as-of", AS_OF])
    if status != 0:
        pytest.fail(f"building the example content failed with exit code {status}", pytrace=False)
    return out


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose their own date: a SOURCE_DATE_EPOCH from the caller's shell must not leak in."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


# ---- the example site in Chromium (browser tests share one browser and one server per module) ----

@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium with axe available (skipped, or failed under CI, when a tool is missing)."""
    from browser import launch_chromium, missing_or_skip
    missing_or_skip("chromium", "playwright", "axe")
    with launch_chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def site_url(example_site):
    """The example site on [::1] with the production Content-Security-Policy header."""
    from browser import deploy_csp, serve_site
    with serve_site(example_site, {"Content-Security-Policy": deploy_csp()}) as url:
        yield url
