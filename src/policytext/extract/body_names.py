"""Names of bodies in Chinese policy text: terms of the lexicon, runs of terms, normalised names.

A name is a run of adjacent terms of ``lexicons/bodies.tsv`` and ``lexicons/bodies.jsonl`` —
``[scope] [place…] [mod|stem…] head [head|suffix|role…]``: 市|教育|局|党组, 县|（市、区）|委|常委,
各级|党支部|（总支）|书记 — cut from the text by one compiled trie regex (no segmenter). This module
finds names; :mod:`policytext.extract.bodies` decides which of them the text makes responsible.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..lexicons import body_patterns, body_terms

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
_RARE_MARKS = ("X", "Ｘ", "x", "×", "某", "分管")
# Characters next to a bare stem that make it a member of a list (发展改革、人社等部门).
_LIST_CHARS = set("、和及与等以")


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


class Token(NamedTuple):
    """A term found in the text (a tuple: tens of thousands are made per document)."""

    start: int
    end: int
    text: str
    term: Term


@dataclass
class Lexicon:
    """The compiled lexicon: a trie regex over every name term and the word sets around names."""

    terms: dict[str, Term]
    words: dict[str, frozenset[str]]
    name_re: re.Pattern  # every term, longest first
    word_re: re.Pattern  # the words around names


def _trie_regex(words: Iterable[str]) -> str:
    """An alternation that matches the longest of ``words`` at a position, built as a trie.

    >>> re.match(_trie_regex(["党委", "党委会", "党组"]), "党委会议").group()
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


def _bucketed_trie_regex(words: Iterable[str], buckets: int = 8) -> str:
    """A trie regex split by first character into a few buckets, each behind a character-set test.

    The regex engine tries the branches of an alternation one by one; with a set test in front of
    each bucket it tries about a tenth of them. Together with the set of all first characters in
    front of the whole pattern, this scans a text about twice as fast as the plain trie.

    >>> re.fullmatch(_bucketed_trie_regex(["党委", "县委", "局"], buckets=2), "县委") is not None
    True
    """
    words = sorted(set(words))
    first = sorted({w[0] for w in words})
    alts = []
    for i in range(min(buckets, len(first))):
        chars = first[i::buckets]
        group = [w for w in words if w[0] in chars]
        alts.append(f"(?=[{''.join(re.escape(c) for c in chars)}])(?:{_trie_regex(group)})")
    return "(?:" + "|".join(alts) + ")"


_NAME_CATEGORIES = ("scope", "place", "mod", "stem", "head", "suffix", "role", "stop")
_WORD_CATEGORIES = ("modal", "strong", "support", "verb", "introducer", "issue", "nonverb", "partner")


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
            terms.setdefault(text, Term(text, "head", "party", level, True, False, True, pat["id"]))
    for special in ("党（工）委", "党(工)委"):  # Party committee or Party working committee
        terms[special] = Term(special, "head", "party", "", True, rule="special:党(工)委")
    for special in ("专（兼）职", "专(兼)职"):  # full- or part-time
        terms[special] = Term(special, "mod", rule="special:专(兼)职")
    # The set of first characters in front lets the engine reject most positions with one test.
    first = "".join(re.escape(c) for c in sorted({t[0] for t in terms}))
    name_re = re.compile(f"(?=[{first}]){_bucketed_trie_regex(terms)}")
    all_words = set().union(*words.values())
    word_re = re.compile(_trie_regex(all_words))
    return Lexicon(terms, {c: frozenset(w) for c, w in words.items()}, name_re, word_re)


def _placeholder_term(text: str) -> Term:
    suffix_levels = (("自治区", "省"), ("省", "省"), ("自治州", "市"), ("市", "市"), ("州", "市"), ("盟", "市"),
                     ("自治县", "县"), ("县", "县"), ("新区", "县"), ("区", "县"), ("旗", "县"),
                     ("街道", "乡镇"), ("镇", "乡镇"), ("乡", "乡镇"), ("社区", "村"), ("村", "村"))
    level = next((lv for suf, lv in suffix_levels if text.endswith(suf)), "")
    return Term(text, "place", "", level, rule="placeholder")


def name_tokens(text: str, *, places: Iterable[str] = (), lex: Lexicon | None = None) -> list[Token]:
    """The name terms of ``text`` in order, longest first at each position.

    Args:
        text: plain text.
        places: extra proper place names (the document's own unit) to read as places.
        lex: the lexicon (default: the packaged one).

    >>> [t.text for t in name_tokens("市教育局党组要牵头")]
    ['市', '教育', '局', '党组']
    """
    lex = lex or lexicon()
    terms = lex.terms
    out = [Token(m.start(), m.end(), s, terms[s]) for m in lex.name_re.finditer(text) for s in (m.group(),)]
    # Rare patterns go in a second pass, only when their characters occur; they replace the terms
    # they overlap (某县 is one place, not 某 + 县).
    extra: list[Token] = []
    if any(mark in text for mark in _RARE_MARKS):
        for m in _RARE.finditer(text):
            s, kind = m.group(), m.lastgroup
            if kind == "placeholder":
                term = _placeholder_term(s)
            elif kind == "unit":
                term = Term(s, "stem", rule="placeholder-unit")
            else:
                term = Term(s, "mod", rule="portfolio")
            extra.append(Token(m.start(), m.end(), s, term))
    own = [p for p in places if p and p not in terms]
    if own:
        pat = re.compile("|".join(re.escape(p) for p in sorted(own, key=len, reverse=True)))
        extra.extend(Token(m.start(), m.end(), m.group(), _placeholder_term(m.group())) for m in pat.finditer(text))
    if extra:  # scan again between the rare tokens, so that no term runs across one
        extra.sort(key=lambda t: (t.start, -t.end))
        out, pos = [], 0
        for rare in extra:
            if rare.start < pos:
                continue  # overlaps the previous one
            out.extend(Token(m.start(), m.end(), m.group(), terms[m.group()])
                       for m in lex.name_re.finditer(text, pos, rare.start))
            out.append(rare)
            pos = rare.end
        out.extend(Token(m.start(), m.end(), m.group(), terms[m.group()]) for m in lex.name_re.finditer(text, pos))
    return out


@dataclass
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
        """A class of bodies (有关单位, 各部门, 基层党组织) rather than a particular one."""
        content = [t for t in self.tokens if t.term.category != "scope" and not (
            t.term.category == "mod" and t.term.generic)]
        return len(content) == 1 and content[0].term.generic

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
    text: str, tokens: list[Token] | None = None, *, places: Iterable[str] = (), lex: Lexicon | None = None
) -> list[Candidate]:
    """Every name in ``text``: adjacent terms grouped into runs, each run trimmed to a name.

    A bracket of alternatives may sit between two terms (县（市、区）委); a stop word ends a run; a
    place after a complete name starts the next one (县委县政府). Bare places (各县) and bare stems
    next to a list mark (发展改革、) are kept too, for the lists they may belong to.

    Args:
        text: plain text.
        tokens: its terms, if :func:`name_tokens` has already been run.
        places: proper place names of the issuing unit (as in :func:`name_tokens`).
        lex: the lexicon (default: the packaged one).

    >>> text = "县委县政府和各乡镇（街道）"
    >>> [(text[c.start:c.end], c.shape) for c in find_names(text)]
    [('县委', 'body'), ('县政府', 'body'), ('各乡镇（街道）', 'place')]
    """
    lex = lex or lexicon()
    if tokens is None:
        tokens = name_tokens(text, places=places, lex=lex)
    out: list[Candidate] = []
    cur: list[Token] = []

    def close(run: list[Token]) -> None:
        if len(run) == 1:
            t = run[0]
            cat = t.term.category
            if (cat == "head" or cat == "role") and t.term.alone:
                out.append(Candidate(t.start, t.end, run, "body", t.start))
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
                if (cat == "place" and prev in ("head", "suffix", "role", "stem") and not _branch_follows(tokens, i)) or (
                    cat == "scope" and prev not in ("scope", "mod", "place", "head", "suffix", "bracket")
                ):
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
    if cur:
        close(cur)
    return out


_BRACKET_TERM = Term("（）", "bracket")


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
    # 局党组, 厅机关党委, 院办公室: a one-character organ word names the writer's own unit
    self_ref = (
        bool(rest)
        and rest[0].term.category == "suffix"
        and len(rest) > 1
        and rest[1].term.category in ("head", "role")
        and (rest[0].start == 0 or bool(scope) or not _is_cjk(text[rest[0].start - 1]))
    )
    while rest and rest[0].term.category in ("suffix", "bracket") and not self_ref:
        rest = rest[1:]
        scope = []
    last = max((j for j, t in enumerate(rest) if t.term.category in ("head", "suffix", "role")), default=-1)
    if last >= 0:
        while last + 1 < len(rest) and rest[last + 1].term.category == "bracket":
            last += 1  # 党委（党组）
        body = rest[: last + 1]
        # a stem that is also a verb does not make a class of bodies particular: 组织|企业参加…,
        # but 组织部门 and 宣传部 stay whole
        if (
            len(body) > 1
            and body[0].term.category == "stem"
            and body[0].text in lex.words["verb"]
            and body[1].term.generic
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


_PLACE_CHARS = set("省市县区乡镇村")


def place_names_government(c: Candidate, text: str) -> bool:
    """A bare place names its government only as 各县, 县（市）区, 乡镇（街道）, 县区 or 中央.

    Not as 市, 县, 社区 or 自治区 alone (社区建设, 自治区成立70周年), nor as 县级, 省级新区.
    """
    places = [t for t in c.tokens if t.term.category == "place"]
    if any(t.text.endswith("级") for t in places):
        return False
    if any(t.term.authority for t in places):
        return True  # 中央
    if c.scope_end > c.start and text[c.start : c.scope_end] in ("各", "各级"):
        return True
    if any(t.term.category == "bracket" for t in c.tokens):
        return True
    return len(places) == 1 and len(places[0].text) > 1 and set(places[0].text) <= _PLACE_CHARS


def normalise_name(text: str) -> str:
    """The name used to compare bodies across documents.

    Brackets become ASCII, spaces and quotation marks go, and a leading quantifier (各, 各级, 全市,
    其他, 每个) is dropped.

    >>> normalise_name("各级党委（党组）书记")
    '党委(党组)书记'
    >>> normalise_name("全县各乡镇（街道）党（工）委")
    '乡镇(街道)党(工)委'
    >>> normalise_name("村（社区）“两委”班子")
    '村(社区)两委班子'
    """
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"[\s“”‘’\"'「」]+", "", s)
    while True:
        m = re.match(r"各级|各|全(?:国|省|市|县|区|旗|州|镇|乡)|其他|其它|每个|每名|每位|所有", s)
        if not m or len(s) - m.end() < 2:
            break
        s = s[m.end():]
    return s




def name_level(c: Candidate | None) -> str:
    if c is None:
        return ""
    for t in c.tokens:
        if t.term.category == "place" and t.term.level:
            return t.term.level
    for t in reversed(c.tokens):
        if t.term.level:
            return t.term.level
    return ""


def name_kind(c: Candidate | None) -> str:
    if c is None:
        return ""
    toks = [t for t in c.tokens if t.term.category not in ("bracket", "scope")]
    if c.shape == "place":
        return "party" if toks and toks[-1].text == "中央" else "government"
    for j in range(len(toks) - 1, -1, -1):
        t = toks[j]
        if t.term.category == "role":
            return "role"
        if t.term.category == "suffix":
            prev = toks[j - 1] if j else None
            if t.text == "委" and prev is not None and prev.term.category == "place":
                return "party"  # 市委, 县（市、区）委
            if prev is not None and prev.term.kind and t.text in ("委", "部", "办"):
                return prev.term.kind
            return t.term.kind or "government"
        if t.term.category == "head":
            prev = toks[j - 1] if j else None
            if t.term.generic and prev is not None and prev.term.category == "stem" and prev.term.kind:
                return prev.term.kind  # 组织部门 is a Party department
            return t.term.kind or "other"
        if t.term.category == "stem":
            return t.term.kind or "other"
    return "other"
