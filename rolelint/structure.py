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
import string
from functools import cache
from typing import Sequence

from rolelint.documents import Section, TextSpan
from rolelint.slips import one_letter_from
from rolelint.textfold import caseless

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
            "underrepresented",
            "under-represented",
            "privacy notice",
            "privacy policy",
            "privacy statement",
            "data protection",
            "personal data",
            "gdpr",
            "pay transparency",
            "disclaimer",
        ),
    ),
    # Headings that mention a requirement or a benefit but are neither criteria nor perks.
    ("other", ("travel", "clearance", "conditions of employment")),
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
    # the duties' outcome, though it names what "you will have"
    ("responsibilities", ("impact you will have", "impact you'll have")),
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
            "would be nice",
            "nice if",
            "beneficial",
            # the hedge of a list of extras: "And these won't hurt either", "It wouldn't hurt if you ..."
            "won't hurt",
            "wouldn't hurt",
            "doesn't hurt",
        ),
    ),
    (
        "essential",
        (
            "essential",
            "requir",  # requirements, required, what we require
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
            "what we look for",
            "we expect",
            "education",
            "experience",
            "attributes",
            "evaluate you",
            "assessed on",
            "to be successful",
            "to qualify",
            "you need",
            "you'd need",
            "you would need",
            "your profile",
            "candidate profile",
            "ideal profile",
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
            "tasks",  # "Tasks:", "Key tasks", "Your tasks"
            "what you'll be doing",
            "what you will be doing",
            "accountabilit",
            "what will you do",
            "what will you be doing",
            "what will i do",
            "what would you do",
            "what does the job",
            "what does the role",
            "typical day",
            "day in the life",
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
            # what the employer offers, as adverts from the Netherlands and Scandinavia head it
            "our offer",
            "the offer",
            "on offer",
            "terms of employment",
            "employment terms",
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
            "purpose of the",  # "Purpose of the post", "Purpose of the role"
            "who are we",
            "description",
        ),
    ),
]


def _keyword(word: str) -> str:
    """A keyword as a pattern: a stem matches the words it starts ("requir" in "requirements"), but a
    keyword ending with the reader, "you", does not run on into "your" ("about you" is not "about
    your wellbeing")."""
    return re.escape(word) + (r"\b" if word.split()[-1] == "you" else "")


# One search per category instead of one `in` per keyword: a file of 250,000 headings spent most of
# its time here.
_CATEGORY_PATTERNS = [
    (category, re.compile("|".join(_keyword(word) for word in words))) for category, words in SECTION_KEYWORDS
]

_POLICY = next(pattern for category, pattern in _CATEGORY_PATTERNS if category == "policy")

# How a requirement is marked as not essential, in the words adverts use across countries.
DESIRABLE = re.compile(
    r"\b(?:desirable|nice[- ]to[- ]have|good[- ]to[- ]have|bonus|"
    # "a plus", "a big plus", "a HUGE plus", "an added plus"
    r"(?:an?\s+(?:(?:added|big|huge|major|great|definite|real|strong|massive|nice)\s+)?|big\s+)plus|plus if|preferred|"
    r"preferably|advantageous|(?:an|a real|a great) asset|would be (?:great|nice)|would be (?:an? )?(?:advantage|plus|"
    r"benefit)|ideally|(?:is|would be) beneficial|(?:is|would be) helpful|"
    # a requirement said not to be one, a word of degree allowed: "not absolutely mandatory", "not strictly required"
    r"not\s+(?:[a-z]+\s+)?(?:essential|required|mandatory|necessary|compulsory)|"
    # "desired" as the mark of a whole requirement, closing it or its clause: "Kubernetes certification highly
    # desired", "Experience with Go is desired." (not "the desired state of the cluster")
    r"(?:(?:is|are|highly|strongly|very|much)\s+)?desired(?=\s*(?:[.,;:)]|$))|"
    # the employer's preference, as a lead-in says it: "we do prefer:", "we would prefer"
    r"we\s+(?:[a-z]+\s+)?prefer(?=\s*(?:[.,;:]|$))|"
    # a copula (or "considered") and a mark of worth, one word of degree allowed: "is considered a huge
    # plus", "is a strong plus", "will be an advantage", "will be greatly appreciated", "will be of benefit"
    r"(?:is|are|be|considered)\s+(?:as\s+)?(?:an?\s+)?(?:[a-z]+\s+)?(?:plus|advantage|asset|appreciated)|"
    r"(?:is|are|be)\s+of\s+(?:[a-z]+\s+)?(?:benefit|advantage|value))\b"
    # a mark of worth set after a dash or in brackets, as a label: "Ruby - advantage", "Go (a plus)"
    r"|(?:\s[-–—]|\()\s*(?:an?\s+)?(?:[a-z]+\s+)?(?:advantage|plus|asset)\b(?!\s*(?:years?|yrs?)\b)",
    re.IGNORECASE,
)
# Every match of DESIRABLE holds all the words of one of these, in any case (tests/test_structure.py
# derives that from the pattern): substring searches rule most texts out far faster than the pattern.
_DESIRABLE_CLUES = (
    ("desirable",),
    ("nice", "have"),
    ("good", "have"),
    ("bonus",),
    ("plus",),
    ("prefer",),
    ("advantage",),
    ("asset",),
    ("would be ", "great"),
    ("would be ", "nice"),
    ("would be ", "benefit"),
    ("not", "essential"),
    ("not", "required"),
    ("not", "mandatory"),
    ("not", "necessary"),
    ("not", "compulsory"),
    ("desired",),
    ("ideally",),
    ("beneficial",),
    ("helpful",),
    ("appreciated",),
    ("of", "benefit"),
    ("of", "value"),
)


def may_mark_desirable(text: str) -> bool:
    """False when ``DESIRABLE`` cannot match in ``text``; True when it may. Worth asking first of a
    long text (an advert's whole text); on a line the pattern alone is as quick."""
    lowered = caseless(text)
    return any(all(word in lowered for word in clue) for clue in _DESIRABLE_CLUES)


# A lead-in that ends with the reader's future ("As a developer with us, you will:") introduces duties.
_YOU_WILL_END = re.compile(r"\b(?:you will|you'll|you would|you'd)(?: be)?$")
# a lead-in ending with what the hire will be asked to do introduces duties, whatever it names
_REQUIRED_TO_END = re.compile(r"\b(?:(?:required|expected|asked) to|responsible for)$")
# Where a job title's own noun phrase ends: "Developer (Junior)", "Engineer - Remote", "Lead, Data".
_TITLE_END = re.compile(r"\s(?:for|in|at|on|with|of|to|as)\s|\s[-–—]|[(\[,:|@/]")
# A heading that opens with one of these is a phrase about something ("About the developer", "What
# you'll do as an engineer"), not a job's name.
_PHRASE_OPENERS = frozenset(
    "about what who why how where when which your our the a an as for to meet join working work".split()
)
# Nouns for a person by their work: the head of a job title ("News Applications Developer").
_AGENT_SUFFIX = re.compile(r"(?:er|or|ist|ian|yst|ant|ee|ect)$")
_PERSON_NOUNS = frozenset(
    "intern lead head chief student fellow associate president agent resident postdoc partner nurse "
    "trainee apprentice scholar".split()
)
# words ending as a person's noun does that are not one: common nouns, and the closed class of
# adverbs, conjunctions and prepositions ("And these won't hurt either", "Skills, however")
_NOT_PERSONS = frozenset(
    "offer other order number matter letter paper center centre together after under over either neither whether "
    "another rather further however whatever whenever wherever whoever never ever hereafter thereafter moreover "
    "per".split()
)
_HEADING_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def names_a_job(heading: str) -> bool:
    """Whether a heading is a job's name ("News Applications Developer", "Remote Python Engineer
    (Junior)"): it opens with a word of its own rather than "About", "What", "Your" …, and its noun
    phrase ends with a noun for a person by their work (a developer, an analyst, an intern). Such a
    heading names the post, whatever section words its modifiers hold ("Applications", "Remote",
    "Benefits")."""
    phrase = _TITLE_END.split(" " + heading.replace("*", " ").replace("_", " ") + " ", maxsplit=1)[0]
    words = _HEADING_WORDS.findall(phrase.lower().replace("’", "'"))
    if not words or words[0] in _PHRASE_OPENERS:
        return False
    last = words[-1]
    if last in _NOT_PERSONS:
        return False
    return last in _PERSON_NOUNS or (len(last) > 4 and _AGENT_SUFFIX.search(last) is not None)


# A WordPress page builder's shortcode, which the site renders and no reader sees:
# `[fusion_builder_container hundred_percent="no" ...]`, `[vc_row]`, `[/fusion_text]`, `[caption id="x"]`:
# a name with an underscore, or any name with attributes. Not "[Insert salary]" nor "[x]".
SHORTCODE = re.compile(
    r"\[/?[a-z][a-z0-9]*_[a-z0-9_]*(?:\s[^\[\]\n]*)?\]|\[[a-z][\w-]*(?:\s+[\w-]+=\"[^\"\n]*\")+\s*/?\]"
    r"|\[/[a-z][\w-]*\]"
)


def categorize_heading(heading: str) -> str:
    """The section category of a heading, by the first keyword group it mentions. A heading that
    names a job ("News Applications Developer", ``names_a_job``) is no section's, whatever words its
    modifiers hold, unless it is the employer's policy ("Equal Opportunity Employer"); a lead-in
    ending with "you will" introduces duties. A heading of no section whose long words are one
    letter off a keyword's ("RESPONSIBLITIES", ``mend_slips``) is read as they were meant."""
    category = _categorize(heading)
    if category == "other":
        mended = mend_slips(heading)
        if mended is not None:
            return _categorize(mended)
    return category


# The words of the section keywords long enough that one letter off them is a slip rather than
# another word, by first letter; a heading's word is compared only with those of its first letter.
_SLIP_WORD = re.compile(r"[a-z]{8,}")
_SLIP_KEYWORDS: dict[str, tuple[str, ...]] = {}
_ENDINGS = frozenset({"", "s", "es", "ies", "y", "e"})
for _word in sorted({w for _, words in SECTION_KEYWORDS for p in words for w in re.findall(r"[a-z]+", p)}):
    if len(_word) >= 7:
        _SLIP_KEYWORDS[_word[0]] = (*_SLIP_KEYWORDS.get(_word[0], ()), _word)


@cache
def _slips_of(word: str) -> frozenset[str]:
    """The strings one slip off a keyword's word (it is compared only with words of its first letter)."""
    return frozenset(one_letter_from(word, string.ascii_lowercase))


def _mended_word(match: re.Match[str]) -> str:
    written = match.group()
    for word in _SLIP_KEYWORDS.get(written[0], ()):
        if word in written:
            return written
        # a keyword may be a stem ("responsibilit"): the slip is in the written word's opening, which
        # starts and ends as the keyword does (not "attributed" for "attributes"), and what follows it
        # is an ending of the keyword's word (not "educating" for "education")
        for size in (len(word) - 1, len(word), len(word) + 1):
            opening = written[:size]
            if (
                written[size:] in _ENDINGS
                and size <= len(written)
                and opening[-1] == word[-1]
                and opening in _slips_of(word)
            ):
                return word + written[size:]
    return written


def mend_slips(heading: str) -> str | None:
    """The heading, lower-cased, with each word of eight letters or more that is one slip (a letter
    deleted, inserted or replaced, two swapped) off a word of the section keywords written as that
    word ("RESPONSIBLITIES" as "responsibilities", "QUALIFICATOINS" as "qualifications"), or None when
    no word is. The slip is never in the first letter."""
    lowered = heading.lower()
    if _SLIP_WORD.search(lowered) is None:
        return None
    mended = _SLIP_WORD.sub(_mended_word, lowered)
    return mended if mended != lowered else None


_NEED_TO_KNOW = re.compile(r"\bneed to know\b(?! how\b)")


def _categorize(heading: str) -> str:
    # an attribute list of the site's Markdown ("Requirements {.section__header}") and inline HTML
    # ("is a <span style=...>plus</span>") are no words of the heading
    lowered = " ".join(_ATTRIBUTES.sub(" ", heading.lower().replace("’", "'").replace("`", "'")).split())
    lowered = lowered.strip(" :*#_?")
    # a bracketed aside qualifies the heading ("Key areas of responsibility (essential functions)"):
    # the words outside it say what the section is, when they name a section
    main = _ASIDE.sub(" ", lowered)
    if _REQUIRED_TO_END.search(main):
        return "responsibilities"  # "The successful candidate will be required to:", "You will be responsible for:"
    if main.strip() in ("you", "yourself"):
        return "essential"  # a heading of one word for the reader: what the hire brings
    if _NEED_TO_KNOW.search(main):
        # "What you need to know (about the job)": facts about the post, not what it asks, unless the
        # rest of the heading names requirements ("Skills you need to know")
        rest = _categorize(_NEED_TO_KNOW.sub(" ", main))
        return rest if rest in ("essential", "desirable") else "about"
    texts = [main, lowered] if main != lowered else [lowered]
    if "-" in main:
        texts.append(main.replace("-", " "))  # "Technical must-haves" as "must haves"
    for text in texts:
        for category, pattern in _CATEGORY_PATTERNS:
            if pattern.search(text):
                if category not in ("policy", "other") and names_a_job(lowered):
                    return "other"
                if category == "essential" and DESIRABLE.search(lowered) and not _BOTH_KINDS.search(lowered):
                    # requirements marked as wishes: "Experience with any of these is a plus"
                    return "desirable"
                if category == "essential" and _ESSENTIAL_DUTIES.search(text) and not _ASKS.search(text):
                    # the duties the post exists for, in an American job description's words: "Essential
                    # Duties and Responsibilities", "Essential job functions", "Role breakdown (Essential)"
                    return "responsibilities"
                return category
    if _YOU_WILL_END.search(lowered):
        return "responsibilities"
    if DESIRABLE.search(lowered):
        return "desirable"  # "The following will be considered a plus"
    return "other"


# an essential heading that portrays the reader ("About you", "Who you are", "You") rather than
# naming requirements ("Requirements", "Qualifications", "Skills and experience")
_PORTRAIT = re.compile(r"\babout you\b|\bwho you are\b|^(?:you|yourself)$")


def portrays_the_reader(heading: str) -> bool:
    """Whether a heading of the essential category portrays the reader ("About you", "Who you
    are", "You") rather than naming requirements: beside a heading that names them, its list may be
    a portrait of character rather than what the post requires."""
    lowered = " ".join(_ATTRIBUTES.sub(" ", heading.lower().replace("’", "'")).split()).strip(" :*#_?")
    return _PORTRAIT.search(lowered) is not None and categorize_heading(heading) == "essential"


_ASIDE = re.compile(r"\([^()]*\)")
# a heading of duties that calls them essential, and nothing it asks of the reader
_ESSENTIAL_DUTIES = re.compile(r"\b(?:duties|responsibilit\w*|functions|tasks|breakdown)\b")
_ASKS = re.compile(
    r"requir|qualif|skill|experience|criteria|competenc|knowledge|education|attribute|\babilit|\bcapabilit"
)
# a heading of both kinds of requirements: "Skills and qualifications (required and preferred)"
_BOTH_KINDS = re.compile(r"\brequired\b[^()]*\b(?:and|&|/)\s*(?:preferred|desired|desirable)\b")
_ATTRIBUTES = re.compile(r"\{[^{}]*\}|<[^<>]{0,300}>")


# A bracketed aside: what it marks desirable is a detail of the requirement, not the requirement
# ("Version control (Git preferred)", "Java (Scala is a plus since we use it)"), unless the mark is
# all it says ("Go (a plus)", "(preferred)").
_ASIDE_IN_ITEM = re.compile(r"\([^()]*\)")
# "ideally" or "preferably" after a comma, semicolon or dash and before more words: it narrows a
# detail of a requirement that stays essential ("experience in web development, ideally in news")
_NARROWING = re.compile(r"[,;:–—-]\s*(?:and\s+)?(?:ideally|preferably)\b,?\s+\w", re.IGNORECASE)


def marks_desirable(text: str) -> bool:
    """Whether a requirement says it is desirable rather than essential ("… is a plus", "preferred",
    "Go (a plus)"); a mark that only narrows a detail of it does not count: one inside a bracketed
    aside that says more than the mark, or "ideally"/"preferably" after a comma and before the
    detail it prefers."""
    if DESIRABLE.search(text) is None:
        return False
    main = _ASIDE_IN_ITEM.sub(lambda aside: aside.group() if _only_a_mark(aside.group()) else " ", text)
    main = _NARROWING.split(main, maxsplit=1)[0]
    mark = DESIRABLE.search(main)
    if mark is None:
        return False
    # a mark in a later clause or sentence that says what it prefers, after a clause with no mark
    # that names a requirement of its own: "Excellent communication skills, experience with client
    # support strongly preferred" still requires the first (not "Experience with Go, preferred")
    before = main[: mark.start()]
    sentences = _SENTENCE_END.split(before)
    if len(sentences) > 1 and len(sentences[0].split()) >= 3 and len(sentences[-1].split()) >= 2:
        return False
    clauses = before.split(", ")
    # after a comma, a clause of its own (four words or more, not the rest of a list of options:
    # "Knowledge of AWS, GCP or Azure is a plus")
    last = clauses[-1].split()
    return not (len(clauses) > 1 and len(clauses[0].split()) >= 3 and len(last) >= 4 and "or" not in last)


_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z])")


def _only_a_mark(aside: str) -> bool:
    """Whether a bracketed aside is a mark of worth, perhaps with a word or two of its own beside
    function words, and names nothing of its own: "(a plus)", "(preferred)", "(preferred but not
    required)", "(Not required, but definitely a bonus!)"; not "(Git preferred)" or "(Scala is a plus
    since that's what we use)"."""
    if DESIRABLE.search(aside) is None:
        return False
    rest = [word for word in re.findall(r"[\w']+", DESIRABLE.sub(" ", aside)) if word.lower() not in _MARK_GRAMMAR]
    return len(rest) <= 2 and all(word.islower() for word in rest)


# the words a mark of worth is said with, which name nothing ("this is definitely a bonus", "but
# not required"): not "or" and "and", which join options the aside names ("circleci or jenkins preferred")
_MARK_GRAMMAR = frozenset(
    "a an the this that it is are be would will but though although not also still just very really "
    "definitely certainly highly strongly especially always of".split()
)


# --- what the page shows ---------------------------------------------------------------------

_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_HIDDEN_ATTRIBUTE = re.compile(r"\shidden(?=[\s/>=]|$)", re.IGNORECASE)
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def hides_content(tag: str) -> bool:
    """Whether an HTML start tag hides its element from every reader: the ``hidden`` attribute
    (``<small hidden>``; not a class of that name, which a style sheet may show), or an inline style
    of ``display: none`` or ``visibility: hidden``."""
    if _HIDDEN_ATTRIBUTE.search(_QUOTED.sub('""', tag)):
        return True
    style = re.search(r"\sstyle\s*=\s*(\"[^\"]*\"|'[^']*')", tag, re.IGNORECASE)
    return style is not None and _HIDING_STYLE.search(style.group(1)) is not None


# --- which lines are headings -----------------------------------------------------------------

# a line wholly in bold, or bold and italic ("**_Responsibilities_**", "***Requirements:***")
BOLD_LINE = re.compile(
    r"^[ \t]*(?P<outer>[*_]?)(?P<bold>\*\*|__)(?P<inner>[*_]?)(?P<text>[^*_\n]{1,80}?)(?::)?"
    r"(?P=inner)(?P=bold)(?P=outer)[ \t]*:?[ \t]*$"
)
# a line whose words are all bold, in runs an editor split ("**We** **Offer**:")
_BOLD_RUNS = re.compile(r"^[ \t]*(?:(\*\*|__)[^*_\n]{1,80}?\1[ \t]*){2,6}:?[ \t]*$")
_BOLD_RUN = re.compile(r"(\*\*|__)([^*_\n]{1,80}?)\1")
_ITALIC_LINE = re.compile(r"^[ \t]*([*_])(?P<text>[^*_\n]{1,80}?)(?::)?\1[ \t]*:?[ \t]*$")
_COLON_LINE = re.compile(r"^[ \t]*(?P<text>[A-Za-z][^:\n.!?]{0,60}):[ \t]*$")
_LEAD_IN_LINE = re.compile(r"^[ \t]*(?:[^\n:]{0,40}?[?!.][ \t]+)?(?P<text>[A-Za-z][^:\n.!?]{0,100}):[ \t]*$")
# a list item's marker: a bullet or a number, or one a CMS escaped on export ("\- Providing ...",
# "1\. Design ..."), which renders as the bullet a reader sees
LIST_ITEM = re.compile(r"^([ \t]*)([-*+•]|\\[-*+]|\d{1,3}\\?[.)])[ \t]+")
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
    item = LIST_ITEM.match(content)
    if item:
        return item_heading(content[item.end() :])
    bold = BOLD_LINE.match(content)
    if bold:
        return bold.group("text").strip().rstrip(":")
    if _BOLD_RUNS.match(content) and len(content) <= 100:
        return " ".join(run.group(2).strip() for run in _BOLD_RUN.finditer(content)).strip().rstrip(":").strip()
    italic = _ITALIC_LINE.match(content)
    if italic and alone and categorize_heading(italic.group("text")) != "other":
        return italic.group("text").strip().rstrip(":")  # "*Requirements*" standing alone
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


def item_heading(text: str, *, emphasised: bool = False) -> str | None:
    """The heading text of a list item that is a heading written as one ("- _Preferred
    Qualifications:_", "* **Nice to have:**", `<li><b>Requirements:</b></li>`), else None: the
    item's text (its bullet left off) is wholly bold or italic (``emphasised``: in bold by its
    markup, as HTML and .docx say), ends with a colon and names a known section."""
    stripped = text.strip()
    if not stripped or len(stripped) > 100:
        return None
    emphasis = BOLD_LINE.match(stripped) or _ITALIC_LINE.match(stripped)
    if emphasis is not None:
        heading = emphasis.group("text").strip()
    elif emphasised:
        heading = stripped
    else:
        return None
    if not stripped.rstrip("*_ \t").endswith(":"):
        return None
    heading = heading.rstrip(":").strip()
    return heading if heading and categorize_heading(heading) != "other" else None


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


# a list item's end that leaves its phrase open: not ";" or ":", which end items and lead-ins, nor a
# preposition, which an item may end with ("stakeholders you are collaborating with")
_ITEM_BREAKS_OFF = re.compile(r"(?:[,(\-–—/&+]|\b(?:and|or|the|a|an|our|your))\s*$", re.IGNORECASE)
_OPENS_CONTINUATION = re.compile(
    r"[\s\"'“‘(]*(?:with|and|or|of|in|for|to|including|incl\.?|e\.g\.?|i\.e\.?|as well as|such as)\b"
)


def continues_item(before: str, after: str, *, commas_end_items: bool = False) -> bool:
    """Whether a list item is the rest of the item before it, split in two when the list was
    written or converted ("Experience in the development of web applications," then "Front/Backend-
    e.g. GUI solutions"; "University degree" then "with on-the-job experience"): the item before
    breaks off mid-phrase (after a comma, "and", "the" …), or this one opens as a phrase's
    continuation ("with …", "and …", "e.g. …"). With ``commas_end_items`` (the list ends its items
    with commas, "Python skills," "Git,") a comma ends an item like a full stop."""
    end = before.strip()
    if commas_end_items and end.endswith(","):
        return False
    return bool(_ITEM_BREAKS_OFF.search(end)) or _OPENS_CONTINUATION.match(after) is not None


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


def build_sections(
    headings: Sequence[tuple[int, str, int, int]], end: int, *, breaks: Sequence[int] = ()
) -> list[Section]:
    """Sections from ``headings`` — (level, text, start, end) in file offsets, in order — the last one
    running to ``end``. A heading that names no category of its own ("Technical", "Our stack") takes
    the category of the heading it sits under, unless one of ``breaks`` (file offsets, in order: where
    a page's sidebar, navigation, header or footer starts) lies between them."""
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []  # (level, category) of enclosing headings
    pending = list(breaks)
    for i, (level, text, start, heading_end) in enumerate(headings):
        section_end = headings[i + 1][2] if i + 1 < len(headings) else end
        if pending and pending[0] <= start:
            stack.clear()  # a landmark starts between the last heading and this one
            while pending and pending[0] <= start:
                pending.pop(0)
        while stack and stack[-1][0] >= level:
            stack.pop()
        category = categorize_heading(text)
        if (
            category == "apply"
            and _BUTTON.fullmatch(text.strip(" \t*_#"))
            and (not stack or stack[-1][1] in ("other", "about"))
        ):
            # "### [Apply here](https://…/apply)" under the post's title at the top of a job page is a
            # button, not the heading of the text below it: that text is the advert's, under the
            # heading above. Under a section of its own ("Requirements"), it heads how to apply.
            category = "other"
        if category == "other" and stack:
            category = stack[-1][1]
        if (
            category == "essential"
            and len(text.split()) >= 4
            and sections
            and sections[-1].category == "desirable"
            and start - sections[-1].heading_end <= _ADJACENT
        ):
            # "Preferred:" and straight under it "To be successful, the ideal candidate should have:":
            # one heading in two lines, the first saying which kind of requirements the second leads in to
            category = "desirable"
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
    # "Desired skills" beside "Required skills": a requirements heading that says "desired" is the
    # desirable counterpart of another one; alone, it heads the advert's only requirements
    desired = [
        section
        for section in sections
        if section.category == "essential"
        and _DESIRED.search(section.heading)
        and "requir" not in section.heading.lower()
    ]
    if desired and len(desired) < sum(section.category == "essential" for section in sections):
        for section in desired:
            section.category = "desirable"
    return sections


_DESIRED = re.compile(r"\bdesired\b", re.IGNORECASE)
# a heading that is one Markdown link and nothing else
_BUTTON = re.compile(r"\[[^\[\]\n]{1,60}\]\((?:https?:)?//[^()\s]*\)")  # to another page, not an anchor
# the most characters between two headings with nothing but markup and blank lines between them
_ADJACENT = 8


class SectionFinder:
    """The section a file offset falls in, for spans built in file order."""

    def __init__(self, sections: list[Section]):
        self.sections = sections
        self.starts = [section.start for section in sections]
        # a list item that is a lead-in ("Nice to have one or more of:") and the section it is in:
        # the items after it in the same run of items are what it names
        self.lead_in: tuple[Section | None, str] | None = None

    def at(self, offset: int) -> Section | None:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.sections[index] if index >= 0 else None

    def span(self, text: str, offsets: Sequence[int], block: str) -> TextSpan:
        """A span of ``block`` type, in the section its first character falls in. A list item marked
        desirable ("… is a plus") under an essential heading is a desirable requirement, and the
        items after a list item that leads in to a section ("Nice to have one or more of:", "What
        We Look For") are in that section, up to the end of that run of list items or the next
        such lead-in."""
        section = self.at(offsets[0])
        category = section.category if section else "preamble"
        if block != "list_item" or (self.lead_in is not None and self.lead_in[0] is not section):
            self.lead_in = None
        if block == "paragraph" and category not in ("policy", "apply") and _POLICY.search(text.lower()):
            # a paragraph stating the employer's policy (an equal-opportunity or diversity statement,
            # adjustments, privacy) wherever it stands: the employer's, like a section of policy
            category = "policy"
        if block == "paragraph":
            lead = paragraph_lead_in(text)
            if lead == "essential" and category == "desirable":
                # "To be successful, the ideal candidate should have:" under "Preferred": the lead-in
                # names requirements, and the heading says which kind
                lead = "desirable"
            if lead is not None:
                self.lead_in = (section, lead)
        if block == "list_item":
            lead = list_lead_in(text)
            if lead == "essential" and category == "desirable":
                lead = "desirable"  # "Experience with:" under "Preferred Qualifications", as a paragraph's lead-in
            if lead is not None:
                self.lead_in = (section, lead)
                category = lead
            elif self.lead_in is not None:
                category = self.lead_in[1]
            if category == "essential" and marks_desirable(text):
                category = "desirable"
        return TextSpan(
            text=text, offsets=offsets, section=category, heading=section.heading if section else None, block=block
        )


_LAST_SENTENCE = re.compile(r"(?:^|(?<=[.!?])\s+)([^.!?]*:)\s*$")
_FIRST_SENTENCE = re.compile(r"[^.!?]*[.!?]?")
# a sentence that announces the list after it ("The following skills are ...", "These are ...")
_ANNOUNCES = re.compile(r"(?:the\s+following|these|those\s+below)\b", re.IGNORECASE)


def paragraph_lead_in(text: str) -> str | None:
    """The section category a paragraph leads in to, for the list after it: its last sentence ends
    with a colon and names a known section ("It would be nice if there is experience in any of the
    following:", "We absolutely require experience in the following:"), however long; else None."""
    last = _LAST_SENTENCE.search(text.strip())
    if last is None:
        # "The following skills are advantageous to the role, but not requirements. If you have any
        # of these, mention them ... please apply anyway!": a paragraph that opens by announcing the
        # list after it as desirable leads in to desirable items, colon or not
        first = _FIRST_SENTENCE.match(text.strip())
        if first is not None and _ANNOUNCES.match(first.group(0)) and marks_desirable(first.group(0)):
            return "desirable"
        return None
    if len(last.group(1).split()) > 40:
        return None
    category = categorize_heading(last.group(1))
    if category in ("essential", "other") and _NEGATED.search(last.group(1)):
        # "This job would NOT be a great fit for you if you:", "You don't need:": the list after it
        # is what the employer does not ask for
        return "other"
    return None if category == "other" else category


# a negation of the lead-in's own verb
_NEGATED = re.compile(r"\b(?:not|never|no longer)\b|n['’]t\b", re.IGNORECASE)


def list_lead_in(text: str) -> str | None:
    """The section category a list item leads in to, for the items after it: an item that reads as a
    heading of a known section, ending with a colon ("Nice to have one or more of:") or written as a
    title of at most six words ("What We Look For", "Pay Range Transparency"), as lists pasted from
    a job page hold their headings; else None."""
    stripped = text.strip()
    if stripped.endswith(":"):
        if len(stripped.split()) > 20:
            return None
    else:
        # the item's own words are the title; an aside after them describes it ("CV (summarizing
        # education and positions)" is a document to send, not a heading of education)
        stripped = _ASIDE.sub(" ", stripped).strip()
        if not _TITLE_LINE.match(stripped):
            return None
    category = categorize_heading(stripped)
    return None if category == "other" else category


# a short line in title case: every word of four letters or more capitalised, no closing punctuation
_TITLE_LINE = re.compile(r"^(?:(?:[A-Z][\w'’&-]*|[a-z][\w'’]{0,2}|&)\s+){0,5}[A-Z][\w'’-]*$")


_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# a lead-in that asks for some of the items after it, not each: "one or more of the following", "any
# of these", "at least two of:", "some of the following areas"
_ALTERNATIVES = re.compile(
    r"\b(?:(?:at\s+least\s+)?(?P<least>one|two|three|four|five|six|\d)(?:\s+or\s+more)?|any|some|a\s+few|several|"
    r"a\s+combination|a\s+mix)\s+of\s+(?:the\s+)?(?:following|these|those|below|the\s+items|this\s+list)\b",
    re.IGNORECASE,
)


# what alternatives_asked gives for a lead-in that asks for most of the items after it
MOST = -1
_MOST = re.compile(
    r"\b(?:most|the\s+majority)\s+of\s+(?:the\s+)?(?:following|these|those|below|the\s+items|this\s+list)\b",
    re.IGNORECASE,
)


def alternatives_asked(lead_in: str) -> int | None:
    """How many of the items after a lead-in it asks for, when it asks for some of them rather than each
    ("Strong candidates will possess skills in one or more of the following areas:" asks for one, "at least
    two of these:" for two, "An ideal candidate will have most of these skills:" for more than half,
    ``MOST``); else None."""
    match = _ALTERNATIVES.search(lead_in)
    if match is None:
        return MOST if _MOST.search(lead_in) else None
    least = match.group("least")
    if least is None:
        return 1
    return int(least) if least.isdigit() else _NUMBERS[least.lower()]


# What the law or the post's terms ask of whoever is hired, rather than what they know or can do: the
# right to work in a country (authorisation, a visa, sponsorship, citizenship), vetting (a clearance, a
# background check), a graduation date or grade average for a graduate intake, being available at the
# post's hours ("work weekdays during our core hours of 9am - 3pm"), working at its workplace ("able
# to work onsite at least 3 days per week", "work from our London office"), living near it, and being a
# student, for a student post.
# the right to work where the post is: "legally able to work in the US", "the right to work in the UK",
# "work authorization", "eligible for employment"
# a permit to work, named as such: "work authorization", "a work visa", "eligible for employment"
_WORK_PERMIT = r"work\s+(?:authori[sz]ation|permit|visa)|eligib\w*\s+for\s+employment"
_RIGHT_TO_WORK = (
    r"(?:legally|lawfully|eligible|eligibility|authori[sz]ed|authori[sz]ation|permitted|entitled|right)\s+"
    rf"(?:\w+\s+){{0,2}}to\s+(?:work|live|reside)\b|{_WORK_PERMIT}"
)
# the same said of a whole sentence, in the law's words only: a place after "to work in" ("the right
# person to work closely with", "entitled to work from home" are not the law's)
_STATES_RIGHT_TO_WORK = re.compile(
    r"\b(?:(?:legally|lawfully)\s+(?:\w+\s+){0,2}to\s+(?:work|live|reside)\b|"
    r"(?:right|eligible|eligibility|authori[sz]ed|authori[sz]ation|permitted|entitled)\s+to\s+(?:work|live|reside)\s+in\b|"
    rf"{_WORK_PERMIT}|visa\s+sponsorship|sponsor\w*\s+(?:\w+\s+){{0,2}}visas?\b)",
    re.IGNORECASE,
)


def states_right_to_work(text: str) -> bool:
    """Whether ``text`` names the right to work where the post is, or visa sponsorship, in the law's
    words: a legal condition of employment ("Applicants must have the right to work in their country
    of residence"; not "the right person to work closely with", "entitled to work from home")."""
    return _STATES_RIGHT_TO_WORK.search(text) is not None


_CONDITION = re.compile(
    rf"\b(?:{_RIGHT_TO_WORK}|"
    # the post's hours as the hire's availability: "Available for 15-20 hours a week"
    r"available\s+(?:to\s+work\s+)?(?:for\s+)?(?:up\s+to\s+|at\s+least\s+)?\d+(?:\s*[-–]\s*\d+)?\s+hours\b|"
    # being a student, for a student post: "Open to second year students and above", "Must be a student at ..."
    r"open\s+to\s+(?:\w+[- ]year\s+|final[- ]year\s+|current\s+|undergraduate\s+|postgraduate\s+)?students\b|"
    r"(?:must|should)\s+be\s+(?:an?\s+)?(?:current(?:ly)?\s+)?(?:enrolled\s+)?(?:as\s+an?\s+)?(?:\w+[- ]year\s+)?"
    r"(?:undergraduate\s+|postgraduate\s+|phd\s+)?student\b(?!\s+of\b)|"
    r"(?:visa\s+)?sponsorship|citizen(?:ship)?\b|(?:security|government)\s+clearance|background\s+(?:check|screening)|"
    # the UK's criminal-record vetting for work with children: "enhanced DBS disclosure"
    r"\bdbs\b|criminal\s+records?\s+(?:check|disclosure)|"
    r"vetting|gpa|grade\s+point\s+average|graduation\s+(?:date|by|before)|(?:19|20)\d\d\s+graduation|"
    r"graduat\w*\s+(?:in|by|between|before|after|from)\s+(?:\w+\s+)?(?:19|20)\d\d|"
    r"work\s+(?:\w+\s+){0,3}(?:weekdays|weekends|evenings|nights|shifts|hours\s+of\s+\d|(?:core|business|office)\s+hours)|"
    r"(?:work|be|come\s+in)\s+(?:(?:fully|mostly|primarily|physically|regularly|full[- ]time|part[- ]time)\s+)?"
    r"(?:on-?site|on\s+site|in[- ](?:the\s+)?office|in[- ]person|from\s+(?:our|the)\s+(?:\w+\s+){0,2}office)"
    r"(?![\w-])(?!\s+(?:365|suite|software|applications?|tools?|administration|management|products?)\b))",
    re.IGNORECASE,
)
# living where the post is, as an item of its own: "Located in San Francisco Bay Area", "Must be based in the UK"
_LIVES_THERE = re.compile(
    r"^\W*(?:(?:must|should|will)\s+)?(?:be\s+)?(?:located|based|living|resident)\s+(?:in|within|near)\s+(?:(?!\b(?:and|with|or|plus)\b)[^,;:]){1,40}?"
    r"[\s.!]*$",
    re.IGNORECASE,
)


def condition_of_employment(item: str) -> bool:
    """Whether a requirement is a condition of being employed rather than a skill or experience: the
    right to work somewhere, vetting, a graduation date or grade average, being a student for a
    student post, being available at the post's hours or place, or living where it is, as an item
    of its own ("Are willing and legally able to work in the United States", "Winter 2025 or Spring
    2026 graduation", "3.3 GPA or above", "Available for 15-20 hours a week", "Based in Bristol")."""
    return _CONDITION.search(item) is not None or _LIVES_THERE.search(item) is not None


# --- how an advert frames its requirements ----------------------------------------------------

# a heading in the conditional mood, offering its list as what might help rather than what is needed:
# "Experience that could make you successful", "Things that might help"; not a question that opens
# with it ("Could this be you?", "Could you be our next engineer?"), which asks the reader to match
_HEDGED = re.compile(r"^(?!\W*(?:could|might)\b).*?\b(?:could|might)\b", re.IGNORECASE)


def hedges_its_list(heading: str) -> bool:
    """Whether a heading offers its list in the conditional mood ("Experience that could make you
    successful in this role", "Skills that might help"), as what may help rather than what is required;
    not a question that opens with "could" or "might" ("Could this be you?")."""
    return _HEDGED.search(heading) is not None


# A lead-in that names the employer's own stack, as what the team runs or uses ("in our current
# technology stack:", "The tools we use:", "We currently run:"): its list enumerates the stack.
_STACK = re.compile(
    r"\b(?:(?:our|current|existing|present)\s+(?:\w+\s+){0,2}?(?:stack|toolchain|tool\s+chain|tooling)|"
    r"(?:tools|technologies|technology|stack|services|systems)\s+(?:that\s+)?we(?:'re|\s+are)?\s+(?:currently\s+|mainly\s+|"
    r"mostly\s+|primarily\s+)?(?:use|using|run|running|work\s+with|working\s+with|rely\s+on|host)|"
    r"we\s+(?:currently\s+|mainly\s+|mostly\s+|primarily\s+)?(?:use|run|host|rely\s+on|work\s+with|are\s+using|are\s+running)"
    r"(?=\s*(?:the\s+following\s*)?:?\s*$))",
    re.IGNORECASE,
)


def describes_the_stack(lead_in: str) -> bool:
    """Whether a lead-in describes the team's current stack rather than asking something of the reader
    ("… exceptional DevOps skills in the current technology stack:", "The technologies we use:", "We
    currently run:"): the list after it enumerates what the team runs, not a requirement an item. Only the
    lead-in's last sentence is read ("Our stack is Go. You will need:" asks something of the reader)."""
    last = _LAST_SENTENCE.search(lead_in.strip())
    return last is not None and _STACK.search(last.group(1).replace("’", "'")) is not None
