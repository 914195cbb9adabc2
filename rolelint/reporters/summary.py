"""Counts shared by the reporters."""

from __future__ import annotations

from collections import Counter

from rolelint.api import LintResult
from rolelint.diagnostics import Severity
from rolelint.fixes import fixable

# Suffixes of files that are never documents to lint: SARIF is a static-analysis report (rolelint's
# own, most often), so "no input format reads it" would tell nobody anything.
NEVER_DOCUMENTS = frozenset({".sarif"})


def summarize(result: LintResult) -> dict:
    """``files`` counts the files linted and ``files_with_problems`` those of them with a finding, so the
    second never exceeds the first. A path reported without being linted (missing, a dangling link or a
    link loop, a link out of the tree, a pipe, an unreadable directory) is counted in ``paths_not_read``;
    a file given that is not rolelint's to lint (no `kinds:` glob places it) is in ``left_alone``, not
    in ``files``."""
    counts = Counter(d.severity for d in result.diagnostics)
    linted = set(result.files)
    reported = {d.path for d in result.diagnostics}
    return {
        "files": len(result.files),
        "files_with_problems": len(reported & linted),
        "paths_not_read": len(reported - linted),
        "total": len(result.diagnostics),
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
        "fixable": sum(1 for d in result.diagnostics if fixable(d)),
        # files in the folders linted that no input format reads, by suffix (not reports: NEVER_DOCUMENTS)
        "skipped": {
            suffix: count
            for suffix, count in (getattr(result, "skipped", {}) or {}).items()
            if suffix not in NEVER_DOCUMENTS
        },
        # files given (named, or found in the folders linted) that no `kinds:` glob places: not linted
        "left_alone": list(getattr(result, "left_alone", ()) or ()),
    }
