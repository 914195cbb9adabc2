"""RL110's check: gendered pronouns used for the person hired, not for a named person.

"He/she", "his or her" always stand for the person hired. A single "he", "she", "his" or "her" may
stand for someone the advert names ("Ask Maria, our recruiter: she …"): when spaCy's entity
recogniser finds a PERSON, or there is an email address, before it in the same paragraph or list
item, it is left alone, and so is any single pronoun in the how-to-apply section.
"""

from __future__ import annotations

import re

from rolelint.checks import span_finding
from rolelint.checks.named.model import NamedCheck
from rolelint.nlp.triggers import Alternative, Requirement, Triggers

PARAMS = ("pairs", "singles")


def _table(spec, name: str) -> dict[str, tuple[str, bool | None]]:
    table = {}
    for phrase, value in (spec.get(name) or {}).items():
        if isinstance(value, dict):
            table[str(phrase).lower()] = (str(value.get("replacement", "")), value.get("fixable"))
        else:
            table[str(phrase).lower()] = (str(value), None)
    return table


def _pattern(words) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w/(])(?:{alternatives})(?![\w/])", re.IGNORECASE)


def pronouns_for_the_hire(rule, target, options):
    pairs, singles = _table(rule.spec, "pairs"), _table(rule.spec, "singles")
    pair_pattern, single_pattern = _pattern(pairs), _pattern(singles)
    for item in target.spans:
        text = item.text
        taken: list[tuple[int, int]] = []
        for match in pair_pattern.finditer(text):
            taken.append(match.span())
            replacement, fixable = pairs[match.group().lower()]
            yield span_finding(rule, item, *match.span(), replacement=replacement, fixable=fixable)
        if item.span.section == "apply":
            continue  # "she'll reply": the contact's pronoun, where the advert says how to apply
        named = _people_named(item)
        for match in single_pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            if any(start < match.start() for start in named):
                continue  # a named person before it: the pronoun is theirs, not the hire's
            replacement, fixable = singles[match.group().lower()]
            yield span_finding(rule, item, *match.span(), replacement=replacement, fixable=fixable)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _people_named(item) -> list[int]:
    """Character offsets (in the span's text) where a person is named: a PERSON entity, or an email
    address (a contact: "email jo.bloggs@example.org and she will reply")."""
    found = [match.start() for match in _EMAIL.finditer(item.text)]
    doc = item.doc
    if doc is not None and doc.has_annotation("ENT_IOB"):
        found += [entity.start_char for entity in doc.ents if entity.label_ == "PERSON"]
    return found


def _triggers(rule) -> Triggers:
    words = frozenset(
        w
        for name in PARAMS
        for phrase in (rule.spec.get(name) or {})
        for w in re.split(r"[\s/()]+", str(phrase).lower())
        if w
    )
    return Triggers((Alternative((Requirement(words=words),), None, None),))


CHECK = NamedCheck(
    "pronouns_for_the_hire",
    run=pronouns_for_the_hire,
    needs=frozenset({"ner"}),
    params=frozenset(PARAMS),
    triggers=_triggers,
)
