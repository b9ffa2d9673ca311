"""Serious typos from the configurable list, and near misses of official body names."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.detectors import TypoRule, find_org_name_mismatches, find_typos, load_typo_rules
from generator.detectors.wording import edit_distance
from generator.errors import Severity
from generator.yamlio import YamlProblem

RULES = load_typo_rules()


def typos(text: str, rules=None) -> list[tuple[str, str]]:
    return [(f.value, f.suggestion) for f in find_typos(text, rules)]


# --- the default list ---

def test_the_default_list_is_substantial():
    assert len(RULES) >= 40
    assert len({rule.wrong for rule in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", [r for r in RULES if r.pattern is None], ids=lambda r: r.wrong)
def test_each_wrong_form_is_found_with_its_right_form(rule):
    assert typos(f"文中{rule.wrong}。") == [(rule.wrong, rule.right)]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.wrong)
def test_no_right_form_and_no_excepted_phrase_triggers(rule):
    assert typos(rule.right) == []
    for phrase in rule.unless:
        assert typos(phrase) == [], phrase


@pytest.mark.parametrize("text, expected", [
    ("截止到2022年底", [("截止到", "截至")]),
    ("截止2022年5月24日，共受理申请12件", [("截止", "截至")]),
    ("截止目前", [("截止", "截至")]),
    ("申报截至日期为6月30日", [("截至日期", "截止日期")]),
    ("既使遇到困难也要坚持", [("既使", "即使")]),
    ("根据国务院办工厅通知", [("国务院办工厅", "国务院办公厅")]),
    ("中华人明共和国政府信息公开条例", [("中华人明共和国", "中华人民共和国")]),
    ("学习贯彻党的19大精神", [("党的19大", "党的十九大")]),
    ("十九界六中全会", [("十九界", "十九届")]),
    ("坚持不谢抓落实", [("坚持不谢", "坚持不懈")]),
    ("各地竟相出台措施", [("竟相", "竞相")]),
    ("按步就班，甘败下风", [("按步就班", "按部就班"), ("甘败下风", "甘拜下风")]),
    ("图层重迭", [("重迭", "重叠")]),
    ("不径而走、迫不急待、发韧", [("不径而走", "不胫而走"), ("迫不急待", "迫不及待"), ("发韧", "发轫")]),
])
def test_common_confusions_are_found(text, expected):
    assert typos(text) == expected


@pytest.mark.parametrize("text", [
    "截至2022年5月24日，申报截止日期为6月30日，报名于5月31日截止，截止时间为17时。",
    "按装修面积核定补助，按装机容量计算。",
    "既使群众满意，又使企业受益；既使用线上渠道，又保留线下窗口。",
    "即使遇到困难也要坚持。",
    "两者毕竟相同，究竟相差多少，结果竟相同。",
    "各地竞相出台措施，甘拜下风，按部就班，再接再厉，一如既往，坚持不懈。",
    "学习贯彻党的十九大和十九届历次全会精神，迎接党的二十大。",
    "国务院办公厅 中华人民共和国 部署 贯彻 关键 事关健康 机关健身 发布署名文章",
    "激发韧性，多重迭代，轻松驰骋，一贯切实执行。",
])
def test_correct_phrases_pass(text):
    assert typos(text) == []


def test_a_typo_finding_says_what_to_write():
    [finding] = find_typos("请按装公示牌")
    assert (finding.kind, finding.start, finding.end, finding.value) == ("typo", 1, 3, "按装")
    assert finding.zh == "疑似错别字或不规范用语“按装”，应为“安装”（“安装”的“安”）"
    assert finding.en == 'suspected misspelling or non-standard wording "按装": write "安装"'
    assert finding.severity is Severity.ERROR


# --- a list of one's own ---

def test_custom_rules_replace_the_default_list():
    rules = [TypoRule("政务工开", "政务公开", "公开的“公”"), TypoRule("公开", "公示", unless=("政务公开",))]
    assert typos("政务工开 政务公开 依法公开", rules) == [("政务工开", "政务公开"), ("公开", "公示")]


def test_overlapping_rules_report_the_earlier_longer_match_once():
    rules = [TypoRule("再接再励", "再接再厉"), TypoRule("再励", "再厉")]
    assert typos("再接再励", rules) == [("再接再励", "再接再厉")]


def test_rules_load_from_a_file(tmp_path: Path):
    path = tmp_path / "typos.yml"
    path.write_text("rules:\n  - wrong: 工开\n    right: 公开\n    note: 形近\n    unless: [加工开发]\n",
                    encoding="utf-8")
    assert load_typo_rules(path) == [TypoRule("工开", "公开", "形近", ("加工开发",))]


@pytest.mark.parametrize("body, line, words", [
    ("rules:\n  - wrong: 工开\n  - right: 公开\n", 2, "wrong 或 right"),
    ("rules:\n  - wrong: 工开\n    right: 公开\n    nte: 形近\n", 2, "未知的键 nte"),
    ("rules:\n  - wrong: 工开\n    right: 公开\n    unless: [加工]\n", 2, "unless"),
    ("rules:\n  - wrong: 工开\n    right: 公开\n    pattern: '工开('\n", 2, "正则表达式"),
    ("rules:\n  - wrong: 工开\n   right: 公开\n", 3, "YAML 格式错误"),
    ("- wrong: 工开\n", 1, "rules"),
])
def test_a_bad_rule_file_is_reported_with_its_line(tmp_path: Path, body, line, words):
    path = tmp_path / "typos.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(YamlProblem) as raised:
        load_typo_rules(path)
    [problem] = raised.value.problems[:1]
    assert problem.line == line and words in problem.zh


# --- names of issuing bodies ---

OFFICIAL = ["清河县人民政府", "清河县人民政府办公室", "清河县财政局", "清河县发展和改革委员会", "清河县融媒体中心"]


def near_misses(text: str) -> list[tuple[str, str]]:
    return [(f.value, f.suggestion) for f in find_org_name_mismatches(text, OFFICIAL)]


@pytest.mark.parametrize("text, expected", [
    ("清河县人名政府关于印发……", [("清河县人名政府", "清河县人民政府")]),
    ("清河县人民政府办工室", [("清河县人民政府办工室", "清河县人民政府办公室")]),
    ("清河县人民政俯办公室", [("清河县人民政俯办公室", "清河县人民政府办公室")]),
    ("清河县才政局", [("清河县才政局", "清河县财政局")]),
    ("清河人民政府", [("清河人民政府", "清河县人民政府")]),
    ("清河县发展和改革委会", [("清河县发展和改革委会", "清河县发展和改革委员会")]),
    ("清河县发展和该革委员会", [("清河县发展和该革委员会", "清河县发展和改革委员会")]),
    ("清河县发展和该革委原会", [("清河县发展和该革委原会", "清河县发展和改革委员会")]),
])
def test_near_misses_of_official_names_are_found(text, expected):
    assert near_misses(text) == expected


@pytest.mark.parametrize("text", [
    "清河县人民政府、清河县人民政府办公室、清河县财政局、清河县发展和改革委员会",
    "经清河县人民政府同意，由清河县财政局拨付。",
    "清河县政府 县政府办 县财政局",          # abbreviations differ by more than 2
    "清河县融媒体中芯",                        # 中心 is not one of the checked suffixes
    "清河县公安局",                            # 2 edits from a short name: another body
    "清河县发展改革局",
    "各乡镇人民政府，县直各单位",
])
def test_exact_names_and_other_bodies_pass(text):
    assert near_misses(text) == []


def test_a_near_miss_is_a_warning_naming_the_official_name():
    [finding] = find_org_name_mismatches("关于清河县人名政府的", ["清河县人民政府"])
    assert (finding.kind, finding.start, finding.end) == ("org_name", 2, 9)
    assert finding.severity is Severity.WARNING
    assert "清河县人民政府" in finding.zh and "清河县人民政府" in finding.en


def test_edit_distance():
    assert edit_distance("清河县人民政府", "清河县人民政府", 2) == 0
    assert edit_distance("清河县人名政府", "清河县人民政府", 2) == 1
    assert edit_distance("清河人民政府", "清河县人民政府", 2) == 1
    assert edit_distance("清河县人名政俯", "清河县人民政府", 2) == 2
    assert edit_distance("财政局", "清河县人民政府", 2) == 3
