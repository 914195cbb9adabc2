"""Whether a matched demand is asked of the applicant, or said of the employer's own people, read
from the dependency parse (a pattern rule's ``skip_unasked``)."""

from __future__ import annotations

from rolelint.checks.named.essential_requirements import HIRE_NOUNS

# the employer speaking of itself
FIRST_PERSON = frozenset({"we", "i", "us", "me"})
FIRST_PERSON_OWNERS = frozenset({"our", "my"})
# verbs by which an employer asks something of the people it hires: with the employer as their
# subject the demand is still the applicant's ("we require a 2:1", "we expect candidates to have")
DEMANDING = frozenset(
    {
        "require",
        "expect",
        "seek",
        "look",
        "search",
        "want",
        "need",
        "prefer",
        "favour",
        "favor",
        "hire",
        "recruit",
        "accept",
        "consider",
        "welcome",
        "invite",
        "ask",
        "value",
        "target",
        "demand",
    }
)
# the people sought, who may be "ours" ("our ideal candidate has a 2:1") without being staff
SOUGHT = HIRE_NOUNS | {"graduate", "graduates", "candidates", "applicants", "student", "students", "hires"}


def said_of_others(span) -> bool:
    """Whether the parse says the credential in ``span`` of the employer's own people rather than
    asking it of the applicant: on the way up from it to the clause that holds it, a noun the
    employer owns ("our security experts from renowned universities", "our team comes from top
    schools"), or a clause whose subject is the employer ("we partner with leading universities")
    or a person named ("Ben ... beat dozens of seniors while holding a 3.9 GPA") and whose verb asks
    nothing of anyone. A requirement item with no verb, the reader as subject ("you have"), the
    people sought as subject ("candidates must have") or on the way up ("our programme is open to
    students with a first-class degree") and a verb of asking ("we require a 2:1") keep it."""
    for token in _up_from(span.root):
        if token.pos_ in ("NOUN", "PROPN") and token.lower_ in SOUGHT:
            return False  # the people sought hold it ("open to students with a first-class degree")
        if token.pos_ in ("NOUN", "PROPN") and _owned_by_us(token):
            return True
        if token.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((child for child in token.children if child.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            continue  # an item with no verb, an imperative, a clause that borrows its subject
        if span.start <= subject.i < span.end:
            continue  # the phrase's own subject ("it" in "whatever it takes"): whom it is said of is further up
        if token.lemma_.lower() in DEMANDING or any(c.lemma_.lower() in DEMANDING for c in token.children):
            return False
        if subject.lower_ in FIRST_PERSON:
            return True
        if subject.lower_ in SOUGHT or subject.lower_ in ("you", "who", "that"):
            return False
        if subject.pos_ == "PROPN" and subject.ent_type_ in ("", "PERSON"):
            return True
        return _owned_by_us(subject)  # "our team comes from top schools"; else someone else's
    return False


def _up_from(token, steps: int = 8):
    """``token`` and its heads, up to the sentence's root."""
    yield token
    for count, head in enumerate(token.ancestors):
        if count >= steps:
            return
        yield head


def _owned_by_us(token) -> bool:
    return any(child.dep_ == "poss" and child.lower_ in FIRST_PERSON_OWNERS for child in token.children)
