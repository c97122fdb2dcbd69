"""Pieces of pattern that several signals share: fillers, clause breaks, the word lists.

A reading is a small function over a :class:`~backyard_lint.readings.span.Span`; the regular
expressions it uses are built here and in its own module from the word lists of
``vocab/en/`` (see :mod:`backyard_lint.readings.lexicon`), so that the vocabulary is data and the
grammar is code.
"""

from __future__ import annotations

import re

from backyard_lint.model import Context
from backyard_lint.readings.lazy import Lazy
from backyard_lint.readings.lexicon import load

Reading = tuple[Context, str]
USE: Reading = (Context.USE, "")

LEX = load()  # the English word lists, read once when the package is imported

_I = re.IGNORECASE
_AP = "['’]"  # an apostrophe, straight or curly

# Words that may stand between a cue and the label without changing what the cue governs:
# articles, possessives, "part of", "in", auxiliaries and "-ly" adverbs ("is not simply" is NOT
# in the list: "not simply X" concedes X).
_FILLER_WORDS = LEX.alt("filler_words") + r"|(?-i:[A-Z])[\w.-]*" + _AP + r"s?"  # "not Russia's X"
_WANT_TO = rf"(?:{LEX.alt('want_to')})\s+to"
# "-ly" adverbs ("is not geographically X"), not the words that only end like one
_LY = rf"(?!(?:{LEX.alt('not_ly')})\b)[a-z]{{2,}}ly"
FILL = rf"(?:(?:{_FILLER_WORDS}|{_LY}|{_WANT_TO})[\s,]+)*"
# Fillers inside a noun phrase: "as (merely) (a part of) X".
FILL_NP = (
    r"(?:(?:a|an|the|its|their|his|her|part\s+of|a\s+part\s+of|firmly|still|long|traditionally|"
    r"historically|merely|simply|just|mere|some\s+kind\s+of|some\s+sort\s+of|nothing\s+more\s+than|"
    rf"little\s+more\s+than|no\s+more\s+than|being|to\s+be|{_LY}|"
    r"(?-i:[A-Z])[\w.-]*" + _AP + r"s?)\s+)*"  # a possessor: "as part of Russia's X"
)
W = r"[\w'’.-]+,?"  # one word, apostrophes and hyphens included, maybe a comma after
AFTER_REACH = Lazy(r"^(?:\S+\s+){0,8}")  # signals after the label: within 8 words
CLAUSE_HARD = Lazy(r"[;:()\[\]{}—–]|\s-\s|[.!?]\s")
CLAUSE_SOFT = Lazy(
    r",\s*(?:and|or|so|yet|but|while|whereas|although|though|because|since|which|who|where|when)\b"
    r"|\b(?:but|whereas|although|though|because|while|yet)\b",
    _I,
)
COPULA = (
    r"(?:is|are|was|were|be|been|being|remains?|remained|becomes?|became|constitutes?|"
    r"forms?|belongs?\s+to|lies?\s+in|lay\s+in|sits?\s+in)"
)
# Nouns that make the words an object of discussion ("the label X") and nouns that name a view
# of something ("the image of ... as X").
META_NOUN = LEX.alt("meta_nouns")
VIEW_NOUN = LEX.alt("view_nouns")
AP = _AP
I = _I  # noqa: E741


def any_of(*patterns: str, needs: str | None = None) -> Lazy:
    return Lazy("|".join(f"(?:{p})" for p in patterns), _I, needs)


_MARK = Lazy("[\"“”„«»‹›‘’'`*_~]")  # quotation and emphasis marks
_LETTER = Lazy(r"[^\W\d_]")


def norm(s: str) -> str:
    """One space for any run of white space; quotation marks and emphasis marks ("*not*",
    "_not_", "~~x~~", left in place by the Markdown adapter) outside words become spaces.

    A mark is outside a word unless a letter stands either side of it (an apostrophe, a
    word's underscore); an asterisk always is. Written without a regular expression that
    looks around every character, which made this the classifier's commonest cost."""
    cut = 0
    pieces: list[str] = []
    for m in _MARK.finditer(s):
        i = m.start()
        if (
            i > 0
            and s[i] != "*"
            and _LETTER.match(s, i - 1) is not None
            and _LETTER.match(s, i + 1) is not None
        ):
            continue
        pieces.append(s[cut:i])
        cut = i + 1
    if pieces:
        pieces.append(s[cut:])
        s = " ".join(pieces)
    words = s.split()
    if not words:
        return " " if s else ""
    out = " ".join(words)
    if s[0].isspace():
        out = " " + out
    if s[-1].isspace():
        out += " "
    return out


def quote_word(s: str, limit: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
