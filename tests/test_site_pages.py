"""The rendered HTML of policy pages, lists, the home page and the site map, read by selector.

One scratch site (conftest's two base documents plus the files below) is built at
two fixed dates: AS_OF, when every status and kind of change is on show, and
LATER, after the pending document came into force, the announced repeal took
effect and the scheduled document was published. Each file is the scenario of
the tests that name it (the pagination tests build their own site of 120 notices):

========================  ===============================================  ================
file                      scenario                                         at AS_OF
========================  ===============================================  ================
rules (conftest)          normative, interpreted                           现行有效
notice (conftest)         ``expires: 2023-01-31``                          已失效 (term)
old-a, old-b              repealed by the batch notice ``cleanup``         已废止
fee-2019                  replaced by ``fee-2023``                         已废止
subsidy                   amended by ``subsidy-2024``; topic; interpreted  已修改
trial                     declared invalid by ``invalidate-2024``          已失效
care                      effective after AS_OF                            尚未生效
consume                   joint (both bodies), expires after AS_OF         现行有效
ads                       repealed by ``ads-2024``, effective after AS_OF  现行有效
forest                    ``events``: repealed by an outside document      已废止
water                     ``events``: amended, with ``by_url``             已修改
funeral                   repealed by the withheld ``secret-repeal``       已废止
procedure                 regulation                                       现行有效
secret-repeal             withheld, repeals ``funeral``: never output      —
kaoqin-guize              on_request: never output                         —
data                      published after AS_OF (scheduled)                absent
========================  ===============================================  ================
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, ScratchSite
from pagehtml import Site, resolve, select, select_one, texts

AS_OF = "2024-06-30"
LATER = "2024-10-01"

CLEANUP = "测试县人民政府关于废止部分行政规范性文件的决定"
CLEANUP_CITED = f"《{CLEANUP}》（测政发〔2023〕5号）"


def normative(title: str, number: str, written: str, published: str, extra: str = "",
              issuer: str = "test-county", genre: str = "normative") -> str:
    """A policy file; ``extra`` is more front matter, one key per line, unindented."""
    lines = "".join(f"{line}\n" for line in extra.strip().splitlines())
    return (f"---\ntitle: {title}\ngenre: {genre}\nissuer: {issuer}\ndoc_number: {number}\n"
            f"written: {written}\npublished: {published}\n{lines}---\n\n{title}的正文。\n")


FILES = {
    "policies/2019/old-a.md": normative("测试县农村集体资产管理暂行办法", "测政规〔2019〕2号", "2019-02-25", "2019-03-01"),
    "policies/2020/old-b.md": normative("测试县城区占道经营管理规定", "测政规〔2020〕1号", "2020-04-01", "2020-04-10"),
    "policies/2023/cleanup.md": """\
        ---
        title: 测试县人民政府关于废止部分行政规范性文件的决定
        genre: other
        issuer: test-county
        doc_number: 测政发〔2023〕5号
        written: 2023-05-25
        published: 2023-05-26
        effective: 2023-06-01
        repeals: [old-a, old-b]
        ---

        经清理，决定废止下列文件。
        """,
    "policies/2019/fee-2019.md": normative("测试县城市道路停车收费管理办法", "测政规〔2019〕5号", "2019-07-20", "2019-08-01"),
    "policies/2023/fee-2023.md": normative("测试县城市道路临时停车收费管理办法", "测政规〔2023〕2号", "2023-08-25",
                                           "2023-09-01", "effective: 2023-10-01\nreplaces: [fee-2019]"),
    "policies/2021/subsidy.md": normative("测试县耕地地力保护补贴实施办法", "测政规〔2021〕3号", "2021-03-10", "2021-03-15",
                                          'topics: ["农业、林业、水利\\\\农业、畜牧业、渔业"]'),
    "policies/2024/subsidy-2024.md": normative("测试县人民政府关于调整耕地地力保护补贴标准的决定", "测政规〔2024〕1号",
                                               "2024-01-02", "2024-01-05", "effective: 2024-02-01\namends: [subsidy]"),
    "interpretations/subsidy-jd.md": """\
        ---
        title: 《测试县耕地地力保护补贴实施办法》图解
        published: 2021-03-16
        interprets: [subsidy]
        kind: graphic
        source: test-county
        ---

        图解。
        """,
    "policies/2020/trial.md": normative("测试县小微企业创业担保贷款管理试行办法", "测政规〔2020〕4号", "2020-06-25",
                                        "2020-07-01", "expires: 2025-06-30"),
    "policies/2024/invalidate-2024.md": normative("测试县人民政府关于宣布失效部分行政规范性文件的决定", "测政发〔2024〕2号",
                                                  "2024-02-26", "2024-03-01", "invalidates: [trial]", genre="other"),
    "policies/2024/care.md": normative("测试县养老服务补贴管理办法", "测政规〔2024〕3号", "2024-06-18", "2024-06-20",
                                       "effective: 2024-08-01"),
    "policies/2023/consume.md": normative("测试县促进消费若干措施", "测政规〔2023〕4号", "2023-11-28", "2023-12-01",
                                          "expires: 2025-12-31", issuer="[test-county, test-office]"),
    "policies/2021/ads.md": normative("测试县户外广告设置管理办法", "测政规〔2021〕6号", "2021-09-25", "2021-10-01"),
    "policies/2024/ads-2024.md": normative("测试县户外广告设施设置管理规定", "测政规〔2024〕4号", "2024-06-10", "2024-06-15",
                                           "effective: 2024-09-01\nrepeals: [ads]"),
    "policies/2018/forest.md": """\
        ---
        title: 测试县森林防火管理办法
        genre: normative
        issuer: test-county
        doc_number: 测政规〔2018〕2号
        written: 2018-04-25
        published: 2018-05-01
        events:
          - date: 2023-03-01
            type: repealed
            by_title: 某市人民政府关于废止部分规范性文件的决定
            by_doc_number: 某政发〔2023〕1号
        ---

        森林防火。
        """,
    "policies/2019/water.md": """\
        ---
        title: 测试县农村饮水安全工程管理办法
        genre: normative
        issuer: test-county
        doc_number: 测政规〔2019〕7号
        written: 2019-08-26
        published: 2019-09-01
        events:
          - date: 2022-01-01
            type: amended
            by_title: 某市农村供水条例
            by_url: https://www.example.gov.cn/zwgk/2022/1.html
        ---

        农村饮水。
        """,
    "policies/2017/funeral.md": normative("测试县殡葬管理暂行规定", "测政规〔2017〕1号", "2017-05-25", "2017-06-01"),
    "policies/2022/secret-repeal.md": normative("测试县关于内部清理事项的机密通知", "测政发〔2022〕99号", "2022-11-25",
                                                "2022-12-01", "repeals: [funeral]\ndisclosure: withheld\n"
                                                "withheld_ground: 《中华人民共和国政府信息公开条例》第十四条", genre="other"),
    "policies/2022/kaoqin-guize.md": normative("测试县机关内部考勤工作规则", "测政办〔2022〕8号", "2022-03-01", "2022-03-02",
                                           "disclosure: on_request", genre="other"),
    "policies/2021/procedure.md": normative("测试县人民政府规章制定程序规定", "测试县人民政府令第1号", "2021-01-10",
                                            "2021-01-15", 'topics: ["综合政务\\\\政务公开"]', genre="regulation"),
    "policies/2024/data.md": normative("测试县公共数据资源管理办法", "测政规〔2024〕6号", "2024-09-05", "2024-09-10"),
}

NEVER_SHOWN = ["测试县关于内部清理事项的机密通知", "测政发〔2022〕99号", "secret-repeal", "kaoqin-guize",
               "测试县机关内部考勤工作规则", "测政办〔2022〕8号"]


def build(base: Path, as_of: str) -> Site:
    site = ScratchSite(base)
    for rel, text in FILES.items():
        site.write(rel, text)
    assert site.build(base / "site", as_of) == 0
    return Site(base / "site")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Site:
    return build(tmp_path_factory.mktemp("pages"), AS_OF)


@pytest.fixture(scope="module")
def later(tmp_path_factory) -> Site:
    return build(tmp_path_factory.mktemp("pages-later"), LATER)


# --- helpers: the page as a visitor reads it ----------------------------------------------------------

def cited(doc_id: str) -> str:
    """《标题》（文号） of a scenario file, read from its front matter (the input, not the page)."""
    text = next(t for rel, t in FILES.items() if rel.endswith(f"/{doc_id}.md"))
    fields = dict(line.strip().split(": ", 1) for line in text.splitlines() if ": " in line)
    return f"《{fields['title']}》（{fields['doc_number']}）"


def header(site: Site, url: str) -> dict[str, str]:
    """The standard header table as {th: td}; every row header is a ``<th scope=row>``."""
    rows = select(site.article(url), "table.doc-header tr")
    assert all(select_one(tr, "th").attrs.get("scope") == "row" for tr in rows)
    return {select_one(tr, "th").text: select_one(tr, "td").text for tr in rows}


def banner(site: Site, url: str) -> list[str]:
    """The sentences of the validity note, after its first line 有效性：<label>."""
    return texts(site.article(url), "div.validity p")


def target(site: Site, page_url: str, href: str) -> str:
    """The site URL a relative link leads to; fails unless that page was built."""
    resolved = resolve(page_url, href)
    assert resolved is not None, f"{href!r} on {page_url!r} is not a relative link"
    assert site.exists(resolved[0]), f"{href!r} on {page_url!r} leads to {resolved[0]!r}, which was not built"
    return resolved[0]


def listed(site: Site, url: str) -> list[str]:
    """The documents a list page (or the home page's latest block) shows, in order, as the
    policy URLs their title links lead to."""
    rows = doc_rows(site, url)
    return [target(site, url, select(tr, "a")[0].attrs["href"]) for tr in rows]


def doc_rows(site: Site, url: str) -> list:
    """A list's table rows; on the home page the items of its latest documents."""
    return select(site.article(url), "ul.home-docs li" if url == "" else "table.doc-list tbody tr")


def ids(urls: list[str]) -> list[str]:
    assert all(u.startswith("policies/") for u in urls), urls
    return [u.split("/")[1] for u in urls]


def text_files(site: Site) -> dict[str, str]:
    return {p.relative_to(site.root).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for p in site.root.rglob("*") if p.is_file() and p.suffix in {".html", ".xml", ".json", ".js", ".txt", ".csv"}}


# --- the standard header ---------------------------------------------------------------------------

def test_header_of_a_joint_document_with_an_expiry_and_no_topic(built):
    rows = header(built, "policies/consume/")
    assert list(rows)[:7] == ["索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期"]
    assert rows["主题分类"] == "无"
    assert rows["发文机关"] == "测试县人民政府、测试县人民政府办公室"
    assert rows["成文日期"] == "2023年11月28日"
    assert rows["发布日期"] == "2023年12月1日"
    assert rows["标题"] == "测试县促进消费若干措施"
    assert rows["发文字号"] == "测政规〔2023〕4号"
    assert rows["有效期至"] == "2025年12月31日"
    assert rows["有效性"] == "现行有效"
    # 索引号: the first issuer's credit code, the publication year, a five-digit sequence number
    assert re.fullmatch(r"11990599MB0000001X/2023-\d{5}", rows["索引号"])


def test_header_topic_number_and_status_badge(built):
    rows = header(built, "policies/subsidy/")
    assert rows["主题分类"] == "农业、林业、水利\\农业、畜牧业、渔业"
    assert rows["发文机关"] == "测试县人民政府"
    assert rows["有效性"] == AMENDED
    badge = select_one(built.article("policies/subsidy/"), "table.doc-header span.badge")
    assert "badge--amended" in badge.attrs["class"].split() and badge.text == AMENDED


def test_header_of_a_document_without_number_issued_by_the_office(built):
    rows = header(built, "policies/notice/")
    assert rows["发文字号"] == "无"
    assert rows["发文机关"] == "测试县人民政府办公室"
    assert re.fullmatch(r"11990599MB0000002X/2023-\d{5}", rows["索引号"])
    assert rows["有效期至"] == "2023年1月31日" and "施行日期" not in rows   # in force on publication


def test_index_numbers_are_unique(built):
    numbers = [header(built, u)["索引号"] for u in built.pages() if u.startswith("policies/")
               and u.count("/") == 2]
    assert len(numbers) == 19 and len(set(numbers)) == 19


# --- the validity banner, word for word --------------------------------------------------------------

# An amended document is still in force, in words (issue 19: 已修改 alone reads as "superseded"),
# and the banner says whether the text shown is the amended one.
AMENDED = "现行有效（部分条款已修改）"
ORIGINAL_BODY = "本页正文为发布时的原文，未并入上述修改内容，请与修改文件对照阅读。"

BANNERS = {
    # id: (status, label, sentences, where the acting document's link leads: a page, an address or None)
    "old-a": ("repealed", "已废止", [f"本文件已于2023年6月1日被{CLEANUP_CITED}废止。"], "policies/cleanup/"),
    "fee-2019": ("repealed", "已废止", ["本文件已于2023年10月1日被{fee-2023}替代，已废止。"], "policies/fee-2023/"),
    "subsidy": ("amended", AMENDED, ["本文件现行有效，部分条款已于2024年2月1日经{subsidy-2024}修改。", ORIGINAL_BODY],
                "policies/subsidy-2024/"),
    "notice": ("expired", "已失效", ["本文件有效期至2023年1月31日，已失效。"], None),
    "trial": ("expired", "已失效", ["本文件已于2024年3月1日被{invalidate-2024}宣布失效。"], "policies/invalidate-2024/"),
    "care": ("pending", "尚未生效", ["本文件将于2024年8月1日施行，目前尚未生效。"], None),
    "consume": ("in_force", "现行有效", ["本文件现行有效。", "本文件有效期至2025年12月31日，届时失效。"], None),
    "ads": ("in_force", "现行有效", ["本文件现行有效。", "本文件将于2024年9月1日被{ads-2024}废止。"], "policies/ads-2024/"),
    "forest": ("repealed", "已废止",
               ["本文件已于2023年3月1日被《某市人民政府关于废止部分规范性文件的决定》（某政发〔2023〕1号）废止。"], None),
    "water": ("amended", AMENDED, ["本文件现行有效，部分条款已于2022年1月1日经《某市农村供水条例》修改。", ORIGINAL_BODY],
              "https://www.example.gov.cn/zwgk/2022/1.html"),
    "funeral": ("repealed", "已废止", ["本文件已于2022年12月1日被有关文件废止。"], None),
    "rules": ("in_force", "现行有效", ["本文件现行有效。"], None),
}


def expand(sentence: str) -> str:
    """``{doc-id}`` -> that document's 《标题》（文号）."""
    return re.sub(r"\{([a-z0-9-]+)\}", lambda m: cited(m[1]), sentence)


@pytest.mark.parametrize("doc_id", BANNERS)
def test_banner_says_the_status_and_its_cause_in_words(built, doc_id):
    status, label, sentences, link = BANNERS[doc_id]
    url = f"policies/{doc_id}/"
    note = select_one(built.article(url), "div.validity")
    assert f"validity--{status}" in note.attrs["class"].split() and note.attrs["role"] == "note"
    assert banner(built, url) == [f"有效性：{label}"] + [expand(s) for s in sentences]
    links = select(note, "a")
    if link is None:
        assert links == []
    else:
        assert len(links) == 1
        href = links[0].attrs["href"]
        assert (href if href.startswith("https://") else target(built, url, href)) == link
        assert any(links[0].text in s for s in banner(built, url))   # the link is the cited title


def test_withheld_acting_document_is_neither_named_nor_linked(built):
    note = select_one(built.article("policies/funeral/"), "div.validity")
    assert select(note, "a") == [] and "《" not in note.text


def test_announced_changes_take_effect_at_a_later_date(later):
    assert banner(later, "policies/ads/") == ["有效性：已废止", f"本文件已于2024年9月1日被{cited('ads-2024')}废止。"]
    assert banner(later, "policies/care/") == ["有效性：现行有效", "本文件现行有效。"]
    assert banner(later, "policies/ads-2024/") == ["有效性：现行有效", "本文件现行有效。"]


# --- the dated history, both ways ---------------------------------------------------------------------

RELATIONS = [   # acting document, target, verb, date, announced (not yet in effect at AS_OF)
    ("cleanup", "old-a", "废止", "2023-06-01", False),
    ("cleanup", "old-b", "废止", "2023-06-01", False),
    ("fee-2023", "fee-2019", "替代", "2023-10-01", False),
    ("subsidy-2024", "subsidy", "修改", "2024-02-01", False),
    ("invalidate-2024", "trial", "宣布失效", "2024-03-01", False),
    ("ads-2024", "ads", "废止", "2024-09-01", True),
]


def history(site: Site, url: str) -> list[tuple[str, str, list[str], bool]]:
    """(datetime, sentence, links, upcoming) of each history row."""
    rows = []
    for tr in select(site.article(url), "table.history tbody tr"):
        cells = select(tr, "td")
        links = [a.attrs["href"] for a in select(cells[1], "a")]
        rows.append((select_one(cells[0], "time").attrs["datetime"], cells[1].text, links,
                     "upcoming" in tr.attrs.get("class", "").split()))
    return rows


@pytest.mark.parametrize("actor, changed, verb, date, upcoming", RELATIONS)
def test_history_links_both_ways(built, actor, changed, verb, date, upcoming):
    actor_url, changed_url = f"policies/{actor}/", f"policies/{changed}/"
    will = "将" if upcoming else ""
    made = [r for r in history(built, actor_url) if r[1] == f"{will}{verb}{cited(changed)}。"]
    assert [(d, up) for d, _, _, up in made] == [(date, upcoming)]
    assert [target(built, actor_url, href) for href in made[0][2]] == [changed_url]
    suffered = [r for r in history(built, changed_url) if r[1] == f"{will}被{cited(actor)}{verb}。"]
    assert [(d, up) for d, _, _, up in suffered] == [(date, upcoming)]
    assert [target(built, changed_url, href) for href in suffered[0][2]] == [actor_url]


def test_batch_notice_lists_every_document_it_repealed(built):
    rows = [r for r in history(built, "policies/cleanup/") if r[1].startswith("废止")]
    assert [r[1] for r in rows] == [f"废止{cited('old-a')}。", f"废止{cited('old-b')}。"]


def test_history_starts_with_publication_and_is_dated(built):
    rows = history(built, "policies/notice/")
    assert [(d, s) for d, s, _, _ in rows] == [("2023-01-11", "发布。"), ("2023-01-11", "施行。"),
                                               ("2023-02-01", "有效期届满，失效。")]
    first = select(built.article("policies/notice/"), "table.history tbody time")[0]
    assert first.text == "2023年1月11日"


def test_outside_changes_in_the_history(built):
    forest = [r for r in history(built, "policies/forest/") if "废止" in r[1]]
    assert forest == [("2023-03-01", "被《某市人民政府关于废止部分规范性文件的决定》（某政发〔2023〕1号）废止。", [], False)]
    water = [r for r in history(built, "policies/water/") if "修改" in r[1]]
    assert water == [("2022-01-01", "被《某市农村供水条例》修改。", ["https://www.example.gov.cn/zwgk/2022/1.html"], False)]
    funeral = [r for r in history(built, "policies/funeral/") if "废止" in r[1]]
    assert funeral == [("2022-12-01", "被有关文件废止。", [], False)]


def test_a_document_no_longer_in_force_shows_no_future_rows(built):
    """Declared invalid in 2024 with a term to 2025-06-30: no 「（尚未到来）有效期届满」 row."""
    rows = history(built, "policies/trial/")
    assert [(d, s) for d, s, _, _ in rows] == [("2020-07-01", "发布。"), ("2020-07-01", "施行。"),
                                               ("2024-03-01", f"被{cited('invalidate-2024')}宣布失效。")]
    assert all(not upcoming for *_, upcoming in rows)


def test_announced_rows_are_marked_as_still_to_come(built):
    row = select(built.article("policies/ads-2024/"), "table.history tr.upcoming")
    assert [texts(tr, "td") for tr in row] == [["2024年9月1日（尚未到来）", "将施行。"],
                                               ["2024年9月1日（尚未到来）", f"将废止{cited('ads')}。"]]


# --- interpretations --------------------------------------------------------------------------------

def test_interpretations_are_listed_on_the_policy_page(built):
    section = select_one(built.article("policies/subsidy/"), "section.doc-interpretations")
    assert texts(section, "li") == ["《测试县耕地地力保护补贴实施办法》图解（图解，2021年3月16日）"]
    assert target(built, "policies/subsidy/", select_one(section, "a").attrs["href"]) == "interpretations/subsidy-jd/"
    assert select(built.article("policies/consume/"), "section.doc-interpretations") == []


def test_interpreted_documents_carry_a_badge_in_lists(built):
    # the home page's latest documents are tested in test_home.py
    expected = {"lists/current/": ["rules", "subsidy"], "lists/all/": ["rules", "subsidy"]}
    for url, interpreted in expected.items():
        rows = doc_rows(built, url)
        badged = [ids([target(built, url, select(tr, "a")[0].attrs["href"])])[0] for tr in rows
                  if texts(tr, "span.badge--interpreted") == ["有解读"]]
        assert badged == interpreted, url


# --- lists ---------------------------------------------------------------------------------------------

LISTS = {
    "lists/current/": ["subsidy-2024", "consume", "fee-2023", "rules", "ads", "subsidy", "water"],
    "lists/regulations/": ["procedure"],
    "lists/repealed/": ["old-b", "fee-2019", "old-a", "forest", "funeral"],
    "lists/expired/": ["notice", "trial"],
    "lists/pending/": ["care", "ads-2024"],
}
STATUS_OF_LIST = {"lists/current/": {"现行有效", "已修改"}, "lists/repealed/": {"已废止"},
                  "lists/expired/": {"已失效"}, "lists/pending/": {"尚未生效"}, "lists/regulations/": {"现行有效"}}


@pytest.mark.parametrize("url", LISTS)
def test_list_holds_exactly_its_documents_newest_first(built, url):
    assert ids(listed(built, url)) == LISTS[url]
    badges = {tr.text for tr in select(built.article(url), "table.doc-list td[data-label=有效性]")}
    assert badges == STATUS_OF_LIST[url]
    caption = select_one(built.article(url), "table.doc-list caption").text
    assert caption.endswith(f"，共 {len(LISTS[url])} 件")


def test_all_documents_list_is_sorted_by_publication_date(built):
    urls = listed(built, "lists/all/")
    assert len(urls) == 19 and len(set(urls)) == 19
    dates = [t.attrs["datetime"] for t in select(built.article("lists/all/"), "table.doc-list time")]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == "2024-06-20" and dates[-1] == "2017-06-01"


def test_list_row_shows_number_date_and_status(built):
    row = next(tr for tr in select(built.article("lists/repealed/"), "table.doc-list tbody tr")
               if "old-a" in select(tr, "a")[0].attrs["href"])
    assert [td.text for td in select(row, "td")] == ["测试县农村集体资产管理暂行办法", "测政规〔2019〕2号",
                                                     "2019年3月1日", "已废止"]


def follow(site: Site, url: str, label: str) -> str:
    """The page the group link labelled ``label``（N 件） leads to, checking N against the rows there."""
    for li in select(site.article(url), "ul.group-list li"):
        m = re.fullmatch(r"(.*)（(\d+) 件）", li.text)
        if m and m[1] == label:
            page = target(site, url, select_one(li, "a").attrs["href"])
            assert len(listed(site, page)) == int(m[2])
            return page
    raise AssertionError(f"no group {label!r} on {url}")


def test_grouped_pages_by_year_topic_and_issuer(built):
    assert ids(listed(built, follow(built, "lists/years/", "2023年"))) == ["consume", "fee-2023", "cleanup", "notice"]
    assert ids(listed(built, follow(built, "lists/years/", "2022年"))) == ["rules"]   # not the withheld notice
    assert ids(listed(built, follow(built, "lists/topics/", "农业、林业、水利\\农业、畜牧业、渔业"))) == ["subsidy"]
    assert ids(listed(built, follow(built, "lists/topics/", "综合政务\\政务公开"))) == ["procedure"]
    assert ids(listed(built, follow(built, "lists/issuers/", "测试县人民政府办公室"))) == ["consume", "notice"]
    county = ids(listed(built, follow(built, "lists/issuers/", "测试县人民政府")))
    assert "consume" in county and "notice" not in county and len(county) == 18   # a joint document is in both


def test_every_group_count_matches_its_page(built):
    for url in ("lists/years/", "lists/topics/", "lists/issuers/"):
        labels = [re.sub(r"（\d+ 件）$", "", li.text) for li in select(built.article(url), "ul.group-list li")]
        assert labels and all(follow(built, url, label) for label in labels)


def test_home_page_columns_latest_documents_and_recent_changes(built):
    home = built.article("")
    blocks = {select_one(b, "h3 a").text: (target(built, "", select_one(b, "h3 a").attrs["href"]),
                                           texts(b, "span.home-count")) for b in select(home, "section.home-block")
              if select(b, "h3")}
    assert blocks["现行有效行政规范性文件"] == ("lists/current/", ["7 件"])
    assert blocks["政策解读"][0] == "interpretations/"
    latest = select_one(home, "section.home-block--latest")
    assert texts(latest, "a.home-more") == ["更多全部政策文件（共 19 件）"]
    links = {a.text: target(built, "", a.attrs["href"]) for a in select(home, "ul.home-links a")}
    assert links["清理结果：已废止文件"] == "lists/repealed/" and links["网站地图"] == "sitemap/"
    assert listed(built, "") == listed(built, "lists/all/")[:6]
    changes = [(select(li, "a")[0].text, texts(li, "time"), texts(li, "span.badge"))
               for li in select(home, "section.home-block--changes li")]
    assert changes[0] == ("测试县养老服务补贴管理办法", ["2024年8月1日"], ["即将施行"])   # the pending document
    past = [c for c in changes if c[2] != ["即将施行"]]
    assert past[:3] == [("测试县小微企业创业担保贷款管理试行办法", ["2024年3月1日"], ["已失效"]),
                           ("测试县耕地地力保护补贴实施办法", ["2024年2月1日"], ["已修改"]),
                           ("测试县城市道路停车收费管理办法", ["2023年10月1日"], ["已废止"])]


def test_sitemap_links_every_column_by_its_title(built):
    for a in select(built.article("sitemap/"), "ul.group-list a"):
        page = target(built, "sitemap/", a.attrs["href"])
        if page:   # the home page's heading is the site name
            assert select_one(built.article(page), "h1").text == a.text
    titles = texts(built.article("sitemap/"), "ul.group-list a")
    assert {"现行有效行政规范性文件", "规章", "全部政策文件", "已废止文件（清理结果）", "已失效文件（清理结果）",
            "尚未生效文件", "按年份浏览", "按主题分类浏览", "按发文机关浏览", "政策解读"} <= set(titles)


# --- scheduled and non-public documents --------------------------------------------------------------

def test_scheduled_document_appears_once_its_publication_date_passes(built, later):
    needles = ("测试县公共数据资源管理办法", "测政规〔2024〕6号", "policies/data/")
    assert not built.exists("policies/data/")
    assert [(f, n) for f, text in text_files(built).items() for n in needles if n in text] == []
    assert later.exists("policies/data/")
    assert header(later, "policies/data/")["发布日期"] == "2024年9月10日"
    for url in ("lists/all/", "lists/current/", ""):
        assert ids(listed(later, url))[0] == "data"
    assert "data" in ids(listed(later, follow(later, "lists/years/", "2024年")))


@pytest.mark.parametrize("when", ["built", "later"])
def test_withheld_and_on_request_documents_never_appear(request, when):
    site = request.getfixturevalue(when)
    assert not site.exists("policies/secret-repeal/") and not site.exists("policies/kaoqin-guize/")
    assert [(f, n) for f, text in text_files(site).items() for n in NEVER_SHOWN if n in text] == []


# --- pagination ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def many(tmp_path_factory) -> tuple[Site, list[str]]:
    """120 notices published a day apart (and nothing else), built as of 2026-11-21."""
    site = ScratchSite(tmp_path_factory.mktemp("many"))
    for rel in ("policies/2022/rules.md", "policies/2023/notice.md", "interpretations/rules-jd.md"):
        site.remove(rel)
    titles = []
    for n in range(1, 121):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=n)
        titles.append(f"测试县第{n:03d}号工作通知")
        site.write(f"policies/gen/n{n:03d}.md", f"""\
            ---
            title: {titles[-1]}
            genre: other
            issuer: test-office
            written: {day.isoformat()}
            published: {day.isoformat()}
            ---

            通知正文。
            """)
    assert site.build(site.base / "site", "2026-11-21") == 0
    return Site(site.base / "site"), titles[::-1]   # newest first


PAGES = ["lists/all/", "lists/all/page/2/", "lists/all/page/3/"]


def test_a_long_list_is_split_into_pages_of_fifty(many):
    site, newest_first = many
    assert [len(listed(site, url)) for url in PAGES] == [50, 50, 20]
    assert not site.exists("lists/all/page/4/") and not site.exists("lists/all/page/1/")
    shown = [a.text for url in PAGES for a in select(site.article(url), "table.doc-list td[data-label=标题] a")]
    assert shown == newest_first
    assert texts(site.article("lists/all/page/2/"), "h1") == ["全部政策文件（第2页）"]
    assert texts(site.article("lists/all/page/2/"), "table.doc-list caption") == ["全部政策文件，共 120 件，第 2 页"]


@pytest.mark.parametrize("number", [1, 2, 3])
def test_pager_links_previous_next_and_current(many, number):
    site, _ = many
    url = PAGES[number - 1]
    pager = select_one(site.article(url), "nav.pager")
    assert pager.attrs["aria-label"] == "分页"
    assert texts(pager, "p") == [f"第 {number} 页，共 3 页（120 件）"]
    prev, nxt = select(pager, "a[rel=prev]"), select(pager, "a[rel=next]")
    assert [(a.text, target(site, url, a.attrs["href"])) for a in prev] == (
        [("上一页", PAGES[number - 2])] if number > 1 else [])
    assert [(a.text, target(site, url, a.attrs["href"])) for a in nxt] == (
        [("下一页", PAGES[number])] if number < 3 else [])
    numbers = [(a.text, target(site, url, a.attrs["href"])) for a in select(pager, "a") if a.text.isdigit()]
    assert numbers == [("1", PAGES[0]), ("2", PAGES[1]), ("3", PAGES[2])]
    current = select(pager, "a[aria-current=page]")
    assert [a.text for a in current] == [str(number)]


# --- every internal link and asset of the example site resolves ---------------------------------------

LINKED = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src", "source": "src",
          "iframe": "src", "video": "src", "audio": "src", "track": "src", "embed": "src"}


def example_base_url() -> str:
    return yaml.safe_load((REPO / "content" / "site.yml").read_text(encoding="utf-8"))["base_url"]


def anchors(site: Site, url: str, cache: dict[str, set[str]]) -> set[str]:
    if url not in cache:
        nodes = site.page(url).iter()
        cache[url] = {n.attrs[k] for n in nodes for k in ("id", "name") if n.attrs.get(k)
                      and (k == "id" or n.tag == "a")}
    return cache[url]


def unresolved(site: Site, pages: list[str]) -> tuple[list[str], int, int]:
    """Relative links on ``pages`` whose file or ``#fragment`` is missing; and how many links and fragments were followed."""
    broken, followed, fragments, cache = [], 0, 0, {}
    for url in pages:
        for node in site.page(url).iter():
            attr = LINKED.get(node.tag)
            href = node.attrs.get(attr, "") if attr else ""
            if not href or (node.tag == "link" and node.attrs.get("rel") in ("preconnect", "dns-prefetch")):
                continue
            found = resolve(url, href)
            if found is None:   # an outside address, mailto:, or root-relative (checked in test_selfcontained)
                continue
            followed += 1
            page, fragment = found
            if not site.exists(page):
                broken.append(f"{url}: {href} -> {page} (no such file)")
            elif fragment and (page == "" or page.endswith(("/", ".html"))):
                fragments += 1
                if fragment not in anchors(site, page, cache):
                    broken.append(f"{url}: {href} -> {page} has no #{fragment}")
    return broken, followed, fragments


def test_link_checker_finds_no_problem_in_the_example_site(example_site):
    from generator.linkcheck import review_links
    report = review_links(example_site, example_base_url(), "site")
    assert [str(p) for p in report.problems] == []
    editor = 1  # admin/index.html: the web editor's page, checked too, not a page of the column
    assert report.pages == len([p for p in Site(example_site).pages() if p != "404.html"]) + editor
    assert report.pages > 50


def test_every_relative_link_and_fragment_of_the_example_site_resolves(example_site):
    """An independent resolver (pagehtml.resolve) over the home page, columns, lists and a sample of the rest."""
    site = Site(example_site)
    every = [u for u in site.pages() if u != "404.html"]
    chosen = [u for u in every if u == "" or u.count("/") <= 2 or u.startswith(("lists/", "qa/", "catalog/"))]
    sample = sorted(set(chosen + every[::3]))
    assert {"", "sitemap/", "lists/current/", "qa/", "catalog/"} <= set(sample) and len(sample) > len(every) // 2
    broken, followed, fragments = unresolved(site, sample)
    assert broken == []
    assert followed > 20 * len(sample) and fragments > len(sample)   # assets, columns, skip links, Q&A anchors


def test_both_checkers_catch_a_planted_broken_link_and_anchor(example_site, tmp_path):
    from generator.linkcheck import review_links
    copy = tmp_path / "site"
    shutil.copytree(example_site, copy)
    page = copy / "sitemap" / "index.html"
    html = page.read_text(encoding="utf-8")
    planted = '<p><a href="../lists/nowhere/">断链</a><a href="../lists/current/#no-such-id">断锚</a></p></article>'
    page.write_text(html.replace("</article>", planted, 1), encoding="utf-8")
    report = review_links(copy, example_base_url(), "site")
    assert sorted(p.key for p in report.problems) == ["../lists/current/#no-such-id", "../lists/nowhere/"]
    broken, _, _ = unresolved(Site(copy), ["sitemap/"])
    assert broken == ["sitemap/: ../lists/nowhere/ -> lists/nowhere/ (no such file)",
                      "sitemap/: ../lists/current/#no-such-id -> lists/current/ has no #no-such-id"]
