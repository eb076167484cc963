"""Terms of body names in a text: every lexicon term, longest first, in one pass.

The pass is an Aho-Corasick automaton (``ahocorasick_rs``, leftmost-longest: the terms the trie
regex of :mod:`policytext.extract.body_lexicon` finds, in about a third of its time); without the
package the regex does it.

The terms are kept as plain lists (:class:`Terms`): tens of thousands are found per document and
most stand alone (工作, 发展, 区 …), so :mod:`policytext.extract.body_names` makes
:class:`~policytext.extract.body_lexicon.Token` objects only for the runs that can make a name.
Redacted places (某县), redacted units (XX局), portfolios (分管…的) and the unit's own place names
are terms no lexicon can list; they are found apart and win over the terms they overlap.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from itertools import accumulate, repeat
from operator import attrgetter, itemgetter
from typing import NamedTuple

from .body_lexicon import PORTFOLIO_MARK, Lexicon, Term, Token, lexicon

__all__ = ["Terms", "name_tokens", "scan_terms"]

# Redacted and generic place names in published documents: ×市 XX县 X区 某县 某街道.
_PLACEHOLDER = r"[XＸx×某]{1,3}(?:自治区|自治州|自治县|新区|街道|社区|省|市|州|盟|县|区|旗|镇|乡|村)"
# A redacted unit before its organ suffix: XX局, ×委, 某公司 (read as a stem the suffix completes).
_PLACEHOLDER_UNIT = r"[XＸx×某]{1,3}(?=[局委办厅部处科室所站院公集])"
# 分管党建工作的副书记: a portfolio clause before a role.
_PORTFOLIO = r"分管[\u4e00-\u9fff、]{1,12}?的"
# Patterns with characters no term starts with, matched in a second pass when those characters occur.
_RARE = re.compile(
    f"(?=[XＸx×某分])(?:(?P<placeholder>{_PLACEHOLDER})|(?P<unit>{_PLACEHOLDER_UNIT})|(?P<portfolio>{_PORTFOLIO}))"
)
# What _RARE can start with (分 only as 分管, which the lexicon finds with other marks): found
# with str.find, much faster than a regex scan.
_RARE_MARKS = ("X", "Ｘ", "x", "×", "某")

def _placeholder_term(text: str) -> Term:
    suffix_levels = (("自治区", "省"), ("省", "省"), ("自治州", "市"), ("市", "市"), ("州", "市"), ("盟", "市"),
                     ("自治县", "县"), ("县", "县"), ("新区", "县"), ("区", "县"), ("旗", "县"),
                     ("街道", "乡镇"), ("镇", "乡镇"), ("乡", "乡镇"), ("社区", "村"), ("村", "村"))
    level = next((lv for suf, lv in suffix_levels if text.endswith(suf)), "")
    return Term(text, "place", "", level, rule="placeholder")


_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)
_TEXT = attrgetter("text")
_new_tuple = tuple.__new__  # a NamedTuple from a tuple of its fields, without its Python __new__


class Terms(NamedTuple):
    """The terms of a text as parallel lists (cheaper than one object per term); the text of term
    i is ``terms[i].text``."""

    starts: list[int]
    ends: list[int]
    terms: list[Term]
    # the indices of the terms that are not the lexicon's (redacted places, portfolios …), in order
    extra: Sequence[int] = ()

    def has_extra(self, i: int, j: int) -> bool:
        """Whether a term of ``i`` to ``j`` is not the lexicon's."""
        extra = self.extra
        if not extra:
            return False
        k = bisect.bisect_left(extra, i)
        return k < len(extra) and extra[k] < j

    def token(self, i: int) -> Token:
        term = self.terms[i]
        return _new_tuple(Token, (self.starts[i], self.ends[i], term.text, term))

    def tokens(self, i: int, j: int) -> list[Token]:
        """The tokens of terms ``i`` to ``j``, made in C (no call of ``Token.__new__`` each)."""
        terms = self.terms[i:j]
        fields = zip(self.starts[i:j], self.ends[i:j], map(_TEXT, terms), terms, strict=True)
        return list(map(_new_tuple, repeat(Token), fields))


def _scan(text: str, lex: Lexicon) -> Terms:
    """Every lexicon term of ``text``, longest first at each position, in one pass.

    The Aho-Corasick automaton gives (term, start, end) triples, in characters; the lists are made
    from them without a Python call per term.
    """
    if lex.automaton is None:
        return _scan_regex(text, lex)
    hits = lex.automaton.find_matches_as_indexes(text)
    terms = list(map(lex.term_list.__getitem__, map(_FIRST, hits)))
    return Terms(list(map(_SECOND, hits)), list(map(_THIRD, hits)), terms)


def _scan_regex(text: str, lex: Lexicon) -> Terms:
    """:func:`_scan` with the trie regex: ``split`` returns gaps and terms in turn without a Python
    call per match; the offsets are the running sums of their lengths.
    """
    parts = lex.split_re.split(text)
    offsets = list(accumulate(map(len, parts)))
    return Terms(offsets[0:-1:2], offsets[1::2], list(map(lex.terms.__getitem__, parts[1::2])))


def _rare_matches(text: str, lex: Lexicon) -> list[re.Match]:
    """``_RARE.finditer(text)``, tried only where a mark is: leftmost first, none inside another."""
    marks = list(lex.marks(text).get(PORTFOLIO_MARK, ()))
    for mark in _RARE_MARKS:
        p = text.find(mark)
        while p >= 0:
            marks.append(p)
            p = text.find(mark, p + 1)
    out: list[re.Match] = []
    pos = 0
    for start in sorted(marks):
        if start < pos:
            continue
        m = _RARE.match(text, start)
        if m:
            out.append(m)
            pos = m.end()
    return out


def _extra_tokens(text: str, places: Iterable[str], lex: Lexicon) -> list[Token]:
    """Redacted places (某县), redacted units (XX局), portfolios (分管…的) and the unit's own place
    names (``places``): terms the lexicon cannot list, which win over the terms they overlap."""
    extra: list[Token] = []
    for m in _rare_matches(text, lex):
        s, kind = m.group(), m.lastgroup
        if kind == "placeholder":
            term = _placeholder_term(s)
        elif kind == "unit":
            term = Term(s, "stem", rule="placeholder-unit")
        else:
            term = Term(s, "mod", rule="portfolio")
        extra.append(Token(m.start(), m.end(), s, term))
    own = [p for p in places if p and p not in lex.terms]
    if own:
        pat = re.compile("|".join(re.escape(p) for p in sorted(own, key=len, reverse=True)))
        extra.extend(Token(m.start(), m.end(), m.group(), _placeholder_term(m.group())) for m in pat.finditer(text))
    return extra


def _with_extra(text: str, found: Terms, extra: list[Token], lex: Lexicon) -> Terms:
    """The terms when the extra tokens come first and the lexicon is read only between them.

    Reading between them means scanning each stretch with its end cut at the next extra token. That
    scan agrees with the whole-text scan ``found`` from the first term both give on, up to a term
    that would cross the cut; so only those few places are scanned again.
    """
    extra.sort(key=lambda t: (t.start, -t.end))
    out = Terms([], [], [], [])
    pos = 0
    for rare in extra:
        if rare.start < pos:
            continue  # overlaps the previous one
        _between(text, pos, rare.start, found, out, lex)
        out.extra.append(len(out.starts))
        out.starts.append(rare.start)
        out.ends.append(rare.end)
        out.terms.append(rare.term)
        pos = rare.end
    _between(text, pos, len(text), found, out, lex)
    return out


def _between(text: str, pos: int, end: int, found: Terms, out: Terms, lex: Lexicon) -> None:
    """Append the terms a scan of ``text[pos:end]`` (cut at ``end``) gives, reusing ``found``."""
    terms = lex.terms
    starts, ends = found.starts, found.ends
    i = bisect.bisect_left(starts, pos)
    for m in lex.name_re.finditer(text, pos, end):
        s, e = m.span()
        if i < len(starts) and starts[i] < s:
            i = bisect.bisect_left(starts, s, i)
        if i < len(starts) and starts[i] == s and ends[i] == e:
            # in step with the whole-text scan: take its terms up to the cut
            j = bisect.bisect_right(ends, end, i)
            out.starts.extend(starts[i:j])
            out.ends.extend(ends[i:j])
            out.terms.extend(found.terms[i:j])
            if j < len(starts) and starts[j] < end:  # a term across the cut: read the rest again
                _between_plain(text, starts[j], end, out, lex)
            return
        out.starts.append(s)
        out.ends.append(e)
        out.terms.append(terms[m.group()])


def _between_plain(text: str, pos: int, end: int, out: Terms, lex: Lexicon) -> None:
    terms = lex.terms
    for m in lex.name_re.finditer(text, pos, end):
        out.starts.append(m.start())
        out.ends.append(m.end())
        out.terms.append(terms[m.group()])


def scan_terms(text: str, *, places: Iterable[str] = (), lex: Lexicon | None = None) -> Terms:
    """The name terms of ``text`` in order as parallel lists (see :func:`name_tokens`)."""
    lex = lex or lexicon()
    found = _scan(text, lex)
    extra = _extra_tokens(text, places, lex)
    return _with_extra(text, found, extra, lex) if extra else found


def name_tokens(text: str, *, places: Iterable[str] = (), lex: Lexicon | None = None) -> list[Token]:
    """The name terms of ``text`` in order, longest first at each position.

    Args:
        text: plain text.
        places: extra proper place names (the document's own unit) to read as places.
        lex: the lexicon (default: the packaged one).

    >>> [t.text for t in name_tokens("市教育局党组要牵头")]
    ['市', '教育', '局', '党组']
    """
    found = scan_terms(text, places=places, lex=lex)
    return [found.token(i) for i in range(len(found.starts))]
