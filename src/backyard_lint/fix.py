"""Applying safe replacements: pure text edits, a unified diff, and an atomic write."""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from backyard_lint.model import Context, Finding, Severity


def match_case(original: str, replacement: str) -> str:
    """Keep the original's capitalisation: ALL CAPS stays so, an initial capital stays."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def edits(findings: Iterable[Finding], *, safe_only: bool = True) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, new text) edits for findings that have a replacement."""
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for f in sorted(findings, key=lambda x: x.sort_key):
        if f.severity is Severity.INFO or f.context != Context.USE or not f.replacements:
            continue
        first = f.replacements[0]
        if safe_only and not first.safe:
            continue
        if f.start < last_end:
            continue
        out.append((f.start, f.end, match_case(f.match, first.text)))
        last_end = f.end
    return out


def apply_edits(text: str, changes: list[tuple[int, int, str]]) -> str:
    parts = []
    pos = 0
    for start, end, new in changes:
        parts.append(text[pos:start])
        parts.append(new)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it over ``path``,
    keeping the file's permissions. On any error the original is left as it was."""
    target = path.resolve()
    st = target.stat()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
