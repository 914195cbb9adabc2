"""Output formats: one name -> reporter table that also feeds the CLI's choices.

Each reporter's module is imported when its format is first asked for: a run prints one format,
and the others (SARIF, JUnit's XML, ...) need not be imported for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:
    from rolelint.api import LintResult

Reporter = Callable[["LintResult", bool], str]

_WHERE = {
    "text": ("rolelint.reporters.text", "render_text"),
    "json": ("rolelint.reporters.json_reporter", "render_json"),
    "sarif": ("rolelint.reporters.sarif", "render_sarif"),
    "github": ("rolelint.reporters.github", "render_github"),
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
