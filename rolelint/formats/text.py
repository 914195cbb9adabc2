"""Plain text files: advert drafts as pasted from a word processor or an applicant-tracking system."""

from __future__ import annotations

from rolelint.diagnostics import Finding
from rolelint.documents import Document
from rolelint.formats.base import Format
from rolelint.formats.markdown import parse_prose
from rolelint.source import SourceText


def parse_text(source: SourceText, kind_hint: str | None) -> tuple[Document, list[Finding]]:
    return parse_prose(source, kind_hint, fmt="text", front_matter=False)


TEXT = Format(
    name="text",
    suffixes=(".txt", ".text"),
    parse=parse_text,
    suppressions="markdown",
    description="plain text: an advert draft with no markup",
    default_globs=("**/*.txt",),
)
