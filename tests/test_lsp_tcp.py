"""`rolelint lsp --tcp`: the same server on a TCP port, for one client, which exits with it."""

from __future__ import annotations


def test_the_server_speaks_lsp_over_tcp_too(tmp_path):
    import asyncio
    import socket
    import subprocess
    import sys
    import time

    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (tmp_path / "a.md").write_text("# Lead\n\nWe want a rockstar.\n", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "rolelint", "lsp", "--tcp", f"127.0.0.1:{port}"])

    async def session() -> list[str]:
        client = LanguageClient("test", "1")
        found: list[str] = []
        client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(
            lambda params: found.extend(d.code for d in params.diagnostics)
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                await client.start_tcp("127.0.0.1", port)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)
        await client.initialize_async(
            types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri())
        )
        client.initialized(types.InitializedParams())
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(
                    uri=(tmp_path / "a.md").as_uri(),
                    language_id="markdown",
                    version=1,
                    text=(tmp_path / "a.md").read_text(encoding="utf-8"),
                )
            )
        )
        while not found and time.monotonic() < deadline + 60:
            await asyncio.sleep(0.05)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        return found

    try:
        assert "RL104" in asyncio.run(session())
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
