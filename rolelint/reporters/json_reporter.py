"""The `json` format: a documented, versioned object (see docs/json-format.md)."""

from __future__ import annotations

import json

from rolelint import __version__
from rolelint.api import LintResult
from rolelint.reporters.summary import summarize

JSON_FORMAT_VERSION = 1


def render_json(result: LintResult, color: bool = False, options=None) -> str:
    payload = {
        "version": JSON_FORMAT_VERSION,
        "tool": {"name": "rolelint", "version": __version__},
        "diagnostics": [d.to_dict() for d in result.diagnostics],
        "summary": summarize(result),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
