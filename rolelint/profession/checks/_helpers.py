"""Small helpers the profession rules share."""

from __future__ import annotations

import difflib
from typing import Callable, Iterable, Iterator

from rolelint.profession.context import CheckContext, Report
from rolelint.profession.issues import PathwayIssue
from rolelint.profession.model import Framework, Role, RoleLevel


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    hits = difflib.get_close_matches(value, sorted(set(choices)), n=1, cutoff=0.6)
    return f"; did you mean `{hits[0]}`?" if hits else ""


def ordered_levels(role: Role, framework: Framework) -> dict[str, list[RoleLevel]]:
    """The role's levels that the framework knows, by track, in the framework's order."""
    tracks: dict[str, list[RoleLevel]] = {}
    for role_level in role.levels:
        level = framework.level(role_level.level)
        if level is not None:
            tracks.setdefault(level.track, []).append(role_level)
    for items in tracks.values():
        items.sort(key=lambda lv: framework.level(lv.level).rank)
    return tracks


def level_label(framework: Framework, role: Role | None, level_id: str) -> str:
    role_level = role.level(level_id) if role else None
    if role_level is not None:
        return f"`{level_id}` ({framework.effective_title(role_level)})"
    level = framework.level(level_id)
    return f"`{level_id}` ({level.title})" if level else f"`{level_id}`"


def step_in_scale(step: str, scale: tuple[str, ...]) -> int:
    """A step of the default four-step scale, placed on a framework's own scale by relative rank."""
    default = ("awareness", "working", "practitioner", "expert")
    if step in scale:
        return scale.index(step)
    position = default.index(step) / (len(default) - 1)
    return round(position * (len(scale) - 1))


def issue_reports(ctx: CheckContext, issues: Iterable[PathwayIssue]) -> Iterator[Report | None]:
    """Findings for pathway issues, each on the field it names."""
    for issue in issues:
        yield ctx.at_field(issue.code, issue.display, issue.path, issue.message, key=issue.key)


def role_issue_check(
    code: str, issues: Callable[[Role, Framework, dict], list[PathwayIssue]]
) -> Callable[[CheckContext], Iterator[Report | None]]:
    """The check of a pathway rule whose ``issues(role, framework, options)`` needs nothing else."""

    def check(ctx: CheckContext) -> Iterator[Report | None]:
        options = ctx.options.get(code, {})
        yield from target_role_issues(ctx, lambda role, framework: issues(role, framework, options))

    return check


def target_role_issues(
    ctx: CheckContext, issues_of: Callable[[Role, Framework], list[PathwayIssue]]
) -> Iterator[Report | None]:
    """Findings for the pathway issues of each role given to the run whose framework is known."""
    for role in ctx.target_roles():
        framework = ctx.index.frameworks.get(role.framework)
        if framework is not None:
            yield from issue_reports(ctx, issues_of(role, framework))
