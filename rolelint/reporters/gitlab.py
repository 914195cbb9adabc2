"""The `gitlab` format: a GitLab Code Quality report (a JSON array of Code Climate issues).

Each finding is one issue with ``description``, ``check_name``, ``fingerprint``, ``severity`` and a
``location`` with its path and first and last lines (``lines.begin``, ``lines.end``), as GitLab's
"Code Quality report format" asks; GitLab shows them in the merge request's Code Quality widget.
The fingerprint is the baseline's content fingerprint (stable when lines move), made unique per
occurrence, since GitLab merges issues that share one.
"""

from __future__ import annotations

import hashlib
import json

from rolelint.api import LintResult
from rolelint.baseline import fingerprint
from rolelint.diagnostics import Diagnostic, Severity
from rolelint.display import shown_path, visible
from rolelint.reporters import ReportOptions

# GitLab's severities are info, minor, major, critical and blocker.
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _issue(d: Diagnostic, digest: str) -> dict:
    description = visible(f"{d.code} {d.full_message}" + (f" (suggestion: {d.suggestion})" if d.suggestion else ""))
    return {
        "type": "issue",
        "check_name": d.code,
        "description": description,
        "categories": ["Style"],
        "severity": SEVERITIES[d.severity],
        "fingerprint": digest,
        "location": {
            "path": shown_path(d.path),
            "lines": {"begin": d.line, "end": max(d.end_line, d.line)},
        },
    }


def render_gitlab(result: LintResult, color: bool = False, options: ReportOptions | None = None) -> str:
    seen: dict[str, int] = {}
    issues = []
    for d in result.diagnostics:
        content = fingerprint(d, result.sources.get(d.path))
        occurrence = seen[content] = seen.get(content, -1) + 1
        digest = hashlib.md5(f"{content}:{occurrence}".encode(), usedforsecurity=False).hexdigest()
        issues.append(_issue(d, digest))
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
