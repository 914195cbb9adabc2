"""Whether a phrase is negated in its clause, read from spaCy's dependency parse.

A word list of negations before a match misses negations after it ("mastery of all the skills
isn't required") and catches ones in another clause ("not only X: you will juggle"). The parse says
which verb governs the phrase; the phrase is negated when that verb, or the phrase's own noun,
carries a negation ("n't", "not", "never", "no").
"""

from __future__ import annotations

NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "nt"})
# where a clause ends going up the tree: the verb of one of these belongs to another clause
CLAUSE_EDGES = frozenset({"ROOT", "advcl", "relcl", "ccomp", "conj", "parataxis", "acl", "csubj"})
MOST_STEPS = 6  # heads walked up from the phrase; clauses are shallower than this


def _negates(token) -> bool:
    return any(
        child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no") or child.lower_ in NEGATION_WORDS
        for child in token.children
        if child.dep_ in ("neg", "det", "advmod", "aux")
    )


def negated(span) -> bool:
    """Whether the parsed ``span`` is negated: its root, or a word it depends on up to the verb that
    heads its clause (through "be required to", "need to be"), has a negation ("You don't need
    mastery of all", "mastery of all the skills isn't required", "no expert knowledge needed")."""
    token = span.root
    for _ in range(MOST_STEPS):
        if _negates(token):
            return True
        if token.dep_ in CLAUSE_EDGES and token.pos_ in ("VERB", "AUX"):
            return False
        if token.head is token:
            return False
        token = token.head
    return False


# --- from the words, for rules that are not parsed ------------------------------------------------

# words that say a demand is not made, after it: "... isn't required", "... is not expected"
NOT_DEMANDED = frozenset({"required", "needed", "necessary", "expected", "essential", "mandatory", "requirement"})
CLAUSE_BREAKS = frozenset({",", ";", ":", "but", "however", "although", "though", "while"})
WORDS_BEFORE = 6  # tokens before a phrase a negation of it may stand in ("you don't need to be an expert in")
WORDS_AFTER = 8  # tokens after it to the verb that may deny it ("mastery of all the skills below isn't required")


def negated_in_words(doc, first: int, end: int, sentence: tuple[int, int]) -> bool:
    """Whether the tokens ``first``-``end`` of ``doc`` are negated in their clause, read from the
    words alone (for a rule whose spans are tagged in windows, where the parser, which needs whole
    spans, would cost most of a run): a negation a few words before it with no clause break between
    ("you don't need to be an expert in every"; not "not only"), or one a few words after it followed
    by a word of requirement ("mastery of all the skills listed below isn't required")."""
    start, stop = sentence
    for token in reversed(doc[max(start, first - WORDS_BEFORE) : first]):
        if token.lower_ in CLAUSE_BREAKS:
            break
        if token.lower_ in NEGATION_WORDS and not _adds(doc, token.i):
            return True
    after = doc[end : min(stop, end + WORDS_AFTER)]
    for k, token in enumerate(after):
        if token.lower_ in CLAUSE_BREAKS:
            break
        if token.lower_ in NEGATION_WORDS and any(t.lower_ in NOT_DEMANDED for t in after[k + 1 : k + 3]):
            return True
    return False


def _adds(doc, i: int) -> bool:
    """ "not only", "not just": a negation that adds to the demand rather than denying it."""
    return i + 1 < len(doc) and doc[i + 1].lower_ in ("only", "just", "merely", "simply")
