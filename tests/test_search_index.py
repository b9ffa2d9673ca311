"""The search index, queried through generator.search.query (the same algorithm as search.js)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from generator.search import SearchDoc, write_search_index
from generator.search.index import shard_name
from generator.search.query import Index, snippet
from generator.search.tokenize import HAN

SAMPLE_DOCS = [
    SearchDoc(url="policies/qh-2022-005/", kind="policy",
              title="青河县人民政府办公室关于进一步加强安全生产工作的通知",
              text="各乡镇人民政府，县直各单位：\n为深入贯彻落实安全生产责任制，切实防范化解重大风险，"
                   "经县人民政府同意，现就进一步加强安全生产工作通知如下。一、压实企业主体责任。"
                   "二、开展隐患排查整治，2022年底前完成全部整改。",
              doc_number="青政办发〔2022〕5号", issuer="青河县人民政府办公室",
              keywords=("安全生产", "隐患排查"), status="in_force", status_label="现行有效",
              genre="normative", genre_label="行政规范性文件", date="2022-03-15"),
    SearchDoc(url="policies/qh-2019-012/", kind="policy",
              title="青河县农村人居环境整治实施办法",
              text="第一条 为改善农村人居环境，建设美丽宜居乡村，根据有关规定，制定本办法。"
                   "第二条 本办法适用于本县行政区域内的农村生活垃圾治理、污水治理和厕所革命。",
              doc_number="青政发[2019]12号", issuer="青河县人民政府、青河县农业农村局",
              keywords=("人居环境",), status="repealed", status_label="已废止",
              genre="normative", genre_label="行政规范性文件", date="2019-06-01"),
    SearchDoc(url="policies/qh-2023-001/", kind="policy",
              title="青河县生活垃圾分类管理办法",
              text="第一条 为推进生活垃圾分类，改善农村人居环境，制定本办法。第二条 垃圾分类实行属地管理。",
              doc_number="青政规〔2023〕1号", issuer="青河县人民政府",
              keywords=("垃圾分类",), status="in_force", status_label="现行有效",
              genre="regulation", genre_label="规章", date="2023-01-10"),
    SearchDoc(url="interpretations/qh-2022-005/", kind="interpretation",
              title="《关于进一步加强安全生产工作的通知》政策解读",
              text="一、起草背景。近年来我县安全生产形势总体平稳，但隐患排查仍有短板。二、主要内容。",
              date="2022-03-16"),
    SearchDoc(url="qa/#q-7", kind="qa", title="企业如何申报隐患整改验收？",
              text="答：企业完成整改后，向所在乡镇安全生产监督管理站提交验收申请表。", date="2022-04-01"),
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("search")
    write_search_index(SAMPLE_DOCS, out)
    return out


def urls(index_dir: Path, query: str, **filters: str) -> list[str]:
    result = Index(index_dir).search(query, filters, limit=1000)
    return [hit.record["u"] for hit in result.hits]


def han_pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1) if re.fullmatch(f"[{HAN}]{{2}}", text[i:i + 2])}


def test_every_two_character_substring_finds_its_document(index_dir: Path) -> None:
    index = Index(index_dir)
    for doc in SAMPLE_DOCS:
        for field in (doc.title, doc.text, doc.doc_number, doc.issuer, *doc.keywords):
            for pair in han_pairs(field):
                found = [h.record["u"] for h in index.search(pair, limit=1000).hits]
                assert doc.url in found, (pair, doc.url)


def test_every_longer_substring_of_a_title_finds_its_document(index_dir: Path) -> None:
    index = Index(index_dir)
    for doc in SAMPLE_DOCS:
        title = doc.title
        for length in range(3, len(title) + 1):
            for start in range(len(title) - length + 1):
                sub = title[start:start + length]
                if len(han_pairs(sub)) == 0:
                    continue
                assert doc.url in [h.record["u"] for h in index.search(sub, limit=1000).hits], sub


def test_a_phrase_matches_only_where_it_is_contiguous(index_dir: Path) -> None:
    # 生活 and 垃圾 are both in the repealed 办法, but not as 生活垃圾分类.
    assert urls(index_dir, "生活垃圾分类") == ["policies/qh-2023-001/"]


def test_latin_and_number_tokens_are_kept_whole(index_dir: Path) -> None:
    assert urls(index_dir, "2022") == ["policies/qh-2022-005/"]
    assert urls(index_dir, "202") == []


@pytest.mark.parametrize("query", ["青政办发〔2022〕5号", "青政办发[2022]5号", "青政办发(2022)5号",
                                   "青政办发（2022）5号", "青政办发［2022］5号", "青政办发2022 5号",
                                   "青政办发20225号", "〔2022〕5号", "(2022)5"])
def test_doc_number_variants_find_the_document_first(index_dir: Path, query: str) -> None:
    assert urls(index_dir, query)[0] == "policies/qh-2022-005/"


def test_doc_number_with_square_brackets_found_with_chinese_brackets(index_dir: Path) -> None:
    assert urls(index_dir, "青政发〔2019〕12号") == ["policies/qh-2019-012/"]


def test_title_match_ranks_above_body_match(index_dir: Path) -> None:
    # 垃圾分类 is in the 2023 办法's title and in no other title.
    found = urls(index_dir, "垃圾分类")
    assert found[0] == "policies/qh-2023-001/"


def test_in_force_ranks_above_repealed_and_repealed_is_not_hidden(index_dir: Path) -> None:
    # 改善农村 is in the bodies of the current 办法 and of the repealed one (no title):
    # the current one comes first, and the repealed one is listed.
    assert urls(index_dir, "改善农村") == ["policies/qh-2023-001/", "policies/qh-2019-012/"]


def test_the_document_a_query_names_by_title_comes_first_even_repealed(index_dir: Path) -> None:
    # 人居环境 is in the title of the repealed 办法 but only the body of the current one:
    # the document the query names comes first (issue 19), the current one is still listed.
    assert urls(index_dir, "人居环境") == ["policies/qh-2019-012/", "policies/qh-2023-001/"]


def named_docs() -> list[SearchDoc]:
    """A repealed 办法 and five newer current notices citing it by title and 文号 in their bodies."""
    old = SearchDoc(url="p/named/", kind="policy", title="清河县城镇住房保障办法", text="第一条 为做好住房保障工作。",
                    doc_number="清政发〔2015〕7号", status="repealed", status_label="已废止", date="2015-01-01")
    citing = [SearchDoc(url=f"p/cite-{i}/", kind="policy", title=f"关于做好第{i}批保障对象审核的通知",
                        text="根据《清河县城镇住房保障办法》（清政发〔2015〕7号），清河县城镇住房保障办法规定，"
                             "现将清政发〔2015〕7号的执行通知如下。" * 3,
                        doc_number=f"清政办发〔2020〕{i}号", status="in_force", status_label="现行有效",
                        date=f"2020-0{i}-01") for i in range(1, 6)]
    return [old, *citing]


@pytest.mark.parametrize("query", ["清河县城镇住房保障办法", "城镇住房保障办法", "清政发〔2015〕7号", "清政发2015 7号"])
def test_the_document_a_query_names_by_title_or_doc_number_comes_first(tmp_path: Path, query: str) -> None:
    write_search_index(named_docs(), tmp_path)
    found = [h.record["u"] for h in Index(tmp_path).search(query, limit=100).hits]
    assert found[0] == "p/named/" and len(found) == 6


def test_a_year_alone_does_not_name_a_document(tmp_path: Path) -> None:
    # one scored term in the 文号 is not a 文号: current documents stay above the repealed one
    write_search_index(named_docs(), tmp_path)
    assert [h.record["u"] for h in Index(tmp_path).search("2015", limit=100).hits][-1] == "p/named/"


def test_repealed_documents_rank_among_themselves_by_score(tmp_path: Path) -> None:
    docs = [SearchDoc(url=f"p/{n}/", kind="policy", title=f"第{n}号", text="公路养护。" * n, status="repealed",
                      status_label="已废止", date=f"2020-01-0{n}") for n in (1, 3, 5)]
    write_search_index(docs, tmp_path)
    assert [h.record["u"] for h in Index(tmp_path).search("养护").hits] == ["p/5/", "p/3/", "p/1/"]


def test_only_the_cover_of_a_phrase_scores(tmp_path: Path) -> None:
    # 甲乙丙丁: the cover 甲乙 丙丁 scores, 乙丙 only narrows. Both documents hold the phrase
    # once in the body; the older one also has 乙丙 in its title, which would put it first
    # if every bigram scored. It does not: the tie goes to the newer one.
    from generator.search.tokenize import parse_query, scored_terms
    parts, terms = parse_query("甲乙丙丁")
    assert (terms, scored_terms(parts, terms)) == (["甲乙", "丙丁", "乙丙"], {"甲乙", "丙丁"})
    docs = [SearchDoc(url="old/", kind="policy", title="乙丙规定", text="写有甲乙丙丁。", date="2020-01-01"),
            SearchDoc(url="new/", kind="policy", title="其他规定", text="写有甲乙丙丁。", date="2021-01-01"),
            SearchDoc(url="none/", kind="policy", title="甲乙和丙丁", text="无。", date="2022-01-01")]
    write_search_index(docs, tmp_path)
    result = Index(tmp_path).search("甲乙丙丁")
    assert [h.record["u"] for h in result.hits] == ["new/", "old/"]
    assert (result.total, result.exact) == (2, True)  # none/ lacks 乙丙: never a candidate


def test_qa_and_interpretation_are_results_of_their_own(index_dir: Path) -> None:
    found = urls(index_dir, "隐患")
    assert {"interpretations/qh-2022-005/", "qa/#q-7", "policies/qh-2022-005/"} <= set(found)


def test_filters(index_dir: Path) -> None:
    assert urls(index_dir, "人居环境", status="repealed") == ["policies/qh-2019-012/"]
    assert urls(index_dir, "人居环境", year="2023") == ["policies/qh-2023-001/"]
    assert urls(index_dir, "人居环境", issuer="青河县农业农村局") == ["policies/qh-2019-012/"]
    assert urls(index_dir, "隐患", genre="qa") == ["qa/#q-7"]
    assert urls(index_dir, "人居环境", status="no-such-status") == []


def test_title_and_snippet_highlight_the_query(index_dir: Path) -> None:
    hit = Index(index_dir).search("安全生产").hits[0]
    assert ("安全生产", True) in hit.title
    assert [text for text, marked in hit.snippet if marked] == ["安全生产", "安全生产"]


def test_highlight_of_a_bracket_variant_marks_the_original_text() -> None:
    segments = snippet("依据青政办发〔2022〕5号文件执行。", ["青政办发20225号"])
    assert segments == [("依据", False), ("青政办发〔2022〕5号", True), ("文件执行。", False)]


def test_snippet_is_a_window_around_the_first_match() -> None:
    text = "甲" * 200 + "安全生产" + "乙" * 200
    segments = snippet(text, ["安全生产"])
    assert segments[0] == ("…", False) and segments[-1] == ("…", False)
    assert sum(len(t) for t, _ in segments[1:-1]) == 120


def test_a_cold_query_reads_manifest_attrs_needed_shards_and_shown_docs(index_dir: Path) -> None:
    index = Index(index_dir)
    result = index.search("垃圾分类")
    shards = {p for p in index.fetched if p.startswith("t/")}
    assert index.fetched[:2] == ["manifest.json", "attrs.json"]
    shard_count = json.loads((index_dir / "manifest.json").read_text())["shards"]
    assert shards == {shard_name(t, shard_count) for t in ("垃圾", "圾分", "分类")}
    assert [p for p in index.fetched if p.startswith("d/")] == [f"d/{h.doc_id}.json" for h in result.hits]


def test_a_single_character_finds_the_titles_holding_it(index_dir: Path) -> None:
    result = Index(index_dir).search("村")
    assert [h.record["u"] for h in result.hits] == ["policies/qh-2019-012/"]  # 农村 in its title
    assert (result.total, result.exact, result.message) == (1, True, "")
    assert [text for text, marked in result.hits[0].title if marked] == ["村"]
    assert urls(index_dir, "号") == []  # 号 is in 文号 and bodies, in no title


def test_a_single_character_beside_a_phrase_must_be_in_the_title(index_dir: Path) -> None:
    # 隐患 is in three documents; only the 通知 of the 县人民政府办公室 has 办 in its title
    assert urls(index_dir, "隐患 办") == ["policies/qh-2022-005/"]


def test_a_title_is_found_typed_without_its_quotes(tmp_path: Path) -> None:
    docs = [SearchDoc(url="p/q/", kind="policy", title="关于印发平潭综合实验区“一老一小”整体解决方案的通知",
                      text="正文。", date="2023-01-01"),
            SearchDoc(url="p/r/", kind="policy", title="村集体“三资”管理规定", text="正文。", date="2024-01-01")]
    write_search_index(docs, tmp_path)
    assert [h.record["u"] for h in Index(tmp_path).search("一老一小整体解决方案").hits] == ["p/q/"]
    assert [h.record["u"] for h in Index(tmp_path).search("村集体三资管理规定").hits] == ["p/r/"]


def test_a_query_of_punctuation_only_asks_for_words(index_dir: Path) -> None:
    result = Index(index_dir).search("《》")
    assert (result.total, result.message) == (0, "")


def test_build_is_deterministic(tmp_path: Path) -> None:
    write_search_index(SAMPLE_DOCS, tmp_path / "a")
    write_search_index(list(reversed(SAMPLE_DOCS)), tmp_path / "b")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


# The vectorized builder against a plain-Python statement of the same format.

def reference_codes(doc: SearchDoc) -> dict[str, int]:
    """doc_codes written the obvious way (Counter over every bigram of every Han run)."""
    from collections import Counter
    from generator.search.index import DOC_NUMBER, ISSUER, KEYWORDS, NO_BODY, TITLE
    from generator.search.tokenize import HAN_RUN, RAW_ALNUM_RUN, docnum_terms, fold
    counts = Counter(run[i:i + 2] for run in HAN_RUN.findall(doc.text) for i in range(len(run) - 1))
    counts.update(fold(t) for t in RAW_ALNUM_RUN.findall(doc.text))
    codes = {t: min(n, 8) - 1 for t, n in counts.items()}

    def terms(text: str) -> set[str]:
        return ({run[i:i + 2] for run in HAN_RUN.findall(text) for i in range(len(run) - 1)}
                | {fold(t) for t in RAW_ALNUM_RUN.findall(text)})
    title_chars = {ch for run in HAN_RUN.findall(doc.title) for ch in run}
    joined = "".join(re.findall(f"[{HAN}a-zA-Z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]", doc.title))
    for bit, field in ((TITLE, terms(doc.title) | terms(joined) | title_chars),
                       (DOC_NUMBER, docnum_terms(doc.doc_number)),
                       (ISSUER, terms(doc.issuer)), (KEYWORDS, terms(" ".join(doc.keywords)))):
        for term in field:
            codes[term] = codes.get(term, NO_BODY) | bit
    for term in terms(doc.aliases):
        codes[term] = codes.get(term, 0) & ~NO_BODY
    for term in terms(doc.title_aliases):
        codes[term] = codes.get(term, NO_BODY) | TITLE
    return codes


def varied_docs() -> list[SearchDoc]:
    """Long and short texts with full-width letters, digits, a non-BMP character, repeats."""
    body = ("第一条 为规范ＧＢ／Ｔ 9704—2012执行，A级单位每年12月31日前报送。𠀀安全生产安全生产安全生产"
            "安全生产安全生产安全生产安全生产安全生产安全生产〔2021〕5号，x。") * 3
    docs = [SearchDoc(url=f"p/{i}/", kind="policy", title=f"关于ｘ{i}号试点的通知", text=body[i:] + "甲" * i,
                      doc_number=f"清政发〔2021〕{i}号", issuer="清河县人民政府、清河县财政局",
                      keywords=("财政", "ab"), status="in_force", status_label="现行有效", date=f"2021-01-{i + 1:02d}")
            for i in range(12)]
    docs.append(SearchDoc(url="q/empty/", kind="qa", title="问", text=""))
    return docs + SAMPLE_DOCS


def test_doc_codes_equals_the_plain_statement() -> None:
    from generator.search.index import doc_codes
    for doc in varied_docs():
        assert doc_codes(doc) == reference_codes(doc), doc.url


def test_shards_are_the_json_of_the_postings(tmp_path: Path) -> None:
    from generator.search.index import encode_postings, order_docs
    docs = varied_docs()
    write_search_index(docs, tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    postings: dict[str, dict[str, tuple[list[int], list[int]]]] = {}
    for doc_id, doc in enumerate(order_docs(docs)):
        for term, code in sorted(reference_codes(doc).items()):
            entry = postings.setdefault(shard_name(term, manifest["shards"]), {}).setdefault(term, ([], []))
            entry[0].append(doc_id)
            entry[1].append(code)
    expected = {name: {term: encode_postings(*entry) for term, entry in shard.items()}
                for name, shard in postings.items()}
    assert {"bitmap", "gaps"} <= {"bitmap" if e[0].startswith("*") else "gaps"
                                  for shard in expected.values() for e in shard.values()}
    written = {f"t/{p.name}" for p in (tmp_path / "t").iterdir()}
    assert written == set(expected)
    for name, shard in expected.items():
        text = json.dumps(shard, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert (tmp_path / name).read_text("utf-8") == text, name


@pytest.mark.parametrize("docs, codes, written", [
    ([0, 14], [40, 40], ["0E", "ee"]),                      # gaps 0 and 14; code 40 is digit "e"
    ([5, 5 + 32, 5 + 32 + 1024], [0, 7, 8], ["5X0XW0", "078"]),  # gaps 5, 32 = 1|0, 1024 = 1|0|0
    (list(range(12)), [0] * 12, ["*__", "0" * 12]),         # dense: 2 digits of 6 bits beat 12 gaps
    ([3], [72], ["3", "!8"]),                              # 72 = 64 + 8: escape "!" (one 64), then 8
    ([40000], [255], ["XdY0", "$_"]),                      # 40000 = 1|7|2|0 in base 32; 255 = 3 * 64 + 63
])
def test_posting_lists_are_written_as_short_text(docs: list[int], codes: list[int], written: list[str]) -> None:
    from generator.search.index import encode_postings
    from generator.search.query import decode
    assert encode_postings(docs, codes) == written
    assert decode(written) == dict(zip(docs, codes))


def test_posting_text_round_trips() -> None:
    import random
    from generator.search.index import encode_postings, varint_text
    from generator.search.query import decode
    rng = random.Random(5)
    for _ in range(300):
        n = rng.choice([1, 2, 5, 50, 400])
        docs = sorted(rng.sample(range(rng.choice([n, 2 * n, 70_000])), n))
        codes = [rng.randrange(256) for _ in docs]
        assert decode(encode_postings(docs, codes)) == dict(zip(docs, codes))
    values = np.array([0, 31, 32, 1023, 1024, 32767, 32768, 2**22], dtype=np.int32)
    text, offsets = varint_text(values)
    assert text.tobytes().decode() == "".join(encode_postings([int(v)], [0])[0] for v in values)
    assert offsets.tolist() == [0, 1, 2, 4, 6, 9, 12, 16, 21]  # 1, 1, 2, 2, 3, 3, 4 and 5 digits


def test_codes_of_is_called_once_per_document_and_its_result_is_used(tmp_path: Path) -> None:
    from generator.search.index import doc_codes
    seen: list[str] = []

    def cached(doc: SearchDoc) -> dict[str, int]:
        seen.append(doc.url)
        return doc_codes(doc)
    write_search_index(SAMPLE_DOCS, tmp_path / "a")
    write_search_index(SAMPLE_DOCS, tmp_path / "b", codes_of=cached)
    assert sorted(seen) == sorted(d.url for d in SAMPLE_DOCS)
    for path in (tmp_path / "a").rglob("*.json"):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()
    write_search_index(SAMPLE_DOCS, tmp_path / "c", codes_of=lambda doc: {"zz": 0})
    assert sorted(Index(tmp_path / "c").candidates(["zz"], {})) == list(range(len(SAMPLE_DOCS)))


def test_an_empty_corpus_gives_an_empty_index(tmp_path: Path) -> None:
    stats = write_search_index([], tmp_path)
    assert (stats.docs, stats.terms, stats.postings) == (0, 0, 0)
    assert Index(tmp_path).search("安全").total == 0
