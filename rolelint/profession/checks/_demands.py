"""The skills an advert demands, from its `skills:` metadata and from its essential criteria text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rolelint.profession.advert_text import demand_spans, proficiency_cue, span_sentences
from rolelint.profession.checks._helpers import step_in_scale
from rolelint.profession.context import CheckContext, Report
from rolelint.profession.index import IndexEntry
from rolelint.profession.model import Framework
from rolelint.profession.text import find_phrase, tokens


@dataclass(frozen=True)
class Demand:
    skill: str
    rank: int | None  # on the framework's scale; None when no proficiency is stated
    wording: str  # how the advert put it
    field: str | None  # "skills.<id>" for metadata
    start: int = 0  # file offsets for text demands
    end: int = 0


def skill_phrases(framework: Framework) -> list[tuple[str, tuple[str, ...]]]:
    return _phrases(tuple((s.id, s.name, s.synonyms) for s in framework.skills.values()))


@lru_cache(maxsize=32)
def _phrases(skills: tuple) -> list[tuple[str, tuple[str, ...]]]:
    def stems_of(text: str) -> tuple[str, ...]:
        return tuple(t.term for t in tokens(text) if t.term)

    # "Testing (business analysis)" is matched as "testing" only when no other skill is called that.
    bare_names: dict[tuple[str, ...], int] = {}
    for _, name, synonyms in skills:
        for text in (name, *synonyms):
            key = stems_of(re.sub(r"\(.*?\)", " ", text))
            bare_names[key] = bare_names.get(key, 0) + 1
    out = []
    for skill_id, name, synonyms in skills:
        for text in (name, *synonyms):
            stems = stems_of(re.sub(r"\(.*?\)", " ", text))
            if bare_names.get(stems, 0) > 1 and "(" in text:
                stems = stems_of(text)
            if stems:
                out.append((skill_id, stems))
    return out


def demand_report(
    ctx: CheckContext,
    code: str,
    entry: IndexEntry,
    demand: Demand,
    message: str,
    *,
    suggestion: str | None = None,
    key: bool = False,
) -> Report | None:
    """A finding on a demand: on its `skills:` field, else on its words in the essential criteria."""
    if demand.field:
        return ctx.at_field(code, entry.display, demand.field, message, suggestion=suggestion, key=key)
    return ctx.at_offsets(code, entry.display, demand.start, demand.end, message, section="essential")


def demands(entry: IndexEntry, framework: Framework) -> list[Demand]:
    found: list[Demand] = []
    skills = entry.data.get("skills")
    if isinstance(skills, dict):
        for skill_id, proficiency in skills.items():
            found.append(
                Demand(str(skill_id), framework.proficiency_rank(proficiency), f"`{proficiency}`", f"skills.{skill_id}")
            )
    if entry.document is None:
        return found
    phrases = skill_phrases(framework)
    for span in demand_spans(entry.document):
        for start, end in span_sentences(span):
            sentence = span.text[start:end]
            cue = proficiency_cue(sentence, start)
            if cue is None:
                continue
            words = [t for t in tokens(sentence) if t.term]
            stems = [t.term for t in words]
            seen: set[str] = set()
            for skill_id, phrase in phrases:
                for at in find_phrase(stems, phrase):
                    if skill_id in seen:
                        continue
                    seen.add(skill_id)
                    first, last = words[at], words[at + len(phrase) - 1]
                    lo = min(cue.start, start + first.start)
                    hi = max(cue.end, start + last.end)
                    wording = span.text[lo:hi]
                    file_start, file_end = span.file_range(lo, hi)
                    found.append(
                        Demand(
                            skill_id,
                            step_in_scale(cue.step, framework.scale),
                            f"'{' '.join(wording.split())}'",
                            None,
                            file_start,
                            file_end,
                        )
                    )
    return found
