"""RL122's check: years of experience asked for above what the advert's level allows."""

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
YEARS = re.compile(
    r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*years?['’]?"
    r"(?:\s+of)?(?:\s+[\w/-]+){0,4}?\s+(?:experience|exp)\b",
    re.IGNORECASE,
)
JUNIOR_WORDS = re.compile(r"\b(apprentice|intern|trainee|graduate|entry[- ]level|junior|associate)\b", re.IGNORECASE)
SENIOR_WORDS = re.compile(
    r"\b(senior|sr|lead|principal|staff|head|director|chief|vp|vice|president|partner|professor|manager of)\b",
    re.IGNORECASE,
)


def advert_title(document) -> str:
    data = document.data if isinstance(document.data, dict) else {}
    if isinstance(data.get("title"), str):
        return data["title"]
    for span in document.spans:
        if span.block == "heading" and span.text.strip():
            return span.text.strip()
    return ""


LEVEL_WORD = re.compile(r"[a-z]+(?:[- ]level)?")


def level_of(document, limits: dict) -> str | None:
    """The level key of ``limits`` this advert is at: front matter ``level`` first (rolelint's or the
    site's own), then title words. A ``level`` that names several ("Junior, Intermediate, Senior", or a list) opens the post to each,
    so the one with the fewest years is the level its demands must suit."""
    data = document.data if isinstance(document.data, dict) else {}
    # a site's own `level` (not a level id: "Junior, Intermediate, Senior") still says who may apply
    level = data.get("level", document.site_data.get("level"))
    if isinstance(level, list):
        level = ", ".join(str(item) for item in level)
    if isinstance(level, str):
        named = level.strip().lower()
        if named in limits:
            return named
        listed = [word for word in LEVEL_WORD.findall(named) if word in limits and _max_years(limits[word]) is not None]
        if listed:
            return min(listed, key=lambda word: _max_years(limits[word]) or 0)
    title = advert_title(document)
    match = JUNIOR_WORDS.search(title)
    if not match or SENIOR_WORDS.search(title):
        return None
    word = match.group(1).lower().replace(" ", "-")
    word = "entry" if word.startswith("entry") else word
    return word if word in limits else None


def _max_years(limit) -> int | None:
    if isinstance(limit, dict):
        return limit.get("max_years")
    return limit if isinstance(limit, int) else None


def experience_for_level(rule, target, options):
    data = target.document.data if isinstance(target.document.data, dict) else {}
    if data.get("framework"):
        return  # the advert names its framework: RL307 checks it against that framework's own ranges
    limits = {str(k).lower(): v for k, v in (options.get("max_years") or {}).items()}
    level = level_of(target.document, limits)
    if level is None:
        return
    most = _max_years(limits[level])
    if most is None:
        return
    for item in target.spans:
        for match in YEARS.finditer(item.text):
            raw = match.group(1).lower()
            years = NUMBER_WORDS.get(raw) or int(raw)
            if years > most:
                yield span_finding(
                    rule, item, match.start(), match.end(), values={"years": years, "level": level, "max": most}
                )


CHECK = NamedCheck("experience_for_level", run=experience_for_level)
