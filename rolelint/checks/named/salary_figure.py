"""RL208's check: an advert with prose but no salary figure (what counts as one: named.pay)."""

from __future__ import annotations

import re

from rolelint.checks import document_finding
from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.pay import has_salary_figure

# The post said to be unpaid, as its pay: "Internships are unpaid.", "This is an unpaid, volunteer
# role" (not a benefit such as "unpaid leave" or "unpaid overtime").
_UNPAID = re.compile(
    r"\b(?:is|are|will\s+be)\s+(?:an?\s+)?(?:entirely\s+|fully\s+)?unpaid\b(?!\s+(?:leave|overtime|time|holiday))"
    r"|\bunpaid\s+(?:internship|position|role|post|placement|volunteer)",
    re.IGNORECASE,
)


def salary_figure(rule, target, options):
    if not target.spans or has_salary_figure(target.document, target.spans):
        return
    if any(_UNPAID.search(item.text) for item in target.spans):
        return  # the pay is stated: there is none to give
    yield document_finding(
        rule, target.document, values={}, prefer_sections=("pay", "benefits"), context="no salary figure"
    )


CHECK = NamedCheck("salary_figure", run=salary_figure)
