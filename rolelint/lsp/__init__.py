"""`rolelint lsp`: a language server (pygls) that lints frameworks, roles and adverts as they are edited.

Diagnostics on open, change and save; quick fixes, suppressions and "fix all" as plain workspace
edits; hover with the rule's documentation; completion of the ids a framework defines; the profession
index kept warm and refreshed when a framework or role file changes. See docs/editors.md.
It needs the `lsp` extra (`pip install 'rolelint[lsp]'`); everything it asks of rolelint goes through
the public API (rolelint.api).
"""

from __future__ import annotations


def serve(*, tcp: str | None = None, debug: bool = False) -> None:
    """Run the server on standard input and output, or on the TCP address ``tcp`` (host:port or port).
    ``debug``: log tracebacks on standard error, as ``rolelint --debug`` asks."""
    from rolelint.lsp.server import serve as run

    run(tcp=tcp, debug=debug)
