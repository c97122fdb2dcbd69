"""Where the cache of validated built-in rules lives and how it is read.

Parsing YAML and validating every pattern costs more than linting a small file, so
``rulestore.py`` keeps the validated built-in rules in a marshal file (plain data: dicts, lists,
strings and numbers; the fastest format to load) in the user's cache folder, one file per rules
folder. An entry is used only when its rule file has the same size and CRC-32 (the files are read
on every run of the full path: a few kilobytes) and the cache was written by this version of the
code and of Python (the version, and the size and mtime of the modules that shape what the cache
holds: see :func:`code_stamp`). Anything unexpected (no cache folder, a
broken or foreign file) means: parse and validate as if there were no cache.
``BACKYARD_LINT_NO_CACHE=1`` turns it off; ``BACKYARD_LINT_CACHE_DIR`` moves it.

Beside it, a "quick" file holds what the fast path (``entry.py``) needs: the trigger patterns and
their literal index, checked against the size, modification time and status-change time of
every rule file and folder instead of their contents (see :func:`read_quick`).

This module imports nothing heavier than ``os``, ``sys`` and ``marshal``: ``entry.py``
reads the trigger patterns through it before anything else is imported.
"""

# os.path, not pathlib: importing pathlib costs milliseconds of start-up.
# ruff: noqa: PTH100, PTH108, PTH111, PTH112, PTH113, PTH116, PTH118, PTH120, PTH122, PTH123, PTH208

from __future__ import annotations

import marshal
import os
import sys

from backyard_lint import __version__

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any

CACHE_FORMAT = 5
CACHE_FILES_KEPT = 8
RULE_SUFFIXES = (".yaml", ".yml")

# Entries: rule file path -> {"key": [size, crc32], "rule": {field: value}}


def builtin_rules_folder() -> str:
    """The rules shipped with the package (in a wheel) or the checkout's ``rules/``."""
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "rules")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "rules")


def rule_files(folder: str) -> list[str]:
    """Every rule file below ``folder`` (hidden folders too; symbolic links to folders are not
    entered), unsorted."""
    return rule_tree(folder)[0]


def rule_tree(folder: str) -> tuple[list[str], list[str]]:
    """The rule files below ``folder`` (as :func:`rule_files`) and the folders walked."""
    found = []
    folders = []
    for root, _dirs, files in os.walk(folder, followlinks=False):
        folders.append(root)
        for name in files:
            path = os.path.join(root, name)
            if os.path.splitext(name)[1] in RULE_SUFFIXES and os.path.isfile(path):
                found.append(path)
    return found, folders


def stat_key(path: str) -> list[int] | None:
    """What the fast path compares instead of reading a file: its size, modification time and
    status-change time (which no tool can set back, unlike the modification time; adding,
    removing or renaming a file changes its folder's times), or None."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def file_key(data: bytes) -> list[int]:
    import zlib  # not at the top: the fast path never needs it

    return [len(data), zlib.crc32(data)]


def _name_hash(text: str) -> int:
    """A 32-bit FNV-1a hash: enough to give each rules folder its own cache file name."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8", "surrogateescape"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def cache_dir() -> str | None:
    """Where the rule cache lives, or None when caching is off."""
    if os.environ.get("BACKYARD_LINT_NO_CACHE"):
        return None
    explicit = os.environ.get("BACKYARD_LINT_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    if base:
        return os.path.join(base, "backyard-lint")
    home = os.path.expanduser("~")
    return None if home == "~" else os.path.join(home, ".cache", "backyard-lint")


def cache_file(folder: str, kind: str = "rules") -> str | None:
    """The cache file for one rules folder: a checkout and an installed copy do not evict
    each other. ``kind`` is ``rules`` (the validated rules) or ``quick`` (the fast path's
    data: see :func:`read_quick`)."""
    where = cache_dir()
    if where is None:
        return None
    name = f"{kind}-{_name_hash(folder):08x}.marshal"
    return os.path.join(where, name)


def code_stamp() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    parts = [__version__, str(CACHE_FORMAT), sys.version]
    for module in (
        "schema.py", "rulestore.py", "model.py", "engine.py", "core/literals.py",
        "core/follow.py", "core/prefilter.py", "tolerant.py",
    ):
        try:
            st = os.stat(os.path.join(here, module))
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append("?")
    return "/".join(parts)


def read(path: str, stamp: str, folder: str) -> dict[str, Any]:
    """The entries of a cache file written with ``stamp`` for ``folder``, or {}."""
    try:
        with open(path, "rb") as fh:
            data = marshal.loads(fh.read())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != stamp or data.get("folder") != folder:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def dumps(stamp: str, folder: str, entries: dict[str, Any]) -> bytes:
    return marshal.dumps({"stamp": stamp, "folder": folder, "files": entries})


# The fast path's file ("quick-*.marshal"): {"stamp", "folder", "keys": {path: stat_key} for
# every rule file and every folder walked, "triggers": [every trigger pattern in the engine's
# order], and the triggers' literal index ("gate", "anchors", "always": see
# core.prefilter.build_index)}. It is a few kilobytes, written with the rules cache: loading that
# cache and reading every rule file would cost more than the rest of a small clean run.


def read_quick(
    path: str, stamp: str, folder: str, keys: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """The fast path's data for ``folder``, when written with ``stamp`` and every rule file and
    folder is as it was then (``keys``: their stat keys, when the caller has taken them); else
    None."""
    try:
        with open(path, "rb") as fh:
            data = marshal.loads(fh.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("stamp") != stamp or data.get("folder") != folder:
        return None
    kept = data.get("keys")
    if not isinstance(kept, dict) or not kept:
        return None
    if keys is not None:
        return data if kept == keys else None
    for name, key in kept.items():
        if stat_key(name) != key:
            return None
    return data


def quick_keys(files: list[str], folders: list[str]) -> dict[str, Any]:
    """The stat keys of the rule files and folders (take them before reading the files: a
    file that changes afterwards then fails the check, never the other way round)."""
    return {path: stat_key(path) for path in (*folders, *files)}


def prune(where: str) -> None:
    """Keep the most recently written cache files of each kind (test runs and venvs each add
    one)."""
    found: dict[str, list[tuple[int, str]]] = {"rules-": [], "quick-": []}
    for name in os.listdir(where):
        kind = name[:6]
        if kind in found and name.endswith(".marshal"):
            path = os.path.join(where, name)
            try:
                found[kind].append((os.stat(path).st_mtime_ns, path))
            except FileNotFoundError:  # another process pruned it first
                continue
    for files in found.values():
        files.sort()
        for _, old in files[:-CACHE_FILES_KEPT]:
            try:
                os.unlink(old)
            except FileNotFoundError:  # another process pruned it first
                continue
