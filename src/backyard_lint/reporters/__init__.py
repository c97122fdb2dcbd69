"""Output formats. Each reporter turns file reports into text; only the CLI prints it."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backyard_lint.engine import RuleSet
    from backyard_lint.model import FileReport

FORMATS = ("text", "concise", "json", "github", "sarif", "proselint")


@dataclass(frozen=True)
class ReportContext:
    """What a reporter may need besides the findings."""

    ruleset: RuleSet
    color: bool = False
    summary: bool = True  # the closing "Found ..." line (``--quiet`` drops it)


Renderer = Callable[[Sequence["FileReport"], ReportContext], str]


def renderer(fmt: str) -> Renderer:
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}")
    module = import_module(f"backyard_lint.reporters.{fmt}")
    render: Renderer = module.render
    return render


def context_label(finding: object) -> str:
    """The ``context`` field: ``use``, or the reading and its reason ("mention: quoted")."""
    reading = str(getattr(finding, "context", "use"))
    reason = getattr(finding, "reason", "")
    return f"{reading}: {reason}" if reason and reading != "use" else reading


# Direction controls reorder what a terminal shows ("Trojan Source"): escaped like control codes.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNSAFE = frozenset(("Cc", "Cs", "Zl", "Zp"))


def printable(text: str) -> str:
    """``text`` safe to show on one line of a terminal or log: control characters (escape
    sequences, a newline or carriage return in a file name, a rule id or a document), line and
    paragraph separators and direction controls (not a tab) are written as Python escapes
    (``\\x1b``, ``\\n``, ``\\u202e``); a byte that was not valid in the file system's
    encoding (kept by Python as a lone surrogate) is written as ``\\xNN``. Every text format
    passes each file name, rule id, message and excerpt through it, so input cannot forge or
    recolour a line."""
    if text.isprintable() or text.replace("\t", " ").isprintable():
        return text
    out = []
    for c in text:
        code = ord(c)
        if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's surrogateescape of one byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif c != "\t" and (c in _BIDI or unicodedata.category(c) in _UNSAFE):
            out.append(repr(c)[1:-1])
        else:
            out.append(c)
    return "".join(out)


def json_safe(path: str) -> str:
    """A file name as JSON output holds it: valid UTF-8, undecodable bytes as ``\\xNN``."""
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in path):
        return path
    return "".join(
        f"\\x{ord(c) - 0xDC00:02x}"
        if 0xDC80 <= ord(c) <= 0xDCFF
        else ("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c)
        for c in path
    )
