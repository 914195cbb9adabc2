"""RL123's check: the person hired written about as "the candidate", read from the tagger's output.

Only a window of a few tokens around each word for the person hired is tagged (no parse): the
determiner and qualities before the noun, and whether a verb follows it, as it follows a subject.
"""

from __future__ import annotations

from rolelint.checks import span_finding
from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.parsed import Words
from rolelint.nlp.triggers import Alternative, Requirement, Triggers

LISTS = ("people", "quality", "title_quality", "holders")
VERB = ("AUX", "VERB")
# plurals are about the process ("candidates will be invited"), never the person hired
PLURALS = frozenset({"people", "persons", "individuals", "candidates", "applicants", "hires", "holders"})


def third_person_at(doc, words: Words) -> tuple[int, int] | None:
    """Token range of the first third-person reference to the person hired in ``doc``, or None:

    - "the/our" + a ``quality`` + a singular ``people`` noun ("the ideal candidate");
    - "a/an" + a ``quality`` + a ``people`` noun + a verb ("an excellent candidate will");
    - "the/this/our" + a ``people`` noun + a verb, or "that/who" and a verb ("the candidate will",
      "the person that fills this role should");
    - "the" + a ``title_quality`` + a capitalised title + a verb ("the successful Software
      Developer Intern works");
    - "the" + a ``holders`` word ("the postholder"), or "the post/job/role holder".
    """
    n = len(doc)
    for i, token in enumerate(doc):
        if i == 0 or token.tag_ in ("NNS", "NNPS") or token.lower_ in PLURALS:
            continue
        before = doc[i - 1].lower_
        if words.has("holders", token) and before == "the":
            return i - 1, i + 1
        if token.lower_ == "holder" and i >= 2 and doc[i - 2].lower_ == "the" and before in ("post", "job", "role"):
            return i - 2, i + 1
        if not words.has("people", token) or token.tag_ not in ("NN", ""):
            continue
        after = doc[i + 1] if i + 1 < n else None
        verb_after = after is not None and (
            after.pos_ in VERB or (after.lower_ in ("that", "who") and i + 2 < n and doc[i + 2].pos_ in VERB)
        )
        if words.has("quality", doc[i - 1]) and i >= 2:
            determiner = doc[i - 2].lower_
            if _said_of_you(doc, i - 2):
                continue  # "you are the right person" already speaks to the reader
            if determiner in ("the", "our") or (determiner in ("a", "an") and verb_after):
                return i - 2, i + 1
        if before in ("the", "this", "our") and verb_after and not _said_of_you(doc, i - 1):
            return i - 1, i + 1
    for i, token in enumerate(doc[:-2]):
        if token.lower_ == "the" and words.has("title_quality", doc[i + 1]):
            j = i + 2
            while j < n and j - i - 2 < 5 and doc[j].is_title:
                j += 1
            if j > i + 2 and j < n and doc[j].pos_ in VERB:
                return i, j
    return None


_BE = frozenset({"are", "'re", "’re", "be", "am", "'m", "’m"})


def _said_of_you(doc, determiner: int) -> bool:
    """Whether the phrase starting at ``determiner`` is said of the reader: "you" (or the reader's "I")
    and a form of "be" in the three words before it ("you are the ideal candidate", "are you the
    right person", "you could be the ideal candidate", "am I the right person?"). Read from the words, as these tokens may lie outside the tagged window."""
    before = {token.lower_ for token in doc[max(0, determiner - 3) : determiner]}
    return bool(before & {"you", "i"}) and bool(before & _BE)


def third_person(rule, target, options):
    words = Words.of(rule.spec, LISTS)
    for item in target.spans:
        doc = item.doc
        if doc is None or not len(doc):
            continue
        found = third_person_at(doc, words)
        if found:  # one finding a span: one rewrite to "you" fixes it
            first, last = doc[found[0]], doc[found[1] - 1]
            yield span_finding(rule, item, first.idx, last.idx + len(last.text))


def _triggers(rule) -> Triggers:
    words = Words.of(rule.spec, LISTS)
    people = frozenset(words.lists["people"] | words.lists["holders"] | {"holder"})
    return Triggers(
        (
            # the determiner and quality before the noun, the verb (or "that" and a verb) after it
            Alternative((Requirement(words=people, exclude=PLURALS),), 2, 2),
            # "the successful" + a title of up to five words + its verb
            Alternative((Requirement(words=words.lists["title_quality"]),), 1, 6),
        )
    )


CHECK = NamedCheck(
    "third_person",
    run=third_person,
    needs=frozenset({"lemma", "pos"}),
    params=frozenset(LISTS),
    triggers=_triggers,
)
