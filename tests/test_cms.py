"""The web editor at /admin/ (Decap CMS): forms generated from the models, settings, the page.

The browser test runs Decap's own local backend (``decap-server``, npm, in git mode with
the editorial workflow) on [::1] over a temporary git repository holding a copy of the
example content: a clerk's new policy that repeals an example document is saved through
the forms, lands on a review branch, and is valid content that repeals the document.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import textwrap
import time
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from generator.features.cms.admin import admin_csp, admin_files, relations_data
from generator.features.cms.bundle import bundle_files, decap_dist
from generator.features.cms.config import build_config
from generator.features.cms.fields import Choices, UnmappedField, field_names, model_field_names, model_fields
from generator.model.site import CmsSettings, SiteConfig
from generator.pipeline import CONTENT_TYPES, plan_content
from generator.validity import Status

import lxml.html
from browser import launch_chromium, missing_or_skip, new_context, run_axe, serve_site

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content"
DECAP_SERVER = REPO / "cms" / "node_modules" / "decap-server" / "dist" / "index.js"
FORGEJO = """\
    cms:
      backend: forgejo
      repo: test/xxgk
      base_url: https://git.test.example.gov.cn
      api_root: https://git.test.example.gov.cn/api/v1
      app_id: 0000-app
    """


def _with_cms(scratch_site, block: str) -> list[str]:
    """The site.yml problems once ``block`` is appended to the scratch site's site.yml."""
    site = (scratch_site.root / "site.yml").read_text(encoding="utf-8")
    scratch_site.write("site.yml", site + textwrap.dedent(block))
    return [p for p in scratch_site.check() if "site.yml" in p]


def _config(cms: CmsSettings) -> dict:
    site = SiteConfig(name="测试", organization="o", base_url="https://x.example.gov.cn/", cms=cms)
    return build_config(site, Choices(organizations=(("o", "测试县人民政府"),), topics=("综合政务\\政务公开",)),
                        EXAMPLE, types=CONTENT_TYPES)


def _forgejo() -> CmsSettings:
    return CmsSettings(backend="forgejo", repo="q/x", base_url="https://git.q.example.gov.cn",
                       api_root="https://git.q.example.gov.cn/api/v1", app_id="id")


# ---- forms from the models -------------------------------------------------------------------

@pytest.mark.parametrize("type_name", sorted(t.name for t in CONTENT_TYPES))
def test_every_model_field_has_a_form_field(type_name: str) -> None:
    ctype = next(t for t in CONTENT_TYPES if t.name == type_name)
    collection = next(c for c in _config(_forgejo())["collections"] if c.get("folder") == f"content/{ctype.folder}")
    missing = model_field_names(ctype.model) - field_names(collection["fields"])
    assert not missing, f"{type_name}: model fields without a form field: {sorted(missing)}"
    assert ("body" in field_names(collection["fields"])) == ctype.front_matter


def test_site_settings_are_a_form_too() -> None:
    settings = next(c for c in _config(_forgejo())["collections"] if c["name"] == "settings")
    assert settings["files"][0]["file"] == "content/site.yml"
    assert model_field_names(SiteConfig) <= field_names(settings["files"][0]["fields"])


def test_a_field_of_an_unknown_type_stops_the_generator() -> None:
    class Odd(BaseModel):
        shape: typing.Optional[set[int]] = None

    with pytest.raises(UnmappedField, match=r"shape: no Decap widget for set\[int\]"):
        model_fields(Odd, Choices())


def test_widgets_follow_the_field_types() -> None:
    policies = {f["name"]: f for f in _config(_forgejo())["collections"][0]["fields"]}
    assert policies["repeals"] == {
        "name": "repeals", "label": "废止的文件", "hint": "本文件废止的文件编号 (ids this document repeals)",
        "required": False, "widget": "relation", "collection": "policies", "multiple": True,
        "search_fields": ["title", "doc_number"], "value_field": "{{filename}}",
        "display_fields": ["{{title}}", "{{doc_number}}"], "options_length": 50}
    assert policies["issuer"]["options"] == [{"label": "测试县人民政府", "value": "o"}]
    assert policies["topics"]["options"] == ["综合政务\\政务公开"]
    assert policies["written"]["widget"] == "datetime" and policies["written"]["format"] == "YYYY-MM-DD"
    assert policies["genre"]["label"] == "文件类别"
    assert policies["genre"]["options"][1] == {"label": "行政规范性文件（normative）", "value": "normative"}
    # inside an optional mapping nothing is required, or Decap refuses to save without it
    review = {f["name"]: f for f in policies["review"]["fields"]}
    assert policies["review"]["required"] is False and review["reason"]["required"] is False
    assert policies["title"]["required"] is True


def test_the_published_configuration_has_no_local_backend_and_opens_pull_requests() -> None:
    config = _config(_forgejo())
    assert "local_backend" not in config
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {"name": "forgejo", "repo": "q/x", "branch": "main",
                                 "base_url": "https://git.q.example.gov.cn",
                                 "api_root": "https://git.q.example.gov.cn/api/v1", "app_id": "id"}
    assert config["media_folder"] == "content/assets/files" and config["public_folder"] == "files"


# ---- settings in site.yml ----------------------------------------------------------------------

def test_cms_settings_errors_are_located_and_bilingual(scratch_site) -> None:
    problems = _with_cms(scratch_site, """\
        cms:
          backend: gitea
          repo: test/xxgk
          base_url: http://git.test.example.gov.cn
        """)
    assert problems == [
        "content/site.yml:7:13: cms.base_url: http://git.test.example.gov.cn 不是 https:// 开头的地址；登录和接口地址"
        "必须使用 HTTPS (http://git.test.example.gov.cn is not an https:// address; the login and API addresses must "
        "use HTTPS)"]


def test_gitea_without_pull_requests_must_say_so(scratch_site) -> None:
    assert _with_cms(scratch_site, FORGEJO.replace("forgejo", "gitea")) == [
        "content/site.yml:5:3: cms: Gitea 后端不支持编辑工作流：请改用 forgejo 后端，或写 editorial_workflow: false 并把 "
        "branch 设为需经合并请求才能进入发布分支的草稿分支（见 docs/CMS.md） (the gitea backend has no editorial "
        "workflow: use the forgejo backend, or write editorial_workflow: false with branch set to a drafts branch "
        "that reaches the published branch only through pull requests (see docs/CMS.md))"]


def test_a_login_through_a_third_party_is_refused(scratch_site) -> None:
    assert _with_cms(scratch_site, "cms:\n  backend: github\n  repo: test/xxgk\n") == [
        "content/site.yml:5:3: cms: 请填写 base_url：本单位自建的登录服务（GitHub）或代码托管平台（Gitea/Forgejo）的地址；"
        "不填时编辑器会经由境外第三方服务登录 (fill in base_url: your own login service (GitHub) or your forge "
        "(Gitea/Forgejo); without it the editor would log in through a third-party service)"]


def test_a_site_without_cms_settings_gets_no_editor(scratch_site, tmp_path: Path) -> None:
    assert scratch_site.build(tmp_path / "out") == 0
    assert not (tmp_path / "out" / "admin").exists()


def test_a_missing_bundle_is_a_located_error(scratch_site, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DECAP_CMS_DIST", str(tmp_path / "none"))
    assert _with_cms(scratch_site, FORGEJO) == [
        f"content/site.yml:5:3: cms: 网页编辑器需要 Decap CMS，但 {tmp_path / 'none'} 中没有 decap-cms.js；请运行 "
        f"npm ci --prefix cms，或删除 cms 设置 (the web editor needs Decap CMS, but {tmp_path / 'none'} holds no "
        f"decap-cms.js; run npm ci --prefix cms, or remove the cms settings)"]


# ---- the built /admin/ ----------------------------------------------------------------------------

def test_the_example_site_has_the_editor_with_its_own_policy(example_site: Path) -> None:
    admin = example_site / "admin"
    page = lxml.html.fromstring((admin / "index.html").read_bytes())
    csp = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert csp == admin_csp(_example_cms())
    assert "connect-src 'self' https://git.qinghe.example.gov.cn;" in csp and "https://api.github.com" not in csp
    scripts = page.xpath("//script/@src")
    assert scripts == ["decap-cms.js", "preview.js"]
    assert all((admin / s).is_file() for s in scripts)
    assert {p.name for p in bundle_files(admin)} == {p.name for p in bundle_files(decap_dist())}
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "forgejo" and "local_backend" not in config


def _example_cms() -> CmsSettings:
    return plan_content(EXAMPLE, dt.date(2026, 11, 21)).content.site.cms


def test_relations_json_is_what_the_engine_computed(example_site: Path) -> None:
    data = json.loads((example_site / "admin" / "relations.json").read_text(encoding="utf-8"))
    site = plan_content(EXAMPLE, dt.date(2026, 11, 21)).site
    assert data == relations_data(site)
    assert set(data["documents"]) == set(site.docs)
    assert data["documents"]["qh-2024-003"]["status"] == site.docs["qh-2024-003"].status.label
    assert data["kinds"] == {"amends": "已修改", "repeals": "已废止", "replaces": "已废止", "invalidates": "已失效"}


def test_the_audit_passes_with_the_editor(example_site: Path) -> None:
    from generator.audit import audit_site
    report = audit_site(example_site)
    assert [str(f) for f in report.findings if f.path.startswith("admin/")] == []
    assert not any(host for host, pages in report.hosts.items() if any(p.startswith("admin/") for p in pages))


def test_a_loopback_address_counts_only_inside_scripts(tmp_path: Path) -> None:
    from generator.audit import audit_site
    (tmp_path / "a.js").write_text('var dev = "http://127.0.0.1:8081/api";\n', encoding="utf-8")
    (tmp_path / "b.html").write_text('<a href="http://127.0.0.1:8081/">x</a>\n', encoding="utf-8")
    (tmp_path / "c.js").write_text('var host = "10.1.2.3";\n', encoding="utf-8")
    assert sorted(f.path for f in audit_site(tmp_path).findings) == ["b.html", "c.js"]


# ---- a clerk at the forms (Chromium + decap-server) ------------------------------------------------

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.gov.cn",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.gov.cn"}).stdout


@pytest.fixture
def decap_server(tmp_path: Path):
    """decap-server in git mode over a fresh repository holding the example content, on [::1]."""
    missing_or_skip("chromium", "playwright", "axe")
    if not DECAP_SERVER.exists() or shutil.which("node") is None:
        message = f"{DECAP_SERVER} or node is missing (npm ci --prefix cms)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo / "content")
    _git(tmp_path, "init", "-q", "-b", "main", str(repo))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "example content")
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "git", "GIT_REPO_DIRECTORY": str(repo),
           "LOG_LEVEL": "warn", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.gov.cn",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.gov.cn"}
    yield repo, port, env


def _start(env: dict, origin: str) -> subprocess.Popen:
    server = subprocess.Popen(["node", str(DECAP_SERVER)], env={**env, "ORIGIN": origin},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", int(env["PORT"])), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError(f"decap-server did not start: {server.stdout.read().decode()}")


def _choose(page, field: str, typed: str) -> None:
    """Pick the first option a select or relation widget offers for ``typed``."""
    page.locator(f"[id^={field}-field]").first.fill(typed)
    page.locator("[class*=option]", has_text=typed).first.wait_for()
    page.keyboard.press("Enter")


@pytest.mark.browser
@pytest.mark.slow
def test_a_clerk_repeals_a_document_through_the_forms(decap_server, tmp_path: Path) -> None:
    repo, port, env = decap_server
    site = plan_content(repo / "content", dt.date(2026, 11, 21)).site
    target = site.docs["qh-2024-003"]
    assert target.status is Status.IN_FORCE
    www = tmp_path / "www"
    for rel, data in admin_files(site, decap_dist(), f"http://localhost:{port}/api/v1", types=CONTENT_TYPES).items():
        (www / rel).parent.mkdir(parents=True, exist_ok=True)
        (www / rel).write_bytes(data)
    # a CSP source cannot name an IPv6 literal (Chromium ignores 'http://[::1]:PORT'), so the editor
    # reaches decap-server as http://localhost:PORT while the page itself is served on [::1]
    with serve_site(www) as base, launch_chromium(also_resolve=("localhost",)) as browser:
        server = _start(env, base.rstrip("/"))
        try:
            context = new_context(browser, viewport={"width": 1280, "height": 900})
            page = context.new_page()
            console: list[str] = []
            page.on("console", lambda m: console.append(m.text))
            page.goto(base + "admin/")
            page.get_by_role("button", name="登录").click()
            page.goto(base + "admin/#/collections/policies/new")
            page.locator("[id^=title-field]").first.fill("清河县人民政府关于废止《清河县既有住宅加装电梯实施办法》的决定")
            _choose(page, "genre", "行政规范性文件")
            _choose(page, "issuer", "清河县人民政府")
            page.locator("[id^=doc_number-field]").fill("清政规〔2026〕9号")
            page.locator("[id^=written-field]").fill("2026-11-25")
            page.locator("[id^=published-field]").fill("2026-11-28")
            page.locator("[id^=effective-field]").fill("2026-12-01")
            _choose(page, "repeals", "加装电梯")
            page.locator("[data-slate-editor=true]").first.click()
            page.keyboard.type("经县人民政府研究，决定废止《清河县既有住宅加装电梯实施办法》。")
            preview = next(f for f in page.frames if f.locator(".cms-preview").count())
            consequences = preview.locator("[data-preview=consequences]").inner_text()
            index_no = preview.locator("[data-preview=index_no]").inner_text()
            page.get_by_role("button", name="保存").first.click()
            page.wait_for_url("**/entries/**")
            page.get_by_role("button", name="状态: 草稿").wait_for()
            axe = run_axe(page)
            refused = [t for t in console if "Content Security Policy" in t]
            # the editorial workflow: the save is a commit on a review branch, main is untouched
            branches = _git(repo, "branch", "--format=%(refname:short)").split()
            review = next(b for b in branches if b.startswith("cms/policies/"))
            changed = _git(repo, "diff", "--name-only", "main", review).split()
            main_before = _git(repo, "ls-files", "content/policies/2026")
            # the reviewer approves (就绪) and publishes: the branch is merged into main
            page.on("dialog", lambda dialog: dialog.accept())
            page.get_by_role("button", name="状态: 草稿").click()
            page.get_by_text("就绪", exact=True).first.click()
            page.get_by_role("button", name="状态: 就绪").wait_for()
            page.get_by_role("button", name="发布").first.click()
            page.get_by_text("立即发布", exact=True).first.click()
            page.wait_for_function("() => !document.body.innerText.includes('状态: 就绪')")
            # a script from another host is refused by the page's own policy
            blocked = page.evaluate("""() => new Promise(done => {
                document.addEventListener('securitypolicyviolation', e => done(e.blockedURI), {once: true});
                const s = document.createElement('script'); s.src = 'https://cdn.example.com/x.js';
                document.body.appendChild(s); })""")
        finally:
            server.kill()
    assert refused == []
    assert blocked == "https://cdn.example.com/x.js"
    assert consequences == ("将使《清河县既有住宅加装电梯实施办法》（清政规〔2024〕3号）自2026年12月1日起已废止，"
                            "现为现行有效")
    head = "11990522MB12000040/2026"   # the next number after the highest the engine gave a 2026 document
    highest = max(int(d.index_no.rpartition("-")[2]) for d in site.docs.values() if d.index_no.startswith(head + "-"))
    assert index_no == f"{head}-{highest + 1:05d}（预计，发布时自动生成）"
    assert len(changed) == 1 and changed[0].startswith("content/policies/2026/") and changed[0] not in main_before
    # published: the file is on main, in the working tree, and it is content that builds
    assert _git(repo, "status", "--porcelain") == "" and review not in _git(repo, "branch")
    written = (repo / changed[0]).read_text(encoding="utf-8")
    assert "repeals:\n  - qh-2024-003\n" in written and "doc_number: 清政规〔2026〕9号\n" in written
    plan = plan_content(repo / "content", dt.date(2026, 12, 2))
    assert plan.report.ok, [str(p) for p in plan.report.errors]
    validity = plan.site.validity["qh-2024-003"]
    assert validity.status is Status.REPEALED and validity.since == dt.date(2026, 12, 1)
    out = tmp_path / "site"
    from generator.cli import main
    assert main(["build", "--content", str(repo / "content"), "--output", str(out), "--as-of", "2026-12-02",
                 "--no-cache"]) == 0
    page = lxml.html.fromstring((out / "policies" / "qh-2024-003" / "index.html").read_bytes())
    banner = " ".join(" ".join(page.xpath("//div[contains(@class, 'validity')]//text()")).split())
    assert banner.startswith("有效性：已废止 本文件已于2026年12月1日被"), banner
    new_id = Path(changed[0]).stem
    assert (out / "policies" / new_id / "index.html").exists()
    # what axe finds in Decap's own widgets is reported (docs/CMS.md), not hidden
    print("axe on /admin/:", sorted({v["id"] for v in axe}))
