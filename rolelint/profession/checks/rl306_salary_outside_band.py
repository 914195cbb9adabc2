"""RL306: an advert's salary falls outside the pay band of its role level."""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.advert_text import salary_mentions
from rolelint.profession.base import declared
from rolelint.profession.context import CheckContext, Report

CODE = "RL306"


def check(ctx: CheckContext) -> Iterator[Report | None]:
    for entry, claim in ctx.claimed_role_levels():
        band = claim.framework.salary_of(claim.role_level)
        if band is None:
            continue
        advert = ctx.index.adverts.get(entry.display)
        offered = advert.salary if advert and advert.salary else None
        where: tuple[int, int] | None = None
        if offered is None and entry.document is not None:
            mentions = [m for m in salary_mentions(entry.document) if m.band.unit == band.unit]
            if mentions:
                offered = mentions[0].band
                where = mentions[0].file_range()
        if offered is None or offered.unit != band.unit:
            continue
        low = offered.low if offered.low is not None else offered.high
        high = offered.high if offered.high is not None else offered.low
        if low is None or high is None:
            continue
        problems = []
        if band.low is not None and low < band.low:
            problems.append("starts below the band")
        if band.high is not None and high > band.high:
            problems.append("goes above the band")
        if not problems:
            continue
        message = (
            f"salary {offered.describe()} {' and '.join(problems)} of {claim.framework.effective_title(claim.role_level)}, "
            f"{band.describe()}"
        )
        if where is None:
            yield ctx.at_field(CODE, entry.display, "salary", message)
        else:
            yield ctx.at_offsets(CODE, entry.display, where[0], where[1], message)


RULE = declared(
    CODE,
    check=check,
    docs={
        "what": "The salary an advert offers (its `salary:` metadata, else a range such as '£55,000 to £61,000' in "
        "its text, else one amount in its pay section or in a sentence that calls it salary or pay: '£30,000 a year', "
        "'up to £35,000', 'from £45k'; not a joining bonus, funding or a budget) starts below or goes above the pay "
        "band of its role level, in the same currency and period.",
        "why": "Pay outside the band is unfair to the people already at that level, or a sign that the advert is "
        "really for another level.",
        "example": "---\nrole: product-manager\nlevel: senior   # band 53,000-63,000\n"
        "salary: {min: 60000, max: 70000, currency: GBP}\n---",
        "use_instead": "---\nrole: product-manager\nlevel: senior\nsalary: {min: 55000, max: 61000, currency: GBP}\n---",
        "references": [],
    },
)
