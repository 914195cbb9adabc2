"""RL111's check: each gender-coded word (the words: rolelint.checks.named.gender_coding)."""

from __future__ import annotations

from rolelint.checks import span_finding
from rolelint.checks.named.gender_coding import GENDER_SCHEMA, coded_triggers, coded_words
from rolelint.checks.named.model import NamedCheck


def gender_coded_words(rule, target, options):
    sides = set(options.get("sides", ["masculine", "feminine"]))
    for word in coded_words(rule, target):
        if word.side in sides:
            token = word.token
            yield span_finding(rule, word.item, token.idx, token.idx + len(token.text), values={"side": word.side})


CHECK = NamedCheck(
    "gender_coded_words",
    run=gender_coded_words,
    needs=frozenset({"lemma", "pos"}),
    schema=GENDER_SCHEMA,
    triggers=coded_triggers,
)
