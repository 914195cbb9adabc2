"""RL110's check: gendered pronouns used for the person hired, not for a named person.

"He/she", "his or her" always stand for the person hired. A single "he", "she", "his" or "her" may
stand for someone the advert names ("Ask Maria Lopez, our recruiter: she …"): when a name (two
capitalised words in a row, not opening a sentence) or an email address comes before it in the
same paragraph or list item, it is left alone, and so is any single pronoun in the how-to-apply
section. One finding a sentence: one rewrite fixes every pronoun in it. The name is found from the
text, not spaCy's entity recogniser: running it on every paragraph with a pronoun in it doubled the
time of a whole run, for the same findings on the evaluation adverts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rolelint.checks import alternation, span_finding
from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.spec_schema import mapping_of, word

# what to write instead of a pronoun: a word, or the word and whether ``--fix`` may write it
_REPLACEMENT = {
    "anyOf": [
        {"$ref": "#/$defs/checkWord"},
        {
            "type": "object",
            "required": ["replacement"],
            "additionalProperties": False,
            "properties": {
                "replacement": word("the word to write instead, such as their"),
                "fixable": {"type": "boolean", "description": "whether --fix may write it, true or false"},
            },
        },
    ],
    "description": "the word to write instead, such as they, or {replacement: their, fixable: true}",
}
SCHEMA = {
    "pairs": mapping_of(
        _REPLACEMENT,
        "a mapping of each pair of pronouns to what to write instead (a word, or {replacement: ..., fixable: "
        "true}), such as {he/she: they, his/her: {replacement: their, fixable: true}}",
    ),
    "singles": mapping_of(
        _REPLACEMENT,
        "a mapping of each pronoun to what to write instead (a word, or {replacement: ..., fixable: true}), "
        "such as {he: they, his: their}",
    ),
}


def _table(spec, name: str) -> dict[str, tuple[str, bool | None]]:
    table = {}
    for phrase, value in (spec.get(name) or {}).items():
        if isinstance(value, dict):
            table[str(phrase).lower()] = (str(value.get("replacement", "")), value.get("fixable"))
        else:
            table[str(phrase).lower()] = (str(value), None)
    return table


@lru_cache(maxsize=32)
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    if not words:  # a rule that gives only pairs or only singles: the other table matches nothing
        return re.compile(r"(?!)")
    return re.compile(rf"(?<![\w/(])(?:{alternation(words)})(?![\w/])", re.IGNORECASE)


def pronouns_for_the_hire(rule, target, options):
    pairs, singles = _table(rule.spec, "pairs"), _table(rule.spec, "singles")
    pair_pattern, single_pattern = _pattern(tuple(pairs)), _pattern(tuple(singles))
    either = _pattern(tuple(pairs) + tuple(singles))
    for item in target.spans:
        text = item.text
        if either.search(text) is None:
            continue  # most spans stop here
        found: list[tuple[int, int, tuple[str, bool | None]]] = []
        for match in pair_pattern.finditer(text):
            found.append((*match.span(), pairs[match.group().lower()]))
        if item.span.section != "apply":  # there "she'll reply" is the contact's pronoun
            named: list[int] | None = None
            for match in single_pattern.finditer(text):
                if any(a < match.end() and match.start() < b for a, b, _ in found):
                    continue
                if named is None:
                    named = _people_named(item)
                if any(start < match.start() for start in named):
                    continue  # a named person before it: the pronoun is theirs, not the hire's
                found.append((*match.span(), singles[match.group().lower()]))
        reported: set[int] = set()
        for start, end, (replacement, fixable) in sorted(found):
            sentence = len(_SENTENCE_END.findall(text, 0, start))
            if sentence in reported:
                continue  # "using his skills he is adept": one rewrite of the sentence fixes both
            reported.add(sentence)
            yield span_finding(rule, item, start, end, replacement=replacement, fixable=fixable)


# where a sentence ends: its mark before a space, the end, or a capital glued to it ("solutions.Using")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$|[A-Z])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_NAME = re.compile(r"\b[A-Z][a-z'’-]+[ \t]+(?:[A-Z]\.[ \t]+)?[A-Z][a-z'’-]+")


def _people_named(item) -> list[int]:
    """Character offsets (in the span's text) where a person is named: an email address (a contact:
    "email jo.bloggs@example.org and she will reply"), or two capitalised words in a row that do
    not open a sentence ("send it to Maria Lopez")."""
    text = item.text
    found = [match.start() for match in _EMAIL.finditer(text)]
    for match in _NAME.finditer(text):
        before = text[: match.start()].rstrip()
        if before and before[-1] not in ".!?:;":  # not the capital that opens a sentence
            found.append(match.start())
    return found


CHECK = NamedCheck(
    "pronouns_for_the_hire",
    run=pronouns_for_the_hire,
    schema=SCHEMA,
)
