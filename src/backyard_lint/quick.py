"""The command's entry point, with a fast path that proves there is nothing to report.

A pre-commit hook or a check of a small docs tree spends most of its time starting up: importing
argparse, dataclasses, pathlib, typing and the CLI costs several times what scanning the files
does, and most runs find nothing. So before importing any of that, with nothing heavier than
``os``, ``sys``, ``marshal`` and RE2's compiled module, :func:`clean_check` answers a ``check``
when it can prove that the full command would print nothing and exit 0:

- the arguments are paths and only ``--exit-zero``, ``--jobs N``, ``--color X`` or
  ``--format text|concise`` (options that change nothing when there is nothing to report);
- no configuration file applies: no ``.backyard-lint.yaml``/``.yml`` and no ``pyproject.toml``
  that may hold a ``[tool.backyard-lint]`` table in the working folder, any linted file's
  folder, or above them;
- the built-in rules' trigger patterns come from the rule cache's quick file, written with the
  rules cache by this version of the code, and every rule file and rules folder has the size and
  modification and status-change times it had then (``rulecache.read_quick``);
- every input is a regular file in strict UTF-8, without a BOM or NUL bytes, and together they
  hold less than ``SCAN_LIMIT`` bytes (more goes to the worker processes of the full path);
- no trigger pattern and no directive mark occurs in any of them: the engine's own prefilter
  patterns, searched only where they can match. Each trigger has a requirement (``literals.py``:
  strings every match contains); one small set of literals finds the requirements each file
  meets, and only the triggers so needed are compiled and searched, each in the files that need
  it (:class:`Prefilter`).

In every other case it returns None having written nothing, and the full CLI runs as if the fast
path had not been tried: findings, errors and messages only ever come from the full path.
``BACKYARD_LINT_NO_FASTPATH=1`` turns the fast path off.

The command is installed as a script that calls :func:`run` (see ``hatch_build.py``), and a run
the fast path answers leaves without the interpreter's teardown.
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

ALL_PASSED = "All checks passed!\n"  # checkcmd.ALL_PASSED: a clean text or concise run says so
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
    answer = _fast_answer(list(sys.argv[1:] if argv is None else argv))
    if answer == 0:
        sys.stdout.write(ALL_PASSED)
    if answer is not None:
        return answer
    from backyard_lint.cli import main as full_main

    return full_main(argv)


def run() -> None:
    """The command's entry (the script, ``python -m backyard_lint``, the Windows entry point):
    :func:`main`, then exit with its code. A run the fast path answered has written nothing
    and registered no exit handler, so it leaves at once, without the interpreter's teardown
    (freeing every module and object costs a tenth of a small clean run)."""
    answer = _fast_answer(sys.argv[1:])
    if answer == 0:
        sys.stdout.write(ALL_PASSED)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    if answer is not None:
        sys.exit(answer)
    from backyard_lint.cli import main as full_main

    sys.exit(full_main(None))


def _fast_answer(args: list[str]) -> int | None:
    """0 when the fast path proves ``args`` a clean check, 130 when interrupted, else None."""
    if os.environ.get("BACKYARD_LINT_NO_FASTPATH"):
        return None
    try:
        return 0 if clean_check(args) else None
    except KeyboardInterrupt:
        sys.stderr.write("backyard-lint: interrupted\n")
        return 130


def clean_check(args: Sequence[str]) -> bool:
    """True when ``backyard-lint <args>`` is a check that certainly reports nothing."""
    try:
        paths = _paths(args)
        data = _quick_data()
        checked = ConfigCheck()
        cwd = os.getcwd()
        checked.folder(cwd)  # the CLI also reads the working folder's configuration
        if os.path.isdir(os.path.join(cwd, "_")):  # ... found from "<cwd>/_"
            checked.folder(os.path.join(cwd, "_"))
        files = []
        for path, regular in _files(paths):
            # Like Discovery.for_path: the file's folder as written, then resolved.
            checked.folder(os.path.dirname(os.path.join(cwd, path)))
            files.append((path, regular))
        if not files:  # the full path warns that no file was found
            return False
        return _clean_files(files, Prefilter(data))
    except _Unsure:
        return False
    except Exception:  # anything unforeseen: the full path decides, and reports
        return False


def _clean_files(files: Sequence[tuple[str, bool]], prefilter: Prefilter) -> bool:
    """Whether every file is plain text (see :func:`plain_bytes`), at most ``SCAN_LIMIT``
    bytes in all, without a directive mark or a trigger. Stops at the first that is not.
    (Sharing the files was tried, with a second thread and with a forked copy of the process:
    a thread gained nothing, as only RE2 and reading release the interpreter's lock; a copy
    gained under a millisecond on the Rust book, for 3 ms more CPU, because each copy builds
    its own automata and the costly files do not split evenly.)"""
    total = 0
    for path, regular in files:
        text = plain_bytes(path, SCAN_LIMIT - total, regular)
        if text is None or DIRECTIVE_MARK in text or prefilter.triggered(text):
            return False
        total += len(text)
    return True


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
            bad_number = allowed is None and (not value.isdigit() or int(value) < 1)
            if bad_number or (allowed and value not in allowed):
                raise _Unsure
            continue
        if arg.startswith("-"):  # any other option, and "-" (standard input)
            raise _Unsure
        paths.append(arg)
    if not paths or any(p == "-" for p in paths):
        raise _Unsure
    return paths


def _quick_data() -> dict[str, Any]:
    """The built-in rules' triggers and their requirements, from the rule cache's quick file,
    when the code and every rule file are as they were when it was written."""
    folder = rulecache.builtin_rules_folder()
    path = rulecache.cache_file(folder, "quick")
    data = rulecache.read_quick(path, rulecache.code_stamp(), folder) if path else None
    if data is None or not data["triggers"]:
        raise _Unsure
    return data


def _compile(patterns: Any) -> Any:
    """An RE2 set of ``patterns``, searched anywhere in a text: ``.Match(bytes)`` gives the
    indices of the patterns that match (an empty list when none does)."""
    re2 = _re2()
    compiled = re2.Set(re2.RE2.Anchor.UNANCHORED, _options(re2, 0))
    for pattern in patterns:
        if compiled.Add(pattern.encode("utf-8")) < 0:
            raise _Unsure
    if not compiled.Compile():
        raise _Unsure
    return compiled


def _options(re2: Any, max_mem: int) -> Any:
    """RE2's options: no logging of errors, and ``max_mem`` bytes (0: RE2's default)."""
    options = re2.RE2.Options()
    options.log_errors = False
    if max_mem:
        options.max_mem = max_mem
    return options


def _re2() -> Any:
    """google-re2's compiled module, ``re2._re2``, without the ``re2`` package around it: the
    package imports ``functools``, ``itertools`` and ``codecs``, which together cost as much
    as loading the library. It is entered in ``sys.modules``, where ``import re2`` finds it."""
    module = sys.modules.get("re2._re2")
    if module is None:
        try:
            from _frozen_importlib import module_from_spec
            from _frozen_importlib_external import PathFinder

            package = PathFinder.find_spec("re2")
            spec = package and PathFinder.find_spec("re2._re2", package.submodule_search_locations)
            if spec is None or spec.loader is None:
                raise ImportError("re2._re2")
            module = module_from_spec(spec)
            spec.loader.exec_module(module)
            sys.modules["re2._re2"] = module
        except Exception:  # another Python or layout: the ordinary import
            from re2 import _re2 as fallback  # type: ignore[attr-defined]

            module = fallback
    return module


class Prefilter:
    """The engine's prefilter over the built-in rules (does any trigger pattern match in a
    text?), searched only where a trigger can match. One set of literals finds the triggers
    whose requirement a text meets (``literals.py``); only those are compiled, each once, and
    searched. Compiling every trigger is the largest cost of a small run. (Over a large tree,
    where that cost is paid once, the engine's set of every trigger is as fast: the full path
    uses it.)"""

    def __init__(self, data: dict[str, Any]) -> None:
        self.triggers: list[str] = data["triggers"]
        self.anchors: list[list[Any]] = data["anchors"]
        self.always = frozenset(data["always"])
        self.gate = _compile(data["gate"]) if data["gate"] else None
        self.re2 = _re2()
        self.options = _options(self.re2, rulecache.PREFILTER_MAX_MEM)
        self.compiled: dict[str, Any] = {}  # by pattern: several rules may share one

    def needs(self, text: bytes) -> set[int]:
        """The triggers whose requirement ``text`` (UTF-8) meets."""
        found = set(self.always)
        hits = self.gate.Match(text) if self.gate is not None else ()
        if hits:
            seen = 0
            for i in hits:
                seen |= 1 << i
            for i in hits:
                for trigger, masks in self.anchors[i]:
                    if trigger not in found:
                        for mask in masks:
                            if not seen & mask:
                                break
                        else:
                            found.add(trigger)
        return found

    def triggered(self, text: bytes) -> bool:
        """Whether any trigger pattern matches in ``text`` (UTF-8)."""
        for pattern in {self.triggers[t] for t in self.needs(text)}:
            regex = self.compiled.get(pattern)
            if regex is None:
                regex = self.re2.RE2(pattern.encode("utf-8"), self.options)
                if not regex.ok():  # too large for its memory: it may match, for all we know
                    return True
                self.compiled[pattern] = regex
            if regex.Match(self.re2.RE2.Anchor.UNANCHORED, text, 0, len(text))[0][0] >= 0:
                return True
        return False


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
    """The files ``inputs.walk`` would lint, in any order, each with whether it is known to be
    a regular file (found in a folder, not through a symbolic link)."""
    for path in paths:
        if not os.path.isdir(path):
            yield path, False
            continue
        seen: set[tuple[int, int]] = set()
        folders = [path]
        while folders:
            root = folders.pop()
            try:
                st = os.stat(root)
                entries = list(os.scandir(root))
            except OSError:  # inputs.walk skips an unreadable folder too
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen:
                continue
            seen.add(key)
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_dir():  # like os.walk: a link to a folder is a folder, not entered
                    if name not in SKIPPED_DIRS and not entry.is_symlink():
                        folders.append(entry.path)
                elif os.path.splitext(name)[1].lower() in LINTED_SUFFIXES:
                    yield entry.path, entry.is_file(follow_symlinks=False)


def plain_bytes(path: str, budget: int, regular: bool = False) -> bytes | None:
    """The bytes of a regular file of at most ``budget`` bytes in strict UTF-8 without a BOM or
    NUL bytes (text the full path would decode as it is), else None. ``regular``: the caller
    knows it is a regular file; otherwise it is checked before it is opened (opening a device
    may do something)."""
    try:
        if not regular and not stat.S_ISREG(os.stat(path).st_mode):
            return None
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > budget:
            return None
        data = os.read(fd, st.st_size + 1)  # a byte more: a file that grew is not read whole
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > st.st_size or data.startswith(BOMS) or b"\0" in data:
        return None
    if not data.isascii():
        try:
            data.decode("utf-8")  # strict: an invalid file is an error the full path reports
        except UnicodeDecodeError:
            return None
    return data
