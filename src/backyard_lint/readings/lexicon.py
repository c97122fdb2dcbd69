"""The word lists the signals read, loaded from plain data files.

Each list is a file ``vocab/<lang>/<name>.txt`` shipped in the package: one entry a line (a word
or a phrase of words separated by spaces), ``#`` starts a comment, blank lines are skipped. The
file name without ``.txt`` is the list's name; a rule's ``hints`` extend a list by that name
(``period_nouns: [stagnation]``). This module is the only one that reads those files, and it
rejects a list that holds the same entry twice (compared without regard to case), naming the
file and both lines, so a list never grows by accident.

A signal asks a :class:`Lexicon` for a list as a set of words (``words``) or as a regular
expression alternation (``alt``): entries escaped, longest first, white space between words
matching any run of white space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

DEFAULT_LANG = "en"
# hints that are not word lists: ``readings`` names the readings a rule accepts
NON_LIST_HINTS = frozenset({"readings"})


class LexiconError(ValueError):
    """A word list that cannot be used; ``str()`` is one line naming the file."""


def _vocab_dir(lang: str) -> Path:
    # The package is installed as files (a wheel, an editable install), never zipped:
    # importlib.resources would load zipfile and tempfile, 5 ms of a small run, to say so.
    return Path(__file__).with_name("vocab") / lang


def parse(text: str, where: str) -> tuple[str, ...]:
    """The entries of one list file's ``text``; ``where`` names it in errors."""
    entries: list[str] = []
    first: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        entry = " ".join(line.split("#", 1)[0].split())
        if not entry:
            continue
        key = entry.casefold()
        if key in first:
            raise LexiconError(
                f"{where}:{number}: '{entry}' is already listed on line {first[key]}"
            )
        first[key] = number
        entries.append(entry)
    return tuple(entries)


def list_names(lang: str = DEFAULT_LANG) -> frozenset[str]:
    """The names of the word lists of ``lang`` (the files' stems)."""
    folder = _vocab_dir(lang)
    if not folder.is_dir():
        return frozenset()
    return frozenset(p.name[: -len(".txt")] for p in folder.iterdir() if p.name.endswith(".txt"))


def load(lang: str = DEFAULT_LANG) -> Lexicon:
    """Every word list of ``lang``; raises :class:`LexiconError` on a duplicate entry."""
    folder = _vocab_dir(lang)
    if not folder.is_dir():
        raise LexiconError(f"vocab/{lang}: no word lists for the language '{lang}'")
    lists: dict[str, tuple[str, ...]] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.endswith(".txt"):
            name = path.name[: -len(".txt")]
            lists[name] = parse(path.read_text(encoding="utf-8"), f"vocab/{lang}/{path.name}")
    return Lexicon(lists)


def alternation(entries: Iterable[str]) -> str:
    """A regular expression matching any of ``entries`` (longest first, so that "push back
    against" wins over "push"); white space between words matches any run of white space."""
    ordered = sorted(set(entries), key=lambda e: (-len(e), e))
    return "|".join(r"\s+".join(re.escape(w) for w in e.split()) for e in ordered)


class Lexicon:
    """One language's word lists by name."""

    def __init__(self, lists: Mapping[str, tuple[str, ...]]) -> None:
        self._lists = dict(lists)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._lists)

    def entries(self, name: str) -> tuple[str, ...]:
        try:
            return self._lists[name]
        except KeyError:
            raise LexiconError(f"no word list named '{name}'") from None

    def words(self, name: str, extra: Iterable[str] = ()) -> frozenset[str]:
        """The list's entries, lower case, with ``extra`` (a rule's hint) added."""
        return frozenset(e.lower() for e in (*self.entries(name), *extra))

    def alt(self, name: str, *more: str) -> str:
        """The list (and the lists ``more``) as one regular expression alternation."""
        found: list[str] = []
        for each in (name, *more):
            found += self.entries(each)
        return alternation(found)


def check_hints(hints: Iterable[str], lang: str = DEFAULT_LANG) -> str | None:
    """None when every hint name is a word list (or ``readings``), else a one-line problem."""
    known = list_names(lang)
    for name in hints:
        if name not in known and name not in NON_LIST_HINTS:
            choices = ", ".join(sorted(known | NON_LIST_HINTS))
            return f"unknown hint '{name}' (a hint extends a word list: one of {choices})"
    return None
