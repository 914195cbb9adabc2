"""RL310: salary bands that fall as the level rises, or overlap too much with the level below."""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.base import RuleOption, declared
from rolelint.profession.checks._helpers import issue_reports, ordered_levels, target_role_issues
from rolelint.profession.context import CheckContext, Report
from rolelint.profession.issues import PathwayIssue
from rolelint.profession.model import Band, Framework, Role

CODE = "RL310"


def _overlap_share(lower: Band, higher: Band) -> float:
    if None in (lower.low, lower.high, higher.low, higher.high):
        return 0.0
    overlap = min(lower.high, higher.high) - max(lower.low, higher.low)
    narrower = min(lower.high - lower.low, higher.high - higher.low)
    if overlap <= 0:
        return 0.0
    return 1.0 if narrower <= 0 else overlap / narrower


def _judge(lower_id: str, lower: Band, higher_id: str, higher: Band, max_overlap: float) -> str | None:
    if lower.unit != higher.unit:
        return None
    if (higher.low is not None and lower.low is not None and higher.low < lower.low) or (
        higher.high is not None and lower.high is not None and higher.high < lower.high
    ):
        return f"the pay band of `{higher_id}` ({higher.describe()}) is lower than that of `{lower_id}` ({lower.describe()}), the level below"
    share = _overlap_share(lower, higher)
    if share > max_overlap:
        return (
            f"the pay band of `{higher_id}` ({higher.describe()}) overlaps {share:.0%} of the band of `{lower_id}` "
            f"({lower.describe()}), more than the {max_overlap:.0%} allowed"
        )
    return None


def framework_issues(framework: Framework, options: dict) -> list[PathwayIssue]:
    found = []
    tracks: dict[str, list] = {}
    for level in framework.levels:
        if level.salary is not None:
            tracks.setdefault(level.track, []).append(level)
    for levels in tracks.values():
        for lower, higher in zip(levels, levels[1:]):
            message = _judge(lower.id, lower.salary, higher.id, higher.salary, options["max_overlap"])
            if message:
                found.append(PathwayIssue(CODE, message, framework.display, f"{higher.path}.salary", higher.id))
    return found


def issues(role: Role, framework: Framework, options: dict) -> list[PathwayIssue]:
    """Bands of a role whose levels override the framework's pay."""
    found = []
    for levels in ordered_levels(role, framework).values():
        banded = [(lv, framework.salary_of(lv)) for lv in levels]
        banded = [(lv, band) for lv, band in banded if band is not None]
        for (lower, low_band), (higher, high_band) in zip(banded, banded[1:]):
            if lower.salary is None and higher.salary is None:
                continue  # the framework's own bands are checked on the framework
            message = _judge(lower.level, low_band, higher.level, high_band, options["max_overlap"])
            if message:
                path = f"{higher.path}.salary" if higher.salary else f"{lower.path}.salary"
                found.append(PathwayIssue(CODE, message, role.display, path, higher.level))
    return found


def check(ctx: CheckContext) -> Iterator[Report | None]:
    options = ctx.options[CODE]
    for framework in ctx.target_frameworks():
        yield from issue_reports(ctx, framework_issues(framework, options))
    yield from target_role_issues(ctx, lambda role, framework: issues(role, framework, options))


RULE = declared(
    CODE,
    check=check,
    options={
        "max_overlap": RuleOption(
            "number",
            0.5,
            "Largest share of the narrower of two adjacent bands that "
            "they may have in common (0 = no overlap at all, 1 = any overlap)",
            minimum=0,
            maximum=1,
        )
    },
    docs={
        "what": "A level's pay band is lower than the band of the level below it, or overlaps it by more than "
        "`max_overlap` of the narrower band (levels compared within a track, in the same currency and period).",
        "why": "Overlapping or falling bands make promotion a pay cut for some and leave managers unable to explain pay.",
        "example": "  - id: senior\n    salary: {min: 50000, max: 60000, currency: GBP}\n"
        "  - id: lead\n    salary: {min: 52000, max: 62000, currency: GBP}",
        "use_instead": "  - id: senior\n    salary: {min: 50000, max: 60000, currency: GBP}\n"
        "  - id: lead\n    salary: {min: 58000, max: 70000, currency: GBP}",
        "references": [],
    },
)
