"""Personal data in text: resident ID numbers, mobile numbers and bank card numbers.

Each candidate must pass the number's own validity rule, so official numbers
that merely look long are left alone:

* 18-digit ID (GB 11643): region code starting 1-8, a real birth date
  (1900-2099) at digits 7-14, and the ISO 7064 MOD 11-2 check digit.
* 15-digit ID (the pre-1999 form): region code starting 1-8 and a real
  birth date 19YYMMDD at digits 7-12 (it has no check digit).
* Mobile: 1[3-9]x + 8 digits, plain or as 3-4-4 groups split by one space or
  hyphen, optionally after +86 / 0086.
* Bank card: a number of an issuer's own length in its own range, passing the
  Luhn check: UnionPay 62 (16-19 digits), Visa 4 (16 or 19), Mastercard 51-55
  and 2221-2720 (16), JCB 3528-3589 (16-19), Amex 34/37 (15, grouped 4-6-5);
  plain or grouped. A Luhn pass alone is one number in ten.
* An 18-digit number shaped like an ID (a province code, a real birth date)
  whose check digit is wrong is a WARNING, "possibly a mistyped identity
  number", never a bank card: a typo in an ID is the likelier story, and it
  asks a person to look.

Skipped on purpose: digits inside a longer run of digits or ASCII letters
(统一社会信用代码, 索引号 11441700007280420Y/2021-00050), numbers followed by
``/`` (the 索引号 form) or labelled as a code (索引号, 信用代码, 注册号, ...),
the integer part of a decimal (12345678.90元), anything inside a URL, and
masked values (138****1234) which no longer contain a full run of digits.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Callable, Iterator, Optional

from .findings import Finding

_FULLWIDTH = str.maketrans("０１２３４５６７８９＋Ｘｘ", "0123456789+Xx")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_ID18_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])", re.ASCII)
_ID15_RE = re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])", re.ASCII)
_CARD_RE = re.compile(r"(?<![0-9A-Za-z])(?:\d{15,19}|\d{4}(?P<s>[ -])\d{4}(?P=s)\d{4}(?P=s)\d{4}"
                      r"(?:(?P=s)\d{1,3})?|\d{4}(?P<t>[ -])\d{6}(?P=t)\d{5})(?![0-9A-Za-z])", re.ASCII)
# (first digits low, high, allowed lengths) of the card issuers in use in China
_CARD_ISSUERS = ((62, 62, range(16, 20)), (4, 4, (16, 19)), (51, 55, (16,)), (2221, 2720, (16,)),
                 (3528, 3589, range(16, 20)), (34, 34, (15,)), (37, 37, (15,)))
# GB/T 2260 province-level codes: the first two digits of every resident ID
_PROVINCES = frozenset({11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45,
                        46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83})
_MOBILE_RE = re.compile(r"(?<![0-9A-Za-z])(?:(?:\+|00)86[ -]?)?(?P<a>1[3-9]\d)(?P<s>[ -]?)"
                        r"(?P<b>\d{4})(?P=s)(?P<c>\d{4})(?![0-9A-Za-z])", re.ASCII)
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'()（）\[\]]+", re.IGNORECASE)
# A number right after one of these labels is an organisation's code, not a person's.
_CODE_LABEL_RE = re.compile(r"(?:索引号|代码|注册号|识别号|税号|登记号|编码|流水号|订单号)"
                            r"[^\d\n]{0,8}$")


def id_check_digit(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of an 18-digit ID's first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= 2099


def is_valid_id18(number: str) -> bool:
    """True for an 18-character resident ID with a plausible region, birth date and check digit."""
    if not re.fullmatch(r"[1-8]\d{16}[\dXx]", number):
        return False
    if not _is_date(int(number[6:10]), int(number[10:12]), int(number[12:14])):
        return False
    return id_check_digit(number[:17]) == number[17].upper()


def is_valid_id15(number: str) -> bool:
    """True for a 15-digit (pre-1999) ID with a plausible region and 19YYMMDD birth date."""
    if not re.fullmatch(r"[1-8]\d{14}", number):
        return False
    return _is_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))


def luhn_valid(digits: str) -> bool:
    """True when a string of digits passes the Luhn (mod 10) check."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def is_card_number(digits: str) -> bool:
    """True for digits of an issuer's length in its range (see module doc) that pass Luhn."""
    for low, high, lengths in _CARD_ISSUERS:
        head = int(digits[:len(str(low))])
        if low <= head <= high and len(digits) in lengths:
            return luhn_valid(digits)
    return False


def is_id18_shaped(number: str) -> bool:
    """An 18-character number with a province code and a real birth date, check digit aside."""
    return bool(re.fullmatch(r"\d{17}[\dXx]", number)) and int(number[:2]) in _PROVINCES \
        and _is_date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def mask(digits: str, keep_head: int, keep_tail: int) -> str:
    """``digits`` with all but the first ``keep_head`` and last ``keep_tail`` starred."""
    hidden = len(digits) - keep_head - keep_tail
    return digits[:keep_head] + "*" * hidden + digits[len(digits) - keep_tail:]


def _is_decimal_part(text: str, start: int, end: int) -> bool:
    """Digits that are part of a decimal number such as 12345678.90."""
    return bool(re.match(r"\.\d", text[end:end + 2]) or re.search(r"\d\.$", text[max(0, start - 2):start]))


def _is_labelled_code(text: str, start: int, end: int) -> bool:
    """An organisation code: labelled (索引号：…, 统一社会信用代码…) or followed by /2021-00050."""
    if text[end:end + 1] == "/" or text[start - 1:start] == "/":
        return True
    return bool(_CODE_LABEL_RE.search(text[max(0, start - 30):start]))


def _is_run_continued(text: str, start: int, end: int) -> bool:
    """Digit groups split by spaces or hyphens that go on beyond the match (a longer number)."""
    return bool(re.search(r"\d[ -]$", text[max(0, start - 2):start]) or re.match(r"[ -]\d", text[end:end + 2]))


_Classified = Optional[tuple[str, str]]  # (kind, suggestion) or None when not personal data


def _classify_id18(text: str, match: re.Match[str]) -> _Classified:
    number = match.group()
    if _is_labelled_code(text, *match.span()):
        return None
    if is_valid_id18(number):
        return "id_card", mask(number, 2, 3)
    return ("id_card_typo", mask(number, 2, 3)) if is_id18_shaped(number) else None


def _classify_id15(text: str, match: re.Match[str]) -> _Classified:
    number = match.group()
    if _is_labelled_code(text, *match.span()) or not is_valid_id15(number):
        return None
    return "id_card_15", mask(number, 2, 3)


def _classify_card(text: str, match: re.Match[str]) -> _Classified:
    digits = re.sub(r"\D", "", match.group())
    if (match.group("s") or match.group("t")) and _is_run_continued(text, *match.span()):
        return None
    if _is_labelled_code(text, *match.span()) or not is_card_number(digits):
        return None
    return "bank_card", mask(digits, 4, 4)


def _classify_mobile(text: str, match: re.Match[str]) -> _Classified:
    if match.group("s") and _is_run_continued(text, *match.span()):
        return None
    return "mobile", mask(match.group("a") + match.group("b") + match.group("c"), 3, 4)


# Order matters: an ID (or an ID-shaped number) claims its digits before the card check sees them.
_DETECTORS: tuple[tuple[re.Pattern[str], Callable[[str, re.Match[str]], _Classified]], ...] = (
    (_ID18_RE, _classify_id18),
    (_ID15_RE, _classify_id15),
    (_CARD_RE, _classify_card),
    (_MOBILE_RE, _classify_mobile),
)

_MESSAGES = {
    "id_card": ("疑似18位居民身份证号码，属于个人隐私，不得公开；请删除或改为 {s}",
                "looks like an 18-digit resident ID number, which is personal data and must not "
                "be published; remove it or mask it as {s}"),
    "id_card_15": ("疑似15位（旧版）居民身份证号码，属于个人隐私，不得公开；请删除或改为 {s}",
                   "looks like a 15-digit (old) resident ID number, which is personal data and "
                   "must not be published; remove it or mask it as {s}"),
    "id_card_typo": ("疑似输错的居民身份证号码（校验位不符）；若确是身份证号，属于个人隐私，不得公开，请删除或改为 {s}；"
                     "若不是，请核对后忽略此提示",
                     "possibly a mistyped identity number (the check digit does not match); if it is an "
                     "identity number it is personal data and must not be published: remove it or mask it "
                     "as {s}; if not, check it and ignore this warning"),
    "mobile": ("疑似个人手机号码，属于个人隐私；请删除或改为 {s}",
               "looks like a personal mobile number, which is personal data; remove it or "
               "mask it as {s}"),
    "bank_card": ("疑似银行卡号，属于个人隐私，不得公开；请删除或改为 {s}",
                  "looks like a bank card number, which is personal data and must not be "
                  "published; remove it or mask it as {s}"),
}


def _finding(kind: str, start: int, end: int, value: str, suggestion: str) -> Finding:
    zh, en = _MESSAGES[kind]
    return Finding(kind, start, end, value, suggestion, zh.format(s=suggestion), en.format(s=suggestion))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def _candidates(text: str) -> Iterator[tuple[re.Match[str], _Classified]]:
    """Every match of every detector, in detector order, with its classification."""
    for pattern, classify in _DETECTORS:
        for match in pattern.finditer(text):
            if not _is_decimal_part(text, *match.span()):
                yield match, classify(text, match)


def find_personal_data(text: str) -> list[Finding]:
    """Resident ID, mobile and bank card numbers in ``text``, sorted by position.

    Full-width digits count as digits. Each finding's ``suggestion`` is the
    masked form to publish instead (35*************123, 138****1234, 6222********1234).
    """
    normal = text.translate(_FULLWIDTH)  # one character for one: offsets stay valid
    taken = [match.span() for match in _URL_RE.finditer(normal)]
    findings: list[Finding] = []
    for match, classified in _candidates(normal):
        start, end = match.span()
        if classified is None or _overlaps(taken, start, end):
            continue
        taken.append((start, end))
        findings.append(_finding(classified[0], start, end, text[start:end], classified[1]))
    return sorted(findings, key=lambda finding: finding.start)
