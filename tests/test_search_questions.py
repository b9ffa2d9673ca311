"""Questions as queries: question words dropped, every remaining part matched as a phrase,
and the best partial matches (with a notice) when no document holds every part."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.search import SearchDoc, write_search_index
from generator.search.query import PARTIAL_NOTICE, Index
from generator.search.tokenize import parse_query, strip_question

QUESTION_DOCS = [
    SearchDoc(url="p/talent/", kind="policy", title="清河县高层次人才补贴实施办法",
              text="第一条 为吸引人才，制定本办法。第五条 申请人才补贴的，向县人力资源和社会保障局提出申请。",
              status="in_force", status_label="现行有效", genre="normative", genre_label="行政规范性文件",
              date="2024-05-01"),
    SearchDoc(url="p/housing/", kind="policy", title="清河县公租房管理办法",
              text="公租房实行轮候制度。符合条件的家庭可以向住房保障部门提交材料。",
              status="in_force", status_label="现行有效", genre="normative", genre_label="行政规范性文件",
              date="2023-02-01"),
    SearchDoc(url="p/old-housing/", kind="policy", title="清河县公租房分配暂行办法",
              text="公租房分配实行公开摇号。", status="repealed", status_label="已废止",
              genre="normative", genre_label="行政规范性文件", date="2019-02-01"),
    SearchDoc(url="p/other/", kind="policy", title="清河县农村公路养护办法",
              text="申请养护资金的，向交通运输局申请。", status="in_force", status_label="现行有效",
              genre="normative", genre_label="行政规范性文件", date="2022-01-01"),
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("questions")
    write_search_index(QUESTION_DOCS, out)
    return out


@pytest.mark.parametrize("query, phrases", [
    ("人才补贴怎么申请", ["人才补贴", "申请"]),
    ("公租房如何申请？", ["公租房", "申请"]),
    ("低保标准是多少", ["低保标准"]),
    ("申请公租房需要什么材料吗", ["申请公租房", "材料"]),
    ("哪些人可以申请人才补贴", ["人", "申请人才补贴"]),
    ("公租房 呢", ["公租房"]),
    ("如何", ["如何"]),               # nothing but a question word: searched as it is
    ("国办发〔2017〕47号", ["国办发201747号"]),  # no question word: one phrase, as before
])
def test_question_words_are_dropped_and_split_the_query(query: str, phrases: list[str]) -> None:
    assert [p.phrase for p in parse_query(query)[0]] == phrases


def test_a_question_finds_the_documents_holding_every_remaining_phrase(index_dir: Path) -> None:
    result = Index(index_dir).search("人才补贴怎么申请")
    assert [h.record["u"] for h in result.hits] == ["p/talent/"]
    assert result.message == ""
    assert [text for text, marked in result.hits[0].title if marked] == ["人才补贴"]


def test_a_question_no_document_answers_whole_gets_partial_matches_not_nothing(index_dir: Path) -> None:
    # No document holds both 公租房 and 申请 (the 管理办法 says 提交材料): every document
    # holding one of them, current before repealed, with the notice.
    result = Index(index_dir).search("公租房怎么申请")
    assert result.message == PARTIAL_NOTICE
    found = [h.record["u"] for h in result.hits]
    assert sorted(found) == ["p/housing/", "p/old-housing/", "p/other/", "p/talent/"]
    assert found[-1] == "p/old-housing/"
    assert strip_question("公租房怎么申请？") == "公租房 申请 "


def test_without_a_full_match_the_best_partial_matches_come_with_a_notice(index_dir: Path) -> None:
    # No document holds both 公租房 and 养护: the ones holding one part, current first.
    result = Index(index_dir).search("公租房 养护")
    assert result.message == PARTIAL_NOTICE
    assert [h.record["u"] for h in result.hits] == ["p/housing/", "p/other/", "p/old-housing/"]


def test_partial_matches_rank_documents_holding_more_parts_first(index_dir: Path) -> None:
    result = Index(index_dir).search("公租房 轮候 养护")
    assert result.message == PARTIAL_NOTICE
    assert [h.record["u"] for h in result.hits][:1] == ["p/housing/"]  # two of three parts
    assert [text for text, marked in result.hits[0].snippet if marked] == ["公租房", "轮候"]


def test_a_full_match_shows_no_notice_and_no_partial_match(index_dir: Path) -> None:
    result = Index(index_dir).search("公租房 轮候")
    assert ([h.record["u"] for h in result.hits], result.message) == (["p/housing/"], "")


def test_a_single_part_without_a_match_falls_back_to_nothing(index_dir: Path) -> None:
    result = Index(index_dir).search("养护公租房")
    assert (result.hits, result.message, result.total) == ([], "", 0)
