"""What the page asks for, as pure functions: a text or a file in, JSON-ready data out.

Every match is returned, the ones that are not reported (quotations, rejections, attributions,
periods, names) as ``info`` with their reason: the page greys them and shows them on request.
Offsets are in UTF-16 code units of the text the page shows, as JavaScript counts them (the
same as code points unless the text holds characters outside the Basic Multilingual Plane).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from backyard_lint import formats
from backyard_lint.docs import render_rule_json
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.inputs import InputError, decode
from backyard_lint.model import Finding, Settings
from backyard_lint.word import SUFFIX as DOCX
from backyard_lint.word.document import WordError, open_document
from backyard_lint.word.edit import apply_in_runs
from backyard_lint.word.prose import by_paragraph, moved, prose


class RequestError(Exception):
    """A request the page cannot be given; ``str()`` is the message it shows."""


@dataclass(frozen=True)
class Linter:
    """The rules and settings a server lints with (always with the mentions shown)."""

    ruleset: RuleSet
    settings: Settings

    def findings(self, text: str, fmt: str) -> list[Finding]:
        settings = replace(self.settings, show_mentions=True)
        return lint_text(text, self.ruleset, fmt=fmt, settings=settings)


class Units:
    """Code points to UTF-16 code units and back, for one text."""

    def __init__(self, text: str) -> None:
        wide = [i for i, c in enumerate(text) if ord(c) > 0xFFFF] if not text.isascii() else []
        self.wide = wide  # code-point offsets of the characters that take two units
        self.wide_units = [at + n for n, at in enumerate(wide)]

    def utf16(self, offset: int) -> int:
        return offset + bisect_left(self.wide, offset)

    def code_points(self, units: int) -> int:
        return units - bisect_left(self.wide_units, units)


def finding_json(f: Finding, units: Units, where: str = "") -> dict[str, Any]:
    return {
        "start": units.utf16(f.start),
        "end": units.utf16(f.end),
        "rule": f.rule,
        "severity": str(f.severity),
        "match": f.match,
        "message": f.message,
        "replacements": [{"text": r.text, "safe": r.safe} for r in f.replacements],
        "reading": str(f.context),
        "reason": f.reason,
        "where": where,
    }


def _payload(
    linter: Linter, text: str, fmt: str, found: Sequence[tuple[Finding, str]]
) -> dict[str, Any]:
    ids = {f.rule for f, _ in found}
    rules = {
        r.id: {
            key: value
            for key, value in render_rule_json(r).items()
            if key in ("id", "summary", "severity", "explanation", "sources", "doc_url")
        }
        for r in linter.ruleset.rules
        if r.id in ids
    }
    units = Units(text)
    return {
        "text": text,
        "format": fmt,
        "findings": [finding_json(f, units, where) for f, where in found],
        "rules": rules,
    }


def check_text(linter: Linter, text: str, name: str = "") -> dict[str, Any]:
    """Lint a pasted text (plain, or the format ``name``'s extension names)."""
    fmt = formats.detect(name) if name else "plain"
    return _payload(linter, text, fmt, [(f, "") for f in linter.findings(text, fmt)])


def check_file(linter: Linter, name: str, data: bytes) -> dict[str, Any]:
    """Lint a dropped file: a Word document, or a text file in the format its name gives."""
    if name.lower().endswith(DOCX):
        return _check_docx(linter, data)
    try:
        text = decode(data)
    except InputError as exc:
        raise RequestError(f"{name}: {exc}") from None
    return check_text(linter, text.replace("\r\n", "\n"), name)


def _check_docx(linter: Linter, data: bytes) -> dict[str, Any]:
    try:
        word = open_document(data)
    except WordError as exc:
        raise RequestError(str(exc)) from None
    linted, shown = prose(word.paragraphs), prose(word.paragraphs, quote_marks=False)
    found = []
    for f in linter.findings(linted.text, "plain"):
        span = moved(linted, shown, f.start, f.end)
        place = linted.place(f.start, f.end)
        if span is None or place is None:
            continue
        found.append((replace(f, start=span[0], end=span[1]), word.paragraphs[place[0]].where))
    return _payload(linter, shown.text, "docx", found)


def fixed_docx(data: bytes, changes: Sequence[tuple[int, int, str]]) -> tuple[bytes, int]:
    """The document with edits of the text :func:`check_file` showed (UTF-16 offsets) applied
    in its runs, and how many were made."""
    try:
        word = open_document(data)
    except WordError as exc:
        raise RequestError(str(exc)) from None
    shown = prose(word.paragraphs, quote_marks=False)
    units = Units(shown.text)
    grouped = by_paragraph(
        shown, [(units.code_points(s), units.code_points(e), new) for s, e, new in changes]
    )
    made = sum(apply_in_runs(word.paragraphs[i], edits) for i, edits in grouped.items())
    return word.save(), made


def parse_changes(raw: object) -> list[tuple[int, int, str]]:
    """Edits sent by the page: a list of [start, end, text]."""
    if not isinstance(raw, list):
        raise RequestError("the changes must be a list")
    out = []
    for item in raw:
        if (
            not isinstance(item, list)
            or len(item) != 3
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in item[:2])
            or not isinstance(item[2], str)
            or not 0 <= item[0] <= item[1]
        ):
            raise RequestError("each change must be [start, end, text]")
        out.append((item[0], item[1], item[2]))
    return out
