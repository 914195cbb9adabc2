"""The `text` format: grouped by file, the source line with a caret under the span, a summary."""

from __future__ import annotations

import unicodedata
from itertools import groupby

import click

from rolelint.api import LintResult
from rolelint.diagnostics import Diagnostic, Severity
from rolelint.display import shown_path, visible
from rolelint.reporters.summary import summarize

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def style_for(color: bool):
    """``style(text, **click_style_options)``: click's styling when ``color``, else the text as it is."""

    def style(text: str, **kwargs) -> str:
        return click.style(text, **kwargs) if color else text

    return style


def render_text(result: LintResult, color: bool = False, options=None) -> str:
    style = style_for(color)
    lines: list[str] = []
    for path, group in groupby(result.diagnostics, key=lambda d: d.path):
        source = result.sources.get(path)
        for diagnostic in group:
            lines.append(_headline(diagnostic, style))
            if source is not None and source.text:
                lines.extend(_excerpt(diagnostic, source.line_text(diagnostic.line), style))
            if diagnostic.suggestion:
                # a suggestion of several lines (front matter to write) keeps its lines, aligned
                first, *rest = [visible(part, lines=True) for part in diagnostic.suggestion.strip("\n").split("\n")]
                lines.append(f"     {style('=', fg='cyan')} suggestion: {first}")
                lines.extend(f"{' ' * 19}{part}" for part in rest)
        lines.append("")
    if options is not None and options.quiet:
        return "\n".join(lines) + "\n" if lines else ""
    lines.append(summary_line(result, style))
    return "\n".join(lines) + "\n"


def _headline(d: Diagnostic, style) -> str:
    location = style(f"{visible(shown_path(d.path), lines=True)}:{d.line}:{d.column}:", bold=True)
    code = style(d.code, fg=_COLOURS[d.severity], bold=True)
    return f"{location} {code} {visible(d.full_message, lines=True)} [{d.severity.label}]"


# Lines longer than this show a window of WINDOW characters around the span instead.
LONG_LINE = 200
WINDOW = 160


def _cells(text: str) -> int:
    """How many terminal columns ``text`` takes: wide (East Asian) characters two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _excerpt(d: Diagnostic, text: str, style) -> list[str]:
    """The source line (a window of it, when long) and a caret line under the span, which never
    runs past the text shown."""
    shown = text.rstrip("\r\n").replace("\t", " ")
    start = min(max(d.column - 1, 0), len(shown))
    end = d.end_column - 1 if d.end_line == d.line else len(shown)
    end = min(max(end, start + 1), len(shown))
    prefix = suffix = ""
    if len(shown) > LONG_LINE:  # keep very long lines readable: show a window around the span
        left = max(start - 60, 0)
        right = min(left + WINDOW, len(shown))
        prefix, suffix = ("…" if left else ""), ("…" if right < len(shown) else "")
        shown, start, end = shown[left:right], start - left, min(end, right) - left
    gutter = f"{d.line:>4} | "
    # escape sequences and invisible characters in the line are shown as text, and the caret moves
    # with what they became
    before, inside, after = visible(shown[:start]), visible(shown[start:end]), visible(shown[end:])
    pad = _cells(prefix + before)
    width = max(_cells(inside), 1)
    caret = " " * pad + style("^" * width, fg=_COLOURS[d.severity], bold=True)
    return [
        style(gutter, dim=True) + prefix + before + inside + after + suffix,
        style(" " * (len(gutter) - 2) + "| ", dim=True) + caret,
    ]


def summary_line(result: LintResult, style) -> str:
    s = summarize(result)
    files = f"{s['files']} file{'s' if s['files'] != 1 else ''}"
    if not s["total"]:
        return (
            style(f"No problems found in {files}.", fg="green", bold=True)
            + _left_alone(s["left_alone"])
            + _skipped(s["skipped"])
        )
    parts = [
        f"{s['errors']} error{'s' if s['errors'] != 1 else ''}",
        f"{s['warnings']} warning{'s' if s['warnings'] != 1 else ''}",
        f"{s['infos']} info",
    ]
    line = f"Found {s['total']} problem{'s' if s['total'] != 1 else ''} ({', '.join(parts)}) in "
    # A path that was never linted (missing, a dangling link, a pipe) is not one of the files linted.
    not_read = s["paths_not_read"]
    paths = f"{not_read} path{'s' if not_read != 1 else ''} not read"
    if not not_read:
        line += f"{s['files_with_problems']} of {files}."
    elif s["files_with_problems"]:
        line += f"{s['files_with_problems']} of {files} and {paths}."
    elif s["files"]:
        line += f"{paths}; {files} linted without problems."
    else:
        line += f"{paths}; no file was linted."
    if s["fixable"]:
        line += f" {s['fixable']} fixable with --fix."
    return style(line, bold=True) + _left_alone(s["left_alone"]) + _skipped(s["skipped"])


def _left_alone(paths: list[str]) -> str:
    """Files given that are not rolelint's to lint, said once, so that a run never counts them as
    linted: "Left 1 file alone that no `kinds:` glob places: adverts/page.html (see docs/discovery.md)."."""
    if not paths:
        return ""
    shown = ", ".join(visible(shown_path(path), lines=True) for path in paths[:3])
    more = ", …" if len(paths) > 3 else ""
    return (
        f"\nLeft {len(paths)} file{'s' if len(paths) != 1 else ''} alone that no `kinds:` glob places: "
        f"{shown}{more} (see docs/discovery.md)."
    )


def _skipped(skipped: dict[str, int]) -> str:
    """Files left out because no format reads them, said once: "Skipped 3 files no format reads: .pdf (2),
    .odt (1)."""
    if not skipped:
        return ""
    total = sum(skipped.values())
    shown = [f"{suffix} ({count})" for suffix, count in list(skipped.items())[:6]]
    more = ", …" if len(skipped) > 6 else ""
    return (
        f"\nSkipped {total} file{'s' if total != 1 else ''} that no input format reads: {', '.join(shown)}{more} "
        "(see docs/formats.md)."
    )
