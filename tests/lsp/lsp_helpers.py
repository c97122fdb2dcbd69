"""Helpers for the language-server tests: the server command, a client that records every
``publishDiagnostics`` with its version and time, and waiting with a time limit."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

# Started as an editor starts it: the command line's ``lsp`` subcommand over stdio.
SERVER = [sys.executable, "-m", "backyard_lint", "lsp"]
TIMEOUT = 15.0


@dataclass
class Published:
    uri: str
    version: int | None
    diagnostics: list[types.Diagnostic]
    at: float


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]

    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(  # type: ignore[attr-defined]
            Published(params.uri, params.version, list(params.diagnostics), time.monotonic())
        )

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    register_lsp_features(client, features)
    return client


def published(client: LanguageClient, uri: str) -> list[Published]:
    return [p for p in client.published if p.uri == uri]  # type: ignore[attr-defined]


async def wait_for(
    client: LanguageClient,
    uri: str,
    predicate: Callable[[Published], bool] = lambda p: True,
    *,
    after: int = 0,
    timeout: float = TIMEOUT,
) -> Published:
    """The first publish for ``uri`` (from the ``after``-th on) that satisfies ``predicate``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for p in published(client, uri)[after:]:
            if predicate(p):
                return p
        if client.error is not None:
            raise AssertionError(f"client error: {client.error}")
        await asyncio.sleep(0.01)
    seen = [(p.version, [d.code for d in p.diagnostics]) for p in published(client, uri)]
    raise AssertionError(f"no matching diagnostics for {uri} within {timeout}s; saw {seen}")


def open_doc(
    client: LanguageClient, uri: str, text: str, language_id: str = "markdown", version: int = 1
) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language_id, version=version, text=text
            )
        )
    )


def change_doc(
    client: LanguageClient,
    uri: str,
    version: int,
    edits: list[tuple[tuple[int, int, int, int], str]],
) -> None:
    """Send incremental changes: ((start line, start char, end line, end char), new text)."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=sl, character=sc),
                        end=types.Position(line=el, character=ec),
                    ),
                    text=new,
                )
                for (sl, sc, el, ec), new in edits
            ],
        )
    )
