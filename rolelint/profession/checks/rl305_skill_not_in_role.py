"""RL305: an advert demands a skill that its role level does not have."""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.base import declared
from rolelint.profession.checks._demands import demand_report, demands
from rolelint.profession.context import CheckContext, Report

CODE = "RL305"


def check(ctx: CheckContext) -> Iterator[Report | None]:
    for entry, claim in ctx.claimed_role_levels():
        framework, role_level = claim.framework, claim.role_level
        strong = (framework.proficiency_rank(framework.scale[-2]) or 0) if len(framework.scale) > 1 else 0
        for demand in demands(entry, framework):
            if demand.skill in role_level.skills or demand.skill not in framework.skills:
                continue
            if demand.field is None and (demand.rank is None or demand.rank < strong):
                continue  # in prose, only an insistent demand ("strong", "expert") is clearly a requirement
            skill = framework.skills[demand.skill].name
            message = (
                f"asks for '{skill}' ({demand.wording}), a skill that {framework.effective_title(role_level)} "
                f"does not have in role `{claim.role.id}`"
            )
            yield demand_report(ctx, CODE, entry, demand, message, key=True)


RULE = declared(
    CODE,
    check=check,
    docs={
        "what": "An advert demands a skill of the framework's catalogue that its role level does not list: in its "
        "`skills:` metadata, or insistently in its essential criteria ('strong experience of', 'expert in').",
        "why": "Either the advert asks for another job's skills, or the role definition is out of date; "
        "both should be settled before the advert goes out.",
        "example": "---\nrole: delivery-manager\nlevel: senior\nskills: {user-research-insight: practitioner}\n---",
        "use_instead": "Remove the skill from the advert, or add it to the role level if the job really needs it.",
        "references": [],
    },
)
