"""schema.org JobPosting in JSON-LD files: fields mapped to advert metadata, text with positions."""

from __future__ import annotations

import json

from rolelint.formats import format_for
from rolelint.loaders import parse_source
from rolelint.source import SourceText

POSTING = """\
{
  "@context": "https://schema.org/",
  "@type": "JobPosting",
  "title": "Senior data ninja",
  "description": "\\u003ch2\\u003eWhat you\\u0027ll do\\u003c/h2\\u003e\\u003cul\\u003e\\u003cli\\u003eBuild reports\\u003c/li\\u003e\\u003cli\\u003eRun \\"queries\\" daily\\u003c/li\\u003e\\u003c/ul\\u003e",
  "qualifications": ["SQL", "Python is a plus"],
  "baseSalary": {"@type": "MonetaryAmount", "currency": "usd",
                 "value": {"@type": "QuantitativeValue", "value": 52, "unitText": "HOUR"}},
  "jobLocationType": "TELECOMMUTE",
  "employmentType": ["FULL_TIME", "CONTRACTOR"],
  "hiringOrganization": {"@type": "Organization", "name": "Example Ltd"},
  "validThrough": "2026-11-30"
}
"""


def _document(text: str, name: str = "job.jsonld"):
    return parse_source(SourceText(name, text), fmt=format_for(name))


def _where(document, word: str) -> tuple[int, int]:
    span = next(s for s in document.spans if word in s.text)
    return document.source.position(span.file_offset(span.text.index(word)))


def test_json_ld_and_json_files_are_read_as_json_ld():
    assert format_for("a.jsonld").name == format_for("a.json").name == "jsonld"
    assert format_for("a.jsonld").suppressions == "none" and not format_for("a.jsonld").fixable


def test_posting_fields_become_advert_metadata():
    document, findings = _document(POSTING)
    assert findings == [] and document.kind == "advert"
    assert document.data == {
        "title": "Senior data ninja",
        "salary": {"min": 52, "max": 52, "currency": "USD", "period": "hour"},
        "location": "remote",
        "closing_date": "2026-11-30",
        "working_pattern": "full time, contractor",
        "organisation": "Example Ltd",
    }
    assert document.source.position(document.nodes["salary"][0]) == (7, 17)


def test_text_fields_keep_positions_through_json_escapes_and_html():
    document, _ = _document(POSTING)
    assert _where(document, "ninja") == (4, 25)
    line = POSTING.splitlines()[4]
    assert _where(document, "Build reports") == (5, line.index("Build reports") + 1)
    assert _where(document, "queries") == (5, line.index("queries") + 1)
    assert _where(document, "Python") == (6, 30)


def test_text_fields_are_sections_named_by_their_keys():
    document, _ = _document(POSTING)
    blocks = {(s.text.strip(), s.block, s.section) for s in document.spans}
    assert ("Build reports", "list_item", "responsibilities") in blocks
    assert ("SQL", "list_item", "essential") in blocks
    assert ("Python is a plus", "list_item", "desirable") in blocks
    assert {s.category for s in document.sections} >= {"responsibilities", "essential", "pay", "location"}


def test_a_posting_inside_a_graph_is_found():
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "Organization", "name": "X"}, json.loads(POSTING)]}
    document, findings = _document(json.dumps(graph, indent=1))
    assert findings == [] and document.data["title"] == "Senior data ninja"


def test_json_without_a_posting_is_skipped_with_a_finding():
    document, findings = _document('{"name": "my-package", "version": "1.0.0"}', "package.json")
    assert [f.code for f in findings] == ["RL006"] and document.kind is None


def test_broken_json_is_a_parse_error_at_its_position():
    document, findings = _document('{\n  "@type": "JobPosting",\n  "title": "x",,\n}\n')
    assert [f.code for f in findings] == ["RL001"]
    assert document.source.position(findings[0].start) == (3, 16)


def test_deeply_nested_json_is_refused_without_a_recursion_error():
    _, findings = _document('{"@type": "JobPosting", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert [f.code for f in findings] == ["RL008"]
