"""An advert's summary for a person: its length, reading grade, salary, sections and gender-coded words.

Each figure is measured the way the rule that reports on it measures it (RL207 length, RL206 reading
grade, RL208 salary, RL209 sections, RL112 gender-coded words), over the spans in that rule's scope
and with the config's options for it, so the summary and the findings never disagree. The rules
report only when a limit is crossed; the summary always gives the figure (``rolelint serve`` shows it).
"""

from __future__ import annotations

from dataclasses import dataclass

from rolelint.checks import SpanInput
from rolelint.checks import metric as metric_kind
from rolelint.checks.named.core_sections import subjects_present
from rolelint.checks.named.gender_coding import coded_words
from rolelint.checks.named.pay import has_salary_figure
from rolelint.checks.named.sections import CORE_SECTIONS, sections_present
from rolelint.documents import Document

LENGTH, GRADE, SALARY, SECTIONS, CODED = "RL207", "RL206", "RL208", "RL209", "RL112"
MEASURED = (LENGTH, GRADE, SALARY, SECTIONS, CODED)
# How RL209 names the section categories it looks for.
SECTION_NAMES = {
    "about": "about the role",
    "responsibilities": "responsibilities",
    "essential": "requirements",
    "pay": "pay",
    "offer": "what is offered",
    "location": "location or working pattern",
    "apply": "how to apply",
    "closing": "when applications close",
}


@dataclass(frozen=True)
class CodedWord:
    """One gender-coded word (Gaucher, Friesen & Kay 2011) as RL112 counts it: ``word`` is the form
    counted (its lemma), ``text`` as written; ``start``/``end`` are character offsets into the text."""

    word: str
    text: str
    side: str  # masculine | feminine
    start: int
    end: int


@dataclass(frozen=True)
class AdvertSummary:
    """The figures a hiring manager wants at a glance. ``words_range`` is RL207's (min, max), outside
    which it reports (200 to 900 by default), and ``words_aim`` the range that works best, which the
    summary recommends (RL207's ``aim_min``/``aim_max``, 300 to 700 by default); ``grade`` the Flesch-Kincaid grade of the prose (None when there is none) and
    ``grade_max`` RL206's limit; ``salary_stated`` whether a salary figure is given (front matter or
    text); ``sections_found``/``sections_missing`` RL209's core sections, by category (see
    ``SECTION_NAMES``), except that pay is found only where a salary is stated (RL209 counts a
    benefits section as pay; then it is neither found nor missing); ``masculine``/``feminine`` the gender-coded words in order of position."""

    path: str
    words: int
    words_range: tuple[int | None, int | None]
    words_aim: tuple[int | None, int | None]
    grade: float | None
    grade_words: int
    grade_max: float | None
    salary_stated: bool
    sections_found: tuple[str, ...]
    sections_missing: tuple[str, ...]
    masculine: tuple[CodedWord, ...]
    feminine: tuple[CodedWord, ...]


def summarise(
    document: Document, rules: dict, options: dict[str, dict], *, model: str | None = None, pipeline_needs=()
) -> AdvertSummary | None:
    """The summary of an advert (None for a framework or role): ``rules`` by code (RL206, RL207,
    RL208, RL209, RL112 are used), ``options`` the config's options by code. ``pipeline_needs``: the
    NLP needs of the run, so the spaCy pipeline it loaded is reused (runner.annotated_targets)."""
    from rolelint.options import resolve_options
    from rolelint.runner import annotated_targets

    if document.kind != "advert":
        return None
    measured = [rules[code] for code in MEASURED if code in rules]
    targets = annotated_targets([document], measured, model=model, pipeline_needs=pipeline_needs)[0]
    resolved = {rule.code: resolve_options(rule, options.get(rule.code)) for rule in measured}

    def spans(code: str):
        target = targets.get(code)
        return target.spans if target is not None else ()

    low, high = _limits(rules.get(LENGTH), resolved.get(LENGTH, {}))
    length_spec = rules[LENGTH].spec if LENGTH in rules else {}
    words = metric_kind.document_words(spans(LENGTH), low, high, skip=metric_kind.skip_words(length_spec))
    length_options = resolved.get(LENGTH, {})
    aim = (_int(length_options.get("aim_min", low)), _int(length_options.get("aim_max", high)))
    grade, grade_words = metric_kind.grade_level(spans(GRADE)) if spans(GRADE) else (0.0, 0)
    _, grade_max = _limits(rules.get(GRADE), resolved.get(GRADE, {}))
    salary = has_salary_figure(
        document, spans(SALARY) if SALARY in targets else [SpanInput.of(span) for span in document.spans]
    )
    wanted = [s for s in resolved.get(SECTIONS, {}).get("required", CORE_SECTIONS) if s in CORE_SECTIONS]
    if SECTIONS in rules:
        present = subjects_present(document, spans(SECTIONS), rules[SECTIONS].spec, wanted)
    else:
        present = sections_present(document, spans(SECTIONS))
    coded: list[CodedWord] = []
    if CODED in targets:
        for found in coded_words(rules[CODED], targets[CODED]):
            token = found.token
            start, end = found.item.file_range(token.idx, token.idx + len(token.text))
            coded.append(CodedWord(found.word, token.text, found.side, start, end))
    coded.sort(key=lambda w: (w.start, w.end))
    return AdvertSummary(
        path=document.path,
        words=words,
        words_range=(_int(low), _int(high)),
        words_aim=aim,
        grade=round(grade, 1) if grade_words else None,
        grade_words=grade_words,
        grade_max=grade_max,
        salary_stated=salary,
        # RL209 counts a benefits section as its pay subject; the summary names pay only where a
        # salary is stated, as its salary line says, and benefits as what is offered.
        sections_found=tuple(s for s in CORE_SECTIONS if s in present and (s != "pay" or salary)),
        sections_missing=tuple(s for s in wanted if s not in present),
        masculine=tuple(w for w in coded if w.side == "masculine"),
        feminine=tuple(w for w in coded if w.side == "feminine"),
    )


def _limits(rule, options: dict) -> tuple:
    if rule is None or rule.kind != "metric":
        return None, None
    spec = rule.spec
    return options.get("min", spec.get("min")), options.get("max", spec.get("max"))


def _int(value):
    return int(value) if value is not None else None


__all__ = ["AdvertSummary", "CodedWord", "SECTION_NAMES", "summarise"]
