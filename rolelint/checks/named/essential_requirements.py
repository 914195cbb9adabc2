"""RL201's check: how many things an advert requires, however its lists are headed."""

from __future__ import annotations

import re

from rolelint.checks import span_finding
from rolelint.checks.named.action_verb_duties import known_verbs
from rolelint.checks.named.model import NamedCheck
from rolelint.structure import DESIRABLE, continues_item, list_lead_in

_ITEM_WORDS = re.compile(r"[a-z][a-z'’-]*|\d+\+?")
_YEARS_OF = re.compile(r"\b\d{1,2}\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*years?\b", re.IGNORECASE)
# sections whose lists are never requirements
NOT_REQUIREMENTS = frozenset({"desirable", "benefits", "apply", "pay", "location"})


def reads_as_requirement(text: str, words: frozenset[str], verbs: frozenset[str]) -> bool:
    """Whether a list item states something the candidate must have ("Experience with Django",
    "Strong SQL skills", "5+ years in product") rather than a duty ("Build dashboards that build
    experience"): it names a ``words`` noun or a number of years, and does not open with a verb
    (one the lemmatizer knows) that is not itself such a noun."""
    tokens = _ITEM_WORDS.findall(text.lower())
    if not tokens:
        return False
    if not (any(t in words for t in tokens) or _YEARS_OF.search(text)):
        return False
    first = tokens[0]
    return first in words or first[0].isdigit() or first not in verbs


_CRITERIA = frozenset({"essential", "desirable"})


def _same_list(before, after) -> bool:
    """Whether two list items are of one list: under one heading, and in one section (a lead-in item
    such as "What We Look For" starts another), essential and desirable criteria being one list."""
    return before.heading == after.heading and (
        before.section == after.section or {before.section, after.section} <= _CRITERIA
    )


def requirement_lists(items, words: frozenset[str], *, min_run: int = 3, share: float = 0.6):
    """The list items an advert requires, in order: every item of an essential section not marked
    desirable; and, in a section not headed as requirements (a heading the recogniser did not know,
    the introduction, a duties section), a run of at least ``min_run`` consecutive list items of
    which ``share`` or more read as requirements (``reads_as_requirement``), all of its items not
    marked desirable, when no section of the advert is headed as requirements."""
    counted = []
    run: list = []
    # lists are read for requirements only when no section is headed as requirements: where one
    # is, the advert says which list holds them, and its other lists are something else
    headed = any(item.span.section == "essential" for item in items)

    def flush():
        if not run:
            return
        if all(item.span.section == "essential" or item.span.section == "desirable" for item in run):
            counted.extend(item for item in run if item.span.section == "essential")
        elif len(run) >= min_run and not headed:
            verbs = known_verbs()
            listed = [item for item in run if item.span.section not in NOT_REQUIREMENTS]
            kept = [item for item in listed if not DESIRABLE.search(item.text)]
            # whether the list is one of requirements counts its desirable ones too
            hits = [item for item in listed if reads_as_requirement(item.text, words, verbs)]
            if kept and len(hits) >= share * len(run):
                counted.extend(kept)
        run.clear()

    previous = ""  # the text of the list item just before, continuations included
    # an advert that ends two or more list items with a comma writes its lists that way
    commas = sum(1 for item in items if item.span.block == "list_item" and item.text.rstrip().endswith(",")) >= 2
    for item in items:
        lead_in = item.span.block == "list_item" and list_lead_in(item.text) is not None
        continued = (
            item.span.block == "list_item"
            and bool(run)
            and bool(previous)
            and continues_item(previous, item.text, commas_end_items=commas)
        )
        previous = item.text if item.span.block == "list_item" and not lead_in else ""
        if continued or lead_in:
            continue  # the rest of the item before, split in two (one requirement), or a lead-in
        if item.span.block == "list_item" and (not run or _same_list(run[-1].span, item.span)):
            run.append(item)
            continue
        flush()
        if item.span.block == "list_item":
            run.append(item)
    flush()
    return counted


def essential_requirements(rule, target, options):
    words = frozenset(w.lower() for w in rule.spec.get("requirement_words", ()))
    most = int(options.get("max", 7))
    counted = requirement_lists(target.spans, words)
    if len(counted) > most:
        extra = counted[most]
        yield span_finding(rule, extra, 0, len(extra.text), values={"count": len(counted), "max": most})


CHECK = NamedCheck("essential_requirements", run=essential_requirements, params=frozenset({"requirement_words"}))
