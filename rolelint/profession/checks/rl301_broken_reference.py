"""RL301: a reference to a framework, role, level, family, skill or proficiency that is not defined."""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.base import declared
from rolelint.profession.checks._helpers import did_you_mean
from rolelint.profession.context import CheckContext, Report
from rolelint.profession.model import Framework, Role

CODE = "RL301"


def check(ctx: CheckContext) -> Iterator[Report | None]:
    index = ctx.index
    for duplicate in index.duplicates:
        for display, path, other in (
            (duplicate.display, duplicate.path, duplicate.first_display),
            (duplicate.first_display, duplicate.first_path, duplicate.display),
        ):
            if ctx.is_target(display):
                yield ctx.at_field(
                    CODE,
                    display,
                    path,
                    f"{duplicate.kind} id `{duplicate.id}` is also defined in {other}; references to it are ambiguous",
                )
    for framework in ctx.target_frameworks():
        for level_id, path in framework.duplicate_levels:
            yield ctx.at_field(
                CODE, framework.display, path, f"level id `{level_id}` is defined twice in this framework"
            )
        for skill_id, path in framework.duplicate_skills:
            yield ctx.at_field(
                CODE, framework.display, path, f"skill id `{skill_id}` is defined twice in this framework"
            )
    for role in ctx.target_roles():
        yield from _check_role(ctx, role)
    for entry in ctx.target_entries("advert"):
        yield from _check_advert(ctx, entry)


def _check_role(ctx: CheckContext, role: Role) -> Iterator[Report | None]:
    framework = ctx.index.frameworks.get(role.framework)
    if framework is None:
        yield ctx.at_field(
            CODE,
            role.display,
            role.field("framework"),
            f"role `{role.id}` names framework `{role.framework}`, which is not defined in the index"
            + did_you_mean(role.framework, ctx.index.frameworks),
        )
        return
    if role.family and role.family not in framework.families:
        known = ", ".join(f"`{f}`" for f in sorted(framework.families)) or "none"
        yield ctx.at_field(
            CODE,
            role.display,
            role.field("family"),
            f"family `{role.family}` is not a family of framework `{framework.id}` (families: {known})"
            + did_you_mean(role.family, framework.families),
        )
    for role_level in role.levels:
        if framework.level(role_level.level) is None:
            yield ctx.at_field(
                CODE,
                role.display,
                f"{role_level.path}.level",
                f"level `{role_level.level}` is not a level of framework `{framework.id}`"
                + did_you_mean(role_level.level, [lv.id for lv in framework.levels]),
            )
        yield from _check_skills(ctx, framework, role.display, f"{role_level.path}.skills", role_level.skills)


def _check_skills(
    ctx: CheckContext, framework: Framework, display: str, path: str, skills: dict
) -> Iterator[Report | None]:
    names = {s.name.lower(): s.id for s in framework.skills.values()}
    for skill_id, proficiency in skills.items():
        if skill_id not in framework.skills:
            hint = did_you_mean(skill_id, framework.skills)
            if not hint and skill_id.replace("-", " ") in names:
                hint = f"; did you mean `{names[skill_id.replace('-', ' ')]}`?"
            yield ctx.at_field(
                CODE,
                display,
                f"{path}.{skill_id}",
                f"skill `{skill_id}` is not in the skill catalogue of framework `{framework.id}`" + hint,
                key=True,
            )
        if proficiency is not None and framework.proficiency_rank(proficiency) is None:
            yield ctx.at_field(
                CODE,
                display,
                f"{path}.{skill_id}",
                f"proficiency {proficiency!r} is not on the scale of framework `{framework.id}` "
                f"({' < '.join(framework.scale)})" + did_you_mean(str(proficiency), framework.scale),
            )


def _check_advert(ctx: CheckContext, entry) -> Iterator[Report | None]:
    advert = ctx.index.adverts.get(entry.display)
    if advert is None:
        return
    index = ctx.index
    framework = index.frameworks.get(advert.framework) if advert.framework else None
    if advert.framework and framework is None:
        yield ctx.at_field(
            CODE,
            entry.display,
            "framework",
            f"framework `{advert.framework}` is not defined in the index"
            + did_you_mean(advert.framework, index.frameworks),
        )
        return
    role = None
    if advert.role and not framework and not index.roles:
        # No framework in the run defines any role, so there is nothing the id could refer to: a
        # site's own `role:` key ("role: manager", a team page's category), not a broken reference.
        return
    if advert.role:
        pool = index.roles_of(framework.id) if framework else list(index.roles.values())
        matches = [r for r in pool if r.id == advert.role]
        if not matches:
            where = f"framework `{framework.id}`" if framework else "the index"
            yield ctx.at_field(
                CODE,
                entry.display,
                "role",
                f"role `{advert.role}` is not defined in {where}" + did_you_mean(advert.role, [r.id for r in pool]),
            )
            return
        if len(matches) > 1:
            yield ctx.at_field(
                CODE,
                entry.display,
                "role",
                f"role `{advert.role}` is defined in several frameworks "
                f"({', '.join(sorted(r.framework for r in matches))}); add `framework:` to say which",
            )
            return
        role = matches[0]
        framework = framework or index.frameworks.get(role.framework)
    if advert.level and framework is not None:
        if framework.level(advert.level) is None:
            yield ctx.at_field(
                CODE,
                entry.display,
                "level",
                f"level `{advert.level}` is not a level of framework `{framework.id}`"
                + did_you_mean(advert.level, [lv.id for lv in framework.levels]),
            )
        elif role is not None and role.level(advert.level) is None:
            yield ctx.at_field(
                CODE,
                entry.display,
                "level",
                f"role `{role.id}` has no level `{advert.level}` (it has "
                + ", ".join(f"`{lv.level}`" for lv in role.levels)
                + ")"
                + did_you_mean(advert.level, [lv.level for lv in role.levels]),
            )
    if framework is not None and advert.skills:
        yield from _check_skills(ctx, framework, entry.display, "skills", advert.skills)


RULE = declared(
    CODE,
    check=check,
    docs={
        "what": "A framework, role, level, family, skill or proficiency is referred to but not defined, "
        "or an id is defined twice. An advert's `role:` is checked only when a framework is named or "
        "some framework in the run defines roles: with none, there is nothing it could refer to (a "
        "site's own `role: manager`, the category of a team page, is not a broken reference).",
        "why": "Every other profession check follows these references. A typo in `level: snior` silently "
        "detaches an advert or a role from the pathway it belongs to.",
        "example": "kind: role\nid: product-manager\nframework: product-management\nlevels:\n"
        "  - level: snior\n    skills: {prioritisation: expret}",
        "use_instead": "kind: role\nid: product-manager\nframework: product-management\nlevels:\n"
        "  - level: senior\n    skills: {prioritisation: expert}",
        "references": [],
    },
)
