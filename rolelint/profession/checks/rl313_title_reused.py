"""RL313: one title used for different roles of a framework."""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.base import declared
from rolelint.profession.context import CheckContext, Report
from rolelint.profession.model import Role
from rolelint.profession.titles import core_title

CODE = "RL313"


def _titles(role: Role) -> list[tuple[str, str]]:
    """(title, field path) of every title the role declares itself."""
    out = [(role.title, role.field("title"))]
    for role_level in role.levels:
        if role_level.title:
            out.append((role_level.title, f"{role_level.path}.title"))
        out += [(s, f"{role_level.path}.synonyms") for s in role_level.synonyms]
    return out


def check(ctx: CheckContext) -> Iterator[Report | None]:
    targets = list(ctx.target_roles())
    if not targets:
        return
    owners: dict[tuple[str, str], dict[str, Role]] = {}
    for role in ctx.index.roles.values():
        for title, _ in _titles(role):
            owners.setdefault((role.framework, core_title(title)), {})[role.id] = role
    for role in targets:
        reported: set[str] = set()
        for title, path in _titles(role):
            key = core_title(title)
            others = [r for rid, r in owners.get((role.framework, key), {}).items() if rid != role.id]
            if others and key not in reported:
                reported.add(key)
                names = ", ".join(f"`{r.id}` ({r.display})" for r in others)
                yield ctx.at_field(
                    CODE,
                    role.display,
                    path,
                    f"the title '{title}' is also used by {names}: one title should name one role",
                )


RULE = declared(
    CODE,
    check=check,
    docs={
        "what": "A title (a role's title, a role level's title or synonym) that another role of the same framework "
        "also uses.",
        "why": "An advert with that title could be for either role, and the checks that infer a role level from a "
        "title cannot tell which.",
        "example": "roles/analyst.yaml: title: Data analyst\nroles/reporting.yaml: title: Data analyst",
        "use_instead": "roles/reporting.yaml: title: Reporting analyst",
        "references": [],
    },
)
