"""Rule kind ``check``: named Python checks for logic that a word list or pattern cannot express.

Word lists and thresholds still live in the rule file (the ``check`` mapping and ``options``); the
code here only says how to count and where to point.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any, Callable

from rolelint.checks import SpanInput, document_finding, render, span_finding, tagged_tokens
from rolelint.nlp import load_pipeline
from rolelint.nlp.triggers import Alternative, Requirement, Triggers
from rolelint.structure import DESIRABLE

CORE_SECTIONS = ("about", "responsibilities", "essential", "pay", "location", "apply")
# Front matter keys that stand in for a section (matched as substrings of the lower-cased key).
FRONT_MATTER_SECTIONS = {
    "responsibilities": ("responsibilit", "duties", "objective"),
    "essential": ("requirement", "qualification", "criteria"),
    "pay": ("salary", "pay"),
    "about": ("about", "overview", "description"),
    "location": ("location", "working_pattern", "working pattern", "remote"),
    "apply": ("apply", "application", "closing"),
}


@dataclass(frozen=True)
class NamedCheck:
    name: str
    needs: frozenset[str]
    run: Callable
    params: frozenset[str] = frozenset()
    triggers: Callable | None = None  # rule -> Triggers: the words a span needs for the check to fire
    # (rule, targets of every document of the run) -> None: work done once for the run, in batches,
    # before the check runs document by document
    prefetch: Callable | None = None


CHECKS: dict[str, NamedCheck] = {}


def check(
    name: str,
    *,
    needs: tuple[str, ...] = (),
    params: tuple[str, ...] = (),
    triggers: Callable | None = None,
    prefetch: Callable | None = None,
):
    def register(function: Callable) -> Callable:
        CHECKS[name] = NamedCheck(name, frozenset(needs), function, frozenset(params), triggers, prefetch)
        return function

    return register


def compile(rule) -> NamedCheck:
    name = rule.spec["name"]
    if name not in CHECKS:
        raise ValueError(f"check.name: unknown check {name!r}; known checks: {', '.join(sorted(CHECKS))}")
    named = CHECKS[name]
    extra = set(rule.spec) - {"name"} - named.params
    if extra:
        accepted = ", ".join(sorted(named.params)) or "none"
        raise ValueError(f"check.{sorted(extra)[0]}: check {name!r} takes no such parameter; accepted: {accepted}")
    return named


def needs(rule, named: NamedCheck) -> set[str]:
    return set(named.needs)


def triggers(rule, named: NamedCheck, nlp) -> Triggers | None:
    return named.triggers(rule) if named.triggers is not None else None


def run(rule, named: NamedCheck, target, options, nlp):
    yield from named.run(rule, target, options)


def prefetch(rule, named: NamedCheck, targets, options, nlp) -> None:
    if named.prefetch is not None:
        named.prefetch(rule, targets)


# --- words spelt with letters of several scripts (look-alike letters) ---------------------------


_WORD = re.compile(r"[^\W\d_]+")  # runs of letters


@check("mixed_script_words")
def mixed_script_words(rule, target, options):
    """Words (runs of letters, in the text as written) that mix Latin letters with another script's."""
    from rolelint.diagnostics import Finding
    from rolelint.textfold import fold, script_of

    for item in target.spans:
        text = item.span.text
        if text.isascii():
            continue
        for match in _WORD.finditer(text):
            word = match.group()
            if word.isascii():
                continue
            scripts = {script_of(char) for char in word} - {"COMMON", "INHERITED", "UNKNOWN"}
            if len(scripts) < 2 or "LATIN" not in scripts:
                continue
            names = " and ".join(sorted(s.title() for s in scripts))
            start, end = item.span.file_range(match.start(), match.end())
            values = {"word": word, "scripts": names, "plain": fold(word).text}
            yield Finding(
                rule.code,
                render(rule.message, values),
                start,
                end,
                suggestion=render(rule.suggestion, values) if rule.suggestion else None,
                field=item.span.field,
                section=item.span.section,
                context=word,
            )


# --- gender-coded wording (Gaucher, Friesen & Kay 2011) -------------------------------------


@dataclass(frozen=True)
class CodedWord:
    item: SpanInput
    token: Any  # a spaCy Token
    side: str
    word: str


_STEM_REGEXES: dict[tuple[str, ...], re.Pattern] = {}


def _stem_regex(stems) -> re.Pattern:
    """One regex for a stem list: "lead*" is a prefix, "kind" a whole word."""
    key = tuple(stems)
    if key not in _STEM_REGEXES:
        parts = [re.escape(s[:-1]) + r"\S*" if s.endswith("*") else re.escape(s) for s in stems]
        _STEM_REGEXES[key] = re.compile("(?:" + "|".join(parts or ["(?!)"]) + ")")
    return _STEM_REGEXES[key]


def coded_words(rule, target) -> list[CodedWord]:
    spec = rule.spec
    exclude = {w.lower() for w in spec.get("exclude", ())}
    allowed_pos = set(spec.get("pos", ("NOUN", "VERB", "ADJ", "ADV")))
    pos_only = {str(k).lower(): set(v) for k, v in (spec.get("pos_only") or {}).items()}
    sides = [(side, _stem_regex(spec.get(side, ()))) for side in ("masculine", "feminine")]
    found = []
    for item in target.spans:
        if item.doc is None:
            continue
        for token in tagged_tokens(item.doc):
            if not token.is_alpha or token.pos_ not in allowed_pos or _compound_tail(token):
                continue
            lower, lemma = token.lower_, token.lemma_.lower()
            if lower in exclude or lemma in exclude:
                continue
            if lemma in pos_only and token.pos_ not in pos_only[lemma]:
                continue
            for side, stems in sides:
                if stems.fullmatch(lower) or stems.fullmatch(lemma):
                    found.append(CodedWord(item, token, side, lemma))
                    break
    return found


def _compound_tail(token) -> bool:
    """'driven' in 'data-driven' is part of another word; 'confident' in 'self-confident' is not."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-" or doc[token.i - 1].whitespace_:
        return False
    return doc[token.i - 2].lower_ != "self"


GENDER_PARAMS = ("masculine", "feminine", "exclude", "pos", "pos_only")


def _coded_triggers(rule) -> Triggers:
    """A coded word is one whose text or lemma a stem matches, and neither is excluded: a word
    excluded as written ("analytics", "responsibilities") is skipped whatever its tags."""
    exclude = frozenset(w.lower() for w in rule.spec.get("exclude", ()))
    return Triggers(
        tuple(
            Alternative((Requirement(pattern=_stem_regex(rule.spec.get(side, ())), exclude=exclude),))
            for side in ("masculine", "feminine")
        )
    )


@check("gender_coded_words", needs=("lemma", "pos"), params=GENDER_PARAMS, triggers=_coded_triggers)
def gender_coded_words(rule, target, options):
    sides = set(options.get("sides", ["masculine", "feminine"]))
    for word in coded_words(rule, target):
        if word.side in sides:
            token = word.token
            yield span_finding(rule, word.item, token.idx, token.idx + len(token.text), values={"side": word.side})


def _tally(words: list[CodedWord], side: str) -> tuple[int, str]:
    counts = Counter(w.word for w in words if w.side == side)
    listed = ", ".join(
        f"{word} ×{n}" if n > 1 else word for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return sum(counts.values()), listed or "none"


@check("gender_coded_balance", needs=("lemma", "pos"), params=GENDER_PARAMS, triggers=_coded_triggers)
def gender_coded_balance(rule, target, options):
    words = coded_words(rule, target)
    masculine, masculine_words = _tally(words, "masculine")
    feminine, feminine_words = _tally(words, "feminine")
    difference = int(options.get("min_difference", 3))
    ratio = float(options.get("min_ratio", 2))
    lean = None
    if masculine - feminine >= difference and masculine >= ratio * feminine:
        lean = "masculine"
    elif feminine - masculine >= difference and feminine >= ratio * masculine and options.get("report_feminine", False):
        lean = "feminine"
    if lean:
        values = {
            "lean": lean,
            "masculine": masculine,
            "feminine": feminine,
            "masculine_words": masculine_words,
            "feminine_words": feminine_words,
        }
        yield document_finding(rule, target.document, values=values, context=f"{lean}-coded")


# --- pay transparency -----------------------------------------------------------------------

MONEY = re.compile(
    r"[£$€]\s?\d|\b\d{1,3}(?:[,.]\d{3})+\s?(?:GBP|USD|EUR|pounds|dollars|euros)\b|\b(?:GBP|USD|EUR)\s?\d"
    r"|\b\d{2,3}\s?[kK]\b(?=\s*(?:-|–|to|per|a year|p\.?a|\+|$|[.,;)]))"
)


_DIGIT = re.compile(r"\d")
_PAY_KEY = re.compile(r"salary|\bpay\b|pay_|compensation|remuneration|wage", re.IGNORECASE)


def has_salary_figure(document, items) -> bool:
    """A salary in the front matter, or an amount (``MONEY``) in one of ``items``."""
    data = document.data if isinstance(document.data, dict) else {}
    for key, value in data.items():  # `salary`, or a site's own `salary_range`, `pay` ...
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


@check("salary_figure")
def salary_figure(rule, target, options):
    if not target.spans or has_salary_figure(target.document, target.spans):
        return
    yield document_finding(
        rule, target.document, values={}, prefer_sections=("pay", "benefits"), context="no salary figure"
    )


# --- years of experience against the level --------------------------------------------------

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


def level_of(document, limits: dict) -> str | None:
    """The level key of ``limits`` this advert is at: front matter ``level`` first, then title words."""
    data = document.data if isinstance(document.data, dict) else {}
    level = data.get("level")
    if isinstance(level, str) and level.strip().lower() in limits:
        return level.strip().lower()
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


@check("experience_for_level")
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


# --- structure of an advert -----------------------------------------------------------------

DESIRABLE_WORDS = DESIRABLE  # the shared marks of a desirable requirement (rolelint.structure)


def _categories(document) -> set[str]:
    return {section.category for section in document.sections if section.heading_end > section.heading_start}


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
    present = _categories(document)
    if _intro_words(items) >= 30:
        present.add("about")
    if "benefits" in present or has_salary_figure(document, items) or data.get("salary"):
        present.add("pay")
    for item in items:
        label = SECTION_LABEL.match(item.text)
        if label:
            present.add(
                next(c for c, hints in FRONT_MATTER_SECTIONS.items() if any(h in label.group(1).lower() for h in hints))
            )
    for key in data:
        for category, hints in FRONT_MATTER_SECTIONS.items():
            if any(hint in str(key).lower() for hint in hints):
                present.add(category)
    return present


@check("core_sections")
def core_sections(rule, target, options):
    document = target.document
    present = sections_present(document, target.spans)
    wanted = [s for s in options.get("required", CORE_SECTIONS) if s in CORE_SECTIONS]
    missing = [s for s in wanted if s not in present]
    if missing:
        names = ", ".join(s.replace("essential", "requirements") for s in missing)
        yield document_finding(rule, document, values={"missing": names, "count": len(missing)}, context=names)


@check("essential_desirable_split")
def essential_desirable_split(rule, target, options):
    document = target.document
    categories = _categories(document)
    if "essential" not in categories or "desirable" in categories:
        return
    essentials = [item for item in target.spans if item.span.section == "essential" and item.span.block == "list_item"]
    if len(essentials) < int(options.get("min_items", 5)):
        return
    if any(DESIRABLE_WORDS.search(item.text) for item in target.spans):
        return
    yield document_finding(
        rule,
        document,
        values={"count": len(essentials)},
        prefer_sections=("essential",),
        context=f"{len(essentials)} requirements",
    )


# --- duties that start with an action verb ---------------------------------------------------

LEAD_IN = re.compile(r"^(?:you\s+will|you['’]ll|you\s+are\s+going\s+to|will|to)\s+", re.IGNORECASE)
VERB_TAGS = {"VB", "VBG", "VBP", "VBZ"}


def _imperative_read_as_noun(first, following) -> bool:
    """The tagger reads a capitalised imperative at the start of a fragment ("Define the roadmap")
    as a proper noun; a determiner or possessive right after it gives the verb away."""
    if following is None or not first.is_title or first.pos_ not in ("PROPN", "NOUN", "ADJ"):
        return False
    return following.tag_ in ("DT", "PRP$", "PRP", "PDT") and following.lower_ not in ("that", "this", "which")


_RUN_PIPELINE: dict[str, object] = {}


def prepare(rules, nlp) -> None:
    """Keep the run's pipeline: a second opinion on a duty's verb reuses it when it can tag and
    lemmatize, rather than loading the model a second time (else it asks for a tagging pipeline
    once per run, not once per document)."""
    _RUN_PIPELINE.clear()
    _RUN_PIPELINE["nlp"] = nlp


def _tagging_pipeline():
    nlp = _RUN_PIPELINE.get("nlp")
    if nlp is not None and {"tagger", "lemmatizer"} <= set(nlp.pipe_names):
        return nlp
    if "lemma" not in _RUN_PIPELINE:  # load_pipeline looks for the installed model on every call
        _RUN_PIPELINE["lemma"] = load_pipeline({"lemma"})
    return _RUN_PIPELINE["lemma"]


@lru_cache(maxsize=4)
def _verbs_of(lookups) -> frozenset[str]:
    return frozenset(lookups.get_table("lemma_index")["verb"]) if lookups.has_table("lemma_index") else frozenset()


def _known_verbs() -> frozenset[str]:
    """Base forms the English lemmatizer knows as verbs (its WordNet-derived verb index)."""
    return _verbs_of(_tagging_pipeline().get_pipe("lemmatizer").lookups)


def _probe_text(fragment: str, margin: int | None) -> str | None:
    """The fragment in a verb slot ("You will record decisions"). The verb's tags depend on the few
    tokens the tagger reaches; words past them change nothing, so the probe stops there."""
    words = fragment.split()[: 12 if margin is None else 3 + margin]
    return "You will " + words[0].lower() + " " + " ".join(words[1:]) if words else None


def _verbs_when_read_as_duties(fragments: list[str]) -> list[bool]:
    """Second opinion for fragments whose first word the tagger did not read as a verb: tag each in
    a verb slot and accept it only if it is also a known English verb, so "Record", "Understand" and
    "Line manage" pass while "Excellent" and "Strong" do not. Tagged in one batch, and memoised
    (duties repeat across a repo).

    Only the verb slot's tag and lemma are read, so the attribute ruler and the lemmatizer are not
    run over whole probes: as in ``rolelint.nlp.windows.tag_windows``, ``TokenAttributes`` gives that one
    token what they would (the ruler's Matcher over every probe cost more than the tagger)."""
    from rolelint.nlp.state import state_of

    nlp = _tagging_pipeline()
    state = state_of(nlp)
    probes = state.verb_probes
    texts = [_probe_text(fragment, state.margin()) for fragment in fragments]
    new = list(dict.fromkeys(t for t in texts if t is not None and t not in probes))
    if new:
        if len(probes) > 50_000:
            probes.clear()
        skip = [name for name in ("parser", "ner", "sentencizer") if name in nlp.pipe_names]
        attributes = state.token_attributes
        if attributes.usable:
            skip += ["attribute_ruler", "lemmatizer"]
        verbs = _known_verbs()
        for text, probe in zip(new, nlp.pipe(new, disable=skip)):
            if attributes.usable:
                if attributes.longer_match(probe):
                    attributes.annotate(probe)  # the ruler's longer patterns: the real components
                else:
                    attributes.apply(probe, [(2, 3)])
            token = probe[2]
            probes[text] = token.tag_ in VERB_TAGS and token.lemma_.lower() in verbs
    return [t is not None and probes.get(t, False) for t in texts]


def _duty_words(doc, text: str) -> list:
    """The words of a duty after its lead-in ("You will ..."), or none for the items
    ``action_verb_duties`` skips: one-word items and "Label: text" items. ``text`` is the Doc's
    text (``doc.text`` builds it token by token). Only the words the check and its window read are
    returned: up to the first that does not end in -ly, and one more."""
    if ":" in text[: max(1, text.find(" ", 30))]:
        return []
    lead = LEAD_IN.match(text)
    start = lead.end() if lead else 0
    words, count, plain = [], 0, None
    for token in doc:
        if token.is_space or token.is_punct:
            continue
        count += 1
        if token.idx < start:
            continue
        words.append(token)
        if plain is None and not token.lower_.endswith("ly"):
            plain = len(words) - 1
        elif plain is not None and len(words) > plain + 1:
            break
    return words if count >= 2 else []


def _duty_window(doc, text: str) -> list[tuple[int, int]]:
    """The tokens ``action_verb_duties`` reads tags of: from the first word after a lead-in, past
    the words ending in -ly it may skip as adverbs, to the word after the first that does not; none
    for the items it skips without reading tags."""
    rest = _duty_words(doc, text)
    if not rest:
        return []
    skipped = 0
    while len(rest) - skipped > 1 and rest[skipped].lower_.endswith("ly"):
        skipped += 1
    return [(rest[0].i, rest[min(skipped + 1, len(rest) - 1)].i + 1)]


def _doubtful_duties(rule, target) -> list[tuple]:
    """The duties (item, offset and text of the first word) whose first word the tagger did not
    read as a verb, nor is one of the rule's extra verbs; kept on each item's Doc, so that
    ``_probe_duties`` and the check read them once."""
    extra_verbs = {v.lower() for v in rule.spec.get("verbs", ())}
    key = ("rolelint.doubtful-duty", rule.code)
    doubtful = []
    for item in target.spans:
        doc = item.doc
        if doc is None or item.span.block not in ("list_item", "scalar"):
            continue
        found = doc.user_data.get(key)
        if found is None:
            found = doc.user_data[key] = _doubtful_first_word(doc, item.text, extra_verbs)
        if found:
            doubtful.append((item, *found))
    return doubtful


def _doubtful_first_word(doc, text: str, extra_verbs: set[str]) -> tuple[int, str] | tuple[()]:
    rest = _duty_words(doc, text)
    while len(rest) > 1 and rest[0].pos_ == "ADV" and rest[0].lower_.endswith("ly"):
        rest = rest[1:]  # "Proactively manage ..."
    if not rest:
        return ()
    first = rest[0]
    if first.tag_ in VERB_TAGS or first.lower_ in extra_verbs or first.lemma_.lower() in extra_verbs:
        return ()
    if _imperative_read_as_noun(first, rest[1] if len(rest) > 1 else None):
        return ()
    return first.idx, first.text


def _probe_duties(rule, targets) -> None:
    """Tag the second-opinion probes of every document of the run in one batch (they are memoised),
    rather than a small batch a document."""
    fragments = [item.text[idx:] for target in targets for item, idx, _ in _doubtful_duties(rule, target)]
    if fragments:
        _verbs_when_read_as_duties(fragments)


@check(
    "action_verb_duties",
    needs=("pos",),
    params=("verbs",),
    triggers=lambda rule: Triggers(window=_duty_window),
    prefetch=_probe_duties,
)
def action_verb_duties(rule, target, options):
    doubtful = _doubtful_duties(rule, target)
    verdicts = _verbs_when_read_as_duties([item.text[idx:] for item, idx, _ in doubtful]) if doubtful else []
    for (item, idx, text), verb in zip(doubtful, verdicts):
        if not verb:
            end = min(len(item.text), idx + len(text))
            yield span_finding(rule, item, idx, end, values={"word": text})


# --- acronyms ---------------------------------------------------------------------------------

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


@check("acronyms_expanded")
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


# --- text in another language ---------------------------------------------------------------


@check("other_languages")
def other_languages(rule, target, options):
    """Once per document whose text is partly or wholly in another language than English, at the first
    span in it: the wording rules (English) did not read that text."""
    from rolelint.language import ENGLISH, document_languages, language_name

    document = target.document
    found = document_languages(document)
    others = found.others
    if not others:
        return
    total = sum(count for _, count in found.words)
    foreign = sum(count for _, count in others)
    names = [language_name(code) for code, _ in others]
    share = "All" if foreign == total else f"{max(1, round(100 * foreign / total))}%"
    first = next(i for i, code in enumerate(found.spans) if code != ENGLISH)
    span = document.spans[first]
    text = span.text
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    at = span.file_range(left, max(right, left))
    values = {
        "share": share,
        "languages": " and ".join(names) if len(names) < 3 else ", ".join(names),
        "codes": ", ".join(code for code, _ in others),
    }
    yield document_finding(rule, document, values=values, at=at, context=f"text in {values['codes']}")
