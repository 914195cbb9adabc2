"""Markdown files: advert drafts, with optional front matter (YAML, TOML or JSON; see frontmatter)."""

from __future__ import annotations

from rolelint.diagnostics import Finding
from rolelint.documents import Document
from rolelint.formats.base import Format
from rolelint.formats.common import kind_of
from rolelint.formats.frontmatter import SYNTAXES, is_site_metadata, read_front_matter
from rolelint.markdown import split_body
from rolelint.source import SourceText

# RL003's message for front matter with no body after it; rolelint.filestage withdraws it where a site's
# own keys hold the advert's prose (rolelint.schema.site_prose_is_text).
NO_BODY = "front matter with no body: the advert has no text"


def parse_prose(
    source: SourceText, kind_hint: str | None, *, fmt: str, front_matter: bool
) -> tuple[Document, list[Finding]]:
    """A prose document (Markdown or plain text) split into sections; with ``front_matter``, a block of
    YAML, TOML or JSON metadata at the top (rolelint.formats.frontmatter) is its metadata."""
    text = source.text
    findings: list[Finding] = []
    document = Document(source=source, kind=None, format=fmt)
    body_start = 0
    if front_matter:
        found = read_front_matter(text)
        findings.extend(found.findings)
        document.front_matter = found.syntax
        body_start = found.body_start
        document.data = found.data
        document.nodes = found.nodes
        document.key_nodes = found.key_nodes
        document.spans.extend(found.spans)
    kind, kind_source = kind_of(document.data, kind_hint, default="advert")
    document.kind, document.kind_source = kind, kind_source
    if kind == "advert" and document.data and is_site_metadata(document.data):
        # The site's own keys (`layout`, `permalink` …) are not findings, nor the advert's text unless
        # they hold prose: rolelint.schema.site_prose, applied where the schema is read.
        document.site_metadata = True
    document.body_start = body_start
    sections, spans = split_body(text[body_start:], base=body_start, fmt=fmt)
    document.sections = sections
    document.spans.extend(spans)
    if not text[body_start:].strip():
        if document.data or document.front_matter not in (None, *SYNTAXES):
            findings.append(
                Finding(
                    "RL003",
                    NO_BODY,
                    max(body_start - 1, 0),
                    max(body_start - 1, 0),
                )
            )
        elif not any(f.code in ("RL001", "RL008") for f in findings):
            findings.append(Finding("RL003", "empty file: nothing to lint", 0, 0))
            document.kind = None  # no document: rules about missing sections or pay would only repeat RL003
    return document, findings


def parse_markdown(source: SourceText, kind_hint: str | None) -> tuple[Document, list[Finding]]:
    return parse_prose(source, kind_hint, fmt="markdown", front_matter=True)


MARKDOWN = Format(
    name="markdown",
    suffixes=(".md", ".markdown", ".mdown"),
    parse=parse_markdown,
    suppressions="markdown",
    description="Markdown: an advert (or a draft), with optional YAML, TOML or JSON front matter",
    default_globs=("**/*.md", "**/*.markdown"),
)
