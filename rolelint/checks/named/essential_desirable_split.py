"""RL202's check: a long list of requirements with nothing marked desirable."""

from __future__ import annotations

from rolelint.checks import document_finding
from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.sections import headed_categories
from rolelint.structure import DESIRABLE

DESIRABLE_WORDS = DESIRABLE  # the shared marks of a desirable requirement (rolelint.structure)


def essential_desirable_split(rule, target, options):
    document = target.document
    categories = headed_categories(document)
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


CHECK = NamedCheck("essential_desirable_split", run=essential_desirable_split)
