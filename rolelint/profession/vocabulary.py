"""The profession vocabulary: practices, artefacts and methods typical of each kind of role.

A framework rarely names what every practitioner knows is a delivery manager's work (burndown
charts, RAID logs) or a user researcher's (discussion guides, affinity mapping), so a word model built
from its text alone cannot tell whose duty those are. rolelint ships a vocabulary of such terms
(``data/vocabulary.yaml``), and a framework may add its own under ``vocabulary:``. Each entry names
the roles it belongs to by title (a role whose title is or contains one of ``titles``) or by id
(``roles:``, in a framework's own entries); its terms join those roles' RL314 profiles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from rolelint.profession.text import normalise

DATA = Path(__file__).with_name("data") / "vocabulary.yaml"


@dataclass(frozen=True)
class VocabularyEntry:
    id: str
    terms: tuple[str, ...]
    titles: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()  # role ids (a framework's own entries)

    def applies_to(self, role_id: str, title: str) -> bool:
        if role_id in self.roles:
            return True
        padded = f" {normalise(title)} "
        return any(f" {normalise(t)} " in padded for t in self.titles)


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


def entries_from(raw: Any) -> tuple[VocabularyEntry, ...]:
    """Entries from a list of mappings (the shipped file, or a framework's `vocabulary:`); malformed
    items are skipped (an indexed file that is not checked is not schema-validated)."""
    out = []
    for i, item in enumerate(raw if isinstance(raw, list) else ()):
        if not isinstance(item, dict):
            continue
        terms = _strings(item.get("terms"))
        if terms:
            out.append(
                VocabularyEntry(
                    str(item.get("id") or f"vocabulary[{i}]"),
                    terms,
                    _strings(item.get("titles")),
                    _strings(item.get("roles")),
                )
            )
    return tuple(out)


@lru_cache(maxsize=1)
def shipped() -> tuple[VocabularyEntry, ...]:
    """rolelint's own vocabulary (empty when the data file is missing or unreadable)."""
    try:
        return entries_from(yaml.safe_load(DATA.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError):
        return ()


def role_vocabulary(role_id: str, title: str, own: Iterable[VocabularyEntry] = ()) -> list[VocabularyEntry]:
    """The entries that apply to a role: the framework's own (``own``) and the shipped ones."""
    return [entry for entry in (*own, *shipped()) if entry.applies_to(role_id, title)]


def role_terms(role_id: str, title: str, own: Iterable[VocabularyEntry] = ()) -> list[str]:
    """The vocabulary terms of a role, each once."""
    return list(dict.fromkeys(term for entry in role_vocabulary(role_id, title, own) for term in entry.terms))


def phrases(terms: Iterable[str]) -> dict[tuple[str, ...], str]:
    """Each term's stems (as rolelint.profession.text.terms gives them) -> the term as written."""
    from rolelint.profession.text import terms as stems

    out: dict[tuple[str, ...], str] = {}
    for term in terms:
        key = tuple(stems(term))
        if key:
            out.setdefault(key, term)
    return out


def concepts_in(text: str, vocabulary: dict[tuple[str, ...], str], used: Any = ()) -> tuple[str, ...]:
    """The vocabulary terms that ``text`` mentions, leaving out those in ``used`` (stems and stem pairs,
    as a role profile counts them: a term the claimed role's own words already use is not another's)."""
    from rolelint.profession.text import terms as stems

    words = stems(text)
    longest = max(map(len, vocabulary), default=0)
    spans = dict.fromkeys(
        tuple(words[i : i + width]) for width in range(1, longest + 1) for i in range(len(words) - width + 1)
    )
    found = []
    for phrase in spans:
        term = vocabulary.get(phrase)
        if term is None:
            continue
        width = len(phrase)
        pieces = [" ".join(phrase[i : i + 2]) for i in range(width - 1)] if width > 1 else [phrase[0]]
        if hasattr(used, "get") and all(used.get(piece, 0) > 0 for piece in pieces):
            continue
        found.append(term)
    return tuple(dict.fromkeys(found))


RARE_ROLES = 3  # a single word used by at most this many of the shipped table's roles is telling


def concept_weight(term: str) -> float:
    """How strongly one vocabulary term says whose work a duty is: 1 for a term of two words or more
    ("burndown chart", "usability testing") or of one word that few roles use ("kanban", "wcag"), by
    the shipped table of how many DDaT roles use each stem; 0.5 for a common single word ("analysis",
    "content"), which many roles' duties mention in passing. Depends on the term alone."""
    from rolelint.profession.background import background
    from rolelint.profession.text import terms as stems

    words = stems(term)
    if len(words) != 1:
        return 1.0
    table_n, table_df = background()
    if not table_n:
        return 1.0
    return 1.0 if table_df.get(words[0], 0) <= RARE_ROLES else 0.5


def strength(found: Iterable[str]) -> float:
    """The summed ``concept_weight`` of some terms."""
    return sum(concept_weight(term) for term in found)


def every_term(frameworks: Iterable[Any] = ()) -> dict[tuple[str, ...], str]:
    """The phrases of every entry, shipped and of ``frameworks`` (objects with a ``vocabulary``)."""
    entries = [*shipped(), *(entry for framework in frameworks for entry in framework.vocabulary)]
    return phrases(term for entry in entries for term in entry.terms)
