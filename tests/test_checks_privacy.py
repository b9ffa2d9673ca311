"""Personal data detection: check digits, formats, and what must not be flagged."""
from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

from generator.detectors import Finding, find_personal_data, line_col, to_problem
from generator.detectors.privacy import id_check_digit, is_valid_id15, is_valid_id18, luhn_valid
from generator.errors import Severity


def _load_fictional():
    path = Path(__file__).parent / "fixtures" / "checks" / "fictional.py"
    spec = importlib.util.spec_from_file_location("checks_fictional", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


F = _load_fictional()


def found(text: str) -> list[tuple[str, str, str]]:
    return [(f.kind, f.value, f.suggestion) for f in find_personal_data(text)]


# --- check digits against independent computations and published vectors ---

def test_id_check_digit_agrees_with_the_iso7064_definition():
    rng = random.Random(11643)
    for _ in range(500):
        first17 = "".join(rng.choice("0123456789") for _ in range(17))
        assert id_check_digit(first17) == F.iso7064_check(first17)


def test_id_check_digit_of_the_gb11643_examples():
    assert id_check_digit("11010519491231002") == "X"
    assert id_check_digit("44052418800101001") == "4"
    assert is_valid_id18("11010519491231002X")
    assert is_valid_id18("11010519491231002x")


def test_luhn_published_vectors():
    for number in ("79927398713", "4111111111111111", "4012888888881881", "5555555555554444",
                   "6011111111111117", "6222000000000017"):
        assert luhn_valid(number), number
    for number in ("79927398710", "4111111111111112", "6222000000000018", "", "4111-1111"):
        assert not luhn_valid(number), number


def test_luhn_agrees_with_the_independent_check_digit():
    rng = random.Random(10)
    for _ in range(500):
        partial = "".join(rng.choice("0123456789") for _ in range(rng.randint(11, 18)))
        right = F.luhn_check_digit(partial)
        assert luhn_valid(partial + right)
        assert not luhn_valid(partial + str((int(right) + 1) % 10))


@pytest.mark.parametrize("number", [
    F.make_id18("350000", "19900230", "001"),   # 30 February
    F.make_id18("350000", "18991231", "001"),   # born before 1900
    F.make_id18("950000", "19900101", "001"),   # region code starts with 9
    F.make_id18("050000", "19900101", "001"),   # region code starts with 0
    F.BAD_ID,                                   # wrong check digit
])
def test_implausible_18_digit_ids_are_not_ids(number):
    assert not is_valid_id18(number)


def test_15_digit_ids_need_a_real_birth_date():
    assert is_valid_id15("350000900101001")
    assert is_valid_id15("320000960229004")      # 1996 was a leap year ...
    assert not is_valid_id15("320000000229004")  # ... 1900 was not
    assert not is_valid_id15("350000900230001")
    assert not is_valid_id15("350000901301001")
    assert not is_valid_id15("950000900101001")


# --- what is found, and the masked form to use ---

@pytest.mark.parametrize("text, expected", [
    (f"身份证号：{F.ID_A}。", [("id_card", F.ID_A, "35*************018")]),
    (f"身份证号：{F.ID_D}", [("id_card", F.ID_D, "32*************04X")]),
    (f"{F.ID_D.lower()}", [("id_card", F.ID_D.lower(), "32*************04x")]),
    ("旧证 350000900101001", [("id_card_15", "350000900101001", "35**********001")]),
    ("电话13900001111", [("mobile", "13900001111", "139****1111")]),
    ("电话 139-0000-1111。", [("mobile", "139-0000-1111", "139****1111")]),
    ("电话 139 0000 1111", [("mobile", "139 0000 1111", "139****1111")]),
    ("电话 +86 139 0000 1111", [("mobile", "+86 139 0000 1111", "139****1111")]),
    ("电话+8613900001111", [("mobile", "+8613900001111", "139****1111")]),
    ("电话 0086-13900001111", [("mobile", "0086-13900001111", "139****1111")]),
    ("序号 1 13900001111", [("mobile", "13900001111", "139****1111")]),
    ("Tel:19900001111", [("mobile", "19900001111", "199****1111")]),
    (f"卡号{F.CARD}", [("bank_card", F.CARD, "6222********0017")]),
    ("卡号 4111 1111 1111 1111。", [("bank_card", "4111 1111 1111 1111", "4111********1111")]),
    ("卡号 6222-0000-0000-0017", [("bank_card", "6222-0000-0000-0017", "6222********0017")]),
    (f"卡号 {F.CARD19}", [("bank_card", F.CARD19, F.CARD19[:4] + "*" * 11 + F.CARD19[-4:])]),
    ("１３９００００１１１１", [("mobile", "１３９００００１１１１", "139****1111")]),
], ids=lambda value: value if isinstance(value, str) else None)
def test_personal_data_is_found_with_its_masked_form(text, expected):
    assert found(text) == expected


def test_the_masked_forms_follow_the_inspection_notices():
    assert found(f"{F.ID_A} {F.ID_15} 13800001234 {F.CARD}") == [
        ("id_card", F.ID_A, F.masked(F.ID_A, 2, 3)),
        ("id_card_15", F.ID_15, F.masked(F.ID_15, 2, 3)),
        ("mobile", "13800001234", "138****1234"),
        ("bank_card", F.CARD, F.masked(F.CARD, 4, 4)),
    ]
    assert F.masked(F.ID_A, 2, 3) == "35*************018"


def test_a_finding_says_what_it_is_and_how_to_fix_it_in_both_languages():
    [finding] = find_personal_data("联系电话：13900001111")
    assert finding == Finding("mobile", 5, 16, "13900001111", "139****1111",
                              "疑似个人手机号码，属于个人隐私；请删除或改为 139****1111",
                              "looks like a personal mobile number, which is personal data; "
                              "remove it or mask it as 139****1111")


@pytest.mark.parametrize("text", [
    "闽政办〔2022〕12号",
    "索引号：11441700007280420Y/2021-00050",
    "索引号 113501000036402826/2022-00001",
    "统一社会信用代码：11350100MB0D12345X",
    f"统一社会信用代码：{F.ID_A}",
    f"{F.ID_A}/2022-00012",
    "资金12345678.90元，补助1,234,567元",
    "13900001111.50元",
    "2022年5月24日 20220524 202205241030",
    "电话：0591-12345678，12345热线，010-12345678",
    "已脱敏：138****1234、35*************123、6222********0017",
    F.RECEIPT,
    F.BAD_CARD,
    "4111111111111111" + "2",                      # 17 digits failing Luhn
    "1234567890123452",                            # Luhn-valid, but no card network starts with 1
    "2022052409301512",                            # a timestamp: not a card network prefix
    f"9{F.ID_A}",                                  # an ID inside a longer run of digits
    "1139000011112",                               # a mobile inside a longer run
    "139 0000 1111 2222",                          # groups that go on
    "http://www.qinghe.gov.cn/art/content_13900001111.htm",
    f"ABC{F.ID_A}Y",                                # part of a code with letters
    "MB13900001111X",
])
def test_official_numbers_and_masked_values_pass(text):
    assert found(text) == []


# --- bank cards: an issuer's range and length, and Luhn ---

def card(prefix: str, length: int) -> str:
    """A Luhn-valid fictional number: ``prefix``, zeros, and the independent check digit."""
    partial = prefix + "0" * (length - len(prefix) - 1)
    return partial + F.luhn_check_digit(partial)


@pytest.mark.parametrize("number", [
    card("62", 16), card("6217", 17), card("6228", 18), card("62", 19),   # UnionPay
    card("4", 16), card("4", 19),                                         # Visa
    card("51", 16), card("55", 16), card("2221", 16), card("2720", 16),   # Mastercard
    card("3528", 16), card("3589", 19),                                   # JCB
    card("34", 15), card("37", 15),                                       # Amex
])
def test_a_card_number_of_a_real_issuer_is_found(number):
    assert found(f"卡号 {number}。") == [("bank_card", number, F.masked(number, 4, 4))]


def test_an_amex_number_in_its_own_4_6_5_groups_is_found():
    number = card("37", 15)
    grouped = f"{number[:4]} {number[4:10]} {number[10:]}"
    assert found(f"卡号 {grouped}") == [("bank_card", grouped, F.masked(number, 4, 4))]


@pytest.mark.parametrize("number", [
    card("6011", 16), card("65", 16),          # Discover: not an issuer of cards in use here
    card("30", 16), card("36", 16),            # Diners Club
    card("3527", 16), card("3590", 16),        # just outside JCB
    card("2220", 16), card("2721", 16),        # just outside Mastercard's 2-series
    card("56", 16), card("50", 16),            # Maestro-like, outside 51-55
    card("51", 17), card("2221", 19),          # Mastercard is 16 digits only
    card("4", 17), card("4", 18),              # Visa is 16 or 19
    card("34", 16), card("37", 17),            # Amex is 15
    card("62", 15),                            # UnionPay is 16-19
], ids=lambda number: f"{number[:4]}-{len(number)}")
def test_a_luhn_valid_number_outside_every_issuer_is_not_a_card(number):
    assert luhn_valid(number)
    assert found(f"编号 {number}") == []


# --- an ID with a wrong check digit ---

def mistyped_id(region: str, birth: str) -> str:
    """ID-shaped, wrong check digit, and Luhn-valid: before, it was taken for a bank card."""
    for sequence in range(100, 1000):
        first17 = f"{region}{birth}{sequence}"
        luhn = F.luhn_check_digit(first17)
        if luhn != F.iso7064_check(first17):
            return first17 + luhn
    raise AssertionError("no such number")


@pytest.mark.parametrize("number", [mistyped_id("350000", "19900101"), mistyped_id("620000", "19851231")],
                         ids=["fujian", "gansu-62"])
def test_an_id_shaped_number_with_a_wrong_check_digit_is_a_warning_not_a_card(number):
    assert not is_valid_id18(number) and luhn_valid(number)
    masked = F.masked(number, 2, 3)
    [finding] = find_personal_data(f"身份证号：{number}")
    assert finding == Finding(
        "id_card_typo", 5, 23, number, masked,
        f"疑似输错的居民身份证号码（校验位不符）；若确是身份证号，属于个人隐私，不得公开，请删除或改为 {masked}；"
        f"若不是，请核对后忽略此提示",
        f"possibly a mistyped identity number (the check digit does not match); if it is an identity "
        f"number it is personal data and must not be published: remove it or mask it as {masked}; "
        f"if not, check it and ignore this warning")
    assert finding.severity is Severity.WARNING


@pytest.mark.parametrize("number", [
    F.make_id18("950000", "19900101", "001")[:17] + "0",   # 95: no such province
    F.make_id18("350000", "19900230", "001")[:17] + "0",   # 30 February
    F.RECEIPT,
])
def test_an_18_digit_number_that_is_not_id_shaped_gives_no_id_warning(number):
    assert [kind for kind, _, _ in found(number)] == []


def test_findings_are_sorted_and_do_not_overlap():
    text = f"卡 {F.CARD} 证 {F.ID_A} 电 13900001111"
    findings = find_personal_data(text)
    assert [f.kind for f in findings] == ["bank_card", "id_card", "mobile"]
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:]))
    assert [text[f.start:f.end] for f in findings] == [f.value for f in findings]


def test_line_col_is_one_based():
    text = "第一行\n第二行 13900001111\n"
    [finding] = find_personal_data(text)
    assert line_col(text, finding.start) == (2, 5)
    assert line_col(text, 0) == (1, 1)
    assert line_col(text, len(text)) == (3, 1)


def test_to_problem_places_the_finding_in_its_file():
    text = "正文\n电话 13900001111"
    [finding] = find_personal_data(text)
    problem = to_problem(finding, "content/policies/x.md", text, line_offset=5, key="body")
    assert (problem.path, problem.line, problem.column, problem.key) == ("content/policies/x.md", 7, 4, "body")
    assert problem.severity is Severity.ERROR
    assert "139****1111" in problem.zh and "139****1111" in problem.en
