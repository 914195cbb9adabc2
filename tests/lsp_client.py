"""What the language-server tests share: a pytest-lsp client that keeps every publishDiagnostics, and
helpers to open, edit and wait on documents."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "rolelint", "lsp"]
WAIT = 120.0  # seconds: the first lint loads spaCy, on a machine that may be busy


def record_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def record_registration(client: LanguageClient, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []
    register_lsp_features(
        client,
        {
            **DEFAULT_CLIENT_FEATURES,
            types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: record_diagnostics,
            types.CLIENT_REGISTER_CAPABILITY: record_registration,
        },
    )
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=make_client)


async def start(
    client: LanguageClient, root: Path, *, options: dict | None = None, encodings: list[str] | None = None
) -> types.InitializeResult:
    """Initialize a session on the workspace ``root`` as VS Code would, offering the position
    ``encodings`` (none: the LSP's default, UTF-16)."""
    capabilities = client_capabilities("visual-studio-code")
    capabilities.general.position_encodings = encodings
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
            initialization_options=options or {},
        )
    )


async def published(
    client: LanguageClient, uri: str, *, version: int | None = None, after: int = 0, timeout: float = WAIT
) -> types.PublishDiagnosticsParams:
    """The first publishDiagnostics for ``uri`` (of ``version``, if given) among those received from
    the ``after``-th on, waiting for it."""
    deadline = time.monotonic() + timeout
    while True:
        for params in client.published[after:]:
            if params.uri == uri and (version is None or params.version == version):
                return params
        if time.monotonic() > deadline:
            raise AssertionError(f"no diagnostics for {uri} (version {version}) in {timeout} s")
        await asyncio.sleep(0.02)


async def open_document(
    client: LanguageClient, path: Path, text: str, *, language: str = "markdown", version: int = 1
) -> types.PublishDiagnosticsParams:
    after = len(client.published)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=path.as_uri(), language_id=language, version=version, text=text)
        )
    )
    return await published(client, path.as_uri(), version=version, after=after)


async def replace_text(client: LanguageClient, path: Path, text: str, version: int) -> types.PublishDiagnosticsParams:
    after = len(client.published)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return await published(client, path.as_uri(), version=version, after=after)


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """``text`` with LSP text edits made (UTF-16 positions), as an editor would make them."""
    from rolelint.lsp.textdoc import UTF16, Lines

    lines = Lines(text)
    spans = [
        (
            lines.offset(e.range.start.line, e.range.start.character, UTF16),
            lines.offset(e.range.end.line, e.range.end.character, UTF16),
            e.new_text,
        )
        for e in edits
    ]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    edit = action.edit
    if edit.document_changes:
        return [e for change in edit.document_changes if change.text_document.uri == uri for e in change.edits]
    return list(edit.changes[uri])
