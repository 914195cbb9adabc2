"""The json reporter writes exactly what ``json.dumps(payload, indent=2, ensure_ascii=False)`` writes."""

from __future__ import annotations

import json

import pytest

from rolelint.reporters.json_reporter import indented_json

ROW = {
    "path": "adverts/dév\\ops.md",
    "line": 3,
    "column": 1,
    "code": "RL104",
    "severity": "warning",
    "message": 'A "quoted" word,\n      {"braces"}, a tab\tand an escape \x1b and \u2028',
    "suggestion": None,
    "fixable": True,
    "section": "",
}


@pytest.mark.parametrize(
    "diagnostics",
    [
        [ROW],
        [ROW, dict(ROW, line=4, fixable=False), {"path": "x"}],
        [],
        [dict(ROW, extra=["a", "list"])],  # not flat: written by json.dumps itself
        [dict(ROW, score=0.5)],
        [{}],
    ],
)
def test_indented_json_is_json_dumps_with_an_indent(diagnostics):
    payload = {
        "version": 1,
        "tool": {"name": "rolelint", "version": "0"},
        "diagnostics": diagnostics,
        "summary": {"files": 2, "skipped": {".pdf": 1}, "empty": {}, "none": []},
    }
    assert indented_json(payload) == json.dumps(payload, indent=2, ensure_ascii=False)
