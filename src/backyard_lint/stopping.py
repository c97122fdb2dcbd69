"""Stopping a ``--fix`` run cleanly on Ctrl-C or SIGTERM.

While fixes are written, the first SIGINT or SIGTERM does not kill the run half-way: it sets
a flag (and an event the worker processes share), every process finishes the file it is on
(a fix is one atomic rename) and starts no other, and the command then reports which files
were fixed and exits 130. A second signal stops at once (``KeyboardInterrupt``; a write in
progress is rolled back by ``core/atomic.py``).

A worker also stops if its parent dies without a word (SIGKILL): on Linux it asks the kernel
for a SIGTERM when that happens, and exits at once when idle, or after its current file.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import Any


class Stop:
    """The run's stop request: ``requested`` once a signal came."""

    def __init__(self, event: Any = None) -> None:
        self.event = event  # a multiprocessing Event shared with workers, if any
        self.requested = False
        self._previous: dict[int, Any] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:  # the second signal: stop now
            self.restore()
            raise KeyboardInterrupt
        self.requested = True
        if self.event is not None:
            self.event.set()

    def install(self) -> Stop:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()

    def should_stop(self) -> bool:
        return self.requested or (self.event is not None and self.event.is_set())


class WorkerGuard:
    """In a worker: stop when the parent asks (the shared event) or dies (SIGTERM)."""

    def __init__(self, event: Any, parent: int) -> None:
        self.event = event
        self.busy = False
        self.terminated = False
        signal.signal(signal.SIGTERM, self._handle)
        if sys.platform.startswith("linux"):
            _ask_for_sigterm_when_parent_dies()
        if os.getppid() != parent:  # the parent died before the request
            os._exit(143)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if not self.busy:
            os._exit(143)  # idle (waiting for a task): nothing to finish
        self.terminated = True

    def should_stop(self) -> bool:
        return self.terminated or (self.event is not None and self.event.is_set())


def _ask_for_sigterm_when_parent_dies() -> None:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the parent's own shutdown still stops it
        pass
