"""The `github` format: GitHub Actions workflow commands, which annotate the pull request's diff."""

from __future__ import annotations

import re

from rolelint.diagnostics import Diagnostic, Severity
from rolelint.display import shown_path, visible
from rolelint.api import LintResult

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# Other characters that end a line for some readers, and NUL: a command must stay on one line.
_BREAKS = re.compile("[\x00\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def escape_data(text: str) -> str:
    """The message after ``::`` (as actions/toolkit's ``escapeData``)."""
    return _BREAKS.sub(" ", text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property (as actions/toolkit's ``escapeProperty``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    properties = [("file", visible(shown_path(d.path), lines=True)), ("line", str(d.line))]
    # GitHub accepts columns only when the annotation starts and ends on the same line.
    if d.end_line == d.line:
        properties += [("endLine", str(d.end_line)), ("col", str(d.column)),
                       ("endColumn", str(max(d.end_column, d.column)))]
    else:
        properties.append(("endLine", str(d.end_line)))
    title = f"{d.code} {d.rule}".strip()
    properties.append(("title", title))
    message = visible(d.message + (f" (suggestion: {d.suggestion})" if d.suggestion else ""))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{_COMMANDS[d.severity]} {rendered}::{escape_data(message)}"


def render_github(result: LintResult, color: bool = False) -> str:
    return "".join(annotation(d) + "\n" for d in result.diagnostics)
