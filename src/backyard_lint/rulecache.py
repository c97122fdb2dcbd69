"""Where the cache of validated built-in rules lives and how it is read.

Parsing YAML and validating every pattern costs more than linting a small file, so ``rules.py``
keeps the validated built-in rules in a marshal file (plain data: dicts, lists, strings and
numbers; the fastest format to load) in the user's cache folder, one file per rules folder. An
entry is used only when its rule file has the same size and CRC-32 (the files are read on every
run: a few kilobytes) and the cache was written by this version of the code and of Python (the
version, and the size and mtime of ``rules.py``, ``model.py``, ``engine.py`` and ``literals.py``,
which shape what the cache holds). Anything unexpected (no cache
folder, a broken or foreign file) means: parse and validate as if there were no cache.
``BACKYARD_LINT_NO_CACHE=1`` turns it off; ``BACKYARD_LINT_CACHE_DIR`` moves it.

This module imports nothing heavier than ``os``, ``sys``, ``marshal`` and ``zlib``: ``quick.py``
reads the trigger patterns through it before anything else is imported.
"""

# os.path, not pathlib: importing pathlib costs milliseconds of start-up.
# ruff: noqa: PTH100, PTH108, PTH111, PTH112, PTH113, PTH116, PTH118, PTH120, PTH122, PTH123, PTH208

from __future__ import annotations

import marshal
import os
import sys
import zlib

from backyard_lint import __version__

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any

CACHE_FORMAT = 4
PREFILTER_MAX_MEM = 64 << 20  # RE2 memory for the prefilter's full set of trigger patterns
CACHE_FILES_KEPT = 8
RULE_SUFFIXES = (".yaml", ".yml")

# Entries: rule file path -> {"key": [size, crc32], "rule": {field: value}, "triggers": [each
# pattern as the engine's prefilter holds it], "literals": [for each trigger, its requirements
# (literals.required_all: each a tuple of strings one of which every match contains), or None]}


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
    found = []
    for root, _dirs, files in os.walk(folder, followlinks=False):
        for name in files:
            path = os.path.join(root, name)
            if os.path.splitext(name)[1] in RULE_SUFFIXES and os.path.isfile(path):
                found.append(path)
    return found


def file_key(data: bytes) -> list[int]:
    return [len(data), zlib.crc32(data)]


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


def cache_file(folder: str) -> str | None:
    """The cache file for one rules folder: a checkout and an installed copy do not evict
    each other."""
    where = cache_dir()
    if where is None:
        return None
    name = f"rules-{zlib.crc32(folder.encode('utf-8', 'surrogateescape')):08x}.marshal"
    return os.path.join(where, name)


def code_stamp() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    parts = [__version__, str(CACHE_FORMAT), sys.version]
    for module in ("rules.py", "model.py", "engine.py", "literals.py"):
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


def prune(where: str) -> None:
    """Keep the most recently written cache files (test runs and venvs each add one)."""
    found = []
    for name in os.listdir(where):
        if name.startswith("rules-") and name.endswith(".marshal"):
            path = os.path.join(where, name)
            found.append((os.stat(path).st_mtime_ns, path))
    found.sort()
    for _, old in found[:-CACHE_FILES_KEPT]:
        try:
            os.unlink(old)
        except FileNotFoundError:  # another process pruned it first
            continue
