"""The profession vocabulary: practices, artefacts and methods typical of each kind of role.

A framework rarely names what every practitioner knows is a delivery manager's work (burndown
charts, RAID logs) or a user researcher's (discussion guides, affinity mapping), so a word model built
from its text alone cannot tell whose duty those are. rolelint ships a vocabulary of such terms
(``data/vocabulary.yaml``), and a framework may add its own under ``vocabulary:``. Each entry names
the roles it belongs to by title (a role whose title is or contains one of ``titles`` and none of
``not_titles``: "programme delivery manager" contains "delivery manager") or by id
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
    not_titles: tuple[str, ...] = ()  # titles that contain one of ``titles`` but are another kind of role
    shared: bool = False  # practices every role it applies to does: evidence for none of them (``set_aside``)

    def applies_to(self, role_id: str, title: str) -> bool:
        if role_id in self.roles:
            return True
        padded = f" {normalise(title)} "
        if any(f" {normalise(t)} " in padded for t in self.not_titles):
            return False
        return any(t == "*" or f" {normalise(t)} " in padded for t in self.titles)


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
                    _strings(item.get("not_titles")),
                    item.get("shared") is True,
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
    """The vocabulary terms of a role's trade, each once (not its ``shared`` entries': ``shared_terms``)."""
    return list(
        dict.fromkeys(
            term for entry in role_vocabulary(role_id, title, own) if not entry.shared for term in entry.terms
        )
    )


def shared_terms(role_id: str, title: str, own: Iterable[VocabularyEntry] = ()) -> list[str]:
    """The terms of the ``shared`` entries that apply to a role: practices every role of its kind, or of
    a wider family, does as a matter of course ("code review" for everyone who writes code), each once."""
    return list(
        dict.fromkeys(term for entry in role_vocabulary(role_id, title, own) if entry.shared for term in entry.terms)
    )


GAP = ""  # a stop word or punctuation between two words, in a phrase's stems

# Stems of the words that name people rather than work: "major incident managers" and "the test team"
# mention another role's people, not its practices.
PEOPLE = frozenset(
    "manager engineer analyst team lead owner officer specialist designer architect developer researcher "
    "scientist writer tester colleagu".split()
)
_JOINERS = frozenset(" \t\n-/")


def sequence(text: str) -> tuple[str, ...]:
    """The stems of ``text`` in order, with ``GAP`` where a stop word or punctuation other than a hyphen
    or slash stands between two words (runs of gaps collapsed, none at either end): so that
    "design of systems" is not the term "design system", nor "research, plan" the term "research plan"."""
    return _positioned(text)[0]


def _positioned(text: str) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """``sequence`` and, for each of its items, the offsets in ``text`` of the word (or gap) it stands for."""
    from rolelint.profession.text import tokens

    out: list[str] = []
    where: list[tuple[int, int]] = []
    previous_end = None
    for token in tokens(text):
        between = text[previous_end : token.start] if previous_end is not None else ""
        previous_end = token.end
        if not token.term or any(c not in _JOINERS for c in between):
            if out and out[-1] != GAP:
                out.append(GAP)
                where.append((token.start, token.start))
        if token.term:
            out.append(token.term)
            where.append((token.start, token.end))
    while out and out[-1] == GAP:
        out.pop()
        where.pop()
    return tuple(out), tuple(where)


def as_written(text: str, term: str) -> str:
    """How ``text`` writes a vocabulary term it mentions ("RAID logs" for "raid log"); the term itself
    when it cannot be found."""
    words, where = _positioned(text)
    phrase = sequence(term)
    for i in range(len(words) - len(phrase) + 1):
        if words[i : i + len(phrase)] == phrase:
            return text[where[i][0] : where[i + len(phrase) - 1][1]]
    return term


def phrases(terms: Iterable[str]) -> dict[tuple[str, ...], str]:
    """Each term's stems (``sequence``: stop words as gaps) -> the term as written."""
    out: dict[tuple[str, ...], str] = {}
    for term in terms:
        key = sequence(term)
        if any(key):
            out.setdefault(key, term)
    return out


def concepts_in(text: str, vocabulary: dict[tuple[str, ...], str], used: Any = ()) -> tuple[str, ...]:
    """The vocabulary terms that ``text`` mentions, leaving out those in ``used`` (stems and stem pairs,
    as a role profile counts them: a term the claimed role's own words already use is not another's).
    A term is matched on its stems in order, stop words and punctuation standing where they stand in
    the term; a term followed by a word naming people ("incident managers") is a mention of another
    role's people, not of its work, and is not matched."""
    words = sequence(text)
    longest = max(map(len, vocabulary), default=0)
    spans = dict.fromkeys(
        (i, tuple(words[i : i + width]))
        for width in range(1, longest + 1)
        for i in range(len(words) - width + 1)
        if words[i] != GAP and words[i + width - 1] != GAP
    )
    found = []
    for i, phrase in spans:
        term = vocabulary.get(phrase)
        if term is None:
            continue
        after = i + len(phrase)
        if after < len(words) and words[after] in PEOPLE:
            continue
        stems = [w for w in phrase if w != GAP]
        pieces = [" ".join(stems[j : j + 2]) for j in range(len(stems) - 1)] if len(stems) > 1 else stems
        if hasattr(used, "get") and all(used.get(piece, 0) > 0 for piece in pieces):
            continue
        found.append(term)
    return tuple(dict.fromkeys(found))


def not_shared(mine: Iterable[str], theirs: dict[tuple[str, ...], str]) -> tuple[str, ...]:
    """The terms of ``mine`` (the claimed role's, named in a duty) that the other role's vocabulary
    (``theirs``: stem phrase -> term) lacks. A term both roles' kinds have ("regression testing" for
    two kinds of tester) says nothing about which of the two the duty belongs to, so it counts for
    neither; compared by stems, as ``by_concepts`` compares terms."""
    return tuple(term for term in mine if sequence(term) not in theirs)


RARE_ROLES = 3  # a single word used by at most this many of the shipped table's roles is telling


def concept_weight(term: str) -> float:
    """How strongly one vocabulary term says whose work a duty is: 1 for a term of two words or more
    ("burndown chart", "usability testing") or of one word that few roles use ("kanban", "wcag"), by
    the shipped table of how many DDaT roles use each stem; 0.5 for a common single word ("analysis",
    "content"), which many roles' duties mention in passing. Depends on the term alone."""
    from rolelint.profession.background import background

    words = [w for w in sequence(term) if w != GAP]
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
    """The phrases of every entry of a trade (not ``shared``), shipped and of ``frameworks`` (objects
    with a ``vocabulary``)."""
    entries = [*shipped(), *(entry for framework in frameworks for entry in framework.vocabulary)]
    return phrases(term for entry in entries if not entry.shared for term in entry.terms)


def _matches(words: tuple[str, ...], vocabulary: dict[tuple[str, ...], str]) -> list[tuple[int, int]]:
    """(first, last + 1) item positions in ``words`` (a ``sequence``) of every term of ``vocabulary``."""
    longest = max(map(len, vocabulary), default=0)
    return [
        (i, i + width)
        for width in range(1, longest + 1)
        for i in range(len(words) - width + 1)
        if words[i] != GAP and words[i + width - 1] != GAP and tuple(words[i : i + width]) in vocabulary
    ]


def set_aside(text: str, shared: dict[tuple[str, ...], str], trades: dict[tuple[str, ...], str]) -> str:
    """``text`` with the terms of ``shared`` (stem phrases of a claimed role's ``shared`` entries)
    blanked out, same length so offsets hold: work every role of the family does says nothing of whose
    work a duty is, so its words must not vote for any role. A shared term inside a longer term of a
    trade that the text names (``trades``: stem phrase -> term, ``every_term``) is left in place: "agile"
    is everyone's, "agile coaching" a delivery manager's. Depends on the text and the two vocabularies
    alone."""
    if not shared:
        return text
    words, where = _positioned(text)
    longer = _matches(words, trades)
    out = list(text)
    for first, last in _matches(words, shared):
        if any(a <= first and last <= b and b - a > last - first for a, b in longer):
            continue
        for k in range(where[first][0], where[last - 1][1]):
            if not out[k].isspace():
                out[k] = " "
    return "".join(out)
