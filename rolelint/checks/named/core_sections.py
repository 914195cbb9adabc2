"""RL209's check: an advert missing some of the core sections (how they are counted: named.sections)."""

from __future__ import annotations

from rolelint.checks import document_finding
from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.sections import CORE_SECTIONS, sections_present


def core_sections(rule, target, options):
    document = target.document
    present = sections_present(document, target.spans)
    wanted = [s for s in options.get("required", CORE_SECTIONS) if s in CORE_SECTIONS]
    missing = [s for s in wanted if s not in present]
    if missing:
        names = ", ".join(s.replace("essential", "requirements") for s in missing)
        yield document_finding(rule, document, values={"missing": names, "count": len(missing)}, context=names)


CHECK = NamedCheck("core_sections", run=core_sections)
