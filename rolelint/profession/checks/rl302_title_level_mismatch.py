"""RL302: a title whose seniority disagrees with the level it is declared at."""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.base import declared
from rolelint.profession.checks._helpers import issue_reports
from rolelint.profession.checks._titles import advert_title_reports, judge_title
from rolelint.profession.context import CheckContext, Report
from rolelint.profession.issues import PathwayIssue
from rolelint.profession.model import Framework
from rolelint.profession.titles import accepted_groups, groups_in, seniority_words

CODE = "RL302"


def framework_title_issues(framework: Framework) -> list[PathwayIssue]:
    """Framework level titles whose seniority word is the word of another level of the same track.

    A framework level's title is what every role level at that level is called when it sets no title
    of its own, so a slip there mislabels every such role level. The words a level may use are its
    id's and its synonyms' (its title being what is judged); a word no other level of the track uses
    names nothing else, and is the framework's to choose."""
    found = []
    for level in framework.levels:
        accepted = groups_in(level.id.replace("-", " "))
        for synonym in level.synonyms:
            accepted |= groups_in(synonym)
        for word in seniority_words(level.title):
            if word.group in accepted:
                continue
            owner = next(
                (
                    other
                    for other in framework.levels
                    if other is not level
                    and other.track == level.track
                    and word.group in accepted_groups(framework, None, other.id)
                ),
                None,
            )
            if owner is not None:
                found.append(
                    PathwayIssue(
                        CODE,
                        f"the title '{level.title}' of level `{level.id}` says '{word.word}', the word of level "
                        f"`{owner.id}` ({owner.title}); role levels at `{level.id}` that set no title inherit it",
                        framework.display,
                        f"{level.path}.title",
                        level.id,
                    )
                )
                break
    return found


def check(ctx: CheckContext) -> Iterator[Report | None]:
    for framework in ctx.target_frameworks():
        yield from issue_reports(ctx, framework_title_issues(framework))
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


RULE = declared(
    CODE,
    check=check,
    docs={
        "what": "A job title whose seniority word (junior, associate, senior, lead, principal, staff, head) "
        "disagrees with the level it is declared at, or that is the title of another level of the role. "
        "Titles are checked on adverts, on role levels, and on the framework's own levels (which role levels "
        "inherit when they set no title): there, a word that is another level's of the same track.",
        "why": "Candidates judge an opening by its title. A 'Senior' advert at the lead level undersells the job "
        "and its pay; a 'Lead' title on a senior role promises what the pathway does not give.",
        "example": "---\ntitle: Senior product manager\nrole: product-manager\nlevel: lead\n---",
        "use_instead": "---\ntitle: Lead product manager\nrole: product-manager\nlevel: lead\n---",
        "references": [],
    },
)
