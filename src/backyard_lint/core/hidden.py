"""The characters that can hide a label: invisible ones, and letters that look Latin.

Lean (no imports), for the command's fast path; ``lookalike.py`` normalises them for matching.
"""

from __future__ import annotations

# Zero-width space and joiners, soft hyphen, word joiner and invisible operators, byte-order mark,
# direction marks, embeddings, overrides and isolates, and other characters drawn as nothing.
INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\ufeff"
)
# Cyrillic and Greek letters that look like Latin ones, and their Latin twins.
LOOKALIKE_FROM = "аеорсухіјѕԁһԛԝӏАВЕКМНОРСТХІЈЅУԌοανιυκρτχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"
LOOKALIKE_TO = "aeopcyxijsdhqwlABEKMHOPCTXIJSYGoaviukptxABEZHIKMNOPTYX"


def _class(chars: str) -> str:
    return "[" + "".join(f"\\x{{{ord(c):04x}}}" for c in chars) + "]"


# RE2 syntax: a text that may hide a label holds an invisible character, or a look-alike letter
# next to a Latin one (every word that mixes them has such a pair).
MAY_HIDE = (
    f"{_class(INVISIBLE)}|[A-Za-z]{_class(LOOKALIKE_FROM)}|{_class(LOOKALIKE_FROM)}[A-Za-z]"
)
