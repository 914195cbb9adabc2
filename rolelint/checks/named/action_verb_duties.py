"""RL203's check: duties that are not actions but traits or abilities ("Excellent communication ...",
"Ability to manage ...", "Be open to change").

A duty is reported when its first word is not a verb (by the tagger, then by a second opinion in a
verb slot) and says what the person is or has: an adjective ("Comfortable balancing ..."), or one of
the rule's ``traits`` nouns in its first two words ("Proven ability to lead"); or when it opens with
one of the rule's ``trait_verbs`` ("Be open to change", "Exhibit strong attention to detail"). A
first word that is neither ("In", "As", a noun naming a topic under a duty) is left alone: that is
how a list introduces or groups duties.

A trait is reported only among duties: when fewer than half the items of a list start with a verb,
the list is a list of requirements whose heading was most often not recognised as one ("THE IDEAL
CANDIDATE WILL HAVE:", "Use your skills to make an impact"), and it is left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial

from rolelint.checks import span_finding
from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.spec_schema import word_list
from rolelint.nlp import load_pipeline
from rolelint.nlp.triggers import Triggers

LEAD_IN = re.compile(r"^(?:you\s+will|you['’]ll|you\s+are\s+going\s+to|will|to)\s+", re.IGNORECASE)
VERB_TAGS = {"VB", "VBG", "VBP", "VBZ"}


def _imperative_read_as_noun(first, following) -> bool:
    """The tagger reads a capitalised imperative at the start of a fragment ("Define the roadmap")
    as a proper noun; a determiner or possessive right after it gives the verb away."""
    if following is None or not first.is_title or first.pos_ not in ("PROPN", "NOUN", "ADJ"):
        return False
    return following.tag_ in ("DT", "PRP$", "PRP", "PDT") and following.lower_ not in ("that", "this", "which")


_RUN_PIPELINE: dict[str, object] = {}


def prepare(rules, nlp) -> None:
    """Keep the run's pipeline: a second opinion on a duty's verb reuses it when it can tag and
    lemmatize, rather than loading the model a second time (else it asks for a tagging pipeline
    once per run, not once per document)."""
    _RUN_PIPELINE.clear()
    _RUN_PIPELINE["nlp"] = nlp


def _tagging_pipeline():
    nlp = _RUN_PIPELINE.get("nlp")
    if nlp is not None and {"tagger", "lemmatizer"} <= set(nlp.pipe_names):
        return nlp
    if "lemma" not in _RUN_PIPELINE:  # load_pipeline looks for the installed model on every call
        _RUN_PIPELINE["lemma"] = load_pipeline({"lemma"})
    return _RUN_PIPELINE["lemma"]


@lru_cache(maxsize=4)
def _verbs_of(lookups) -> frozenset[str]:
    return frozenset(lookups.get_table("lemma_index")["verb"]) if lookups.has_table("lemma_index") else frozenset()


def _known_verbs() -> frozenset[str]:
    """Base forms the English lemmatizer knows as verbs (its WordNet-derived verb index)."""
    return _verbs_of(_tagging_pipeline().get_pipe("lemmatizer").lookups)


def known_verbs() -> frozenset[str]:
    """Base forms the English lemmatizer knows as verbs: for checks that tell a duty ("Build …")
    from a requirement without tagging (named.essential_requirements)."""
    return _known_verbs()


def _probe_text(fragment: str, margin: int | None) -> str | None:
    """The fragment in a verb slot ("You will record decisions"). The verb's tags depend on the few
    tokens the tagger reaches; words past them change nothing, so the probe stops there."""
    words = fragment.split()[: 12 if margin is None else 3 + margin]
    return "You will " + words[0].lower() + " " + " ".join(words[1:]) if words else None


def _verbs_when_read_as_duties(fragments: list[str]) -> list[bool]:
    """Second opinion for fragments whose first word the tagger did not read as a verb: tag each in
    a verb slot and accept it only if it is also a known English verb, so "Record", "Understand" and
    "Line manage" pass while "Excellent" and "Strong" do not. Tagged in one batch, and memoised
    (duties repeat across a repo).

    Only the verb slot's tag and lemma are read, so the attribute ruler and the lemmatizer are not
    run over whole probes: as in ``rolelint.nlp.windows.tag_windows``, ``TokenAttributes`` gives that one
    token what they would (the ruler's Matcher over every probe cost more than the tagger)."""
    from rolelint.nlp.state import state_of

    nlp = _tagging_pipeline()
    state = state_of(nlp)
    probes = state.verb_probes
    texts = [_probe_text(fragment, state.margin()) for fragment in fragments]
    new = list(dict.fromkeys(t for t in texts if t is not None and t not in probes))
    if new:
        if len(probes) > 50_000:
            probes.clear()
        skip = [name for name in ("parser", "ner", "sentencizer") if name in nlp.pipe_names]
        attributes = state.token_attributes
        if attributes.usable:
            skip += ["attribute_ruler", "lemmatizer"]
        verbs = _known_verbs()
        for text, probe in zip(new, nlp.pipe(new, disable=skip)):
            if attributes.usable:
                if attributes.longer_match(probe):
                    attributes.annotate(probe)  # the ruler's longer patterns: the real components
                else:
                    attributes.apply(probe, [(2, 3)])
            token = probe[2]
            probes[text] = token.tag_ in VERB_TAGS and token.lemma_.lower() in verbs
    return [t is not None and probes.get(t, False) for t in texts]


def _duty_words(doc, text: str) -> list:
    """The words of a duty after its lead-in ("You will ..."), or none for the items
    ``action_verb_duties`` skips: one-word items and "Label: text" items. ``text`` is the Doc's
    text (``doc.text`` builds it token by token). Only the words the check and its window read are
    returned: up to the first that does not end in -ly, and two more (the window tags the first of
    them; the check reads only the text of the second)."""
    if ":" in text[: max(1, text.find(" ", 30))]:
        return []
    lead = LEAD_IN.match(text)
    start = lead.end() if lead else 0
    words, count, plain = [], 0, None
    for token in doc:
        if token.is_space or token.is_punct:
            continue
        count += 1
        if token.idx < start:
            continue
        words.append(token)
        if plain is None and not token.lower_.endswith("ly"):
            plain = len(words) - 1
        elif plain is not None and len(words) > plain + 2:
            break
    return words if count >= 2 else []


def _duty_window(doc, text: str, listed_verbs: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """The tokens ``action_verb_duties`` reads tags of: from the first word after a lead-in, past
    the words ending in -ly it may skip as adverbs, to the word after the first that does not; none
    for the items it skips without reading tags. An item whose first word is one of
    ``listed_verbs`` (the rule's ``verbs`` that are neither ``traits`` nor ``trait_verbs``, not
    ending in -ly, or "Responsible") is a duty whatever the tags (``_first_word``): an empty range,
    kept for the check with no token tagged."""
    rest = _duty_words(doc, text)
    if not rest:
        return []
    if rest[0].lower_ in listed_verbs:
        return [(rest[0].i, rest[0].i)]
    skipped = 0
    while len(rest) - skipped > 1 and rest[skipped].lower_.endswith("ly"):
        skipped += 1
    return [(rest[0].i, rest[min(skipped + 1, len(rest) - 1)].i + 1)]


ADJECTIVE_TAGS = {"JJ", "JJR", "JJS"}
# words that open a verb's object: "Double check the figures", "Cross check our data"
OBJECT_OPENERS = frozenset({"the", "a", "an", "all", "any", "each", "every", "our", "your", "their", "its", "that"})
# adjectives that open a plain duty: "Responsible for the roadmap"
DUTY_ADJECTIVES = frozenset({"responsible", "accountable"})


def _listed_verbs(rule) -> frozenset[str]:
    """The first words that make an item a duty from its text alone (``_first_word``): the rule's
    ``verbs`` and the ``DUTY_ADJECTIVES``, less its ``traits`` and ``trait_verbs`` and words ending
    in -ly (which ``_first_word`` may skip as an adverb)."""
    verbs, traits, trait_verbs = _lists(rule)
    return frozenset(
        v for v in verbs | DUTY_ADJECTIVES if v not in traits and v not in trait_verbs and not v.endswith("ly")
    )


def _lists(rule) -> tuple[set[str], frozenset[str], frozenset[str]]:
    spec = rule.spec
    return (
        {v.lower() for v in spec.get("verbs", ())},
        frozenset(w.lower() for w in spec.get("traits", ())),
        frozenset(w.lower() for w in spec.get("trait_verbs", ())),
    )


def _first_words(rule, target) -> list[tuple]:
    """Each duty's first word, as (item, offset, text, kind): ``duty`` (read as a verb), ``trait``
    (certainly not a duty: a trait verb, or a trait noun first), ``trait?`` (an adjective said of the
    person, or a trait noun in the first words) or ``other?`` (the second opinion decides whether
    either is a duty; only in a document with a trait to report); kept on each item's Doc, so that
    ``_probe_duties`` and the check read them once."""
    lists = _lists(rule)
    key = ("rolelint.duty-first-word", rule.code)
    words = []
    for item in target.spans:
        doc = item.doc
        if doc is None or item.span.block not in ("list_item", "scalar"):
            continue
        found = doc.user_data.get(key)
        if found is None:
            found = doc.user_data[key] = _first_word(doc, item.text, *lists)
        if found:
            words.append((item, *found))
    return words


def _first_word(
    doc, text: str, extra_verbs: set[str], traits: frozenset[str], trait_verbs: frozenset[str]
) -> tuple[int, str, str] | tuple[()]:
    rest = _duty_words(doc, text)
    while len(rest) > 1 and rest[0].pos_ == "ADV" and rest[0].lower_.endswith("ly"):
        rest = rest[1:]  # "Proactively manage ..."
    if not rest:
        return ()
    first = rest[0]
    if len(rest) > 1 and first.lower_ in trait_verbs and (first.lower_ != "be" or rest[1].tag_ in ADJECTIVE_TAGS):
        return first.idx, first.text, "trait"  # "Be open to change", "Exhibit strong attention"
    if first.lower_ in traits:
        if first.lower_.endswith("ing") and len(rest) > 1 and rest[1].pos_ not in ("ADP", "PUNCT", "CCONJ"):
            # a gerund with its object is a duty ("Understanding client objectives and supporting
            # them"); the trait takes a preposition ("Understanding of", "Understanding in")
            return first.idx, first.text, "duty"
        return first.idx, first.text, "trait"  # "Ability to", "Experience with" (read as a verb or not)
    if first.tag_ in VERB_TAGS or first.lower_ in extra_verbs or first.lemma_.lower() in extra_verbs:
        return first.idx, first.text, "duty"
    if _imperative_read_as_noun(first, rest[1] if len(rest) > 1 else None) or first.lower_ in DUTY_ADJECTIVES:
        return first.idx, first.text, "duty"  # "Define the roadmap" read as a noun, "Responsible for"
    if first.tag_ in ("PRP$", "PRP"):
        return first.idx, first.text, "other"  # a sentence about the reader: "Your overall capability is"
    if len(rest) > 2 and rest[1].tag_ in ("VB", "VBP") and rest[2].lower_ in OBJECT_OPENERS:
        return first.idx, first.text, "duty"  # a verb of two words with its object: "Double check the figures"
    # an adjective said of the person ("Comfortable balancing", "Proficient at"), not one that
    # describes the object of a duty written as a noun ("Full maintenance of the site")
    predicative = first.tag_ in ADJECTIVE_TAGS and (
        len(rest) == 1 or rest[1].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")
    )
    named = any(t.lower_ in traits for t in rest[:3]) or any(t.lemma_.lower() in traits for t in rest[:2])
    return first.idx, first.text, "trait?" if predicative or named else "other?"


def _probe_duties(rule, targets, options) -> None:
    """Tag the second-opinion probes of every document of the run in one batch (they are memoised),
    rather than a small batch a document."""
    fragments = [
        item.text[idx:] for target in targets for item, idx, _, kind in _first_words(rule, target) if kind == "trait?"
    ]
    if fragments:
        _verbs_when_read_as_duties(fragments)


def action_verb_duties(rule, target, options):
    words = _first_words(rule, target)
    if not any(kind.startswith("trait") for *_, kind in words):
        return  # nothing to report: the other items are not probed
    unsure = [item.text[idx:] for item, idx, _, kind in words if kind.endswith("?")]
    verdicts = iter(_verbs_when_read_as_duties(unsure) if unsure else [])
    kinds = []
    for item, idx, text, kind in words:
        if kind.endswith("?"):
            kind = "duty" if next(verdicts) else kind[:-1]
        kinds.append((item, idx, text, kind))
    if not any(kind == "trait" for *_, kind in kinds):
        return
    run_of = _list_runs(target.document)
    duties: dict[int, int] = {}
    counted: dict[int, int] = {}
    for item, _, _, kind in kinds:
        run = run_of.get(id(item.span), -1)
        counted[run] = counted.get(run, 0) + 1
        duties[run] = duties.get(run, 0) + (kind == "duty")
    for item, idx, text, kind in kinds:
        run = run_of.get(id(item.span), -1)
        if kind != "trait" or (run >= 0 and duties[run] * 2 < counted[run]):
            continue  # a list mostly of traits and requirements: see the module's docstring
        end = min(len(item.text), idx + len(text))
        yield span_finding(rule, item, idx, end, values={"word": text})


def _list_runs(document) -> dict[int, int]:
    """Each list item's run (by ``id`` of its span): items in a row, in one section, with nothing
    else between them."""
    run_of: dict[int, int] = {}
    runs = 0
    previous = None
    for span in document.spans:
        if span.block != "list_item":
            previous = None
            continue
        if previous is None or span.section != previous.section:
            runs += 1
        run_of[id(span)] = runs
        previous = span
    return run_of


CHECK = NamedCheck(
    "action_verb_duties",
    run=action_verb_duties,
    needs=frozenset({"pos"}),
    schema={
        "verbs": word_list("a list of the verbs a duty opens with, such as [lead, design]"),
        "traits": word_list(
            "a list of the nouns for what a person has that make a duty a trait in its first two words, "
            "such as [ability, experience]"
        ),
        "trait_verbs": word_list("a list of the verbs that open a trait rather than a duty, such as [be, possess]"),
    },
    triggers=lambda rule: Triggers(window=partial(_duty_window, listed_verbs=_listed_verbs(rule))),
    prefetch=_probe_duties,
    prepare=prepare,
)
