"""RL303: an advert title that the framework does not know for the role level it claims."""

from __future__ import annotations

from typing import Iterator

from rolelint.diagnostics import Severity
from rolelint.profession.base import ProfessionRule
from rolelint.profession.checks._titles import advert_title, advert_title_text, judge_title
from rolelint.profession.context import CheckContext, Report

CODE = "RL303"


def check(ctx: CheckContext) -> Iterator[Report | None]:
    for entry in ctx.target_entries("advert"):
        claim = ctx.claim(entry)
        title = advert_title_text(entry)
        if claim is None or claim.role_level is None or claim.framework is None or not title:
            continue
        verdict = judge_title(claim.framework, claim.role, claim.level, title)
        if verdict.kind == "unknown":
            yield advert_title(ctx, entry, CODE, verdict.message, verdict.suggestion)


RULE = ProfessionRule(
    code=CODE,
    name="unknown-title",
    severity=Severity.WARNING,
    check=check,
    docs={
        "what": "An advert's title is not one the framework gives its role at its level: not the level's title, "
                "nor one of its synonyms (after replacing non-preferred terms).",
        "why": "One job, one name: candidates search for the titles the profession uses, and people inside the "
               "organisation compare openings by them.",
        "example": "---\ntitle: Product wizard\nrole: product-manager\nlevel: senior\n---",
        "use_instead": "---\ntitle: Senior product manager\nrole: product-manager\nlevel: senior\n---",
        "references": [],
    },
)
