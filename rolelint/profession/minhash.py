"""MinHash signatures of roles and locality-sensitive hashing: near-duplicates without comparing every pair.

A role's shingles are its word triples and skill levels. 64 hash functions give a signature whose
entries agree between two roles with probability equal to the Jaccard similarity of their shingles;
cut into 16 bands of 4 rows, two roles that share any band become a candidate pair (pairs above
~0.5 Jaccard very likely do), and only candidates are compared exactly.
"""

from __future__ import annotations

import hashlib
from typing import Hashable, Iterable

import numpy as np

from rolelint.profession.model import Role
from rolelint.profession.text import terms

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
MIN_SHINGLES = 8  # fewer shingles than this say too little to call two roles the same
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20260)
_A = _rng.integers(1, _PRIME, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=PERMUTATIONS, dtype=np.uint64)


def shingles(role: Role) -> set[str]:
    texts = [role.description, *role.responsibilities]
    out: set[str] = set()
    for role_level in role.levels:
        texts += [role_level.description, *role_level.responsibilities]
        out |= {f"skill:{skill}={proficiency}" for skill, proficiency in role_level.skills.items()}
    for text in texts:
        words = terms(text)
        out |= {" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))} if words else set()
    return out


SIGNATURE_LENGTH = PERMUTATIONS * 16  # hex digits: 16 a hash
_BAND = ROWS * 16


def signature(items: set[str]) -> str:
    """The signature as hex text: 64 hashes of 16 digits, so that it is stored and cut into bands as is."""
    hashed = np.array(
        [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=7).digest(), "big") for s in items], dtype=np.uint64
    )
    # (a*x + b) mod p with 64-bit wrap-around is not a true universal hash, but it mixes well enough here.
    mixed = (np.outer(_A, hashed) + _B[:, None]) % np.uint64(_PRIME)
    return mixed.min(axis=1).astype(">u8").tobytes().hex()


def candidate_pairs(signatures: dict[Hashable, str], targets: Iterable[Hashable] | None = None) -> list[tuple]:
    """Pairs of keys that share a band, sorted in the order the keys were given. With ``targets``, only
    pairs with at least one target in them: the work then grows with the targets' buckets."""
    order = {key: i for i, key in enumerate(signatures)}
    wanted = None if targets is None else set(targets)
    buckets: dict[tuple, list] = {}
    for key, sig in signatures.items():
        for band in range(BANDS):
            buckets.setdefault((band, sig[band * _BAND : (band + 1) * _BAND]), []).append(key)
    pairs: set[tuple] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        if wanted is None:  # members are in the keys' order already
            pairs.update((a, b) for x, a in enumerate(members) for b in members[x + 1 :])
            continue
        for a in (m for m in members if m in wanted):
            pairs.update((a, b) if order[a] < order[b] else (b, a) for b in members if b != a)
    return sorted(pairs, key=lambda pair: (order[pair[0]], order[pair[1]]))
