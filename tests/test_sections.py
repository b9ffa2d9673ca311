"""The column's structure declared once (generator/data/sections.yml) and a site's own
content/sections.yml: renamed, hidden and reordered sections; located errors."""
from __future__ import annotations

import datetime as dt

from pagehtml import Site, select, select_one, texts

from generator.features import FEATURES
from generator.mkdocs_plugin import site_nav
from generator.pipeline import plan_build
from generator.sections import DEFAULT, load_structure

AS_OF = dt.date(2026, 11, 21)


def test_the_default_sections_load_without_problems_and_name_existing_features(tmp_path):
    structure, problems = load_structure(tmp_path, "content")
    assert problems == []
    assert {s.feature for s in structure.sections.values()} <= {f.name for f in FEATURES}
    assert structure.title("lists/repealed/") == "已废止文件（清理结果）"


def test_the_default_navigation_of_the_scratch_site(scratch_site):
    plan = plan_build(scratch_site.root, AS_OF, "content")
    assert site_nav(plan) == [
        {"首页": "index.md"}, {"政府信息公开指南": "pages/guide.md"}, {"依申请公开": "requests.md"},
        {"法定主动公开内容": [{"现行有效行政规范性文件": "lists/current.md"}, {"规章": "lists/regulations.md"},
                              {"全部政策文件": "lists/all.md"}, {"按年份浏览": "lists/years.md"},
                              {"按主题分类浏览": "lists/topics.md"}, {"按发文机关浏览": "lists/issuers.md"},
                              {"政策解读": "interpretations.md"}, {"已废止文件": "lists/repealed.md"},
                              {"已失效文件": "lists/expired.md"}]},
        {"重大行政决策": []}, {"站内搜索": "search.md"}, {"网站地图": "sitemap.md"}]


SECTIONS_YML = """\
    # 本站栏目：改名、隐藏、重排
    sections:
      current: {title: 现行有效规范性文件}
      regulations: {hidden: "true"}
    navigation:
      - home
      - sitemap
      - group: 政策文件
        items: [all, current, regulations, {section: expired, title: 失效文件}]
    """


def test_a_site_renames_hides_and_reorders_its_sections(scratch_site, tmp_path):
    scratch_site.write("sections.yml", SECTIONS_YML)
    plan = plan_build(scratch_site.root, AS_OF, "content")
    assert plan.report.ok, plan.report.format()
    assert site_nav(plan) == [
        {"首页": "index.md"}, {"网站地图": "sitemap.md"},
        {"政策文件": [{"全部政策文件": "lists/all.md"}, {"现行有效规范性文件": "lists/current.md"},
                      {"失效文件": "lists/expired.md"}]}]
    out = tmp_path / "site"
    assert scratch_site.build(out) == 0
    built = Site(out)
    assert select_one(built.article("lists/current/"), "h1").text == "现行有效规范性文件"
    home = {select_one(b, "h3 a").text: texts(b, "span.home-count")
            for b in select(built.article(""), "section.home-block") if select(b, "h3")}
    assert home["现行有效规范性文件"] == ["1 件"]   # renamed everywhere, its count kept
    assert "现行有效行政规范性文件" not in home
    sitemap = texts(built.article("sitemap/"), "ul.group-list a")
    assert "现行有效规范性文件" in sitemap and "规章" not in sitemap   # hidden: listed nowhere
    assert built.exists("lists/regulations/")                         # ... but its page is still there


def test_mistakes_in_sections_yml_are_reported_with_file_line_and_the_fix(scratch_site):
    scratch_site.write("sections.yml", """\
        sections:
          curent: {title: 现行文件}
          all: {titel: 全部}
        home:
          - current
          - {section: nowhere}
          - [all]
        """)
    known = "、".join(load_structure(scratch_site.root / "missing", "content")[0].sections)
    problems = [p for p in scratch_site.check() if p.startswith("content/sections.yml")]
    assert problems == [
        "content/sections.yml:3:9: sections.all.titel: 未知的键 titel；是否应为 title？ (unknown key titel; did you mean title?)",
    ]
    scratch_site.write("sections.yml", """\
        sections:
          curent: {title: 现行文件}
        home:
          - current
          - {section: nowhere}
          - [all]
        """)
    problems = [p for p in scratch_site.check() if p.startswith("content/sections.yml")]
    assert problems == [
        f"content/sections.yml:2:3: sections.curent: 未知的栏目 curent；请改为 sections 中的一个：{known} "
        f"(unknown section curent; use one of sections: {known.replace('、', ', ')})",
        f"content/sections.yml:5:15: home[1].section: 未知的栏目 nowhere；请改为 sections 中的一个：{known} "
        f"(unknown section nowhere; use one of sections: {known.replace('、', ', ')})",
        "content/sections.yml:6:5: home[2]: 应为栏目编号，或 {section: 编号, title: 名称, count: 单位}，"
        "或 {group: 标题, items: [栏目…]}；请按此格式填写 (expected a section id, or {section: id, title: label, "
        "count: unit}, or {group: heading, items: [sections…]}; write it in that form)",
    ]
    assert DEFAULT.name == "sections.yml"
