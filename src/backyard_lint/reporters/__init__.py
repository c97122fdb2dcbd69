"""Output formats. Each reporter turns file reports into text; only the CLI prints it."""

from __future__ import annotations

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
