"""RL123's check: the person hired written about as "the candidate" (named.parsed.third_person)."""

from __future__ import annotations

from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.parsed import (
    Words,
    parsed_sentences,
    token_finding,
    words_triggers,
)
from rolelint.checks.named.parsed import (
    third_person as third_person_phrase,
)

LISTS = ("people", "quality")


def third_person(rule, target, options):
    words = Words.of(rule.spec, LISTS)
    reported: set[int] = set()
    for item, sentence in parsed_sentences(target):
        found = third_person_phrase(sentence, words)
        if found and id(item) not in reported:
            reported.add(id(item))  # one finding a sentence or bullet
            yield token_finding(rule, item, sentence, found)


CHECK = NamedCheck(
    "third_person",
    run=third_person,
    needs=frozenset({"lemma", "pos", "dep"}),
    params=frozenset(LISTS),
    triggers=words_triggers("people", "quality"),
)
