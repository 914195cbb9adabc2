"""RL203's check: duties that do not start with an action verb ("Excellent communication ...")."""

from __future__ import annotations

import re
from functools import lru_cache

from rolelint.checks import span_finding
from rolelint.checks.named.model import NamedCheck
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
    returned: up to the first that does not end in -ly, and one more."""
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
        elif plain is not None and len(words) > plain + 1:
            break
    return words if count >= 2 else []


def _duty_window(doc, text: str) -> list[tuple[int, int]]:
    """The tokens ``action_verb_duties`` reads tags of: from the first word after a lead-in, past
    the words ending in -ly it may skip as adverbs, to the word after the first that does not; none
    for the items it skips without reading tags."""
    rest = _duty_words(doc, text)
    if not rest:
        return []
    skipped = 0
    while len(rest) - skipped > 1 and rest[skipped].lower_.endswith("ly"):
        skipped += 1
    return [(rest[0].i, rest[min(skipped + 1, len(rest) - 1)].i + 1)]


def _doubtful_duties(rule, target) -> list[tuple]:
    """The duties (item, offset and text of the first word) whose first word the tagger did not
    read as a verb, nor is one of the rule's extra verbs; kept on each item's Doc, so that
    ``_probe_duties`` and the check read them once."""
    extra_verbs = {v.lower() for v in rule.spec.get("verbs", ())}
    key = ("rolelint.doubtful-duty", rule.code)
    doubtful = []
    for item in target.spans:
        doc = item.doc
        if doc is None or item.span.block not in ("list_item", "scalar"):
            continue
        found = doc.user_data.get(key)
        if found is None:
            found = doc.user_data[key] = _doubtful_first_word(doc, item.text, extra_verbs)
        if found:
            doubtful.append((item, *found))
    return doubtful


def _doubtful_first_word(doc, text: str, extra_verbs: set[str]) -> tuple[int, str] | tuple[()]:
    rest = _duty_words(doc, text)
    while len(rest) > 1 and rest[0].pos_ == "ADV" and rest[0].lower_.endswith("ly"):
        rest = rest[1:]  # "Proactively manage ..."
    if not rest:
        return ()
    first = rest[0]
    if first.tag_ in VERB_TAGS or first.lower_ in extra_verbs or first.lemma_.lower() in extra_verbs:
        return ()
    if _imperative_read_as_noun(first, rest[1] if len(rest) > 1 else None):
        return ()
    return first.idx, first.text


def _probe_duties(rule, targets) -> None:
    """Tag the second-opinion probes of every document of the run in one batch (they are memoised),
    rather than a small batch a document."""
    fragments = [item.text[idx:] for target in targets for item, idx, _ in _doubtful_duties(rule, target)]
    if fragments:
        _verbs_when_read_as_duties(fragments)


def action_verb_duties(rule, target, options):
    doubtful = _doubtful_duties(rule, target)
    verdicts = _verbs_when_read_as_duties([item.text[idx:] for item, idx, _ in doubtful]) if doubtful else []
    for (item, idx, text), verb in zip(doubtful, verdicts):
        if not verb:
            end = min(len(item.text), idx + len(text))
            yield span_finding(rule, item, idx, end, values={"word": text})


CHECK = NamedCheck(
    "action_verb_duties",
    run=action_verb_duties,
    needs=frozenset({"pos"}),
    params=frozenset({"verbs"}),
    triggers=lambda rule: Triggers(window=_duty_window),
    prefetch=_probe_duties,
    prepare=prepare,
)
