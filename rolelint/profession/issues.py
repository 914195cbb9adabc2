"""A pathway problem tied to a place in the pathway (a level, a skill), for findings and for `rolelint pathway`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PathwayIssue:
    code: str
    message: str
    display: str  # the file to fix
    path: str  # the field to fix
    level: str | None = None  # the level the issue is shown at
    skill: str | None = None
    key: bool = False  # place the finding on the field's key rather than its value
    line: int | None = None  # where `rolelint pathway` says the finding is (1-based)
    severity: str | None = None  # as the config grades it, for `rolelint pathway`
