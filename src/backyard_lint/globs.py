"""Globs for ``exclude``, ``include`` and ``per-file-ignores``, compiled to RE2.

gitignore-like: a glob without '/' matches any path component or the file name; '**' crosses
folders, '*' and '?' do not. RE2 matches in time linear in the path whatever the glob
(``*a*a*a*b`` cannot backtrack), and an invalid glob (``[z-a]``) is a :class:`GlobError`.
"""

from __future__ import annotations

import re
from typing import Any


class GlobError(ValueError):
    """A glob that cannot be compiled; ``str()`` says why."""


def glob_match(pattern: str, rel_path: str) -> bool:
    """Whether ``rel_path`` (relative, with '/') matches the glob ``pattern``."""
    return compile_glob(pattern).search(rel_path) is not None


def compile_glob(pattern: str) -> Any:
    """The glob as a compiled RE2 pattern. Raises :class:`GlobError` for an invalid glob."""
    import re2

    pat = pattern.strip()
    anchored = "/" in pat.rstrip("/")
    pat = pat.lstrip("/").rstrip("/")
    out = []
    i = 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pat.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and (j := pat.find("]", i + 2)) > i:
            out.append(_glob_class(pat[i + 1 : j]))
            i = j + 1
            continue
        else:
            out.append(re.escape(c))
        i += 1
    body = "".join(out)
    prefix = "^" if anchored else r"(?:^|/)"
    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(prefix + body + r"(?:/.*)?$", options)
    except re2.error as exc:
        detail = exc.args[0] if exc.args else exc
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        from backyard_lint.visible import printable

        shown, reason = printable(pattern, invisible=True), printable(str(detail), invisible=True)
        raise GlobError(f"invalid glob '{shown}': {reason}") from None


def _glob_class(inner: str) -> str:
    """A glob's ``[...]`` as a regular-expression class: ``!`` or ``^`` first negates; every
    other character stands for itself, and ``a-z`` is a range."""
    negate = inner[:1] in ("!", "^")
    if negate:
        inner = inner[1:]
    members = "".join("\\" + c if c in "\\[]^" else c for c in inner)
    return f"[{'^' if negate else ''}{members}]"
