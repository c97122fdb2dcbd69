"""Lint many files in worker processes; reports come back streamed, in input order.

Small inputs (a pre-commit hook's handful of files, one buffer on standard input) are linted in
this process: starting workers costs more than it saves. Larger inputs go to ``jobs`` worker
processes (default: every core this process may use):

- each worker loads the rules once (its initialiser; on Linux the forked worker inherits the
  rules the parent already loaded) and lints one file at a time, so a worker never holds more
  than one file's text (and of a document of 16 MiB or more, one piece: ``stream.py``);
- the workers get the list of files once; a task is a range of it, and a clean file's report
  comes back as None, to keep the cost of talking to the workers small per file;
- reports are yielded in the order of ``files`` (``Executor.map``), so output does not depend
  on ``jobs`` or on which worker finished first;
- if a worker dies (killed, out of memory), the files not yet reported are linted in this
  process, as ``--jobs 1`` would, instead of waiting for it forever.

In this process and in the workers alike, a file that certainly gives an empty report skips
``lint_path`` (configuration lookup, decoding, settings): when no configuration file applies to
its folder and it is plain UTF-8 text of at most ``SHORTCUT_BYTES`` in which no trigger and no
directive mark occurs (the same core functions as the command's fast path: ``core/probe.py``,
``core/read.py`` and the rule set's prefilter), its report is the empty one ``lint_path`` would
return. Anything else goes through ``lint_path``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backyard_lint.core.probe import ConfigProbe
from backyard_lint.core.read import plain_bytes
from backyard_lint.model import FileReport
from backyard_lint.project import Project
from backyard_lint.readers import Readers, process_context
from backyard_lint.readers import in_process as in_this_process
from backyard_lint.runner import RunOptions, lint_path
from backyard_lint.stopping import Stop, WorkerGuard

if TYPE_CHECKING:
    from backyard_lint.readers import Mapper

# Below either threshold the files are linted in this process (no workers).
IN_PROCESS_FILES = 8
IN_PROCESS_BYTES = 4 * 1024 * 1024
# The shortcut reads a file whole to prove it clean; a larger file goes straight to
# ``lint_path``, which decides as fast when it is clean, and a long document with a label was
# read and decoded twice (and held twice in memory) before it.
SHORTCUT_BYTES = 4 * 1024 * 1024
# Paths per task sent to a worker: large enough that talking to the worker costs little per
# file, small enough that the last chunks do not leave a core idle.
MAX_CHUNK = 32

_LINTER: _Linter | None = None  # set in each worker by _init_worker
_GUARD: WorkerGuard | None = None  # likewise: stops the worker when asked (stopping.py)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def run_files(
    files: Sequence[tuple[str, bool]],
    opts: RunOptions,
    project: Project,
    jobs: int | None = None,
    stop: Stop | None = None,
) -> Iterator[FileReport]:
    """Lint ``files`` (name, named explicitly) in order; in parallel when it pays off.
    ``stop``: once it is requested, no further file is started (see ``stopping.py``)."""
    stop = stop or Stop()
    cores = default_jobs() if jobs is None or jobs < 1 else jobs
    jobs = min(cores, len(files))
    if jobs <= 1 or in_process(files):
        yield from _here(files, opts, project, stop, cores)
        return
    yield from _in_workers(files, opts, project, jobs, stop)


def _here(
    files: Sequence[tuple[str, bool]],
    opts: RunOptions,
    project: Project,
    stop: Stop,
    cores: int = 1,
) -> Iterator[FileReport]:
    """Lint ``files`` in this process; a long document is linted on ``cores`` processes
    (``readers.py``)."""
    with Readers(cores) as readers:
        linter = _Linter(opts, project, readers)
        for path, explicit in files:
            if stop.should_stop():
                return
            yield linter.lint(path, explicit)


class _Linter:
    """``lint_path``, with the shortcut for files that certainly give an empty report."""

    def __init__(self, opts: RunOptions, project: Project, readers: Mapper | None = None) -> None:
        self.opts = opts
        self.project = project
        self.readers = readers
        self.shortcut = not (
            opts.config or opts.encoding or opts.with_proselint
            or os.environ.get("BACKYARD_LINT_NO_FASTPATH")
        )
        self.configs = ConfigProbe()
        try:
            self.cwd = os.getcwd()  # noqa: PTH109 - strings: Path objects cost time per file
        except OSError:  # the working folder was deleted: no shortcut, lint_path decides
            self.cwd, self.shortcut = "", False
        self.ruleset = project.ruleset()  # the built-in rules: no configuration applies

    def lint(self, name: str, explicit: bool) -> FileReport:
        if self.clean(name):
            return FileReport(name)
        return lint_path(
            Path(name), self.opts, self.project, explicit=explicit, mapper=self.readers
        )

    def clean(self, name: str) -> bool:
        """True when the file certainly gets the empty report (the shortcut)."""
        if not self.shortcut or name == "-":
            return False
        folder = os.path.dirname(os.path.join(self.cwd, name))  # noqa: PTH118, PTH120
        if self.configs.configured(folder):
            return False
        data = plain_bytes(name, SHORTCUT_BYTES)
        # (a directive mark counts as a trigger: the full path reads the directives)
        return data is not None and not self.ruleset.triggered(data)


def in_process(files: Sequence[tuple[str, bool]]) -> bool:
    """True when ``files`` are too few or too small to be worth worker processes (or include
    standard input, which only this process can read)."""
    if len(files) < IN_PROCESS_FILES or any(p == "-" for p, _ in files):
        return True
    total = 0
    for path, _ in files:  # stops at the first few files of a large tree
        try:
            total += os.stat(path).st_size  # noqa: PTH116 - names, not Path objects
        except OSError:
            continue  # the worker reports it
        if total >= IN_PROCESS_BYTES:
            return False
    return True


def chunk_size(n_files: int, jobs: int) -> int:
    """About eight tasks per worker, at most MAX_CHUNK paths each."""
    return max(1, min(MAX_CHUNK, n_files // (jobs * 8)))


def _in_workers(
    files: Sequence[tuple[str, bool]],
    opts: RunOptions,
    project: Project,
    jobs: int,
    stop: Stop,
) -> Iterator[FileReport]:
    # fork: workers share the rules already loaded here, and the list of files (initargs are
    # not pickled). With spawn, each worker gets the list once and loads the rules in its
    # initialiser.
    ctx = process_context()
    project.ruleset().triggered(b"")  # build the prefilter once, here: the workers inherit it
    names = list(files)
    # A task is a range of the list; a worker answers None for a clean file (the report the
    # shortcut would make), so little is pickled either way. A worker asked to stop answers
    # for the files it did only.
    size = chunk_size(len(names), jobs)
    ranges = [(start, min(start + size, len(names))) for start in range(0, len(names), size)]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    stop.event = ctx.Event()
    done = 0  # files reported so far
    pool = ProcessPoolExecutor(
        jobs,
        ctx,
        initializer=_init_worker,
        initargs=(opts, project, names, stop.event, os.getpid()),
    )
    try:
        try:
            results = pool.map(_lint_range, ranges)
        except OSError as exc:  # no process could be started (a process limit): one process
            _end_workers(pool)
            reason = exc.strerror or str(exc)
            sys.stderr.write(
                f"backyard-lint: could not start worker processes ({reason}); "
                "linting in one process\n"
            )
            yield from _here(files, opts, project, stop)
            return
        for (start, _end), reports in zip(ranges, results, strict=True):
            for offset, report in enumerate(reports):
                yield report if report is not None else FileReport(names[start + offset][0])
                done = start + offset + 1
    except BrokenProcessPool:
        # A worker died (killed, out of memory): the rest is linted here, as --jobs 1 would.
        # Each shutdown waits for the pool's manager thread: one left running races with the
        # interpreter's exit handler over its pipe ("Bad file descriptor" on a loaded machine).
        pool.shutdown(wait=True, cancel_futures=True)
        yield from _here(files[done:], opts, project, stop)
    except BaseException:  # a rule error, a second Ctrl-C, or the reader stopped
        stop.event.set()  # the workers finish the file they are on and take no other
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)


def _end_workers(pool: Any) -> None:
    """Stop the workers that did start before the pool failed (they would wait for work)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join()


_NAMES: list[tuple[str, bool]] = []  # in each worker: the files, set by _init_worker


def _init_worker(
    opts: RunOptions, project: Project, names: list[tuple[str, bool]], event: Any, parent: int
) -> None:
    global _LINTER, _NAMES, _GUARD
    import signal

    # Ctrl-C is the parent's to handle: it stops the workers (no traceback from each of them).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _GUARD = WorkerGuard(event, parent)
    # With fork, the parent's project and its rule sets. A long document is linted here a
    # piece at a time (``stream.py``, ``pieces.py``).
    _LINTER = _Linter(opts, project, in_this_process)
    _NAMES = names
    # Load the working folder's rules once. An error here is raised again by lint_path, for
    # the file it concerns, and reported there.
    with contextlib.suppress(Exception):
        project.ruleset(project.config_for_folder(Path.cwd()).extra_rules)


def _lint_range(task: tuple[int, int]) -> list[FileReport | None]:
    start, end = task
    assert _LINTER is not None and _GUARD is not None, "the worker initialiser did not run"
    out: list[FileReport | None] = []
    for path, explicit in _NAMES[start:end]:
        if _GUARD.should_stop():
            break
        _GUARD.busy = True
        report = _LINTER.lint(path, explicit)
        out.append(None if report == FileReport(path) else report)  # the parent makes it
        _GUARD.busy = False
    if _GUARD.terminated:  # the parent is gone: nobody waits for this answer
        os._exit(143)
    return out
