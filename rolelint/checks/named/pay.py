"""Whether an advert states its pay: shared by RL208 (salary_figure), RL121 (vague_pay), RL209 (core_sections) and the
advert summary (rolelint.summary)."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from rolelint.markdown import code_spans

# Every currency sign, before an amount or after it ("2000€", "45.000 €" in much of Europe): the
# characters of Unicode category Sc (tests/test_pay_figures.py checks the list against unicodedata)
CURRENCY = "$\xa2\xa3\xa4\xa5\u058f\u060b\u07fe\u07ff\u09f2\u09f3\u09fb\u0af1\u0bf9\u0e3f\u17db\u20a0\u20a1\u20a2\u20a3\u20a4\u20a5\u20a6\u20a7\u20a8\u20a9\u20aa\u20ab\u20ac\u20ad\u20ae\u20af\u20b0\u20b1\u20b2\u20b3\u20b4\u20b5\u20b6\u20b7\u20b8\u20b9\u20ba\u20bb\u20bc\u20bd\u20be\u20bf\u20c0\ua838\ufdfc\ufe69\uff04\uffe0\uffe1\uffe5\uffe6\U00011fdd\U00011fde\U00011fdf\U00011fe0\U0001e2ff\U0001ecb0"
# A currency written as its common abbreviation: the rupee's "Rs." (or "Rs"/"RS" before a figure
# too long to be the RS-232 standard: grouped, or four digits and more)
RUPEES = r"\b(?:[Rr][Ss]\.\s?\d|[Rr][Ss]\s?(?:\d{1,3}(?:,\d{2,3})+|\d{4,})(?![\d-]))"
# Indian number units: a lakh (100,000), a crore (ten million), "LPA" (lakhs per annum)
INDIAN_UNIT = r"(?i:lakhs?|lacs?|crores?|lpa)\b"
MONEY = re.compile(
    rf"[{CURRENCY}]\s?\d|\b\d[\d,.]*\s?[{CURRENCY}]|{RUPEES}"
    r"|\b\d{1,3}(?:[,.]\d{3})+\s?(?i:GBP|USD|EUR|INR|pounds|dollars|euros|rupees)\b|\b(?:GBP|USD|EUR|INR)\s?\d"
    r"|\b\d{2,3}\s?[kK]\b(?=\s*(?:-|–|to|per|a year|p\.?a|\+|$|[.,;)]))"
)


_DIGIT = re.compile(r"\d")
# The words for pay that a metadata key or a label names (PAY_LABEL: "Salary:", "**Compensation**:").
_PAY_WORDS = r"salary|compensation|remuneration|wages?"
_PAY_KEY = re.compile(rf"{_PAY_WORDS}|\bpay\b|pay_", re.IGNORECASE)


def is_salary_figure(value) -> bool:
    """Whether a salary value given as data (front matter, a column of adverts) holds a figure:
    ``{min: 45000}`` or "£40k" does, "competitive" or "lots" does not."""
    return value is not None and _DIGIT.search(str(value)) is not None


def has_salary_figure(document, items) -> bool:
    """A salary in the front matter, or an amount (``MONEY``) in one of ``items``."""
    data = document.data if isinstance(document.data, dict) else {}
    for key, value in [
        *data.items(),
        *document.site_data.items(),
    ]:  # `salary`, or a site's own `salary_range`, `pay` ...
        if _PAY_KEY.search(str(key)) and is_salary_figure(value):
            return True
    items = list(items)
    if _any_amount([item.text for item in items]) or _any_amount(_code_span_texts(document)):
        return True
    # an amount in a currency's code, or with no currency at all, in a section about pay ("Salary:"
    # then "27,000/= BDT"), or in a sentence that calls it pay ("Salary: 45,000 to 55,000 per annum")
    for item in items:
        in_pay = _section_of(item) == "pay"
        if (in_pay and _has_coded_amount(item.text, in_pay=True)) or _has_bare_amount(item.text, in_pay=in_pay):
            return True
    return False


def _code_span_texts(document) -> list[str]:
    """The text of a Markdown advert's code spans, which its prose leaves out as code: a job board
    may set the pay in one as a badge (`` `💰 $174,000/yr - $235,000/yr` ``), and the reader sees it.
    Code itself is not pay: a fenced block (three backticks or more, or over several lines) or a span
    written as code (``const fee = '$2,500';``)."""
    if document.format != "markdown":
        return []
    body = document.source.text[document.body_start :]
    if "`" not in body:
        return []
    spans = (body[start:end] for start, end in code_spans(body))
    return [span.strip("`") for span in spans if not span.startswith("```") and not _CODE_LIKE.search(span)]


# what only code holds: a line break (a block, not a badge), an assignment, a statement's end, braces
_CODE_LIKE = re.compile(r"[\n=;{}<>]")


def _section_of(item) -> str | None:
    """The section of a span, or of the span a rule's input was made from."""
    span = getattr(item, "span", item)
    return getattr(span, "section", None)


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
# or allowance, a price, a stipend with no period: STIPEND), when it is scaled to millions or more, or when it is the US "401(k)" plan.
NOT_PAY = re.compile(
    r"\b(?:rais(?:e|ed|ing)|funding|funded|round|invest(?:ed|ors?|ment|ments)?|revenues?|sales|sells?|"
    r"valuation|worth|market|budgets?|allowance|credit|discount|spend|price|costs?|billion|trillion|"
    r"million)\b",
    re.IGNORECASE,
)
# A stipend is pay when it is given by a period ("a stipend of Rs. 45,000 per month"), not when it
# is a sum for something ("a £500 stipend for your home office")
STIPEND = re.compile(r"\bstipends?\b", re.IGNORECASE)
PLAN_401K = re.compile(r"401\s?\(?k\b", re.IGNORECASE)
# An amount said to be for the job itself is its pay, whatever its sentence calls it ("a budget of
# £40,000 for this role"); a budget for something else ("£2,500 to build your home office") is not.
FOR_THE_ROLE = re.compile(
    r"\s*(?:(?:a|per)\s+(?:year|annum|month)\s+|pro[ -]rata\s+)?for\s+(?:this|the)\s+(?:role|position|post|job)\b",
    re.IGNORECASE,
)
# A sentence labelled as pay ("Compensation: we have a budget between USD 40,000 and 50,000 per
# year", "**Salary**: …") gives the job's pay in its first amount, whatever else it calls the sum;
# a later one may be another sum ("Salary: £40,000 plus a £1,500 learning budget").
PAY_LABEL = re.compile(rf"[\W_]*(?:{_PAY_WORDS}|pay)[*_\s]*:", re.IGNORECASE)
SCALED = re.compile(r"\s?(?:m|bn|b|mn|t|tn|million|billion|trillion)\b\+?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|\n")


# An amount with a currency's three-letter code ("27,000/= BDT", "180 PLN net / hour", "INR 45,000"),
# three digits or more (not a clock time before a time zone, "9 CET"), counts as pay where its
# sentence says it is pay or gives its period.
# The codes are ISO 4217's for the currencies in use (and "RMB", as China's is often written).
ISO_4217 = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD "
    "CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ "
    "GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR "
    "LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN "
    "PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL "
    "THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL "
    "RMB"
).split()
_CODE = "(?:" + "|".join(ISO_4217) + ")"
CODED = re.compile(rf"\b\d(?:[\d,.]*\d)?(?:\s?/[=-])?\s?{_CODE}\b|\b{_CODE}\s?\d(?:[\d,.]*\d)?\b")
PAY_CONTEXT = re.compile(
    r"\b(?:salary|salaries|pay|paid|rate|wages?|compensation|remuneration|net|gross|ctc|"
    r"per\s+(?:hour|day|week|month|year|annum)|an?\s+(?:hour|day|week|month|year)|"
    r"hourly|daily|weekly|monthly|yearly|annually|annual|p\.?\s?a|p\.?\s?m)\b|/\s?(?:h|hr|hour|day|month|mo|year|yr)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def _has_amount(text: str) -> bool:
    for found in MONEY.finditer(text):
        if reads_as_pay(text, found):
            return True
    return _has_coded_amount(text, in_pay=False)


@lru_cache(maxsize=8192)
def _has_coded_amount(text: str, *, in_pay: bool) -> bool:
    """Whether ``text`` holds an amount in a currency's code (``CODED``, three digits or more) that
    reads as pay: in a sentence saying so (``PAY_CONTEXT``), or anywhere in a section about pay."""
    if not _DIGIT.search(text):
        return False
    for found in CODED.finditer(text):
        if len(_DIGIT.findall(found.group())) >= 3 and reads_as_pay(
            text, found, context=None if in_pay else PAY_CONTEXT
        ):
            return True
    return False


# An amount written without a currency: a thousand or more with separators ("45,000", "45.000",
# "45 000", India's "4,50,000"), four to seven digits ("45000"), thousands in k ("55k", "52.5K"), or
# Indian units ("4.5 lakh", "12 LPA"); a year ("2026") only
# with a period after it ("2000 per month").
BARE = re.compile(
    r"(?<![\w.,/:#+-])(?<!\d[ \u00a0])(?!0)(?:\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+|\d{1,2}(?:,\d\d)+,\d{3}|\d{4,7})"
    r"(?![\w,.]?\d)(?:\s?[kK]\b)?"
    r"|(?<![\w.,/:#+-])\d{2,3}(?:[.,]\d)?\s?[kK]\b"
    rf"|(?<![\w.,/:#+-])\d{{1,3}}(?:\.\d{{1,2}})?(?:\s?(?:-|–|to)\s?\d{{1,3}}(?:\.\d{{1,2}})?)?\s?{INDIAN_UNIT}"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_PERIOD_AFTER = re.compile(r"\s*(?:per|an?|/)\s?(?:hour|hr|day|week|month|mo|year|yr|annum)\b", re.IGNORECASE)
# Words that call an amount in the same sentence pay, without a currency (narrower than PAY_CONTEXT:
# "10,000 users a year" names a period, not pay).
SALARY_WORDS = re.compile(
    r"\b(?:salary|salaries|pay|paid|wages?|compensation|remuneration|earnings|OTE|LPA|gross|per\s+annum|"
    r"p\.\s?a\.?|pro[ -]rata|day\s+rate|hourly\s+rate)(?!\w)",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def _has_bare_amount(text: str, *, in_pay: bool) -> bool:
    """Whether ``text`` holds an amount with no currency (``BARE``) that reads as pay: in a section
    about pay, or in a sentence with a word of pay (``SALARY_WORDS``)."""
    if not _DIGIT.search(text):
        return False
    for found in BARE.finditer(text):
        if _YEAR.fullmatch(found.group()) and not _PERIOD_AFTER.match(text, found.end()):
            continue
        if reads_as_pay(text, found, context=None if in_pay else SALARY_WORDS):
            return True
    return False


def reads_as_pay(text: str, found: re.Match, *, context: re.Pattern[str] | None = None) -> bool:
    """Whether the amount ``found`` in ``text`` reads as pay rather than another sum (funding, a
    budget, a price; scaled to millions; the 401(k) plan) and, with ``context``, whether its sentence
    says it is pay (``context`` matches in it). The profession rules read a pay figure by this too."""
    figure = re.match(rf"(?:[{CURRENCY}]|[Rr][Ss]\.?|INR)?\s?[\d.,]+(?:\s?[{CURRENCY}])?", text[found.start() :])
    after = found.start() + (figure.end() if figure else len(found.group(0)))
    if SCALED.match(text, after) or PLAN_401K.match(text, found.start()):
        return False
    if FOR_THE_ROLE.match(text, after):
        return True
    begin = 0
    for stop in _SENTENCE_END.finditer(text, 0, found.start()):
        begin = stop.end()
    end = _SENTENCE_END.search(text, found.end())
    finish = end.start() if end else len(text)
    if context is not None and context.search(text, begin, finish) is None:
        return False
    if STIPEND.search(text, begin, finish) and not _PERIOD_AFTER.match(text, _past_unit(text, after)):
        return False
    if NOT_PAY.search(text, begin, finish) is None:
        return True
    label = PAY_LABEL.match(text, begin)
    return label is not None and _DIGIT.search(text, label.end(), found.start()) is None


_UNIT_AFTER = re.compile(rf"\s?{INDIAN_UNIT}|\s?[kK]\b")


def _past_unit(text: str, at: int) -> int:
    """The end of an amount's unit after ``at`` ("4.5 lakh", "45k"), else ``at``."""
    unit = _UNIT_AFTER.match(text, at)
    return unit.end() if unit else at
