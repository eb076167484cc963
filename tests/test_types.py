"""Records: make_record builds the same frozen records as their constructors."""

from __future__ import annotations

import dataclasses

import pytest

from policytext.extract.slogans import extract_slogans
from policytext.extract.targets import extract_targets
from policytext.types import Body, Document, Slogan, Target, make_record


@pytest.mark.parametrize("cls", [Target, Body, Slogan])
def test_records_made_without_init_have_no_post_init(cls: type) -> None:
    """make_record skips __init__: right only while nothing runs after it."""
    assert not hasattr(cls, "__post_init__")


def test_make_record_equals_the_constructor() -> None:
    fields = dict(doc="d", text="不少于10天", value=10.0, value_max=None, unit="天", comparator=">=", period="每年",
                  placeholder=False, path="1", start=3, end=9, indicator="调研", body="县委常委", rule="targets.number")
    fast, slow = make_record(Target, fields), Target(**fields)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.value = 11.0  # type: ignore[misc]


def test_extracted_records_carry_every_field() -> None:
    """A field left out of make_record would be missing: dataclasses.replace, which reads every field and
    runs __init__, would fail or differ."""
    doc = Document(doc="d", path="", format="text", text=(
        "一、要求\n（一）县委常委每年到联系点调研不少于15天，覆盖率达到90%以上。\n"
        "（二）坚持“两个结合”：理论学习和实践锻炼相结合。"
    ))
    records = [*extract_targets(doc), *extract_slogans(doc)]
    assert sorted(type(r).__name__ for r in records) == ["Slogan", "Target", "Target"]
    for r in records:
        assert dataclasses.replace(r) == r
