"""The `json` format: a documented, versioned object (see docs/json-format.md)."""

from __future__ import annotations

import json

from rolelint import __version__
from rolelint.api import LintResult
from rolelint.display import shown_path, visible
from rolelint.fixes import fixable
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
        "diagnostics": [safe_dict({**d.to_dict(), "fixable": fixable(d)}) for d in result.diagnostics],
        "summary": summarize(result),
    }
    return indented_json(payload) + "\n"


_SCALARS = {str, int, bool, type(None)}
# Between a flat object's items, at the depth of a diagnostic in the payload (indent 2, level 3).
_DIAGNOSTIC_ITEMS = json.JSONEncoder(ensure_ascii=False, separators=(",\n      ", ": "))


def indented_json(payload: dict) -> str:
    """``json.dumps(payload, indent=2, ensure_ascii=False)``, the same text, made faster for the list of
    diagnostics: with an indent, json encodes in Python, value by value; a flat object of strings,
    numbers and nulls comes out of the C encoder with the indented separators between its items
    (``indent`` turns the C encoder off)."""
    rows = payload.get("diagnostics")
    if not isinstance(rows, list) or not rows or not _flat(rows):
        return json.dumps(payload, indent=2, ensure_ascii=False)
    parts = []
    for key, value in payload.items():
        if key == "diagnostics":
            # One call for the whole list. Its items are then separated by "},\n      {", which only a
            # boundary between two rows can hold (a string's line breaks are escaped).
            inner = _DIAGNOSTIC_ITEMS.encode(rows)[2:-2].replace("},\n      {", "\n    },\n    {\n      ")
            text = "[\n    {\n      " + inner + "\n    }\n  ]"
        else:  # a value one level in: every line after its first indented two more
            text = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        parts.append("  " + json.dumps(key, ensure_ascii=False) + ": " + text)
    return "{\n" + ",\n".join(parts) + "\n}"


def _flat(rows: list) -> bool:
    """Whether every row is a non-empty object of strings, numbers and nulls, keyed by strings."""
    if not all(type(row) is dict and row for row in rows):
        return False
    return {type(v) for row in rows for v in row.values()} <= _SCALARS and {type(k) for row in rows for k in row} <= {
        str
    }
