"""``check --fix -`` as an editor's filter: the buffer comes back fixed, or exactly as it came.

An editor replaces its buffer with what the filter prints, so printing nothing on an error (a
decoding error, a configuration error, an internal error, an interrupt) would empty the buffer.
:func:`run_as_filter` reads standard input first, lets the check read it from memory, and prints
the fixed text only when the check succeeded; on any error it prints the input's bytes as they
came. I/O at the edge: nothing else here.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable

ERROR = 2  # the check's exit code for an error (``cli.ExitCode.ERROR``)


def run_as_filter(check: Callable[[], int]) -> int:
    """Run ``check`` (which reads standard input and prints the fixed text) as a filter."""
    data = sys.stdin.buffer.read()
    real_in, real_out = sys.stdin, sys.stdout
    captured = io.StringIO()
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace")
    sys.stdout = captured
    answered = False
    try:
        code = check()
        text = captured.getvalue()
        if code != ERROR and text:
            real_out.write(text)
            answered = True
        return code
    finally:
        sys.stdin, sys.stdout = real_in, real_out
        if not answered:
            real_out.flush()
            real_out.buffer.write(data)
            real_out.buffer.flush()
