"""RL312: two roles with near-identical content under different titles.

Roles are compared by MinHash signatures of their word shingles (kept in the index cache), bucketed
by locality-sensitive hashing (rolelint.profession.minhash), so only roles that share a bucket with a
role being checked are compared: the cost grows with the number of roles, not with the number of pairs.
"""

from __future__ import annotations

from typing import Hashable, Iterator

from rolelint.profession.base import RuleOption, declared
from rolelint.profession.context import CheckContext, Report
from rolelint.profession.features import minhash
from rolelint.profession.minhash import candidate_pairs, shingles
from rolelint.profession.text import normalise

CODE = "RL312"


def check(ctx: CheckContext) -> Iterator[Report | None]:
    targets = {role.key for role in ctx.target_roles()}
    if not targets:
        return
    signatures: dict[Hashable, str] = {}
    sets: dict[tuple[str, str], set[str]] = {}  # shingles, of the roles compared exactly
    for key, role in ctx.index.roles.items():
        value = minhash(ctx.index, role, shingled=sets)
        if value is not None:
            signatures[key] = value
    min_similarity = ctx.options[CODE]["min_similarity"]
    for a, b in candidate_pairs(signatures, targets):
        first, second = ctx.index.roles[a], ctx.index.roles[b]
        for key, role in ((a, first), (b, second)):
            if key not in sets:
                sets[key] = shingles(role)
        union = len(sets[a] | sets[b])
        share = len(sets[a] & sets[b]) / union if union else 0.0
        if share < min_similarity or normalise(first.title) == normalise(second.title):
            continue
        for role, other in ((first, second), (second, first)):
            if role.key in targets:
                yield ctx.at_field(
                    CODE,
                    role.display,
                    role.field("title"),
                    f"role `{role.id}` ('{role.title}') has {share:.0%} of its content in common with "
                    f"`{other.id}` ('{other.title}') in {other.display}: the same job under two names?",
                )


RULE = declared(
    CODE,
    check=check,
    options={
        "min_similarity": RuleOption(
            "number",
            0.8,
            "Share of content (Jaccard similarity of word triples and "
            "skill levels) above which two roles count as duplicates",
            minimum=0.3,
            maximum=1,
        )
    },
    docs={
        "what": "Two roles with different titles whose responsibilities, descriptions and skills are nearly the same.",
        "why": "The same job under two names splits its people across two pathways, and candidates cannot tell "
        "the openings apart.",
        "example": "roles/product-owner.yaml and roles/product-manager.yaml with the same levels and duties",
        "use_instead": "Keep one role; list the other title as a synonym of its levels.",
        "references": [],
    },
)
