"""Writing a file atomically: a temporary file in the same folder, then one rename. Used for the
rule cache and for ``--fix`` (which adds its own checks around it, see ``fix.write_atomic``)."""

# os, not pathlib: importing pathlib costs milliseconds of start-up.
# ruff: noqa: PTH105, PTH108, PTH120, SIM105

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Callable


def write_atomic(
    target: str,
    data: bytes,
    *,
    prefix: str = ".tmp-",
    durable: bool = False,
    before_rename: Callable[[str], None] | None = None,
) -> None:
    """Write ``data`` to ``target`` through a temporary file beside it and ``os.replace``.

    ``durable``: flush the data to the disk before the rename. ``before_rename``: called with
    the temporary file's path (to set its mode or owner). On any error, ``KeyboardInterrupt``
    included, ``target`` is left as it was, the temporary file is removed and the error raised.
    """
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=os.path.dirname(target) or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if before_rename is not None:
            before_rename(tmp)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
