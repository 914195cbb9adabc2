"""RL113's check: wording that prefers younger candidates, told by what it describes
(named.parsed.age_preference)."""

from __future__ import annotations

import re

from rolelint.checks.named.experience_for_level import advert_title
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
from rolelint.checks.named.spec_schema import word_list
from rolelint.nlp.triggers import Alternative, Requirement, Triggers

SCHEMA = {
    "phrases": word_list(
        "a list of the fixed phrases that prefer younger people, read as lemmas, such as [digital native, fresh blood]"
    ),
    "young": word_list(
        "a list of the words for youth, said of the team or the person hired, such as [young, energetic]"
    ),
    "people": word_list("a list of the nouns for staff and the person hired, such as [team, candidate]"),
    "teams": word_list("a list of the nouns for a group of staff ('a team of ...'), such as [team, staff]"),
    "served": word_list(
        "a list of the nouns for those an employer serves, whose youth is no preference, such as [children, learner]"
    ),
    "graduate": word_list("a list of the words for a graduate, such as [graduate, grads]"),
    "recent": word_list("a list of the words that make a graduate recent, such as [recent, newly]"),
    "caps": word_list(
        "a list of the phrases before a number of years of experience that cap it, such as [no more than, up to]"
    ),
    "equality": word_list(
        "a list of the words of an equal-opportunity statement, such as [discrimination, regardless]"
    ),
    "welcome": word_list(
        "a list of the verbs that welcome a group besides others ('will also be considered'), such as [consider, welcome]"
    ),
    "schemes": word_list(
        "a list of the words that name a scheme for graduates, whose advert may ask for them, such as [programme, internship]"
    ),
    "completes": word_list("a list of the verbs for finishing a degree, such as [completed, finishing]"),
    "degrees": word_list("a list of the words for a degree, such as [degree, diploma]"),
    "seeks": word_list(
        "a list of the verbs whose object is the person the advert seeks ('we want a ...'), such as [want, hire]"
    ),
    "seeks_for": word_list(
        "a list of the verbs whose object after 'for' is the person sought ('looking for a ...'), such as [look, search]"
    ),
}
LISTS = tuple(SCHEMA)
_WORDS = re.compile(r"[^\W\d_]+")


def is_scheme(document, schemes: frozenset[str]) -> bool:
    """Whether the advert is for a scheme that takes graduates (a graduate programme, an analyst
    program, a trainee academy): its title, or the first line of its text where a pasted page has
    no title of its own, names one (``schemes``)."""
    titles = [advert_title(document)]
    span = next((span for span in document.spans if span.text.strip() and span.offsets), None)
    source = document.source.text
    start = span.offsets[0] if span is not None else len(source)
    end = source.find("\n", start)
    first = source[start : end if end >= 0 else len(source)].strip()
    if len(first.split()) <= 12 and not first.endswith((".", "!", "?")):
        titles.append(first)  # a line that reads as a title, not the advert's first sentence
    return any(word.lower() in schemes for title in titles for word in _WORDS.findall(title))


def age_preference(rule, target, options):
    words = Words.of(rule.spec, LISTS)
    scheme = is_scheme(target.document, words.lists["schemes"])
    for item, sentence in parsed_sentences(target):
        hire = item.span.section in ("essential", "desirable")
        found = age_preference_phrase(sentence, words, scheme=scheme, hire=hire)
        if found:
            yield token_finding(rule, item, sentence, found)


_WORD_TRIGGERS = words_triggers(
    ("young",),
    ("graduate", "recent"),
    ("completes", "degrees", "recent"),
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
)


def age_preference_triggers(rule) -> Triggers:
    """The words of each list the check reads, and each word of a ``young`` word written with a
    hyphen ("high-energy"), which the tokenizer splits."""
    found = _WORD_TRIGGERS(rule)
    hyphenated = [word for word in Words.of(rule.spec, ("young",)).all() if "-" in word]
    extra = tuple(
        Alternative(tuple(Requirement(words=frozenset({part})) for part in word.split("-") if part), None, None)
        for word in hyphenated
    )
    return Triggers(found.alternatives + extra)


CHECK = NamedCheck(
    "age_preference",
    run=age_preference,
    needs=frozenset({"lemma", "pos", "dep"}),
    schema=SCHEMA,
    triggers=age_preference_triggers,
)
