"""A minimal JSON-RPC client over a server's stdio, with no dependency beyond asyncio.

Test-only (not in the wheel). Used by the latency benchmark and the robustness tests, which
need to send bytes that no well-behaved client library would (malformed headers and bodies), and
to time each message.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable, Sequence
from typing import Any

Message = dict[str, Any]


class ServerGone(Exception):
    """The server closed its output (crashed or exited)."""


class StdioClient:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.notifications: list[tuple[float, Message]] = []
        self.requests_from_server: list[Message] = []
        self._pending: dict[int, asyncio.Future[Message]] = {}
        self._next_id = 0
        self._changed = asyncio.Event()
        self._reader = asyncio.create_task(self._read_loop())

    @classmethod
    async def start(cls, command: Sequence[str], **kwargs: Any) -> StdioClient:
        proc = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=64 * 1024 * 1024,
            **kwargs,
        )
        return cls(proc)

    # -- writing -----------------------------------------------------------------------------

    async def send_raw(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        await self.proc.stdin.drain()

    async def send(self, message: Message) -> float:
        """Send one message; returns the time just after it was written."""
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        await self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        return time.perf_counter()

    async def notify(self, method: str, params: Any = None) -> float:
        msg: Message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        return await self.send(msg)

    async def request(self, method: str, params: Any = None, timeout: float = 30.0) -> Message:
        """Send a request and wait for its response (the whole message: result or error)."""
        self._next_id += 1
        msg_id = self._next_id
        fut: asyncio.Future[Message] = asyncio.get_running_loop().create_future()
        self._pending[msg_id] = fut
        msg: Message = {"jsonrpc": "2.0", "id": msg_id, "method": method}
        if params is not None:
            msg["params"] = params
        await self.send(msg)
        try:
            return await asyncio.wait_for(fut, timeout)
        finally:
            self._pending.pop(msg_id, None)

    # -- reading -----------------------------------------------------------------------------

    async def _read_loop(self) -> None:
        stdout = self.proc.stdout
        assert stdout is not None
        try:
            while True:
                length = None
                while True:
                    line = await stdout.readline()
                    if not line:
                        raise ServerGone
                    if line in (b"\r\n", b"\n"):
                        break
                    name, _, value = line.decode("ascii", "replace").partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value.strip())
                if length is None:
                    continue
                body = await stdout.readexactly(length)
                self._dispatch(json.loads(body), time.perf_counter())
        except (ServerGone, asyncio.IncompleteReadError, ConnectionError):
            for fut in self._pending.values():
                if not fut.done():
                    fut.set_exception(ServerGone("the server closed its output"))
            self._changed.set()

    def _dispatch(self, msg: Message, at: float) -> None:
        if "method" in msg and "id" in msg:  # a request from the server: answer it
            self.requests_from_server.append(msg)
            result: Any = None
            if msg["method"] == "workspace/configuration":
                result = [None for _ in msg.get("params", {}).get("items", [])]
            task = asyncio.ensure_future(
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": result})
            )
            task.add_done_callback(lambda t: t.exception())
        elif "method" in msg:
            self.notifications.append((at, msg))
        else:
            fut = self._pending.get(msg.get("id"))  # type: ignore[arg-type]
            if fut is not None and not fut.done():
                fut.set_result(msg)
        self._changed.set()

    @property
    def alive(self) -> bool:
        return not self._reader.done()

    async def wait_notification(
        self,
        method: str,
        predicate: Callable[[Message], bool] = lambda m: True,
        *,
        after: int = 0,
        timeout: float = 30.0,
    ) -> tuple[float, Message]:
        """The first notification ``method`` from index ``after`` on that satisfies
        ``predicate``, with the time it was read."""
        deadline = time.perf_counter() + timeout
        while True:
            for at, msg in self.notifications[after:]:
                if msg.get("method") == method and predicate(msg):
                    return at, msg
            if not self.alive:
                raise ServerGone("the server closed its output")
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no {method} within {timeout}s")
            self._changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)

    # -- session -----------------------------------------------------------------------------

    async def initialize(
        self,
        root_uri: str | None = None,
        capabilities: Message | None = None,
        options: Any = None,
    ) -> Message:
        response = await self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root_uri,
                "capabilities": capabilities or {},
                "initializationOptions": options,
            },
        )
        await self.notify("initialized", {})
        return response

    async def close(self, timeout: float = 10.0) -> int | None:
        """Shut the server down politely, then firmly; returns its exit code."""
        try:
            if self.alive:
                await self.request("shutdown", timeout=timeout)
                await self.notify("exit")
            await asyncio.wait_for(self.proc.wait(), timeout)
        except (ServerGone, TimeoutError, asyncio.TimeoutError, ConnectionError):
            if self.proc.returncode is None:
                self.proc.kill()
                await self.proc.wait()
        finally:
            self._reader.cancel()
        return self.proc.returncode
