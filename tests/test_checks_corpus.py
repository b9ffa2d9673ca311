"""The planted corpus: every planted problem found exactly; the clean corpus: nothing."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from generator.detectors import (Finding, find_org_name_mismatches, find_personal_data,
                              find_secrecy_marks, find_typos, line_col)

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
OFFICIAL = ["清河县人民政府", "清河县人民政府办公室", "清河县财政局"]


def _load_fictional():
    spec = importlib.util.spec_from_file_location("checks_fictional", FIXTURES / "fictional.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


F = _load_fictional()


def review(text: str) -> list[Finding]:
    findings = (find_personal_data(text) + find_secrecy_marks(text) + find_typos(text)
                + find_org_name_mismatches(text, OFFICIAL))
    return sorted(findings, key=lambda f: f.start)


def located(text: str) -> list[tuple[int, int, str, str, str]]:
    return [(*line_col(text, f.start), f.kind, f.value, f.suggestion) for f in review(text)]


def test_every_planted_problem_is_found_where_it_is():
    text = F.render("planted/body.md")
    assert located(text) == [
        (1, 1, "secrecy_mark", "秘密★1年", ""),
        (3, 3, "org_name", "清河县人名政府", "清河县人民政府"),
        (8, 13, "id_card", F.ID_A, "35*************018"),
        (8, 37, "mobile", "13900001111", "139****1111"),
        (9, 14, "id_card", F.ID_B, "11*************021"),
        (9, 36, "mobile", "139-0000-2222", "139****2222"),
        (10, 16, "id_card_15", F.ID_15, "35**********001"),
        (10, 42, "bank_card", F.CARD, "6222********0017"),
        (11, 9, "mobile", "+86 139 0000 3333", "139****3333"),
        (13, 11, "typo", "按装", "安装"),
        (13, 17, "typo", "一如继往", "一如既往"),
        (13, 28, "typo", "再接再励", "再接再厉"),
    ]


def test_the_planted_numbers_are_valid_by_the_independent_helpers():
    assert F.ID_A[-1] == F.iso7064_check(F.ID_A[:17]) == "8"
    assert F.ID_B[-1] == F.iso7064_check(F.ID_B[:17]) == "1"
    assert F.CARD[-1] == F.luhn_check_digit(F.CARD[:-1])


def test_the_planted_counts_by_kind():
    kinds = [f.kind for f in review(F.render("planted/body.md"))]
    assert {kind: kinds.count(kind) for kind in kinds} == {
        "secrecy_mark": 1, "org_name": 1, "id_card": 2, "id_card_15": 1, "mobile": 3,
        "bank_card": 1, "typo": 3}


def test_the_clean_corpus_has_zero_findings():
    text = F.render("clean/body.md")
    for needle in ("闽政办〔2022〕12号", "11350100MB0D12345X", "12345678.90元", "1,234,567元",
                   "20220524", "0591-12345678", "12345", "138****1234", "35*************123",
                   "商业秘密", "保守国家秘密", F.RECEIPT, F.BAD_CARD):
        assert needle in text, needle
    assert review(text) == []
