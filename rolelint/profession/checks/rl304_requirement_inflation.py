"""RL304: an advert demands a skill at a higher proficiency than its role level defines."""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.base import declared
from rolelint.profession.checks._demands import demand_report, demands
from rolelint.profession.context import CheckContext, Report

CODE = "RL304"


def check(ctx: CheckContext) -> Iterator[Report | None]:
    for entry, claim in ctx.claimed_role_levels():
        framework, role_level = claim.framework, claim.role_level
        for demand in demands(entry, framework):
            defined = role_level.skills.get(demand.skill)
            defined_rank = framework.proficiency_rank(defined)
            if demand.rank is None or defined_rank is None or demand.rank <= defined_rank:
                continue
            skill = framework.skills[demand.skill].name if demand.skill in framework.skills else demand.skill
            asked = framework.scale[demand.rank]
            wording = "" if demand.wording.strip("`'") == asked else f" ({demand.wording})"
            title = framework.effective_title(role_level)
            message = f"asks for '{skill}' at {asked}{wording}, but {title} defines it at {defined}"
            suggestion = f"Ask for it at {defined}, as {title} defines it, or choose a higher level"
            yield demand_report(ctx, CODE, entry, demand, message, suggestion=suggestion)


RULE = declared(
    CODE,
    check=check,
    docs={
        "what": "An advert asks for a skill at a higher proficiency than its role level defines: in its `skills:` "
        "metadata, or in its essential criteria ('expert in', 'deep expertise in', 'proven experience of').",
        "why": "Inflated requirements put off people who could do the job, most of all those who only apply "
        "when they meet every criterion, and they drift the pathway upwards one advert at a time.",
        "example": "## Essential criteria\n- Deep expertise in product strategy   (the level defines it at working)",
        "use_instead": "## Essential criteria\n- Experience of contributing to a product strategy",
        "references": [],
    },
)
