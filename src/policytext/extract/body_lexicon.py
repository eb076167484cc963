"""The compiled lexicon of body names: terms of ``lexicons/bodies.tsv`` and ``bodies.jsonl``, the
word sets around names, and the automata and regexes that find them.

Speed matters here: the name terms are looked for at every character of every document. An
Aho-Corasick automaton (``ahocorasick_rs``) finds them; without the package, a regex does: a trie
(shared prefixes factored out) behind cheap character-set tests, so that the regex engine rejects
most positions after one or two set lookups (see :func:`_name_pattern`). A second automaton finds
a few words looked up around names (:meth:`Lexicon.marks`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..lexicons import body_patterns, body_terms

__all__ = ["INTRODUCER_MARK", "VIA_MARK", "WORD_ORDER", "Lexicon", "Term", "Token", "WordAt", "lexicon", "trie_regex"]

# How a term behaves as a run of its own (:func:`policytext.extract.body_names.find_names`), as bit
# flags: a whole name (a head or role marked alone), a bare place of two characters or more, a bare
# stem (kept next to a list mark), and a term a bracket of alternatives may follow (县（市、区）委).
# SOLO_ROLE marks a role that names no one alone (校长), a body only after another role (书记、校长).
SOLO_BODY, SOLO_PLACE, SOLO_STEM, SOLO_JOIN, SOLO_ROLE = 1, 2, 4, 8, 16


@dataclass(frozen=True)
class Term:
    """One entry of the lexicon: what a piece of a name is."""

    text: str
    category: str  # scope place mod stem head suffix role stop
    kind: str = ""
    level: str = ""
    alone: bool = False
    generic: bool = False
    authority: bool = False
    rule: str = ""
    branch: bool = False

    @functools.cached_property
    def solo(self) -> int:
        """The SOLO_* flags: what this term makes when it stands alone in the text."""
        cat = self.category
        flags = SOLO_JOIN if cat in ("place", "head", "suffix", "role") else 0
        if cat in ("head", "role") and self.alone:
            flags |= SOLO_BODY
        elif cat == "place" and len(self.text) > 1:
            flags |= SOLO_PLACE
        elif cat == "stem":
            flags |= SOLO_STEM
        elif cat == "role":
            flags |= SOLO_ROLE
        return flags


class Token(NamedTuple):
    """A term found in the text (a tuple: tens of thousands are made per document)."""

    start: int
    end: int
    text: str
    term: Term


class WordAt(dict):
    """The match function of the longest of some words at a position, by the character there (None
    when no word starts with it): the trie of the words that start with it, compiled when first
    asked for. The same match as one trie of all words, whose other branches the regex engine
    would try in turn."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__()
        self.by_first: dict[str, list[str]] = {}
        for w in sorted(words):
            self.by_first.setdefault(w[0], []).append(w)

    def __missing__(self, ch: str) -> Callable[[str, int], re.Match | None] | None:
        words = self.by_first.get(ch)
        self[ch] = fn = re.compile(trie_regex(words)).match if words else None
        return fn


@dataclass
class Lexicon:
    """The compiled lexicon: a trie regex over every name term and the word sets around names."""

    terms: dict[str, Term]
    words: dict[str, frozenset[str]]
    name_re: re.Pattern  # every term, longest first
    word_re: re.Pattern  # the words around names
    # ``word_re`` by the character at a position; the category of each word (the first of
    # WORD_ORDER it is in); a pattern of the modal verbs
    word_at: WordAt = field(repr=False)
    word_category: dict[str, str] = field(repr=False)
    modal_re: re.Pattern = field(repr=False)
    split_re: re.Pattern  # name_re in a group: ``split`` gives gaps and terms in turn
    # The same scan as an Aho-Corasick automaton (leftmost-longest, as the trie), about twice as
    # fast as ``split_re``; None without the ahocorasick_rs package. Pattern k is term_list[k].
    automaton: Any = field(default=None, repr=False)
    term_list: list[Term] = field(default_factory=list, repr=False)
    # The names a run of adjacent terms holds, by its terms and the kind of character on each side
    # (body_names._build): the same runs (县委组织部, 各级党组织) recur in every document.
    run_names: dict[tuple, tuple] = field(default_factory=dict, repr=False)
    # Words looked up around names (会同, 考核对象, 分管 …), found in one pass by ``marks``.
    mark_words: tuple[str, ...] = ()
    mark_automaton: Any = field(default=None, repr=False)
    _last_marks: tuple[str, dict[str, list[int]]] = field(default=("", {}), repr=False)

    def marks(self, text: str) -> dict[str, list[int]]:
        """Where each of ``mark_words`` starts in ``text``. Several steps ask for the same text in
        turn, so the last answer is kept."""
        last_text, last = self._last_marks
        if last_text is text:
            return last
        out: dict[str, list[int]] = {}
        if self.mark_automaton is not None:
            words = self.mark_words
            for k, start, _ in self.mark_automaton.find_matches_as_indexes(text):
                out.setdefault(words[k], []).append(start)
        else:
            for w in self.mark_words:
                p = text.find(w)
                while p >= 0:
                    out.setdefault(w, []).append(p)
                    p = text.find(w, p + len(w))
        self._last_marks = (text, out)
        return out


def _automaton(words: list[str], dfa: bool = True) -> Any:
    """A leftmost-longest Aho-Corasick automaton over ``words``, or None without ahocorasick_rs.

    A DFA is a third faster than the default NFA on the name terms of policy text (and small for a
    few hundred terms); a few words are found fastest by the default, which skips ahead to them.
    """
    try:
        import ahocorasick_rs
    except ImportError:  # pragma: no cover - the regex scan gives the same terms
        return None
    implementation = ahocorasick_rs.Implementation.DFA if dfa else None
    return ahocorasick_rs.AhoCorasick(
        words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest, implementation=implementation
    )


#: Headings over a list of the bodies a scheme applies to (bodies._notes): 一、考核对象⏎各乡镇党委、…
HEADING_WORDS = ("考核对象", "考评对象", "责任主体", "实施主体")
#: A portfolio clause before a role (body_tokens): 分管党建工作的副书记.
PORTFOLIO_MARK = "分管"
#: The introducer after which a role is the doer whatever verb follows (body_roles): 由班子成员挂点帮扶.
INTRODUCER_MARK = "由"
#: Before a coordinating body a plan works through (body_unknown): 依托市…工作领导小组.
VIA_MARK = "依托"


def trie_regex(words: Iterable[str]) -> str:
    """An alternation that matches the longest of ``words`` at a position, built as a trie.

    >>> re.match(trie_regex(["党委", "党委会", "党组"]), "党委会议").group()
    '党委会'
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _char_set(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def _bucketed_trie_regex(words: list[str], buckets: int = 8) -> str:
    """A trie regex split by first character into a few buckets, each behind a character-set test.

    The regex engine tries the branches of an alternation one by one; with a set test in front of
    each bucket it tries about a tenth of them.

    >>> re.fullmatch(_bucketed_trie_regex(["党委", "县委", "局"], buckets=2), "县委") is not None
    True
    """
    words = sorted(set(words))
    first = sorted({w[0] for w in words})
    alts = []
    for i in range(min(buckets, len(first))):
        chars = first[i::buckets]
        group = [w for w in words if w[0] in chars]
        alts.append(f"(?={_char_set(chars)})(?:{trie_regex(group)})")
    return "(?:" + "|".join(alts) + ")"


def _name_pattern(terms: Iterable[str], groups: int = 4) -> str:
    """The regex of all name terms: two cheap tests, then the bucketed trie.

    Most characters of a text start no term; of those that start one, most are not followed by a
    character the term could go on with (发展, 经济, 全面). So the pattern first tests the character
    (one set), then the pair of characters (a term of one character, or a first character of a
    group followed by a second character of that group), and only then tries the trie. The tests
    only reject positions where no term starts, so the matches are those of the trie alone; the
    scan is about 30% faster.
    """
    terms = sorted(set(terms))
    singles = {t for t in terms if len(t) == 1}
    second: dict[str, set[str]] = {}
    for t in terms:
        if len(t) > 1:
            second.setdefault(t[0], set()).add(t[1])
    firsts = sorted(c for c in second if c not in singles)
    pairs = [_char_set(singles)]
    for i in range(groups):
        chars = firsts[i::groups]
        if chars:
            pairs.append(_char_set(chars) + _char_set(set().union(*(second[c] for c in chars))))
    starts = _char_set(t[0] for t in terms)
    return f"(?={starts})(?={'|'.join(pairs)}){_bucketed_trie_regex(terms)}"


_FORMULA_NUMERALS = frozenset("一二三四五六七八九十两双")
_NAME_CATEGORIES = ("scope", "place", "mod", "stem", "head", "suffix", "role", "stop")
_WORD_CATEGORIES = ("modal", "strong", "support", "verb", "introducer", "issue", "nonverb", "partner")
#: The category a word found after a name is read as, when it is in several (body_roles.word_after).
WORD_ORDER = ("nonverb", "support", "strong", "modal", "verb", "issue", "introducer")


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon of bodies.tsv and bodies.jsonl, compiled once."""
    terms: dict[str, Term] = {}
    words: dict[str, set[str]] = {c: set() for c in _WORD_CATEGORIES}
    for row in body_terms():
        cat, text = row["category"], row["term"]
        if cat in words:
            words[cat].add(text)
            continue
        if cat not in _NAME_CATEGORIES or text in terms:
            continue
        flags = set(row.get("flags", "").split())
        terms[text] = Term(
            text, cat, row.get("kind", ""), row.get("level", ""),
            "alone" in flags, "generic" in flags, "authority" in flags, f"term:{text}", "branch" in flags,
        )
    for pat in body_patterns():
        text = pat["pattern"]
        if pat["label"] == "GPE":
            terms.setdefault(text, Term(text, "place", "", "省", rule=pat["id"]))
        else:
            level = "中央" if pat["id"].startswith("central/") else ""
            kind = pat.get("kind", "party")  # the state organs say "government" (spaCy ignores the key)
            terms.setdefault(text, Term(text, "head", kind, level, True, False, True, pat["id"]))
    # a short numbered formula keeps its quotation marks inside a name: 辖区“两新”组织党组织, 村“两委”
    for text, term in list(terms.items()):
        if term.category in ("mod", "stem", "head") and text[0] in _FORMULA_NUMERALS and len(text) <= 4:
            quoted = f"“{text}”"
            terms.setdefault(quoted, Term(quoted, term.category, term.kind, term.level, term.alone,
                                          term.generic, term.authority, f"quoted:{text}", term.branch))
    for special in ("党（工）委", "党(工)委"):  # Party committee or Party working committee
        terms[special] = Term(special, "head", "party", "", True, rule="special:党(工)委")
    for special in ("专（兼）职", "专(兼)职"):  # full- or part-time
        terms[special] = Term(special, "mod", rule="special:专(兼)职")
    # One compiled pattern serves both: the group costs nothing to a match and lets ``split`` work.
    name_re = re.compile(f"({_name_pattern(terms)})")
    all_words = set().union(*words.values())
    # the partner words (会同) and the rest: none is a part of another, so the leftmost-longest
    # matches are every occurrence of each
    marks = (*sorted(words["partner"]), *HEADING_WORDS, PORTFOLIO_MARK, VIA_MARK)
    category = {}
    for cat in reversed(WORD_ORDER):
        category.update(dict.fromkeys(words[cat], cat))
    return Lexicon(terms, {c: frozenset(w) for c, w in words.items()}, name_re,
                   re.compile(trie_regex(all_words)), WordAt(all_words), category,
                   re.compile("|".join(map(re.escape, sorted(words["modal"], key=len, reverse=True)))), name_re,
                   _automaton(list(terms)), list(terms.values()),
                   mark_words=marks, mark_automaton=_automaton(list(marks), dfa=False))
