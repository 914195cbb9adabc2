"""rolelint's findings, fixes and rule docs as LSP messages: diagnostics, text edits, hover text."""

from __future__ import annotations

from typing import Mapping, Sequence

from lsprotocol import types

from rolelint import Diagnostic, RuleInfo, Severity
from rolelint.lsp.textdoc import Lines

SOURCE = "rolelint"
RULES_PAGE = "https://github.com/rolelint/rolelint/blob/main/docs/rules.md"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def offset_of(lines: Lines, line: int, column: int) -> int:
    """The character offset of a 1-based line and column (as a Diagnostic gives them)."""
    line = max(1, min(line, len(lines.starts)))
    return min(lines.starts[line - 1] + max(column, 1) - 1, len(lines.text))


def lsp_range(lines: Lines, start: int, end: int, encoding: str) -> types.Range:
    """The LSP range of the character offsets ``start``..``end``."""
    first = lines.position(start, encoding)
    last = lines.position(max(start, end), encoding)
    return types.Range(types.Position(*first), types.Position(*last))


def diagnostic_range(lines: Lines, diagnostic: Diagnostic, encoding: str) -> types.Range:
    return lsp_range(
        lines,
        offset_of(lines, diagnostic.line, diagnostic.column),
        offset_of(lines, diagnostic.end_line, diagnostic.end_column),
        encoding,
    )


def docs_url(info: RuleInfo | None) -> str | None:
    """Where a rule's documentation is: its section of docs/rules.md."""
    if info is None:
        return None
    return getattr(info, "help_uri", "") or f"{RULES_PAGE}#{info.code.lower()}-{info.name}"


def to_lsp(
    diagnostic: Diagnostic,
    lines: Lines,
    encoding: str,
    *,
    info: RuleInfo | None,
    related: Sequence[types.DiagnosticRelatedInformation] = (),
) -> types.Diagnostic:
    href = docs_url(info)
    message = diagnostic.full_message
    if diagnostic.suggestion and diagnostic.suggestion not in message:
        message += f" (suggestion: {diagnostic.suggestion})"
    return types.Diagnostic(
        range=diagnostic_range(lines, diagnostic, encoding),
        message=message,
        severity=_SEVERITY.get(diagnostic.severity, types.DiagnosticSeverity.Warning),
        code=diagnostic.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        related_information=list(related) or None,
        data={"rule": diagnostic.rule, "fixable": diagnostic.fix is not None},
    )


def hover_markdown(diagnostic: Diagnostic, info: RuleInfo | None) -> str:
    """What a finding says, why it matters and what to write instead, from the rule's documentation."""
    name = f" {info.name}" if info else ""
    parts = [f"**{diagnostic.code}{name}** ({diagnostic.severity.label}): {diagnostic.full_message}"]
    if diagnostic.suggestion:
        parts.append(f"Suggestion: `{diagnostic.suggestion}`")
    if diagnostic.fix is not None:
        parts.append("A safe fix is available (quick fix).")
    docs: Mapping[str, object] = info.docs if info else {}
    for title, key in (("What", "what"), ("Why", "why")):
        if docs.get(key):
            parts.append(f"*{title}:* {' '.join(str(docs[key]).split())}")
    for title, key in (("Example", "example"), ("Use instead", "use_instead")):
        if docs.get(key):
            parts.append(f"*{title}:*\n\n```\n{str(docs[key]).rstrip()}\n```")
    href = docs_url(info)
    if href:
        parts.append(f"[{diagnostic.code} in the rolelint docs]({href})")
    return "\n\n".join(parts)


def text_edit(lines: Lines, start: int, end: int, new_text: str, encoding: str) -> types.TextEdit:
    return types.TextEdit(range=lsp_range(lines, start, end, encoding), new_text=new_text)


def workspace_edit(
    uri: str, version: int | None, edits: list[types.TextEdit], *, document_changes: bool
) -> types.WorkspaceEdit:
    """Plain edits to one document: versioned (so that a client refuses them on a changed text) when
    the client takes ``documentChanges``."""
    if document_changes:
        return types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=edits
                )
            ]
        )
    return types.WorkspaceEdit(changes={uri: edits})
