"""Counts shared by the reporters."""

from __future__ import annotations

from collections import Counter

from rolelint.diagnostics import Severity
from rolelint.engine import RunResult


def summarize(result: RunResult) -> dict:
    counts = Counter(d.severity for d in result.diagnostics)
    return {
        "files": len(result.files),
        "files_with_problems": len({d.path for d in result.diagnostics}),
        "total": len(result.diagnostics),
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
        "fixable": sum(1 for d in result.diagnostics if d.fix is not None),
    }
