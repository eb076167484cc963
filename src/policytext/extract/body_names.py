"""Names of bodies in Chinese policy text: runs of lexicon terms read as names.

A name is a run of adjacent terms of ``lexicons/bodies.tsv`` and ``lexicons/bodies.jsonl`` —
``[scope] [place…] [mod|stem…] head [head|suffix|role…]``: 市|教育|局|党组, 县|（市、区）|委|常委,
各级|党支部|（总支）|书记 — cut from the text in one pass over a compiled lexicon (no segmenter,
:mod:`policytext.extract.body_lexicon`). This module finds names; :mod:`policytext.extract.bodies`
decides which of them the text makes responsible.

The terms come from :mod:`policytext.extract.body_tokens` as plain lists; most stand alone (工作,
发展, 区 …) and make no name, so a run of one term is decided from the term's flags and only longer
runs become :class:`Token` lists; the names of a run of adjacent terms are read once per lexicon
and reused (the same runs recur in every document). A caller may also pass a ``keep`` test that
skips runs whose names could not matter to it (:class:`policytext.extract.body_roles.Relevance`). How a name is labelled
(normalised name, level, kind) is in :mod:`policytext.extract.body_labels`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, ne, sub
from typing import NamedTuple, Protocol

from .body_labels import name_kind, name_level, normalise_name, place_names_government
from .body_lexicon import (
    SOLO_BODY,
    SOLO_JOIN,
    SOLO_PLACE,
    SOLO_ROLE,
    SOLO_STEM,
    Lexicon,
    Term,
    Token,
    lexicon,
)
from .body_tokens import Terms, name_tokens, scan_terms

__all__ = [
    "Candidate",
    "Lexicon",
    "Term",
    "Token",
    "find_names",
    "lexicon",
    "name_kind",
    "name_level",
    "name_tokens",
    "normalise_name",
    "place_names_government",
]

# A bracket inside a name: 县（市、区） 党组（党委） 村（社区）; its content is checked against the lexicon.
_BRACKET = re.compile(r"[（(]([\u4e00-\u9fff、]{1,12})[）)]")
# Characters next to a bare stem that make it a member of a list (发展改革、人社等部门).
_LIST_CHARS = set("、和及与等以")
_OPEN = ("（", "(")
_OPEN_CHARS = frozenset(_OPEN)
_SOLO = attrgetter("solo")
_START = attrgetter("start")
_RULE = attrgetter("rule")
_NO_CLOSES: list[int] = []
# What joins members of a list: 组织部门、宣传部门和统战部门 (read by policytext.extract.bodies too).
LIST_SEPARATORS = frozenset(("、", "和", "及", "以及", "与", "或", "，各"))
# The one-character introducer after which a one-character organ word opens a name (由局…).
_SELF_REF_AFTER = frozenset("由")
# What a run in a list is followed by: a separator, or ， before 各 (see _joins).
_SEPARATOR_STARTS = tuple(LIST_SEPARATORS)
_SEPARATOR_FIRST = frozenset(s[0] for s in LIST_SEPARATORS)
# Rules of the terms the lexicon cannot list (body_tokens): a clause may open after one.
_EXTRA_RULES = frozenset(("placeholder", "placeholder-unit", "portfolio"))


# A run of one term in no list, for :meth:`Keep.singles`: (start, end, term index, shape).
Single = tuple[int, int, int, str]
# A longer run in no list, for :meth:`Keep.runs`: (start, end, ends, inner, first term, last term + 1);
# ``ends``: where a name in it may end; ``inner``: whether a clause may open inside it.
Alone = tuple[int, int, Sequence[int], bool, int, int]


class Keep(Protocol):
    """A test of runs joined by list separators, before their names are built: False skips them."""

    #: The characters after a run of one term in no list at which :meth:`singles` may keep it
    #: (None: any); a run followed by none of them is not handed over, unless :meth:`near` holds it.
    first: frozenset[str] | None

    def __call__(self, runs: list[Run]) -> bool: ...

    def near(self, starts: Sequence[int], ends: Sequence[int]) -> set[int]:
        """The indices of the terms (whose offsets are ``starts``, ``ends``) that a run may be kept
        for whatever follows it."""
        ...

    def singles(self, runs: list[Single], terms: Sequence[Term]) -> list[bool]:
        """The same for each run of one term in no list (``terms``: the terms the indices point to).

        The runs come in one call, not one call each: there are thousands per text.
        """
        ...

    def runs(self, runs: list[Alone]) -> list[bool]:
        """The same for each longer run in no list."""
        ...


@dataclass(slots=True)
class Candidate:
    """A name found in the text: a body, a bare place (各县（市）区) or a bare stem (发展改革)."""

    start: int
    end: int
    tokens: list[Token]
    shape: str  # body | place | stem
    scope_end: int  # end of the leading quantifier (各, 各级, 全市), == start if none
    name_text: str = ""  # the text the name is built from (a shared head may be added)

    @property
    def generic(self) -> bool:
        """A class of bodies (有关单位, 各部门, 基层党组织) rather than a particular one; also a class of
        sub-units of a class of units (企业车间), though 机关党组织 is an organ."""
        content = [t for t in self.tokens if t.term.category != "scope" and not (
            t.term.category == "mod" and t.term.generic)]
        if len(content) == 1:
            return content[0].term.generic
        return content[-1].term.level == "单位" and all(t.term.generic and t.term.category == "head" for t in content)

    @property
    def authority(self) -> bool:
        """A higher Party authority (中央, 党中央, 省委, 省市县委) as named in lists of mentions."""
        cats = [t.term.category for t in self.tokens if t.term.category != "scope"]
        if any(t.term.authority for t in self.tokens) and len(cats) <= 2:
            return True
        return bool(cats) and cats[-1] == "suffix" and self.tokens[-1].text == "委" and set(cats[:-1]) <= {"place", "mod"}


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _bracket_ok(content: str, lex: Lexicon) -> bool:
    """Whether a bracket holds alternatives of a name (市、区 / 党委 / 总支), not a note (试行, 扩大)."""
    for part in content.split("、"):
        if len(part) == 1:
            continue
        term = lex.terms.get(part)
        if term is None or term.category in ("stop", "scope"):
            return False
    return True


def find_names(
    text: str, tokens: list[Token] | Terms | None = None, *, places: Iterable[str] = (),
    lex: Lexicon | None = None, keep: Keep | None = None,
) -> list[Candidate]:
    """Every name in ``text``: adjacent terms grouped into runs, each run trimmed to a name.

    A bracket of alternatives may sit between two terms (县（市、区）委); a stop word ends a run; a
    place after a complete name starts the next one (县委县政府). Bare places (各县) and bare stems
    next to a list mark (发展改革、) are kept too, for the lists they may belong to.

    Args:
        text: plain text.
        tokens: its terms, if :func:`name_tokens` or :func:`scan_terms` has already been run.
        places: proper place names of the issuing unit (as in :func:`name_tokens`).
        lex: the lexicon (default: the packaged one).
        keep: a test that skips runs whose names cannot matter to the caller (see :data:`Keep`).

    >>> text = "县委县政府和各乡镇（街道）"
    >>> [(text[c.start:c.end], c.shape) for c in find_names(text)]
    [('县委', 'body'), ('县政府', 'body'), ('各乡镇（街道）', 'place')]
    """
    lex = lex or lexicon()
    if tokens is None:
        found = scan_terms(text, places=places, lex=lex)
    elif isinstance(tokens, Terms):
        found = tokens
    else:
        terms = [t.term for t in tokens]
        found = Terms([t.start for t in tokens], [t.end for t in tokens], terms,
                      [k for k, term in enumerate(terms) if term.rule in _EXTRA_RULES])
    return _names(text, found, lex, keep)


def _names(text: str, found: Terms, lex: Lexicon, keep: Keep | None = None) -> list[Candidate]:
    """Candidates run by run. A run of one term (most runs) is decided from the term's SOLO flags;
    longer runs, and a term a bracket follows, go through :func:`_run_names`.

    Runs in a list (joined by 、 和 及 …) are tested as the list closes; runs in no list are gathered
    and handed to ``keep`` at the end, in two calls. Their names are then out of text order, so the
    candidates are sorted by start (no two start at the same offset).
    """
    starts, ends, terms = found.starts, found.ends, found.terms
    n = len(starts)
    out: list[Candidate] = []
    if not n:
        return out
    lists = _Lists(text, found, lex, keep, out)
    pending = lists.pending
    listed = keep is None  # without a test every run is read as a list, to be built whole
    singles: list[Single] = []
    alone: list[Alone] = []
    # a run starts where a term does not touch the one before it
    run_starts = [0, *compress(range(1, n), map(ne, starts[1:], ends[:-1]))]
    run_ends = [*run_starts[1:], n]
    # a run of one term in no list matters to ``keep`` only where ``first`` follows it, or in ``near``
    first = keep.first if keep is not None else None
    near = keep.near(starts, ends) if first is not None else set()
    has_extra = found.has_extra if found.extra else None
    done = 0
    for i, j, solo in zip(run_starts, run_ends, map(_SOLO, map(terms.__getitem__, run_starts)), strict=True):
        if i < done:
            continue  # inside a bracket already read with the run before
        if j - i == 1:
            if not solo:
                continue  # a word that makes no name alone (stop, scope, modifier)
            s, e = starts[i], ends[i]
            nxt = text[e : e + 1]
            if not (solo & SOLO_JOIN and nxt in _OPEN_CHARS):
                if solo & SOLO_BODY:
                    shape = "body"
                elif solo & SOLO_PLACE:
                    shape = "place"
                elif solo & SOLO_STEM and (nxt in _LIST_CHARS or text[s - 1 : s] in _LIST_CHARS):
                    shape = "stem"  # bare stems matter in lists
                elif solo & SOLO_ROLE and text[s - 1 : s] == "、" and _role_pair(text, found, i):
                    shape = "body"  # 学校党委书记、校长: a second office of the same owner
                else:
                    continue
                if pending:
                    if _joins(text, pending[-1].end, s):
                        pending.append(Run(s, e, (e,), False, i, i + 1, shape))
                        continue
                    lists.flush()  # the list it does not join is complete
                if listed or (nxt in _SEPARATOR_FIRST and text.startswith(_SEPARATOR_STARTS, e)):
                    pending.append(Run(s, e, (e,), False, i, i + 1, shape))
                elif first is None or nxt in first or i in near:
                    singles.append((s, e, i, shape))  # in no list
                continue
            done, closes = _run_end(text, found, i + 1)
        elif text[ends[j - 1] : ends[j - 1] + 1] in _OPEN_CHARS:  # the run may go on after a bracket (县（市、区）委)
            done, closes = _run_end(text, found, i + 1)
        else:
            done, closes = j, _NO_CLOSES
        if closes:
            # a clause may open after a bracket inside the run
            run = (starts[i], max(ends[done - 1], *closes), [*ends[i:done], *closes], True, i, done)
        else:
            # … or after a term the lexicon does not list (分管…的)
            inner = has_extra is not None and has_extra(i, done)
            run = (starts[i], ends[done - 1], ends[i:done], inner, i, done)
        if pending:
            if _joins(text, pending[-1].end, run[0]):
                pending.append(Run(*run, ""))
                continue
            lists.flush()
        if listed or (text[run[1] : run[1] + 1] in _SEPARATOR_FIRST and text.startswith(_SEPARATOR_STARTS, run[1])):
            pending.append(Run(*run, ""))
        else:
            alone.append(run)
    lists.flush()
    if keep is not None:
        lists.build_alone(singles, alone)
        out.sort(key=_START)
    return out


class _Lists:
    """Runs that may hold names, gathered into lists (runs joined by 、 和 及 …) and handed to the
    ``keep`` test of the caller as a whole; the names of a kept list are built into ``out``."""

    def __init__(self, text: str, found: Terms, lex: Lexicon, keep: Keep | None, out: list[Candidate]) -> None:
        self.text, self.found, self.lex, self.keep, self.out = text, found, lex, keep, out
        self.pending: list[Run] = []

    def flush(self) -> None:
        """Build the names of the pending list, unless ``keep`` says none of them can matter."""
        runs = self.pending[:]
        self.pending.clear()
        if not runs or (self.keep is not None and not self.keep(runs)):
            return
        found = self.found
        for run in runs:
            if run.shape:
                self.out.append(Candidate(run.start, run.end, [found.token(run.first)], run.shape, run.start))
            else:
                self._build(run.first, run.last)

    def build_alone(self, singles: list[Single], alone: list[Alone]) -> None:
        """Build the names of the runs in no list that ``keep`` lets through."""
        found, out = self.found, self.out
        for (s, e, i, shape), ok in zip(singles, self.keep.singles(singles, found.terms), strict=True):
            if ok:
                out.append(Candidate(s, e, [found.token(i)], shape, s))
        for run, ok in zip(alone, self.keep.runs(alone), strict=True):
            if ok:
                self._build(run[4], run[5])

    def _build(self, i: int, j: int) -> None:
        """The names of the terms ``found[i:j]`` (a run, with the runs a bracket joins to it)."""
        f, text = self.found, self.text
        start, end = f.starts[i], f.ends[j - 1]
        after = text[end : end + 1]
        if after in _OPEN_CHARS or f.starts[i + 1 : j] != f.ends[i : j - 1]:
            # a bracket in or after the run: what it holds matters
            _run_names(text, self.found.tokens(i, j), self.lex, self.out, f.terms[j] if j < len(f.terms) else None)
            return
        # Adjacent terms: the names depend only on the terms (those of the lexicon are their text;
        # terms it does not list, placeholders and the like, also on their rules and where each
        # ends) and on the characters on each side.
        before = text[start - 1 : start] if start else ""
        # (a run of lexicon terms is cut the same from the same text, wherever the extra terms are)
        extra = (tuple(map(_RULE, f.terms[i:j])), tuple(map(sub, f.ends[i:j], repeat(start)))) if f.has_extra(i, j) else None
        key = (text[start:end], _char_kind(before), after in _LIST_CHARS, extra)
        for a, b, shape, k in self._shapes(key, i, j):
            tokens = self.found.tokens(i + a, i + b)
            self.out.append(Candidate(tokens[0].start, tokens[-1].end, tokens, shape, tokens[k - 1].end if k else tokens[0].start))

    def _shapes(self, key: tuple, i: int, j: int) -> tuple[tuple[int, int, str, int], ...]:
        """The names of a run of adjacent terms ``found[i:j]`` as token slices, read once per
        lexicon: the same runs (县委组织部, 各级党组织) recur in every document."""
        cache = self.lex.run_names
        shapes = cache.get(key)
        if shapes is None:
            tokens = self.found.tokens(i, j)
            found: list[Candidate] = []
            _run_names(self.text, tokens, self.lex, found, None)
            if len(cache) >= _RUN_NAMES_MAX:
                cache.clear()
            shapes = cache[key] = tuple(_shape_of(c, tokens) for c in found)
        return shapes


_RUN_NAMES_MAX = 50_000


def _char_kind(ch: str) -> int:
    """What a run's names can tell of the character before it: whether it is a list mark
    (、 和 …), whether it is CJK (和 is both, 、 only the first), and whether it is 由 (after which
    a one-character organ word opens a name: 由局党组…, but 中局党组 is 党组)."""
    return 4 * (ch in _SELF_REF_AFTER) + 2 * (ch in _LIST_CHARS) + _is_cjk(ch)


def _shape_of(c: Candidate, tokens: list[Token]) -> tuple[int, int, str, int]:
    """A candidate as (first token, last token + 1, shape, number of scope tokens) of ``tokens``."""
    a = next(n for n, t in enumerate(tokens) if t.start == c.start)
    k = 0 if c.scope_end == c.start else next(n for n, t in enumerate(tokens[a:], 1) if t.end == c.scope_end)
    return a, a + len(c.tokens), c.shape, k


class Run(NamedTuple):
    """A run of terms that may hold names: its span, where a name in it may end, whether a clause
    may open inside it, its terms (``found[first:last]``) and, for a run of one term, the shape of
    the name it makes."""

    start: int
    end: int
    ends: Sequence[int]
    inner: bool
    first: int
    last: int
    shape: str


def _joins(text: str, end: int, start: int) -> bool:
    """Whether only a list separator lies between two runs (so their names may form one list)."""
    gap = text[end:start]
    return gap in LIST_SEPARATORS or (gap == "，" and text.startswith("各", start))


def _role_pair(text: str, found: Terms, i: int) -> bool:
    """Whether the role ``found[i]``, which names no one alone (校长, 院长), follows 、 after a name
    that ends in a role: 学院党委书记、院长 are the two heads of one college, each a body. The role
    before must be a name itself (alone, or the end of a longer run), so 书记、主任 are not."""
    s = found.starts[i]
    if i == 0 or found.ends[i - 1] != s - 1 or text[s - 1] != "、":
        return False
    prev = found.terms[i - 1]
    return prev.category == "role" and (prev.alone or (i > 1 and found.ends[i - 2] == found.starts[i - 1]))


def _role_before(tokens: list[Token], t: Token) -> bool:
    """:func:`_role_pair` on a list of tokens: a role that is a name ends right before ``t``'s 、."""
    k = next((k for k, x in enumerate(tokens) if x.end == t.start - 1), -1)
    if k < 0:
        return False
    prev = tokens[k].term
    return prev.category == "role" and (prev.alone or (k > 0 and tokens[k - 1].end == tokens[k].start))


def _run_end(text: str, found: Terms, j: int) -> tuple[int, list[int]]:
    """Where the terms that may belong to the run before ``j`` end: past adjacent terms and past a
    bracket of alternatives with the term right after it (the run may go on there). Also the ends
    of the brackets passed (a name may end there: 党委（党组）)."""
    starts, ends = found.starts, found.ends
    n = len(starts)
    closes: list[int] = []
    while j < n:
        if starts[j] == ends[j - 1]:
            j += 1
            continue
        if text.startswith(_OPEN, ends[j - 1]):
            m = _BRACKET.match(text, ends[j - 1])
            if m:
                closes.append(m.end())
                while j < n and starts[j] < m.end():
                    j += 1
                if j < n and starts[j] == m.end():
                    j += 1
                    continue
        return j, closes
    if text.startswith(_OPEN, ends[n - 1]):
        m = _BRACKET.match(text, ends[n - 1])
        if m:
            closes.append(m.end())
    return n, closes


def _run_names(text: str, tokens: list[Token], lex: Lexicon, out: list[Candidate], follow: Term | None) -> None:
    """The names in a stretch of terms that starts and ends a run (see :func:`find_names`).

    ``follow`` is the term after the stretch, if any: reaching a term that is no stop word is what
    joins a bracket of alternatives to the run before it (乡镇（甲、乙）…), even when the term lies
    beyond the bracket.
    """
    cur: list[Token] = []

    def close(run: list[Token]) -> None:
        if len(run) == 1:
            t = run[0]
            cat = t.term.category
            if (cat == "head" or cat == "role") and t.term.alone:
                out.append(Candidate(t.start, t.end, run, "body", t.start))
            elif cat == "role" and text[t.start - 1 : t.start] == "、" and _role_before(tokens, t):
                out.append(Candidate(t.start, t.end, run, "body", t.start))  # 书记、校长 (_role_pair)
            elif cat == "place" and len(t.text) > 1:
                out.append(Candidate(t.start, t.end, run, "place", t.start))
            elif cat == "stem" and (
                text[t.end : t.end + 1] in _LIST_CHARS or text[t.start - 1 : t.start] in _LIST_CHARS
            ):
                out.append(Candidate(t.start, t.end, run, "stem", t.start))  # bare stems matter in lists
        else:
            c = _candidate(run, lex, text)
            if c is not None:
                out.append(c)

    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        cat = tok.term.category
        if cur:
            last = cur[-1]
            if tok.start < last.end:  # inside a bracket already taken
                i += 1
                continue
            if cat == "stop":
                close(cur)
                cur = []
                i += 1
                continue
            if tok.start == last.end:
                prev = last.term.category
                # A place after a complete name starts a new name: 县委县政府 → 县委 | 县政府; a
                # quantifier after a stem starts one too (组织|各级领导干部), but stays inside after a
                # head or a modifier (市委各部委, 教育系统各级党组织).
                # A 各 after a quantified bare place starts a new name too: 各地区|各部门.
                if (cat == "place" and prev in ("head", "suffix", "role", "stem") and not _branch_follows(tokens, i)) or (
                    cat == "scope" and prev not in ("scope", "mod", "place", "head", "suffix", "bracket")
                ) or (cat == "scope" and tok.text == "各" and _quantified_place(cur)):
                    close(cur)
                    cur = []
                cur.append(tok)
                i += 1
                continue
            if text[last.end : last.end + 1] in "（(" and last.term.category in ("place", "head", "suffix", "role"):
                m = _BRACKET.match(text, last.end)
                if m and _bracket_ok(m.group(1), lex):
                    # the terms inside the bracket are skipped at the top of the loop
                    cur.append(Token(m.start(), m.end(), m.group(), _BRACKET_TERM))
                    continue
            close(cur)
            cur = []
        if cat != "stop":
            cur = [tok]
        i += 1
    if cur and follow is not None and follow.category != "stop":
        last = cur[-1]
        if text[last.end : last.end + 1] in "（(" and last.term.category in ("place", "head", "suffix", "role"):
            m = _BRACKET.match(text, last.end)
            if m and _bracket_ok(m.group(1), lex):
                cur.append(Token(m.start(), m.end(), m.group(), _BRACKET_TERM))
    if cur:
        close(cur)


_BRACKET_TERM = Term("（）", "bracket")


def _quantified_place(run: list[Token]) -> bool:
    """Whether a run so far is a quantifier and places only (各地区, 各县（市、区）): a 各 after it
    opens the next member of a list written without 、 (各地区各部门), not a part of its name (县直各部门)."""
    cats = [t.term.category for t in run]
    return cats[0] == "scope" and "place" in cats and all(c in ("scope", "place", "bracket") for c in cats)


def _branch_follows(tokens: list[Token], i: int) -> bool:
    """Whether the places from ``tokens[i]`` on are followed, adjacently, by a branch office:
    人民银行|东澜省|分行 is one name, while 县委|县政府 is two."""
    j = i
    while j + 1 < len(tokens) and tokens[j].term.category == "place" and tokens[j + 1].start == tokens[j].end:
        j += 1
    return tokens[j].term.branch and j > i


def _candidate(run: list[Token], lex: Lexicon, text: str) -> Candidate | None:
    """Trim a run of several terms to a name: leading quantifiers kept apart, trailing stems and
    modifiers dropped; None when no name is left."""
    k = 0
    while k < len(run) and run[k].term.category == "scope":
        k += 1
    scope, rest = run[:k], run[k:]
    # 局党组, 厅机关党委, 院办公室, 厅财务处: a one-character organ word names the writer's own unit,
    # also after 由 (由局主要负责同志约谈)
    self_ref = (
        bool(rest)
        and rest[0].term.category == "suffix"
        and len(rest) > 1
        and rest[1].term.category in ("head", "role", "stem")
        and (
            rest[0].start == 0
            or bool(scope)
            or not _is_cjk(text[rest[0].start - 1])
            or text[rest[0].start - 1] in _SELF_REF_AFTER
        )
    )
    while rest and rest[0].term.category in ("suffix", "bracket") and not self_ref:
        rest = rest[1:]
        scope = []
    last = max((j for j, t in enumerate(rest) if t.term.category in ("head", "suffix", "role")), default=-1)
    if last >= 0:
        while last + 1 < len(rest) and rest[last + 1].term.category == "bracket":
            last += 1  # 党委（党组）
        body = rest[: last + 1]
        # a stem that is also a verb does not make a class of bodies particular, nor a whole name
        # longer: 组织|企业参加…, 组织|居民委员会、业主委员会建立…; but 组织部门 and 宣传部 stay whole
        if (
            len(body) > 1
            and body[0].term.category == "stem"
            and body[0].text in lex.words["verb"]
            and (body[1].term.generic or body[1].term.alone)
            and body[1].text not in ("部门", "机构")
        ):
            body = body[1:]
            scope = []
        # a one-character head needs something it completes: 市委, 教育局 (not 有关部)
        for j, t in enumerate(body):
            if t.term.category == "suffix" and j > 0 and not any(
                b.term.category in ("place", "stem", "head") for b in body[:j]
            ):
                return None
        content = [t for t in body if t.term.category not in ("bracket", "scope")]
        if len(content) == 1 and not content[0].term.alone:
            lead_scope = scope[0].text if scope else ""
            if lead_scope not in ("各", "各级") or content[0].term.category == "role":
                return None
        toks = scope + body
        return Candidate(toks[0].start, toks[-1].end, toks, "body", scope[-1].end if scope else toks[0].start)
    places = [t for t in rest if t.term.category in ("place", "bracket")]
    if rest and all(t.term.category in ("place", "bracket", "mod") for t in rest) and places:
        toks = scope + rest
        return Candidate(toks[0].start, toks[-1].end, toks, "place", scope[-1].end if scope else toks[0].start)
    stems = [t for t in run[k:] if t.term.category in ("stem", "mod")]
    if stems and all(t.term.category in ("stem", "mod") for t in run[k:]) and any(
        t.term.category == "stem" for t in stems
    ):
        toks = scope + stems
        return Candidate(toks[0].start, toks[-1].end, toks, "stem", scope[-1].end if scope else toks[0].start)
    return None
