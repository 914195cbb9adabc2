"""Output formats: one name -> reporter table that also feeds the CLI's choices."""

from __future__ import annotations

from typing import Callable

from rolelint.engine import RunResult
from rolelint.reporters.github import render_github
from rolelint.reporters.json_reporter import render_json
from rolelint.reporters.junit import render_junit
from rolelint.reporters.sarif import render_sarif
from rolelint.reporters.text import render_text

Reporter = Callable[[RunResult, bool], str]

REPORTERS: dict[str, Reporter] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "junit": render_junit,
}
