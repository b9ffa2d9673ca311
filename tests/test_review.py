"""Pre-publication review: planted problems are all found, a clean corpus gives none, the build is blocked."""
from __future__ import annotations

import json
import re

import pytest


from conftest import REPO, tree_digest
from review_corpus import ID_C, MOBILE, F, write_corpus
from generator.pipeline import check_content
from generator.review import review_content
from generator.scorecard import JSON_KEYS

PLANTED = [  # (severity, kind, where, key), in report order
    ("error", "id_card", "content/assets/files/leak-list.csv:2:6", "第2行"),
    ("error", "mobile", "content/assets/files/leak-list.csv:2:25", "第2行"),
    ("error", "mobile", "content/interpretations/leak-jd.md:8:13", "body"),
    ("error", "mobile", "content/policies/leak.md:2:15", "title"),
    ("error", "secrecy_mark", "content/policies/leak.md:12:1", "body"),
    ("error", "typo", "content/policies/leak.md:14:2", "body"),
    ("warning", "typo", "content/policies/leak.md:14:8", "body"),
    ("error", "id_card", "content/policies/leak.md:16:10", "body"),
    ("error", "bank_card", "content/policies/leak.md:16:34", "body"),
    ("warning", "org_name", "content/policies/leak.md:18:1", "body"),
    ("error", "id_card", "content/qa/leak-qa.yml:6:20", "answer"),
]


def review(site):
    content, report = check_content(site.root, "content")
    assert report.errors == []
    return review_content(content)


def test_every_planted_problem_is_found_at_its_place(scratch_site):
    write_corpus(scratch_site, "planted")
    result = review(scratch_site)
    found = [(p.severity.value, result.kind_of(p), f"{p.path}:{p.line}:{p.column}", p.key) for p in result.report]
    assert found == PLANTED


def test_planted_messages_word_for_word(scratch_site):
    write_corpus(scratch_site, "planted")
    lines = [str(p) for p in review(scratch_site).report]
    masked_c = ID_C[:2] + "*" * 13 + ID_C[-3:]
    assert lines[0] == (f"content/assets/files/leak-list.csv:2:6: 第2行: 疑似18位居民身份证号码，属于个人隐私，不得公开；"
                        f"请删除或改为 {masked_c} (looks like an 18-digit resident ID number, which is personal data "
                        f"and must not be published; remove it or mask it as {masked_c})")
    assert lines[3] == ("content/policies/leak.md:2:15: title: 疑似个人手机号码，属于个人隐私；请删除或改为 138****1111 "
                        "(looks like a personal mobile number, which is personal data; remove it or mask it as "
                        "138****1111)")
    assert lines[5] == ("content/policies/leak.md:14:2: body: 疑似错别字或不规范用语“国物院”，应为“国务院”（机关名称错误） "
                        "(suspected misspelling or non-standard wording \"国物院\": write \"国务院\")")


def test_the_clean_corpus_has_no_finding_at_all(scratch_site):
    written = write_corpus(scratch_site, "clean")
    assert written == ["assets/files/clean-budget.csv", "policies/clean.md"]
    result = review(scratch_site)
    assert list(result.report) == [] and [i for i in result.info if i.section != "external_url"] == []
    # its one link to another host is listed for a person to look at (not a finding)
    assert [(i.path, i.line) for i in result.info] == [("content/policies/clean.md", 23)]


ALLOWED = """\
    ---
    title: 2024年度困难群众临时救助对象公示
    genre: other
    issuer: test-office
    written: 2024-03-01
    published: 2024-03-05
    review:
      allow: [id_card]
      reason: 依《测试县临时救助办法》第十条须公示救助对象身份信息
    ---

    王五，{id}。
    """


def test_an_allowed_kind_passes_and_is_listed_with_its_reason(scratch_site):
    scratch_site.write("policies/gongshi.md", ALLOWED.replace("{id}", F.ID_A))
    result = review(scratch_site)
    assert list(result.report) == []
    masked = F.ID_A[:2] + "*" * 13 + F.ID_A[-3:]
    assert [(i.section, i.path, i.line, i.zh) for i in result.info] == [
        ("allowed", "content/policies/gongshi.md", 12, f"{masked}（id_card）已按文件说明允许公开："
                                                       "依《测试县临时救助办法》第十条须公示救助对象身份信息")]


def test_an_allowance_covers_only_its_kinds(scratch_site):
    scratch_site.write("policies/gongshi.md", ALLOWED.replace("{id}", f"{F.ID_A}，电话 {MOBILE}"))
    assert [(p.key, p.line) for p in review(scratch_site).report] == [("body", 12)]


def test_an_allowance_needs_its_reason(scratch_site):
    scratch_site.write("policies/gongshi.md", re.sub(r"\n +reason:.*", "", ALLOWED.replace("{id}", F.ID_A)))
    assert scratch_site.check() == [
        "content/policies/gongshi.md:8:3: review.reason: 缺少必填键 reason；请添加 reason: …"
        "（允许公开的理由和依据，例如 依《XX办法》第X条须公示 (why, with the legal basis)） "
        "(required key reason is missing; add reason: …)"]


def test_an_asset_used_only_by_a_withheld_document_is_an_error(scratch_site):
    scratch_site.write("assets/files/internal.txt", "会议纪要\n")
    scratch_site.write("policies/secret.md", """\
        ---
        title: 内部事项通知
        genre: other
        issuer: test-office
        written: 2024-03-01
        published: 2024-03-05
        disclosure: withheld
        withheld_ground: 《中华人民共和国政府信息公开条例》第十六条
        attachments:
          - file: files/internal.txt
            title: 纪要
        ---

        内部事项。
        """)
    result = review(scratch_site)
    assert [(result.kind_of(p), p.path) for p in result.report] == [
        ("withheld_asset", "content/assets/files/internal.txt")]


# --- the command line ------------------------------------------------------------------------

def test_check_json_is_a_list_of_records_with_the_stable_keys(scratch_site, capsys):
    write_corpus(scratch_site, "planted")
    assert scratch_site.run("check", "--as-of", "2026-11-21", "--format", "json", "--no-build", "--no-git") == 1
    records = json.loads(capsys.readouterr().out)
    assert all(tuple(r) == JSON_KEYS for r in records)
    review_records = [r for r in records if r["kind"] in {k for _, k, _, _ in PLANTED}]
    assert [(r["severity"], r["kind"], f"{r['path']}:{r['line']}:{r['column']}", r["key"])
            for r in review_records] == [p for p in PLANTED if p[0] == "error"] + [
               p for p in PLANTED if p[0] == "warning"]
    assert {r["severity"] for r in records} <= {"error", "warning", "info"}


def test_check_text_groups_by_severity_and_exits_1(scratch_site, capsys):
    write_corpus(scratch_site, "planted")
    assert scratch_site.run("check", "--as-of", "2026-11-21", "--no-build", "--no-git") == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "== 错误 errors: 9 =="
    assert err[1].startswith("content/assets/files/leak-list.csv:2:6: 第2行: ") and err[1].endswith("[id_card]")
    assert err[10].startswith("== 警告 warnings: ")
    assert re.fullmatch(r"9 个错误，\d+ 个警告 \(9 errors, \d+ warnings\)", err[-1])


def test_check_builds_into_a_temporary_folder_and_exits_0_on_the_clean_corpus(scratch_site, tmp_path, capsys):
    write_corpus(scratch_site, "clean")
    report = tmp_path / "report.html"
    assert scratch_site.run("check", "--as-of", "2026-11-21", "--no-git", "--report", str(report)) == 0
    err = capsys.readouterr().err
    assert err.endswith("内容检查通过 (content OK) as of 2026-11-21\n")
    assert "broken_link" not in err and "[id_card]" not in err
    assert "<h2 id=\"scorecard-h\">考评 Scorecard</h2>" in report.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "report.html"]


def test_a_planted_id_number_blocks_the_build_and_leaves_the_old_site(scratch_site, tmp_path, capsys):
    out = tmp_path / "public"
    assert scratch_site.build(out) == 0
    before = tree_digest(out)
    scratch_site.write("pages/guide.md", f"---\ntitle: 政府信息公开指南\n---\n\n联系人身份证号 {F.ID_B}。\n")
    capsys.readouterr()
    assert scratch_site.build(out) == 1
    err = capsys.readouterr().err
    assert "content/pages/guide.md:5:9: body: 疑似18位居民身份证号码" in err
    assert err.endswith("内容有错误，未生成网站 (content has errors; nothing was written)\n")
    assert tree_digest(out) == before


def test_an_allowed_document_builds_and_check_lists_the_reason(scratch_site, tmp_path, capsys):
    scratch_site.write("policies/gongshi.md", ALLOWED.replace("{id}", F.ID_A))
    assert scratch_site.build(tmp_path / "public") == 0
    capsys.readouterr()
    scratch_site.run("check", "--as-of", "2026-11-21", "--no-git", "--built", str(tmp_path / "public"))
    assert "[allowed] " in capsys.readouterr().err


# --- the example site ------------------------------------------------------------------------

def test_withheld_and_on_request_documents_never_reach_the_output(example_site):
    content, _ = check_content(REPO / "content", "content")
    hidden = [e for e in content.policies.values() if not e.model.is_public]
    assert hidden, "the example content should have on_request / withheld documents"
    needles = [n for e in hidden for n in (e.model.title, e.id)]
    for path in (p for p in example_site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for needle in needles:
            assert needle.encode("utf-8") not in data, f"{needle} in {path}"


def test_no_published_image_keeps_exif(example_site):
    from generator.images_exif import exif_of
    images = [p for p in example_site.rglob("*") if p.suffix.lower() in {".jpg", ".jpeg", ".png", ".webp"}]
    assert images and [p for p in images if exif_of(p)] == []


def test_a_hidden_document_sharing_a_public_title_is_found_by_id_only(tmp_path):
    """Repeal notices often share a title: a public one must not look like a leak of a hidden one."""
    from generator.linkcheck import find_leaks
    from generator.review import leak_needles

    class Doc:
        def __init__(self, path, doc_id, title, public, body=""):
            self.path, self.id, self.body = path, doc_id, body
            self.model = type("M", (), {"title": title, "is_public": public})()

    content = type("C", (), {"policies": {
        "a": Doc("content/policies/a.md", "a-2014", "关于废止部分行政规范性文件的决定", True),
        "b": Doc("content/policies/b.md", "b-2015", "关于废止部分行政规范性文件的决定", False),
        "c": Doc("content/policies/c.md", "c-2016", "关于印发《全域旅游发展管理办法》的通知", True),
        "d": Doc("content/policies/d.md", "d-2016", "全域旅游发展管理办法", False),
        "e": Doc("content/policies/e.md", "e-2017", "机关内部会议纪要", False)},
        "of": lambda self, kind: self.policies if kind == "policy" else {}})()
    needles = leak_needles(content)
    assert needles == {"content/policies/b.md": ["policies/b-2015"],      # same title as a public one
                       "content/policies/d.md": ["policies/d-2016"],      # inside a public title
                       "content/policies/e.md": ["机关内部会议纪要", "policies/e-2017"]}
    (tmp_path / "index.html").write_text("<p>关于废止部分行政规范性文件的决定</p>", encoding="utf-8")
    assert find_leaks(tmp_path, needles, "site") == []
    (tmp_path / "leak.html").write_text("<a href=\"policies/b-2015/\">x</a>", encoding="utf-8")
    assert [str(p) for p in find_leaks(tmp_path, needles, "site")] == [
        "site/leak.html:1:1: 不公开的文件 content/policies/b.md 出现在网站中：“policies/b-2015”；请删除 "
        "(the non-public document content/policies/b.md appears in the site: \"policies/b-2015\"; remove it)"]


@pytest.mark.parametrize("name, module, package", [("list.xlsx", "openpyxl", "openpyxl"),
                                                    ("list.docx", "docx", "python-docx"),
                                                    ("list.pdf", "pypdf", "pypdf")])
def test_a_missing_reader_library_says_install_not_damaged(scratch_site, monkeypatch, name, module, package):
    """An install without openpyxl, python-docx or pypdf: the file is fine, the tool is not."""
    write_corpus(scratch_site, "clean")
    target = scratch_site.root / "assets" / "files" / name
    target.write_bytes(b"any bytes: the file is never opened")
    monkeypatch.setitem(__import__("sys").modules, module, None)  # as if not installed
    lines = [str(p) for p in review(scratch_site).report]
    suffix = name[name.index("."):]
    assert lines == [f"content/assets/files/{name}:1:1: 无法检查此附件：缺少读取 {suffix} 文件的 Python 包 {package}；"
                     f"请安装：pip install {package}（或重新安装本工具的全部依赖） (cannot review the attachment: the "
                     f"Python package {package}, which reads {suffix} files, is not installed; install it: "
                     f"pip install {package} (or reinstall this tool with its dependencies))"]
