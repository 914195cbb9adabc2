"""`--statistics`: how many findings each rule made, most first (as ruff's `--statistics`)."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING

from rolelint.diagnostics import Diagnostic
from rolelint.fixes import fixable as can_fix

if TYPE_CHECKING:
    from rolelint.api import LintResult


def statistics(result: LintResult) -> list[dict]:
    """One row per rule that found something: code, name, severity, count and how many are fixable,
    by count (highest first), then code."""
    counts = Counter(d.code for d in result.diagnostics)
    fixable = Counter(d.code for d in result.diagnostics if can_fix(d))
    first: dict[str, Diagnostic] = {}
    for d in result.diagnostics:
        first.setdefault(d.code, d)
    return [
        {
            "code": code,
            "name": first[code].rule,
            "severity": first[code].severity.label,
            "count": count,
            "fixable": fixable[code],
        }
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def render_statistics(result: LintResult, *, as_json: bool = False) -> str:
    rows = statistics(result)
    if as_json:
        return json.dumps(rows, indent=2) + "\n"
    if not rows:
        return ""
    width = max(len(str(row["count"])) for row in rows)
    name_width = max(len(row["name"]) for row in rows)
    lines = [
        f"{row['count']:>{width}}  {row['code']:<6} {row['name']:<{name_width}}  {row['severity']:<7}"
        + (f"  [{row['fixable']} fixable]" if row["fixable"] else "")
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"
