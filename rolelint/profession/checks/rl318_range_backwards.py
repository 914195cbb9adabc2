"""RL318: a salary band or experience range written backwards (its minimum above its maximum)."""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.advert_text import salary_mentions
from rolelint.profession.base import declared
from rolelint.profession.context import CheckContext, Report
from rolelint.profession.issues import PathwayIssue
from rolelint.profession.model import Band, Framework, Role

CODE = "RL318"


def backwards(band: Band | None) -> bool:
    return band is not None and band.low is not None and band.high is not None and band.low > band.high


def _message(what: str, band: Band, where: str) -> str:
    money = band.unit != "years"
    low_key, high_key = ("min", "max") if money else ("min_years", "max_years")
    shown = (lambda v: f"{v:,.0f}") if money else (lambda v: f"{v:g}")
    return (
        f"the {what} of {where} is written backwards: `{low_key}` {shown(band.low)} is above `{high_key}` "
        f"{shown(band.high)}; swap them"
    )


def _band_issues(
    display: str, path: str, level: str, where: str, salary: Band | None, experience: Band | None
) -> list[PathwayIssue]:
    found = []
    if backwards(salary):
        found.append(PathwayIssue(CODE, _message("pay band", salary, where), display, f"{path}.salary", level))
    if backwards(experience):
        found.append(
            PathwayIssue(CODE, _message("experience range", experience, where), display, f"{path}.experience", level)
        )
    return found


def framework_issues(framework: Framework) -> list[PathwayIssue]:
    found = []
    for level in framework.levels:
        found += _band_issues(
            framework.display, level.path, level.id, f"level `{level.id}`", level.salary, level.experience
        )
    return found


def issues(role: Role, framework: Framework | None = None) -> list[PathwayIssue]:
    found = []
    for role_level in role.levels:
        found += _band_issues(
            role.display,
            role_level.path,
            role_level.level,
            f"`{role.id}` at level `{role_level.level}`",
            role_level.salary,
            role_level.experience,
        )
    return found


def check(ctx: CheckContext) -> Iterator[Report | None]:
    for framework in ctx.target_frameworks():
        for issue in framework_issues(framework):
            yield ctx.at_field(CODE, issue.display, issue.path, issue.message)
    for role in ctx.target_roles():
        for issue in issues(role):
            yield ctx.at_field(CODE, issue.display, issue.path, issue.message)
    if not ctx.index.frameworks and not ctx.index.roles:
        return  # an advert linted outside a roles repo runs no profession rule (rolelint.profession.nothing_to_check)
    for entry in ctx.target_entries("advert"):
        advert = ctx.index.adverts.get(entry.display)
        if advert is not None:
            for issue in _band_issues(entry.display, "", "", "this advert", advert.salary, advert.experience):
                yield ctx.at_field(CODE, entry.display, issue.path.lstrip("."), issue.message)
        if entry.document is not None:
            for mention in salary_mentions(entry.document, backwards=True):
                start, end = mention.file_range()
                yield ctx.at_offsets(
                    CODE,
                    entry.display,
                    start,
                    end,
                    f"the pay range '{mention.wording}' is written backwards (highest first); "
                    "write the lower end first",
                )


RULE = declared(
    CODE,
    check=check,
    docs={
        "what": "A salary band or an experience range whose minimum is above its maximum: on a framework level, a "
        "role level or an advert's front matter, or a pay range written highest first in an advert's text "
        "('£60,000 to £50,000'). Adverts are checked as part of a roles repo (one with a framework or a role).",
        "why": "A backwards band is a typing slip that every other pay check then misreads: a band that starts "
        "above where it ends contains no salary at all, and candidates cannot tell what is offered.",
        "example": "levels:\n  - id: senior\n    salary: {min: 58000, max: 48000, currency: GBP}",
        "use_instead": "levels:\n  - id: senior\n    salary: {min: 48000, max: 58000, currency: GBP}",
        "references": [],
    },
)
