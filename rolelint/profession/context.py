"""What a profession check sees: the index, resolved options, advert claims, and a way to place findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator, NamedTuple

from rolelint.diagnostics import Finding
from rolelint.documents import Document
from rolelint.profession.claims import Claim, RoleLevelClaim, resolve_claim
from rolelint.profession.index import IndexEntry, ProfessionIndex
from rolelint.profession.model import Framework, Role
from rolelint.profession.titles import TitleTable


class Report(NamedTuple):
    display: str
    finding: Finding


@dataclass
class CheckContext:
    index: ProfessionIndex
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> option name -> value
    _claims: dict[str, Claim | None] = field(default_factory=dict)

    def option(self, code: str, name: str) -> Any:
        return self.options[code][name]

    @cached_property
    def titles(self) -> TitleTable:
        derived = self.index.derived
        if "titles" not in derived:
            derived["titles"] = TitleTable(list(self.index.roles.values()), self.index.frameworks)
        return derived["titles"]

    def target_entries(self, kind: str) -> list[IndexEntry]:
        return [e for e in self.index.targets if e.kind == kind]

    def target_roles(self) -> Iterator[Role]:
        for entry in self.index.targets:
            if entry.kind in ("role", "framework"):
                yield from self.index.roles_in(entry.display)

    def claimed_role_levels(self) -> Iterator[tuple[IndexEntry, RoleLevelClaim]]:
        """The adverts given to the run whose claim names a role level the index defines."""
        for entry in self.target_entries("advert"):
            claim = self.claim(entry)
            resolved = claim.resolved() if claim is not None else None
            if resolved is not None:
                yield entry, resolved

    def target_frameworks(self) -> Iterator[Framework]:
        for framework in self.index.frameworks.values():
            if self.is_target(framework.display):
                yield framework

    def is_target(self, display: str) -> bool:
        entry = self.index.entries.get(display)
        return entry is not None and entry.document is not None

    def document(self, display: str) -> Document | None:
        entry = self.index.entries.get(display)
        return entry.document if entry else None

    def claim(self, entry: IndexEntry) -> Claim | None:
        if entry.display not in self._claims:
            self._claims[entry.display] = resolve_claim(entry, self.index, self.titles)
        return self._claims[entry.display]

    def framework_for(self, entry: IndexEntry) -> Framework | None:
        """The framework a document belongs to: its own, its role's, its advert's claim, or the only one."""
        if entry.kind == "framework":
            return self.index.frameworks.get(entry.data.get("id")) if isinstance(entry.data.get("id"), str) else None
        if entry.kind == "role":
            framework_id = entry.data.get("framework")
            return self.index.frameworks.get(framework_id) if isinstance(framework_id, str) else None
        claim = self.claim(entry)
        if claim is not None and claim.framework is not None:
            return claim.framework
        framework_id = entry.data.get("framework")
        if isinstance(framework_id, str):
            return self.index.frameworks.get(framework_id)
        if len(self.index.frameworks) == 1:
            return next(iter(self.index.frameworks.values()))
        return None

    def at_field(
        self,
        code: str,
        display: str,
        path: str,
        message: str,
        *,
        key: bool = False,
        suggestion: str | None = None,
        context: str | None = None,
    ) -> Report | None:
        document = self.document(display)
        if document is None:
            return None
        start, end = document.field_range(path, key=key)
        return Report(
            display, Finding(code, message, start, end, suggestion=suggestion, field=path or None, context=context)
        )

    def at_offsets(
        self,
        code: str,
        display: str,
        start: int,
        end: int,
        message: str,
        *,
        suggestion: str | None = None,
        section: str | None = None,
        context: str | None = None,
    ) -> Report | None:
        if self.document(display) is None:
            return None
        return Report(
            display, Finding(code, message, start, end, suggestion=suggestion, section=section, context=context)
        )
