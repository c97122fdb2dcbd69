"""Reading the client's frames robustly (``Content-Length`` headers, then a JSON body).

pygls's own loop trusts every header: a frame whose length is wrong leaves it reading the next
frames as a body or as headers (alive but deaf), and a huge ``Content-Length`` makes it
allocate that much (killed). :class:`FramedReader` sits between the byte stream and pygls's
loop and hands it only well-formed frames:

- the headers of a frame are at most :data:`MAX_HEADER` bytes and must hold a decimal
  ``Content-Length`` (any other header line is passed over, as the specification allows);
- a body is at most :data:`MAX_BODY` bytes; a larger one is refused before it is read;
- after anything else (stray bytes, a bad or missing length, a body too large), the reader
  resynchronises on the next ``Content-Length:`` header in the stream and reports the bad
  frame through ``on_bad`` (the server answers it with a JSON-RPC error); memory stays bounded
  while it skips;
- when a body turns out not to be JSON (its length was too long, so it swallowed the start of
  the next frame), :meth:`FramedReader.resync` puts back what follows the first
  ``Content-Length:`` inside it, so that next frame is not lost.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

MAX_HEADER = 8 * 1024
MAX_BODY = 64 * 1024 * 1024  # a 20 MB document, escaped as JSON, fits with room to spare
_MARKER = re.compile(rb"content-length:", re.IGNORECASE)
_LENGTH = re.compile(rb"content-length:[ \t]*(\d{1,12})[ \t]*$", re.IGNORECASE)


class FramedReader:
    """``readline``/``readexactly`` as pygls's loop calls them, over ``read_some`` (a coroutine
    returning the next bytes available, ``b""`` at the end of the stream)."""

    def __init__(
        self,
        read_some: Callable[[], Awaitable[bytes]],
        on_bad: Callable[[str], None],
        max_body: int = MAX_BODY,
    ) -> None:
        self._read_some = read_some
        self._on_bad = on_bad
        self._max_body = max_body
        self._buffer = bytearray()
        self._eof = False
        self._lines: list[bytes] = []
        self._body = b""
        self.last_body = b""  # the body handed out last (see :meth:`resync`)
        # Skipping a reported bad frame: no ``Content-Length:`` has come yet, and what comes
        # before the next one belongs to the same bad frame (not reported again).
        self._skipping = False

    async def readline(self) -> bytes:
        if not self._lines:
            body = await self._next_frame()
            if body is None:
                return b""
            self._body = body
            self._lines = [b"Content-Length: %d\r\n" % len(body), b"\r\n"]
        return self._lines.pop(0)

    async def readexactly(self, n: int) -> bytes:
        body, self._body = self._body, b""
        self.last_body = body
        return body

    read = readexactly  # the synchronous loop's name

    def resync(self, body: bytes) -> None:
        """``body`` did not parse: if a frame header starts inside it, read on from there."""
        found = _MARKER.search(body, 1)
        if found:
            self._buffer[:0] = body[found.start() :]

    async def _fill(self) -> bool:
        if self._eof:
            return False
        data = await self._read_some()
        if not data:
            self._eof = True
            return False
        self._buffer += data
        return True

    def _skip_to_marker(self, start: int, reason: str | None, floor: int = 1) -> None:
        """Drop the buffer up to the next ``Content-Length:`` at or after ``start``; with none,
        drop at least ``floor`` bytes, keeping a tail that may begin one, and go on skipping
        as more comes. Report the frame (``reason``; None: it was reported)."""
        if reason is not None:
            self._on_bad(reason)
        found = _MARKER.search(self._buffer, start)
        self._skipping = found is None
        if found:
            del self._buffer[: found.start()]
        else:
            del self._buffer[: max(floor, len(self._buffer) - 32)]

    async def _next_frame(self) -> bytes | None:
        """The next good frame's body, or None at the end of the stream."""
        while True:
            if self._skipping:  # the rest of a bad frame, until the next header
                self._skip_to_marker(0, None, 0)
                if self._skipping and not await self._fill():
                    return None
                continue
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self._buffer) > MAX_HEADER:
                    self._skip_to_marker(1, "malformed frame: no header end")
                    continue
                if not await self._fill():
                    return None
                continue
            if end > MAX_HEADER:
                self._skip_to_marker(1, "malformed frame: headers too long", end + 4)
                continue
            headers = bytes(self._buffer[:end]).split(b"\r\n")
            lengths = [m for line in headers if (m := _LENGTH.match(line.strip()))]
            starts_well = bool(headers) and bool(_MARKER.match(headers[0]) or b":" in headers[0])
            if not lengths or not starts_well:
                self._skip_to_marker(1, "malformed frame: no valid Content-Length header", end + 4)
                continue
            size = int(lengths[0].group(1))
            if size > self._max_body:
                self._skip_to_marker(
                    end, f"message too large ({size} bytes; the limit is {self._max_body})", end + 4
                )
                continue
            while len(self._buffer) < end + 4 + size:
                if not await self._fill():
                    return None
            body = bytes(self._buffer[end + 4 : end + 4 + size])
            del self._buffer[: end + 4 + size]
            return body
