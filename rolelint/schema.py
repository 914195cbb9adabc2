"""Validate a document's data against its kind's JSON Schema, reporting at the YAML position."""

from __future__ import annotations

import difflib
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from rolelint.diagnostics import Finding
from rolelint.documents import KINDS, Document, TextSpan, join_path
from rolelint.formats.frontmatter import top_key
from rolelint.resources import load_schema

if TYPE_CHECKING:
    import jsonschema

_SLUG_PATTERN = "^[a-z0-9][a-z0-9._-]*$"


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    import jsonschema  # only when a document has data to validate (a bare advert draft has none)

    return jsonschema.Draft202012Validator(load_schema(kind))


def prepare_validators() -> None:
    """Build every kind's validator now (importing jsonschema): a --jobs parent calls this before it
    forks, so that its workers share the validators rather than each building them for its first
    document with data."""
    for kind in KINDS:
        _validator(kind)


def validate_document(document: Document, *, strict_front_matter: bool = False) -> list[Finding]:
    """Schema findings for a framework, role or advert; none for a document of unknown kind.

    In front matter that is a site's metadata (``document.site_metadata``), top-level keys the schema
    does not define are the site's, not mistakes, and are not reported unless ``strict_front_matter``.
    """
    if document.kind is None:
        return []
    data = document.data
    if document.format != "yaml" and not data:
        return []  # a bare advert draft has no metadata to validate
    findings: list[Finding] = []
    tolerant = document.site_metadata and not strict_front_matter
    if document.site_data and not tolerant:
        data = {**data, **document.site_data}
    for error in _validator(document.kind).iter_errors(data):
        if tolerant and error.validator == "additionalProperties" and not error.absolute_path:
            continue
        findings.extend(_findings_for(error, document))
    # jsonschema yields one `required` error per missing key, each naming them all: report each once;
    # and a value merged in by a YAML merge key (`<<: *anchor`) is checked wherever it is merged, but
    # written once, at the anchor: report a problem there once.
    seen: set[tuple] = set()
    unique = []
    for finding in dict.fromkeys(findings):
        key = (finding.code, finding.start, finding.end)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def split_site_data(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Front matter of a site (no `kind:`, no `$schema`) split into the keys rolelint reads and the
    site's own uses of rolelint's key names: a known key whose value the advert schema rejects (`role:
    UX Design`, `salary: competitive`) is the site's word, not a mistake in rolelint's metadata, so it
    is neither reported nor read as a reference, a band or a date (``strict_front_matter`` reports it)."""
    foreign = {
        str(error.absolute_path[0])
        for error in _validator("advert").iter_errors(data)
        if error.absolute_path and str(error.absolute_path[0]) in advert_keys()
    }
    if not foreign:
        return data, {}
    return {k: v for k, v in data.items() if k not in foreign}, {k: v for k, v in data.items() if k in foreign}


@lru_cache(maxsize=1)
def advert_keys() -> frozenset[str]:
    """The keys the advert schema defines: the front matter keys rolelint knows."""
    return frozenset(load_schema("advert").get("properties", {}))


_WORD = re.compile(r"[^\W\d_]{2,}")
_NOT_PROSE = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*://|/|\{\{|\{%|[\w.-]+@[\w-]+\.)")
# A value that only marks a gap ("T.B.D.", "(optional)", "XXX", an editor's jump marker "<++>"): unfinished
# text in any key, so read.
_GAP = re.compile(
    r"\s*(?:T\.?B\.?[CDA]\.?|\((?:optional|required)\)|X{3,}|TODO|<\+[^<>+\n]{0,30}\+>)\s*", re.IGNORECASE
)


def site_prose(spans: list[TextSpan]) -> list[TextSpan]:
    """The spans of a site's front matter (``Document.site_metadata``) worth reading as the advert's
    text: the body, values of keys rolelint knows, and values of the site's own keys that are prose (a
    `description:` of three words or more) or that only mark a gap (`url: T.B.D.`), not layouts,
    paths, addresses, dates or templates, nor a value that repeats the body's text (read there once,
    not twice)."""
    known = advert_keys()
    body: str | None = None
    kept = []
    for span in spans:
        if span.field is None or top_key(span.field) in known:
            kept.append(span)
            continue
        if _GAP.fullmatch(span.text):
            kept.append(span)
            continue
        if len(_WORD.findall(span.text)) < 3 or _NOT_PROSE.match(span.text):
            continue
        if body is None:
            body = " ".join(" ".join(s.text for s in spans if s.field is None).split())
        if " ".join(span.text.split()) in body:
            continue  # a summary copied from the body (a `description:` for search engines): read there
        kept.append(span)
    return kept


# A site key's value this long is a sentence of the advert, not a title or a label ("Front end engineer").
_SENTENCE_WORDS = 10


def site_prose_is_text(spans: list[TextSpan]) -> bool:
    """Whether ``spans`` (kept by ``site_prose``) hold the advert's text in keys of the site's own (a
    `brief:` or `responsibilities:` paragraph of a sentence or more): then an empty body is no empty advert."""
    known = advert_keys()
    return any(
        span.field is not None and top_key(span.field) not in known and len(span.text.split()) >= _SENTENCE_WORDS
        for span in spans
    )


def _path_of(error: jsonschema.ValidationError) -> str:
    path = ""
    for part in error.absolute_path:
        path = join_path(path, part if isinstance(part, int) else str(part))
    return path


def _display(path: str, kind: str) -> str:
    return f"`{path}`" if path else f"the {kind}"


def _findings_for(error: jsonschema.ValidationError, document: Document) -> list[Finding]:
    path = _path_of(error)
    kind = document.kind or "document"
    validator = error.validator
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        findings = []
        for key in error.instance:
            if key in allowed or any(_pattern_allows(p, key) for p in error.schema.get("patternProperties", {})):
                continue
            key_path = join_path(path, str(key))
            start, end = document.field_range(key_path, key=True)
            hint = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            message = f"unknown key `{key}` in {_display(path, kind)}"
            message += f"; did you mean `{hint[0]}`?" if hint else f"; accepted keys: {', '.join(allowed)}"
            findings.append(
                Finding(
                    "RL011", message, start, end, suggestion=hint[0] if hint else None, field=key_path, context=str(key)
                )
            )
        return findings
    if validator == "required":
        missing = [
            name for name in error.validator_value if isinstance(error.instance, dict) and name not in error.instance
        ]
        start, end = document.field_range(path, key=True) if path else (0, 0)
        if not path:
            start, end = _first_key_range(document)
        return [
            Finding(
                "RL010",
                f"{_display(path, kind)} is missing the required key `{name}`",
                start,
                end,
                field=join_path(path, name),
                context=name,
            )
            for name in missing
        ]
    start, end = document.field_range(path)
    return [
        Finding(
            "RL010", _describe(error, path, kind), start, end, field=path or None, context=repr(error.instance)[:80]
        )
    ]


def _pattern_allows(pattern: str, key: str) -> bool:
    import re

    return re.search(pattern, str(key)) is not None


def _first_key_range(document: Document) -> tuple[int, int]:
    if document.key_nodes:
        return min(document.key_nodes.values())
    return (0, 0)


_TYPE_NAMES = {
    "object": "a mapping of keys",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def _type_of(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "empty"
    return f"text {str(value)!r}" if isinstance(value, str) else type(value).__name__


def _describe(error: jsonschema.ValidationError, path: str, kind: str) -> str:
    where = _display(path, kind)
    value = error.instance
    validator = error.validator
    expected = error.validator_value
    if validator == "type":
        names = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        return f"{where} must be {wanted}, not {_type_of(value)}"
    if validator == "enum":
        accepted = ", ".join(str(v) for v in expected)
        hint = difflib.get_close_matches(str(value), [str(v) for v in expected], n=1)
        extra = f"; did you mean `{hint[0]}`?" if hint else ""
        return f"{where} is {value!r}; accepted values: {accepted}{extra}"
    if validator == "const":
        return f"{where} must be {expected!r}, not {value!r}"
    if validator == "pattern":
        if expected == _SLUG_PATTERN:
            return (
                f"{where} is {value!r}; identifiers are lower-case slugs of letters, digits, `.`, `_` and `-`, "
                f"e.g. {_slugify(str(value))!r}"
            )
        return f"{where} is {value!r}, which does not have the expected form (pattern {expected})"
    if validator in ("minimum", "exclusiveMinimum"):
        return f"{where} is {value!r}; it must be at least {expected}"
    if validator in ("maximum", "exclusiveMaximum"):
        return f"{where} is {value!r}; it must be at most {expected}"
    if validator == "minItems":
        return f"{where} must have at least {expected} item{'s' if expected != 1 else ''}"
    if validator == "maxItems":
        return f"{where} must have at most {expected} items"
    if validator == "minLength":
        return f"{where} must not be empty" if expected == 1 else f"{where} must be at least {expected} characters"
    if validator == "uniqueItems":
        return f"{where} must not repeat items"
    if validator == "format":
        return f"{where} is {value!r}, which is not a valid {expected}"
    if validator in ("oneOf", "anyOf"):
        from jsonschema.exceptions import best_match

        best = best_match(error.context) if error.context else None
        if best is not None:
            return _describe(best, _path_of(best) or path, kind)
    return f"{where}: {error.message}"


def _slugify(value: str) -> str:
    import re

    slug = re.sub(r"[^a-z0-9._-]+", "-", value.lower()).strip("-")
    return slug or "my-id"
