"""Which spans a tagging rule can fire on, told from the tokenizer alone.

Tagging (spaCy's tok2vec, tagger, attribute ruler and lemmatizer) is most of the cost of a run, and
most spans hold none of the words a rule looks for. So each rule kind may say, through a
``triggers(rule, compiled, nlp)`` function, which words a span must hold for the rule to fire at
all, and near which tokens: ``Triggers`` of words and whole-word regexes, matched against every key
a token could match once tagged (its lower-case text, its norm, and every lemma the lemmatizer could
give it, see ``rolelint.nlp.LemmaCandidates``). A rule whose triggers miss a span is not run on it;
only the token windows some rule can match in are tagged, and a span no rule needs tagged is only
tokenized. ``None`` means the rule may fire anywhere in a span in scope.

The filter only removes spans where the rule cannot fire, so findings are the same as tagging
every span; ``tests/test_triggers.py`` checks that on the rule examples and on real adverts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Requirement:
    """A token holds it when one of its keys is in ``words`` or matches ``pattern`` in full. Keys in
    ``exclude`` do not count, and a token whose lower-case text is in ``exclude`` holds nothing: for
    checks that skip such words whatever their tags (so they need not be tagged)."""

    words: frozenset[str] = frozenset()
    pattern: re.Pattern | None = None
    exclude: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Alternative:
    """One way for a rule to fire: a span must hold every requirement (on any tokens). A match then
    lies within ``before`` tokens before and ``after`` tokens after a token that holds one of them
    (None: anywhere in the span), and ``sentence`` widens that to whole sentences (for rules that
    read the words around a match). With ``sections``, the alternative holds only in a span whose
    section is one of them (a check may take a section's heading in place of a word)."""

    requirements: tuple[Requirement, ...]
    before: int | None = 0
    after: int | None = 0
    sentence: bool = False
    sections: frozenset[str] | None = None


@dataclass(frozen=True)
class Triggers:
    """The ways a rule can fire; or, for a check that reads tags at places it can find from the
    tokens alone, ``window``: (a Doc, its text) -> the token ranges it reads (none: it cannot fire
    there; only empty ranges: it can, without reading tags there)."""

    alternatives: tuple[Alternative, ...] = ()
    window: Callable[[Any, str], list[tuple[int, int]]] | None = None


def singulars(word: str) -> set[str]:
    """Singular forms a plural may have: the lemmatizer leaves unknown plurals ("ninjas") alone,
    so phrase rules also try these."""
    if len(word) <= 3:
        return set()
    if word.endswith("ies"):
        return {word[:-3] + "y"}
    if word.endswith("es"):
        return {word[:-2], word[:-1]}
    if word.endswith("s") and not word.endswith("ss"):
        return {word[:-1]}
    return set()


class TriggerMasks:
    """One bit per distinct requirement; a word's mask says which requirements it holds.

    Masks are memoised per (lower-case text, norm), so a run pays for each distinct word once and a
    span costs one dictionary lookup per token."""

    def __init__(self, candidates, triggers: dict[object, Triggers]):
        self._candidates = candidates
        bits: dict[Requirement, int] = {}
        self._rules: dict[object, list[tuple[int, Alternative]]] = {}
        self._windows = {rule: found.window for rule, found in triggers.items() if found.window is not None}
        for rule, found in triggers.items():
            alternatives = []
            for alternative in found.alternatives:
                mask = 0
                for requirement in alternative.requirements:
                    mask |= 1 << bits.setdefault(requirement, len(bits))
                alternatives.append((mask, alternative))
            self._rules[rule] = alternatives
        self._by_word: dict[str, int] = {}
        self._patterns: list[tuple[re.Pattern, int]] = []
        self._excluding: list[tuple[frozenset[str], int]] = []
        for requirement, n in bits.items():
            for word in requirement.words:
                self._by_word[word] = self._by_word.get(word, 0) | 1 << n
            if requirement.pattern is not None:
                self._patterns.append((requirement.pattern, 1 << n))
            if requirement.exclude:
                self._excluding.append((requirement.exclude, 1 << n))
        self._memo: dict[tuple[str, str], int] = {}
        self._by_id: dict[tuple[int, int], int] = {}
        self._firing: dict[object, tuple[int, dict[int, tuple]]] = {
            rule: (union(mask for mask, _ in alternatives), {}) for rule, alternatives in self._rules.items()
        }

    def keys(self, lower: str, norm: str) -> frozenset[str]:
        return frozenset({lower, norm} | self._candidates(lower) | singulars(lower))

    def word_mask(self, lower: str, norm: str) -> int:
        key = (lower, norm)
        mask = self._memo.get(key)
        if mask is None:
            mask = 0
            for word in self.keys(lower, norm):
                found = self._by_word.get(word, 0)
                for pattern, bit in self._patterns:
                    if pattern.fullmatch(word):
                        found |= bit
                for exclude, bit in self._excluding:
                    if word in exclude or lower in exclude:
                        found &= ~bit
                mask |= found
            self._memo[key] = mask
        return mask

    def token_masks(self, doc) -> list[int]:
        """Each token's mask, read from the Doc's arrays of string ids (no Token objects)."""
        from spacy.attrs import LOWER, NORM

        from rolelint.checks import keep_lexical_ids

        ids = doc.to_array([LOWER, NORM])
        lowers, norms = ids[:, 0].tolist(), ids[:, 1].tolist()
        keys = list(zip(lowers, norms))
        by_id = self._by_id
        masks = list(map(by_id.get, keys))
        if None in masks:  # words this pipeline's masks have not met yet
            strings = doc.vocab.strings
            for i, found in enumerate(masks):
                if found is None:
                    lower, norm = keys[i]
                    found = by_id.get((lower, norm))
                    if found is None:
                        found = by_id[(lower, norm)] = self.word_mask(strings[lower], strings[norm])
                    masks[i] = found
        keep_lexical_ids(doc, lowers + norms)  # the word rules read the same ids later
        return masks

    def can_fire(self, rule, span_mask: int) -> bool:
        """``span_mask`` (a span's tokens' masks together) holds every requirement of one of the
        ways ``rule`` can fire. A span where it does not cannot fire the rule (``ranges`` then finds
        nothing), unless the rule has a ``window``. Kept per rule and the part of the span's mask the
        rule reads: spans share few of those."""
        return bool(self._held(rule, span_mask))

    def _held(self, rule, span_mask: int) -> tuple[tuple[int, Alternative], ...]:
        """``rule``'s ways to fire whose requirements ``span_mask`` holds, in order."""
        bits, known = self._firing[rule]
        held = span_mask & bits
        found = known.get(held)
        if found is None:
            found = known[held] = tuple(item for item in self._rules[rule] if item[0] & held == item[0])
        return found

    def windowed(self, rule) -> bool:
        return rule in self._windows

    def ranges(
        self, rule, doc, token_masks: list[int], span_mask: int, text: str, section: str | None = None
    ) -> list[tuple[int, int]] | None:
        """Token ranges of ``doc`` (whose text is ``text``, in the section ``section``) where ``rule``
        can match ([] if nowhere); None if ``rule`` has no triggers. A range covering the doc means it
        may match anywhere."""
        if rule not in self._rules:
            return None
        window = self._windows.get(rule)
        if window is not None:
            return window(doc, text)
        found: list[tuple[int, int]] = []
        length = len(doc)
        for mask, alternative in self._held(rule, span_mask):
            if alternative.sections is not None and section not in alternative.sections:
                continue
            if alternative.before is None or alternative.after is None:
                return [(0, length)]
            # every match holds each requirement, so windows around the tokens holding the
            # requirement rarest in this span cover them all
            bits = [1 << n for n in range(mask.bit_length()) if mask >> n & 1]
            rarest = min(bits, key=lambda bit: sum(1 for token_mask in token_masks if token_mask & bit))
            for i, token_mask in enumerate(token_masks):
                if token_mask & rarest:
                    start, end = max(0, i - alternative.before), min(length, i + alternative.after + 1)
                    if alternative.sentence:
                        start, end = doc[start].sent.start, doc[end - 1].sent.end
                    found.append((start, end))
        return found


def union(masks) -> int:
    """The bitwise OR of ``masks``."""
    total = 0
    for mask in masks:
        total |= mask
    return total


def merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def anchor_words(token: dict, *, lexical: bool = False) -> frozenset[str] | None:
    """The words a Matcher token pattern requires, lower-cased, if it requires one of a list of
    words (on ORTH, TEXT, LOWER, NORM or LEMMA) and must occur (no optional or negated ``OP``)."""
    if not required(token):
        return None
    best = None
    for key, value in token.items():
        if key.upper() not in (
            ("ORTH", "TEXT", "LOWER", "NORM") if lexical else ("ORTH", "TEXT", "LOWER", "NORM", "LEMMA")
        ):
            continue
        if isinstance(value, str):
            words = frozenset({value.lower()})
        elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
            words = frozenset(str(v).lower() for v in value["IN"])
        else:
            continue
        if best is None or len(words) < len(best):
            best = words
    return best


def required(token: dict) -> bool:
    """The token pattern must match at least one token."""
    op = token.get("OP")
    return op in (None, "+") or bool(isinstance(op, str) and re.fullmatch(r"\{[1-9]\d*(,\d*)?\}", op))


def longest(tokens) -> int | None:
    """The most tokens a Matcher pattern can match (None: no bound)."""
    total = 0
    for token in tokens:
        op = token.get("OP")
        if op in (None, "!", "?"):
            total += 1
        elif op in ("*", "+"):
            return None
        else:
            bounds = re.fullmatch(r"\{(\d*)(,?)(\d*)\}", str(op))
            if bounds is None or (bounds.group(2) and not bounds.group(3)):
                return None
            total += int(bounds.group(3) or bounds.group(1) or 0)
    return total
