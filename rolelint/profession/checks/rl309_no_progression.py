"""RL309: two adjacent levels of a role ask for the same skills and the same responsibilities."""

from __future__ import annotations

from rolelint.profession.base import declared
from rolelint.profession.checks._helpers import ordered_levels, role_issue_check
from rolelint.profession.issues import PathwayIssue
from rolelint.profession.model import Framework, Role
from rolelint.profession.text import normalise

CODE = "RL309"


def issues(role: Role, framework: Framework, options: dict) -> list[PathwayIssue]:
    found = []
    for levels in ordered_levels(role, framework).values():
        for lower, higher in zip(levels, levels[1:]):
            if not higher.skills and not higher.responsibilities:
                continue
            same_skills = lower.skills == higher.skills
            same_duties = {normalise(r) for r in lower.responsibilities} == {
                normalise(r) for r in higher.responsibilities
            }
            if same_skills and same_duties:
                found.append(
                    PathwayIssue(
                        CODE,
                        f"level `{higher.level}` asks for the same skills and responsibilities as `{lower.level}`, "
                        "the level below it: nothing marks the progression",
                        role.display,
                        f"{higher.path}.level",
                        higher.level,
                    )
                )
    return found


check = role_issue_check(CODE, issues)


RULE = declared(
    CODE,
    check=check,
    docs={
        "what": "Two adjacent levels of a role have the same skills at the same proficiencies and the same "
        "responsibilities.",
        "why": "If nothing changes between two levels, nobody can say what earns a promotion from one to the other.",
        "example": "  - level: senior\n    responsibilities: [Coach product managers]\n    skills: {prioritisation: expert}\n"
        "  - level: lead\n    responsibilities: [Coach product managers]\n    skills: {prioritisation: expert}",
        "use_instead": "  - level: lead\n    responsibilities: [Set the direction for a group of products]\n"
        "    skills: {prioritisation: expert, product-strategy: expert}",
        "references": [],
    },
)
