"""RL311: a role that skips a framework level in the middle of its ladder, or lists levels out of order."""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.base import RuleOption, declared
from rolelint.profession.checks._helpers import target_role_issues
from rolelint.profession.context import CheckContext, Report
from rolelint.profession.issues import PathwayIssue
from rolelint.profession.model import Framework, Role

CODE = "RL311"


def level_usage(roles: list[Role], framework: Framework) -> dict[str, tuple[int, int]]:
    """level id -> (roles whose ladder spans it, of those the roles that have it)."""
    usage: dict[str, list[int]] = {lv.id: [0, 0] for lv in framework.levels}
    for role in roles:
        ranks: dict[str, set[int]] = {}
        for role_level in role.levels:
            level = framework.level(role_level.level)
            if level is not None:
                ranks.setdefault(level.track, set()).add(level.rank)
        for level in framework.levels:
            have = ranks.get(level.track)
            if have and min(have) < level.rank < max(have):
                usage[level.id][0] += 1
                usage[level.id][1] += level.rank in have
    return {k: (v[0], v[1]) for k, v in usage.items()}


def issues(
    role: Role, framework: Framework, options: dict, usage: dict[str, tuple[int, int]] | None = None
) -> list[PathwayIssue]:
    """``usage`` (from ``level_usage``) tells which skipped levels other roles of the framework skip too:
    a level that most roles spanning it leave out is an alternative step, not a gap."""
    found = []
    skippable = set(options.get("skippable", ()))
    seen: set[str] = set()
    last_rank: dict[str, tuple[int, str]] = {}
    for role_level in role.levels:
        level = framework.level(role_level.level)
        if level is None:
            continue
        if role_level.level in seen:
            found.append(
                PathwayIssue(
                    CODE,
                    f"level `{role_level.level}` is listed twice in this role",
                    role.display,
                    f"{role_level.path}.level",
                    role_level.level,
                )
            )
            continue
        seen.add(role_level.level)
        previous = last_rank.get(level.track)
        if previous is not None and level.rank < previous[0]:
            found.append(
                PathwayIssue(
                    CODE,
                    f"level `{role_level.level}` is listed after `{previous[1]}`, a higher "
                    "level: list levels junior to senior",
                    role.display,
                    f"{role_level.path}.level",
                    role_level.level,
                )
            )
        last_rank[level.track] = max(previous or (level.rank, role_level.level), (level.rank, role_level.level))
    by_track: dict[str, list] = {}
    for role_level in role.levels:
        level = framework.level(role_level.level)
        if level is not None:
            by_track.setdefault(level.track, []).append((level.rank, role_level))
    for track, items in by_track.items():
        items.sort(key=lambda item: item[0])
        ladder = [lv for lv in framework.levels if lv.track == track]
        for (low_rank, low), (high_rank, high) in zip(items, items[1:]):
            missing = [
                lv
                for lv in ladder[low_rank + 1 : high_rank]
                if lv.id not in skippable and not lv.skippable and _usual(lv.id, usage)
            ]
            if missing:
                names = ", ".join(f"`{lv.id}` ({lv.title})" for lv in missing)
                found.append(
                    PathwayIssue(
                        CODE,
                        f"the ladder skips {names} between `{low.level}` and `{high.level}`"
                        + _how_usual(missing[0].id, usage),
                        role.display,
                        f"{high.path}.level",
                        high.level,
                    )
                )
    return found


def _others(level_id: str, usage) -> tuple[int, int]:
    spanning, having = usage.get(level_id, (1, 0)) if usage else (1, 0)
    return spanning - 1, having  # the role itself spans the level without having it


def _usual(level_id: str, usage) -> bool:
    spanning, having = _others(level_id, usage)
    return spanning == 0 or having / spanning > 0.5


def _how_usual(level_id: str, usage) -> str:
    spanning, having = _others(level_id, usage)
    return f" ({having} of the {spanning} other roles whose ladders span it have it)" if spanning else ""


def check(ctx: CheckContext) -> Iterator[Report | None]:
    usages: dict[str, dict] = {}

    def issues_of(role: Role, framework: Framework) -> list[PathwayIssue]:
        if framework.id not in usages:
            usages[framework.id] = level_usage(ctx.index.roles_of(framework.id), framework)
        return issues(role, framework, ctx.options[CODE], usages[framework.id])

    yield from target_role_issues(ctx, issues_of)


RULE = declared(
    CODE,
    check=check,
    options={
        "skippable": RuleOption(
            "list",
            [],
            "Level ids a role may skip without a finding (for frameworks "
            "with alternative entry levels); a framework can also mark a level "
            "`skippable: true`",
        )
    },
    docs={
        "what": "A role has levels below and above a framework level but not that level itself, while most other "
        "roles of the framework whose ladders span that level do have it (or no other role spans it) and "
        "the framework does not mark it `skippable`; or a role lists its levels out of the framework's "
        "order, or a level twice.",
        "why": "A gap in the middle of a ladder means people at the level below have no defined next step.",
        "example": "levels:\n  - level: associate\n  - level: senior   # product-manager, between them, is missing",
        "use_instead": "levels:\n  - level: associate\n  - level: product-manager\n  - level: senior",
        "references": [],
    },
)
