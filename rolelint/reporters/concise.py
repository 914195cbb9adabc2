"""The `concise` format: one line per finding, `path:line:column: CODE message [severity]`, then the
summary line (as ruff's `concise` and yamllint's `parsable`: for grep, editors' problem matchers and logs)."""

from __future__ import annotations

from rolelint.api import LintResult
from rolelint.diagnostics import Diagnostic
from rolelint.display import shown_path, visible
from rolelint.reporters import ReportOptions
from rolelint.reporters.text import style_for, summary_line


def concise_line(d: Diagnostic, style=lambda text, **_: text) -> str:
    """One finding on one line; a message's own line breaks are folded so that it stays one line."""
    message = visible(" ".join(d.full_message.split()), lines=True)
    location = f"{visible(shown_path(d.path), lines=True)}:{d.line}:{d.column}:"
    return f"{style(location, bold=True)} {d.code} {message} [{d.severity.label}]"


def render_concise(result: LintResult, color: bool = False, options: ReportOptions | None = None) -> str:
    style = style_for(color)
    lines = [concise_line(d, style) for d in result.diagnostics]
    if not (options is not None and options.quiet):
        lines.append(summary_line(result, style))
    return "".join(line + "\n" for line in lines)
