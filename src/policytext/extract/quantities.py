"""Quantity expressions in plain text, found with one regex and parsed: 不少于10天, 1%至2%, 三分之一, ××名左右.

The first step of target extraction, as price-parser's ``extract_price_text`` comes before ``parse_number``:
:func:`find_quantities` knows numbers, units and the comparator words right next to them, nothing of their
context; :mod:`policytext.extract.targets` judges which quantities are targets.

Units and comparator words are data (``lexicons/units.tsv``, ``comparators.tsv``). The scanner runs over
every character of every document, so it is built to fail fast: it opens with a character class, which lets
the regex engine skip every position that is not a digit, a numeral or a placeholder in a loop of its own,
and lookaheads skip the parts that cannot follow (see :func:`_scanner`);
the units are one trie-shaped alternation (one branch per first character instead of one per unit); the
rare ``58万元/人`` rate is parsed apart, by a regex compiled only when a ``/`` follows a unit. Regexes with
Chinese character classes take 0.2–1 ms each to compile, which counts in a cold ``policytext extract``:
what only some documents need is compiled when first needed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .. import lexicons
from ..numerals import ARABIC_NUMBER, CHINESE_NUMBER, chinese_range, parse_number

__all__ = ["NUMBER_START", "Quantity", "canonical_unit", "comparators", "find_quantities", "not_followed_by",
           "match_end", "parse_match", "parse_quantity", "quantity_spans", "scan_quantities", "trie_pattern",
           "unit_row"]


@dataclass(frozen=True)
class Quantity:
    """A quantity expression as written, parsed, before its context is judged.

    Attributes:
        text: the expression, adjacent comparator words included: ``不少于10天``, ``×户（左右）``.
        value: the number (a fraction as a percentage); None for a placeholder.
        value_max: the upper bound of a range, else None.
        unit: the unit as written (``%`` for fractions and 百分之…).
        comparator: from the adjacent words only: ``>=``, ``<=``, ``~``, ``range`` or ``""`` when none.
        placeholder: the number is redacted (××, X).
        start, end: offsets of ``text``.
        number_start: offset of the number itself (after any comparator word).
        unit_end: offset just after the unit (before any trailing comparator word).
        numeral: the number as written (``一``, ``10``, ``××``).
        kind: the unit's kind from units.tsv (count, frequency, duration, money, percent, points, measure).
        form: which pattern matched: number, range, approx_range, percent, fraction, per_mille,
            per_ten_thousand (万分之五 → 0.05 %), placeholder,
            word (半数, 翻一番: quantity_words.tsv).
    """

    text: str
    value: float | None
    value_max: float | None
    unit: str
    comparator: str
    placeholder: bool
    start: int
    end: int
    number_start: int
    unit_end: int
    numeral: str
    kind: str
    form: str


def _new_quantity(**fields: object) -> Quantity:
    """``Quantity(**fields)``, made four times faster: a frozen dataclass's ``__init__`` sets each field with
    ``object.__setattr__``, and the scanner makes a Quantity for every number of every document.

    Every field must be given (Quantity has no defaults and no ``__post_init__``; a test checks both).
    """
    q = object.__new__(Quantity)
    q.__dict__.update(fields)
    return q


# --- lexicons ------------------------------------------------------------------------------------

#: Every character a quantity's number can start with: digits, Chinese numerals, placeholders, 百分之/千分之/万分之.
NUMBER_START = "0-9０-９一二两三四五六七八九十×XＸ╳百千万"
_MAGNITUDES = ("万亿", "亿", "万")


@functools.cache
def _units() -> dict[str, dict[str, str]]:
    """Every unit string the scanner accepts (magnitude prefixes spelled out) → its units.tsv row."""
    out: dict[str, dict[str, str]] = {}
    for row in lexicons.target_units():
        out.setdefault(row["unit"], row)
        if row["magnitude"] == "yes":
            for m in _MAGNITUDES:
                out.setdefault(m + row["unit"], row)
    return out


def unit_row(unit: str) -> dict[str, str]:
    """The units.tsv row of a unit as the scanner found it (万元 → the row of 元); {} for none (a % form)."""
    return _units().get(unit, {})


@functools.cache
def not_followed_by(unit: str) -> re.Pattern[str] | None:
    """The compiled ``not_followed_by`` pattern of a unit (一次性, 名单), compiled the first time it is asked for.

    Compiled one by one because a document meets a few units of the ~60 that have one.
    """
    pattern = unit_row(unit).get("not_followed_by")
    return re.compile(pattern) if pattern else None


@functools.cache
def _quantity_words() -> tuple[dict[str, tuple[float, str]], dict[str, tuple[float, str]]]:
    """quantity_words.tsv: words that are a quantity by themselves (半数, 翻一番, 为零) and units that
    stand for another (成: one is 10%), each with (value, unit)."""
    words: dict[str, tuple[float, str]] = {}
    units: dict[str, tuple[float, str]] = {}
    for row in lexicons.quantity_words():
        (words if row["kind"] == "word" else units)[row["word"]] = (float(row["value"]), row["unit"])
    return words, units


@functools.cache
def comparators() -> dict[str, dict[str, dict[str, str]]]:
    """comparators.tsv by position: {"before": {word: row}, "after": …, "middle": …, "clause": …}."""
    out: dict[str, dict[str, dict[str, str]]] = {"before": {}, "after": {}, "middle": {}, "clause": {}}
    for row in lexicons.target_comparators():
        out[row["position"]][row["word"]] = row
    return out


def canonical_unit(unit: str) -> str:
    """The unit as a Target records it: the full-width ％ is %."""
    return {"％": "%"}.get(unit, unit)


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of words, shaped as a trie: ``个(?:小时|月|)`` rather than ``个小时|个月|个``.

    It matches what a plain alternation with longer words first matches, in the same order on
    backtracking (only one branch of a trie node can match at a position), but the regex engine tries
    one branch per distinct character instead of one per word.

    >>> trie_pattern(["个", "个月", "%"])
    '(?:%|个(?:月|))'
    """
    root: dict[str, dict] = {}
    for word in set(words):
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ("|" if "" in node else "") + ")"

    return emit(root)


# --- the scanner ---------------------------------------------------------------------------------

#: Placeholder numbers in redacted documents: ××名, X个, XX万元. Not after a Latin letter (APPX).
_PLACEHOLDER = r"(?<![A-Za-zＡ-Ｚａ-ｚ×╳])[×XＸ╳]{1,3}"
#: Range separators: 1%至2%, 3—5个, 10-15天, 3到5个, 三至五年 (the first bound may say it is included: 80分（含）至90分).
_SEP = r"(?:至|到|~|～|-|－|——|—|–)"
_SEP_START = r"至到~～\-－—–"
_SEP_SPLIT = re.compile(_SEP + "(?:百分之)?")
#: A number may not continue an Arabic number, a word in Latin letters (C919, 5G) or a Chinese numeral.
_ARABIC = f"(?<![0-9０-９.．A-Za-zＡ-Ｚａ-ｚ])(?:{ARABIC_NUMBER})"
_CHINESE = f"(?<![〇零一二两三四五六七八九十百千万亿])(?:{CHINESE_NUMBER})"
_NUM = f"(?:{_ARABIC}|{_CHINESE})"
#: Every character a _NUM can hold: a fraction (三分之一) is tried only where 分之 follows a run of them.
_NUM_CHARS = "0-9０-９.．,一二两三四五六七八九十百千万亿〇○零点"
#: Units of time after a slash are a period (1次/年, periods.tsv), not part of a rate's unit.
_TIME_WORDS = {"年", "季度", "季", "月", "周", "天", "日", "学期"}


#: Every character the number part of a match can hold (the digits of _NUM_CHARS and placeholders).
_RUN_CHARS = _NUM_CHARS + "×XＸ╳"


@functools.cache
def _follow_chars() -> str:
    """Every character that can come first in a match after its number part: any character of a unit,
    of a range separator, of a comparator word in the middle or after, 分之, （含）, a space or a tab.
    A match that is not a quantity word is a run of _RUN_CHARS and then one of these (a unit that
    starts with 万 or 百 counts too: the run may end at any of its characters)."""
    comps = comparators()
    words = [*_units(), *comps["middle"], *comps["after"], "分之", "（含）", "(含)", "——", "—", "–", "~", "～", "-", "－", "至", "到"]
    chars = set("".join(words)) | {" ", "\t"}
    return "".join(re.escape(c) for c in sorted(chars))


#: _ARABIC and _CHINESE with their first character already read (see :func:`_scanner`): the lookbehinds
#: test that character and the one before it. Each must match what the original matches from one
#: character earlier, in the same order on backtracking ({1,3} becomes {0,2}, + becomes *); a test
#: compares the scanner built from these with the one built from the originals.
_ARABIC_TAIL = (
    r"(?<![0-9０-９.．A-Za-zＡ-Ｚａ-ｚ].)(?<=[0-9０-９])"
    r"(?:[0-9０-９]{0,2}(?:,[0-9]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]*(?:[.．][0-9０-９]+)?)"
)
_CHINESE_TAIL = (
    r"(?<![〇零一二两三四五六七八九十百千万亿].)(?<=[一二两三四五六七八九十])"
    r"[〇○零一二两三四五六七八九十百千万亿]*(?:点[〇○零一二三四五六七八九]+)?"
)
_PLACEHOLDER_TAIL = r"(?<![A-Za-zＡ-Ｚａ-ｚ×╳].)(?<=[×XＸ╳])[×XＸ╳]{0,2}"


def _trie_tails(words: Iterable[str]) -> str:
    """:func:`trie_pattern` of ``words`` with their first character already read: one branch per first
    character, which a lookbehind tests (为零|半数 → (?:(?<=为)零|(?<=半)数))."""
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w[1:])
    return "(?:" + "|".join(f"(?<={re.escape(c)}){trie_pattern(t)}" for c, t in sorted(by_first.items())) + ")"


@functools.cache
def _scanner(plain: bool = False) -> re.Pattern[str]:
    """The one regex that finds every quantity expression; built once from the lexicons.

    Every match starts with a digit, a numeral, a placeholder or 百分之/千分之. The pattern reads that
    first character with a character class before anything else: the regex engine then skips every
    other position in a loop of its own, three times as fast as trying a lookahead at each (most of the
    cost of a scan). So every branch is written with its first character already read (lookbehinds test
    it: (?<=百)分之… for 百分之…, _ARABIC_TAIL for _ARABIC), and the groups that open a match (frac, pct,
    pm, bp, word, ph, n1) start one character late: the match's start is theirs (:func:`parse_match`
    puts the character back). ``plain=True`` builds the regex written plainly: a lookahead in front
    (``(?=[0-9…])``) instead, and without the first lookahead below; tests check that both find the same
    matches with the same groups.

    A placeholder (××) and a number share the tail (comparator in the middle, unit): no position can
    start both. Comparator words in front are read afterwards, in a short window (see
    :func:`_comparator_before`).

    The other lookaheads change no match. The first passes over a number that is neither a quantity word
    nor followed by a character that can come next in a quantity (统一, 进一步: see :func:`_follow_chars`);
    the others name the characters the part after them can start with, so that a number with no unit
    after it fails at one test of a character instead of a hundred tries of units, for every length the
    engine backtracks the number to.
    """
    comps = comparators()
    units = _units()
    unit = trie_pattern(units)
    unit_start = "".join(sorted({re.escape(u[0]) for u in units}))
    middle = trie_pattern(comps["middle"])
    words = _quantity_words()[0]
    starts = NUMBER_START + "".join(sorted({re.escape(w[0]) for w in words}))
    run, follow = _RUN_CHARS, _follow_chars()
    tail = (
        rf"(?P<mid>{middle})?[ \t]?(?=[{unit_start}])(?P<unit>{unit})"
        r")"
        + _post_pattern()
    )
    rest = rf"(?:(?=[{unit_start}{_SEP_START}])(?P<u1>{unit})?(?:[（(]含[）)])?(?P<sep>{_SEP})(?P<n2>{_NUM}))?)"
    if plain:
        return re.compile(
            f"(?=[{starts}])(?:"
            rf"(?=[{_NUM_CHARS}]*分之)(?P<frac>{_NUM}分之{_NUM})"
            rf"|(?P<pct>百分之{_NUM}(?:{_SEP}(?:百分之)?{_NUM})?)"
            rf"|(?P<pm>千分之{_NUM})"
            rf"|(?P<bp>万分之{_NUM})"
            rf"|(?P<word>{trie_pattern(words)})"
            rf"|(?:(?P<ph>{_PLACEHOLDER})"
            rf"|(?P<n1>{_NUM}){rest}"
            + tail
        )
    num_tail = f"(?:{_ARABIC_TAIL}|{_CHINESE_TAIL})"
    return re.compile(
        # the first character; then the first lookahead above, of which it is the first character
        f"[{starts}](?=(?<=[{follow}])|(?<=[{run}])[{run}]*[{follow}]|{_trie_tails(words)})(?:"
        rf"(?<=[{_NUM_CHARS}])(?=[{_NUM_CHARS}]*分之)(?P<frac>{num_tail}分之{_NUM})"
        rf"|(?<=百)(?P<pct>分之{_NUM}(?:{_SEP}(?:百分之)?{_NUM})?)"
        rf"|(?<=千)(?P<pm>分之{_NUM})"
        rf"|(?<=万)(?P<bp>分之{_NUM})"
        rf"|(?P<word>{_trie_tails(words)})"
        rf"|(?:(?P<ph>{_PLACEHOLDER_TAIL})"
        rf"|(?P<n1>{num_tail}){rest}"
        + tail
    )


def _post_pattern() -> str:
    """A comparator word after the unit: 5%左右, 3次以上, 10分（及以上）."""
    after = trie_pattern(comparators()["after"])
    return rf"(?P<post>{after}|[（(](?:{after})[)）])?"


@functools.cache
def _rate() -> re.Pattern[str]:
    """A rate's base after the unit (58万元/人, 0.6人/百亿元), then a comparator word after it.

    Tried only where a ``/`` follows a unit, so the CJK character classes are compiled only when needed.
    """
    return re.compile(r"(?P<per>/[万亿百千]?[\u4e00-\u9fff]{1,2}(?=[^\u4e00-\u9fff]|以|左|及))" + _post_pattern())


@functools.cache
def _before() -> tuple[re.Pattern[str], int, frozenset[str]]:
    """Comparator words in front of a number (不少于10天): the pattern, the window it needs, and the
    characters such a match can end with (the window is searched only when one precedes the number)."""
    words = comparators()["before"]
    pattern = re.compile(f"(?:{trie_pattern(words)})[ \t]?$")
    # "$" also matches before a final newline: a newline between the word and the number counts.
    last = frozenset(w[-1] for w in words) | {" ", "\t", "\n"}
    return pattern, max(map(len, words)) + 1, last


def _comparator_before(text: str, start: int) -> re.Match[str] | None:
    """The comparator word that ends right before ``start``, if any."""
    pattern, width, last = _before()
    if start == 0 or text[start - 1] not in last:
        return None
    m = pattern.search(text, max(0, start - width), start)
    if m and m.group().rstrip(" \t\n") == "约" and text[m.start() - 1 : m.start()] in _YUE_WORDS:
        return None  # 签约一批, 节约3吨: 约 ends a word there, it is no "about"
    return m


#: Characters before 约 that make a word of it (签约 预约 节约 制约 条约 合约 违约 履约 邀约 誓约).
_YUE_WORDS = frozenset("签预节制条合违履邀誓")


def _comparator_of(word: str | None, position: str) -> str:
    if not word:
        return ""
    row = comparators()[position].get(word.strip("（()）"))
    return row["comparator"] if row else ""


@functools.lru_cache(maxsize=4096)
def _number(numeral: str) -> tuple[float | None, float | None, str]:
    """(value, upper bound, form) of a plain number as written; cached, as 一, 2, 10 recur everywhere."""
    pair = chinese_range(numeral)
    if pair:
        return float(pair[0]), float(pair[1]), "approx_range"
    return parse_number(numeral), None, "number"


def _rate_after(m: re.Match[str], text: str) -> re.Match[str] | None:
    """The rate's base after a scanner match (58万元/人), within the part of the text being scanned."""
    if m.group("post") or not text.startswith("/", m.end()):
        return None
    return _rate().match(text, m.end(), m.endpos)


def parse_match(m: re.Match[str], text: str, rate: re.Match[str] | None = None) -> Quantity | None:
    """Parse one scanner match and the rate after it, if any; None when the number does not parse."""
    frac, pct, pm, bp, word, ph, n1, unit, post = m.group("frac", "pct", "pm", "bp", "word", "ph", "n1", "unit", "post")
    start, end = m.start(), m.end()
    first = text[start]  # not in the group that opens the match (see _scanner): None if it did not match
    per, per_end = None, 0
    if rate:
        per, per_end, post, end = rate.group("per"), rate.end("per"), rate.group("post"), rate.end()
    value: float | None
    value_max: float | None = None
    placeholder = False
    comparator = ""
    if n1 is not None:  # (the common case first)
        numeral = first + n1
        number_start, unit_end = start, m.end("unit")
        u1, n2 = m.group("u1", "n2")
        if u1 and canonical_unit(u1) != canonical_unit(unit):
            return None  # 3个至5人: not one range
        value, value_max, form = _number(numeral)
        if n2:
            value_max, form = parse_number(n2), "range"
        comparator = _comparator_of(m.group("mid"), "middle")
    elif frac is not None:
        numeral, unit, form = first + frac, "%", "fraction"
        value = parse_number(numeral)
        number_start, unit_end = start, m.end("frac")
    elif pct is not None:
        numeral, unit, form = first + pct, "%", "percent"
        parts = _SEP_SPLIT.split(numeral[3:], maxsplit=1)
        value = parse_number(parts[0])
        if len(parts) == 2:
            value_max, form = parse_number(parts[1]), "range"
        number_start, unit_end = start, m.end("pct")
    elif pm is not None:
        numeral, unit, form = first + pm, "‰", "per_mille"
        value = parse_number(numeral)
        number_start, unit_end = start, m.end("pm")
    elif bp is not None:
        numeral, unit, form = first + bp, "%", "per_ten_thousand"
        value = parse_number(numeral)  # 万分之五 is 0.05 %
        number_start, unit_end = start, m.end("bp")
    elif word is not None:
        numeral, form = first + word, "word"
        value, unit = _quantity_words()[0][numeral]
        number_start, unit_end = start, m.end("word")
    else:
        numeral, form = first + ph, "placeholder"
        value, placeholder = None, True
        number_start, unit_end = start, m.end("unit")
        comparator = _comparator_of(m.group("mid"), "middle")
    if value is None and not placeholder:
        return None
    if value_max is not None:
        comparator = "range"
    pre = _comparator_before(text, start)
    if pre:
        start = pre.start()
    # 控制在5%左右 is about 5%: a word after the unit says more than one before it.
    comparator = (
        _comparator_of(post, "after") or _comparator_of(pre.group(0).rstrip(" \t") if pre else None, "before")
        or comparator
    )
    kind = unit_row(unit).get("kind", "percent")
    other = _quantity_words()[1].get(unit)
    if other and value is not None:  # 七成以上 → 70% or more
        nfb = not_followed_by(unit)
        if not post and nfb and nfb.match(text, unit_end):
            return None  # 一成不变, 七一成立
        scale, unit = other
        value, value_max = value * scale, value_max * scale if value_max is not None else None
    if per and per[1:] not in _TIME_WORDS:
        unit, unit_end = unit + per, per_end  # 58万元/人, 0.6人/百亿元
    return _new_quantity(
        text=text[start:end], value=value, value_max=value_max, unit=unit, comparator=comparator,
        placeholder=placeholder, start=start, end=end, number_start=number_start, unit_end=unit_end,
        numeral=numeral, kind=kind, form=form,
    )


def find_quantities(
    text: str, start: int = 0, end: int | None = None, *, skip: bytes | bytearray | None = None
) -> Iterator[Quantity]:
    """Every quantity expression of a text, parsed, with no judgement of its context.

    Args:
        text: plain text.
        start, end: scan only this part of it (offsets stay those of ``text``).
        skip: a byte per character of ``text`` (and one more); an expression whose number starts where
            it is non-zero is passed over unparsed (a caller that already knows those places hold no
            quantity it wants).

    Yields:
        Quantity records in text order.

    Example:
        >>> [(q.text, q.value, q.unit, q.comparator) for q in find_quantities("每年不少于10天，占比1%至2%")]
        [('不少于10天', 10.0, '天', '>='), ('1%至2%', 1.0, '%', 'range')]
    """
    for m, rate in scan_quantities(text, start, len(text) if end is None else end):
        if skip is not None and skip[m.start()]:
            continue
        q = parse_match(m, text, rate)
        if q is not None:
            yield q


def match_end(m: re.Match[str], rate: re.Match[str] | None) -> int:
    """Where the unit of a scanner match ends (58万元/人: after the rate's base), without parsing it."""
    end = max(m.end("frac"), m.end("pct"), m.end("pm"), m.end("bp"), m.end("word"))  # -1 for a group that did not match
    if end < 0:
        end = m.end("unit")
    if rate and rate.group("per")[1:] not in _TIME_WORDS:
        end = rate.end("per")
    return end


def quantity_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start of the number, end of the unit) of every quantity expression, without parsing them.

    Cheaper than :func:`find_quantities` where only the place and the words matter (the keys of
    quoted formulas in :mod:`policytext.extract.targets`). It also gives the few matches that do not
    parse (3个至5人); the same words elsewhere do not parse either.
    """
    for m, rate in scan_quantities(text, 0, len(text)):
        yield m.start(), match_end(m, rate)


def scan_quantities(text: str, start: int, end: int) -> list[tuple[re.Match[str], re.Match[str] | None]]:
    """The scanner's matches in text[start:end], each with the rate after it (58万元/人) or None:
    :func:`find_quantities` before parsing (:func:`parse_match` parses one), for a caller that reads
    some matches without parsing them (:func:`match_end`).

    A rate is part of its quantity, so the scan goes on after the rate (the scanner itself stops before it).
    """
    found: list[tuple[re.Match[str], re.Match[str] | None]] = []
    pos: int | None = start
    while pos is not None:
        resume = None
        for m in _scanner().finditer(text, pos, end):
            rate = _rate_after(m, text)
            found.append((m, rate))
            if rate:  # the rate is part of the quantity: scan on after it
                resume = rate.end()
                break
        pos = resume
    return found


def parse_quantity(text: str) -> Quantity | None:
    """Parse one quantity expression (the whole string); None when it is not one.

    >>> q = parse_quantity("不少于三分之一"); (q.value // 1, q.unit, q.comparator)
    (33.0, '%', '>=')
    >>> parse_quantity("××名左右").placeholder, parse_quantity("二〇二〇年") is None
    (True, False)
    """
    text = text.strip()
    for q in find_quantities(text):
        return q if (q.start, q.end) == (0, len(text)) else None
    return None
