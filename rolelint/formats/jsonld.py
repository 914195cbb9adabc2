"""schema.org JobPosting in JSON-LD: a `.jsonld` (or `.json`) file, or a script in an HTML page.

The posting's fields become the advert's metadata (`baseSalary` → `salary`, `jobLocation` →
`location`, `validThrough` → `closing_date` …) with the positions of the JSON values, and its text
fields are the advert's text: `description` (usually HTML, read as HTML) and `responsibilities`,
`qualifications`, `skills`, `jobBenefits` …, each a section whose heading is its key. Every
character keeps its offset in the file, through JSON escapes and HTML entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rolelint.diagnostics import Finding
from rolelint.documents import Document, Section, TextSpan, join_path
from rolelint.formats.base import Format
from rolelint.htmltext import read_html
from rolelint.jsonpos import load_json
from rolelint.markdown import split_body
from rolelint.source import SourceText
from rolelint.structure import SectionFinder, build_sections

# Text fields of a JobPosting, each read as a section with this heading (which gives its category).
TEXT_FIELDS = {
    "description": "About the role",
    "responsibilities": "Responsibilities",
    "qualifications": "Qualifications",
    "skills": "Skills",
    "educationRequirements": "Education requirements",
    "experienceRequirements": "Experience requirements",
    "jobBenefits": "Benefits",
    "incentiveCompensation": "Pay",
    "specialCommitments": "Other commitments",
}
# Fields with no text of their own that still answer a section (RL209): their key is the heading.
SECTION_FIELDS = {
    "baseSalary": "Salary",
    "estimatedSalary": "Salary",
    "jobLocation": "Location",
    "applicantLocationRequirements": "Location",
    "jobLocationType": "Location",
    "employmentType": "Working pattern",
    "workHours": "Working pattern",
}
_PERIODS = {
    "YEAR": "year",
    "MONTH": "month",
    "DAY": "day",
    "HOUR": "hour",
    "ANNUAL": "year",
    "YEARLY": "year",
    "P1Y": "year",
    "P1M": "month",
    "P1D": "day",
    "PT1H": "hour",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_HTML_TAG = re.compile(r"<[A-Za-z/!]")
_LEVEL_BELOW_FIELD = 1  # headings inside a field's HTML sit below the field's own


@dataclass
class Posting:
    """What a JobPosting gives a Document: metadata with positions, and its text as sections and spans."""

    data: dict[str, Any] = field(default_factory=dict)
    nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    key_nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    spans: list[TextSpan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    found: bool = False


def _is_posting(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    kind = value.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "JobPosting" for k in kinds)


def find_posting(data: Any) -> tuple[str, dict] | None:
    """The first JobPosting: the document itself, an item of a top-level list, or of an `@graph`."""
    candidates: list[tuple[str, Any]] = [("", data)]
    if isinstance(data, list):
        candidates = [(join_path("", i), item) for i, item in enumerate(data)]
    for path, value in list(candidates):
        if isinstance(value, dict) and isinstance(value.get("@graph"), list):
            candidates += [(join_path(join_path(path, "@graph"), i), item) for i, item in enumerate(value["@graph"])]
    for path, value in candidates:
        if _is_posting(value):
            return path, value
    return None


def read_posting(text: str, *, base: int = 0, full_text: str | None = None) -> Posting:
    """The JobPosting in a JSON-LD text at file offset ``base`` of ``full_text``."""
    full = full_text if full_text is not None else text
    result = load_json(text, base=base, full_text=full, what="JSON-LD")
    posting = Posting(findings=list(result.findings))
    if not result.ok:
        return posting
    found = find_posting(result.data)
    if found is None:
        return posting
    prefix, value = found
    posting.found = True
    _metadata(posting, prefix, value, result.nodes, result.key_nodes)
    _text(posting, prefix, value, result, full)
    return posting


def _field(prefix: str, *keys: str | int) -> str:
    path = prefix
    for key in keys:
        path = join_path(path, key)
    return path


def _set(posting: Posting, key: str, value: Any, nodes: dict, key_nodes: dict, path: str) -> None:
    posting.data[key] = value
    if path in nodes:
        posting.nodes[key] = nodes[path]
    if path in key_nodes:
        posting.key_nodes[key] = key_nodes[path]


def _metadata(posting: Posting, prefix: str, value: dict, nodes: dict, key_nodes: dict) -> None:
    if isinstance(value.get("title"), str) and value["title"].strip():
        _set(posting, "title", value["title"].strip(), nodes, key_nodes, _field(prefix, "title"))
    salary_key = "baseSalary" if "baseSalary" in value else "estimatedSalary"
    salary = _salary(value.get(salary_key))
    if salary:
        _set(posting, "salary", salary, nodes, key_nodes, _field(prefix, salary_key))
    location = _location(value)
    if location:
        key = next(k for k in ("jobLocation", "applicantLocationRequirements", "jobLocationType") if k in value)
        _set(posting, "location", location, nodes, key_nodes, _field(prefix, key))
    closing = value.get("validThrough")
    if isinstance(closing, str) and _DATE.match(closing):
        _set(posting, "closing_date", closing[:10], nodes, key_nodes, _field(prefix, "validThrough"))
    employment = value.get("employmentType")
    if isinstance(employment, list):
        employment = ", ".join(str(e) for e in employment if isinstance(e, str))
    if isinstance(employment, str) and employment.strip():
        pattern = employment.replace("_", " ").lower()
        _set(posting, "working_pattern", pattern, nodes, key_nodes, _field(prefix, "employmentType"))
    organisation = value.get("hiringOrganization")
    name = organisation.get("name") if isinstance(organisation, dict) else organisation
    if isinstance(name, str) and name.strip():
        _set(posting, "organisation", name.strip(), nodes, key_nodes, _field(prefix, "hiringOrganization"))
    identifier = value.get("identifier")
    reference = identifier.get("value") if isinstance(identifier, dict) else identifier
    if isinstance(reference, (str, int)) and str(reference).strip():
        _set(posting, "reference", str(reference).strip(), nodes, key_nodes, _field(prefix, "identifier"))


def _number(value: Any) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value if value >= 0 else None
    if isinstance(value, str):
        cleaned = value.replace(",", "").strip()
        try:
            number = float(cleaned)
        except ValueError:
            return None
        return int(number) if number.is_integer() and number >= 0 else (number if number >= 0 else None)
    return None


def _salary(amount: Any) -> dict | None:
    """A MonetaryAmount (or a bare number) as rolelint's `salary` mapping."""
    if not isinstance(amount, dict):
        number = _number(amount)
        return {"min": number, "max": number} if number is not None else None
    salary: dict[str, Any] = {}
    quantity = amount.get("value")
    if isinstance(quantity, dict):
        low = _number(quantity.get("minValue"))
        high = _number(quantity.get("maxValue"))
        single = _number(quantity.get("value"))
        low, high = (low if low is not None else single), (high if high is not None else single)
        unit = quantity.get("unitText")
    else:
        low = high = _number(quantity)
        unit = amount.get("unitText")
    if low is None and high is None:
        return None
    if low is not None:
        salary["min"] = low
    if high is not None:
        salary["max"] = high
    currency = amount.get("currency")
    if isinstance(currency, str) and _CURRENCY.match(currency.strip().upper()):
        salary["currency"] = currency.strip().upper()
    if isinstance(unit, str) and unit.strip().upper() in _PERIODS:
        salary["period"] = _PERIODS[unit.strip().upper()]
    return salary


def _location(value: dict) -> str | None:
    places = value.get("jobLocation")
    places = places if isinstance(places, list) else [places] if places is not None else []
    names: list[str] = []
    for place in places:
        if isinstance(place, str):
            names.append(place)
            continue
        address = place.get("address") if isinstance(place, dict) else None
        if isinstance(address, str):
            names.append(address)
        elif isinstance(address, dict):
            parts = [address.get(k) for k in ("addressLocality", "addressRegion", "addressCountry")]
            parts = [p.get("name") if isinstance(p, dict) else p for p in parts]
            names.append(", ".join(str(p) for p in parts if isinstance(p, str) and p.strip()))
        elif isinstance(place, dict) and isinstance(place.get("name"), str):
            names.append(place["name"])
    remote = value.get("jobLocationType")
    if isinstance(remote, str) and remote.upper() == "TELECOMMUTE":
        names.append("remote")
    names = [n for n in names if n.strip()]
    return "; ".join(dict.fromkeys(names)) or None


def _text(posting: Posting, prefix: str, value: dict, result, full: str) -> None:
    """Sections and spans of the posting's text fields, each under its key as a heading."""
    by_field = {span.field: span for span in result.spans}
    headings: list[tuple[int, str, int, int]] = []
    pieces: list[tuple[str, tuple[int, ...], str]] = []
    title = by_field.get(_field(prefix, "title"))
    if title is not None:
        pieces.append((title.text, tuple(title.offsets), "heading"))
        headings.append((1, title.text.strip(), title.offsets[0], title.offsets[-1]))
    for key, label in {**TEXT_FIELDS, **SECTION_FIELDS}.items():
        path = _field(prefix, key)
        if key not in value or path not in result.key_nodes:
            continue
        key_start, key_end = result.key_nodes[path]
        headings.append((2, label, key_start, key_end))
        if key not in TEXT_FIELDS:
            continue
        spans = [span for span in result.spans if span.field == path or (span.field or "").startswith(path + "[")]
        for span in spans:
            if _HTML_TAG.search(span.text):
                inner = read_html(span.text, span.offsets)
                headings.extend(
                    (level + 2 + _LEVEL_BELOW_FIELD, text, start, end) for level, text, start, end in inner.headings
                )
                pieces.extend(
                    (text, tuple(offsets) + (offsets[-1] + 1,), block) for text, offsets, block in inner.pieces
                )
            elif (span.field or "").endswith("]") and "\n" not in span.text:  # an item of a list of strings
                pieces.append((span.text, tuple(span.offsets), "list_item"))
            else:
                _, parts = split_body(span.text, span.offsets, fmt="text")
                pieces.extend((part.text, tuple(part.offsets), part.block) for part in parts)
    headings.sort(key=lambda heading: heading[2])
    posting.sections = build_sections(headings, len(full))
    finder = SectionFinder(posting.sections)
    posting.spans = [finder.span(text, offsets, block) for text, offsets, block in pieces if text.strip()]
    posting.spans.sort(key=lambda span: span.offsets[0])


def job_posting_in_page(scripts, full_text: str) -> Posting:
    """The first JobPosting among a page's JSON-LD scripts (an empty Posting when there is none)."""
    for script in scripts:
        if "JobPosting" not in script.text:
            continue
        posting = read_posting(script.text, base=script.start, full_text=full_text)
        if posting.found or posting.findings:
            return posting
    return Posting()


def parse_json_ld(source: SourceText, kind_hint: str | None) -> tuple[Document, list[Finding]]:
    document = Document(source=source, kind=None, format="jsonld")
    posting = read_posting(source.text)
    findings = list(posting.findings)
    if not posting.found:
        if not findings:
            findings.append(
                Finding(
                    "RL006",
                    'no schema.org JobPosting (`"@type": "JobPosting"`) in this JSON file, so it was skipped',
                    0,
                    0,
                )
            )
        return document, findings
    document.kind = "advert"
    document.kind_source = "config" if kind_hint else "default"
    document.data = posting.data
    document.nodes = posting.nodes
    document.key_nodes = posting.key_nodes
    document.sections = posting.sections
    document.spans = posting.spans
    document.body_start = posting.spans[0].offsets[0] if posting.spans else 0
    return document, findings


JSON_LD = Format(
    name="jsonld",
    suffixes=(".jsonld", ".json"),
    parse=parse_json_ld,
    suppressions="none",
    description="JSON-LD: a schema.org JobPosting (metadata from its fields, text from its description)",
    default_globs=("**/*.jsonld",),
    fixable=False,
)
