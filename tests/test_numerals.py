"""Chinese and Arabic numerals → numbers: tables of written forms and their values."""

from __future__ import annotations

import re

import pytest

from policytext.numerals import (
    CHINESE_NUMBER,
    NUMBER,
    chinese_range,
    chinese_to_int,
    int_to_chinese,
    parse_number,
    to_float,
    to_int,
)

CHINESE_TO_INT = [
    ("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("两", 2), ("一百二十", 120), ("一百零一", 101),
    ("一千零五", 1005), ("三万五千", 35000), ("十万", 100000), ("两千五百万", 25_000_000),
    ("一亿二千万", 120_000_000), ("二〇二〇", 2020), ("二○二四", 2024), ("一〇一", 101), ("壹佰", 100),
    ("甲", None), ("", None), ("十五个", None), ("三二一零", 3210),
]


@pytest.mark.parametrize(("text", "value"), CHINESE_TO_INT, ids=[t or "<empty>" for t, _ in CHINESE_TO_INT])
def test_chinese_to_int(text: str, value: int | None) -> None:
    assert chinese_to_int(text) == value


TO_FLOAT = [
    ("1.5", 1.5), ("３", 3.0), ("１２．５", 12.5), ("1,200", 1200.0), ("2.5万", 25000.0), ("五点五", 5.5),
    ("一百二十", 120.0), ("3.9万亿", 3.9e12), ("十五万", 150000.0), ("abc", None), ("", None),
]


@pytest.mark.parametrize(("text", "value"), TO_FLOAT, ids=[t or "<empty>" for t, _ in TO_FLOAT])
def test_to_float(text: str, value: float | None) -> None:
    assert to_float(text) == value


PARSE_NUMBER = [
    ("百分之九十", 90.0), ("百分之五十五", 55.0), ("三分之一", 100 / 3), ("四分之三", 75.0), ("千分之五", 5.0),
    ("10", 10.0), ("０．５", 0.5), ("十分之", None), ("零分之一", None), ("××", None),
]


@pytest.mark.parametrize(("text", "value"), PARSE_NUMBER, ids=[t for t, _ in PARSE_NUMBER])
def test_parse_number(text: str, value: float | None) -> None:
    got = parse_number(text)
    assert got == pytest.approx(value) if value is not None else got is None


@pytest.mark.parametrize(
    ("text", "pair"),
    [("一两", (1, 2)), ("两三", (2, 3)), ("三五", (3, 5)), ("七八", (7, 8)), ("八九", (8, 9)), ("二〇", None),
     ("五一", None), ("十五", None), ("三", None)],
)
def test_chinese_range(text: str, pair: tuple[int, int] | None) -> None:
    assert chinese_range(text) == pair


def test_to_int_markers() -> None:
    assert [to_int(x) for x in ("⑫", "⒈", "⑴", "１２", "十二", "㉑")] == [12, 1, 1, 12, 12, 21]


@pytest.mark.parametrize("n", [0, 1, 9, 10, 11, 19, 20, 99, 100, 101, 110, 999, 1005, 10000, 10010, 123456])
def test_int_to_chinese_round_trip(n: int) -> None:
    assert chinese_to_int(int_to_chinese(n)) == n


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("招聘一百二十名", "一百二十"),
        ("千家万户", None),  # a counting numeral starts with a digit or 十
        ("百姓", None),
        ("零部件", None),  # zero alone is no count
        ("二○三五年", "二○三五"),
    ],
)
def test_chinese_number_pattern(text: str, found: str | None) -> None:
    m = re.search(CHINESE_NUMBER, text)
    assert (m.group(0) if m else None) == found


def test_number_pattern_takes_decimals_and_commas() -> None:
    assert [m.group(0) for m in re.finditer(NUMBER, "投资1,200.5万元，增长３．５%")] == ["1,200.5", "３．５"]
