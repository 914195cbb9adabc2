"""RL112's check: an advert whose gender-coded words lean one way (the words: gender_coding)."""

from __future__ import annotations

from collections import Counter

from rolelint.checks import document_finding
from rolelint.checks.named.gender_coding import GENDER_SCHEMA, CodedWord, coded_triggers, coded_words
from rolelint.checks.named.model import NamedCheck


def _tally(words: list[CodedWord], side: str) -> tuple[int, str]:
    counts = Counter(w.word for w in words if w.side == side)
    listed = ", ".join(
        f"{word} ×{n}" if n > 1 else word for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return sum(counts.values()), listed or "none"


def gender_coded_balance(rule, target, options):
    words = coded_words(rule, target)
    masculine, masculine_words = _tally(words, "masculine")
    feminine, feminine_words = _tally(words, "feminine")
    difference = int(options.get("min_difference", 3))
    ratio = float(options.get("min_ratio", 2))
    lean = None
    if masculine - feminine >= difference and masculine >= ratio * feminine:
        lean = "masculine"
    elif feminine - masculine >= difference and feminine >= ratio * masculine and options.get("report_feminine", False):
        lean = "feminine"
    if lean:
        values = {
            "lean": lean,
            "masculine": masculine,
            "feminine": feminine,
            "masculine_words": masculine_words,
            "feminine_words": feminine_words,
        }
        yield document_finding(rule, target.document, values=values, context=f"{lean}-coded")


CHECK = NamedCheck(
    "gender_coded_balance",
    run=gender_coded_balance,
    needs=frozenset({"lemma", "pos"}),
    schema=GENDER_SCHEMA,
    triggers=coded_triggers,
)
