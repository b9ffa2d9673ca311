"""content/search_synonyms.yml: a search for one word of a group finds the documents holding another."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.features.search.site_search import with_aliases
from generator.features.search.synonyms import aliases
from generator.search import SearchDoc, write_search_index
from generator.search.query import Index

GROUPS = [("公租房", "公共租赁住房"), ("医保", "医疗保险"), ("低保", "最低生活保障")]


def policy(url: str, title: str, text: str, date: str) -> SearchDoc:
    return SearchDoc(url=url, kind="policy", title=title, text=text, status="in_force", status_label="现行有效",
                     genre="normative", genre_label="行政规范性文件", date=date)


DOCS = [
    policy("p/formal/", "清河县公共租赁住房管理办法", "第一条 公共租赁住房实行轮候。", "2024-01-01"),
    policy("p/short/", "关于公租房租金的通知", "公租房租金按月缴纳。", "2023-01-01"),
    policy("p/medical/", "清河县城乡居民基本医疗保险实施办法", "参加医疗保险的居民按年缴费。", "2022-01-01"),
    policy("p/aid/", "关于提高低保标准的通知", "城乡低保标准每人每月提高50元。", "2021-01-01"),
    policy("p/aid-formal/", "清河县最低生活保障审核确认办法", "最低生活保障对象按户认定。", "2020-01-01"),
    policy("p/none/", "清河县农村公路养护办法", "公路养护资金。", "2019-01-01"),
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synonyms")
    write_search_index([with_aliases(d, GROUPS) for d in DOCS], out)
    return out


def urls(index_dir: Path, query: str) -> list[str]:
    return [h.record["u"] for h in Index(index_dir).search(query, limit=100).hits]


@pytest.mark.parametrize("query, expected", [
    ("公租房", ["p/formal/", "p/short/"]),
    ("公共租赁住房", ["p/formal/", "p/short/"]),   # both titles hold it (one by synonym): newer first
    ("医保", ["p/medical/"]),
    ("低保", ["p/aid/", "p/aid-formal/"]),
    ("最低生活保障", ["p/aid/", "p/aid-formal/"]),
    ("公租房怎么申请", ["p/formal/", "p/short/"]),  # partial: 申请 is in none
])
def test_a_word_finds_the_documents_holding_its_synonyms(index_dir: Path, query: str, expected: list[str]) -> None:
    assert sorted(urls(index_dir, query)) == sorted(expected)
    assert urls(index_dir, query)[0] == expected[0]


def test_aliases_are_the_other_words_of_the_groups_a_text_holds() -> None:
    assert aliases("本办法所称公共租赁住房", GROUPS) == "公租房"
    assert aliases("医保和低保", GROUPS) == "医疗保险 最低生活保障"
    assert aliases("公租房即公共租赁住房", GROUPS) == ""
    assert aliases("公路养护", GROUPS) == ""


def test_a_document_without_synonyms_keeps_its_record_as_it_was(index_dir: Path) -> None:
    records = [json.loads(p.read_text("utf-8")) for p in (index_dir / "d").iterdir()]
    by_url = {r["u"]: r for r in records}
    assert "a" not in by_url["p/none/"]
    assert by_url["p/formal/"]["a"] == "公租房 公租房"  # from the title, and from the whole document


def test_the_example_column_finds_a_low_income_notice_by_the_formal_name(example_site: Path) -> None:
    # qh-2023-009 says 低保 only; content/search_synonyms.yml makes 最低生活保障 find it.
    index = Index(example_site / "search" / "index")
    found = [h.record["u"] for h in index.search("最低生活保障", limit=100).hits]
    assert "policies/qh-2023-009/" in found


@pytest.mark.parametrize("text, message", [
    ("groups:\n  - [公租房]\n",
     "content/search_synonyms.yml:2:5: groups[0]: 一组同义词至少要有两个不同的词；请补充或删除这一组 "
     "(a synonym group needs two or more different words; add one or remove the group)"),
    ("groups:\n  - [医保, 医疗保险]\n  - [税, 税收]\n",
     "content/search_synonyms.yml:3:5: groups[1]: “税”太短：每个词至少两个汉字、字母或数字 "
     "('税' is too short: a word needs two or more Chinese characters, letters or digits)"),
    ("- [公租房, 公共租赁住房]\n",
     "content/search_synonyms.yml:1:1: search_synonyms.yml 应为 groups: 加同义词组列表 "
     "(search_synonyms.yml must be a mapping with groups: and a list of word groups)"),
])
def test_a_bad_synonym_file_is_a_located_error(scratch_site, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    scratch_site.write("search_synonyms.yml", text)
    assert message in scratch_site.check()


def test_a_synonym_file_linked_from_outside_content_is_not_read(scratch_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("groups:\n  - [公租房, 公共租赁住房]\n", encoding="utf-8")
    (scratch_site.root / "search_synonyms.yml").symlink_to(outside)
    assert ("content/search_synonyms.yml:1:1: 符号链接不允许：生成网站时不跟随符号链接（它可能指向 content/ 以外的文件）；"
            "请删除该链接，把文件本身放到这里 (symlinks are not allowed: a build never follows a symlink (it may point "
            "outside content/); remove the link and put the file itself here)") in scratch_site.check()
    from generator.features.search.synonyms import load_synonyms
    assert load_synonyms(scratch_site.root) == ([], [])
