"""The `github` format: GitHub Actions workflow commands, which annotate the pull request's diff.

GitHub shows at most 10 annotations of each type (error, warning, notice) per step and 50 per job and
drops the rest without a word, so the format can annotate only findings at or above a severity
(``annotations_severity``) and at most a number of them, most severe first (``annotations_limit``),
and it ends with a plain summary line whenever some findings will not appear as annotations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rolelint.api import LintResult
from rolelint.diagnostics import Diagnostic, Severity
from rolelint.display import shown_path, visible
from rolelint.reporters import ReportOptions

# What GitHub displays (docs: "Workflow commands for GitHub Actions", annotation limits).
PER_TYPE_PER_STEP = 10
PER_JOB = 50

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
        properties += [
            ("endLine", str(d.end_line)),
            ("col", str(d.column)),
            ("endColumn", str(max(d.end_column, d.column))),
        ]
    else:
        properties.append(("endLine", str(d.end_line)))
    title = f"{d.code} {d.rule}".strip()
    properties.append(("title", title))
    message = visible(d.full_message + (f" (suggestion: {d.suggestion})" if d.suggestion else ""))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{_COMMANDS[d.severity]} {rendered}::{escape_data(message)}"


def chosen(diagnostics: Sequence[Diagnostic], options: ReportOptions) -> list[Diagnostic]:
    """The findings to annotate, in their order: those at or above the floor, and of those at most
    ``annotations_limit``, the most severe first (ties in file order)."""
    floor = Severity.parse(options.annotations_severity)
    kept = [(i, d) for i, d in enumerate(diagnostics) if d.severity >= floor]
    limit = options.annotations_limit
    if limit is not None and len(kept) > limit:
        kept = sorted(sorted(kept, key=lambda pair: (-int(pair[1].severity), pair[0]))[:limit])
    return [d for _, d in kept]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(diagnostics: Sequence[Diagnostic], annotated: list[Diagnostic], options: ReportOptions) -> str | None:
    """A plain log line saying which findings will not show on the pull request, or None when all will."""
    per_type: dict[str, int] = {}
    for d in annotated:
        per_type[_COMMANDS[d.severity]] = per_type.get(_COMMANDS[d.severity], 0) + 1
    visible = min(sum(min(count, PER_TYPE_PER_STEP) for count in per_type.values()), PER_JOB)
    dropped_by_github = len(annotated) - visible
    not_annotated = len(diagnostics) - len(annotated)
    if not dropped_by_github and not not_annotated:
        return None
    parts = []
    if not_annotated:
        why = []
        floor = Severity.parse(options.annotations_severity)
        below = sum(1 for d in diagnostics if d.severity < floor)
        if below:
            why.append(f"{below} below {floor.label}")
        if not_annotated - below:
            why.append(f"{not_annotated - below} over the limit of {options.annotations_limit}")
        parts.append(f"{_plural(not_annotated, 'finding')} not annotated ({', '.join(why)})")
    if dropped_by_github:
        parts.append(
            f"{_plural(dropped_by_github, 'annotation')} beyond what GitHub shows "
            f"({PER_TYPE_PER_STEP} errors, {PER_TYPE_PER_STEP} warnings and {PER_TYPE_PER_STEP} notices "
            f"per step, {PER_JOB} per job)"
        )
    return (
        f"rolelint: {_plural(len(diagnostics), 'finding')}; {len(annotated) - dropped_by_github} will show "
        f"as annotations; {'; '.join(parts)}. See every finding with --format text, or in the "
        "SARIF upload (docs/ci.md)."
    )


def render_github(result: LintResult, color: bool = False, options: ReportOptions | None = None) -> str:
    options = options or ReportOptions()
    annotated = chosen(result.diagnostics, options)
    lines = [annotation(d) for d in annotated]
    line = summary(result.diagnostics, annotated, options)
    if line is not None:
        lines.append(line)
    return "".join(text + "\n" for text in lines)
