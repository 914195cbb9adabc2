"""RL315: a term the profession has chosen not to use, in any prose of its documents."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from rolelint.profession.base import declared
from rolelint.profession.context import CheckContext, Report
from rolelint.profession.model import Term

CODE = "RL315"
_SKIPPED_FIELDS = re.compile(r"^(terminology|kind|id|framework|role|level|family|scale)\b|\.(level|id)$|\.skills\.")


@lru_cache(maxsize=256)
def _pattern(avoid: str) -> re.Pattern[str]:
    # An all-capitals term ("PO") is matched as written; anything else in any case, plural too.
    flags = 0 if avoid.isupper() else re.I
    body = r"\s+".join(re.escape(word) for word in avoid.split())
    return re.compile(rf"(?<![\w-]){body}(?:s|es)?(?![\w-])", flags)


def _replacement(found: str, preferred: str) -> str:
    if found[:1].isupper() and preferred[:1].islower():
        return preferred[:1].upper() + preferred[1:]
    return preferred


def check(ctx: CheckContext) -> Iterator[Report | None]:
    for entry in ctx.index.targets:
        framework = ctx.framework_for(entry)
        if framework is None or not framework.terms:
            continue
        document = entry.document
        for span in document.spans:
            if span.field and _SKIPPED_FIELDS.search(span.field):
                continue
            for term in framework.terms:
                yield from _find(ctx, entry.display, span, term)


def _find(ctx: CheckContext, display: str, span, term: Term) -> Iterator[Report | None]:
    for avoid in term.avoid:
        for match in _pattern(avoid).finditer(span.text):
            start, end = span.file_range(match.start(), match.end())
            reason = f" ({term.reason.rstrip('.')})" if term.reason else ""
            yield ctx.at_offsets(
                CODE,
                display,
                start,
                end,
                f"'{match.group(0)}': this profession says '{term.preferred}'{reason}",
                suggestion=_replacement(match.group(0), term.preferred),
                section=span.section,
                context=match.group(0),
            )


RULE = declared(
    CODE,
    check=check,
    docs={
        "what": "A term that the framework's `terminology:` lists under `avoid`, found in any prose of a framework, "
        "role or advert of that framework (the terminology list itself excepted).",
        "why": "A profession that uses one name for one thing is easier to join and to hire into; mixed terms "
        "make two jobs look like one, or one job look like two.",
        "example": "terminology: [{preferred: product manager, avoid: [product owner]}]\n...\n"
        "You will work closely with the product owner.",
        "use_instead": "You will work closely with the product manager.",
        "references": [],
    },
)
