"""Which role a statement reads like: TF-IDF profiles of roles over stemmed words and word pairs.

Each role's profile is the sum of its statements' term counts (responsibilities, descriptions, its
title and skill names), weighted by inverse role frequency, so that words every role uses ("team",
"work") count for little and words only one role uses ("sprint", "blocker") count for much. A
statement is compared with every profile by cosine similarity through an inverted index, so the cost
grows with the statement's words and how many roles use them, not with the number of role pairs.
When the statement is taken from a role, it is first removed from that role's profile (leave one
out): otherwise every role would trivially resemble its own sentences.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Hashable, Iterable

from rolelint.profession.background import background
from rolelint.profession.model import Framework, Role
from rolelint.profession.text import terms as stem_terms

Analyzer = Callable[[str], list[str]]


def features(text: str, analyzer: Analyzer = stem_terms) -> Counter:
    """Stems plus adjacent stem pairs ("sprint ceremony"), which carry more meaning than either word."""
    words = analyzer(text)
    counts = Counter(words)
    counts.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    return counts


def role_statements(role: Role, framework: Framework | None) -> list[str]:
    """The texts that make up a role's profile."""
    texts = [role.title, role.description, *role.responsibilities]
    for role_level in role.levels:
        texts += [role_level.description, *role_level.responsibilities]
        if framework is not None:
            texts += [framework.skills[s].name for s in role_level.skills if s in framework.skills]
    return [t for t in texts if t]


@dataclass(frozen=True)
class Resemblance:
    role: Hashable
    score: float
    shared: tuple[str, ...]  # the statement's terms that weigh most in the role's profile


class RoleProfiles:
    """TF-IDF profiles of a set of roles, keyed by anything hashable."""

    def __init__(self, statements: dict[Hashable, list[str]], analyzer: Analyzer = stem_terms, *,
                 use_background: bool = True):
        self.analyzer = analyzer
        self.counts: dict[Hashable, Counter] = {}
        for key, texts in statements.items():
            total: Counter = Counter()
            for text in texts:
                total.update(features(text, analyzer))
            self.counts[key] = total
        df: Counter = Counter()
        for total in self.counts.values():
            df.update(total.keys())
        n = len(self.counts)
        extra_n, extra_df = background() if use_background else (0, {})
        self.idf = {term: math.log((1 + n + extra_n) / (1 + count + extra_df.get(term, 0))) + 1.0
                    for term, count in df.items()}
        self.norm2: dict[Hashable, float] = {}
        self.postings: dict[str, list[tuple[Hashable, float]]] = {}
        for key, total in self.counts.items():
            norm2 = 0.0
            for term, count in total.items():
                weight = count * self.idf[term]
                norm2 += weight * weight
                self.postings.setdefault(term, []).append((key, weight))
            self.norm2[key] = norm2

    def vector(self, text: str) -> Counter:
        return features(text, self.analyzer)

    def resemblances(self, text: str, *, own: Hashable | None = None, leave_out: Iterable[str] = (),
                     among: set | None = None) -> list[Resemblance]:
        """Roles ordered by similarity to ``text``. ``own`` is the role the text was taken from and
        ``leave_out`` the texts to remove from its profile first (the statement and its copies)."""
        query = self.vector(text)
        weights = {t: c * self.idf[t] for t, c in query.items() if t in self.idf}
        qnorm = math.sqrt(sum(w * w for w in weights.values()))
        if qnorm == 0:
            return []
        removed: Counter = Counter()
        for item in leave_out:
            removed.update(self.vector(item))
        dots: dict[Hashable, float] = {}
        contributions: dict[Hashable, list[tuple[float, str]]] = {}
        for term, qweight in weights.items():
            for key, weight in self.postings.get(term, ()):
                if among is not None and key not in among:
                    continue
                if key == own and removed:
                    weight = (self.counts[key][term] - removed.get(term, 0)) * self.idf[term]
                    if weight <= 0:
                        continue
                dots[key] = dots.get(key, 0.0) + qweight * weight
                contributions.setdefault(key, []).append((qweight * weight, term))
        out = []
        for key, dot in dots.items():
            norm2 = self.norm2[key]
            if key == own and removed:
                norm2 = self._norm2_without(key, removed)
            if norm2 <= 0:
                continue
            shared = tuple(t for _, t in sorted(contributions[key], reverse=True)[:4])
            out.append(Resemblance(key, dot / (qnorm * math.sqrt(norm2)), shared))
        out.sort(key=lambda r: -r.score)
        return out

    def distinct_terms(self, text: str, other: Hashable, claimed: Hashable, leave_out: Iterable[str] = ()) -> tuple[str, ...]:
        """Single stems of ``text`` that ``other``'s profile uses and ``claimed``'s does not."""
        claimed_counts = self.counts.get(claimed, {})
        removed: Counter = Counter()
        for item in leave_out:
            removed.update(self.vector(item))
        other_counts = self.counts.get(other, {})
        return tuple(t for t in self.vector(text) if " " not in t and other_counts.get(t, 0) > 0
                     and claimed_counts.get(t, 0) - removed.get(t, 0) <= 0)

    def _norm2_without(self, key: Hashable, removed: Counter) -> float:
        norm2 = self.norm2[key]
        counts = self.counts[key]
        for term, count in removed.items():
            if term in counts:
                idf2 = self.idf[term] ** 2
                left = max(counts[term] - count, 0)
                norm2 += (left * left - counts[term] * counts[term]) * idf2
        return norm2


@dataclass(frozen=True)
class BlurVerdict:
    blurred: bool
    own: float  # similarity to the claimed role
    other: Resemblance | None  # the most similar other role
    distinct: tuple[str, ...]  # stems the statement shares with the other role that the claimed role never uses


def decide(own: float, other: float, distinct: int, *, min_similarity: float, ratio: float, min_distinct: int) -> bool:
    """A statement blurs into another role when that role resembles it at all (``min_similarity``),
    clearly more than the claimed role does (``ratio`` times), and on the strength of at least
    ``min_distinct`` words the claimed role never uses. The last condition matters most for precision
    (measured on DDaT: at equal recall, precision rises from about 0.80 to 0.85-0.89)."""
    return other >= min_similarity and other >= ratio * own and distinct >= min_distinct


def judge(profiles: RoleProfiles, text: str, claimed: Hashable, *, own: Hashable | None = None,
          leave_out: Iterable[str] = (), among: set | None = None, min_similarity: float, ratio: float,
          min_distinct: int = 1) -> BlurVerdict:
    leave_out = list(leave_out)
    ranked = profiles.resemblances(text, own=own, leave_out=leave_out, among=among)
    own_score = next((r.score for r in ranked if r.role == claimed), 0.0)
    other = next((r for r in ranked if r.role != claimed), None)
    if other is None:
        return BlurVerdict(False, own_score, None, ())
    distinct = profiles.distinct_terms(text, other.role, claimed, leave_out if own == claimed else ())
    blurred = decide(own_score, other.score, len(distinct), min_similarity=min_similarity, ratio=ratio,
                     min_distinct=min_distinct)
    return BlurVerdict(blurred, own_score, other, distinct)
