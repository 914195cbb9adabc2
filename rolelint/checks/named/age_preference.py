"""RL113's check: wording that prefers younger candidates, told by what it describes
(named.parsed.age_preference)."""

from __future__ import annotations

from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.parsed import (
    Words,
    parsed_sentences,
    token_finding,
    words_triggers,
)
from rolelint.checks.named.parsed import (
    age_preference as age_preference_phrase,
)

LISTS = ("phrases", "young", "people", "teams", "served", "graduate", "recent", "caps", "equality", "welcome")


def age_preference(rule, target, options):
    words = Words.of(rule.spec, LISTS)
    for item, sentence in parsed_sentences(target):
        found = age_preference_phrase(sentence, words)
        if found:
            yield token_finding(rule, item, sentence, found)


CHECK = NamedCheck(
    "age_preference",
    run=age_preference,
    needs=frozenset({"lemma", "pos", "dep"}),
    params=frozenset(LISTS),
    triggers=words_triggers(
        ("young",),
        ("graduate", "recent"),
        phrases="phrases",
        literal=(
            ("aged|age|ages",),
            ("years", "old"),
            ("year|years", "experience", "maximum|max|most|less|fewer|under"),
            ("year|years", "experience", "more", "than", "no|not"),
            ("year|years", "experience", "up", "to"),
            ("your|their", "twenties|thirties|forties|fifties|20s|30s|40s|50s|60s|20's|30's|40's|50's"),
            ("older|younger", "than"),
            ("born", "after|before|between|in|since"),
            ("graduate|graduated|graduates|grad|grads|graduating", "last|past"),
        ),
    ),
)
