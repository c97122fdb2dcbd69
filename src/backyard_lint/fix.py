"""Applying safe replacements: pure text edits, a unified diff, and an atomic write."""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from backyard_lint import markup_edit
from backyard_lint.core import atomic
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
        new = markup_edit.rewrite(f.match, f.prose, match_case(f.prose or f.match, first.text))
        if new is None:  # markup between the words that change: offered, not applied
            continue
        out.append((f.start, f.end, new))
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


class FixError(Exception):
    """A fix that was not written; ``str()`` is the one-line reason. The file is unchanged."""


def write_atomic(path: Path, data: bytes, *, unchanged_since: os.stat_result | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic
    rename, keeping the file's permissions (and, where allowed, its owner). A symbolic link is
    kept: the file it points to is replaced. With ``unchanged_since`` (the ``stat`` taken when
    the file was read), a file modified since is refused rather than overwritten.

    On any error, ``KeyboardInterrupt`` included, the original is left as it was and the
    temporary file is removed.
    """
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # pathlib's symlink loop on Python < 3.13
        raise FixError("too many levels of symbolic links") from None
    st = target.stat()
    if unchanged_since is not None and _changed(unchanged_since, st):
        raise FixError("the file changed while it was being linted")

    def keep_mode(tmp: str) -> None:
        _keep_owner(Path(tmp), st)
        Path(tmp).chmod(stat.S_IMODE(st.st_mode))

    atomic.write_atomic(
        str(target), data, prefix=f".{target.name}.", durable=True, before_rename=keep_mode
    )


def _keep_owner(tmp: Path, st: os.stat_result) -> None:
    """Give the new file the old one's owner where allowed (as root); else it stays the
    writer's, as when an editor saves it."""
    now = tmp.stat()
    if hasattr(os, "chown") and (now.st_uid, now.st_gid) != (st.st_uid, st.st_gid):
        with contextlib.suppress(OSError):
            os.chown(tmp, st.st_uid, st.st_gid)


def _changed(before: os.stat_result, now: os.stat_result) -> bool:
    return (before.st_ino, before.st_size, before.st_mtime_ns) != (
        now.st_ino,
        now.st_size,
        now.st_mtime_ns,
    )
