"""RL307: the years of experience an advert asks for do not fit its level's range."""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.advert_text import years_demands
from rolelint.profession.base import declared
from rolelint.profession.context import CheckContext, Report

CODE = "RL307"


def check(ctx: CheckContext) -> Iterator[Report | None]:
    for entry, claim in ctx.claimed_role_levels():
        expected = claim.framework.experience_of(claim.role_level)
        if expected is None:
            continue
        title = claim.framework.effective_title(claim.role_level)
        advert = ctx.index.adverts.get(entry.display)
        if advert and advert.experience and advert.experience.low is not None:
            message = _judge(advert.experience.low, expected, title, f"{advert.experience.low:g} years")
            if message:
                yield ctx.at_field(CODE, entry.display, "experience", message)
        if entry.document is None:
            continue
        for demand in years_demands(entry.document):
            if demand.band.low is None:
                continue
            message = _judge(demand.band.low, expected, title, demand.wording)
            if message:
                yield ctx.at_offsets(CODE, entry.display, *demand.file_range(), message)


def _judge(low: float, expected, title: str, wording: str) -> str | None:
    if expected.high is not None and low > expected.high:
        return f"asks for {wording} of experience, more than the {expected.describe()} expected of {title}"
    if expected.low is not None and low < expected.low and expected.low - low >= 2:
        return f"asks for {wording} of experience, fewer than the {expected.describe()} expected of {title}"
    return None


RULE = declared(
    CODE,
    check=check,
    docs={
        "what": "An advert asks for more years of experience than its level's range allows ('5+ years' for a level "
        "of 0-2 years), or far fewer than the range starts at.",
        "why": "Years are a poor proxy for skill; asking for more than the level expects shuts out capable people "
        "and usually means the advert is for a different level.",
        "example": "level: associate   # 0-2 years\n...\n- 5+ years of product management experience",
        "use_instead": "- Some experience of working in or with a product team",
        "references": [],
    },
)
