"""What an advert's text says about the job: its duties, demanded proficiencies, years and pay."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rolelint.documents import Document, TextSpan
from rolelint.profession.model import Band
from rolelint.profession.text import sentences

DUTY_SECTIONS = ("responsibilities",)
DEMAND_SECTIONS = ("essential",)


def categorised_spans(document: Document) -> list[tuple[TextSpan, str]]:
    """Body spans with their section category; a sub-heading the splitter could not place
    ("### Technical:") takes the category of the heading above it."""
    parents: list[tuple[int, str]] = []  # (heading level, category)
    category_at: dict[int, str] = {}
    for section in document.sections:
        while parents and parents[-1][0] >= section.level:
            parents.pop()
        category = section.category
        if category == "other" and parents:
            category = parents[-1][1]
        parents.append((section.level, category))
        category_at[section.start] = category
    out = []
    for span in document.spans:
        if span.field not in (None, "body") or span.block == "heading":
            continue
        section = document.section_of(span.file_offset(0))
        category = category_at.get(section.start, span.section or "other") if section else (span.section or "other")
        out.append((span, category))
    return out


def spans_in(document: Document, categories: tuple[str, ...]) -> list[tuple[TextSpan, str]]:
    """Body spans of the given section categories, with their category."""
    return [(span, category) for span, category in categorised_spans(document) if category in categories]


def duty_spans(document: Document) -> list[TextSpan]:
    """List items (else paragraphs) of the advert's responsibilities sections."""
    spans = [s for s, _ in spans_in(document, DUTY_SECTIONS)]
    items = [s for s in spans if s.block == "list_item"]
    return items or spans


def demand_spans(document: Document) -> list[TextSpan]:
    return [s for s, _ in spans_in(document, DEMAND_SECTIONS)]


# Phrases that say how well a candidate must know something, mapped to a step of the default scale.
PROFICIENCY_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "expert",
        re.compile(
            r"\b(?:expert(?:ise)?|mastery|master of|world[- ]class|authority on|"
            r"deep (?:knowledge|expertise|understanding|experience)|thought leader)\b",
            re.I,
        ),
    ),
    (
        "practitioner",
        re.compile(
            r"\b(?:strong|proven|significant|extensive|substantial|in[- ]depth|advanced|"
            r"considerable) (?:\w+ )?(?:experience|knowledge|skills?|understanding|"
            r"background|track record|ability)\b",
            re.I,
        ),
    ),
    (
        "working",
        re.compile(
            r"\b(?:working knowledge|some experience|familiar(?:ity)? with|experience (?:of|in|with)"
            r"|hands[- ]on)\b",
            re.I,
        ),
    ),
    (
        "awareness",
        re.compile(
            r"\b(?:awareness of|basic (?:knowledge|understanding)|understanding of|"
            r"interest in)\b",
            re.I,
        ),
    ),
)


@dataclass(frozen=True)
class Cue:
    step: str  # a step of the default scale
    text: str
    start: int  # offsets in the span's text
    end: int


def proficiency_cue(sentence: str, base: int = 0) -> Cue | None:
    """The strongest proficiency demand in a sentence."""
    for step, pattern in PROFICIENCY_CUES:
        match = pattern.search(sentence)
        if match:
            return Cue(step, match.group(0), base + match.start(), base + match.end())
    return None


def span_sentences(span: TextSpan) -> list[tuple[int, int]]:
    return list(sentences(span.text))


_YEARS = re.compile(
    r"\b(?:(?:at least|minimum of|a minimum of|over|more than)\s+)?(\d{1,2})\s*(?:\+|plus)?\s*"
    r"(?:(?:-|–|to)\s*(\d{1,2})\s*\+?\s*)?years?(?:['’]s?)?\b(?!\s+old)",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    """A range the advert's text states (years of experience, or pay) and where it says it."""

    band: Band
    span: TextSpan
    start: int  # offsets in the span's text
    end: int

    @property
    def wording(self) -> str:
        return " ".join(self.span.text[self.start : self.end].split())

    def file_range(self) -> tuple[int, int]:
        return self.span.file_range(self.start, self.end)


def years_demands(document: Document) -> list[Mention]:
    """ "5+ years", "3-5 years' experience", "at least 4 years" in the requirement sections
    ("5 years' experience" reads as a minimum: the band's high end is open)."""
    found = []
    for span, category in spans_in(document, ("essential", "desirable", "about", "preamble", "other")):
        for match in _YEARS.finditer(span.text):
            window = span.text[max(0, match.start() - 60) : match.end() + 60].lower()
            if "experience" not in window and category not in ("essential", "desirable"):
                continue
            if re.search(r"service|leave|contract|pension|holiday|annual", window):
                continue
            high = int(match.group(2)) if match.group(2) else None
            found.append(Mention(Band(int(match.group(1)), high, "years"), span, match.start(), match.end()))
    return found


_CURRENCY = {"£": "GBP", "$": "USD", "€": "EUR"}
_AMOUNT = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|K)?"
_SALARY = re.compile(
    r"([£$€])\s?"
    + _AMOUNT
    + r"\s*(?:-|–|—|to)\s*[£$€]?\s?"
    + _AMOUNT
    + r"(?:\s*(?:a|per|/)\s*(year|annum|day|hour|month))?"
)


# One amount said to be the pay ("£30,000 a year", "up to £35,000", "from £45k"): where it stands in
# the pay section, or in a sentence that calls it salary or pay (named.pay's SALARY_WORDS).
_SINGLE = re.compile(
    r"(?:\b(up\s+to|max(?:imum)?(?:\s+of)?|from|starting\s+(?:at|from)|at\s+least|min(?:imum)?(?:\s+of)?)\s+)?"
    r"([£$€])\s?" + _AMOUNT + r"(?:\s*(?:a|per|/)\s*(year|annum|day|hour|month))?",
    re.IGNORECASE,
)
_UP_TO = ("up", "max")
_MONEY = re.compile(r"[£$€]\s?" + _AMOUNT)
# A one-off sum beside the pay, not the pay ("a £1,000 joining bonus", "£2,000 relocation").
_ONE_OFF = re.compile(r"\s*(?:joining|signing|sign-on|welcome|relocation|referral|bonus|one-off)\b", re.IGNORECASE)


def salary_mentions(document: Document, *, backwards: bool = False) -> list[Mention]:
    """Pay ranges in the advert's text ("£55,000 to £61,000 a year"), lowest first, and single amounts
    said to be the pay ("£30,000 a year", "up to £35,000": open at one end where the wording says so).
    With ``backwards``, only the ranges written highest first ("£61,000 to £55,000"), as written:
    ``low`` above ``high``."""
    from rolelint.checks.named.pay import SALARY_WORDS, reads_as_pay

    found = []
    for span, section in spans_in(document, ("pay", "benefits", "about", "preamble", "other")):
        ranges = []
        for match in _SALARY.finditer(span.text):
            low = _amount(match.group(2), match.group(3))
            high = _amount(match.group(4), match.group(5))
            if low is None or high is None or max(low, high) < 1000 and not match.group(6):
                continue
            ranges.append((match.start(), match.end()))
            if (high < low) != backwards:
                continue
            found.append(Mention(Band(low, high, _pay_unit(match.group(1), match.group(6))), span, *ranges[-1]))
        if backwards:
            continue
        for match in _SINGLE.finditer(span.text):
            if any(start < match.end() and match.start() < end for start, end in ranges):
                continue
            value = _amount(match.group(3), match.group(4))
            if value is None or value < 1000 and not match.group(5) or _ONE_OFF.match(span.text, match.end()):
                continue
            amount = _MONEY.match(span.text, match.start(2))
            if amount is None or not reads_as_pay(
                span.text, amount, context=None if section == "pay" else SALARY_WORDS
            ):
                continue
            wording = (match.group(1) or "").lower()
            low, high = (None, value) if wording.startswith(_UP_TO) else (value, None) if wording else (value, value)
            found.append(Mention(Band(low, high, _pay_unit(match.group(2), match.group(5))), span, *match.span()))
    return found


def _pay_unit(sign: str, period: str | None) -> str:
    return f"{_CURRENCY[sign]}/{ {'annum': 'year', None: 'year'}.get(period, period) }"


def _amount(number: str, thousands: str | None) -> float | None:
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return None
    return value * 1000 if thousands else value
