"""Text features of roles for the similarity rules (RL312, RL314), kept in the index cache.

Tokenising every role of a large repo on every run is what made the similarity rules slow, so a
role's features are computed once and stored with its index entry, valid while its file's hash is
unchanged: the stem and stem-pair counts of its own texts (the TF-IDF profile before weighting) and
the MinHash signature of its shingles. Skill names belong to the framework, so they are counted
when the profiles are put together, not stored with the role.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any, Hashable

from rolelint.profession.index import ProfessionIndex
from rolelint.profession.minhash import MIN_SHINGLES, SIGNATURE_LENGTH, shingles, signature
from rolelint.profession.model import Role
from rolelint.profession.similarity import RoleProfiles, features, role_texts, skill_names
from rolelint.profession.vocabulary import role_terms

# Bump when what is stored changes meaning (the stemmer, the shingles, the hash functions).
FORMAT = 2


def _stored(index: ProfessionIndex, role: Role) -> dict[str, Any]:
    stored = index.role_features(role)
    if stored.get("v") != FORMAT:
        stored.clear()
        stored["v"] = FORMAT
    return stored


def own_counts(index: ProfessionIndex, role: Role) -> dict[str, int]:
    """Stem and stem-pair counts of the role's own texts."""
    stored = _stored(index, role)
    counts = stored.get("counts")
    if not isinstance(counts, dict) or not all(type(v) is int for v in counts.values()):
        total: Counter = Counter()
        for text in role_texts(role):
            total.update(features(text))
        counts = stored["counts"] = dict(total)
        index.features_changed()
    return counts


def minhash(index: ProfessionIndex, role: Role, *, shingled: dict | None = None) -> str | None:
    """The role's MinHash signature, or None when it has too few shingles to compare. When the
    signature has to be computed, the role's shingles are left in ``shingled`` (by role key)."""
    stored = _stored(index, role)
    value = stored.get("minhash", False)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) != SIGNATURE_LENGTH:
        items = shingles(role)
        if shingled is not None:
            shingled[role.key] = items
        value = stored["minhash"] = signature(items) if len(items) >= MIN_SHINGLES else None
        index.features_changed()
    return value


def role_profiles(index: ProfessionIndex, *, indexed: set | None = None) -> RoleProfiles:
    """TF-IDF profiles of every role of the index: its own texts, its levels' skill names and the
    profession vocabulary of its kind of role (rolelint.profession.vocabulary). Only the roles in
    ``indexed`` (default: all) can be compared with; each profile depends on its own role alone.
    Kept with the index (``derived``) for the next run over the same roles."""
    key = ("role-profiles", frozenset(indexed) if indexed is not None else None)
    if key not in index.derived:
        if len(index.derived) > 64:
            index.derived.clear()
        index.derived[key] = _role_profiles(index, indexed)
    return index.derived[key]


def _role_profiles(index: ProfessionIndex, indexed: set | None) -> RoleProfiles:
    counts: dict[Hashable, Counter] = {}
    for key, role in index.roles.items():
        if indexed is not None and key not in indexed:
            continue
        total = Counter(own_counts(index, role))
        framework = index.frameworks.get(role.framework)
        for name in skill_names(role, framework):
            total.update(_name_features(name))
        for term in role_terms(role.id, role.title, framework.vocabulary if framework else ()):
            total.update(_name_features(term))
        counts[key] = total
    return RoleProfiles.from_counts(counts, indexed=indexed)


@lru_cache(maxsize=4096)
def _name_features(name: str) -> Counter:
    return features(name)
