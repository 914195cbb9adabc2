"""The `json` format: a documented, versioned object (see docs/json-format.md)."""

from __future__ import annotations

import json

from rolelint import __version__
from rolelint.api import LintResult
from rolelint.display import shown_path, visible
from rolelint.reporters.summary import summarize

JSON_FORMAT_VERSION = 1


def safe_dict(row: dict) -> dict:
    """A diagnostic's dict with its path shown as ``rolelint.display.shown_path`` shows it (valid
    Unicode, round-tripping) and its texts with control and invisible characters escaped."""
    out = dict(row)
    if isinstance(out.get("path"), str):
        out["path"] = shown_path(out["path"])
    for key in ("message", "suggestion", "context"):
        if isinstance(out.get(key), str):
            out[key] = visible(out[key])
    return out


def render_json(result: LintResult, color: bool = False, options=None) -> str:
    payload = {
        "version": JSON_FORMAT_VERSION,
        "tool": {"name": "rolelint", "version": __version__},
        "diagnostics": [safe_dict(d.to_dict()) for d in result.diagnostics],
        "summary": summarize(result),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
