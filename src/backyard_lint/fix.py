"""Applying safe replacements (the policy lives in :mod:`backyard_lint.edits`): a unified diff,
and an atomic write."""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from backyard_lint import edits as policy
from backyard_lint.core import atomic
from backyard_lint.model import Finding


def edits(text: str, findings: Iterable[Finding]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, new text) edits that ``--fix`` applies: the policy of
    :mod:`backyard_lint.edits` (safe replacements, automatic plans only)."""
    return policy.fix_all(text, findings, safe_only=True)


def apply_edits(text: str, changes: list[tuple[int, int, str]]) -> str:
    return policy.apply(text, changes)


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
