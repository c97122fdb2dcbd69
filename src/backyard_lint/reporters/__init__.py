"""Output formats. Each reporter turns file reports into text; only the CLI prints it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

# The one escaping of file names, rule ids, messages and excerpts (``visible.py``).
from backyard_lint.visible import printable as printable

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
