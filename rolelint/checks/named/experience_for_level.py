"""RL122's check: years of experience asked for above what the advert's level allows, and a range of
years of experience given as a minimum ("at least 3-5 years of experience")."""

from __future__ import annotations

import re
from typing import NamedTuple

from rolelint.checks import span_finding
from rolelint.checks.named.model import NamedCheck

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
DASH = r"(?:-|–|—|&ndash;|to)"
# Words that cannot stand between "years" and "experience" in a demand: a pronoun, verb or preposition
# there starts a clause about something else ("During the two years you will gain experience").
NOT_A_KIND = (
    r"(?:i|you|we|they|he|she|it|your|our|their|will|would|can|could|may|must|shall|should|to|in|on|at|"
    r"for|with|during|over|within|as|is|are|be|been|was|were|get|gets|gain|gains|gaining|give|gives|"
    r"build|builds|develop|develops|learn|learns|acquire|acquires|have|has|had|and|the|a|an|this|that|"
    r"years?|yrs?)"
)
# up to three words that say what kind of experience ("relevant", "software engineering", "Java or Scala")
KIND = r"(?:\s+(?!" + NOT_A_KIND + r"\b)[A-Za-z][\w/-]*){0,3}?"
YEARS = re.compile(
    r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s*(?:\+|plus)?\s*(?:" + DASH + r"\s*\d{1,2}\s*)?\+?\s*"
    r"years?(?:\(s\))?['’]?(?:\s+of)?" + KIND + r"\s+(?:experience|exp)\b",
    re.IGNORECASE,
)
# "minimum 3-5 years of experience", "at least 2 to 4 yrs", "at least 3-5 years building data systems":
# a range where one figure is asked for. The years must be of experience (said after them, or by a
# gerund of the work), not of a commitment ("commit to at least 2-3 years in the role").
RANGE_AS_MINIMUM = re.compile(
    r"\b(?P<lead>min(?:imum)?\.?(?:\s+of)?|at\s+least|no\s+less\s+than)\s*:?\s*\(?"
    r"(?P<low>\d{1,2})\s*" + DASH + r"\s*(?P<high>\d{1,2})\s*\+?\s*"
    r"(?:yrs?\b|years?\b(?:\(s\))?(?=['’]?(?:\s+of)?" + KIND + r"\s+(?:experience|exp)\b|\s+(?!during\b)[a-z]+ing\b))",
    re.IGNORECASE,
)
JUNIOR_WORDS = re.compile(r"\b(apprentice|intern|trainee|graduate|entry[- ]level|junior|associate)\b", re.IGNORECASE)
SENIOR_WORDS = re.compile(
    r"\b(senior|sr|lead|principal|staff|head|director|chief|vp|vice|president|partner|professor|manager of)\b",
    re.IGNORECASE,
)
# A line of the body that is a field naming the post or its level, alone or after another field's
# label (a line start, or two spaces where markup masked out joined a line): "Position: Junior developer", "POSITION_NAME: Engineer - Associate", "ADDITIONAL DETAILS:
# Seniority Level - Entry Level". Only these field names, and a short value: "Education level:
# Graduate" is not the post's level, nor "This position - working with our junior analysts - ...".
LEVEL_FIELD = re.compile(
    r"(?:^|(?<=\S\s\s))\s*(?:[A-Za-z][A-Za-z ]{0,30}:\s*)?"
    r"(?P<field>position|position[ _]name|job[ _]title|title|level|seniority|seniority[ _]level|job[ _]level|"
    r"career[ _]level|experience[ _]level)\s*(?::|\s[-–]\s)\s*"
    r"(?P<value>[^:\n]+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
FIELD_VALUE_WORDS = 8
# The advert calling its own post entry level: "an entry-level role", "an entry-level software
# developer" (the title's head noun), "this position is entry level".
POST_NOUNS = ("role", "position", "post", "job", "opportunity", "vacancy")
NEGATION_BEFORE = re.compile(r"(?:\b(?:not|no|never)|n['’]t)\b(?:\W+\w+){0,2}\W*$", re.IGNORECASE)
# The keys of a site's front matter whose value may be the post's level or category ("category:
# trainee"); other keys ("education: graduate") say something else.
SITE_LEVEL_KEYS = ("category", "seniority", "experience_level", "career_level", "job_level", "type")
# Keys that state the post's level outright: a value there ends the search, known or not.
STATED_LEVEL_KEYS = ("level", "seniority")
# A site's own front-matter value that is a level and nothing else: "category: trainee".
LEVEL_VALUE = re.compile(r"\s*([a-z]+(?:[- ]level)?)(?:\s+(?:role|post|position))?\s*", re.IGNORECASE)
LEVEL_WORD = re.compile(r"[a-z]+(?:[- ]level)?")
LEVELS_SEPARATOR = re.compile(r"\s*(?:[,;/|&]|\band\b|\bor\b)\s*")


class AdvertLevel(NamedTuple):
    """The level key of ``limits`` an advert is at, and where that was read, as a message words it
    ("whose title says junior", "the body calls entry-level (line 6)")."""

    key: str
    source: str


def advert_title(document) -> str:
    data = document.data if isinstance(document.data, dict) else {}
    if isinstance(data.get("title"), str):
        return data["title"]
    for span in document.spans:
        if span.block == "heading" and span.text.strip():
            return span.text.strip()
    return ""


def _level_key(word: str) -> str:
    word = word.lower().replace(" ", "-")
    return "entry" if word.startswith("entry") else word


def _lowest(words, limits: dict) -> str | None:
    """Of the level words named, the one whose limit is lowest (a post open to several must suit it)."""
    known = [key for key in (_level_key(word) for word in words) if _max_years(limits.get(key)) is not None]
    return min(known, key=lambda key: _max_years(limits[key]) or 0) if known else None


def _shown(key: str) -> str:
    return "entry-level" if key == "entry" else key


def _front_matter(document) -> dict:
    data = document.data if isinstance(document.data, dict) else {}
    merged = {**document.site_data, **data}
    return {str(key).lower().replace("-", "_").replace(" ", "_"): value for key, value in merged.items()}


def level_of(document, limits: dict) -> AdvertLevel | None:
    """The level of ``limits`` this advert is at, or None when it is unknown or senior.

    Front matter ``level`` or ``seniority`` first (rolelint's or the site's own): when stated, it
    decides, and a value that is senior or names no key of ``limits`` ("Mid-Senior level") ends the
    search. Then the title: a senior word there ends it. Then a site's own front-matter value that is
    only a level, under a key for a level or category ("category: trainee"); then the title's level
    words; then what the body says plainly (a field naming the position or its level, or the post
    called "an entry-level role"). A ``level`` that names several ("Junior, Intermediate, Senior", or a
    list), or a title that does ("Junior developer (Trainee)"), opens the post to each, so the one with
    the fewest years is the level its demands must suit."""
    front = _front_matter(document)
    for key in STATED_LEVEL_KEYS:
        level = front.get(key)
        if level is None or level == "":
            continue
        if isinstance(level, list):
            level = ", ".join(str(item) for item in level)
        named = str(level).strip().lower()
        if named in limits and _max_years(limits[named]) is not None:
            return AdvertLevel(named, f"an advert whose `{key}` is {_shown(named)}")
        # each level a list names, less those that are senior ("Senior associate" is not associate)
        items = [item for item in LEVELS_SEPARATOR.split(named) if not SENIOR_WORDS.search(item)]
        listed = _lowest([word for item in items for word in LEVEL_WORD.findall(item)], limits)
        return AdvertLevel(listed, f"an advert whose `{key}` includes {_shown(listed)}") if listed else None
    title = advert_title(document)
    if SENIOR_WORDS.search(title):
        return None
    if document.site_metadata:
        for key in SITE_LEVEL_KEYS:
            value = front.get(key)
            whole = LEVEL_VALUE.fullmatch(value) if isinstance(value, str) else None
            if whole and JUNIOR_WORDS.fullmatch(whole.group(1)):
                found = _lowest([whole.group(1)], limits)
                if found:
                    return AdvertLevel(found, f"an advert whose `{key}` is {_shown(found)}")
    found = _lowest(JUNIOR_WORDS.findall(title), limits)
    if found:
        return AdvertLevel(found, f"an advert whose title says {_shown(found)}")
    return _level_in_body(document, limits, title)


def _head_noun(title: str) -> list[str]:
    """The last word of a title, its head noun ("developer" of "Junior Software Developer (m/f/d)")."""
    return [word.lower() for word in re.findall(r"[A-Za-z]+", re.sub(r"\(.*?\)", "", title))[-1:]]


def _level_in_body(document, limits: dict, title: str) -> AdvertLevel | None:
    """The lowest level the body gives the post: in a field naming the position or its level, or by
    calling the post "an entry-level" one. A field whose value is senior ends the search."""
    spans = [(span, span.text.lower()) for span in document.spans if span.block != "scalar"]
    found: list[AdvertLevel] = []
    heads = _head_noun(title)
    for span, lower in spans:
        if not ("position" in lower or "title" in lower or "level" in lower or "seniority" in lower):
            continue  # LEVEL_FIELD tries a label at every position: only spans naming a field are searched
        for field in LEVEL_FIELD.finditer(span.text):
            value = field.group("value")
            if len(value.split()) > FIELD_VALUE_WORDS:
                continue
            if SENIOR_WORDS.search(value):
                return None
            heads += _head_noun(value)
            key = _lowest(JUNIOR_WORDS.findall(value), limits)
            if key:
                line = document.source.position(span.file_offset(field.start("field")))[0]
                name = field.group("field").strip()
                found.append(AdvertLevel(key, f"an advert whose {name} field (line {line}) says {_shown(key)}"))
    if _max_years(limits.get("entry")) is not None:
        found += _entry_level_post(document, spans, heads)[:1]
    return min(found, key=lambda level: _max_years(limits[level.key]) or 0) if found else None


def _entry_level_post(document, spans, heads: list[str]) -> list[AdvertLevel]:
    """Where the body calls the post itself entry level: "an entry-level role", "an entry-level
    software developer" (the head noun of the title), "this position is entry level"."""
    post = None  # the pattern names this title's head noun: compiled once a span may need it
    for span, lower in spans:
        if "entry" not in lower:
            continue  # no mention to read: YEARS, a costly search, is left for the spans that have one
        if YEARS.search(span.text):
            continue  # "2+ years of experience, for example in an entry-level support role"
        if post is None:
            post = re.compile(
                r"\ban\s+entry[- ]level\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(POST_NOUNS + tuple(heads)) + r")s?\b"
                r"|\b(?:this|the)\s+(?:" + "|".join(POST_NOUNS) + r")\s+is\s+entry[- ]level\b",
                re.IGNORECASE,
            )
        for match in post.finditer(span.text):
            if NEGATION_BEFORE.search(span.text[max(0, match.start() - 40) : match.start()]):
                continue  # "This is not an entry-level role"
            line = document.source.position(span.file_offset(match.start()))[0]
            return [AdvertLevel("entry", f"an advert the body calls entry-level (line {line})")]
    return []


def _max_years(limit) -> int | None:
    if isinstance(limit, dict):
        return limit.get("max_years")
    return limit if isinstance(limit, int) else None


def _years_text(years: int) -> str:
    return "1 year" if years == 1 else f"{years} years"


def _above_level(years: int, level: AdvertLevel, most: int) -> str:
    if most == 0:
        return f"asks for {_years_text(years)} of experience in {level.source}, which should need none"
    return f"asks for {_years_text(years)} of experience in {level.source} (at most {most} expected)"


LEVEL_ADVICE = "Ask for the skills the level needs, not a number of years"


def experience_for_level(rule, target, options):
    data = target.document.data if isinstance(target.document.data, dict) else {}
    if data.get("framework"):
        return  # an advert that names its framework is checked against that framework's ranges by RL307
    limits = {str(k).lower(): v for k, v in (options.get("max_years") or {}).items()}
    level = level_of(target.document, limits)
    most = _max_years(limits[level.key]) if level is not None else None
    for item in target.spans:
        reported: list[tuple[int, int]] = []
        lower = item.text.lower()
        if "year" not in lower and "yr" not in lower:
            continue  # both searches below need "year" or "yr"; most spans have neither
        if level is not None and most is not None:
            for match in YEARS.finditer(item.text):
                raw = match.group(1).lower()
                years = NUMBER_WORDS.get(raw) or int(raw)
                if years > most:
                    reported.append(match.span())
                    problem = _above_level(years, level, most)
                    yield span_finding(
                        rule, item, match.start(), match.end(), values={"problem": problem, "advice": LEVEL_ADVICE}
                    )
        if not ("min" in lower or "least" in lower or "less than" in lower):
            continue
        for match in RANGE_AS_MINIMUM.finditer(item.text):
            if any(start < match.end() and match.start() < end for start, end in reported):
                continue  # one rewrite fixes both
            low, high = match.group("low"), match.group("high")
            problem = f"gives a range where a minimum should be one figure: is it {low} years or {high}?"
            lead = re.sub(r"\s+", " ", match.group("lead")).lower()
            advice = f"Give the one figure you require, or write '{low}-{high} years' without '{lead}'"
            yield span_finding(rule, item, match.start(), match.end(), values={"problem": problem, "advice": advice})


CHECK = NamedCheck("experience_for_level", run=experience_for_level)
