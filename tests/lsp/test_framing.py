"""The server reads on after a bad frame (stray bytes, a wrong or huge ``Content-Length``, a body
that is not JSON), answers it with a JSON-RPC error, and never allocates what a header claims."""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path

from jsonrpc_client import StdioClient
from lsp_helpers import SERVER

from backyard_lint.lsp.framing import FramedReader

LABEL = "Russia's backyard"
PUBLISH = "textDocument/publishDiagnostics"


def frame(body: bytes, length: int | None = None) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % (len(body) if length is None else length) + body


def read_all(chunks: list[bytes], max_body: int = 1000) -> tuple[list[bytes], list[str]]:
    """Every body the reader hands out for ``chunks`` (bytes arriving in these pieces), with
    the bad frames it reported; a body that is not JSON is resynchronised as the server does."""
    pieces = list(chunks)
    bad: list[str] = []

    async def read_some() -> bytes:
        return pieces.pop(0) if pieces else b""

    async def run() -> list[bytes]:
        reader = FramedReader(read_some, bad.append, max_body=max_body)
        out = []
        while True:
            header = await reader.readline()
            if not header:
                return out
            assert header.startswith(b"Content-Length: ")
            assert await reader.readline() == b"\r\n"
            body = await reader.readexactly(int(header.split()[1]))
            try:
                json.loads(body)
            except ValueError:
                bad.append("not JSON")
                reader.resync(body)
                continue
            out.append(body)

    return asyncio.run(run()), bad


def test_the_reader_resynchronises_after_every_kind_of_bad_frame() -> None:
    good = [b'{"n": %d}' % i for i in range(5)]
    stream = (
        b"hello there\r\n\r\n"  # no header at all
        + frame(good[0])
        + frame(b'{"n": 99}', length=5)  # too short: the rest runs into the next header
        + frame(good[1])
        + frame(b"x" * 10, length=10**11)  # huge: refused before anything is read
        + frame(good[2])
        + frame(b'{"a":', length=20)  # too long: swallows the start of the next frame
        + frame(good[3])
        + b"Content-Length: abc\r\n\r\n"
        + frame(good[4])
    )
    reports = []
    for size in (len(stream), 7, 1):  # all at once, and in small pieces
        chunks = [stream[i : i + size] for i in range(0, len(stream), size)]
        bodies, bad = read_all(chunks)
        assert bodies == good, size
        assert len(bad) >= 5
        assert any("message too large (100000000000 bytes" in b for b in bad)
        reports.append(bad)
    assert reports[0] == reports[1] == reports[2]  # however the bytes arrive


def test_the_rest_of_a_refused_frame_is_not_reported_again() -> None:
    """A body too large to read is skipped up to the next header, also when the header comes
    in a later piece: one report for the frame, not one more for its tail."""
    huge = frame(b'{"jsonrpc": "2.0", "method": "x"}', length=10**11)
    after = frame(b'{"ok": 1}')
    bodies, bad = read_all([huge, after])
    assert bodies == [b'{"ok": 1}']
    assert len(bad) == 1 and "message too large" in bad[0]


def test_memory_stays_bounded_while_skipping_a_huge_body() -> None:
    junk = b"y" * 65536
    pieces = [frame(b"", length=10**9)] + [junk] * 200 + [frame(b'{"ok": 1}')]
    bodies, bad = read_all(pieces, max_body=10**6)
    assert bodies == [b'{"ok": 1}']
    assert bad and "message too large" in bad[0]


async def test_the_server_answers_a_bad_frame_and_reads_on(tmp_path: Path) -> None:
    client = await StdioClient.start(SERVER, stderr=subprocess.DEVNULL)
    await client.initialize(tmp_path.as_uri(), options={"debounceMs": 20})
    try:
        await client.send_raw(frame(b'{"jsonrpc": "2.0", "method": "x"}', length=10**11))
        await client.send_raw(frame(b'{"jsonrpc": "2.0", "method": "x"}', length=60))
        uri = (tmp_path / "doc.md").as_uri()
        text = f"It is {LABEL}.\n"
        opened = {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                   "text": text}}
        await client.notify("textDocument/didOpen", opened)
        # The second bad frame swallowed the start of didOpen: it is not lost.
        _, msg = await client.wait_notification(
            PUBLISH, lambda m: m["params"]["uri"] == uri, timeout=20
        )
        assert [d["code"] for d in msg["params"]["diagnostics"]] == ["backyard.russia"]
        codes = sorted(m["error"]["code"] for m in client.unmatched)
        assert codes == [-32700, -32600]  # parse error, invalid request (too large)
        assert all(m["id"] is None for m in client.unmatched)
    finally:
        assert await client.close() == 0
