"""Which role level an advert claims: from its metadata, or inferred from its title and DDaT links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from rolelint.documents import Document, InferredRoleLevel
from rolelint.profession.index import IndexEntry, ProfessionIndex
from rolelint.profession.model import Framework, Role, RoleLevel
from rolelint.profession.titles import TitleTable, accepted_groups, groups_in

DDAT_LINK = re.compile(r"ddat-capability-framework\.service\.gov\.uk/role/([A-Za-z0-9-]+)(?:/?#([A-Za-z0-9-]+))?")


@dataclass
class Evidence:
    what: str  # "the title 'Senior DevOps Engineer'"
    start: int
    end: int
    role: Role | None = None
    level: str | None = None


@dataclass
class Claim:
    """The role level an advert is for. ``source`` is "metadata" or "inferred"."""

    framework: Framework | None
    role: Role | None
    level: str | None
    source: str
    evidence: list[Evidence] = field(default_factory=list)
    conflicts: list[Evidence] = field(default_factory=list)  # evidence that points elsewhere
    ambiguous: list[tuple[Role, str]] = field(default_factory=list)

    @property
    def role_level(self) -> RoleLevel | None:
        return self.role.level(self.level) if self.role and self.level else None

    def resolved(self) -> RoleLevelClaim | None:
        """The claim with every part known, when it names a role level of a framework the index has."""
        role_level = self.role_level
        if self.framework is None or self.role is None or self.level is None or role_level is None:
            return None
        return RoleLevelClaim(self.framework, self.role, self.level, role_level)


@dataclass(frozen=True)
class RoleLevelClaim:
    """A claim that names a role level the index defines: none of its parts is missing."""

    framework: Framework
    role: Role
    level: str
    role_level: RoleLevel


def inferred_levels(claim: Claim, frameworks: Mapping[str, Framework]) -> tuple[InferredRoleLevel, ...]:
    """The role levels an inferred ``claim`` names: the one it reads the advert as, or each of those it
    cannot tell apart (``claim.ambiguous``); none for a claim from metadata."""
    if claim.source != "inferred":
        return ()
    pairs = claim.ambiguous or ([(claim.role, claim.level)] if claim.role is not None else [])
    return tuple(_inferred_level(role, level, frameworks.get(role.framework)) for role, level in pairs)


def _inferred_level(role: Role, level: str | None, framework: Framework | None) -> InferredRoleLevel:
    role_level = role.level(level) if level else None
    title = framework.effective_title(role_level) if framework and role_level else role.title
    return InferredRoleLevel(role.framework, role.id, level, title)


def resolve_claim(entry: IndexEntry, index: ProfessionIndex, table: TitleTable) -> Claim | None:
    data = entry.data
    if any(isinstance(data.get(k), str) for k in ("role", "level")):
        return _from_metadata(entry, index, table)
    if entry.document is None:
        return None
    return _infer(entry, index, table)


def _from_metadata(entry: IndexEntry, index: ProfessionIndex, table: TitleTable) -> Claim:
    advert = index.adverts.get(entry.display)
    framework = index.frameworks.get(advert.framework) if advert and advert.framework else None
    role = None
    if advert and advert.role:
        if advert.framework:
            role = index.roles.get((advert.framework, advert.role))
        else:
            candidates = index.find_roles(advert.role)
            role = candidates[0] if len(candidates) == 1 else None
        if role is not None and framework is None:
            framework = index.frameworks.get(role.framework)
    claim = Claim(framework, role, advert.level if advert else None, "metadata")
    if entry.document is not None:
        for link in _links(entry.document, index, table):
            if (
                link.role is not None
                and role is not None
                and (link.role is not role or (link.level and link.level != claim.level))
            ):
                claim.conflicts.append(link)
    return claim


def _infer(entry: IndexEntry, index: ProfessionIndex, table: TitleTable) -> Claim | None:
    document = entry.document
    votes: dict[tuple[tuple[str, str], str | None], float] = {}
    evidence: dict[tuple[tuple[str, str], str | None], list[Evidence]] = {}
    roles: dict[tuple[str, str], Role] = {}

    def vote(role: Role, level: str | None, weight: float, item: Evidence) -> None:
        key = (role.key, level)
        roles[role.key] = role
        votes[key] = votes.get(key, 0.0) + weight
        evidence.setdefault(key, []).append(item)

    title = entry.heading
    title_range = heading_range(document, title)
    if title:
        matches = table.lookup(title)
        for match in matches:
            weight = (2.0 if match.how == "exact" else 1.5) / len(matches)
            vote(
                match.role, match.level, weight, Evidence(f"the title '{title}'", *title_range, match.role, match.level)
            )
    links = _links(document, index, table)
    for link in links:
        if link.role is not None:
            vote(link.role, link.level, 2.0 if link.level else 1.0, link)
            if link.level is None:
                # A link to a role page without an anchor: the title's seniority words pick the level.
                level = _level_by_seniority(link.role, index.frameworks.get(link.role.framework), title or "")
                if level is not None:
                    vote(link.role, level, 1.0, link)
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0][1] is None))
    (best_key, best_score) = ranked[0]
    role = roles[best_key[0]]
    level = best_key[1]
    ties = [k for k, score in ranked[1:] if score == best_score and k[1] is not None]
    claim = Claim(index.frameworks.get(role.framework), role, level, "inferred", evidence.get(best_key, []))
    if ties:
        claim.ambiguous = [(role, level)] + [(roles[k[0]], k[1]) for k in ties]
        claim.role, claim.level = None, None
        # Pieces of evidence that each back a different one of the tied role levels contradict each
        # other (a title against a link): that is a conflict, not only a doubt. One piece of evidence
        # that fits several role levels (a title two roles share) is a doubt alone.
        backing = {key: {item.what for item in evidence[key]} for key in [best_key, *ties]}
        for key, whats in backing.items():
            if any(whats - other for other_key, other in backing.items() if other_key != key):
                claim.conflicts += [
                    item
                    for item in evidence[key]
                    if item not in claim.conflicts
                    and all(item.what not in other for k, other in backing.items() if k != key)
                ]
        return claim
    supporting = {item.what for item in claim.evidence}
    for key, items in evidence.items():
        if key[0] != best_key[0] or (key[1] is not None and key[1] != level):
            for item in items:
                # A title that also names the chosen level (a management twin, say) is not a conflict.
                if item.what not in supporting and item.role is not None and item not in claim.conflicts:
                    claim.conflicts.append(item)
    return claim


def _level_by_seniority(role: Role, framework: Framework | None, title: str) -> str | None:
    groups = groups_in(title)
    for role_level in sorted(
        role.levels, key=lambda lv: framework.level(lv.level).position if framework and framework.level(lv.level) else 0
    ):
        level_groups = accepted_groups(framework, role, role_level.level) or set()
        if level_groups == groups:
            return role_level.level
    return None


def heading_range(document: Document, title: str | None = None) -> tuple[int, int]:
    """Where the advert's title (``index.first_heading``) is written."""
    from rolelint.profession.index import first_heading

    title = title or first_heading(document)
    if title:
        at = document.source.text.find(title, document.body_start or 0)
        if at >= 0:
            return at, at + len(title)
    return 0, 0


def _links(document: Document, index: ProfessionIndex, table: TitleTable) -> list[Evidence]:
    """DDaT role-page links in the advert, resolved to a role (by the page) and level (by the anchor)."""
    found = []
    for match in DDAT_LINK.finditer(document.source.text):
        page, anchor = match.group(1).lower(), (match.group(2) or "").lower()
        page_roles = index.find_roles(page)
        role = page_roles[0] if page_roles else None
        level = None
        what = f"the DDaT link '{match.group(0)}'"
        if anchor:
            anchored = _anchor_matches(anchor, index)
            same_role = [(r, lv) for r, lv in anchored if r is role]
            if same_role:
                role, level = same_role[0]
            elif anchored:
                # The anchor names a role level of another page: trust the anchor, which names the level
                # the advert is aligned to; the page is reported as a conflict.
                if role is not None:
                    found.append(
                        Evidence(
                            f"the page of the DDaT link '{match.group(0)}' (role `{role.id}`)",
                            match.start(),
                            match.end(),
                            role,
                            None,
                        )
                    )
                role, level = anchored[0]
        found.append(Evidence(what, match.start(), match.end(), role, level))
    return found


def _anchor_matches(anchor: str, index: ProfessionIndex) -> list[tuple[Role, str]]:
    wanted = anchor.replace("-", "")
    out = []
    for role in index.roles.values():
        framework = index.frameworks.get(role.framework)
        for role_level in role.levels:
            title = framework.effective_title(role_level) if framework else (role_level.title or "")
            if re.sub(r"[^a-z0-9]", "", title.lower()) == wanted:
                out.append((role, role_level.level))
    return out
