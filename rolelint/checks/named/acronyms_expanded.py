"""RL127's check: the first use of each acronym an advert neither expands nor spells out."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from rolelint.checks import span_finding
from rolelint.checks.named.model import NamedCheck

# Two capitals or more, not inside a word, path, address or handle: "(?<![\w/.@#-])([A-Z][A-Z0-9&]{1,5})"
# with the look-behind moved past the first capital. Written that way round, the pattern starts
# with a character set, so the regex engine skips ahead to the next capital rather than trying the
# look-behind at every position; the look-behind then checks the two characters before that point,
# the second being the capital just matched, so it rules out exactly what it did before.
ACRONYM = re.compile(r"([A-Z](?<![\w/.@#-][A-Z])[A-Z0-9&]{1,5})s?(?![\w/@-])")
CAPS_WORDS = {
    "AND",
    "ARE",
    "ALL",
    "AT",
    "BE",
    "BY",
    "FOR",
    "IF",
    "IN",
    "IS",
    "IT",
    "MUST",
    "NEW",
    "NO",
    "NOT",
    "NOTE",
    "NOW",
    "OF",
    "ON",
    "OR",
    "OUR",
    "THE",
    "TO",
    "US",
    "WE",
    "YOU",
    "YOUR",
    "FREE",
    "ONLY",
    "ANY",
    "AM",
    "PM",
    "II",
    "III",
    "IV",
    "VI",
    "VII",
    "VIII",
    "IX",
    "XI",
    "XII",
    "TBC",
    "TBD",
    "TBA",
    "XXX",
    "TODO",
}


# Runs of capitalised words, joined by spaces and small words: r"\b[A-Z][\w-]*(?:\s+(?:(?:of|and|for|the|on|in|&)\s+)*[A-Z][\w-]*)+"
# with the word boundary checked after the first capital (it is a word character, so the boundary
# before it is "no word character before it"), so that the engine skips ahead to capitals (see ACRONYM).
_NAME_WORDS = re.compile(r"[A-Z](?<!\w[A-Z])[\w-]*(?:\s+(?:(?:of|and|for|the|on|in|&)\s+)*[A-Z][\w-]*)+")


def _spelled_out(text: str) -> str:
    """Initials of every run of capitalised words ("Legal Aid Agency" -> LAA, "Office of Personnel
    Management" -> OPM): a reader can tie an acronym to a name written out anywhere in the advert.

    An acronym (two to six characters) counts as spelled out when it is the initials of two to six
    capitalised words in a row of one run. Those are the substrings of a run's initials, so the
    runs' initials are returned as one string, one run a line, and ``acronym in`` it tells:
    quicker than the set of every such substring, of which an advert needs a handful looked up.
    (A line break is never an initial, so a substring cannot straddle two runs.)"""
    runs = ("".join(w[0] for w in match.group().split() if w[:1].isupper()) for match in _NAME_WORDS.finditer(text))
    return "\n".join(runs).upper()


_CAPS_RUN = re.compile(r"\b[A-Z]{2,}(?:[ \t]+[A-Z]{2,})+\b")


def _shouted(source, offset: int) -> bool:
    """A line mostly in capitals, or a run of capitalised words ("POST TITLE:", "ON THIS MAP"),
    is emphasis, not acronyms."""
    line_number, column = source.position(offset)
    line = source.line_text(line_number)
    letters = re.findall(r"[A-Za-z]{2,}", line)
    if letters and sum(w.isupper() for w in letters) * 2 > len(letters):
        return True
    return any(run.start() <= column - 1 < run.end() for run in _CAPS_RUN.finditer(line))


def acronyms_expanded(rule, target, options):
    """The first use of each acronym the advert neither expands nor spells out.

    The spans are searched as one text, joined by line breaks: an acronym cannot hold one, and its
    look-behind and look-ahead treat a line break as they treat the start and end of a span, so
    this finds what searching span by span finds, in the same order, without a call per span."""
    allowed = {a.upper() for a in options.get("allow", ())}
    source = target.document.source
    text = source.text
    spelled: str | None = None
    seen: set[str] = set()
    texts = [item.text for item in target.spans]
    starts = list(accumulate((len(span_text) + 1 for span_text in texts), initial=0))
    for match in ACRONYM.finditer("\n".join(texts)):
        acronym = match.group(1)
        if acronym in seen or acronym in CAPS_WORDS or acronym in allowed or sum(c.isalpha() for c in acronym) < 2:
            continue
        number = bisect_right(starts, match.start(1)) - 1
        item, start = target.spans[number], match.start(1) - starts[number]
        if _shouted(source, item.span.file_offset(item.index[start])):
            continue  # a line in capitals, not acronyms
        seen.add(acronym)
        if (
            f"({acronym})" in text
            or f"({acronym}s)" in text
            or re.search(re.escape(acronym) + r"s?\s+\(\s*[A-Za-z]", text)
        ):
            continue
        if spelled is None:
            spelled = _spelled_out(text)
        if acronym.upper() in spelled:
            continue
        yield span_finding(rule, item, start, start + len(acronym), values={"acronym": acronym})


CHECK = NamedCheck("acronyms_expanded", run=acronyms_expanded)
