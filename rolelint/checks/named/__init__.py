"""Rule kind ``check``: named Python checks for logic that a word list or pattern cannot express.

One check a module, each declaring its ``CHECK`` (a ``NamedCheck``); ``CHECKS`` below lists them by
the name a rule file gives (``check: {name: ...}``). Adding a check is one module, one line here,
its rule file and its tests. Word lists and thresholds still live in the rule file (the ``check``
mapping and ``options``); the code only says how to count and where to point, and declares the
schema of its ``check`` keys (``spec_schema``), against which a user's rule is checked when it loads. Helpers that several
checks share live in modules named after what they know: ``gender_coding``, ``pay``, ``sections``.
"""

from __future__ import annotations

from rolelint.checks import is_builtin
from rolelint.checks.named import (
    acronyms_expanded,
    action_verb_duties,
    age_preference,
    core_sections,
    essential_desirable_split,
    essential_requirements,
    experience_for_level,
    expertise_breadth,
    gender_coded_balance,
    gender_coded_words,
    mastery_for_level,
    mixed_script_words,
    other_languages,
    pronouns_for_the_hire,
    salary_figure,
    technology_names,
    third_person,
    typos,
    vague_pay,
)
from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.spec_schema import spec_problem
from rolelint.nlp.triggers import Triggers

CHECKS: dict[str, NamedCheck] = {
    "mixed_script_words": mixed_script_words.CHECK,
    "gender_coded_words": gender_coded_words.CHECK,
    "gender_coded_balance": gender_coded_balance.CHECK,
    "salary_figure": salary_figure.CHECK,
    "experience_for_level": experience_for_level.CHECK,
    "mastery_for_level": mastery_for_level.CHECK,
    "core_sections": core_sections.CHECK,
    "essential_desirable_split": essential_desirable_split.CHECK,
    "action_verb_duties": action_verb_duties.CHECK,
    "acronyms_expanded": acronyms_expanded.CHECK,
    "other_languages": other_languages.CHECK,
    "vague_pay": vague_pay.CHECK,
    "age_preference": age_preference.CHECK,
    "third_person": third_person.CHECK,
    "essential_requirements": essential_requirements.CHECK,
    "pronouns_for_the_hire": pronouns_for_the_hire.CHECK,
    "technology_names": technology_names.CHECK,
    "expertise_breadth": expertise_breadth.CHECK,
    "typos": typos.CHECK,
}


def compile(rule) -> NamedCheck:
    name = rule.spec["name"]
    if name not in CHECKS:
        raise ValueError(f"check.name: unknown check {name!r}; known checks: {', '.join(sorted(CHECKS))}")
    named = CHECKS[name]
    extra = set(rule.spec) - {"name"} - named.params
    if extra:
        accepted = ", ".join(sorted(named.params)) or "none"
        raise ValueError(f"check.{sorted(extra)[0]}: check {name!r} takes no such parameter; accepted: {accepted}")
    if named.schema and not is_builtin(rule):  # the shipped rules are checked by the test suite
        problem = spec_problem(named, rule.spec)
        if problem:
            raise ValueError(problem)
    return named


def needs(rule, named: NamedCheck) -> set[str]:
    return set(named.needs)


def triggers(rule, named: NamedCheck, nlp) -> Triggers | None:
    return named.triggers(rule) if named.triggers is not None else None


def run(rule, named: NamedCheck, target, options, nlp):
    if named.reads_pipeline:
        yield from named.run(rule, target, options, nlp)
    else:
        yield from named.run(rule, target, options)


def prefetch(rule, named: NamedCheck, targets, options, nlp) -> None:
    if named.prefetch is not None:
        named.prefetch(rule, targets, options)


def defers_parse(rule, named: NamedCheck) -> bool:
    """Whether the check reads the dependency parse only at some of its findings (``parse_wanted``)."""
    return named.parse_wanted is not None


def parse_wanted(rule, named: NamedCheck, item, nlp) -> bool:
    return named.parse_wanted is not None and bool(named.parse_wanted(rule, item))


def needless(rule, named: NamedCheck, document, items) -> bool:
    return named.needless is not None and bool(named.needless(rule, document, items))


def prepare(rules, nlp) -> None:
    """Each check's ``prepare`` hook, for the run about to use ``nlp``."""
    for named in CHECKS.values():
        if named.prepare is not None:
            named.prepare(rules, nlp)


__all__ = [
    "CHECKS",
    "NamedCheck",
    "compile",
    "defers_parse",
    "needless",
    "needs",
    "parse_wanted",
    "prefetch",
    "prepare",
    "run",
    "triggers",
]
