"""RL312: two roles with near-identical content under different titles.

Roles are compared by MinHash signatures of their word shingles, bucketed by locality-sensitive
hashing, so only roles that share a bucket are compared: the cost grows with the number of roles,
not with the number of pairs.
"""

from __future__ import annotations

import hashlib
from typing import Iterator

import numpy as np

from rolelint.diagnostics import Severity
from rolelint.profession.base import ProfessionRule, RuleOption
from rolelint.profession.context import CheckContext, Report
from rolelint.profession.model import Role
from rolelint.profession.text import normalise, terms

CODE = "RL312"
PERMUTATIONS = 64
BANDS = 16  # 4 rows a band: pairs above ~0.5 Jaccard similarity very likely share a band
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20260)
_A = _rng.integers(1, _PRIME, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=PERMUTATIONS, dtype=np.uint64)
MIN_SHINGLES = 8


def shingles(role: Role) -> set[str]:
    texts = [role.description, *role.responsibilities]
    out: set[str] = set()
    for role_level in role.levels:
        texts += [role_level.description, *role_level.responsibilities]
        out |= {f"skill:{skill}={proficiency}" for skill, proficiency in role_level.skills.items()}
    for text in texts:
        words = terms(text)
        out |= {" ".join(words[i:i + 3]) for i in range(max(len(words) - 2, 1))} if words else set()
    return out


def signature(items: set[str]) -> np.ndarray:
    hashed = np.array([int.from_bytes(hashlib.blake2b(s.encode(), digest_size=7).digest(), "big") for s in items],
                      dtype=np.uint64)
    # (a*x + b) mod p with 64-bit wrap-around is not a true universal hash, but it mixes well enough here.
    mixed = (np.outer(_A, hashed) + _B[:, None]) % np.uint64(_PRIME)
    return mixed.min(axis=1)


def similar_pairs(roles: list[Role], min_similarity: float) -> list[tuple[Role, Role, float]]:
    sets = {}
    buckets: dict[tuple, list[int]] = {}
    rows = PERMUTATIONS // BANDS
    for i, role in enumerate(roles):
        items = shingles(role)
        if len(items) < MIN_SHINGLES:
            continue
        sets[i] = items
        sig = signature(items)
        for band in range(BANDS):
            buckets.setdefault((band, sig[band * rows:(band + 1) * rows].tobytes()), []).append(i)
    candidates: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > 1:
            candidates |= {(a, b) for x, a in enumerate(members) for b in members[x + 1:]}
    out = []
    for a, b in sorted(candidates):
        union = len(sets[a] | sets[b])
        share = len(sets[a] & sets[b]) / union if union else 0.0
        if share >= min_similarity:
            out.append((roles[a], roles[b], share))
    return out


def check(ctx: CheckContext) -> Iterator[Report | None]:
    targets = {id(r) for r in ctx.target_roles()}
    if not targets:
        return
    roles = list(ctx.index.roles.values())
    for first, second, share in similar_pairs(roles, ctx.options[CODE]["min_similarity"]):
        if normalise(first.title) == normalise(second.title):
            continue
        for role, other in ((first, second), (second, first)):
            if id(role) in targets:
                yield ctx.at_field(CODE, role.display, role.field("title"),
                                   f"role `{role.id}` ('{role.title}') has {share:.0%} of its content in common with "
                                   f"`{other.id}` ('{other.title}') in {other.display}: the same job under two names?")


RULE = ProfessionRule(
    code=CODE,
    name="duplicate-role",
    severity=Severity.WARNING,
    check=check,
    options={"min_similarity": RuleOption("number", 0.8, "Share of content (Jaccard similarity of word triples and "
                                          "skill levels) above which two roles count as duplicates",
                                          minimum=0.3, maximum=1)},
    docs={
        "what": "Two roles with different titles whose responsibilities, descriptions and skills are nearly the same.",
        "why": "The same job under two names splits its people across two pathways, and candidates cannot tell "
               "the openings apart.",
        "example": "roles/product-owner.yaml and roles/product-manager.yaml with the same levels and duties",
        "use_instead": "Keep one role; list the other title as a synonym of its levels.",
        "references": [],
    },
)
