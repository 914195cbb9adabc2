"""Plain-text analysis for profession checks: word tokens with offsets, a light stemmer, stop words.

Cross-document checks compare short statements ("run stand-ups and remove blockers") with whole role
definitions. A light suffix-stripping stemmer gets the same terms as spaCy's lemmatiser for this
(measured on the DDaT role texts, see docs/profession.md) at a few hundred times the speed, so the
profession index never has to load a spaCy pipeline.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, NamedTuple

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’][a-z]+)?(?:[-/][A-Za-z0-9]+)*")

STOP_WORDS = frozenset(
    """
a about above across after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each either etc few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself just
may me might more most much must my myself no nor not now of off on once only or other our ours
ourselves out over own per same shall she should so some such than that the their theirs them
themselves then there these they this those through to too under until up upon us very via was we
were what when where which while who whom why will with within without would you your yours yourself
yourselves including include includes across like well make sure ensure using use used able
keep date way get lot thing things eg ie
""".split()
)  # the last line: words of idioms ("keep up to date") that say nothing about which job it is


class Token(NamedTuple):
    text: str  # as written
    start: int  # offset in the analysed string
    end: int
    term: str  # lower-cased stem; "" for a stop word


_PIECE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def tokens(text: str) -> list[Token]:
    """Every word of ``text`` with its stem (compound words are split at hyphens and slashes)."""
    out: list[Token] = []
    for match in _PIECE.finditer(text):
        piece = match.group(0)
        out.append(Token(piece, match.start(), match.end(), _term(piece)))
    return out


@lru_cache(maxsize=200_000)
def _term(piece: str) -> str:
    lower = piece.lower().replace("’", "'")
    if lower.endswith("'s"):
        lower = lower[:-2]
    if "'" in lower or lower in STOP_WORDS or len(lower) < 2 or not lower[0].isalpha():
        return ""
    return stem(lower)


@lru_cache(maxsize=50_000)
def _cached_terms(text: str) -> tuple[str, ...]:
    return tuple(term for term in map(_term, _PIECE.findall(text)) if term)


def terms(text: str) -> list[str]:
    """The content-word stems of ``text``, in order."""
    return list(_cached_terms(text))


# Longest suffix first. Each rule: suffix, replacement, shortest stem left behind.
_SUFFIXES: tuple[tuple[str, str, int], ...] = (
    ("isations", "ise", 3),
    ("izations", "ise", 3),
    ("isation", "ise", 3),
    ("ization", "ise", 3),
    ("ational", "ate", 3),
    ("fulness", "ful", 3),
    ("iveness", "ive", 3),
    ("ousness", "ous", 3),
    ("nesses", "", 3),
    ("ements", "", 3),
    ("ations", "ate", 3),
    ("ments", "", 4),
    ("ement", "", 3),
    ("ation", "ate", 3),
    ("ities", "", 3),
    ("ness", "", 3),
    ("ment", "", 4),
    ("ings", "", 3),
    ("ing", "", 3),
    ("ally", "al", 3),
    ("ity", "", 4),
    ("ies", "y", 2),
    ("ied", "y", 2),
    ("ised", "ise", 2),
    ("ized", "ise", 2),
    ("izes", "ise", 2),
    ("ises", "ise", 2),
    ("ize", "ise", 2),
    ("ed", "", 3),
    ("ly", "", 4),
    ("es", "", 4),
    ("s", "", 3),
)
_KEEP = frozenset(
    """
business process analysis basis this his its us yes series news status progress access success
address class less across always perhaps bias canvas
""".split()
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic English stemmer: conflates plurals, tenses and common derivations
    (manage / managing / management, coach / coaching, prioritise / prioritisation)."""
    word = word.lower()
    if len(word) <= 3 or word in _KEEP or not word.isalpha():
        return word
    for suffix, replacement, shortest in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            base = word[: len(word) - len(suffix)] + replacement
            if suffix in ("ing", "ed", "ings") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # planning -> plan, stopped -> stop
            if suffix in ("ing", "ed", "ings") and base.endswith("at") and len(base) > 3:
                base += "e"  # automating -> automate
            return _strip_e(base)
    return _strip_e(word)


def _strip_e(word: str) -> str:
    # "manage" and "manag(ing)" end up the same; so do "coordinate" and "coordinat(ing)".
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower case, straight quotes, single spaces, no surrounding punctuation: for comparing titles."""
    text = text.replace("’", "'").replace("–", "-").replace("—", "-").lower()
    text = re.sub(r"[^a-z0-9'&+/-]+", " ", text)
    return " ".join(text.split()).strip(" -/")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence-like piece of a prose span: split at . ; ! ? and line breaks."""
    start = 0
    for match in re.finditer(r"(?<=[.;!?])\s+|\n\s*\n|\s+-\s+(?=[A-Z])", text):
        if text[start : match.start()].strip():
            yield start, match.start()
        start = match.end()
    if text[start:].strip():
        yield start, len(text)


def find_phrase(stems: list[str], phrase: tuple[str, ...]) -> list[int]:
    """Indices in ``stems`` where the stem sequence ``phrase`` starts."""
    if not phrase or len(phrase) > len(stems):
        return []
    first = phrase[0]
    width = len(phrase)
    return [i for i, term in enumerate(stems) if term == first and tuple(stems[i : i + width]) == phrase]
