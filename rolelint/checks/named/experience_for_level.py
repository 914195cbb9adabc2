"""RL122's check: years of experience asked for above what the advert's level allows, and a range of
years given as a minimum ("at least 3-5 years")."""

from __future__ import annotations

import re

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
YEARS = re.compile(
    r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s*(?:\+|plus)?\s*(?:" + DASH + r"\s*\d{1,2}\s*)?\+?\s*"
    r"years?(?:\(s\))?['’]?(?:\s+of)?(?:\s+[\w/-]+){0,4}?\s+(?:experience|exp)\b",
    re.IGNORECASE,
)
# "minimum 3-5 years", "at least 2 to 4 yrs": a range where one figure is asked for
RANGE_AS_MINIMUM = re.compile(
    r"\b(?:min(?:imum)?\.?(?:\s+of)?|at\s+least|no\s+less\s+than)\s*:?\s*\(?\d{1,2}\s*" + DASH + r"\s*\d{1,2}\s*\+?\s*"
    r"(?:years?|yrs?)\b(?:\(s\))?",
    re.IGNORECASE,
)
JUNIOR_WORDS = re.compile(r"\b(apprentice|intern|trainee|graduate|entry[- ]level|junior|associate)\b", re.IGNORECASE)
SENIOR_WORDS = re.compile(
    r"\b(senior|sr|lead|principal|staff|head|director|chief|vp|vice|president|partner|professor|manager of)\b",
    re.IGNORECASE,
)
# A field line of the body that names the post or its level: "Position: Junior developer",
# "POSITION_NAME: Engineer - Associate", "Seniority Level - Entry Level".
LEVEL_FIELD = re.compile(
    r"(?:^|:\s*)(?!the\b)(?:[A-Za-z]+[ _])?(?:position|title|level|seniority)(?:[ _][A-Za-z]+)?\s*(?::|\s[-–]\s)\s*"
    r"(?P<value>[^:\n]+)$",
    re.IGNORECASE,
)
# The advert calling its own post entry level: "an entry-level developer", "this role is entry level".
ENTRY_LEVEL_POST = re.compile(r"\b(?:an|is)\s+entry[- ]level\b", re.IGNORECASE)
# A site's own front-matter value that is a level and nothing else: "category: trainee".
LEVEL_VALUE = re.compile(r"\s*([a-z]+(?:[- ]level)?)(?:\s+(?:role|post|position))?\s*", re.IGNORECASE)


def advert_title(document) -> str:
    data = document.data if isinstance(document.data, dict) else {}
    if isinstance(data.get("title"), str):
        return data["title"]
    for span in document.spans:
        if span.block == "heading" and span.text.strip():
            return span.text.strip()
    return ""


LEVEL_WORD = re.compile(r"[a-z]+(?:[- ]level)?")


def _level_key(word: str) -> str:
    word = word.lower().replace(" ", "-")
    return "entry" if word.startswith("entry") else word


def _lowest(words, limits: dict) -> str | None:
    """Of the level words named, the one whose limit is lowest (a post open to several must suit it)."""
    known = [key for key in (_level_key(word) for word in words) if _max_years(limits.get(key)) is not None]
    return min(known, key=lambda key: _max_years(limits[key]) or 0) if known else None


def level_of(document, limits: dict) -> str | None:
    """The level key of ``limits`` this advert is at: front matter ``level`` first (rolelint's or the
    site's own), then a site's own front-matter value that is only a level ("category: trainee"), then
    title words, then what the body says plainly (a field naming the position or its level, or the post
    called "an entry-level" one). A ``level`` that names several ("Junior, Intermediate, Senior", or a
    list), or a title that does ("Junior developer (Trainee)"), opens the post to each, so the one with
    the fewest years is the level its demands must suit."""
    data = document.data if isinstance(document.data, dict) else {}
    # a site's own `level` (not a level id: "Junior, Intermediate, Senior") still says who may apply
    level = data.get("level", document.site_data.get("level"))
    if isinstance(level, list):
        level = ", ".join(str(item) for item in level)
    if isinstance(level, str):
        named = level.strip().lower()
        if named in limits:
            return named
        listed = _lowest(LEVEL_WORD.findall(named), limits)
        if listed:
            return listed
    if document.site_metadata:
        for value in {**data, **document.site_data}.values():
            whole = LEVEL_VALUE.fullmatch(value) if isinstance(value, str) else None
            if whole and JUNIOR_WORDS.fullmatch(whole.group(1)):
                return _lowest([whole.group(1)], limits)
    title = advert_title(document)
    if SENIOR_WORDS.search(title):
        return None
    return _lowest(JUNIOR_WORDS.findall(title), limits) or _level_in_body(document, limits)


def _level_in_body(document, limits: dict) -> str | None:
    for span in document.spans:
        if span.block == "scalar":
            continue
        field = LEVEL_FIELD.search(span.text.strip())
        if field:
            if SENIOR_WORDS.search(field.group("value")):
                return None
            found = _lowest(JUNIOR_WORDS.findall(field.group("value")), limits)
            if found:
                return found
        if ENTRY_LEVEL_POST.search(span.text) and _max_years(limits.get("entry")) is not None:
            return "entry"
    return None


def _max_years(limit) -> int | None:
    if isinstance(limit, dict):
        return limit.get("max_years")
    return limit if isinstance(limit, int) else None


def _years_text(years: int) -> str:
    return "1 year" if years == 1 else f"{years} years"


def _above_level(years: int, level: str, most: int) -> str:
    if most == 0:
        name = "entry-level" if level == "entry" else level
        article = "an" if name[0] in "aeiou" else "a"
        return f"asks for {_years_text(years)} of experience in {article} {name} advert, which should need none"
    return f"asks for {_years_text(years)} of experience in an advert at {level} level (at most {most} expected)"


LEVEL_ADVICE = "Ask for the skills the level needs, not a number of years"
RANGE_ADVICE = "Say which figure is the minimum, or drop the range"


def experience_for_level(rule, target, options):
    data = target.document.data if isinstance(target.document.data, dict) else {}
    most = level = None
    # an advert that names its framework is checked against that framework's own ranges by RL307
    if not data.get("framework"):
        limits = {str(k).lower(): v for k, v in (options.get("max_years") or {}).items()}
        level = level_of(target.document, limits)
        most = _max_years(limits[level]) if level is not None else None
    for item in target.spans:
        reported: list[tuple[int, int]] = []
        if most is not None:
            for match in YEARS.finditer(item.text):
                raw = match.group(1).lower()
                years = NUMBER_WORDS.get(raw) or int(raw)
                if years > most:
                    reported.append(match.span())
                    problem = _above_level(years, level, most)
                    yield span_finding(
                        rule, item, match.start(), match.end(), values={"problem": problem, "advice": LEVEL_ADVICE}
                    )
        for match in RANGE_AS_MINIMUM.finditer(item.text):
            if any(start < match.end() and match.start() < end for start, end in reported):
                continue  # one rewrite fixes both
            problem = "gives a range as a minimum, which is one figure"
            yield span_finding(
                rule, item, match.start(), match.end(), values={"problem": problem, "advice": RANGE_ADVICE}
            )


CHECK = NamedCheck("experience_for_level", run=experience_for_level)
