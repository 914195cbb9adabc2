"""RL121's check: pay described by a word, not a figure, in an advert that gives no figure anywhere
(how the parse is read: named.parsed.vague_pay; what counts as a figure: named.pay)."""

from __future__ import annotations

from dataclasses import replace

from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.parsed import (
    Words,
    parsed_sentences,
    token_finding,
    words_triggers,
)
from rolelint.checks.named.parsed import (
    vague_pay as vague_pay_phrase,
)
from rolelint.checks.named.pay import has_salary_figure
from rolelint.checks.named.spec_schema import word_list
from rolelint.nlp.triggers import Requirement, Triggers

SCHEMA = {
    "pay": word_list("a list of the nouns for pay, such as [salary, compensation]"),
    "vague": word_list("a list of the vague words said of pay instead of a figure, such as [competitive, attractive]"),
    "condition": word_list("a list of the words that leave pay to be agreed, such as [DOE, negotiable]"),
    "depends": word_list("a list of the words that make pay depend on something, such as [depending, commensurate]"),
    "grounds": word_list("a list of what pay is said to depend on, such as [experience, skills]"),
    "compared": word_list("a list of the prepositions that compare pay with others', such as [above, below]"),
}
LISTS = tuple(SCHEMA)


def vague_pay(rule, target, options):
    if not target.spans or has_salary_figure(target.document, target.document.spans):
        return
    words = Words.of(rule.spec, LISTS)
    reported: set[int] = set()
    for item, sentence in parsed_sentences(target):
        found = vague_pay_phrase(sentence, words, pay_section=item.span.section == "pay")
        if found and id(item) not in reported:
            reported.add(id(item))  # one rewrite of the sentence or bullet fixes every match in it
            yield token_finding(rule, item, sentence, found)


def vague_pay_triggers(rule) -> Triggers:
    """A ``vague``, ``condition`` or ``depends`` word; and, outside a section headed as pay, a
    ``pay`` word in the same span too: the check reads pay words in the sentence only, or takes a
    pay section as saying the sentence is about pay, so a span with neither is never parsed."""
    pay = Requirement(words=Words.of(rule.spec, ("pay",)).all())
    alternatives = []
    for alternative in words_triggers(("vague|condition|depends|compared",))(rule).alternatives:
        alternatives.append(replace(alternative, requirements=(*alternative.requirements, pay)))
        alternatives.append(replace(alternative, sections=frozenset({"pay"})))
    return Triggers(tuple(alternatives))


def states_a_figure(rule, document, items) -> bool:
    """The check's first test, which needs no annotation: a figure in the front matter or anywhere in
    the advert's text, not only in ``items`` (the spans its trigger words kept): a range on a line of
    its own ("$82,500 - $95,000 a year") has no vague word, and a vague word beside it only qualifies it."""
    return has_salary_figure(document, document.spans)


CHECK = NamedCheck(
    "vague_pay",
    run=vague_pay,
    needs=frozenset({"lemma", "pos", "dep"}),
    schema=SCHEMA,
    triggers=vague_pay_triggers,
    needless=states_a_figure,
)
