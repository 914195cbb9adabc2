"""RL129's check: mastery demanded in an advert for an entry-level post (an intern, a junior).

The level comes from the advert's own title, as RL122's does; the demand is found from the words
(a closed class of degree words before a word for knowledge), and only in an entry-level advert is a
span holding one parsed, to leave out a demand the parse says is negated ("mastery of all of them
isn't required").
"""

from __future__ import annotations

import re

from rolelint.checks import span_finding
from rolelint.checks.named.experience_for_level import JUNIOR_WORDS, SENIOR_WORDS, advert_title
from rolelint.checks.named.model import NamedCheck
from rolelint.checks.negation import negated
from rolelint.nlp.triggers import Alternative, Requirement, Triggers

# the top of a proficiency scale, before (or as) what is known: "expert knowledge of", "mastery of",
# "advanced knowledge of Python", "an expert in"
MASTERY = re.compile(
    r"\b(?:(?:expert|advanced|in-depth|deep|extensive)\s+(?:knowledge|understanding|expertise|proficiency|command|mastery)"
    r"|mastery\s+of|(?:an\s+)?expert\s+(?:in|at|with)\b)",
    re.IGNORECASE,
)
# said of what the post offers, not of what it asks: "you will gain advanced knowledge of"
OFFERED = re.compile(
    r"\b(?:gain|gaining|develop|developing|learn|learning|build|building|grow|growing|acquire|acquiring|"
    r"train|training|mentor|mentored|mentors|alongside|team|teams|colleagues|engineers)\b[^.;:!?]{0,40}$",
    re.IGNORECASE,
)


# the advert naming its own post to the reader: "As an Intern Data & GenAI / M&A Analytics (m/f/d),
# you'll play", "As a Junior Developer, you will"
AS_THE_POST = re.compile(r"\bAs\s+an?\s+((?:[A-Z][\w&/.-]*\s+|[&/]\s+){0,7}?[A-Z][\w&/.-]*)\s*[(,]")


# mastery someone else has: "their extensive expertise", "our deep knowledge"
OWNED_BY_OTHERS = re.compile(r"\b(?:their|our|his|her|its)\s+$", re.IGNORECASE)


def entry_level(document) -> str | None:
    """The entry-level word of the advert's title (front matter ``level``, a title or its first
    heading, or the post the advert names to the reader near its start: "As an Intern ..., you'll"),
    unless the title also says it is senior ("Associate director")."""
    data = document.data if isinstance(document.data, dict) else {}
    titles = [advert_title(document)] + [
        value for key, value in data.items() if isinstance(value, str) and str(key).lower() in ("job_title", "position")
    ]
    titles += [match.group(1) for span in document.spans[:30] for match in AS_THE_POST.finditer(span.text)]
    level = data.get("level")
    if isinstance(level, str) and JUNIOR_WORDS.search(level):
        return level.strip().lower()
    for title in titles:
        found = JUNIOR_WORDS.search(title)
        if found and not SENIOR_WORDS.search(title) and found.group(1).lower() != "associate":
            return found.group(1).lower()
    return None


def mastery_for_level(rule, target, options):
    level = entry_level(target.document)
    if level is None:
        return
    for item in target.spans:
        for match in MASTERY.finditer(item.text):
            if OFFERED.search(item.text[max(0, match.start() - 60) : match.start()]):
                continue
            if OWNED_BY_OTHERS.search(item.text[max(0, match.start() - 12) : match.start()]):
                continue  # "a mentor who supports you with their extensive expertise"
            if _negated_at(item, match.start(), match.end()):
                continue
            yield span_finding(rule, item, match.start(), match.end(), values={"level": level})


def _negated_at(item, start: int, end: int) -> bool:
    """Whether the parse says the demand at characters ``start``-``end`` of ``item`` is negated."""
    doc = item.doc
    if doc is None or not doc.has_annotation("DEP"):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and negated(span)


def _triggers(rule) -> Triggers:
    """A span is parsed only when it holds a word MASTERY starts with."""
    words = frozenset({"expert", "advanced", "depth", "deep", "extensive", "mastery"})
    return Triggers((Alternative((Requirement(words=words),), None, None),))


def not_entry_level(rule, document, items) -> bool:
    """The check finds nothing in an advert that is not for an entry-level post: nothing is parsed."""
    return entry_level(document) is None


CHECK = NamedCheck(
    "mastery_for_level",
    run=mastery_for_level,
    needs=frozenset({"pos", "dep"}),
    triggers=_triggers,
    needless=not_entry_level,
)
