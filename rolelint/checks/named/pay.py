"""Whether an advert states its pay: shared by RL208 (salary_figure), RL121 (vague_pay), RL209 (core_sections) and the
advert summary (rolelint.summary)."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

MONEY = re.compile(
    r"[£$€]\s?\d|\b\d{1,3}(?:[,.]\d{3})+\s?(?:GBP|USD|EUR|pounds|dollars|euros)\b|\b(?:GBP|USD|EUR)\s?\d"
    r"|\b\d{2,3}\s?[kK]\b(?=\s*(?:-|–|to|per|a year|p\.?a|\+|$|[.,;)]))"
)


_DIGIT = re.compile(r"\d")
_PAY_KEY = re.compile(r"salary|\bpay\b|pay_|compensation|remuneration|wage", re.IGNORECASE)


def has_salary_figure(document, items) -> bool:
    """A salary in the front matter, or an amount (``MONEY``) in one of ``items``."""
    data = document.data if isinstance(document.data, dict) else {}
    for key, value in [
        *data.items(),
        *document.site_data.items(),
    ]:  # `salary`, or a site's own `salary_range`, `pay` ...
        if value is not None and _PAY_KEY.search(str(key)) and _DIGIT.search(str(value)):
            return True
    return _any_amount([item.text for item in items])


def _any_amount(texts: list[str]) -> bool:
    """Whether ``MONEY`` matches in one of ``texts``: the same as searching each text, faster.

    Every alternative of ``MONEY`` holds a digit, and most spans have none. ``MONEY`` starts with
    word boundaries, which keep the regex engine from scanning ahead for a first character, so
    searching a span tries each alternative at every position. One search for a digit over the
    texts joined with line breaks (not digits) finds the texts worth that search; those results
    are memoised, as RL208 and RL209 both ask about the same spans."""
    joined = "\n".join(texts)
    digit = _DIGIT.search(joined)
    if digit is None:
        return False
    starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
    while digit is not None:
        number = bisect_right(starts, digit.start()) - 1
        if _has_amount(texts[number]):
            return True
        digit = _DIGIT.search(joined, starts[number + 1])
    return False


# An amount is not pay when its sentence is about money of another kind (funding, revenue, a budget
# or allowance, a price), when it is scaled to millions or more, or when it is the US "401(k)" plan.
NOT_PAY = re.compile(
    r"\b(?:rais(?:e|ed|ing)|funding|funded|round|invest(?:ed|ors?|ment|ments)?|revenues?|sales|sells?|"
    r"valuation|worth|market|budget|allowance|stipend|credit|discount|spend|price|costs?|billion|trillion|"
    r"million)\b",
    re.IGNORECASE,
)
SCALED = re.compile(r"\s?(?:m|bn|b|mn|million|billion|trillion)\b\+?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|\n")


@lru_cache(maxsize=8192)
def _has_amount(text: str) -> bool:
    for found in MONEY.finditer(text):
        if _is_pay(text, found):
            return True
    return False


def _is_pay(text: str, found: re.Match) -> bool:
    """Whether the amount ``found`` in ``text`` reads as pay rather than another sum of money."""
    figure = re.match(r"[£$€]?\s?[\d.,]+", text[found.start() :])
    after = found.start() + (figure.end() if figure else len(found.group(0)))
    if SCALED.match(text, after) or text[max(0, found.start() - 3) : found.end() + 1].lower().startswith("401"):
        return False
    begin = 0
    for stop in _SENTENCE_END.finditer(text, 0, found.start()):
        begin = stop.end()
    end = _SENTENCE_END.search(text, found.end())
    return NOT_PAY.search(text, begin, end.start() if end else len(text)) is None
