"""The Starlette application behind ``backyard-lint serve``.

Routes: ``/`` the page, ``/static/...`` its script and style (shipped in the package: nothing
is fetched from elsewhere), ``POST /api/check`` a pasted text (JSON ``{"text", "name"}``;
the answer's ``Server-Timing`` header gives the time spent linting and building it),
``POST /api/file?name=...`` a dropped file (its bytes as the body), ``POST /api/fixed-docx`` a
Word document with the chosen changes applied (JSON with ``name``, ``data`` in base64 and
``changes``). Request bodies are read into memory, never written to disk, and refused beyond
``limit`` bytes. ``POST /api/fix-all`` answers "apply all safe fixes" for the text or
document the page was given (JSON ``{"text", "name"}``, or ``{"name", "data"}`` for a Word
document): the edits the one fix policy makes, as ``--fix`` does. Every response forbids
scripts from anywhere but the page's own file.
"""

from __future__ import annotations

import base64
import binascii
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backyard_lint.web import DEFAULT_LIMIT
from backyard_lint.web.api import (
    Linter,
    RequestError,
    check_file,
    check_text,
    fix_all,
    fixed_docx,
    lint_docx,
    lint_pasted,
    parse_changes,
)

STATIC = Path(__file__).resolve().parent / "static"
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


class TooLarge(Exception):
    pass


class _Headers:
    """Adds the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, sending)


def _megabytes(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB"


async def _body(request: Request, limit: int) -> bytes:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _document(data: dict[str, Any]) -> bytes:
    """The Word document a JSON request holds in base64 (``ValueError`` when it does not)."""
    if not isinstance(data.get("data"), str):
        raise RequestError("The request must hold a document.")
    return base64.b64decode(data["data"], validate=True)


def create_app(linter: Linter, *, limit: int = DEFAULT_LIMIT, hosts: tuple[str, ...] = ()) -> Any:
    """The application. ``hosts``: the host names it answers to (default: this machine's)."""
    page = (STATIC / "index.html").read_bytes()
    too_large = (
        f"The text or file is larger than the limit of {_megabytes(limit)}. "
        "Split it, or start the page with a larger --max-size."
    )

    async def index(request: Request) -> Response:
        return Response(page, media_type="text/html; charset=utf-8")

    async def api_check(request: Request) -> Response:
        try:
            data = json.loads(await _body(request, limit))
        except TooLarge:
            return _error(too_large, 413)
        except (ValueError, UnicodeDecodeError):
            return _error("The request is not valid JSON.")
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            return _error("The request must hold a text.")
        name = data.get("name") if isinstance(data.get("name"), str) else ""
        start = time.perf_counter()
        payload = check_text(linter, data["text"], name or "")
        took = (time.perf_counter() - start) * 1000
        return JSONResponse(payload, headers={"server-timing": f"check;dur={took:.1f}"})

    async def api_file(request: Request) -> Response:
        name = request.query_params.get("name", "")
        try:
            payload = check_file(linter, name, await _body(request, limit))
        except TooLarge:
            return _error(too_large, 413)
        except RequestError as exc:
            return _error(str(exc))
        return JSONResponse(payload)

    async def with_json(
        request: Request, what: str, work: Callable[[dict[str, Any]], Response]
    ) -> Response:
        """``work`` on a JSON object that may hold a Word document in base64, with the
        request's errors as clear answers."""
        try:
            data = json.loads(await _body(request, limit * 4 // 3 + 1024 * 1024))
            if not isinstance(data, dict):
                raise RequestError(f"The request must hold {what}.")
            return work(data)
        except TooLarge:
            return _error(too_large, 413)
        except (ValueError, UnicodeDecodeError, binascii.Error):
            return _error("The request is not valid.")
        except RequestError as exc:
            return _error(str(exc))

    def docx_answer(data: dict[str, Any]) -> Response:
        fixed, _ = fixed_docx(_document(data), parse_changes(data.get("changes")))
        name = str(data.get("name") or "document.docx")
        stem = name[: -len(".docx")] if name.lower().endswith(".docx") else name
        filename = f"{stem}.fixed.docx"
        disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
        return Response(fixed, media_type=DOCX_TYPE, headers={"content-disposition": disposition})

    def fix_all_answer(data: dict[str, Any]) -> Response:
        name = data.get("name") if isinstance(data.get("name"), str) else ""
        if isinstance(data.get("text"), str):
            linted = lint_pasted(linter, data["text"], name or "")
        else:
            linted = lint_docx(linter, _document(data))
        return JSONResponse(fix_all(linted))

    async def api_fixed_docx(request: Request) -> Response:
        return await with_json(request, "a document", docx_answer)

    async def api_fix_all(request: Request) -> Response:
        return await with_json(request, "a text or a document", fix_all_answer)

    routes = [
        Route("/", index),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/file", api_file, methods=["POST"]),
        Route("/api/fixed-docx", api_fixed_docx, methods=["POST"]),
        Route("/api/fix-all", api_fix_all, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    allowed = ["*"] if "*" in hosts else [*LOCAL_HOSTS, *hosts]
    middleware = [Middleware(_Headers), Middleware(TrustedHostMiddleware, allowed_hosts=allowed)]
    return Starlette(routes=routes, middleware=middleware)
