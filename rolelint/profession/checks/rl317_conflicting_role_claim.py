"""RL317: an advert's title, metadata and DDaT links point at different role levels."""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.base import declared
from rolelint.profession.context import CheckContext, Report

CODE = "RL317"


def check(ctx: CheckContext) -> Iterator[Report | None]:
    for entry in ctx.target_entries("advert"):
        claim = ctx.claim(entry)
        if claim is None or not claim.conflicts:
            continue
        if claim.role is None:
            yield from _tie(ctx, entry, claim)
            continue
        chosen = f"`{claim.role.id}`" + (f" at `{claim.level}`" if claim.level else "")
        given = entry.document is not None and bool(entry.document.given_keys)
        basis = (
            ("the role level given with it" if given else "the front matter")
            if claim.source == "metadata"
            else " and ".join(dict.fromkeys(e.what for e in claim.evidence)) or "the rest of the advert"
        )
        for conflict in claim.conflicts:
            other = f"`{conflict.role.id}`" + (f" at `{conflict.level}`" if conflict.level else "")
            yield ctx.at_offsets(
                CODE,
                entry.display,
                conflict.start,
                conflict.end,
                f"{conflict.what} points at {other}, but {basis} says {chosen}",
            )


def _point(item) -> str:
    return f"`{item.role.id}`" + (f" at `{item.level}`" if item.level else "")


def _tie(ctx: CheckContext, entry, claim) -> Iterator[Report | None]:
    """Evidence that ties: each piece names the role levels the others point at, so whichever is wrong
    can be fixed where it is written."""
    for conflict in claim.conflicts:
        others = [item for item in claim.conflicts if item.what != conflict.what]
        against = " and ".join(dict.fromkeys(f"{item.what} points at {_point(item)}" for item in others))
        yield ctx.at_offsets(
            CODE,
            entry.display,
            conflict.start,
            conflict.end,
            f"{conflict.what} points at {_point(conflict)}, but {against}: rolelint cannot tell "
            "which role level this advert is for; correct the one that is wrong, or add `role:` "
            "and `level:` front matter",
        )


RULE = declared(
    CODE,
    check=check,
    docs={
        "what": "An advert's front matter, title and links to DDaT role pages do not agree on the role level. When "
        "they tie (a title and a link that name different role levels, each with the same weight), every "
        "piece of evidence in the tie is reported, naming what the others point at.",
        "why": "Candidates read the linked role page to understand the job; if it describes a different role or "
        "level, they apply for the wrong job or not at all.",
        "example": "# Senior DevOps engineer\nThis role aligns with [Senior developer](https://ddat-capability-"
        "framework.service.gov.uk/role/software-developer#senior-developer)",
        "use_instead": "# Senior DevOps engineer\nThis role aligns with [Senior DevOps engineer](https://ddat-"
        "capability-framework.service.gov.uk/role/development-operations-devops-engineer"
        "#senior-devops-engineer)",
        "references": [],
    },
)
