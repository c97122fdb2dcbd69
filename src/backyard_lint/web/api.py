"""What the page asks for, as pure functions: a text or a file in, JSON-ready data out.

Every match is returned, the ones that are not reported (quotations, rejections, attributions,
periods, names) as ``info`` with their reason: the page greys them and shows them on request.
Offsets are in UTF-16 code units of the text the page shows, as JavaScript counts them (the
same as code points unless the text holds characters outside the Basic Multilingual Plane).

Fixes go through the project's one fix policy (:mod:`backyard_lint.edits`), as ``--fix`` and
the language server's do: each replacement comes with the edit that fits the sentence (its
range covers the article it replaces, its case is the policy's) or none (advice only), and
"apply all safe fixes" is :func:`fix_all`, the edits ``--fix`` would make. The page only
splices the edits it is given.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from backyard_lint import edits as policy
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


Span = tuple[int, int]


@dataclass(frozen=True)
class Linted:
    """A text or document as the page shows it (``shown``) and as it was linted (``text``,
    the same for a text; for a Word document, with quotation-style paragraphs between
    quotation marks): the findings in ``text`` that have a place in ``shown``, each with where
    it is, and the map of a span of ``text`` to ``shown``."""

    shown: str
    fmt: str
    text: str
    found: tuple[tuple[Finding, str], ...]
    to_shown: Callable[[int, int], Span | None]


def _same(start: int, end: int) -> Span:
    return start, end


def lint_pasted(linter: Linter, text: str, name: str = "") -> Linted:
    fmt = formats.detect(name) if name else "plain"
    found = tuple((f, "") for f in linter.findings(text, fmt))
    return Linted(text, fmt, text, found, _same)


def lint_docx(linter: Linter, data: bytes) -> Linted:
    try:
        word = open_document(data)
    except WordError as exc:
        raise RequestError(str(exc)) from None
    linted, shown = prose(word.paragraphs), prose(word.paragraphs, quote_marks=False)
    found = []
    for f in linter.findings(linted.text, "plain"):
        place = linted.place(f.start, f.end)
        if place is not None and moved(linted, shown, f.start, f.end) is not None:
            found.append((f, word.paragraphs[place[0]].where))

    def to_shown(start: int, end: int) -> Span | None:
        return moved(linted, shown, start, end)

    return Linted(shown.text, "docx", linted.text, tuple(found), to_shown)


def _edit_json(lt: Linted, units: Units, edit: policy.Edit) -> dict[str, Any] | None:
    span = lt.to_shown(edit[0], edit[1])
    if span is None:
        return None
    return {"start": units.utf16(span[0]), "end": units.utf16(span[1]), "text": edit[2]}


def finding_json(
    lt: Linted, i: int, units: Units, automatic: frozenset[int] = frozenset()
) -> dict[str, Any]:
    """One finding for the page; each replacement with the policy's edit (``fix``: None when
    it does not fit the sentence, advice only), and whether "apply all safe fixes" takes it."""
    f, where = lt.found[i]
    span = lt.to_shown(f.start, f.end) or (f.start, f.end)
    plan = policy.plan(lt.text, f)
    fits = {rep.text: _edit_json(lt, units, edit) for rep, edit in plan.edits}
    return {
        "start": units.utf16(span[0]),
        "end": units.utf16(span[1]),
        "rule": f.rule,
        "severity": str(f.severity),
        "match": f.match,
        "message": f.message,
        "replacements": [
            {"text": r.text, "safe": r.safe, "fix": fits.get(r.text)} for r in f.replacements
        ],
        "automatic": i in automatic,
        "held": plan.reason if policy.fixable(f) else "",
        "reading": str(f.context),
        "reason": f.reason,
        "where": where,
    }


def _automatic(lt: Linted) -> list[tuple[int, policy.Edit]]:
    """The edits ``--fix`` makes (the policy's safe fix-all), with their findings' indexes."""
    index = {id(f): i for i, (f, _) in enumerate(lt.found)}
    chosen = policy.automatic(lt.text, [f for f, _ in lt.found], safe_only=True)
    return [(index[id(f)], edit) for f, edit in chosen]


def fix_all(lt: Linted) -> dict[str, Any]:
    """"Apply all safe fixes": the edits of the shown text, each with its finding's index in
    the check's answer."""
    units = Units(lt.shown)
    fixes = []
    for i, edit in _automatic(lt):
        shown = _edit_json(lt, units, edit)
        if shown is not None:
            fixes.append({"finding": i, **shown})
    return {"fixes": fixes}


def _payload(linter: Linter, lt: Linted) -> dict[str, Any]:
    ids = {f.rule for f, _ in lt.found}
    rules = {
        r.id: {
            key: value
            for key, value in render_rule_json(r).items()
            if key in ("id", "summary", "severity", "explanation", "sources", "doc_url")
        }
        for r in linter.ruleset.rules
        if r.id in ids
    }
    units = Units(lt.shown)
    automatic = frozenset(i for i, _ in _automatic(lt))
    return {
        "text": lt.shown,
        "format": lt.fmt,
        "findings": [finding_json(lt, i, units, automatic) for i in range(len(lt.found))],
        "rules": rules,
    }


def check_text(linter: Linter, text: str, name: str = "") -> dict[str, Any]:
    """Lint a pasted text (plain, or the format ``name``'s extension names)."""
    return _payload(linter, lint_pasted(linter, text, name))


def lint_file(linter: Linter, name: str, data: bytes) -> Linted:
    """A dropped file: a Word document, or a text file in the format its name gives."""
    if name.lower().endswith(DOCX):
        return lint_docx(linter, data)
    try:
        text = decode(data)
    except InputError as exc:
        raise RequestError(f"{name}: {exc}") from None
    return lint_pasted(linter, text.replace("\r\n", "\n"), name)


def check_file(linter: Linter, name: str, data: bytes) -> dict[str, Any]:
    return _payload(linter, lint_file(linter, name, data))


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
