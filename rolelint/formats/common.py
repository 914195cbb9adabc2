"""Parsing steps several formats share: a document's kind, YAML scalars as prose, parse problems."""

from __future__ import annotations

import re

from rolelint.diagnostics import Finding
from rolelint.documents import KINDS, TextSpan
from rolelint.markdown import split_body


def findings_from(problems) -> list[Finding]:
    return [Finding(p.code, p.message, p.start, p.end) for p in problems]


def kind_of(data: dict, kind_hint: str | None, *, default: str | None) -> tuple[str | None, str]:
    """A document's kind and where it came from (key | config | default)."""
    declared = data.get("kind") if isinstance(data, dict) else None
    if isinstance(declared, str) and declared in KINDS:
        return declared, "key"
    if declared is not None:
        # An unknown kind is reported by schema validation of the `kind` key; lint as the hint says.
        return (kind_hint or default), "key"
    if kind_hint:
        return kind_hint, "config"
    return default, "default"


_MARKDOWN_LINE = re.compile(r"(?m)^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\S|^ {0,3}#{1,6}[ \t]+\S")


def _breaks(source: str, start: int, end: int) -> bool:
    """Whether the source between two consecutive value characters holds a line break."""
    return "\n" in source[start : end + 1] or "\r" in source[start : end + 1]


def prose_spans(spans: list[TextSpan], source: str) -> list[TextSpan]:
    """YAML scalars often hold Markdown (a description with a bullet list): split those into their
    paragraphs and list items, as a body would be, so that items do not run together into one
    sentence. A plain scalar folds its line breaks into spaces, so the breaks are put back where the
    source has them (same length, so offsets still map). The spans keep their field and have no
    section of their own."""
    out: list[TextSpan] = []
    for span in spans:
        offsets = span.offsets
        lines = "".join(
            "\n" if char == " " and _breaks(source, offsets[i], offsets[i + 1]) else char
            for i, char in enumerate(span.text)
        )
        if "\n" not in lines or not _MARKDOWN_LINE.search(lines):
            out.append(span)
            continue
        _, parts = split_body(lines, span.offsets, fmt="markdown")
        out.extend(TextSpan(p.text, p.offsets, span.field, None, None, p.block) for p in parts)
    return out


def with_field(spans: list[TextSpan], field: str) -> list[TextSpan]:
    return [TextSpan(s.text, s.offsets, field, s.section, s.heading, s.block) for s in spans]
