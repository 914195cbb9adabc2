"""RL208's check: an advert with prose but no salary figure (what counts as one: named.pay)."""

from __future__ import annotations

from rolelint.checks import document_finding
from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.pay import has_salary_figure


def salary_figure(rule, target, options):
    if not target.spans or has_salary_figure(target.document, target.spans):
        return
    yield document_finding(
        rule, target.document, values={}, prefer_sections=("pay", "benefits"), context="no salary figure"
    )


CHECK = NamedCheck("salary_figure", run=salary_figure)
