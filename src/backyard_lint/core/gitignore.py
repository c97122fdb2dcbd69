"""``.gitignore`` rules for the folder walk (``--no-gitignore`` turns them off).

Read as git reads them: every ``.gitignore`` from the repository's root (the nearest folder at or
above the walked one that holds ``.git``) down to each walked folder, and ``.git/info/exclude``.
Outside a repository, the ``.gitignore`` files at and below the walked folder apply. Within a
file, and from the root down, the last matching pattern wins; ``!`` re-includes; a trailing
``/`` matches folders only; a pattern with a ``/`` before its end is anchored to its file's
folder, one without matches a name at any depth; ``*``, ``?``, ``[...]`` and ``**`` as in git.
The user's global excludes file (``core.excludesFile``) is not read.
"""

# os.path, not pathlib: importing pathlib costs milliseconds of start-up.
# ruff: noqa: PTH110, PTH118, PTH120, PTH123, PTH202

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    import re
    from collections.abc import Iterable

MAX_BYTES = 1024 * 1024  # a larger .gitignore is not a list of patterns: it is passed over


class _Rule:
    __slots__ = ("base", "dir_only", "negate", "regex")

    def __init__(self, base: str, regex: re.Pattern[str], negate: bool, dir_only: bool) -> None:
        self.base = base
        self.regex = regex
        self.negate = negate
        self.dir_only = dir_only


def _translate(glob: str) -> str:
    """A gitignore glob (without its anchoring) as a regular expression over a '/' path."""
    import re  # only when a .gitignore is read: the fast path of a clean run may not need it

    out = []
    i, n = 0, len(glob)
    while i < n:
        c = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif glob.startswith("/**", i) and i + 3 == n:
            out.append("/.*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = glob.find("]", i + 2)
            body = glob[i + 1 : j] if j > 0 else ""
            if not body:
                out.append(re.escape(c))
                i += 1
                continue
            if body[0] in "!^":
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = j + 1
        elif c == "\\" and i + 1 < n:
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


def parse(text: str, base: str) -> list[_Rule]:
    """The rules of one ``.gitignore`` whose folder is ``base``."""
    import re

    rules = []
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        if not line.endswith("\\ "):
            line = line.rstrip(" ")
        negate = line.startswith("!")
        if negate or line.startswith(("\\!", "\\#")):
            line = line[1:]
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        body = _translate(line.lstrip("/"))
        pattern = ("^" if anchored else "(?:^|/)") + body + "$"
        try:
            regex = re.compile(pattern, re.DOTALL)
        except re.error:
            continue  # git ignores a pattern it cannot read
        rules.append(_Rule(base, regex, negate, dir_only))
    return rules


def _read(path: str) -> str | None:
    try:
        if os.path.getsize(path) > MAX_BYTES:
            return None
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()
    except OSError:
        return None


def repository_root(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` (resolved) that holds ``.git``."""
    current = os.path.realpath(folder)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


class GitIgnore:
    """The rules that apply in one folder: its ancestors' and its own, in order."""

    __slots__ = ("rules",)

    def __init__(self, rules: Iterable[_Rule] = ()) -> None:
        self.rules = tuple(rules)

    @classmethod
    def above(cls, top: str) -> GitIgnore:
        """The rules in force at ``top``: from the repository's root down to ``top``'s parent,
        and ``.git/info/exclude`` (``top``'s own file is read by :meth:`entering`)."""
        real = os.path.realpath(top)
        root = repository_root(real)
        if root is None:
            return cls()
        rules = []
        text = _read(os.path.join(root, ".git", "info", "exclude"))
        if text:
            rules += parse(text, root)
        chain = []
        current = real
        while current != root:
            current = os.path.dirname(current)
            chain.append(current)
        for folder in reversed(chain):
            text = _read(os.path.join(folder, ".gitignore"))
            if text:
                rules += parse(text, folder)
        return cls(rules)

    def entering(self, folder: str, real: str) -> GitIgnore:
        """The rules in force inside ``folder`` (``real``: its resolved path)."""
        text = _read(os.path.join(folder, ".gitignore"))
        if not text:
            return self
        return GitIgnore(self.rules + tuple(parse(text, real)))

    def ignored(self, real_path: str, is_dir: bool) -> bool:
        """Whether ``real_path`` (resolved parent, own name) is ignored."""
        verdict = False
        for rule in self.rules:
            if rule.dir_only and not is_dir:
                continue
            base = rule.base
            if not real_path.startswith(base + os.sep) and base != os.sep:
                continue
            rel = real_path[len(base) :].lstrip(os.sep)
            if os.sep != "/":  # pragma: no cover - Windows
                rel = rel.replace(os.sep, "/")
            if rule.regex.search(rel):
                verdict = not rule.negate
        return verdict
