"""Title checks shared by RL302 (title vs level) and RL303 (unknown title)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from rolelint.profession.claims import heading_range
from rolelint.profession.context import CheckContext, Report
from rolelint.profession.index import IndexEntry
from rolelint.profession.model import Framework, Role
from rolelint.profession.titles import (
    accepted_groups,
    core_title,
    groups_in,
    level_titles,
    seniority_words,
    without_seniority,
)


@dataclass(frozen=True)
class TitleVerdict:
    kind: str  # ok | mismatch | unknown
    message: str
    suggestion: str | None = None


def advert_title(
    ctx: CheckContext, entry: IndexEntry, code: str, message: str, suggestion: str | None = None
) -> Report | None:
    """A finding on the advert's title: the front-matter `title`, else the first heading."""
    if isinstance(entry.data.get("title"), str):
        return ctx.at_field(code, entry.display, "title", message, suggestion=suggestion)
    if entry.document is None:
        return None
    start, end = heading_range(entry.document)
    return ctx.at_offsets(code, entry.display, start, end, message, suggestion=suggestion)


def advert_title_text(entry: IndexEntry) -> str | None:
    title = entry.data.get("title")
    return title if isinstance(title, str) and title.strip() else entry.heading


def advert_title_reports(ctx: CheckContext, code: str, kind: str) -> Iterator[Report | None]:
    """A finding on the title of each advert whose title fits its claimed role level as ``kind`` says
    ("mismatch": RL302, "unknown": RL303)."""
    for entry, claim in ctx.claimed_role_levels():
        title = advert_title_text(entry)
        if title:
            verdict = judge_title(claim.framework, claim.role, claim.level, title)
            if verdict.kind == kind:
                yield advert_title(ctx, entry, code, verdict.message, verdict.suggestion)


def apply_terminology(title: str, framework: Framework) -> str:
    lowered = title.lower()
    for term in framework.terms:
        for avoid in term.avoid:
            lowered = lowered.replace(avoid.lower(), term.preferred.lower())
    return lowered


def judge_title(framework: Framework, role: Role, level_id: str, title: str, *, own: bool = False) -> TitleVerdict:
    """Does ``title`` fit ``role`` at ``level_id``? ``own`` is True for a role level's own `title:`."""
    role_words = groups_in(role.title)
    words = [w for w in seniority_words(title) if w.group not in role_words]
    if own:
        accepted = accepted_groups(framework, None, level_id) or set()
        role_level = role.level(level_id)
        for synonym in role_level.synonyms if role_level else ():
            accepted |= groups_in(synonym)
    else:
        accepted = accepted_groups(framework, role, level_id) or set()
    stray = [w for w in words if w.group not in accepted and not _step_within_role(framework, role, level_id, title, w)]
    if stray:
        better = _levels_with(framework, role, {w.group for w in stray}, own=own)
        hint = f"; '{stray[0].word}' is the word of level {better}" if better else ""
        level = framework.level(level_id)
        expected = f"{', '.join(sorted(accepted))}" if accepted else "no seniority word"
        return TitleVerdict(
            "mismatch",
            f"'{title}' says '{stray[0].word}', but level `{level_id}`"
            f"{f' ({level.title})' if level else ''} uses {expected}{hint}",
        )
    if own:
        return TitleVerdict("ok", "")
    wanted = core_title(apply_terminology(title, framework))
    role_level = role.level(level_id)
    if role_level is None:
        return TitleVerdict("ok", "")
    known = level_titles(framework, role, role_level)
    if wanted in {core_title(t) for t in known}:
        return TitleVerdict("ok", "")
    for other in role.levels:
        if other.level != level_id and wanted in {core_title(t) for t in level_titles(framework, role, other)}:
            return TitleVerdict(
                "mismatch",
                f"'{title}' is the title of level `{other.level}`, not of `{level_id}`",
                framework.effective_title(role_level),
            )
    best = framework.effective_title(role_level)
    shown = ", ".join(f"'{t}'" for t in dict.fromkeys(known)) or f"'{best}'"
    return TitleVerdict(
        "unknown",
        f"'{title}' is not a title that framework `{framework.id}` gives role "
        f"`{role.id}` at level `{level_id}` (known: {shown})",
        best,
    )


# Seniority words that put a title above, or below, the same title without them.
_UP = frozenset({"senior", "staff", "lead", "principal", "head"})
_DOWN = frozenset({"trainee", "junior", "associate", "graduate"})


def _step_within_role(framework: Framework, role: Role, level_id: str, title: str, word) -> bool:
    """Does ``word`` place ``title`` relative to another title of the role's own pathway, correctly?

    A role's pathway can hold a ladder of its own: 'Operations analyst', then 'Senior operations
    analyst', then 'Operational control manager'. There 'senior' says "a step above Operations analyst",
    not "the framework's senior level". So when the title without its seniority words is the title of
    another level of the role, and that title is not the role's own name (for which the framework's
    levels speak), the word is right if this level is above (or, for 'junior' and the like, below) it."""
    base = without_seniority(title)
    if not base or base == without_seniority(role.title):
        return False
    here = framework.level(level_id)
    if here is None or (word.group not in _UP and word.group not in _DOWN):
        return False
    for other in role.levels:
        level = framework.level(other.level)
        if other.level == level_id or level is None or level.track != here.track or not other.title:
            continue
        if not groups_in(other.title) and without_seniority(other.title) == base:
            return here.rank > level.rank if word.group in _UP else here.rank < level.rank
    return False


def _levels_with(framework: Framework, role: Role, groups: set[str], *, own: bool) -> str | None:
    for role_level in role.levels:
        if groups <= (accepted_groups(framework, None if own else role, role_level.level) or set()):
            return f"`{role_level.level}`"
    for level in framework.levels:
        if groups <= (accepted_groups(framework, None, level.id) or set()):
            return f"`{level.id}`"
    return None
