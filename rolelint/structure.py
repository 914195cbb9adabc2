"""Structure recognition shared by every format: which lines are headings, what a heading's section is
about, and which requirements are marked desirable.

Markdown, plain text, HTML, .docx and JSON-LD all reach their sections through these functions, so
a heading such as "What will you do?", "**Requirements:**", "BENEFITS" or `<h3>Nice to have</h3>`
means the same in every format, and every rule that reads sections (RL201, RL202, RL209 …) sees
the same structure whatever the advert was written in.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from rolelint.documents import Section, TextSpan

# Heading words per section category, tried in this order (the first group that matches wins).
SECTION_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    # The employer's statements of policy and law, the same in every advert it publishes: equal
    # opportunity, diversity and inclusion, adjustments for disabled candidates, privacy, pay law.
    # Phrases, not single words, so that the heading of a diversity or privacy role's duties
    # ("Diversity, Inclusion and Belonging Partner Requirements") keeps its own category.
    (
        "policy",
        (
            "equal opportunit",
            "equal employment",
            "eeo",
            "reasonable adjustment",
            "reasonable accommodation",
            "accommodations",
            "diversity and inclusion",
            "diversity & inclusion",
            "inclusion and diversity",
            "diversity, equity",
            "equity and inclusion",
            "equity & inclusion",
            "inclusiveness",
            "inclusivity",
            "non-discrimination",
            "nondiscrimination",
            "anti-discrimination",
            "affirmative action",
            "privacy notice",
            "privacy policy",
            "privacy statement",
            "data protection",
            "pay transparency",
            "disclaimer",
        ),
    ),
    # Headings that mention a requirement or a benefit but are neither criteria nor perks.
    ("other", ("travel", "clearance")),
    (
        "apply",
        (
            "how to apply",
            "apply",
            "application",
            "next steps",
            "selection process",
            "interview",
            "recruitment process",
            "hiring process",
        ),
    ),
    (
        "desirable",
        (
            "desirable",
            "nice to have",
            "nice-to-have",
            "bonus",
            "preferred qualification",
            "it would be great",
            "extra credit",
            "plus if",
            "preferred skill",
            "preferred experience",
            "preferred requirement",
            "preferred criteria",
            "an asset",
            "assets",
            "advantageous",
            "would be a plus",
            "good to have",
            "good-to-have",
            "ideally",
            "useful skill",
            "useful qualit",
            "useful experience",
            "useful knowledge",
            "would be useful",
            "would be helpful",
        ),
    ),
    (
        "essential",
        (
            "essential",
            "requirement",
            "what we're looking for",
            "what we are looking for",
            "skills and experience",
            "experience and skills",
            "qualification",
            "you have",
            "you'll have",
            "you will have",
            "about you",
            "who you are",
            "person specification",
            "criteria",
            "must have",
            "what you need",
            "what you'll need",
            "what you will need",
            "skills",
            "competenc",
            "key skills",
            "are you",
            "what do you need",
            "what will you need",
            "who are we looking for",
            "what are we looking for",
            "what you bring",
            "what you'll bring",
            "what you will bring",
            "do you have",
            "what we expect",
            "we expect",
            "education",
            "experience",
            "attributes",
            "evaluate you",
            "assessed on",
        ),
    ),
    (
        "responsibilities",
        (
            "responsibilit",
            "what you'll do",
            "what you will do",
            "duties",
            "your role",
            "the job",
            "day to day",
            "day-to-day",
            "key tasks",
            "what you'll be doing",
            "what you will be doing",
            "accountabilit",
            "main tasks",
            "what will you do",
            "what will you be doing",
            "what will i do",
            "what would you do",
            "what does the job",
            "what does the role",
        ),
    ),
    (
        "benefits",
        (
            "benefit",
            "perk",
            "what we offer",
            "we offer",
            "why join",
            "why work",
            "rewards",
            "what's in it for you",
            "package",
            "what do we offer",
            "what can we offer",
            "what's in it for me",
        ),
    ),
    ("pay", ("salary", "pay", "compensation", "remuneration", "wage")),
    (
        "location",
        (
            "location",
            "working pattern",
            "where you'll work",
            "where you will work",
            "hours",
            "remote",
            "hybrid",
            "working arrangements",
            "office",
            "where will you work",
            "where is the job",
            "where is the role",
        ),
    ),
    (
        "about",
        (
            "about",
            "the role",
            "overview",
            "job description",
            "introduction",
            "summary",
            "who we are",
            "the team",
            "our team",
            "the opportunity",
            "role description",
            "job purpose",
            "who are we",
        ),
    ),
]

# One search per category instead of one `in` per keyword: a file of 250,000 headings spent most of
# its time here.
_CATEGORY_PATTERNS = [
    (category, re.compile("|".join(re.escape(word) for word in words))) for category, words in SECTION_KEYWORDS
]

# How a requirement is marked as not essential, in the words adverts use across countries.
DESIRABLE = re.compile(
    r"\b(?:desirable|nice[- ]to[- ]have|good[- ]to[- ]have|bonus|(?:a|an added|big) plus|plus if|preferred|"
    r"preferably|advantageous|(?:an|a real|a great) asset|would be great|would be (?:an? )?(?:advantage|plus|"
    r"benefit)|not essential|not required|ideally|is beneficial|(?:is|would be) helpful)\b",
    re.IGNORECASE,
)


def categorize_heading(heading: str) -> str:
    """The section category of a heading, by the first keyword group it mentions."""
    lowered = heading.lower().replace("’", "'").replace("`", "'").strip(" :*#_?")
    for category, pattern in _CATEGORY_PATTERNS:
        if pattern.search(lowered):
            return category
    return "other"


def marks_desirable(text: str) -> bool:
    """Whether a requirement says it is desirable rather than essential ("… is a plus", "preferred")."""
    return DESIRABLE.search(text) is not None


# --- which lines are headings -----------------------------------------------------------------

BOLD_LINE = re.compile(r"^[ \t]*(\*\*|__)(?P<text>[^*_\n]{1,80}?)(?::)?\1[ \t]*:?[ \t]*$")
_COLON_LINE = re.compile(r"^[ \t]*(?P<text>[A-Za-z][^:\n.!?]{0,60}):[ \t]*$")
_LEAD_IN_LINE = re.compile(r"^[ \t]*(?:[^\n:]{0,40}?[?!.][ \t]+)?(?P<text>[A-Za-z][^:\n.!?]{0,100}):[ \t]*$")
LIST_ITEM = re.compile(r"^([ \t]*)([-*+•]|\d{1,3}[.)])[ \t]+")
_QUESTION = re.compile(
    r"^[ \t]*(?P<text>(?:what|who|why|how|where|when|which|are|do|is|can|will|would)\b"
    r"[^\n.!?:]{0,70}\?)[ \t]*$",
    re.IGNORECASE,
)
_SHORT_LINE = re.compile(r"^[ \t]*(?P<text>[^\W\d_][^\n.!?;:,]{0,50}?)[ \t]*$")
_LOWER = re.compile(r"[^\W\d_A-Z]")  # a lower-case (or uncased) letter
_LETTER = re.compile(r"[^\W\d_]")

PSEUDO_LEVEL = 6  # a heading that is not marked up as one sits below every real heading of Markdown


def line_heading(content: str, fmt: str, *, alone: bool = False, emphasised: bool = False) -> str | None:
    """The heading text of a line that reads as a heading, else None.

    ``alone``: the line stands by itself (a blank line or the end of its block after it, not a line
    in the middle of a paragraph). ``emphasised``: the whole line is bold (HTML `<b>`, .docx runs).
    Markdown marks its headings, so there the looser signs (a colon, a question, capitals, a short
    line) count only when the heading names a known section; plain text, HTML and .docx have no
    other way to mark them, so a colon or capitals suffice there.
    """
    if len(content) > 200:
        return None
    marked = fmt == "markdown"
    bold = BOLD_LINE.match(content)
    if bold:
        return bold.group("text").strip().rstrip(":")
    stripped = content.strip()
    if emphasised and stripped and len(stripped.split()) <= 10 and not stripped.endswith((".", ",", ";")):
        return stripped.rstrip(":").strip()
    colon = _COLON_LINE.match(content)
    if colon and not LIST_ITEM.match(content) and len(colon.group("text").split()) <= 6:
        heading = colon.group("text").strip()
        if not marked or categorize_heading(heading) != "other":
            return heading
    if not alone:
        return None
    lead_in = _LEAD_IN_LINE.match(content)
    if lead_in and not LIST_ITEM.match(content) and len(lead_in.group("text").split()) <= 12:
        # a longer lead-in standing alone ("It would be great if you are familiar with:",
        # "Interested? We offer:") is a heading when it names a known section
        heading = lead_in.group("text").strip()
        if categorize_heading(heading) != "other":
            return heading
    question = _QUESTION.match(content)
    if question and len(question.group("text").split()) <= 10:
        heading = question.group("text").strip()
        if categorize_heading(heading) != "other":
            return heading
    short = _SHORT_LINE.match(content)
    if short and len(short.group("text").split()) <= 6 and not LIST_ITEM.match(content):
        heading = short.group("text").strip()
        shouting = _LETTER.search(heading) is not None and _LOWER.search(heading) is None and len(heading) > 2
        if categorize_heading(heading) != "other" or (shouting and not marked):
            return heading
    return None


_RUN_IN = re.compile(r"[ \t]*((?:[^\W\d_][\w'’`&/-]*[ \t]+){1,8}?)(?=[A-Z][\w'’`-]*[ \t]+\S)")


def run_in_heading(text: str) -> int | None:
    """Where the heading run into the start of a block of plain text ends, or None: "Responsibilities
    Manage the team ...", "What we're looking for We need ...", the heading's line break lost when
    the advert was pasted or flattened onto one line. The heading is at most eight words with no
    punctuation, names a known section with its last word, and a capitalised word follows it. The
    shortest such heading wins, so a heading is not run on into the sentence after it."""
    for match in _RUN_IN.finditer(text[:200]):
        words = match.group(1)
        lowered = words.lower().replace("’", "'").replace("`", "'").rstrip()  # as categorize_heading
        last_word = lowered.rfind(" ") + 1
        for category, pattern in _CATEGORY_PATTERNS:
            if category == "other":
                continue
            if any(hit.end() > last_word for hit in pattern.finditer(lowered)):
                return match.end(1)
        return None
    return None


_CONTINUES = re.compile(
    r"(?:[,;:(\-–—/&+]|\b(?:and|or|the|a|an|of|to|with|for|in|on|at|by|as|our|your))\s*$", re.IGNORECASE
)
_STARTS_ITEM = re.compile(r"[\s\"'“‘(]*(?:[^\W\d_]|\d)")


def unmarked_list(lines) -> bool:
    """Whether the lines of a plain-text paragraph are items of a list without bullets (as pasted from
    a word processor or a job board), each its own sentence: every line after the first starts with a
    capital letter or a digit, and no line breaks off mid-phrase (after a comma, "and", "the" …).
    Hard-wrapped prose fails one of these within a few lines, so it stays one paragraph."""
    texts = [line.strip() for line in lines]
    if len(texts) < 2:
        return False
    for before, after in zip(texts, texts[1:]):
        start = _STARTS_ITEM.match(after)
        if not before or not after or _CONTINUES.search(before) or start is None:
            return False
        first = start.group()[-1]
        if not (first.isupper() or first.isdigit()):
            return False
    return True


# --- sections and the spans in them -----------------------------------------------------------


def build_sections(headings: Sequence[tuple[int, str, int, int]], end: int) -> list[Section]:
    """Sections from ``headings`` — (level, text, start, end) in file offsets, in order — the last one
    running to ``end``. A heading that names no category of its own ("Technical", "Our stack") takes
    the category of the heading it sits under."""
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []  # (level, category) of enclosing headings
    for i, (level, text, start, heading_end) in enumerate(headings):
        section_end = headings[i + 1][2] if i + 1 < len(headings) else end
        while stack and stack[-1][0] >= level:
            stack.pop()
        category = categorize_heading(text)
        if category == "other" and stack:
            category = stack[-1][1]
        stack.append((level, category))
        sections.append(
            Section(
                heading=text,
                category=category,
                level=level,
                start=start,
                end=section_end,
                heading_start=start,
                heading_end=heading_end,
            )
        )
    return sections


class SectionFinder:
    """The section a file offset falls in, for spans built in file order."""

    def __init__(self, sections: list[Section]):
        self.sections = sections
        self.starts = [section.start for section in sections]

    def at(self, offset: int) -> Section | None:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.sections[index] if index >= 0 else None

    def span(self, text: str, offsets: Sequence[int], block: str) -> TextSpan:
        """A span of ``block`` type, in the section its first character falls in. A list item marked
        desirable ("… is a plus") under an essential heading is a desirable requirement."""
        section = self.at(offsets[0])
        category = section.category if section else "preamble"
        if category == "essential" and block == "list_item" and marks_desirable(text):
            category = "desirable"
        return TextSpan(
            text=text, offsets=offsets, section=category, heading=section.heading if section else None, block=block
        )
