"""Gender-coded wording (Gaucher, Friesen & Kay 2011): the coded words of a document, shared by
RL111 (each word), RL112 (the balance) and the advert summary (rolelint.summary)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rolelint.checks import SpanInput, tagged_tokens
from rolelint.checks.named.spec_schema import mapping_of, word_list
from rolelint.nlp.triggers import Alternative, Requirement, Triggers


@dataclass(frozen=True)
class CodedWord:
    item: SpanInput
    token: Any  # a spaCy Token
    side: str
    word: str


_STEM_REGEXES: dict[tuple[str, ...], re.Pattern] = {}


def _stem_regex(stems) -> re.Pattern:
    """One regex for a stem list: "lead*" is a prefix, "kind" a whole word."""
    key = tuple(stems)
    if key not in _STEM_REGEXES:
        parts = [re.escape(s[:-1]) + r"\S*" if s.endswith("*") else re.escape(s) for s in stems]
        _STEM_REGEXES[key] = re.compile("(?:" + "|".join(parts or ["(?!)"]) + ")")
    return _STEM_REGEXES[key]


def coded_words(rule, target) -> list[CodedWord]:
    spec = rule.spec
    exclude = {w.lower() for w in spec.get("exclude", ())}
    allowed_pos = set(spec.get("pos", ("NOUN", "VERB", "ADJ", "ADV")))
    pos_only = {str(k).lower(): set(v) for k, v in (spec.get("pos_only") or {}).items()}
    sides = [(side, _stem_regex(spec.get(side, ()))) for side in ("masculine", "feminine")]
    found = []
    for item in target.spans:
        if item.doc is None:
            continue
        for token in tagged_tokens(item.doc):
            if not token.is_alpha or token.pos_ not in allowed_pos or _compound_tail(token):
                continue
            lower, lemma = token.lower_, token.lemma_.lower()
            if lower in exclude or lemma in exclude:
                continue
            if lemma in pos_only and token.pos_ not in pos_only[lemma]:
                continue
            for side, stems in sides:
                if stems.fullmatch(lower) or stems.fullmatch(lemma):
                    found.append(CodedWord(item, token, side, lemma))
                    break
    return found


def _compound_tail(token) -> bool:
    """'driven' in 'data-driven' is part of another word; 'confident' in 'self-confident' is not."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-" or doc[token.i - 1].whitespace_:
        return False
    return doc[token.i - 2].lower_ != "self"


_PARTS_OF_SPEECH = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/checkPosTag"}}
# the ``check`` keys of RL111 and RL112, which read the same words
GENDER_SCHEMA = {
    "masculine": word_list(
        "a list of the masculine-coded words, a stem ending in * standing for every word it starts, "
        "such as [assert*, decisive]"
    ),
    "feminine": word_list(
        "a list of the feminine-coded words, a stem ending in * standing for every word it starts, "
        "such as [collab*, gentle]"
    ),
    "exclude": word_list("a list of the words a stem starts that are not coded, such as [analytics, responsibility]"),
    "pos": {
        **_PARTS_OF_SPEECH,
        "description": "a list of the parts of speech (spaCy's tags) a coded word may have, such as [NOUN, VERB, ADJ, ADV]",
    },
    "pos_only": mapping_of(
        {**_PARTS_OF_SPEECH, "description": "a list of the parts of speech in which the word is coded, such as [VERB]"},
        "a mapping of a word (its lemma) to the only parts of speech in which it is coded, such as {lead: [VERB]}",
    ),
}


def coded_triggers(rule) -> Triggers:
    """A coded word is one whose text or lemma a stem matches, and neither is excluded: a word
    excluded as written ("analytics", "responsibilities") is skipped whatever its tags."""
    exclude = frozenset(w.lower() for w in rule.spec.get("exclude", ()))
    return Triggers(
        tuple(
            Alternative((Requirement(pattern=_stem_regex(rule.spec.get(side, ())), exclude=exclude),))
            for side in ("masculine", "feminine")
        )
    )
