"""When applications close, as RL209 reads it: a closing date or deadline stated in an advert's text,
or a statement that applications stay open ("open until filled", "on a rolling basis").

A date counts where it says when applications close: a calendar date (written out, "10th September
2007" or "31/03/2027", or a month or weekday that spaCy's entity recogniser reads as a DATE, "apply by
Friday") in a sentence that speaks of closing or a deadline ("Applications close on 31 October", "The
deadline is March 3"), or that speaks of applying or sending and puts the date after a word that sets
a limit ("Apply by Friday, Sept. 14", "send a CV ... before 10th September", "applications received
after 31 March"), or right after a short heading or label that names the close ("Closing Date" and
the date in the table cell or line after it). A date alone ("Start date: March 2025") says when the
work starts, not when applying stops; nor does a date in a sentence about applying with no limit
before it ("Since June 2020 we have received 300 applications", "Applications open on 1 March");
"Deadline:" with no date after it says nothing either.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rolelint.checks import alternation

# a sentence's parts, as RL209 splits a span's text (core_sections reads its sentences so too)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s{4,}")
# a calendar's names of months and weekdays, whole or shortened ("Sept.", "Thu"): with a date in
# figures (_FIGURES), what makes a date the day something happens, where "2 years" or "annual" is a
# length or a frequency
_CALENDAR = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?"
    r"|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b",
    re.IGNORECASE,
)
# a capitalised word beside a figure, a month's or weekday's name if _CALENDAR matches it whole:
# "30 Aug 2016", "10th September 2007", "November 22", "31-Mar-2027"
_WRITTEN_DAY = re.compile(
    r"\b\d{1,4}(?:st|nd|rd|th)?(?:,?\s+(?:of\s+)?|-)(?P<name>[A-Z][a-z]{2,8})\b"
    r"|\b(?P<name2>[A-Z][a-z]{2,8})\.?,?\s+\d{1,4}(?:st|nd|rd|th)?\b"
)
# a date in figures: "15/03/2024", "2024-03-01", "15.3.24" (a full stop after it ends its sentence)
_FIGURES = re.compile(
    r"(?<![\d/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}|\d{4}[/.]\d{1,2}[/.]\d{1,2})(?![\d/-]|\.\d)"
)
# applications open until someone is hired: "until the position is filled", "until the roles are filled"
_UNTIL_FILLED = re.compile(
    r"\buntil\s+(?:(?:the|this|these|our|a|all)\s+)?(?:[\w-]+\s+){0,3}(?:is|are|has been|have been)\s+filled\b"
)
# a deadline that has gone by, or none set: "The deadline for this role has now passed", "There is
# no official closing date"
_PASSED = re.compile(
    r"\b(?:deadline|closing date)\b[^.!?]{0,60}\b(?:has|have)\s+(?:now\s+|already\s+)?passed\b"
    r"|\bno\s+(?:[\w-]+\s+){0,2}(?:deadline|closing date)\b"
)
# the advert closed when someone is found: "will close this advert when we find the right person"
_CLOSED_WHEN_FOUND = re.compile(
    r"\bclos(?:e|es|ing)\b[^.!?]{0,40}\b(?:when|once|as soon as)\b[^.!?]{0,40}\b(?:find|found|filled|hire|hired|appoint)"
)
_WORDS = re.compile(r"[a-z][a-z'’-]*")
# a word that sets a limit ("by Friday, Sept. 14", "before the end of the day on Friday 31 March",
# "no later than 5pm on 3 March", "received after 31 March"), and the words after it where its date
# is; not a length of time or the start of the work ("funded until 31 March 2028", "starts after 1 May")
_LIMIT = re.compile(
    r"(?<!funded )(?<!starts )(?<!start )(?<!starting )(?<!begins )(?<!runs )(?<!lasts )(?<!contract )"
    r"\b(?:by|before|until|till|up to|through|thru|prior to|no later than|not later than|after|due|ends?|ending)\b"
    r"(?:\W+[\w.:]+){1,12}",
    re.IGNORECASE,
)
# applications closed already: "Closing date: CLOSED", "This vacancy has now closed"
_CLOSED_NOW = re.compile(
    r"\b(?:closing date|deadline)\W{1,5}(?:closed|expired)\b"
    r"|\b(?:applications|vacancy|position|post|role|advert|job)\s+(?:is|are|has|have)\s+(?:now\s+)?(?:been\s+)?closed\b"
)
# a heading or a label that leads in to its date: a few words, no date of its own
_LEAD_IN_WORDS = 8

EntityReader = Callable[[list[str]], "list[list[tuple[str, str]]] | None"]


def _phrases(words: Iterable[str]) -> re.Pattern[str] | None:
    words = [str(word).lower() for word in words]
    if not words:
        return None
    return re.compile(r"\b(?:" + alternation(words) + r")\b")


def dated(text: str) -> bool:
    """Whether ``text`` has the shape of a calendar date somewhere (checked before the recogniser): a
    month's or weekday's name, or a date in figures. Of an entity the recogniser labels DATE, it tells a
    day or month of the calendar ("Friday, Sept. 14", "the end of March") from a length ("2 years")."""
    return _CALENDAR.search(text) is not None or _FIGURES.search(text) is not None


def says_when_applications_close(texts: list[str], values: list[str], spec, read_entities: EntityReader | None) -> bool:
    """Whether ``texts`` (an advert's spans in order, headings included) or ``values`` (its front
    matter's values) say when applications close: a window left open (``open_ended_words``, "until
    the post is filled"), a deadline gone by or none set, or a calendar date in a sentence naming
    the close (``deadline_words``), or after a word that sets a limit in a sentence naming applying
    (``closing_words``), or in the span after a short heading or label that names the close
    (``closing_labels``). ``read_entities`` gives each text's entities as (text, label) pairs, or
    None where there is no recogniser: then a date's shape alone counts."""
    cues = _phrases(spec.get("closing_words", ()))
    deadlines = _phrases(spec.get("deadline_words", ()))
    labels = _phrases(spec.get("closing_labels", ()))
    open_ended = _phrases(spec.get("open_ended_words", ()))
    spans = len(texts)
    texts = texts + values
    lowered = [text.lower().replace("’", "'") for text in texts]
    for text in lowered:
        if (open_ended is not None and open_ended.search(text)) or any(
            pattern.search(text) for pattern in (_UNTIL_FILLED, _PASSED, _CLOSED_WHEN_FOUND, _CLOSED_NOW)
        ):
            return True
    if cues is None and deadlines is None:
        return False
    candidates: list[str] = []
    for at, text in enumerate(texts):
        if not any(words is not None and words.search(lowered[at]) for words in (cues, deadlines)):
            continue
        for sentence in SENTENCE_END.split(text):
            lower = sentence.lower()
            if not dated(sentence):
                continue
            if deadlines is not None and deadlines.search(lower):
                candidates.append(sentence)
            elif cues is not None and cues.search(lower):
                candidates += [limit.group() for limit in _LIMIT.finditer(sentence) if dated(limit.group())]
        if (
            at < spans
            and labels is not None
            and labels.search(lowered[at])
            and not dated(text)
            and len(_WORDS.findall(lowered[at])) <= _LEAD_IN_WORDS
        ):
            # "Closing Date" as a heading or a table's header, its date in the next span
            following = next((t for t in texts[at + 1 : min(at + 3, spans)] if t.strip()), "")
            first = SENTENCE_END.split(following.strip())[0] if following else ""
            if first and dated(first):
                candidates.append(first)
    if not candidates:
        return False
    if any(_written_date(candidate) for candidate in candidates):
        return True
    # the rest name a month or a weekday alone ("apply by Friday", "before the end of March"), or a
    # word spelt as one that is none ("you may apply"): the recogniser tells them apart, where there is one
    read = read_entities(candidates) if read_entities is not None else None
    if read is None:
        return True
    return any(label == "DATE" and dated(text) for entities in read for text, label in entities)


def _written_date(sentence: str) -> bool:
    """Whether ``sentence`` writes out a date that needs no recogniser, which the small model often
    misses in a long sentence: in figures ("15/03/2024", "2024-03-01"), or a month's or weekday's
    name, capitalised, beside a figure ("10th September 2007", "Aug 30"), not the verb "may"."""
    return _FIGURES.search(sentence) is not None or any(
        _CALENDAR.fullmatch(day.group("name") or day.group("name2")) for day in _WRITTEN_DAY.finditer(sentence)
    )
