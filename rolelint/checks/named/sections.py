"""The sections of an advert, as RL209 counts them: shared by RL209 (core_sections), RL202
(essential_desirable_split) and the advert summary (rolelint.summary)."""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left

from rolelint.checks.named.closing_date import dated
from rolelint.checks.named.pay import has_salary_figure

CORE_SECTIONS = ("about", "responsibilities", "essential", "pay", "offer", "location", "apply", "closing")
# Front matter keys that stand in for a section (matched as substrings of the lower-cased key).
FRONT_MATTER_SECTIONS = {
    "responsibilities": ("responsibilit", "duties", "objective"),
    "essential": ("requirement", "qualification", "criteria"),
    "pay": ("salary", "pay"),
    "offer": ("benefit", "perk", "offer", "salary", "contract"),
    "about": ("about", "overview", "description"),
    "location": ("location", "working_pattern", "working pattern", "remote"),
    "apply": ("apply", "application", "closing"),
}


# the words of a key that names when applications close (a closing date, a deadline, the posting's
# expiry, a schema.org JobPosting's validThrough), read as words ("closingDate", "closedDate",
# "application_deadline", "validThrough", "expires"; not "disclosing")
_CLOSE_WORDS = frozenset(
    {"closing", "closes", "close", "closed", "deadline", "expire", "expires", "expiry", "expiration"}
)
_KEY_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _names_a_close(key) -> bool:
    words = {word.lower() for word in _KEY_WORDS.findall(str(key))}
    return bool(words & _CLOSE_WORDS) or {"valid", "through"} <= words


def _gives_a_date(value) -> bool:
    """Whether a front-matter value is a date: YAML's or TOML's own, or text in a date's shape."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return True
    if isinstance(value, str):
        return dated(value)
    if isinstance(value, list):
        return any(_gives_a_date(item) for item in value)
    return False


def headed_categories(document) -> set[str]:
    """The categories of the sections that have a heading and hold some text: a heading with nothing
    under it before the next heading ("What we offer" left empty when the page was copied) covers
    nothing."""
    starts = sorted(span.offsets[0] for span in document.spans if span.block != "heading" and span.offsets)
    return {
        section.category
        for section in document.sections
        if section.heading_end > section.heading_start and _holds_text(starts, section.heading_end, section.end)
    }


def _holds_text(starts: list[int], start: int, end: int) -> bool:
    """Whether a span other than a heading starts in [start, end) (``starts`` sorted)."""
    at = bisect_left(starts, start)
    return at < len(starts) and starts[at] < end


# A "Location: Leeds" or "**Salary:** £40,000" line stands in for a section too.
SECTION_LABEL = re.compile(
    r"^\W{0,3}(location|working pattern|salary|pay|how to apply|closing date|responsibilities|requirements)\W{0,3}:",
    re.IGNORECASE,
)


def _intro_words(items) -> int:
    """Words of prose before the first heading after the title: an untitled introduction."""
    words, headings = 0, 0
    for item in items:
        if item.span.block == "heading":
            headings += 1
            if headings > 1:
                break
        elif item.span.block != "scalar":
            words += len(item.text.split())
    return words


def sections_present(document, items) -> set[str]:
    """The section categories an advert has, as RL209 counts them: headed sections, an introduction
    of 30+ words (about), a salary or benefits (pay), "Location:"-style labels and front matter keys."""
    data = document.data if isinstance(document.data, dict) else {}
    present = headed_categories(document)
    if _intro_words(items) >= 30:
        present.add("about")
    if "benefits" in present or has_salary_figure(document, items) or data.get("salary"):
        present.add("pay")
    if "pay" in present:
        present.add("offer")  # what the employer offers: pay, benefits, terms
    for item in items:
        if item.span.block == "list_item" and item.span.section not in (None, "other", "preamble"):
            # a list led in by a paragraph that names its section ("The Communications Assistant will
            # be responsible for:") is that section, headed or not
            present.add(item.span.section)
        label = SECTION_LABEL.match(item.text)
        if label:
            present.add(
                next(c for c, hints in FRONT_MATTER_SECTIONS.items() if any(h in label.group(1).lower() for h in hints))
            )
    # a site's own value of a key rolelint knows, as a mapping or list its schema does not take
    # (`location:` as a place's name and coordinates), names the subject as well; a word alone
    # (`salary: competitive`) does not
    keys = [*data, *(key for key, value in document.site_data.items() if isinstance(value, (dict, list)) and value)]
    for key in keys:
        for category, hints in FRONT_MATTER_SECTIONS.items():
            if any(hint in str(key).lower() for hint in hints):
                present.add(category)
    # a closing date's key counts only with a date: a template's empty `closingDate:` gives none
    if any(_names_a_close(key) and _gives_a_date(value) for key, value in [*data.items(), *document.site_data.items()]):
        present.add("closing")
    return present
