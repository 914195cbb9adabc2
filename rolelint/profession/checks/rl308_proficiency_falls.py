"""RL308: a skill's proficiency falls as the level rises."""

from __future__ import annotations

from rolelint.profession.base import declared
from rolelint.profession.checks._helpers import ordered_levels, role_issue_check
from rolelint.profession.issues import PathwayIssue
from rolelint.profession.model import Framework, Role

CODE = "RL308"


def issues(role: Role, framework: Framework, options: dict) -> list[PathwayIssue]:
    found = []
    for levels in ordered_levels(role, framework).values():
        best: dict[str, tuple[int, str]] = {}  # skill -> (highest rank so far, level where)
        for role_level in levels:
            for skill, proficiency in role_level.skills.items():
                rank = framework.proficiency_rank(proficiency)
                if rank is None:
                    continue
                if skill in best and rank < best[skill][0]:
                    high_rank, where = best[skill]
                    name = framework.skills[skill].name if skill in framework.skills else skill
                    found.append(
                        PathwayIssue(
                            CODE,
                            f"'{name}' falls to {proficiency} at `{role_level.level}` from "
                            f"{framework.scale[high_rank]} at `{where}`, a lower level",
                            role.display,
                            f"{role_level.path}.skills.{skill}",
                            role_level.level,
                            skill,
                        )
                    )
                if skill not in best or rank > best[skill][0]:
                    best[skill] = (rank, role_level.level)
    return found


check = role_issue_check(CODE, issues)


RULE = declared(
    CODE,
    check=check,
    docs={
        "what": "A skill is needed at a lower proficiency at a higher level of the role than at a level below it "
        "(levels compared in the framework's order, within a track).",
        "why": "A pathway that asks less of a senior than of a junior is almost always a copy-and-paste slip, "
        "and it undermines promotion decisions made against it.",
        "example": "levels:\n  - level: product-manager\n    skills: {prioritisation: practitioner}\n"
        "  - level: senior\n    skills: {prioritisation: working}",
        "use_instead": "levels:\n  - level: product-manager\n    skills: {prioritisation: practitioner}\n"
        "  - level: senior\n    skills: {prioritisation: practitioner}",
        "references": [],
    },
)
