"""Pieces of pattern that several signals share: fillers, clause breaks, the word lists.

A reading is a small function over a :class:`~backyard_lint.readings.span.Span`; the regular
expressions it uses are built here and in its own module from the word lists of
``vocab/en/`` (see :mod:`backyard_lint.readings.lexicon`), so that the vocabulary is data and the
grammar is code.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import re2

from backyard_lint.model import Context
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
AFTER_REACH = re.compile(r"^(?:\S+\s+){0,8}")  # signals after the label: within 8 words
CLAUSE_HARD = re.compile(r"[;:()\[\]{}—–]|\s-\s|[.!?]\s")
CLAUSE_SOFT = re.compile(
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


def any_of(*patterns: str) -> Lazy:
    return Lazy("|".join(f"(?:{p})" for p in patterns), _I)


class Lazy:
    """A regular expression compiled when first searched. The long alternations (of verbs of
    rejection, of words for a term) take Python tens of milliseconds to compile, more than the
    rest of a small run, and a cheap RE2 gate before each (``gate``) means most texts never
    search them."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled.search(text, pos, endpos)


def gate(pattern: str) -> Callable[[str], bool]:
    """A cheap test (RE2, one linear pass over a clause) for the words a costly pattern needs."""
    options = re2.Options()
    options.log_errors = False
    compiled = re2.compile(f"(?i:{pattern})", options)
    return lambda s: compiled.search(s) is not None


_SPACES = re.compile(r"\s+")
_LOOSE_MARK = re.compile(r"[\"“”„«»‹›‘’'`*_~](?![^\W\d_])|(?<![^\W\d_])[\"“”„«»‹›‘’'`*_~]|\*+|~~")


def norm(s: str) -> str:
    """One space for any run of white space; quotation marks and emphasis marks ("*not*",
    "_not_", "~~x~~", left in place by the Markdown adapter) outside words become spaces."""
    return _SPACES.sub(" ", _LOOSE_MARK.sub(" ", s))


def quote_word(s: str, limit: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
