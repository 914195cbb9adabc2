"""Wording checks that read spaCy's dependency parse: which word a modifier describes, who the
subject of a sentence is, and whether a number belongs to a phrase.

A word list says which words matter ("competitive", "young"); the parse says whether they are used
the way that makes them a problem: "competitive salaries" and "the salary is competitive" hide the
pay, "a competitive market" does not; "a young team" describes the people, "young people" whom a
charity serves does not. Each function takes one parsed sentence (a spaCy ``Span``) and the rule's
word lists, and returns the token range of the phrase to report, or None; the checks that use them
(``vague_pay``, ``age_preference``) share the helpers at the end.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, NamedTuple

from rolelint.checks import sentence_bounds, span_finding
from rolelint.nlp.triggers import Alternative, Requirement, Triggers


class Words(NamedTuple):
    """A rule's word lists, lower-cased, by role."""

    lists: dict[str, frozenset[str]]

    @classmethod
    def of(cls, spec: dict, names: Iterable[str]) -> Words:
        return cls({name: frozenset(str(w).lower() for w in spec.get(name, ())) for name in names})

    def has(self, name: str, token) -> bool:
        words = self.lists.get(name, frozenset())
        return token.lower_ in words or token.lemma_.lower() in words

    def all(self) -> frozenset[str]:
        return frozenset().union(*self.lists.values())


COPULA_SUBJECTS = ("nsubj", "nsubjpass")


def _through_conjuncts(token):
    """The first of a row of coordinated words ("competitive and fair" -> "competitive")."""
    seen = 0
    while token.dep_ == "conj" and token.head is not token and seen < 10:
        token, seen = token.head, seen + 1
    return token


def described_by(token):
    """What an adjective describes: the noun it modifies ("competitive salary"), or the subject of
    the verb it completes ("the salary is competitive", "we are young"), which a verb coordinated
    with another shares ("pay is not at X's level but is generous")."""
    token = _through_conjuncts(token)
    head = token.head
    if token.dep_ in ("amod", "compound", "nmod", "npadvmod", "advmod") and head is not token:
        return [_through_conjuncts(head)] if head.dep_ == "conj" else [head]
    if token.dep_ in ("acomp", "attr", "oprd", "xcomp", "ROOT", "appos"):
        verb = head if token.dep_ != "ROOT" else token
        subjects = [child for child in verb.children if child.dep_ in COPULA_SUBJECTS]
        if not subjects and verb.dep_ == "conj" and verb.pos_ in ("AUX", "VERB"):
            # coordinated verbs share the first one's subject: "pay is below X but is generous"
            first = _through_conjuncts(verb)
            subjects = [child for child in first.children if child.dep_ in COPULA_SUBJECTS]
        return subjects
    return []


def _range(*tokens) -> tuple[int, int]:
    return min(t.i for t in tokens), max(t.i for t in tokens) + 1


def _near(sentence, first, second, gap: int) -> bool:
    """``first`` and ``second`` at most ``gap`` tokens apart with only punctuation, determiners,
    adjectives, adverbs and conjunctions between ("Salary: competitive", "pay - DOE")."""
    low, high = sorted((first.i, second.i))
    if high - low > gap + 1:
        return False
    between = sentence.doc[low + 1 : high]
    return all(t.is_punct or t.pos_ in ("DET", "ADJ", "ADV", "CCONJ", "SPACE", "AUX") for t in between)


# --- vague pay ---------------------------------------------------------------------------------


def vague_pay(sentence, words: Words, *, pay_section: bool) -> tuple[int, int] | None:
    """Pay described by a vague word rather than a figure: a ``vague`` adjective that describes a
    ``pay`` noun, directly or through a verb ("competitive salaries", "compensation is
    commensurate"), or next to one in a label ("Salary: competitive"); or a ``condition`` ("DOE",
    "negotiable", "depending on experience") in a sentence about pay. In a section headed as pay,
    the sentence is about pay."""
    pay = [
        t
        for t in sentence
        # not a participle or adjective of a pay lemma ("consumer packaged goods"); "Pay depending on
        # experience" may be tagged a verb, and stays
        if words.has("pay", t) and t.tag_ not in ("VBN", "VBD", "VBG", "JJ") and not _benefits_package(t, words)
    ]
    if not pay and not pay_section:
        return None
    for token in sentence:
        if not words.has("vague", token):
            continue
        for noun in described_by(token):
            if noun in pay:
                return _range(token, noun)
        for noun in pay:
            if _near(sentence, token, noun, 3):
                return _range(token, noun)
        if pay_section and len(sentence) <= 6:
            return _range(token)
    for token in sentence:
        if token.dep_ == "amod" and token.head not in pay:
            continue  # it describes something else: "dependent coverage", "a negotiable start date"
        if words.has("condition", token) and (pay or pay_section):
            return _range(token, *[t for t in token.subtree if words.has("grounds", t)][:1])
        if words.has("depends", token) and (pay or pay_section):
            grounds = [t for t in token.subtree if words.has("grounds", t)]
            if grounds:
                return _range(token, grounds[0])
    for noun in pay:
        found = _pay_compared(noun, words)
        if found:
            return found
    return None


def _pay_compared(noun, words: Words) -> tuple[int, int] | None:
    """Pay placed against something else instead of a figure: a ``compared`` preposition on the
    pay noun, or on the verb it is the subject of, whose object holds no number ("a salary above
    standard postdoctoral scale", "pay is above the industry average"; not "a salary above
    £40,000")."""
    heads = [noun]
    if noun.dep_ in COPULA_SUBJECTS and noun.head is not noun:
        heads.append(noun.head)
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or not words.has("compared", prep):
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN" and not any(t.like_num for t in obj.subtree):
                    return _range(noun, prep, obj)
    return None


def _benefits_package(token, words: Words) -> bool:
    """ "a competitive benefits package" is about benefits, not pay."""
    return token.lower_ in ("package", "packages") and any(
        child.lemma_.lower() in ("benefit", "perk") for child in token.children
    )


# --- age preference ----------------------------------------------------------------------------


def age_preference(sentence, words: Words, *, scheme: bool = False, hire: bool = False) -> tuple[int, int] | None:
    """Wording that prefers younger people:

    - a fixed phrase (``phrases``: "digital native", "fresh blood"; matched on lemmas, in order);
    - a ``young`` word describing the team or the person hired: the noun it modifies, or the
      subject it is said of, is a ``people`` noun or "we"/"you" ("a young team", "we are young and
      energetic", "young journalists"), or the person the advert seeks, whatever the noun ("we are
      looking for a young salesperson", "we want a young person"), or, in a list of what the hire must be or have (``hire``),
      the noun an item stands for ("A high-energy doer"), but not a ``served`` group ("young
      people", "young carers") and not a company's age ("a young company");
    - a ``recent`` word with a ``graduate`` word ("recent graduates", "newly graduated", "you just
      graduated") or a verb of finishing a degree ("recently completed a degree"), unless the
      advert is a ``scheme`` for graduates or the sentence names one ("The Analyst Program is an
      opportunity for recent graduates"): there it says who the scheme takes, as its eligibility;
    - an age in years ("aged 21-30", "under 35 years old");
    - a cap on experience ("no more than 3 years of experience").
    """
    found = _fixed_phrase(sentence, words)
    if found:
        return found
    for token in sentence:
        if _holds_word(words, "young", token) and token.pos_ in ("ADJ", "NOUN", "PROPN", "VERB"):
            for noun in described_by(token):
                if _is_staff(noun, words) or (hire and _names_the_hire(noun, words)) or _sought(noun, words):
                    first = token if words.has("young", token) else token.doc[token.i - 2]  # "high-energy"
                    return _range(first, noun) if noun.i > token.i else _range(first, token)
        if (words.has("graduate", token) or _finishes_a_degree(token, words)) and not (
            scheme or any(_names_scheme(t, words) for t in sentence)
        ):
            recent = [t for t in _neighbours(token) if words.has("recent", t)]
            if recent and not _welcomed_too(token, words):
                return _range(token, *recent)
        if token.like_num:
            found = _age_in_years(sentence, token, words) or _experience_cap(sentence, token, words)
            if found:
                return found
        found = _age_bound(sentence, token, words)
        if found:
            return found
    return None


def _finishes_a_degree(token, words: Words) -> bool:
    """Whether ``token`` is a verb of finishing (``completes``) whose object holds a ``degrees``
    word: finishing a degree is graduating ("recently completed some kind of degree", "you have
    just finished your studies")."""
    return (
        token.pos_ == "VERB"
        and words.has("completes", token)
        and any(
            child.dep_ in ("dobj", "obj") and any(words.has("degrees", t) for t in child.subtree)
            for child in token.children
        )
    )


def _names_scheme(token, words: Words) -> bool:
    """Whether ``token`` names a scheme that takes graduates ("program", "academy"), other than the
    word for graduates itself."""
    return words.has("schemes", token) and not words.has("graduate", token)


def _welcomed_too(token, words: Words) -> bool:
    """Whether ``token`` is welcomed as well as others, not preferred: a verb it hangs from, or one
    of that verb's dependents, is a ``welcome`` word with "also", "too" or "even" ("fresh graduates with open-source experience
    will also be considered", "recent graduates are welcome too")."""
    for head in token.ancestors:  # the verb, or beside it when the parse hangs the clause the other way
        for verb in (head, *head.children):
            if verb.pos_ in ("VERB", "AUX", "ADJ") and words.has("welcome", verb):
                if any(child.lower_ in ("also", "too", "even") for child in verb.children):
                    return True
    return False


def _said_of_hire(token, words: Words) -> bool:
    """Whether the clause of ``token`` is said of the person hired: its subject is "you" or a
    ``people`` noun other than the employer ("applicants must be no older than", "you were born
    after"; not "our platform is older than", "the company was born in", "we hired graduates")."""
    verb = (
        token
        if token.pos_ in ("VERB", "AUX")
        else next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    )
    if verb is None:
        return False
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child.lower_ in ("you", "i") or (child.lower_ != "we" and _is_staff(child, words))
    return False


_DECADE = re.compile(r"^(?:twenties|thirties|forties|fifties|[2-6]0'?s)$")
_BIRTH_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _age_bound(sentence, token, words: Words) -> tuple[int, int] | None:
    """An age said without "aged" or "years old": a decade of the reader's life ("in your
    twenties", "candidates in their 30s"), a bound ("no older than 35", "younger than 30"), a
    year of birth ("born after 1995"), a graduation that must be recent ("graduated in the last
    two years"). Not in an equal-opportunity statement, not of a group served."""
    doc = sentence.doc
    lower = token.lower_
    found = None
    if _DECADE.match(lower) and token.i - 2 >= sentence.start:
        owner, preposition = doc[token.i - 1], doc[token.i - 2]
        if owner.lower_ in ("early", "mid", "late") and token.i - 3 >= sentence.start:
            owner, preposition = doc[token.i - 2], doc[token.i - 3]
        staff = any(_is_staff(t, words) for t in doc[sentence.start : token.i] if t.pos_ in ("NOUN", "PRON"))
        if preposition.lower_ == "in" and (owner.lower_ == "your" or (owner.lower_ == "their" and staff)):
            found = (preposition.i, token.i + 1)
    elif lower in ("older", "younger") and token.i + 2 < sentence.end and _said_of_hire(token, words):
        # an upper bound only: "no older than 35", "younger than 30"; "older than 18" and "no
        # younger than 18" are a minimum age, often the law's
        negated = token.i > sentence.start and doc[token.i - 1].lower_ in ("no", "not")
        if doc[token.i + 1].lower_ == "than" and doc[token.i + 2].like_num and negated == (lower == "older"):
            found = (token.i - negated, token.i + 3)
    elif lower == "born" and token.i + 2 < sentence.end and _said_of_hire(token, words):
        if doc[token.i + 1].lower_ in ("after", "before", "between", "in", "since") and _BIRTH_YEAR.match(
            doc[token.i + 2].text
        ):
            found = (token.i, token.i + 3)
    elif words.has("graduate", token) and token.pos_ == "VERB" and _said_of_hire(token, words):
        after = doc[token.i + 1 : min(sentence.end, token.i + 7)]
        recent = next((t for t in after if t.lower_ in ("last", "past")), None)
        unit = next((t for t in after if t.lemma_.lower() in ("year", "month")), None)
        if recent is not None and unit is not None and unit.i > recent.i:
            found = (token.i, unit.i + 1)
    if found is None or any(words.has("equality", t) for t in sentence):
        return None
    if any(words.has("served", t) and t.i < found[0] for t in sentence):
        return None  # "we mentor young adults in their twenties"
    return found


def _fixed_phrase(sentence, words: Words) -> tuple[int, int] | None:
    phrases = [phrase.split() for phrase in words.lists.get("phrases", ())]
    lemmas = [t.lemma_.lower() for t in sentence]
    lowers = [t.lower_ for t in sentence]
    for i in range(len(sentence)):
        for phrase in phrases:
            j, k = i, 0
            while k < len(phrase) and j < len(sentence):
                if lowers[j] == "-":
                    j += 1
                    continue
                if phrase[k] not in (lemmas[j], lowers[j]):
                    break
                j, k = j + 1, k + 1
            if k == len(phrase):
                return sentence[i].i, sentence[j - 1].i + 1
    return None


def _holds_word(words: Words, name: str, token) -> bool:
    """Whether ``token`` is a word of list ``name``, or ends one written with a hyphen, which the
    tokenizer splits ("high-energy" as "high", "-", "energy": the last word is the one the parse
    hangs from what it describes)."""
    if words.has(name, token):
        return True
    doc, i = token.doc, token.i
    return i >= 2 and doc[i - 1].text == "-" and f"{doc[i - 2].lower_}-{token.lower_}" in words.lists.get(name, ())


def _names_the_hire(noun, words: Words) -> bool:
    """Whether ``noun``, in a list of what the hire must be or have (``hire``), is the hire: the head
    of the item, a noun phrase standing alone ("A high-energy doer, warm and friendly")."""
    served = noun.lower_ in words.lists["served"] or noun.lemma_.lower() in words.lists["served"]
    return noun.dep_ == "ROOT" and noun.pos_ == "NOUN" and not served


def _sought(noun, words: Words) -> bool:
    """Whether ``noun`` is the person the advert seeks, whatever the noun: the object of a verb of
    seeking (``seeks``: "we want a young person", "hiring a young salesperson") or of "for" after one
    (``seeks_for``: "we are looking for a young salesperson"), or a noun joined to such an object
    ("a young designer and developer")."""
    served = words.has("served", noun)
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    head = noun.head
    if noun.dep_ in ("dobj", "obj") and head.pos_ == "VERB":
        verb, seeks = head, words.has("seeks", head)
    elif noun.dep_ == "pobj" and head.lower_ == "for" and head.head is not head:
        verb, seeks = head.head, words.has("seeks_for", head.head)
    else:
        return False
    # the employer seeks; the reader seeking is a duty ("you will recruit young volunteers"), and
    # anyone else's wants are not the advert's ("our clients want young audiences")
    # ("hire young people into their first jobs", with no subject, may be a group the employer serves)
    subjects = [child.lower_ for child in verb.children if child.dep_ in COPULA_SUBJECTS]
    if not subjects:
        return seeks and not served
    return seeks and all(subject in ("we", "i") for subject in subjects)


def _is_staff(noun, words: Words) -> bool:
    """Whether ``noun`` is the team, the workplace or the people hired (not a group served, not
    the company). The members of a team are its people: "a team of young people", "a team of
    energetic entrepreneurs" (``noun`` the object of "of" after a ``teams`` noun; not "a group of
    young people", whom a charity may serve)."""
    lower, lemma = noun.lower_, noun.lemma_.lower()
    of = noun.head
    if noun.dep_ == "pobj" and of.lower_ == "of" and of.head is not of and words.has("teams", of.head):
        return True
    if lower in words.lists["served"] or lemma in words.lists["served"]:
        return False
    if lower in ("we", "you", "i"):
        return True
    return lemma in words.lists["people"] or lower in words.lists["people"]


def _neighbours(token):
    """The words tied to ``token`` in the parse: its children, its head, and its head's modifiers
    ("recent" in "recent graduates", "newly" in "newly graduated", "recently" in "you recently graduated")."""
    yield from token.children
    if token.head is not token:
        yield token.head
        yield from (t for t in token.head.children if t is not token)


# an ordinal as one token ("21st", "third"; spaCy splits "twenty-first" and leaves "twenty", a cardinal)
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|twentieth", re.IGNORECASE)


def _age_in_years(sentence, number, words: Words) -> tuple[int, int] | None:
    """ "aged 21 to 30", "under 35 years old", "25-35 years of age"; an age is a cardinal, so an
    ordinal after "age" is an era ("the digital age of the 21st century")."""
    if _ORDINAL.fullmatch(number.text):
        return None
    doc = sentence.doc
    before = doc[max(sentence.start, number.i - 3) : number.i]
    after = doc[number.i + 1 : min(sentence.end, number.i + 6)]
    lowers = [t.lower_ for t in after]
    if any(t.lower_ in ("aged", "age", "ages") for t in before) or (
        "years" in lowers and ("old" in lowers or "age" in lowers)
    ):
        if any(words.has("equality", t) for t in sentence):
            return None  # an equal-opportunity statement that lists age
        owner = next(
            (t for t in number.ancestors if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() not in ("year", "age")),
            None,
        )  # what the age is of: "teens 13 - 18 years old" is of the teens, not of the years
        if owner is not None and (words.has("served", owner) or owner.lower_ in ("people", "children")):
            return None  # the age of a group served: "young carers aged 11 to 18"
        named = _noun_before(doc, sentence, before[0].i if before else number.i)
        if named is not None and (words.has("served", named) or named.lower_ in ("people", "children")):
            return None  # the group just named, however the parse hangs the age: "youth of color aged 15-25"
        if owner is None and _said_of_employer(number):
            return None  # the employer's age or a thing's: "we're only 5 years old", "our platform is 10 years old"
        end = number.i + 1
        for t in after:
            if t.lower_ in ("old", "age"):
                end = t.i + 1
                break
        start = next((t.i for t in before if t.lower_ in ("aged", "age", "ages")), number.i)
        return start, end
    return None


def _noun_before(doc, sentence, index: int):
    """The noun of the phrase just before ``doc[index]`` (within three tokens), followed up through
    "of" to the noun it belongs to ("youth of color aged ..." -> "youth"), or None."""
    noun = next((t for t in reversed(doc[max(sentence.start, index - 3) : index]) if t.pos_ in ("NOUN", "PROPN")), None)
    while noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head
    return noun


def _said_of_employer(token) -> bool:
    """Whether the clause of ``token`` is said of the employer or a thing: its subject is "we" or
    "it", or is owned by "our" or "its"."""
    verb = next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child.lower_ in ("we", "it") or any(t.lower_ in ("our", "its") for t in child.children)
    return False


def _experience_cap(sentence, number, words: Words) -> tuple[int, int] | None:
    """A most, not a least: "no more than 3 years", "maximum 2 years", "up to 2 years" of experience.
    Not in a sentence that names an amount of money: years that set a point of the pay scale
    ("a salary of $80,970 for applicants with under 5 years of experience") cap nothing."""
    doc = sentence.doc
    if any(t.is_currency for t in sentence):
        return None
    after = doc[number.i + 1 : min(sentence.end, number.i + 8)]
    if not any(t.lemma_.lower() == "year" for t in after[:2]) or not any(
        t.lemma_.lower() == "experience" for t in after
    ):
        return None
    before = " ".join(t.lower_ for t in doc[max(sentence.start, number.i - 3) : number.i])
    for cap in words.lists.get("caps", ()):
        if before.endswith(cap):
            start = number.i - len(cap.split())
            return start, next(t.i for t in after if t.lemma_.lower() == "year") + 1
    return None


# --- what the checks share ---------------------------------------------------------------------


def words_triggers(
    *rows: tuple[str, ...],
    phrases: str | None = None,
    literal: tuple[tuple[str, ...], ...] = (),
    exclude: frozenset[str] = frozenset(),
) -> Callable:
    """Triggers for a parsed check: only the spans that can hold a finding are parsed (parsing is
    most of a run's cost). Each row of ``rows`` names word lists of the rule, ``|`` joining lists
    that may stand for one another: a span triggers the row when it holds a word of each entry
    ("pay", "vague|condition": a pay word and a vague word). ``phrases`` names a list of phrases:
    a span holding every word of one of them triggers. ``literal`` rows are the same as ``rows``
    with the words written out ("year|years", "experience"). A token written as a word of ``exclude``
    holds nothing ("people", whose lemma is "person", for a check that reads singular nouns only)."""

    def triggers(rule) -> Triggers:
        alternatives = []

        def words_of(entry: str) -> frozenset[str]:
            return Words.of(rule.spec, entry.split("|")).all()

        for row in rows:
            alternatives.append(
                Alternative(tuple(Requirement(words=words_of(e), exclude=exclude) for e in row), None, None)
            )
        if phrases is not None:
            for phrase in Words.of(rule.spec, (phrases,)).all():
                parts = [p for p in phrase.replace("-", " ").split() if p]
                alternatives.append(Alternative(tuple(Requirement(words=frozenset({p})) for p in parts), None, None))
        for row in literal:
            alternatives.append(Alternative(tuple(Requirement(words=frozenset(e.split("|"))) for e in row), None, None))
        return Triggers(tuple(alternatives))

    return triggers


def parsed_sentences(target):
    """(item, sentence) for every sentence of the spans that were parsed."""
    for item in target.spans:
        doc = item.doc
        if doc is None or not len(doc) or not doc.has_annotation("DEP"):
            continue
        for first, last in sentence_bounds(item):
            yield item, doc[first:last]


def token_finding(rule, item, sentence, found: tuple[int, int], values: dict | None = None):
    """A finding on the tokens ``found`` (start, end) of ``sentence``'s Doc."""
    doc = sentence.doc
    first, last = doc[found[0]], doc[found[1] - 1]
    return span_finding(rule, item, first.idx, last.idx + len(last.text), values=values)
