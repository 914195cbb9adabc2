"""Markdown files: advert drafts, with optional YAML front matter between `---` lines."""

from __future__ import annotations

import re

from rolelint.diagnostics import Finding
from rolelint.documents import Document
from rolelint.formats.base import Format
from rolelint.formats.common import findings_from, kind_of, prose_spans
from rolelint.markdown import split_body
from rolelint.source import SourceText
from rolelint.yamlpos import load_yaml

_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)", re.M)


def parse_prose(source: SourceText, kind_hint: str | None, *, fmt: str,
                front_matter: bool) -> tuple[Document, list[Finding]]:
    """A prose document (Markdown or plain text) split into sections; with ``front_matter``, a YAML
    block between `---` lines at the top is its metadata."""
    text = source.text
    findings: list[Finding] = []
    document = Document(source=source, kind=None, format=fmt)
    body_start = 0
    opening = _FRONT_MATTER_OPEN.match(text)
    if opening and front_matter:
        closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
        if closing is None:
            findings.append(Finding("RL001", "front matter opened with `---` on line 1 is never closed; add a "
                                    "`---` line after the metadata", 0, 3))
        else:
            front = text[opening.end():closing.start()]
            result = load_yaml(front, base=opening.end(), full_text=text)
            findings.extend(findings_from(result.problems))
            if result.ok and isinstance(result.data, dict):
                document.data = result.data
                document.nodes = result.nodes
                document.key_nodes = result.key_nodes
                document.spans.extend(prose_spans(result.spans, text))
            elif result.ok and result.data is not None:
                findings.append(Finding("RL003", "front matter must be a mapping of keys", opening.end(),
                                        closing.start()))
            body_start = closing.end()
    kind, kind_source = kind_of(document.data, kind_hint, default="advert")
    document.kind, document.kind_source = kind, kind_source
    document.body_start = body_start
    sections, spans = split_body(text[body_start:], base=body_start, fmt=fmt)
    document.sections = sections
    document.spans.extend(spans)
    if not text[body_start:].strip():
        if document.data:
            findings.append(Finding("RL003", "front matter with no body: the advert has no text",
                                    max(body_start - 1, 0), max(body_start - 1, 0)))
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
    description="Markdown: an advert (or a draft), with optional YAML front matter",
    default_globs=("**/*.md", "**/*.markdown"),
)
