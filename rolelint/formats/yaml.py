"""YAML files: frameworks, role definitions, and adverts with a `body:`."""

from __future__ import annotations

from rolelint.diagnostics import Finding
from rolelint.documents import Document
from rolelint.formats.base import Format
from rolelint.formats.common import findings_from, kind_of, prose_spans, with_field
from rolelint.markdown import split_body
from rolelint.source import SourceText
from rolelint.yamlpos import load_yaml


def parse_yaml(source: SourceText, kind_hint: str | None) -> tuple[Document, list[Finding]]:
    result = load_yaml(source.text)
    findings = findings_from(result.problems)
    document = Document(source=source, kind=None, format="yaml")
    if not result.ok:
        # Nothing was read, so there is nothing to check against a schema or by rule: the parse error
        # is the finding (not a "missing key" for every required key of the kind the config gives).
        return document, findings
    if result.data is None:
        findings.append(Finding("RL003", "empty YAML file: nothing to lint", 0, 0))
        return document, findings
    if not isinstance(result.data, dict):
        start, end = result.nodes.get("", (0, 0))
        findings.append(
            Finding(
                "RL003",
                f"expected a mapping of keys at the top level, found a {type(result.data).__name__}",
                start,
                end,
            )
        )
        return document, findings
    document.data = result.data
    document.nodes = result.nodes
    document.key_nodes = result.key_nodes
    document.kind, document.kind_source = kind_of(result.data, kind_hint, default=None)
    body = result.data.get("body")
    spans = prose_spans([s for s in result.spans if s.field != "body"], source.text)
    if document.kind == "advert" and isinstance(body, str):
        body_span = next((s for s in result.spans if s.field == "body"), None)
        if body_span is not None:
            sections, body_spans = split_body(body, body_span.offsets, fmt="markdown")
            document.sections = sections
            document.body_start = body_span.offsets[0]
            spans.extend(with_field(body_spans, "body"))
    document.spans = spans
    return document, findings


YAML = Format(
    name="yaml",
    suffixes=(".yaml", ".yml"),
    parse=parse_yaml,
    suppressions="yaml",
    description="YAML: a framework, role or advert (`kind:`), with the advert's text in `body:`",
    default_globs=("**/*.yaml", "**/*.yml"),
)
