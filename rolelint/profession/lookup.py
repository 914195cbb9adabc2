"""What an editor or the page asks of the profession index: the values a repo defines (completion), the
places in other files a document is checked against (a finding's related locations), and the role
level an advert without metadata was read as."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rolelint.documents import Document, InferredRoleLevel
from rolelint.profession.claims import inferred_levels
from rolelint.profession.index import ProfessionIndex, with_documents
from rolelint.profession.model import Framework

WHAT = ("framework", "role", "level", "skill", "proficiency")


@dataclass(frozen=True)
class Value:
    """A value the repo defines: ``value`` as a file writes it, ``title`` its name in words, ``display``
    the file that defines it, ``framework`` the framework it belongs to."""

    value: str
    title: str
    display: str
    framework: str


def defined_values(
    index: ProfessionIndex, what: str, *, framework: str | None = None, role: str | None = None
) -> list[Value]:
    """The values of ``what`` (one of WHAT) the index defines, in the repo's own order: of the
    framework ``framework`` when given (else of every framework), and for ``level``, the levels of the
    role ``role`` when it is known (else the framework's)."""
    if what not in WHAT:
        raise ValueError(f"what must be one of {', '.join(WHAT)}, not {what!r}")
    frameworks = _frameworks(index, framework, role)
    out: list[Value] = []
    if what == "framework":
        out = [Value(f.id, f.name, f.display, f.id) for f in index.frameworks.values()]
    elif what == "role":
        for found in index.roles.values():
            if framework is None or found.framework == framework:
                out.append(Value(found.id, found.title, found.display, found.framework))
    elif what == "level":
        roles = [r for r in index.find_roles(role) if framework is None or r.framework == framework] if role else []
        if len(roles) == 1:
            own = roles[0]
            parent = index.frameworks.get(own.framework)
            for role_level in own.levels:
                title = parent.effective_title(role_level) if parent else role_level.title or role_level.level
                out.append(Value(role_level.level, title, own.display, own.framework))
        else:
            for f in frameworks:
                out += [Value(level.id, level.title, f.display, f.id) for level in f.levels]
    elif what == "skill":
        for f in frameworks:
            out += [Value(skill.id, skill.name, f.display, f.id) for skill in f.skills.values()]
    else:
        for f in frameworks:
            out += [
                Value(step, f"{step} ({rank + 1} of {len(f.scale)})", f.display, f.id)
                for rank, step in enumerate(f.scale)
            ]
    seen: set[str] = set()
    unique = []
    for item in out:  # one item a value: the first framework's, when several define it
        if item.value not in seen:
            seen.add(item.value)
            unique.append(item)
    return unique


def _frameworks(index: ProfessionIndex, framework: str | None, role: str | None) -> list[Framework]:
    if framework is not None:
        return [index.frameworks[framework]] if framework in index.frameworks else []
    if role is not None:
        owners = {r.framework for r in index.find_roles(role)}
        if len(owners) == 1 and next(iter(owners)) in index.frameworks:
            return [index.frameworks[next(iter(owners))]]
    return list(index.frameworks.values())


@dataclass(frozen=True)
class Place:
    """A field of a file in the repo: ``display`` (relative to the root), the field's path, and what it is."""

    display: str
    field: str
    message: str


# Findings about an advert that compare it with its framework level as well as its role level.
_FRAMEWORK_LEVEL = ("RL302", "RL306", "RL307")


def related_places(index: ProfessionIndex, document: Document, code: str) -> list[Place]:
    """The fields of other files (or of this one) that a finding of ``code`` on ``document`` was checked
    against: an advert's role level (and for pay, experience and titles its framework level), and the
    first definition of a duplicated id."""
    from rolelint.profession.context import CheckContext

    places: list[Place] = []
    if document.kind == "advert" and code.startswith("RL3"):
        ctx = CheckContext(with_documents(index, [document]))
        entry = ctx.index.entries.get(document.path)
        claim = ctx.claim(entry) if entry is not None else None
        if claim is not None and claim.role_level is not None:
            role, role_level = claim.role, claim.role_level
            title = claim.framework.effective_title(role_level) if claim.framework else role_level.level
            how = "names" if claim.source == "metadata" else "is taken to be for"
            places.append(
                Place(
                    role.display,
                    role_level.path,
                    f"the role level this advert {how}: {title} (`{role.id}` at `{role_level.level}`)",
                )
            )
            level = claim.framework.level(role_level.level) if claim.framework else None
            if level is not None and code in _FRAMEWORK_LEVEL:
                places.append(
                    Place(claim.framework.display, level.path, f"the framework's level `{level.id}` ({level.title})")
                )
    for duplicate in index.duplicates:
        if duplicate.display == document.path:
            places.append(
                Place(
                    duplicate.first_display,
                    duplicate.first_path,
                    f"the {duplicate.kind} `{duplicate.id}` is first defined here",
                )
            )
    return places


def inferred_role_levels(index: ProfessionIndex, document: Document) -> tuple[InferredRoleLevel, ...]:
    """The role levels the advert ``document`` is taken to be for when its metadata names none, inferred
    against ``index`` as the profession rules (RL316) infer them: the one it is read as, or each of those
    it fits equally; none for a document whose metadata names one, or in which nothing names one."""
    from rolelint.profession.context import CheckContext

    if document.kind != "advert":
        return ()
    ctx = CheckContext(with_documents(index, [document]))
    entry = ctx.index.entries.get(document.path)
    claim = ctx.claim(entry) if entry is not None else None
    return inferred_levels(claim, ctx.index.frameworks) if claim is not None else ()


def place_range(root: Path, display: str, field: str, *, options) -> tuple[int, int, int, int] | None:
    """1-based (line, column, end line, end column) of a field of the file ``display`` under ``root``,
    read from disk (None when the file cannot be read or parsed)."""
    path = Path(os.path.normpath(root / display))
    try:
        info = path.stat()
    except OSError:
        return None
    return _place_range(str(path), display, field, info.st_mtime_ns, info.st_size, options)


@lru_cache(maxsize=256)
def _place_range(
    path: str, display: str, field: str, mtime_ns: int, size: int, options
) -> tuple[int, int, int, int] | None:
    document = _parsed(path, display, mtime_ns, size, options)
    if document is None:
        return None
    start, end = document.field_range(field)
    line, column = document.source.position(start)
    end_line, end_column = document.source.position(max(start, end))
    return line, column, end_line, end_column


@lru_cache(maxsize=32)
def _parsed(path: str, display: str, mtime_ns: int, size: int, options) -> Document | None:
    """A repo file parsed with positions, while its modification time and size are unchanged."""
    from rolelint.loaders import load_file

    return load_file(Path(path), display, kind_hint=None, options=options).document
