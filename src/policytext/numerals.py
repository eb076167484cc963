"""Chinese and Arabic numerals to numbers, shared by the outline, slogan and target extractors.

Kept apart from the extractors, as spaCy keeps Chinese numeral logic in
``spacy/lang/zh/lex_attrs.py``: slogans (“三大攻坚战”), targets (“不低于百分之九十”) and
outline markers (“（十五）”) all need it.
"""

from __future__ import annotations

import re
import unicodedata

#: Digits, with the variants found in official text (〇 and ○ for zero, 两 and 俩 for two,
#: financial capitals 壹贰叁…).
DIGITS: dict[str, int] = {
    "〇": 0, "○": 0, "零": 0, "０": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "贰": 2, "俩": 2, "双": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
#: Small multipliers inside a section of up to 9999.
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: Large multipliers that close a section.
LARGE_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS)
CHINESE_NUMERAL = re.compile(f"[{CHINESE_NUMERAL_CHARS}]+")
CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}  # ① … ⑳
CIRCLED.update({chr(0x3251 + i): i + 21 for i in range(15)})  # ㉑ … ㉟
CIRCLED.update({chr(0x32B1 + i): i + 36 for i in range(15)})  # ㊱ … ㊿
PARENTHESIZED = {chr(0x2474 + i): i + 1 for i in range(20)}  # ⑴ … ⒇
PERIOD_DIGITS = {chr(0x2488 + i): i + 1 for i in range(20)}  # ⒈ … ⒛


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese numeral; None when the string is not one.

    Handles positional forms (一〇一, 二〇二〇) as well as counting forms (一百零一, 十五).

    >>> chinese_to_int("十五"), chinese_to_int("二十"), chinese_to_int("一百二十"), chinese_to_int("两")
    (15, 20, 120, 2)
    >>> chinese_to_int("二〇二〇"), chinese_to_int("一千零五"), chinese_to_int("三万五千"), chinese_to_int("甲")
    (2020, 1005, 35000, None)
    """
    if not text or any(ch not in DIGITS and ch not in SMALL_UNITS and ch not in LARGE_UNITS for ch in text):
        return None
    if all(ch in DIGITS for ch in text):  # positional: 二〇二〇, 一〇一
        value = 0
        for ch in text:
            value = value * 10 + DIGITS[ch]
        return value
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            if digit is not None and digit != 0 and DIGITS[ch] != 0:
                return None  # two digits in a row in a counting numeral: not a number
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (digit or 1) * SMALL_UNITS[ch]  # 十五 and 一万零十: no digit (or 零) before 十 is one
            digit = None
        else:
            section += digit or 0
            total = (total + section) * LARGE_UNITS[ch] if ch == "亿" else total + section * LARGE_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def to_int(text: str) -> int | None:
    """Value of an Arabic (also full-width), Chinese or circled numeral.

    >>> to_int("１２"), to_int("十二"), to_int("⑫"), to_int("12"), to_int("x")
    (12, 12, 12, 12, None)
    """
    text = text.strip()
    if not text:
        return None
    if len(text) == 1:
        for table in (CIRCLED, PARENTHESIZED, PERIOD_DIGITS):
            if text in table:
                return table[text]
    ascii_text = unicodedata.normalize("NFKC", text)
    if ascii_text.isdigit() and ascii_text.isascii():
        return int(ascii_text)
    return chinese_to_int(text)


_ARABIC = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")


def to_float(text: str) -> float | None:
    """Value of a number written in Arabic or Chinese digits, decimals and 万/亿 included.

    >>> to_float("1.5"), to_float("３"), to_float("一百二十"), to_float("2.5万"), to_float("五点五")
    (1.5, 3.0, 120.0, 25000.0, 5.5)
    """
    if text.isascii() and text.isdigit():  # the common case, without normalising
        return float(text)
    text = unicodedata.normalize("NFKC", text.strip()).replace(",", "")
    if not text:
        return None
    if _ARABIC.match(text):
        return float(text)
    if text[-1] in LARGE_UNITS and len(text) > 1:
        head = to_float(text[:-1])
        return None if head is None else head * LARGE_UNITS[text[-1]]
    if "点" in text:
        whole, _, frac = text.partition("点")
        w = chinese_to_int(whole)
        if w is None or not frac or any(ch not in DIGITS for ch in frac):
            return None
        return float(f"{w}." + "".join(str(DIGITS[ch]) for ch in frac))
    value = chinese_to_int(text)
    return None if value is None else float(value)


#: A number written in Arabic digits (ASCII or full-width), with thousands commas and decimals.
ARABIC_NUMBER = r"[0-9０-９]{1,3}(?:,[0-9]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?"
#: A counting Chinese numeral: it starts with a digit other than zero or with 十 (so 千家万户, 百姓,
#: 零部件 are not numbers) and may carry a decimal part written with 点 (五点五).
CHINESE_NUMBER = (
    "(?:[一二两三四五六七八九]|十)[〇○零一二两三四五六七八九十百千万亿]*(?:点[〇○零一二三四五六七八九]+)?"
)
#: Either kind; used by the target extractor's scanner.
NUMBER = f"(?:{ARABIC_NUMBER}|{CHINESE_NUMBER})"

_NEIGHBOURS = "一二三四五六七八九"


def chinese_range(text: str) -> tuple[int, int] | None:
    """Two neighbouring digits written together mean "one or the other": 一两 → (1, 2), 三五 → (3, 5).

    Official text writes 三五个 or 一两次 for a rough count; read positionally they would be 35 and 12.

    >>> chinese_range("一两"), chinese_range("三五"), chinese_range("七八"), chinese_range("二〇")
    ((1, 2), (3, 5), (7, 8), None)
    """
    if len(text) != 2:
        return None
    a, b = (_NEIGHBOURS.find(ch if ch != "两" else "二") for ch in text)
    if a < 0 or b < 0:
        return None
    if b == a + 1 or (a, b) == (2, 4):  # 三五 is the one idiomatic skip
        return a + 1, b + 1
    return None


def parse_number(text: str) -> float | None:
    """Value of a number as written in a target: Arabic, full-width, Chinese, with 万/亿, or a fraction.

    Fractions and 百分之 forms become percentages, as SPEC.md asks (三分之一 → 33.33…).

    >>> parse_number("1,200"), parse_number("１２．５"), parse_number("一百二十"), parse_number("3.9万")
    (1200.0, 12.5, 120.0, 39000.0)
    >>> parse_number("百分之九十"), round(parse_number("三分之一"), 3), parse_number("千分之五"), parse_number("XX")
    (90.0, 33.333, 5.0, None)
    >>> parse_number("万分之五")
    0.05
    """
    text = text.strip()
    if text.startswith("百分之"):
        return to_float(text[3:])
    if text.startswith("千分之"):
        return to_float(text[3:])
    if text.startswith("万分之"):  # per ten thousand, as a percentage: 万分之一 → 0.01
        value = to_float(text[3:])
        return value / 100 if value is not None else None
    if "分之" in text:
        den, _, num = text.partition("分之")
        d, n = to_float(den), to_float(num)
        if d is None or n is None or d == 0:
            return None
        return n / d * 100
    return to_float(text)


def int_to_chinese(n: int) -> str:
    """Counting form of a non-negative integer below 10**8, as in outline markers.

    >>> [int_to_chinese(n) for n in (1, 10, 15, 20, 101, 110, 1005)]
    ['一', '十', '十五', '二十', '一百零一', '一百一十', '一千零五']
    """
    if n == 0:
        return "零"
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    out = []
    units = [(10**7, "千"), (10**6, "百"), (10**5, "十"), (10**4, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")]
    if n >= 10**4:
        high, low = divmod(n, 10**4)
        s = int_to_chinese(high) + "万"
        if low:
            s += ("零" if low < 1000 else "") + int_to_chinese(low)
        return s
    zero = False
    for value, name in units[4:]:
        d = (n // value) % 10
        if d:
            if zero:
                out.append("零")
                zero = False
            out.append(digits[d] + name)
        elif out:
            zero = True
    return "".join(out)
