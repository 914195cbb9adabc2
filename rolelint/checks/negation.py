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
