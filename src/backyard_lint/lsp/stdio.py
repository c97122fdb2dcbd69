"""Serving over standard input and output with :class:`~backyard_lint.lsp.framing.FramedReader`
in place of pygls's trusting reader: a bad frame is answered with a JSON-RPC error (``id``
null) and the server reads on from the next good frame."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import threading
from typing import Any, BinaryIO

from pygls.exceptions import JsonRpcInvalidRequest, JsonRpcParseError
from pygls.io_ import StdoutWriter, run_async

from backyard_lint.lsp.framing import FramedReader

logger = logging.getLogger(__name__)


def serve_stdio(server: Any, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
    """Run ``server`` (a pygls ``LanguageServer``) until the client closes the stream."""
    source = stdin or sys.stdin.buffer
    protocol = server.protocol
    protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
    server._stop_event = stop = threading.Event()  # pygls's shutdown sets it

    def answer(error: Any) -> None:
        message = {"code": error.code, "message": error.message}
        try:  # JSON-RPC: a frame that cannot be read is answered with "id": null
            protocol._send_data({"jsonrpc": "2.0", "id": None, "error": message})
        except Exception:  # the client went away
            logger.warning("could not answer a bad frame")

    def bad_frame(reason: str) -> None:
        logger.warning("bad frame from the client: %s", reason)
        answer(JsonRpcInvalidRequest(message=f"Invalid request: {reason}"))

    async def main() -> None:
        loop = asyncio.get_running_loop()
        read1 = getattr(source, "read1", None) or source.read

        async def read_some() -> bytes:
            data: bytes = await loop.run_in_executor(server.thread_pool, read1, 65536)
            return data

        reader = FramedReader(read_some, bad_frame)

        def on_error(exc: Exception, source_kind: Any) -> None:
            if isinstance(exc, (json.JSONDecodeError, UnicodeDecodeError)):
                answer(JsonRpcParseError(message=f"Parse error: {exc}"))
                reader.resync(reader.last_body)
            else:
                server.report_server_error(exc, source_kind)

        await run_async(stop, reader, protocol, logger, on_error)

    try:
        asyncio.run(main())
    except BrokenPipeError:
        logger.error("the client went away; stopping")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()
