"""``backyard-lint check`` on a .docx: findings by paragraph, and ``--fix`` into a new document.

A finding's place is its paragraph (and table cell, note or comment) and the character offset in
that paragraph's text; its ``line`` is the paragraph's number and its excerpt the paragraph's
text. ``--fix`` writes ``NAME.fixed.docx`` beside the document, or with ``--in-place`` replaces
the document itself (through a temporary file and an atomic rename).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from backyard_lint import fix as fixing
from backyard_lint.engine import RuleSet, lint_text
from backyard_lint.inputs import read_file
from backyard_lint.model import FileReport, Finding, Located, Settings
from backyard_lint.word import FIXED_SUFFIX
from backyard_lint.word.document import WordDocument, WordError, open_document
from backyard_lint.word.edit import apply_in_runs
from backyard_lint.word.prose import Prose, by_paragraph, in_paragraphs, prose

if TYPE_CHECKING:
    from backyard_lint.runner import RunOptions


def lint_word(
    word: WordDocument, ruleset: RuleSet, settings: Settings
) -> tuple[Prose, list[Finding]]:
    """The linted text of a document and its findings (offsets into that text)."""
    source = prose(word.paragraphs)
    return source, lint_text(source.text, ruleset, fmt="plain", settings=settings)


def located(source: Prose, findings: Sequence[Finding]) -> list[Located]:
    from backyard_lint.runner import locate

    out = []
    for i, f in in_paragraphs(source, findings):
        paragraph = source.paragraphs[i]
        (loc,) = locate(paragraph.text, [f])
        where = f"{paragraph.where}, offset {f.start}"
        fix = loc.fix and replace(loc.fix, line=paragraph.number, end_line=paragraph.number)
        out.append(
            replace(loc, line=paragraph.number, end_line=paragraph.number, where=where, fix=fix)
        )
    return out


def fixed_path(path: Path) -> Path:
    """Where ``--fix`` writes the fixed copy of a document: ``NAME.fixed.docx`` beside it."""
    return path.with_name(path.stem + FIXED_SUFFIX)


def apply_fixes(word: WordDocument, source: Prose, changes: Sequence[tuple[int, int, str]]) -> int:
    """Apply edits of ``source.text`` inside the document's runs; returns how many were made."""
    grouped = by_paragraph(source, changes)
    return sum(apply_in_runs(word.paragraphs[i], edits) for i, edits in grouped.items())


def fixed_lines(source: Prose, changes: Sequence[tuple[int, int, str]]) -> tuple[str, str]:
    """The document's paragraphs, one a line, before and after the edits (for ``--diff``)."""
    grouped = by_paragraph(source, changes)
    before = [p.text.replace("\n", " ") + "\n" for p in source.paragraphs]
    after = [
        fixing.apply_edits(p.text, sorted(grouped.get(i, []))).replace("\n", " ") + "\n"
        for i, p in enumerate(source.paragraphs)
    ]
    return "".join(before), "".join(after)


def check_word_file(
    path: Path, display: str, opts: RunOptions, settings: Settings, ruleset: RuleSet
) -> FileReport:
    """Lint one .docx (``InputError`` for a file that cannot be read, as for any file)."""
    data, st = read_file(path)
    try:
        word = open_document(data)
    except WordError as exc:
        return FileReport(display, error=str(exc))
    source, findings = lint_word(word, ruleset, settings)
    report = FileReport(display, located(source, findings))
    changes = fixing.edits(source.text, findings) if (opts.fix or opts.diff) and findings else []
    if not changes:
        return report
    if opts.diff:
        report.diff = fixing.unified_diff(display, *fixed_lines(source, changes))
        return report
    made = apply_fixes(word, source, changes)
    if not made:
        return report
    data = word.save()
    target = path if opts.in_place else fixed_path(path)
    try:
        if opts.in_place:
            fixing.write_atomic(target, data, unchanged_since=st)
        else:
            _write_new(target, data, st.st_mode)
    except (OSError, fixing.FixError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        report.error = f"could not write the fixed document: {reason}"
        return report
    report.fixed = made
    report.written = str(target)
    after, left = lint_word(open_document(data), ruleset, settings)
    report.findings = located(after, left)
    return report


def _write_new(target: Path, data: bytes, mode: int) -> None:
    """Write ``target`` (a new file, or the fixed copy a former run wrote) atomically, with
    the permissions of the document it was made from."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        tmp.chmod(stat.S_IMODE(mode))
        os.replace(tmp, target)  # noqa: PTH105
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
