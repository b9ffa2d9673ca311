"""The standard catalog: located errors, the coverage report, and the rendered catalog pages."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from catalog_html import page

AREA_YML = """\
    area: 社会救助
    level: [county, township]
    items:
      - code: "0101"
        category: [最低生活保障, 政策文件]
        content: 最低生活保障政策文件
        basis: 《社会救助暂行办法》
        deadline: 信息形成或变更之日起20个工作日内
        owner: test-office
        channels: [政府网站, 村（居）务公开栏]
        audience: public
        mode: proactive
        links:
          - policy: rules
          - policy: notice
          - page: guide
          - url: https://www.mca.gov.cn/article/
          - topics: ["民政、扶贫、救灾\\\\社会福利"]
      - category: [临时救助]
        content: 临时救助审批结果
        basis: 《社会救助暂行办法》第四十九条
        deadline: 审批后5个工作日内
        owner: test-county
        channels: [精准推送]
        audience: specific
        mode: on_request
        level: [township]
    """

WELFARE_MD = """\
    ---
    title: 测试县{title}
    genre: other
    issuer: test-county
    written: {date}
    published: {date}
    topics: ["民政、扶贫、救灾\\\\社会福利"]
    ---

    正文。
    """

NOT_APPLICABLE_YML = """\
    area: 城乡规划
    level: [township]
    not_applicable: 本镇未编制乡村规划，城乡规划事项由县自然资源局公开。
    """

HEADERS = ["一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
           "公开对象", "公开方式", "公开层级", "相关信息"]


def check_at(site, as_of: str) -> list[str]:
    """``build.py check --as-of``: every problem as the one-line message authors read."""
    from generator.pipeline import check_content
    _, report = check_content(site.root, "content", dt.date.fromisoformat(as_of))
    return [str(p) for p in report]


def of_file(messages: list[str], rel: str) -> list[str]:
    return [m for m in messages if m.startswith(f"content/{rel}:")]


@pytest.fixture
def catalog_site(scratch_site):
    scratch_site.write("catalog/social-assistance.yml", AREA_YML)
    scratch_site.write("policies/2024/welfare-a.md", WELFARE_MD.format(title="养老服务补贴办法", date="2024-03-01"))
    scratch_site.write("policies/2025/welfare-b.md", WELFARE_MD.format(title="残疾人两项补贴办法", date="2025-06-10"))
    return scratch_site


@pytest.fixture
def built(catalog_site, tmp_path) -> Path:
    catalog_site.write("catalog/planning.yml", NOT_APPLICABLE_YML)
    out = tmp_path / "site"
    assert catalog_site.build(out) == 0
    return out


# --- rendered pages ------------------------------------------------------------------

def test_area_overview_table_has_caption_and_four_column_headers(built):
    table = page(built, "catalog/social-assistance/").find("table", "catalog-index")
    assert table.find("caption").text == "社会救助领域基层政务公开标准目录，共 2 项"
    headers = table.find("thead").find_all("th")
    assert [th.text for th in headers] == ["事项", "公开时限", "公开方式", "相关信息"]
    assert {th.attrs.get("scope") for th in headers} == {"col"}
    first = table.find("tbody").direct("tr")[0].direct("td")
    assert first[0].find("a").attrs["href"] == "#" + _items(built)[0].attrs["id"]


def test_area_page_has_no_table_wider_than_a_column_can_hold(built):
    """An 11-column table in a 688 px box scrolled sideways (issue 19): items are cards now."""
    for table in page(built, "catalog/social-assistance/").find_all("table"):
        columns = len(table.find("thead").find_all("th"))
        assert columns <= 4, f"a {columns}-column table on the catalog area page"


def _items(built):
    return page(built, "catalog/social-assistance/").find_all("section", "catalog-item")


def _facts(item) -> dict[str, object]:
    """The item's definition list as {label: dd node}."""
    dl = item.find("dl", "catalog-item__facts")
    labels = [dt.text for dt in dl.direct("dt")]
    assert labels == HEADERS, labels
    return dict(zip(labels, dl.direct("dd")))


def test_every_field_of_an_item_is_shown_with_its_label(built):
    items = _items(built)
    assert len(items) == 2
    cells = {label: dd.text for label, dd in _facts(items[1]).items()}
    assert cells == {"一级事项": "临时救助", "二级事项": "—", "公开内容（要素）": "临时救助审批结果",
                     "公开依据": "《社会救助暂行办法》第四十九条", "公开时限": "审批后5个工作日内",
                     "公开主体": "测试县人民政府", "公开渠道和载体": "精准推送", "公开对象": "特定群体",
                     "公开方式": "依申请", "公开层级": "乡级", "相关信息": "暂无链接信息"}
    assert items[1].find("h2").text == "临时救助"
    first = {label: dd.text for label, dd in _facts(items[0]).items()}
    assert items[0].find("h2").text.startswith("0101 最低生活保障")
    assert first["公开渠道和载体"] == "政府网站、村（居）务公开栏"
    assert first["公开层级"] == "县级、乡级"


def _links_cell(built):
    return _facts(_items(built)[0])["相关信息"]


def test_links_resolve_to_titles_with_status_badges(built):
    items = _links_cell(built).find("ul", "catalog-links").direct("li")
    texts = [li.text for li in items]
    assert texts[0] == "《测试县行政规范性文件管理办法》（测政规〔2022〕1号） 现行有效"
    assert texts[1] == "《关于2023年春节期间值班安排的通知》 已失效"
    assert texts[2] == "政府信息公开指南 页面"
    assert texts[3] == "www.mca.gov.cn 外部网站"
    assert items[0].find("a").attrs["href"] == "../../policies/rules/"
    assert items[0].find("span", "badge").attrs["class"] == "badge badge--in_force"
    assert items[1].find("span", "badge").attrs["class"] == "badge badge--expired"
    assert items[2].find("a").attrs["href"] == "../../pages/guide/"
    assert items[3].find("a").attrs["href"] == "https://www.mca.gov.cn/article/"


def test_a_topics_link_lists_matching_documents_newest_first(built):
    topic_item = _links_cell(built).find("ul", "catalog-links").direct("li")[4]
    assert topic_item.find("span", "catalog-links__kind").text == "主题分类：民政、扶贫、救灾\\社会福利"
    docs = topic_item.find("ul").direct("li")
    assert [li.find("a").text for li in docs] == ["《测试县残疾人两项补贴办法》", "《测试县养老服务补贴办法》"]
    assert [li.find("time").attrs["datetime"] for li in docs] == ["2025-06-10", "2024-03-01"]
    assert all(li.find("span", "badge").text == "现行有效" for li in docs)


def test_overview_summarises_pilot_coverage_without_a_wall_of_tags(built):
    """24 "未编制" tags in a grid said less than one sentence (issue 19): a summary, the rest on demand."""
    overview = page(built, "catalog/")
    assert overview.find_all("span", "badge--absent") == []
    assert "本站已编制 2 个，尚未编制 24 个。" in overview.text
    covered = overview.find("p", "catalog-covered")
    assert covered.text == "已编制：城乡规划、社会救助。"
    assert [a.attrs["href"] for a in covered.find_all("a")] == ["planning/", "social-assistance/"]
    absent = overview.find("details", "catalog-absent")
    assert absent.find("summary").text == "尚未编制的 24 个试点领域"
    names = absent.find("p").text.rstrip("。").split("、")
    assert len(names) == 24 and "财政预决算" in names and "社会救助" not in names
    areas = overview.find("table", "catalog-areas").find("tbody").direct("tr")
    assert [tr.find("a").attrs["href"] for tr in areas] == ["planning/", "social-assistance/"]


def test_not_applicable_reason_is_shown_as_a_note(built):
    reason = "本镇未编制乡村规划，城乡规划事项由县自然资源局公开。"
    note = page(built, "catalog/").find("section", "catalog-na")
    assert note.find("h2").text == "未涉及事项说明"
    assert note.find("dt").text == "城乡规划" and note.find("dd").text == reason
    area_note = page(built, "catalog/planning/").find("section", "catalog-na")
    assert area_note.find("h2").text == "未涉及事项说明" and area_note.find("p").text == reason


def test_pilot_area_list_is_the_official_26():
    from generator.features.catalog.catalog import pilot_area_of, pilot_areas
    names = [a.name for a in pilot_areas()]
    assert len(names) == len(set(names)) == 26
    assert "城乡规划" in names and "生态环境" not in names
    assert pilot_area_of("生态环境").name == "环境保护"


# --- coverage report -------------------------------------------------------------------

def test_coverage_warnings_for_unlinked_and_stale_items(catalog_site):
    messages = of_file(check_at(catalog_site, "2026-11-21"), "catalog/social-assistance.yml")
    assert messages == [
        "content/catalog/social-assistance.yml:4:5: items[0].links: 事项“0101 最低生活保障/政策文件”链接的信息"
        "最近一次发布或更新于 2025-06-10，到 2026-11-21 已超过 365 天；请发布更新的信息并添加链接，或用 max_age_days "
        "调整期限 (the newest information linked from item 0101 最低生活保障/政策文件 is of 2025-06-10, more than "
        "365 days before 2026-11-21; publish and link newer information, or adjust max_age_days)",
        "content/catalog/social-assistance.yml:19:5: items[1].links: 事项“临时救助”没有链接到任何已公开的信息；"
        "请在 links 中添加 policy、page、record、section、url 或 topics，或用 not_applicable 说明本地未涉及的原因 (item 临时救助 links "
        "to no published information; add a policy, page, record, section, url or topics link under links, or say why it does not "
        "apply here with not_applicable)",
    ]


def test_max_age_days_and_not_applicable_silence_the_coverage_report(catalog_site):
    text = (catalog_site.root / "catalog/social-assistance.yml").read_text(encoding="utf-8")
    text = text.replace("    links:\n", "    max_age_days: 730\n    links:\n", 1)
    text += "    not_applicable: 本县临时救助审批结果通过村（居）务公开栏公示。\n"
    (catalog_site.root / "catalog/social-assistance.yml").write_text(text, encoding="utf-8")
    assert of_file(check_at(catalog_site, "2026-11-21"), "catalog/social-assistance.yml") == []


def test_build_prints_the_coverage_report(catalog_site, tmp_path, capsys):
    assert catalog_site.build(tmp_path / "out") == 0
    err = capsys.readouterr().err
    assert "content/catalog/social-assistance.yml:19:5: items[1].links: 事项“临时救助”没有链接到任何已公开的信息" in err


# --- located errors ----------------------------------------------------------------------

def test_unknown_owner_policy_page_and_enum_values(scratch_site):
    scratch_site.write("catalog/bad.yml", """\
        area: 就业
        level: [county, city]
        items:
          - category: [就业服务]
            content: 招聘信息
            basis: 《就业促进法》
            deadline: 及时
            owner: test-hr
            channels: [政府网站]
            audience: everyone
            mode: proactive
            links:
              - policy: no-such-policy
              - page: no-such-page
        """)
    assert of_file(scratch_site.check(), "catalog/bad.yml") == [
        "content/catalog/bad.yml:2:17: level[1]: 值 city 不在允许范围内；请改为以下之一：county、township "
        "(city is not an allowed value; use one of: county, township)",
        "content/catalog/bad.yml:10:15: items[0].audience: 值 everyone 不在允许范围内；请改为以下之一：public、specific "
        "(everyone is not an allowed value; use one of: public, specific)",
    ]
    fixed = (scratch_site.root / "catalog/bad.yml").read_text(encoding="utf-8")
    fixed = fixed.replace("county, city", "county").replace("everyone", "public")
    (scratch_site.root / "catalog/bad.yml").write_text(fixed, encoding="utf-8")
    assert [m for m in of_file(scratch_site.check(), "catalog/bad.yml") if "没有链接" not in m] == [
        "content/catalog/bad.yml:8:12: owner: 机构 test-hr 不在 organizations.yml 中；请检查拼写或先在 organizations.yml "
        "中添加它 (organization test-hr is not in organizations.yml; check the spelling or add it there)",
        "content/catalog/bad.yml:13:17: items.links.policy: 找不到政策文件 no-such-policy；请检查编号（文件名去掉 .md） "
        "(no policy no-such-policy; check the id (the file name without .md))",
        "content/catalog/bad.yml:14:15: links.page: 找不到页面 no-such-page；请检查编号（pages/ 下的文件名去掉 .md） "
        "(no page no-such-page; check the id (the file name under pages/ without .md))",
    ]


def test_unknown_topic_is_an_error_and_an_empty_topic_a_warning(scratch_site):
    scratch_site.write("catalog/finance.yml", """\
        area: 财政预决算
        level: [county]
        items:
          - category: [预决算公开, 政府预算]
            content: 政府预算报告
            basis: 《中华人民共和国预算法》第十四条
            deadline: 批准后20日内
            owner: test-county
            channels: [政府网站]
            audience: public
            mode: proactive
            links:
              - topics: ["财政、金融、审计\\\\财正", "财政、金融、审计\\\\审计"]
        """)
    messages = [m for m in of_file(check_at(scratch_site, "2026-11-21"), "catalog/finance.yml") if "事项" not in m]
    assert messages == [
        "content/catalog/finance.yml:13:18: links.topics: 未知的主题分类 财政、金融、审计\\财正；是否应为 "
        "财政、金融、审计\\财政？ (unknown topic 财政、金融、审计\\财正; did you mean 财政、金融、审计\\财政?)",
        "content/catalog/finance.yml:13:34: links.topics: 主题分类 财政、金融、审计\\审计 下没有已公开的文件；请检查主题，"
        "或改为链接具体文件 (topic 财政、金融、审计\\审计 matches no published document; check the topic or link the "
        "documents themselves)",
    ]


# --- channels: the standard guidelines' words ------------------------------------------

ONE_ITEM_YML = """\
    area: 社会救助
    level: [county]
    items:
      - category: [临时救助]
        content: 临时救助审批结果
        basis: 《社会救助暂行办法》第四十九条
        deadline: 审批后5个工作日内
        owner: test-county
        channels: {channels}
        audience: public
        mode: proactive
        links:
          - url: https://www.mca.gov.cn/article/
    """


def _channels_cell(out: Path) -> str:
    """The 公开渠道和载体 of the area page's first item card."""
    facts = page(out, "catalog/social-assistance/").find("dl", "catalog-item__facts")
    labels, values = facts.direct("dt"), facts.direct("dd")
    return next(dd.text for dt_, dd in zip(labels, values) if dt_.text == "公开渠道和载体")


def test_the_guidelines_checkbox_row_is_accepted_and_shown_in_its_own_words(scratch_site, tmp_path):
    """The 13 labels of the 公开渠道和载体 column of every standard catalog, as a clerk copies them."""
    row = ("[■政府网站, □政府公报, □两微一端, □发布会/听证会, □广播电视, □纸质媒体, □公开查阅点, □政务服务中心, "
           "□便民服务站, □入户/现场, □社区/企事业单位/村公示栏（电子屏）, □精准推送, □其他]")
    scratch_site.write("catalog/social-assistance.yml", ONE_ITEM_YML.format(channels=row))
    assert of_file(scratch_site.check(), "catalog/social-assistance.yml") == []
    assert scratch_site.build(tmp_path / "out") == 0
    assert _channels_cell(tmp_path / "out") == (
        "政府网站、政府公报、政务新媒体、发布会/听证会、广播电视、纸质媒体、公开查阅点、政务服务中心、便民服务站、"
        "入户/现场、社区/企事业单位/村公示栏（电子屏）、精准推送、其他")


@pytest.mark.parametrize("written, canonical", [
    ("社区/企事业单位/村公示栏（电子屏）", "社区/企事业单位/村公示栏（电子屏）"),
    ("社区/企事业单位/村公示栏(电子屏)", "社区/企事业单位/村公示栏（电子屏）"),
    ("社区／企事业单位／村公示栏（电子屏）", "社区/企事业单位/村公示栏（电子屏）"),
    ("社区、企事业单位、村公示栏（电子屏）", "社区/企事业单位/村公示栏（电子屏）"),
    ("单位/村委会公示栏(电子屏)", "社区/企事业单位/村公示栏（电子屏）"),
    ("两微一端", "政务新媒体"),
    ("□两微一端", "政务新媒体"),
    ("政务微信", "政务新媒体"),
    ("发布会、听证会", "发布会/听证会"),
    ("新闻发布会", "发布会/听证会"),
    ("入户、现场", "入户/现场"),
    ("政府公报", "政府公报"),
    ("行政服务中心", "政务服务中心"),
    ("信息公开查询点", "公开查阅点"),
    ("政府信息查阅场所", "公开查阅点"),
    ("村(居)务公开栏", "村（居）务公开栏"),
    ("村务公开栏", "村（居）务公开栏"),
    (" 广播 电视 ", "广播电视"),
    ("其它", "其他"),
])
def test_a_wording_of_the_guidelines_maps_to_its_canonical_channel(written, canonical):
    from generator.model.catalog import Item
    item = Item.model_validate({"category": ["临时救助"], "content": "x", "basis": "x", "deadline": "x",
                                "owner": "x", "channels": [written], "audience": "public", "mode": "proactive"})
    assert item.channels == [canonical]


def test_every_wording_names_one_channel_only():
    from generator.channels import CHANNELS_FILE, channel_key
    from generator.yamlio import load_yaml
    data = load_yaml(CHANNELS_FILE.read_text(encoding="utf-8"), str(CHANNELS_FILE)).data
    keys = [channel_key(w) for entry in data for w in (entry["name"], *(entry.get("aliases") or ()))]
    assert len(keys) == len(set(keys))


def test_an_unknown_channel_is_a_located_warning_with_the_nearest_one(scratch_site, tmp_path, capsys):
    scratch_site.write("catalog/social-assistance.yml", ONE_ITEM_YML.format(channels="[政府网站, 微信群, 电子邮件]"))
    known = ("政府网站、政府公报、政务新媒体、发布会/听证会、广播电视、纸质媒体、公开查阅点、政务服务中心、便民服务站、入户/现场、"
             "社区/企事业单位/村公示栏（电子屏）、村（居）务公开栏、精准推送、其他")
    known_en = known.replace("、", ", ")
    expected = [
        "content/catalog/social-assistance.yml:9:22: items[0].channels[1]: 未知的公开渠道 微信群，将按原文显示；"
        f"是否应为 政务新媒体？标准指引的渠道有：{known}（写法不限全角半角括号和“/”“、”） (unknown channel 微信群, "
        f"shown as written; did you mean 政务新媒体? the standard guidelines' channels are: {known_en} (full- or "
        "half-width brackets and / or 、 alike))",
        "content/catalog/social-assistance.yml:9:27: items[0].channels[2]: 未知的公开渠道 电子邮件，将按原文显示；"
        f"如无对应渠道，请写“其他”；标准指引的渠道有：{known}（写法不限全角半角括号和“/”“、”） (unknown channel 电子邮件, "
        f"shown as written; if none fits, write 其他; the standard guidelines' channels are: {known_en} (full- or "
        "half-width brackets and / or 、 alike))",
    ]
    assert of_file(scratch_site.check(), "catalog/social-assistance.yml") == expected
    assert scratch_site.build(tmp_path / "out") == 0
    assert expected[0] in capsys.readouterr().err
    assert _channels_cell(tmp_path / "out") == "政府网站、微信群、电子邮件"


def test_a_link_holds_exactly_one_key(scratch_site):
    scratch_site.write("catalog/x.yml", """\
        area: 就业
        level: [county]
        items:
          - category: [就业服务]
            content: 招聘信息
            basis: 《就业促进法》
            deadline: 及时
            owner: test-county
            channels: [政府网站]
            audience: public
            mode: proactive
            links:
              - policy: rules
                page: guide
        """)
    assert of_file(scratch_site.check(), "catalog/x.yml") == [
        "content/catalog/x.yml:13:9: items[0].links[0]: 每个链接只写一项：policy、page、record、section、url 或 topics 之一，例如 - policy: "
        "2022-budget (each link has exactly one key: policy, page, record, section, url or topics, e.g. - policy: 2022-budget)",
    ]



RECORD_MD = """\
    ---
    title: {title}
    issuer: test-county
    published: {date}
    ---

    正文。
    """
RECORD_LINKS_YML = """\
    area: 财政预决算
    level: [county]
    items:
      - category: [预决算公开, 政府预算]
        content: 政府预算报告和预算表
        basis: 《中华人民共和国预算法》第十四条
        deadline: 批准后20日内
        owner: test-county
        channels: [政府网站]
        audience: public
        mode: proactive
        links:
          - record: budget-2026
          - section: budgets
      - category: [预决算公开, 部门预算]
        content: 部门预算
        basis: 《中华人民共和国预算法》第十四条
        deadline: 批复后20日内
        owner: test-county
        channels: [政府网站]
        audience: public
        mode: proactive
        links:
          - record: no-such-record
          - section: no-such-section
    """


def test_an_item_links_a_record_and_a_records_section(scratch_site, tmp_path):
    """The catalog reaches the whole column: a record (信息条目) by id, a records section by
    its id (newest three shown, the list page linked); a record not yet published is not a
    target, and unknown ids are located errors."""
    scratch_site.write("budgets/budget-2026.md", RECORD_MD.format(title="测试县2026年预算报告", date="2026-02-10"))
    scratch_site.write("budgets/budget-2025.md", RECORD_MD.format(title="测试县2025年预算报告", date="2025-02-12"))
    scratch_site.write("budgets/final-2025.md", RECORD_MD.format(title="测试县2025年决算报告", date="2026-12-01"))
    scratch_site.write("catalog/finance.yml", RECORD_LINKS_YML)
    located = of_file(check_at(scratch_site, "2026-11-21"), "catalog/finance.yml")
    assert located[1:] == [
        "content/catalog/finance.yml:24:17: links.record: 找不到信息条目 no-such-record；请检查编号"
        "（栏目文件夹下的文件名去掉 .md） (no record no-such-record; check the id (the file name in its section's "
        "folder without .md))",
        "content/catalog/finance.yml:25:18: links.section: 没有信息条目栏目 no-such-section；请改为以下之一：" +
        located[2].split("请改为以下之一：", 1)[1],
    ]
    assert "、budgets、" in located[2] and "(no records section no-such-section; use one of: " in located[2]
    scratch_site.write("catalog/finance.yml", RECORD_LINKS_YML.split("      - category: [预决算公开, 部门预算]")[0])
    out = tmp_path / "site"
    assert scratch_site.build(out) == 0
    links = page(out, "catalog/finance/").find("ul", "catalog-links").direct("li")
    assert links[0].text == "测试县2026年预算报告 信息条目 2026年2月10日"
    assert links[0].find("a").attrs["href"] == "../../budgets/budget-2026/"
    assert links[1].direct("a")[0].attrs["href"] == "../../budgets/"
    assert [li.find("a").text for li in links[1].find("ul").direct("li")] == ["测试县2026年预算报告", "测试县2025年预算报告"]
    assert "（2 条，最新 3 条：）" in links[1].text


# --- a 360 px phone ----------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.browser
def test_catalog_cells_fit_a_360px_phone(built):
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip("/usr/bin/chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            tab = browser.new_page(viewport={"width": 360, "height": 740})
            for url in ("catalog/social-assistance/", "catalog/"):
                tab.goto((built / url / "index.html").as_uri())
                boxes = tab.eval_on_selector_all(
                    "table.catalog-table td, table.catalog-table caption, .catalog-item dd",
                    "cells => cells.map(c => { const r = c.getBoundingClientRect(); return [r.left, r.right]; })")
                assert boxes, url
                assert all(left >= 0 and right <= 360 for left, right in boxes), (url, boxes)
                assert tab.evaluate("document.documentElement.scrollWidth") <= 360, url
                shot = tab.screenshot(path=str(built.parent / f"{url.replace('/', '_')}360.png"), full_page=True)
                assert shot  # kept beside the site for a human to look at when this test fails
        finally:
            browser.close()
