"""Secrecy and internal-use marks: marks are errors, the same words in sentences are not."""
from __future__ import annotations

import pytest

from generator.detectors import find_secrecy_marks


def marks(text: str) -> list[str]:
    return [f.value for f in find_secrecy_marks(text)]


@pytest.mark.parametrize("text, expected", [
    ("秘密★1年", ["秘密★1年"]),
    ("机密★", ["机密★"]),
    ("绝密 ★ 长期", ["绝密 ★ 长期"]),
    ("机密☆十年\n\n关于……的通知", ["机密☆十年"]),
    ("秘密 保密期限：1年", ["秘密 保密期限：1年"]),
    ("机密（保密期限：长期）", ["机密（保密期限：长期）"]),
    ("密级：机密", ["密级：机密"]),
    ("秘密", ["秘密"]),
    ("  **绝密**  \n正文", ["绝密"]),
    ("# 机密 5年", ["机密 5年"]),
    ("内部资料 注意保存", ["内部资料 注意保存"]),
    ("内部文件　注意保存", ["内部文件　注意保存"]),
    ("内部资料，请勿外传", ["内部资料，请勿外传"]),
    ("【内部资料】清河县2022年工作要点", ["内部资料"]),
    ("内部文件★", ["内部文件★"]),
    ("注意保存", ["注意保存"]),
    ("第一页\n内部资料\n正文", ["内部资料"]),
])
def test_marks_are_found(text, expected):
    assert marks(text) == expected


@pytest.mark.parametrize("text", [
    "依法保护商业秘密和个人隐私。",
    "依照《中华人民共和国保守国家秘密法》，保守国家秘密是公民的义务。",
    "国家秘密的保密期限，除另有规定外，绝密级不超过三十年。",
    "涉及国家秘密保密期限的规定",
    "工作人员应当保守秘密，确保数据的机密性和完整性。",
    "不得泄露工作秘密，不得将内部资料上传互联网。",
    "请注意保存缴费票据。",
    "**商业秘密**的认定",
    "秘密地进行",
])
def test_ordinary_words_are_not_marks(text):
    assert marks(text) == []


def test_a_mark_is_reported_once_with_what_to_do():
    [finding] = find_secrecy_marks("秘密★1年\n\n关于……的通知")
    assert (finding.kind, finding.start, finding.end, finding.suggestion) == ("secrecy_mark", 0, 5, "")
    assert finding.zh.startswith("出现密级标志“秘密★1年”：涉密信息严禁在互联网发布")
    assert "classified information must never be published online" in finding.en
