"""The console script's entry point, with a fast path that proves there is nothing to report.

A pre-commit hook or a check of a small docs tree spends most of its time starting up: importing
argparse, dataclasses, pathlib, typing and the CLI costs several times what scanning the files
does, and most runs find nothing. So before importing any of that, with nothing heavier than
``os``, ``sys``, ``marshal``, ``zlib`` and ``re2``, :func:`clean_check` answers a ``check`` when it
can prove that the full command would print nothing and exit 0:

- the arguments are paths and only ``--exit-zero``, ``--jobs N``, ``--color X`` or
  ``--format text|concise`` (options that change nothing when there is nothing to report);
- no configuration file applies: no ``.backyard-lint.yaml``/``.yml`` and no ``pyproject.toml``
  that may hold a ``[tool.backyard-lint]`` table in the working folder, any linted file's
  folder, or above them;
- the built-in rules' trigger patterns come from the rule cache, checked as ``rules.py`` checks
  it (every rule file's size and CRC-32, and the code's version);
- every input is a regular file in strict UTF-8, without a BOM or NUL bytes, and together they
  hold less than ``SCAN_LIMIT`` bytes (more goes to the worker processes of the full path);
- no trigger pattern and no directive mark occurs in any of them: the engine's own prefilter
  (its set of trigger patterns, as the rule cache holds them) over the same text, where a file
  without a hit ends. Only the patterns that can match are compiled: a pattern with a
  requirement (``literals.py``, kept in the cache) that no literal in the input meets cannot
  match it.

In every other case it returns None having written nothing, and the full CLI runs as if the fast
path had not been tried: findings, errors and messages only ever come from the full path.
``BACKYARD_LINT_NO_FASTPATH=1`` turns the fast path off.
"""

# os.path, not pathlib: importing pathlib costs milliseconds of start-up.
# ruff: noqa: PTH109, PTH112, PTH113, PTH116, PTH118, PTH120, PTH122, PTH123

from __future__ import annotations

import os
import stat
import sys

from backyard_lint import rulecache

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

# Kept equal to their homes by tests/test_quick.py (importing those modules is what this avoids).
LINTED_SUFFIXES = frozenset({".md", ".markdown", ".rst", ".txt", ".html", ".htm"})  # formats
SKIPPED_DIRS = frozenset(  # inputs
    {"node_modules", "vendor", "vendored", "third_party", "third-party", "site-packages",
     "__pycache__", "venv", "env", "_build", "build", "dist", "target"}
)
CONFIG_NAMES = (".backyard-lint.yaml", ".backyard-lint.yml")  # config.YAML_NAMES
DIRECTIVE_MARK = b"backyard-lint"  # directives.MARK
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # UTF-32 BOMs start with a UTF-16 one

# The prefilter sets compiled here, by their patterns in order: when the fast path hands over,
# the engine takes the one it would compile itself (RuleSet._full_set) instead of compiling it
# again.
COMPILED: dict[tuple[str, ...], Any] = {}
SCAN_LIMIT = 4 * 1024 * 1024  # more than this goes to the full path (and its workers)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_VALUE_OPTIONS = {
    "--jobs": None, "-j": None,
    "--color": ("auto", "always", "never"),
    "--format": ("text", "concise"), "-f": ("text", "concise"),
}


class _Unsure(Exception):
    """The fast path cannot prove that the run is clean: use the full path."""


def main(argv: Sequence[str] | None = None) -> int:
    """``backyard-lint``: the fast path when it applies, else the full CLI."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not os.environ.get("BACKYARD_LINT_NO_FASTPATH"):
        try:
            if clean_check(args):
                return 0
        except KeyboardInterrupt:
            sys.stderr.write("backyard-lint: interrupted\n")
            return 130
    from backyard_lint.cli import main as full_main

    return full_main(argv)


def clean_check(args: Sequence[str]) -> bool:
    """True when ``backyard-lint <args>`` is a check that certainly reports nothing."""
    try:
        paths = _paths(args)
        triggers, literal_lists = _triggers()
        checked = ConfigCheck()
        cwd = os.getcwd()
        checked.folder(cwd)  # the CLI also reads the working folder's configuration
        if os.path.isdir(os.path.join(cwd, "_")):  # ... found from "<cwd>/_"
            checked.folder(os.path.join(cwd, "_"))
        texts = []
        total = 0
        for path in _files(paths):
            # Like Discovery.for_path: the file's folder as written, then resolved.
            checked.folder(os.path.dirname(os.path.join(cwd, path)))
            data = plain_bytes(path, SCAN_LIMIT - total)
            if data is None or DIRECTIVE_MARK in data:
                raise _Unsure
            texts.append(data)  # at most SCAN_LIMIT bytes in all
            total += len(data)
        scan = _scanner_for(texts, triggers, literal_lists)
        return scan is None or not any(scan.Match(data) for data in texts)
    except _Unsure:
        return False
    except Exception:  # anything unforeseen: the full path decides, and reports
        return False


def _paths(args: Sequence[str]) -> list[str]:
    """The paths of a ``check`` whose other options cannot matter when nothing is found."""
    if not args or args[0] != "check":
        raise _Unsure
    paths: list[str] = []
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--":
            paths.extend(rest)
            break
        if arg == "--exit-zero":
            continue
        name, eq, value = arg.partition("=")
        if name in _VALUE_OPTIONS:
            if not eq:
                value = next(rest, "")
            allowed = _VALUE_OPTIONS[name]
            if (allowed is None and not value.isdigit()) or (allowed and value not in allowed):
                raise _Unsure
            continue
        if arg.startswith("-"):  # any other option, and "-" (standard input)
            raise _Unsure
        paths.append(arg)
    if not paths or any(p == "-" for p in paths):
        raise _Unsure
    return paths


def _triggers() -> tuple[list[str], list[Any]]:
    """Every built-in trigger pattern as the engine's prefilter holds it, in the engine's order
    (rules by id), with its required literals, from a rule cache whose files are unchanged."""
    folder = rulecache.builtin_rules_folder()
    cache_file = rulecache.cache_file(folder)
    if cache_file is None:
        raise _Unsure
    entries = rulecache.read(cache_file, rulecache.code_stamp(), folder)
    files = rulecache.rule_files(folder)
    if not entries or set(files) != set(entries):
        raise _Unsure
    by_rule = []
    for path in files:
        with open(path, "rb") as fh:
            if entries[path]["key"] != rulecache.file_key(fh.read()):
                raise _Unsure
        entry = entries[path]
        if len(entry["triggers"]) != len(entry["literals"]):
            raise _Unsure
        by_rule.append((entry["rule"]["id"], entry["triggers"], entry["literals"]))
    triggers: list[str] = []
    literal_lists: list[Any] = []
    for _rule_id, rule_triggers, rule_literals in sorted(by_rule):
        triggers.extend(rule_triggers)
        literal_lists.extend(rule_literals)
    if not triggers:
        raise _Unsure
    return triggers, literal_lists


def _compile(patterns: Any, max_mem: int = 0) -> Any:
    import re2

    options = re2.Options()
    options.log_errors = False
    if max_mem:
        options.max_mem = max_mem
    compiled = re2.Set.SearchSet(options)
    for pattern in patterns:
        compiled.Add(pattern)
    compiled.Compile()
    return compiled


def _scanner() -> Any:
    """The engine's prefilter over the built-in rules (every trigger pattern)."""
    triggers, _literals = _triggers()
    return _full(triggers)


def _full(triggers: list[str]) -> Any:
    scan = _compile(triggers, rulecache.PREFILTER_MAX_MEM)
    COMPILED[tuple(triggers)] = scan  # the full path reuses it when it hands over
    return scan


def _scanner_for(texts: list[bytes], triggers: list[str], literal_lists: list[Any]) -> Any:
    """The prefilter for ``texts``: only the trigger patterns that can match in them (those
    whose required literals occur, and those without any), or None when there are none.
    Compiling every pattern is the largest cost of a small run; the literal set is cheap."""
    from backyard_lint.literals import escape

    literals = sorted({lit for factors in literal_lists if factors for f in factors for lit in f})
    seen: set[str] = set()
    if literals:
        gate = _compile("(?i)" + escape(lit) for lit in literals)
        for data in texts:
            seen.update(literals[i] for i in gate.Match(data) or ())
    needed = [
        trigger
        for trigger, factors in zip(triggers, literal_lists, strict=True)
        if not factors or all(any(lit in seen for lit in f) for f in factors)
    ]
    if not needed:
        return None
    if len(needed) == len(triggers):
        return _full(triggers)
    return _compile(needed, rulecache.PREFILTER_MAX_MEM)


class ConfigCheck:
    """Whether a configuration file applies to a folder: memoised per folder, as given and as
    resolved (resolving costs a system call per part of the path)."""

    def __init__(self) -> None:
        self._clean: set[str] = set()
        self._given: dict[str, bool] = {}

    def folder(self, folder: str) -> None:
        """Raises _Unsure when a configuration applies to ``folder``."""
        if self.configured(folder):
            raise _Unsure

    def configured(self, folder: str) -> bool:
        found = self._given.get(folder)
        if found is None:
            found = self._given[folder] = self._configured(os.path.realpath(folder))
        return found

    def _configured(self, current: str) -> bool:
        while current not in self._clean:
            for name in CONFIG_NAMES:
                if os.path.isfile(os.path.join(current, name)):
                    return True
            pyproject = os.path.join(current, "pyproject.toml")
            if os.path.isfile(pyproject):
                with open(pyproject, "rb") as fh:
                    if may_configure(fh.read()):
                        return True
            self._clean.add(current)
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        return False


def may_configure(pyproject: bytes) -> bool:
    """False only when this ``pyproject.toml`` certainly has no ``[tool.backyard-lint]`` table:
    no table header names backyard-lint, no line under ``[tool]`` names it, and no line that
    names it also says ``tool`` (``tool.backyard-lint.select = ...``, ``tool = {...}``). A
    project that is merely called backyard-lint, or depends on it, has none."""
    table = b""
    for raw in pyproject.splitlines():
        line = raw.strip()
        if line.startswith(b"["):
            header = line[: line.find(b"]") + 1] if b"]" in line else line
            table = bytes(c for c in header if c not in b"[] \t\"'")
            if b"backyard-lint" in line:
                return True
            continue
        if b"backyard-lint" in line and (table == b"tool" or b"tool" in line):
            return True
    return False


def _files(paths: Sequence[str]) -> Any:
    """The files ``inputs.walk`` would lint, in any order."""
    for path in paths:
        if not os.path.isdir(path):
            yield path
            continue
        seen: set[tuple[int, int]] = set()
        for root, dirs, files in os.walk(path, followlinks=False):
            try:
                st = os.stat(root)
            except OSError:
                raise _Unsure from None
            key = (st.st_dev, st.st_ino)
            if key in seen:
                dirs[:] = []
                continue
            seen.add(key)
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS]
            for name in files:
                if not name.startswith(".") and (
                    os.path.splitext(name)[1].lower() in LINTED_SUFFIXES
                ):
                    yield os.path.join(root, name)


def plain_bytes(path: str, budget: int) -> bytes | None:
    """The bytes of a regular file of at most ``budget`` bytes in strict UTF-8 without a BOM or
    NUL bytes (text the full path would decode as it is), else None."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > budget:
            return None
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with open(fd, "rb", closefd=False) as fh:
            data = fh.read()  # read(n) would allocate n bytes up front
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > budget or data.startswith(BOMS) or b"\0" in data:
        return None
    if not data.isascii():
        try:
            data.decode("utf-8")  # strict: an invalid file is an error the full path reports
        except UnicodeDecodeError:
            return None
    return data
