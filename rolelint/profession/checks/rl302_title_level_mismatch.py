"""RL302: a title whose seniority disagrees with the level it is declared at."""

from __future__ import annotations

from typing import Iterator

from rolelint.diagnostics import Severity
from rolelint.profession.base import ProfessionRule
from rolelint.profession.checks._titles import advert_title_reports, judge_title
from rolelint.profession.context import CheckContext, Report

CODE = "RL302"


def check(ctx: CheckContext) -> Iterator[Report | None]:
    for role in ctx.target_roles():
        framework = ctx.index.frameworks.get(role.framework)
        if framework is None:
            continue
        for role_level in role.levels:
            if role_level.title and framework.level(role_level.level) is not None:
                verdict = judge_title(framework, role, role_level.level, role_level.title, own=True)
                if verdict.kind == "mismatch":
                    yield ctx.at_field(CODE, role.display, f"{role_level.path}.title", verdict.message)
    yield from advert_title_reports(ctx, CODE, "mismatch")


RULE = ProfessionRule(
    code=CODE,
    name="title-level-mismatch",
    severity=Severity.WARNING,
    check=check,
    docs={
        "what": "A job title whose seniority word (junior, associate, senior, lead, principal, staff, head) "
                "disagrees with the level it is declared at, or that is the title of another level of the role.",
        "why": "Candidates judge an opening by its title. A 'Senior' advert at the lead level undersells the job "
               "and its pay; a 'Lead' title on a senior role promises what the pathway does not give.",
        "example": "---\ntitle: Senior product manager\nrole: product-manager\nlevel: lead\n---",
        "use_instead": "---\ntitle: Lead product manager\nrole: product-manager\nlevel: lead\n---",
        "references": [],
    },
)
