"""The quantity scanner's speed-ups change no result: trie alternations, the fast Quantity constructor, rates.

The expressions themselves are tested through ``find_quantities``/``parse_quantity`` in test_targets.py.
"""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from policytext.extract.quantities import (
    Quantity,
    _new_quantity,
    _scanner,
    find_quantities,
    trie_pattern,
)

WORDS = ["个", "个月", "个百分点", "个工作日", "万元", "万亿元", "亿元", "元", "%", "以上", "以下", "以", "人次", "人"]


def _plain_alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def test_trie_pattern_matches_what_a_longest_first_alternation_matches() -> None:
    rng = random.Random(7)
    chars = sorted(set("".join(WORDS)) | set("3 年，"))
    trie = re.compile(f"(?:{trie_pattern(WORDS)})")
    plain = re.compile(f"(?:{_plain_alternation(WORDS)})")
    # followed by a word that may need a shorter match (backtracking must try words in the same order)
    trie_then = re.compile(f"(?:{trie_pattern(WORDS)})月")
    plain_then = re.compile(f"(?:{_plain_alternation(WORDS)})月")
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], text
        assert [m.span() for m in trie_then.finditer(text)] == [m.span() for m in plain_then.finditer(text)], text


def test_trie_pattern_escapes_and_keeps_words_that_prefix_others() -> None:
    pattern = re.compile(trie_pattern(["个", "个月", "%", "m²", "a.b"]))
    assert pattern.fullmatch("个") and pattern.fullmatch("个月") and pattern.fullmatch("a.b")
    assert not pattern.fullmatch("axb")


def test_fast_constructor_makes_the_same_frozen_quantity() -> None:
    fields = dict(text="不少于10天", value=10.0, value_max=None, unit="天", comparator=">=", placeholder=False,
                  start=0, end=6, number_start=3, unit_end=6, numeral="10", kind="duration", form="number")
    fast, slow = _new_quantity(**fields), Quantity(**fields)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.value = 11.0  # type: ignore[misc]


def test_quantity_has_no_defaults_and_no_post_init() -> None:
    """_new_quantity skips __init__: it is only right while every field is given and nothing runs after."""
    for f in dataclasses.fields(Quantity):
        assert f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING, f.name
    assert not hasattr(Quantity, "__post_init__")


def test_a_rate_is_part_of_its_quantity_and_the_scan_goes_on_after_it() -> None:
    text = "人均补助58万元/人，每年开展2次，1次/年。"
    found = [(q.text, q.unit) for q in find_quantities(text)]
    assert found == [("58万元/人", "万元/人"), ("2次", "次"), ("1次/年", "次")]
    assert [q.unit for q in find_quantities("事故死亡率控制在0.6人/百亿元以内。")] == ["人/百亿元"]


def test_a_scanned_part_ends_where_it_is_told_to() -> None:
    text = "目标为58万元/人以上"
    whole = next(find_quantities(text))
    assert (whole.text, whole.comparator) == ("58万元/人以上", ">=")
    cut = text.index("/") + 2  # the scan may not look past the end it is given
    assert [q.text for q in find_quantities(text, 0, cut)] == ["58万元"]


def test_quantity_spans_agree_with_the_parsed_quantities():
    from policytext.extract.quantities import quantity_spans

    text = "人均58万元/人，每年1次/年，不少于三分之一，达到百分之九十，××名左右，3%至5%，千分之二，0.6人/百亿元。"
    parsed = [(q.number_start, q.unit_end) for q in find_quantities(text)]
    assert len(parsed) == 8
    assert list(quantity_spans(text)) == parsed


def test_skip_passes_over_numbers_where_the_mask_is_set():
    text = "每年2次，另有3个，再加4名。"
    mask = bytearray(len(text) + 1)
    mask[text.index("3")] = 1
    assert [q.text for q in find_quantities(text, skip=mask)] == ["2次", "4名"]
    assert [q.text for q in find_quantities(text)] == ["2次", "3个", "4名"]


# Pieces of numbers, units, separators, comparators, quantity words and what surrounds them, by kind: a text
# is made of pieces of kinds drawn alike, so that numbers, units and separators meet often.
_SCANNER_PIECES = [
    ["1", "12", "123", "1234", "3.5", "０５", ",567", ",", ".", "．", "1,234", "12,345,678", "5G", "C9"],
    ["一", "二", "两", "十", "十二", "二十五", "三百", "五千", "一万", "两亿", "〇", "零", "点五", "七点"],
    ["X", "XX", "XXX", "××××", "Ｘ", "╳", "x", "A"],
    ["百分之", "千分之", "万分之", "三分之", "分之一", "分", "之", "百", "千", "万"],
    ["个", "人", "次", "年", "天", "元", "万元", "万亿元", "个百分点", "%", "％", "/人", "/年"],
    ["至", "到", "-", "—", "——", "~", "（含）", "(含)", "多", "余", " ", "\t", "\n"],
    ["以上", "左右", "以内", "（以上）", "翻一番", "翻", "半数", "为零", "零发生", "为"],
    ["的", "统", "规划", "第", "每", "，", "。"],
]


def _groups(m: re.Match[str], shifted: bool) -> list[tuple[int, int]]:
    """The match's span and its groups' spans; the groups that open a match start at the match's start."""
    names = {i: n for n, i in m.re.groupindex.items()}
    spans = [m.span()]
    for i in range(1, m.re.groups + 1):
        s, e = m.span(i)
        if shifted and s >= 0 and names[i] in ("frac", "pct", "pm", "bp", "word", "ph", "n1"):
            assert s == m.start() + 1
            s = m.start()
        spans.append((s, e))
    return spans


def test_the_scanner_finds_what_the_plainly_written_scanner_finds() -> None:
    fast, plain = _scanner(), _scanner(plain=True)
    assert fast.groupindex == plain.groupindex
    rng = random.Random(11)
    texts = ["不少于10天，1%至2%，三分之一，××名左右，百分之五至百分之十，翻一番，2,000万元，C919飞机5G基站3个",
             "1234,567万元", "12,345,6789元", "XXXX名", "X××户", "三十二万三千个", "二点五万元", "一百分之三"]
    texts += [
        "".join(rng.choice(rng.choice(_SCANNER_PIECES)) for _ in range(rng.randint(1, 10))) for _ in range(20000)
    ]
    for i, text in enumerate(texts):  # the written texts whole, the random ones in a random part
        start, end = sorted((rng.randint(0, len(text)), rng.randint(0, len(text)))) if i >= 8 else (0, len(text))
        expected = [_groups(m, False) for m in plain.finditer(text, start, end)]
        assert [_groups(m, True) for m in fast.finditer(text, start, end)] == expected, (text, start, end)
