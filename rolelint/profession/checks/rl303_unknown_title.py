"""RL303: an advert title that the framework does not know for the role level it claims."""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.base import declared
from rolelint.profession.checks._titles import advert_title_reports
from rolelint.profession.context import CheckContext, Report

CODE = "RL303"


def check(ctx: CheckContext) -> Iterator[Report | None]:
    yield from advert_title_reports(ctx, CODE, "unknown")


RULE = declared(
    CODE,
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
