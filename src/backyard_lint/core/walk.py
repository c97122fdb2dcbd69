"""The files to lint below a folder: the one walk of the command, its fast path and the workers."""

# os.path, not pathlib: importing pathlib costs milliseconds of start-up.
# ruff: noqa: PTH116, PTH118, PTH122

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterator

    from backyard_lint.core.gitignore import GitIgnore

# The default of the configuration's ``exclude``: folders of installed packages, never a
# project's own prose. Shown by ``check --show-settings``; ``exclude`` replaces it,
# ``extend-exclude`` adds to it. Generated output (``site/``, ``public/``, ``build/``) is left to
# the project's ``.gitignore``.
DEFAULT_EXCLUDE = ("node_modules", "site-packages", "__pycache__", "__pypackages__", "venv")


def walk_folder(
    top: str,
    suffixes: Collection[str],
    problems: list[tuple[str, str]] | None = None,
    *,
    gitignore: bool = True,
    keep: Callable[[str], bool] | None = None,
    skip_dir: Callable[[str], bool] | None = None,
) -> Iterator[tuple[str, bool]]:
    """The files below ``top`` whose suffix (lower-cased) is in ``suffixes`` (or that ``keep``
    accepts), each with whether it is known to be a regular file (found in a folder, not
    through a symbolic link).

    Sorted: a folder's files by name, then its sub-folders in name order (as ``os.walk`` goes).
    Hidden files and folders, and what ``.gitignore`` files ignore (``core/gitignore.py``;
    ``gitignore=False`` turns that off), are passed over; so are the folders ``skip_dir``
    refuses (by default, those named in ``DEFAULT_EXCLUDE``). A symbolic link to a folder is not
    entered, and a folder met twice (a bind mount, a loop) is walked once. A folder that cannot
    be read (permissions, a path longer than the system allows) is not walked, and is added to
    ``problems`` with the reason, so that the caller can say so."""
    from backyard_lint.core.gitignore import GitIgnore

    seen: set[tuple[int, int]] = set()
    real_top = os.path.realpath(top)
    stack: list[tuple[str, str, GitIgnore | None]] = [
        (top, real_top, GitIgnore.above(real_top) if gitignore else None)
    ]
    while stack:
        root, real, rules = stack.pop()
        try:
            st = os.stat(root)
            with os.scandir(root) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if problems is not None:
                problems.append((root, unreadable(exc)))
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            continue
        seen.add(key)
        if rules is not None:
            rules = rules.entering(root, real)
        folders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if (
                rules is not None
                and rules.rules
                and rules.ignored(os.path.join(real, name), is_dir)
            ):
                continue
            if is_dir:  # a link to a folder counts as a folder, and is not entered
                refused = skip_dir(entry.path) if skip_dir else name in DEFAULT_EXCLUDE
                if not refused and not entry.is_symlink():
                    folders.append((entry.path, os.path.join(real, name), rules))
            elif os.path.splitext(name)[1].lower() in suffixes or (keep and keep(entry.path)):
                yield entry.path, entry.is_file(follow_symlinks=False)
        stack.extend(reversed(folders))


def unreadable(exc: OSError) -> str:
    """Why a folder was not walked, for the one line that says so."""
    reason = (exc.strerror or type(exc).__name__).lower()
    return f"folder not read ({reason}); the files in it are not linted"
