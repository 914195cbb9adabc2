"""Output formats: one name -> reporter table that also feeds the CLI's choices.

Each reporter's module is imported when its format is first asked for: a run prints one format,
and the others (SARIF, JUnit's XML, ...) need not be imported for it. A reporter is called as
``reporter(result, color, options)``; ``options`` (``ReportOptions``) carries what some formats need
beyond the findings: the fail threshold (JUnit) and which findings to annotate (GitHub).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:
    from rolelint.api import LintResult


@dataclass(frozen=True)
class ReportOptions:
    fail_on: str = "warning"  # error | warning | info | never: what counts as a failure (junit)
    annotations_severity: str = "info"  # the lowest severity annotated (github)
    annotations_limit: int | None = None  # the most annotations printed, most severe first (github)
    quiet: bool = False  # the findings only, no summary line (text, concise)


Reporter = Callable[["LintResult", bool, ReportOptions], str]

_WHERE = {
    "text": ("rolelint.reporters.text", "render_text"),
    "concise": ("rolelint.reporters.concise", "render_concise"),
    "json": ("rolelint.reporters.json_reporter", "render_json"),
    "sarif": ("rolelint.reporters.sarif", "render_sarif"),
    "github": ("rolelint.reporters.github", "render_github"),
    "gitlab": ("rolelint.reporters.gitlab", "render_gitlab"),
    "junit": ("rolelint.reporters.junit", "render_junit"),
}


class _Reporters(Mapping):
    def __getitem__(self, name: str) -> Reporter:
        module, function = _WHERE[name]
        return getattr(import_module(module), function)

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


REPORTERS: Mapping[str, Reporter] = _Reporters()


def render(name: str, result: LintResult, *, color: bool = False, options: ReportOptions | None = None) -> str:
    """The report of ``result`` in the format ``name``."""
    return REPORTERS[name](result, color, options or ReportOptions())
