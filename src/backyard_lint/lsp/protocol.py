"""pygls's protocol for the backyard-lint server: our own document store in place of pygls's
workspace copies, an error response (instead of silence) to a request whose params do not parse,
and no bookkeeping kept per notification (memory stays flat however many edits come)."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol, lsp_method

if TYPE_CHECKING:
    from backyard_lint.lsp.server import BackyardServer

logger = logging.getLogger(__name__)


class BackyardProtocol(LanguageServerProtocol):
    """pygls's protocol, with our own document store in place of pygls's workspace copies,
    and an error response (instead of silence) to a request whose params do not parse.

    The document notifications are plain functions, not generators: pygls keeps the future of
    a generator handler in ``_request_futures`` under a fresh id that no response ever
    removes, about 2 KB per ``didChange``. Any other notification's finished future is dropped
    after it is handled."""

    _server: BackyardServer

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                self._send_response(data["id"], None, exc.to_response_error())
            logger.warning("ignored a malformed %s message", data.get("method", "JSON-RPC"))
            return SimpleNamespace(jsonrpc="invalid")  # handle_message drops it

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams) -> None:
        self._server.open_document(params.text_document)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams) -> None:
        self._server.change_document(params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams) -> None:
        self._server.close_document(params.text_document.uri)

    def _handle_notification(self, method_name: str, params: Any) -> None:
        super()._handle_notification(method_name, params)
        futures = self._request_futures
        if futures:  # requests in flight are few: a notification's finished future goes
            for key in [key for key, future in futures.items() if future.done()]:
                futures.pop(key, None)
