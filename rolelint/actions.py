"""What `rolelint check` does with a lint result, as public calls (docs/api.md): write its safe fixes
(``fix_files``) or preview them (``fix_diff``), record or apply a baseline, render a report.

A program that lints through a ``Linter`` and then acts as the command line would (a CI wrapper, a
bot that opens fix pull requests) uses these; the command line does too.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from rolelint.api import LintResult
from rolelint.reporters import REPORTERS, ReportOptions, render

# --- fixing files, baselines and reports: what `rolelint check` does with a result -----------------

#: The report formats ``render_report`` writes (``--format`` / ``--output-file``).
REPORT_FORMATS: tuple[str, ...] = tuple(REPORTERS)


def render_report(fmt: str, result: LintResult, *, color: bool = False, options: ReportOptions | None = None) -> str:
    """The report of ``result`` in the format ``fmt`` (one of ``REPORT_FORMATS``: text, concise, json,
    sarif, junit, github, gitlab …; see docs/ci.md). ``options``: the fail threshold JUnit follows,
    which findings GitHub annotations show, whether to leave out the summary line."""
    return render(fmt, result, color=color, options=options)


def rule_statistics(result: LintResult, *, as_json: bool = False) -> str:
    """`--statistics`: how many findings each rule gave, most first, as a table (or JSON)."""
    from rolelint.reporters.statistics import render_statistics

    return render_statistics(result, as_json=as_json)


def fix_files(
    result: LintResult,
    *,
    relint: Callable[[], LintResult],
    cwd: Path | str | None = None,
    encoding_fallback: str | None = None,
    echo: Callable[[str], None] = print,
) -> tuple[LintResult, bool]:
    """`check --fix`: write the safe fixes of ``result`` into its files (each file replaced atomically,
    only if it has not changed since it was linted and its structure survives the fixes), say what
    changed through ``echo``, lint again with ``relint()`` and repeat while fixes apply (five passes at
    most). The last result, and whether a file could not be written. Display paths are relative to ``cwd``."""
    from rolelint.fixes import fix_and_relint

    return fix_and_relint(relint, result, cwd=Path(cwd or Path.cwd()), encoding_fallback=encoding_fallback, echo=echo)


def fix_diff(result: LintResult) -> tuple[str, int]:
    """`check --diff`: what ``fix_files`` would change, as a unified diff, and how many fixes; nothing
    is written."""
    from rolelint.fixes import fix_diffs

    lines, count = fix_diffs(result)
    return "".join(lines), count


def write_baseline(result: LintResult, path: Path | str, *, cwd: Path | str | None = None) -> int:
    """`--write-baseline`: record ``result``'s findings in the baseline file ``path`` (by rule, file and a
    fingerprint of the text around each, so they survive lines moving); the number recorded."""
    from rolelint.baseline import write_baseline as write

    return write(Path(path), result.diagnostics, result.sources, cwd=Path(cwd or Path.cwd()))


def apply_baseline(result: LintResult, path: Path | str, *, cwd: Path | str | None = None) -> tuple[LintResult, int]:
    """`--baseline`: ``result`` without the findings recorded in the baseline file ``path``, and how many
    were left out."""
    from rolelint.baseline import apply_baseline as apply

    kept, hidden = apply(list(result.diagnostics), result.sources, Path(path), cwd=Path(cwd or Path.cwd()))
    return replace(result, diagnostics=tuple(kept)), hidden


__all__ = [
    "REPORT_FORMATS",
    "ReportOptions",
    "apply_baseline",
    "fix_diff",
    "fix_files",
    "render_report",
    "rule_statistics",
    "write_baseline",
]
