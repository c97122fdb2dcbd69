"""The files to lint below a folder: the one walk of the command, its fast path and the workers."""

# os.path, not pathlib: importing pathlib costs milliseconds of start-up.
# ruff: noqa: PTH116, PTH122

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

# Folders never entered when walking a directory (a path named explicitly is still linted).
SKIPPED_DIRS = frozenset(
    {"node_modules", "vendor", "vendored", "third_party", "third-party", "site-packages",
     "__pycache__", "venv", "env", "_build", "build", "dist", "target"}
)


def walk_folder(top: str, suffixes: Collection[str]) -> Iterator[tuple[str, bool]]:
    """The files below ``top`` whose suffix (lower-cased) is in ``suffixes``, each with whether
    it is known to be a regular file (found in a folder, not through a symbolic link).

    Sorted: a folder's files by name, then its sub-folders in name order (as ``os.walk`` goes).
    Hidden files and folders and ``SKIPPED_DIRS`` are passed over; a symbolic link to a folder
    is not entered, and a folder met twice (a bind mount, a loop) is walked once. An unreadable
    folder is skipped."""
    seen: set[tuple[int, int]] = set()
    stack = [top]
    while stack:
        root = stack.pop()
        try:
            st = os.stat(root)
            with os.scandir(root) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            continue
        seen.add(key)
        folders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:  # a link to a folder counts as a folder, and is not entered
                if name not in SKIPPED_DIRS and not entry.is_symlink():
                    folders.append(entry.path)
            elif os.path.splitext(name)[1].lower() in suffixes:
                yield entry.path, entry.is_file(follow_symlinks=False)
        stack.extend(reversed(folders))
