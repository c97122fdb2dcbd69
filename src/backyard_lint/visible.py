"""Text made safe to show on one line of a terminal, a log or an error message.

The one escaping policy for output and for error messages: the reporters pass every file name,
rule id, message and excerpt through :func:`printable`; a rule or glob error passes the user's
pattern through it with ``invisible=True``. This module imports nothing at load time, so the
rule loader and the command can import it without loading the reporters.
"""

from __future__ import annotations

# Direction controls reorder what a terminal shows ("Trojan Source"): escaped like control codes.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNSAFE = frozenset(("Cc", "Cs", "Zl", "Zp"))


def printable(text: str, *, invisible: bool = False) -> str:
    """``text`` on one line that input cannot forge or recolour: control characters (escape
    sequences, a newline or carriage return in a file name, a rule id or a document), line and
    paragraph separators and direction controls (not a tab) are written as Python escapes
    (``\\x1b``, ``\\n``, ``\\u202e``); a byte that was not valid in the file system's encoding
    (kept by Python as a lone surrogate) is written as ``\\xNN``.

    ``invisible``: also escape a tab and every other character ``str.isprintable`` refuses
    (format characters, spaces other than the space), for a user's pattern or glob quoted in
    an error, where a character the user cannot see is the likely mistake."""
    if text.isprintable() or (not invisible and text.replace("\t", " ").isprintable()):
        return text
    import unicodedata  # only for text that holds something to escape

    out = []
    for c in text:
        code = ord(c)
        if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's surrogateescape of one byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif (invisible and not c.isprintable()) or (
            c != "\t" and (c in _BIDI or unicodedata.category(c) in _UNSAFE)
        ):
            out.append(repr(c)[1:-1])
        else:
            out.append(c)
    return "".join(out)
