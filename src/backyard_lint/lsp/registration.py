"""The server's features: which LSP methods it answers, and with what."""

from __future__ import annotations

from lsprotocol import types as lsp

from backyard_lint.lsp import features
from backyard_lint.lsp.server import FIX_ALL_KIND, BackyardServer


def register(server: BackyardServer) -> BackyardServer:
    """``server`` with every feature registered."""

    @server.feature(lsp.INITIALIZE)
    def _initialize(ls: BackyardServer, params: lsp.InitializeParams) -> None:
        ls.initialize(params)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def _did_open(ls: BackyardServer, params: lsp.DidOpenTextDocumentParams) -> None:
        """Handled by the protocol; registered so that openClose is advertised."""

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def _did_close(ls: BackyardServer, params: lsp.DidCloseTextDocumentParams) -> None:
        """Handled by the protocol."""

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def _did_save(ls: BackyardServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.save_document(params.text_document.uri)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def _did_change_watched_files(
        ls: BackyardServer, params: lsp.DidChangeWatchedFilesParams
    ) -> None:
        ls.files_changed(params)

    @server.feature(lsp.INITIALIZED)
    async def _initialized(ls: BackyardServer, params: lsp.InitializedParams) -> None:
        await ls.pull_configuration()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def _did_change_configuration(
        ls: BackyardServer, params: lsp.DidChangeConfigurationParams
    ) -> None:
        if params.settings is None or params.settings == {}:
            await ls.pull_configuration()  # "something changed": pull it, when we can
        else:
            ls.change_configuration(params.settings)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def _hover(ls: BackyardServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return features.hover(ls, params)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    def _code_action(
        ls: BackyardServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction] | None:
        return features.code_actions(ls, params)

    return server
