"""RL201's check: how many things an advert requires, however its lists are headed."""

from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass
from functools import lru_cache

from rolelint.checks import SpanInput, span_finding
from rolelint.checks.named.action_verb_duties import known_verbs
from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.spec_schema import word_list
from rolelint.checks.named.third_person import title_heads
from rolelint.documents import TextSpan
from rolelint.structure import (
    MOST,
    alternatives_asked,
    condition_of_employment,
    continues_item,
    describes_the_stack,
    hedges_its_list,
    list_lead_in,
    marks_desirable,
    paragraph_lead_in,
    portrays_the_reader,
    unmarked_list,
)

_ITEM_WORDS = re.compile(r"[a-z][a-z'’-]*|\d+\+?")
_YEARS_OF = re.compile(r"\b\d{1,2}\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*years?\b", re.IGNORECASE)
_HAVING = frozenset({"have", "has", "hold", "holds", "possess", "possesses"})
# people an advert calls its hire, besides its title's head noun ("the candidate", "the applicant")
HIRE_NOUNS = frozenset(
    {"candidate", "applicant", "person", "hire", "postholder", "postdoc", "scholar", "appointee", "individual"}
)
_READER = frozenset({"you", "your", "you're", "you'll", "you've", "yourself"})
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
    # a verb of having states what the candidate has ("Have a minimum of 3 years", "Hold a degree")
    return first in words or first[0].isdigit() or first not in verbs or first in _HAVING


_CRITERIA = frozenset({"essential", "desirable"})


def _same_list(before, after) -> bool:
    """Whether two list items are of one list: under one heading, and in one section (a lead-in item
    such as "What We Look For" starts another), essential and desirable criteria being one list."""
    return before.heading == after.heading and (
        before.section == after.section or {before.section, after.section} <= _CRITERIA
    )


def about_the_hire(text: str, heads: frozenset[str] = frozenset()) -> bool:
    """Whether a sentence is about the hire: it addresses the reader ("You should:", "If you:") or
    names the hire ("An excellent candidate will be able to:", the title's head noun), rather than
    the employer ("We provide:", "The company offers:", "The technologies we use are:")."""
    tokens = set(re.findall(r"[a-z]+(?:['’][a-z]+)?", text.lower().replace("’", "'")))
    plurals = {token[:-1] for token in tokens if token.endswith("s")}
    return bool(tokens & _READER) or bool((tokens | plurals) & (HIRE_NOUNS | heads))


def requirement_lists(
    items, words: frozenset[str], *, min_run: int = 3, share: float = 0.6, heads: frozenset[str] = frozenset()
):
    """The list items an advert requires, in order: every item of an essential section not marked
    desirable; and, in a section not headed as requirements (a heading the recogniser did not know,
    the introduction, a duties section), a run of at least ``min_run`` consecutive list items of
    which ``share`` or more read as requirements (``reads_as_requirement``), all of its items not
    marked desirable, when no section of the advert is headed as requirements."""
    groups: list[tuple[list, bool]] = []  # each list's counted items, and whether it is a list of tags
    run: list = []
    # lists are read for requirements only when no section is headed as requirements: where one
    # is, the advert says which list holds them, and its other lists are something else
    headed = any(item.span.section == "essential" for item in items)
    # "About you" beside "Required qualifications": the advert names its requirements under the
    # latter, and the list of the former counts only if it reads as requirements rather than character
    named = any(item.span.section == "essential" and not portrays_the_reader(item.span.heading or "") for item in items)

    def reads_as_requirements(run) -> list:
        """The items of ``run`` not marked desirable, when most of its items read as requirements."""
        verbs = known_verbs()
        listed = [item for item in run if item.span.section not in NOT_REQUIREMENTS]
        kept = [item for item in listed if not marks_desirable(item.text)]
        # whether the list is one of requirements counts its desirable ones too
        hits = [item for item in listed if reads_as_requirement(item.text, words, verbs)]
        return kept if kept and len(hits) >= share * len(run) else []

    def flush():
        if not run:
            return
        found: list = []
        if describes_the_stack(lead_text):
            pass  # "… skills in our current technology stack:": the list names what the team runs
        elif hedges_its_list(run[0].span.heading or ""):
            pass  # "Experience that could make you successful": what may help, not what is required
        elif all(item.span.section == "essential" or item.span.section == "desirable" for item in run):
            if introduced or (named and portrays_the_reader(run[0].span.heading or "")):
                # a list with a lead-in of its own that names no section and is about the employer
                # ("The company offers:", "We provide:"), under a requirements heading, or a portrait of
                # the reader beside the requirements: a list of requirements only if it reads as one
                found = [item for item in reads_as_requirements(run) if item.span.section == "essential"]
            else:
                found = [item for item in run if item.span.section == "essential"]
        elif len(run) >= min_run and not headed:
            found = reads_as_requirements(run)
        # the right to work, vetting or the post's hours are conditions of the job, not requirements
        found = [item for item in found if not condition_of_employment(item.text)]
        # a list led in as alternatives ("one or more of the following:") asks for that many of its items
        if alternatives == MOST:
            found = found[: len(found) // 2 + 1]  # "most of these": more than half of them
        elif alternatives is not None:
            found = found[:alternatives]
        if found:
            # a list led in by words of its own, or under a heading that asks for it ("Also
            # required"), says what it is
            asked = bool(lead_text) or _ASKS.search(run[0].span.heading or "") is not None
            groups.append((found, not asked and _tags(run, words) and _after_the_advert(run, items)))
        run.clear()

    previous = ""  # the text of the list item just before, continuations included
    # an advert that ends two or more list items with a comma writes its lists that way
    commas = sum(1 for item in items if item.span.block == "list_item" and item.text.rstrip().endswith(",")) >= 2
    introduced = False  # the current run follows a paragraph that leads in to it and names no section
    alternatives: int | None = None  # how many of the current run's items its lead-in asks for
    lead_text = ""  # the lead-in just before the current run, when it ends with a colon
    for item in items:
        if item.span.block != "list_item":
            flush()
            text = item.text.strip()
            lead_text = text if text.endswith(":") else ""
            alternatives = alternatives_asked(text) if text.endswith(":") or item.span.block == "heading" else None
            introduced = (
                item.span.block == "paragraph"
                and text.endswith(":")
                and paragraph_lead_in(text) is None
                and not about_the_hire(text, heads)
            )
            previous = ""
            continue
        lead_in = list_lead_in(item.text) is not None
        continued = bool(run) and bool(previous) and continues_item(previous, item.text, commas_end_items=commas)
        previous = item.text if not lead_in else ""
        if lead_in:
            flush()
            alternatives = alternatives_asked(item.text)
            introduced = False
            lead_text = item.text.strip()
            continue  # a lead-in: the items after it are a list of their own
        if continued:
            continue  # the rest of the item before, split in two (one requirement)
        if not run or _same_list(run[-1].span, item.span):
            run.append(item)
            continue
        flush()  # another list (under another heading or lead-in item)
        introduced = False
        alternatives = None
        lead_text = ""
        run.append(item)
    flush()
    # a list of bare names ("Node.js", "Distributed Systems", "Incident Management") beside a list of
    # requirements is the site's tags for the post, restating them: it counts only when it is the
    # advert's only list of requirements
    stated = any(not tags for _, tags in groups)
    return one_position([item for found, tags in groups if not (tags and stated) for item in found])


_ASKS = re.compile(r"\b(?:requir\w*|must|needs?|needed|essential|mandatory|also)\b", re.IGNORECASE)


def _tags(run, words: frozenset[str]) -> bool:
    """Whether a list is one of tags: three or more items, each a bare name of at most five words
    with no closing punctuation ("Node.js", "Api Development", "Continuous Integration (CI/CD)"), none
    of which reads as a requirement."""
    if len(run) < 3:
        return False
    verbs = known_verbs()
    for item in run:
        text = item.text.strip()
        if len(text.split()) > 5 or text.endswith((".", ":", ";", ",", "!", "?")):
            return False
        if reads_as_requirement(text, words, verbs):
            return False
    return True


# sections that close an advert: what it offers, how to apply, the employer's policies
_CLOSING = frozenset({"benefits", "apply", "pay", "policy"})


def _after_the_advert(run, items) -> bool:
    """Whether a list stands after the advert has closed, where a site puts its tags for the post: some
    section of what it offers, how to apply or its policies comes between the requirements and it
    ("## Perks & Benefits" ... "## Skills": Node.js, React). A list of names straight after the
    requirements ("## Experience" then "## Technical skills") is a list of requirements."""
    first = next((n for n, item in enumerate(items) if item is run[0]), 0)
    essentials = [
        n for n, item in enumerate(items[:first]) if item.span.section == "essential" and item.span.block == "list_item"
    ]
    if not essentials:
        return False
    return any(item.span.section in _CLOSING for item in items[essentials[-1] + 1 : first])


_ASIDE = re.compile(r"\s*\([^()]*\)\s*")


def one_position(counted: list) -> list:
    """The requirements of one position, when an advert for several lists each one's under the same
    heading told apart by an aside ("Skills (Junior Developers)", "Skills (Senior Developer)"): a
    candidate applies for one of them, so only the longest of those lists counts."""
    by_heading: dict[str, list] = {}
    for item in counted:
        by_heading.setdefault(item.span.heading or "", []).append(item)
    parallel: dict[str, list[str]] = {}
    for heading in by_heading:
        main = _ASIDE.sub(" ", heading).strip().lower()
        if main != heading.strip().lower():
            parallel.setdefault(main, []).append(heading)
    dropped: set[str] = set()
    for headings in parallel.values():
        if len(headings) > 1:
            longest = max(headings, key=lambda heading: len(by_heading[heading]))
            dropped.update(heading for heading in headings if heading != longest)
    return [item for item in counted if (item.span.heading or "") not in dropped] if dropped else counted


_HARD_BREAK = re.compile(r"(?:  |\\|<br\s*/?>)\s*$", re.IGNORECASE)


def line_items(item, source: str, *, plain: bool) -> list:
    """The lines of a paragraph of requirements written one a line without bullets, as list items:
    in plain text, or in Markdown where each line ends with a hard break ("Degree in CS  " then
    "3 years of Java  "), when the lines read as a list (structure.unmarked_list); else []."""
    span = item.span
    if span.block != "paragraph" or len(span.offsets) < 2:
        return []
    first = span.offsets[0]
    lines = source[first : span.offsets[-1]].rstrip("\n").split("\n")
    if len(lines) < 3 or not unmarked_list(lines):
        return []
    if not plain and not all(_HARD_BREAK.search(line) for line in lines[:-1]):
        return []
    pieces = []
    at = first
    for line in lines:
        a = bisect.bisect_left(span.offsets, at)
        b = bisect.bisect_left(span.offsets, at + len(line.rstrip()))
        if span.text[a:b].strip():
            piece = TextSpan(
                span.text[a:b], span.offsets[a : b + 1], span.field, span.section, span.heading, "list_item"
            )
            pieces.append(SpanInput.of(piece))
        at += len(line) + 1
    return pieces


def _with_line_items(items, source: str, *, plain: bool) -> list:
    """``items`` with each paragraph of a requirements section written one item a line replaced by
    its lines, as list items."""
    out = []
    for item in items:
        lines = line_items(item, source, plain=plain) if item.span.section in _CRITERIA else []
        out.extend(lines or [item])
    return out


def requirement_words(spec) -> frozenset[str]:
    """The words a ``check`` mapping names as what a requirement names (``requirement_words``)."""
    return frozenset(str(word).lower() for word in spec.get("requirement_words", ()))


@lru_cache(maxsize=1)
def catalogue_requirement_words() -> frozenset[str]:
    """RL201's requirement words as the catalogue ships them, for a rule that reads the requirements
    RL201 counts without being RL201 (RL132): one list, so that the two read a document's
    requirements once (``requirement_items``). Read from the shipped file, which the test suite
    validates."""
    from rolelint.resources import shipped_rule_check

    return requirement_words(shipped_rule_check("RL201"))


@dataclass(frozen=True)
class _Reading:
    """A document's requirements as ``requirement_items`` read them, held without keeping the
    document or its spans (and their spaCy Docs) alive: ``found`` gives each requirement as its
    position in the spans, or as itself when it is a line read as an item (which has no Doc)."""

    document: weakref.ref
    spans: tuple[weakref.ref, ...]
    words: frozenset[str]
    found: tuple[int | SpanInput, ...]

    def recall(self, target, words: frozenset[str]) -> tuple | None:
        """The requirements of ``target`` if this is its reading with ``words``, else None."""
        spans = target.spans
        if self.document() is not target.document or self.words != words or len(self.spans) != len(spans):
            return None
        if any(held() is not span for held, span in zip(self.spans, spans)):
            return None
        return tuple(spans[found] if isinstance(found, int) else found for found in self.found)


# the last reading: RL201 and RL132 read the same requirements, one after the other
_LAST: list[_Reading | None] = [None]


def _forget(gone: weakref.ref) -> None:
    """Drop the last reading once its document is gone."""
    if _LAST[0] is not None and _LAST[0].document is gone:
        _LAST[0] = None


def requirement_items(target, words: frozenset[str]) -> tuple:
    """The items an advert requires (``requirement_lists``), requirements written one a line without
    bullets read as items."""
    last = _LAST[0]
    recalled = last.recall(target, words) if last is not None else None
    if recalled is not None:
        return recalled
    document, spans = target.document, target.spans
    items = _with_line_items(spans, document.source.text, plain=document.format == "text")
    found = tuple(requirement_lists(items, words, heads=title_heads(document)))
    places = {id(span): n for n, span in enumerate(spans)}
    _LAST[0] = _Reading(
        weakref.ref(document, _forget),
        tuple(weakref.ref(span) for span in spans),
        words,
        tuple(places.get(id(item), item) for item in found),
    )
    return found


def essential_requirements(rule, target, options):
    words = requirement_words(rule.spec)
    most = int(options.get("max", 7))
    counted = requirement_items(target, words)
    if len(counted) > most:
        extra = counted[most]
        yield span_finding(rule, extra, 0, len(extra.text), values={"count": len(counted), "max": most})


SCHEMA = {
    "requirement_words": word_list(
        "a list of the words that make an item of a list a requirement, such as [experience, knowledge]"
    ),
}
CHECK = NamedCheck("essential_requirements", run=essential_requirements, schema=SCHEMA)
