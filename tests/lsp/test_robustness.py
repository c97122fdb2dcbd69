"""The server survives what a broken or racing client sends, and its document copy stays right
after many random incremental edits."""

from __future__ import annotations

import asyncio
import random
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from jsonrpc_client import StdioClient
from lsp_helpers import SERVER

from backyard_lint import lsp as lsp_package
from backyard_lint.engine import lint_text
from conftest import ruleset_for

LABEL = "Russia's backyard"
PUBLISH = "textDocument/publishDiagnostics"


async def _client(tmp_path: Path, options: dict | None = None) -> StdioClient:
    client = await StdioClient.start(SERVER, stderr=subprocess.DEVNULL)
    await client.initialize(tmp_path.as_uri(), options=options or {"debounceMs": 20})
    return client


def _open(uri: str, text: str, language: str = "markdown", version: int = 1) -> dict:
    return {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}


def _change(uri: str, version: int, rng: tuple[int, int, int, int], text: str) -> dict:
    sl, sc, el, ec = rng
    return {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [
            {
                "range": {
                    "start": {"line": sl, "character": sc},
                    "end": {"line": el, "character": ec},
                },
                "text": text,
            }
        ],
    }


def _for(uri: str, version: int | None = None):
    def match(msg: dict) -> bool:
        params = msg["params"]
        return params.get("uri") == uri and (version is None or params.get("version") == version)

    return match


def _starts(params: dict) -> list[tuple[str, int, int]]:
    return [
        (d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"])
        for d in params["diagnostics"]
    ]


async def test_malformed_messages_do_not_stop_the_server(tmp_path: Path):
    client = await _client(tmp_path)
    try:
        await client.send_raw(b"hello there\r\n\r\n")
        await client.send_raw(b"Content-Length: 9\r\n\r\n{not json")
        await client.send_raw(b"Content-Length: abc\r\n\r\n")
        await client.send({"foo": "bar"})
        await client.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": 5})
        await client.send({"jsonrpc": "2.0", "id": "x", "result": None})  # a stray response
        bad = await client.request("textDocument/hover", {"textDocument": 3})
        assert bad["error"]["code"] in (-32602, -32603)  # invalid params, not silence
        unknown = await client.request("backyard/nonsense", {})
        assert unknown["error"]["code"] == -32601
        await client.notify("backyard/unknownNotification", {"a": 1})
        uri = (tmp_path / "ok.md").as_uri()
        await client.notify("textDocument/didOpen", _open(uri, f"It is {LABEL}.\n"))
        _, msg = await client.wait_notification(PUBLISH, _for(uri), timeout=20)
        assert _starts(msg["params"]) == [("backyard.russia", 0, 6)]
        hover = await client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 8}},
        )
        assert "backyard.russia" in hover["result"]["contents"]["value"]
    finally:
        assert await client.close() == 0


async def test_changes_to_unknown_documents_and_out_of_range_edits(tmp_path: Path):
    client = await _client(tmp_path)
    try:
        ghost = (tmp_path / "ghost.md").as_uri()
        await client.notify("textDocument/didChange", _change(ghost, 2, (0, 0, 0, 0), LABEL))
        await client.notify(
            "textDocument/didClose", {"textDocument": {"uri": ghost}}
        )  # never opened
        await client.notify("textDocument/didSave", {"textDocument": {"uri": ghost}})
        hover = await client.request(
            "textDocument/hover",
            {"textDocument": {"uri": ghost}, "position": {"line": 0, "character": 0}},
        )
        assert hover.get("result") is None and "error" not in hover
        uri = (tmp_path / "edge.md").as_uri()
        await client.notify("textDocument/didOpen", _open(uri, "abc\ndef"))
        await client.wait_notification(PUBLISH, _for(uri, 1))
        # A character past the end of line 0 clamps to its end.
        await client.notify("textDocument/didChange", _change(uri, 2, (0, 99, 0, 120), f" {LABEL}"))
        _, msg = await client.wait_notification(PUBLISH, _for(uri, 2))
        assert _starts(msg["params"]) == [("backyard.russia", 0, 4)]
        # A line past the end appends at the end of the text.
        await client.notify(
            "textDocument/didChange", _change(uri, 3, (50, 3, 70, 1), f"\nKazakhstan is {LABEL}.")
        )
        _, msg = await client.wait_notification(PUBLISH, _for(uri, 3))
        assert _starts(msg["params"]) == [("backyard.russia", 0, 4), ("backyard.russia", 2, 14)]
        # A change without a range replaces the whole text (full sync), whatever was there.
        await client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": 4},
                "contentChanges": [{"text": f"New start.\r\n\r\nIt is {LABEL}."}],
            },
        )
        _, msg = await client.wait_notification(PUBLISH, _for(uri, 4))
        assert _starts(msg["params"]) == [("backyard.russia", 2, 6)]
        assert not [m for _, m in client.notifications if _for(ghost)(m) and m["method"] == PUBLISH]
    finally:
        assert await client.close() == 0


def _utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def _ref_position(text: str, offset: int) -> tuple[int, int]:
    """The LSP position of ``offset`` (UTF-16), computed independently of the server."""
    lines = re.split(r"\r\n|\r|\n", text[:offset])
    return len(lines) - 1, _utf16(lines[-1])


PIECES = [
    "a",
    "word ",
    " ",
    "\n",
    "\r\n",
    "😀",
    "🇺🇦",
    "中文",
    "é",
    "\u2028",
    LABEL,
    "Russia",
    "'s",
    " back",
    "yard",
]


async def test_random_incremental_edits_match_a_fresh_lint(tmp_path: Path):
    rng = random.Random(20260)
    client = await _client(tmp_path, {"debounceMs": 0})
    try:
        uri = (tmp_path / "random.md").as_uri()
        text = f"# Start\n\nKazakhstan is {LABEL}.\n"
        await client.notify("textDocument/didOpen", _open(uri, text))
        version = 1
        for _ in range(300):
            start = rng.randint(0, len(text))
            end = min(len(text), start + rng.choice([0, 0, 1, 2, 5, 20]))
            # Never cut a "\r\n" or a surrogate pair: positions there do not exist.
            if text[start - 1 : start + 1] == "\r\n":
                start -= 1
            if text[end - 1 : end + 1] == "\r\n":
                end += 1
            new = "".join(rng.choice(PIECES) for _ in range(rng.choice([0, 1, 1, 2, 3])))
            sl, sc = _ref_position(text, start)
            el, ec = _ref_position(text, end)
            version += 1
            await client.notify(
                "textDocument/didChange", _change(uri, version, (sl, sc, el, ec), new)
            )
            text = text[:start] + new + text[end:]
        # End with one plain use of the label, so there is surely something to report.
        tail = "\n\nKazakhstan has long been Russia's backyard.\n"
        end_pos = _ref_position(text, len(text))
        version += 1
        await client.notify("textDocument/didChange", _change(uri, version, end_pos * 2, tail))
        text += tail
        _, last = await client.wait_notification(PUBLISH, _for(uri, version), timeout=60)
        fresh_uri = (tmp_path / "fresh.md").as_uri()
        await client.notify("textDocument/didOpen", _open(fresh_uri, text))
        _, fresh = await client.wait_notification(PUBLISH, _for(fresh_uri), timeout=60)
        assert last["params"]["diagnostics"] == fresh["params"]["diagnostics"]
        expected = [
            (f.rule, *_ref_position(text, f.start))
            for f in lint_text(text, ruleset_for(), fmt="markdown")
        ]
        assert _starts(last["params"]) == expected
        assert ("backyard.russia", *_ref_position(text, len(text) - len(tail) + 27)) in expected
    finally:
        assert await client.close() == 0


def test_main_without_pygls_says_how_to_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pygls", None)  # import pygls -> ImportError
    assert lsp_package.main(["--stdio"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "pip install 'backyard-lint[lsp]'" in err


@pytest.mark.parametrize("argv", [["--tcp", "nonsense"], ["--tcp", "h:99999"], ["--bogus"]])
def test_bad_options_are_one_line_errors(argv, capsys):
    assert lsp_package.main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert "Traceback" not in "\n".join(err)
    assert err[-1].startswith("backyard-lint lsp: error:")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_tcp_mode_serves_one_client(tmp_path: Path):
    port = _free_port()
    proc = await asyncio.create_subprocess_exec(
        *SERVER, "--tcp", f"127.0.0.1:{port}", stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(200):
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                break
            except OSError:
                await asyncio.sleep(0.05)
        else:
            raise AssertionError("the server did not listen")
        body = b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
        writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        await writer.drain()
        header = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 20)
        length = int(re.search(rb"Content-Length: (\d+)", header).group(1))
        response = await asyncio.wait_for(reader.readexactly(length), 20)
        assert b'"textDocumentSync"' in response and b'"backyard-lint"' in response
        writer.close()
    finally:
        if proc.returncode is None:
            proc.kill()
        await proc.wait()


async def test_server_exits_when_the_editor_goes_away(tmp_path: Path):
    client = await _client(tmp_path)
    uri = (tmp_path / "bye.md").as_uri()
    await client.notify("textDocument/didOpen", _open(uri, f"It is {LABEL}.\n"))
    await client.wait_notification(PUBLISH, _for(uri))
    assert client.proc.stdin is not None
    client.proc.stdin.close()  # the editor crashed: no shutdown, no exit
    assert await asyncio.wait_for(client.proc.wait(), 30) == 0
    await client.close()
