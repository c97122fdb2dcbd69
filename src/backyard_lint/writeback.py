"""Writing a fixed file back (``--fix``), refusing every write that could lose data.

A fix is written through a temporary file beside the target and one rename
(``core/atomic.py``), and only when all of these hold; otherwise the file is left as it was
and :class:`~backyard_lint.fix.FixError` says why, in one line:

- the file still holds the bytes that were linted: checked when the write starts, and its
  ``stat`` (inode, size, modification and change times) checked again right before the
  rename, so an edit made meanwhile (an append, an editor's save) is never overwritten;
- the text written back in the file's encoding gives the very bytes that were read for the
  unchanged text (an encoding that does not round-trip, such as ``unicode_escape``, which
  rewrites line breaks, is refused; a BOM-less UTF-16 or UTF-32 file stays BOM-less);
- a symbolic link met while walking a folder is not followed (its target may lie outside the
  tree; a target inside it is fixed on its own); a link named on the command line is;
- unless ``force``: the file is writable by its owner, owned by the user running the tool,
  and has one hard link (a rename would cut the others off);
- its extended attributes (and so its ACL) are copied to the new file; if they cannot be,
  the write is refused.

The mode is kept, and the owner where allowed. The temporary file's name is short, so a file
name near the length limit can still be fixed.
"""

# os, not pathlib: the checks work on one resolved path string throughout.
# ruff: noqa: PTH116, PTH119, PTH123

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from backyard_lint.core import atomic
from backyard_lint.fix import FixError
from backyard_lint.fix import _keep_owner as keep_owner

_TMP_PREFIX = ".backyard-fix-"


def _codec(codec: str, bom: bytes) -> str:
    """The codec that writes no BOM of its own (Python's ``utf-16`` and ``utf-32`` add one)."""
    if not bom and codec.replace("_", "-").lower() in ("utf-16", "utf-32", "utf16", "utf32"):
        return f"{codec}-{'le' if sys.byteorder == 'little' else 'be'}"
    return codec


def write_fix(
    path: str,
    texts: tuple[str, str],
    encoding: tuple[str, bytes],
    read_stat: os.stat_result | None,
    *,
    named: bool,
    force: bool = False,
) -> None:
    """Replace the file at ``path``, read as ``texts[0]``, with ``texts[1]``, both written in
    ``encoding`` (codec, BOM). ``read_stat``: the ``stat`` taken when it was read; ``named``:
    the path was given on the command line (not found by walking a folder)."""
    before, after = texts
    codec, bom = encoding[0], encoding[1]
    codec = _codec(codec, bom)
    try:
        data = bom + after.encode(codec)
        original = bom + before.encode(codec)
    except UnicodeEncodeError as exc:
        raise FixError(f"{exc.object[exc.start]!r} cannot be written in {codec}") from None
    try:
        link = os.lstat(path)
    except OSError as exc:
        raise FixError(exc.strerror or str(exc)) from None
    if stat.S_ISLNK(link.st_mode) and not named:
        raise FixError(
            "a symbolic link found while walking a folder is not followed "
            "(name it on the command line to fix its target)"
        )
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
        with open(target, "rb") as fh:
            current = fh.read()
    except OSError as exc:
        raise FixError(exc.strerror or str(exc)) from None
    if read_stat is not None and _moved(read_stat, st, ctime=False):
        raise FixError(CHANGED)
    if current != original:
        if current.startswith(bom) and _decodes_to(current[len(bom) :], codec, before):
            raise FixError(
                f"writing the file back in {codec} would change bytes that no fix touches "
                "(the encoding does not round-trip)"
            )
        raise FixError(CHANGED)
    if not force:
        _check_permission(st)
    attrs = _xattrs(target)

    def before_rename(tmp: str) -> None:
        keep_owner(Path(tmp), st)
        Path(tmp).chmod(stat.S_IMODE(st.st_mode))
        for name, value in attrs:
            try:
                os.setxattr(tmp, name, value, follow_symlinks=False)
            except OSError as exc:
                raise FixError(
                    f"its extended attribute {name} could not be kept ({exc.strerror})"
                ) from None
        try:
            now = os.stat(target)
        except OSError as exc:
            raise FixError(exc.strerror or str(exc)) from None
        if _moved(st, now, ctime=True):
            raise FixError(CHANGED)

    atomic.write_atomic(target, data, prefix=_tmp_prefix(target), durable=True,
                        before_rename=before_rename)


def _tmp_prefix(target: str) -> str:
    """``.NAME.`` (the temporary file is then ``.NAME.XXXXXXXX.tmp``), or a short fixed prefix
    when that would pass the file system's 255-byte limit on a name."""
    name = os.path.basename(target)
    return f".{name}." if len(os.fsencode(name)) <= 200 else _TMP_PREFIX


CHANGED = "the file changed while it was being linted"


def _decodes_to(data: bytes, codec: str, text: str) -> bool:
    try:
        return data.decode(codec) == text
    except (UnicodeDecodeError, LookupError):
        return False


_FORCE = " (use --force-write to replace it anyway)"


def _check_permission(st: os.stat_result) -> None:
    if not st.st_mode & stat.S_IWUSR:
        raise FixError("the file is read-only" + _FORCE)
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        raise FixError(f"the file belongs to another user (uid {st.st_uid})" + _FORCE)
    if st.st_nlink > 1:
        raise FixError(
            f"the file has {st.st_nlink} hard links, which replacing it would cut off" + _FORCE
        )


def _xattrs(target: str) -> list[tuple[str, bytes]]:
    """The file's extended attributes, to copy to the new file ([] where there are none)."""
    if not hasattr(os, "listxattr"):
        return []
    try:
        names = os.listxattr(target)
    except OSError:  # the file system has none
        return []
    out = []
    for name in names:
        try:
            out.append((name, os.getxattr(target, name)))
        except OSError as exc:
            raise FixError(
                f"its extended attribute {name} could not be read ({exc.strerror})"
            ) from None
    return out


def _moved(before: os.stat_result, now: os.stat_result, *, ctime: bool) -> bool:
    keys = ("st_dev", "st_ino", "st_size", "st_mtime_ns", *(("st_ctime_ns",) if ctime else ()))
    return any(getattr(before, k) != getattr(now, k) for k in keys)
