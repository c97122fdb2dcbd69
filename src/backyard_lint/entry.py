"""The command's entry point, with a fast path that proves there is nothing to report.

A pre-commit hook or a check of a small docs tree spends most of its time starting up: importing
argparse, dataclasses, pathlib, typing and the CLI costs several times what scanning the files
does, and most runs find nothing. So before importing any of that, with nothing heavier than the
lean core (``core/``) and the formats' registry, :func:`clean_check` answers a ``check`` when it
can prove that the full command would find nothing and exit 0 (it then prints the same
"All checks passed!" line):

- the arguments are paths and only ``--exit-zero``, ``--jobs N``, ``--color X`` or
  ``--format text|concise`` (options that change nothing when there is nothing to report);
- no configuration file applies (``core/probe.py``) to the working folder or any linted file's
  folder;
- the built-in rules' triggers and their literal index come from the rule cache's quick file,
  written with the rules cache by this version of the code, and every rule file and rules folder
  has the size and modification and status-change times it had then (``rulecache.read_quick``);
- every input is a regular file in strict UTF-8, without a BOM or NUL bytes (``core/read.py``),
  and together they hold less than ``SCAN_LIMIT`` bytes (more goes to the full path's workers);
- no trigger and no directive mark occurs in any of them (``core/prefilter.py``).

In every other case it returns None having written nothing, and the full CLI runs as if the fast
path had not been tried: findings, errors and messages only ever come from the full path.
``BACKYARD_LINT_NO_FASTPATH=1`` turns the fast path off.

The command is installed as a script that calls :func:`run` (see ``hatch_build.py``), and a run
the fast path answers leaves without the interpreter's teardown.
"""

# os.path, not pathlib: importing pathlib costs milliseconds of start-up.
# ruff: noqa: PTH109, PTH112, PTH116, PTH118, PTH120

from __future__ import annotations

import os
import sys

from backyard_lint import rulecache
from backyard_lint.core.prefilter import Prefilter
from backyard_lint.core.probe import ConfigProbe
from backyard_lint.core.read import plain_bytes
from backyard_lint.core.walk import walk_folder
from backyard_lint.formats import LINTED_SUFFIXES

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import Any, NoReturn

ALL_PASSED = "All checks passed!\n"  # checkcmd.ALL_PASSED: a clean text or concise run says so
SCAN_LIMIT = 4 * 1024 * 1024  # more than this goes to the full path (and its workers)
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
    :func:`main`, then exit with its code.

    A ``check`` leaves without the interpreter's teardown: freeing every module and object is a
    sizeable share of a small run (about 2 ms of a clean run the fast path answered, about
    12 ms once the full path has loaded the classifier and a markup parser: see
    docs/performance.md). A check has then written its output and files, and shut down its
    worker processes; the only exit handlers it leaves are the standard library's, with
    nothing left to do. Other commands (a server, the audit's cluster) exit normally."""
    answer = _fast_answer(sys.argv[1:])
    if answer == 0:
        sys.stdout.write(ALL_PASSED)
        _leave(0)
    if answer is not None:
        sys.exit(answer)
    from backyard_lint.cli import main as full_main

    code = full_main(None)
    if sys.argv[1:2] == ["check"]:
        _leave(code)
    sys.exit(code)


def _leave(code: int) -> NoReturn:
    """Write out what is buffered and exit with ``code`` at once (see :func:`run`)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (``| head``): nothing more to say
        pass
    except (OSError, ValueError):  # a full disk, a closed stream: the interpreter reports it
        sys.exit(code)
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler or a coverage tool writes its data at the normal exit
    os._exit(code)


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
    """True when ``backyard-lint <args>`` is a check that certainly reports nothing.

    The walk's files are counted by their size first, so a large tree gives up once they
    add up to more than ``SCAN_LIMIT`` bytes, before any is read and without being walked in
    full (the full path walks it again)."""
    try:
        paths = _paths(args)
        data = _quick_data()
        probe = ConfigProbe()
        cwd = os.getcwd()
        if probe.configured(cwd):  # the CLI also reads the working folder's configuration
            return False
        files = []
        total = 0
        for path, regular in _files(paths):
            # Like Discovery: the file's folder as written, then resolved.
            if probe.configured(os.path.dirname(os.path.join(cwd, path))):
                return False
            total += os.stat(path).st_size
            if total > SCAN_LIMIT:
                return False
            files.append((path, regular))
        prefilter = Prefilter(data["triggers"], data)
        total = 0
        for path, regular in files:
            size = _clean_size(path, regular, SCAN_LIMIT - total, prefilter)
            if size is None:
                return False
            total += size
        return bool(files)  # no file at all: the full path warns that no file was found
    except _Unsure:
        return False
    except Exception:  # anything unforeseen: the full path decides, and reports
        return False


def _clean_size(path: str, regular: bool, limit: int, prefilter: Prefilter) -> int | None:
    """The size of a file that is plain text of at most ``limit`` bytes, without a directive
    mark or a trigger; None for any other. (Sharing the files among threads or forked copies
    was measured and left out: see docs/performance.md.)"""
    text = plain_bytes(path, limit, regular=regular)
    if text is None or prefilter.triggered(text):  # a directive mark counts as a trigger
        return None
    return len(text)


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
    """The built-in rules' triggers and their literal index, from the rule cache's quick file,
    when the code and every rule file are as they were when it was written."""
    folder = rulecache.builtin_rules_folder()
    path = rulecache.cache_file(folder, "quick")
    data = rulecache.read_quick(path, rulecache.code_stamp(), folder) if path else None
    if data is None or not data["triggers"]:
        raise _Unsure
    return data


def _files(paths: Sequence[str]) -> Iterator[tuple[str, bool]]:
    """The files the command would lint, each with whether it is known to be a regular file."""
    for path in paths:
        if os.path.isdir(path):
            problems: list[tuple[str, str]] = []
            yield from walk_folder(path, LINTED_SUFFIXES, problems)
            if problems:  # a folder not read: the full path says so
                raise _Unsure
        else:
            yield path, False
