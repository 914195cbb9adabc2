"""RL316: says which role level rolelint inferred for an advert that has no role metadata."""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.base import declared
from rolelint.profession.claims import inferred_levels
from rolelint.profession.context import CheckContext, Report

CODE = "RL316"


def check(ctx: CheckContext) -> Iterator[Report | None]:
    for entry in ctx.target_entries("advert"):
        claim = ctx.claim(entry)
        if claim is None or claim.source != "inferred":
            continue
        start, end = (claim.evidence[0].start, claim.evidence[0].end) if claim.evidence else (0, 0)
        # The levels in ids and titles, as the page (Linter.inferred_role_levels) is told them too.
        named = inferred_levels(claim, ctx.index.frameworks)
        if claim.ambiguous:
            options = " or ".join(f"`{option.role}` at `{option.level}`" for option in named[:4])
            yield ctx.at_offsets(
                CODE,
                entry.display,
                start,
                end,
                f"cannot tell which role level this advert is for ({options}); add `role:` and `level:` front matter",
            )
            continue
        if not named:
            continue
        read = named[0]
        level = f", level `{read.level}`" if read.level else " (level unknown)"
        sources = " and ".join(dict.fromkeys(e.what for e in claim.evidence))
        suggestion = f"role: {read.role}" + (f"\nlevel: {read.level}" if read.level else "")
        yield ctx.at_offsets(
            CODE,
            entry.display,
            start,
            end,
            f"inferred role level: {read.title} (role `{read.role}`{level} of framework `{read.framework}`) "
            f"from {sources}",
            suggestion=suggestion,
        )


RULE = declared(
    CODE,
    check=check,
    docs={
        "what": "An advert with no `role:` metadata names a role level in its title (its first heading) or links a "
        "DDaT role page; rolelint says which role level it inferred, and checks the advert against it.",
        "why": "Drafts rarely carry metadata. Saying what was inferred lets the author confirm it, or add front "
        "matter when the guess is wrong.",
        "example": "# Senior product manager\n\nWe are looking for ...",
        "use_instead": "---\nrole: product-manager\nlevel: senior\n---\n# Senior product manager",
        "references": ["https://ddat-capability-framework.service.gov.uk/"],
    },
)
