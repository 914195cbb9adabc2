"""The `sarif` format: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from rolelint import __version__
from rolelint.api import LintResult, RuleInfo
from rolelint.baseline import fingerprint
from rolelint.diagnostics import Diagnostic, Severity
from rolelint.display import visible
from rolelint.release import REPOSITORY

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = REPOSITORY
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# The key GitHub keeps alongside its own fingerprints; bump the suffix if the fingerprint changes.
FINGERPRINT_KEY = "rolelintFingerprint/v1"


def render_sarif(result: LintResult, color: bool = False, options=None) -> str:
    rules = _rules(result)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": "rolelint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        # rolelint counts columns in characters, not UTF-16 units (the SARIF default).
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "results": [_result(d, result, index) for d in result.diagnostics],
        "invocations": [{"executionSuccessful": True}],
    }
    payload = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _rules(result: LintResult) -> list[dict]:
    known = result.rules
    rules = [_rule(known[code]) for code in sorted(known)]
    # A diagnostic from a rule the catalogue does not list still needs a descriptor.
    for code in sorted({d.code for d in result.diagnostics} - set(known)):
        rules.append({"id": code, "shortDescription": {"text": code}})
    return rules


def _rule(rule: RuleInfo) -> dict:
    what = " ".join(str(rule.docs.get("what") or rule.summary or rule.name).split())
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": what.split(". ")[0].rstrip(".") + "."},
        "fullDescription": {"text": what},
        # rolelint's own page for the rule, at this version's release tag; the rule's references are
        # listed in the help.
        "helpUri": rule.help_uri,
        "help": {"text": rule.text, "markdown": rule.markdown},
        "defaultConfiguration": {"level": _LEVELS[rule.severity], "enabled": bool(rule.enabled)},
        "properties": {"tags": ["rolelint", rule.kind]},
    }


def artifact_uri(path: str) -> dict:
    """Paths relative to the working directory stay relative (GitHub resolves them against the repo
    root); others become file URIs."""
    raw = os.fsencode(Path(path).as_posix())  # a name that is not UTF-8 keeps its bytes, percent-encoded
    if Path(path).is_absolute():
        return {"uri": "file://" + quote(raw)}
    return {"uri": quote(raw), "uriBaseId": "%SRCROOT%"}


def _region(d: Diagnostic) -> dict:
    region = {"startLine": d.line, "startColumn": d.column, "endLine": max(d.end_line, d.line)}
    # SARIF's endColumn is exclusive, like ours; an empty span still needs endColumn > startColumn.
    end_column = d.end_column if d.end_line > d.line else max(d.end_column, d.column + 1)
    region["endColumn"] = end_column
    return region


def _result(d: Diagnostic, result: LintResult, index: dict[str, int]) -> dict:
    location = {"physicalLocation": {"artifactLocation": artifact_uri(d.path), "region": _region(d)}}
    message = visible(d.full_message + (f" (suggestion: {d.suggestion})" if d.suggestion else ""))
    item = {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _LEVELS[d.severity],
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(d, result.sources.get(d.path))},
    }
    if d.fix is not None:
        item["fixes"] = [
            {
                "description": {"text": d.suggestion or f"replace with {d.fix.replacement!r}"},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact_uri(d.path),
                        "replacements": [
                            {
                                "deletedRegion": {"charOffset": d.fix.start, "charLength": d.fix.end - d.fix.start},
                                "insertedContent": {"text": d.fix.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    properties = {k: v for k, v in (("field", d.field_path), ("section", d.section)) if v}
    if properties:
        item["properties"] = properties
    return item
