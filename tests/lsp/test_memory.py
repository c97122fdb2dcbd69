"""The server's memory stays flat over 100,000 edits: nothing is kept per notification."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

from backyard_lint.lsp.server import create_server
from backyard_lint.lsp.stdio import serve_stdio

EDITS = 100_000


def _rss_kb() -> int:
    with Path("/proc/self/status").open(encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_memory_stays_flat_over_100000_did_change(tmp_path: Path) -> None:
    server = create_server(debounce_ms=50)
    read_end, write_end = os.pipe()
    sink = Path(os.devnull).open("wb")  # noqa: SIM115 - closed below
    source = os.fdopen(read_end, "rb", buffering=0)
    thread = threading.Thread(target=serve_stdio, args=(server, source, sink))
    thread.start()
    pipe = os.fdopen(write_end, "wb")

    def send(message: dict[str, object]) -> None:
        body = json.dumps(message).encode()
        pipe.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))

    def edits(first: int, count: int) -> None:
        for version in range(first, first + count):
            change = {
                "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 1}},
                "text": "Hh"[version % 2],
            }
            send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        pipe.flush()

    def settled() -> None:  # every edit read and applied
        deadline = time.monotonic() + 120
        while server.documents[uri].version != version_sent and time.monotonic() < deadline:
            time.sleep(0.05)

    uri = (tmp_path / "doc.md").as_uri()
    try:
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"processId": None, "rootUri": None, "capabilities": {}}})
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1,
            "text": "It is Russia's backyard.\n" * 40}}})
        warm = EDITS // 5
        edits(2, warm)
        version_sent = warm + 1
        settled()
        before = _rss_kb()
        edits(warm + 2, EDITS - warm)
        version_sent = EDITS + 1
        settled()
        after = _rss_kb()
        assert server.documents[uri].version == EDITS + 1
        # Nothing is kept per notification (it was about 2 KB each: 160 MB over these edits).
        assert len(server.protocol._request_futures) < 10
        assert after - before < 16 * 1024, f"grew by {after - before} KB"
    finally:
        send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        send({"jsonrpc": "2.0", "method": "exit"})
        pipe.close()
        thread.join(60)
        sink.close()
        source.close()
    assert not thread.is_alive()
