"""Typed, read-only views of frameworks, roles and adverts, built from plain document data.

Index documents that were not given to the run are not schema-validated, so every accessor here
tolerates missing keys and wrong types: a malformed file yields fewer facts, never a crash.
Each view remembers the field path of what it holds, so a finding can be placed on the exact value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_SCALE = ("awareness", "working", "practitioner", "expert")


@dataclass(frozen=True)
class Band:
    """A salary band or an experience range; either end may be open."""

    low: float | None
    high: float | None
    unit: str = ""  # "GBP/year" for salary, "years" for experience

    def describe(self) -> str:
        money = self.unit != "years"
        fmt = (lambda v: f"{v:,.0f}") if money else (lambda v: f"{v:g}")
        unit = f" {self.unit}" if self.unit else ""
        if self.low is not None and self.low == self.high:
            return f"{fmt(self.low)}{unit}"
        if self.low is not None and self.high is not None:
            return f"{fmt(self.low)}-{fmt(self.high)}{unit}"
        if self.low is not None:
            return f"{fmt(self.low)}+{unit}"
        return f"up to {fmt(self.high)}{unit}"


@dataclass(frozen=True)
class LevelDef:
    id: str
    title: str
    track: str
    position: int  # index in the framework's list
    rank: int  # order within its track, 0 = most junior
    synonyms: tuple[str, ...]
    salary: Band | None
    experience: Band | None
    path: str  # "levels[2]"
    skippable: bool = False  # a role's pathway may leave it out (RL311)


@dataclass(frozen=True)
class SkillDef:
    id: str
    name: str
    synonyms: tuple[str, ...]
    description: str
    path: str


@dataclass(frozen=True)
class Term:
    preferred: str
    avoid: tuple[str, ...]
    reason: str
    path: str


@dataclass(frozen=True)
class RoleLevel:
    level: str
    title: str | None
    synonyms: tuple[str, ...]
    description: str
    responsibilities: tuple[str, ...]
    skills: dict[str, Any]  # skill id -> proficiency (None when unstated)
    salary: Band | None
    experience: Band | None
    path: str  # "levels[1]" or "roles[0].levels[1]"


@dataclass
class Role:
    id: str
    title: str
    framework: str
    family: str | None
    description: str
    responsibilities: tuple[str, ...]
    levels: list[RoleLevel]
    display: str  # the file it is defined in
    path: str  # "" for a role file, "roles[3]" for a role inline in a framework

    @property
    def key(self) -> tuple[str, str]:
        return (self.framework, self.id)

    def level(self, level_id: str) -> RoleLevel | None:
        return next((lv for lv in self.levels if lv.level == level_id), None)

    def field(self, suffix: str) -> str:
        return f"{self.path}.{suffix}" if self.path else suffix


@dataclass
class Framework:
    id: str
    name: str
    scale: tuple[str, ...]
    levels: list[LevelDef]
    skills: dict[str, SkillDef]
    terms: list[Term]
    families: set[str]
    display: str
    duplicate_levels: list[tuple[str, str]] = field(default_factory=list)  # (level id, path)
    duplicate_skills: list[tuple[str, str]] = field(default_factory=list)
    vocabulary: tuple = ()  # rolelint.profession.vocabulary.VocabularyEntry: the framework's own entries

    def level(self, level_id: str) -> LevelDef | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)

    def proficiency_rank(self, proficiency: Any) -> int | None:
        if isinstance(proficiency, str) and proficiency in self.scale:
            return self.scale.index(proficiency)
        return None

    def salary_of(self, role_level: RoleLevel) -> Band | None:
        """The pay band of a role level: its own, else its framework level's."""
        level = self.level(role_level.level)
        return role_level.salary or (level.salary if level else None)

    def experience_of(self, role_level: RoleLevel) -> Band | None:
        """The experience range of a role level: its own, else its framework level's."""
        level = self.level(role_level.level)
        return role_level.experience or (level.experience if level else None)

    def effective_title(self, role_level: RoleLevel) -> str:
        if role_level.title:
            return role_level.title
        level = self.level(role_level.level)
        return level.title if level else role_level.level


@dataclass(frozen=True)
class Advert:
    display: str
    title: str | None
    framework: str | None
    role: str | None
    level: str | None
    salary: Band | None
    experience: Band | None
    skills: dict[str, Any]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


def _slug(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _band(value: Any, low_key: str, high_key: str, unit: str) -> Band | None:
    if not isinstance(value, dict):
        return None
    low, high = _number(value.get(low_key)), _number(value.get(high_key))
    if low is None and high is None:
        return None
    return Band(low, high, unit)


def salary_band(value: Any) -> Band | None:
    if not isinstance(value, dict):
        return None
    currency = value.get("currency") if isinstance(value.get("currency"), str) else ""
    period = value.get("period") if isinstance(value.get("period"), str) else "year"
    return _band(value, "min", "max", f"{currency}/{period}" if currency else f"/{period}")


def experience_band(value: Any) -> Band | None:
    return _band(value, "min_years", "max_years", "years")


def _skills(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items()}


def framework_from(data: dict, display: str) -> Framework | None:
    fid = _slug(data.get("id"))
    if fid is None:
        return None
    scale = tuple(s for s in data.get("scale") or () if isinstance(s, str)) or DEFAULT_SCALE
    levels: list[LevelDef] = []
    seen: set[str] = set()
    duplicates: list[tuple[str, str]] = []
    track_counts: dict[str, int] = {}
    raw_levels = data.get("levels") if isinstance(data.get("levels"), list) else []
    for i, raw in enumerate(raw_levels):
        if not isinstance(raw, dict) or not _slug(raw.get("id")):
            continue
        level_id = raw["id"]
        if level_id in seen:
            duplicates.append((level_id, f"levels[{i}].id"))
            continue
        seen.add(level_id)
        track = _slug(raw.get("track")) or "default"
        rank = track_counts.get(track, 0)
        track_counts[track] = rank + 1
        levels.append(
            LevelDef(
                level_id,
                _text(raw.get("title")) or level_id,
                track,
                i,
                rank,
                _texts(raw.get("synonyms")),
                salary_band(raw.get("salary")),
                experience_band(raw.get("experience")),
                f"levels[{i}]",
                raw.get("skippable") is True,
            )
        )
    skills: dict[str, SkillDef] = {}
    duplicate_skills: list[tuple[str, str]] = []
    raw_skills = data.get("skills") if isinstance(data.get("skills"), list) else []
    for i, raw in enumerate(raw_skills):
        if not isinstance(raw, dict) or not _slug(raw.get("id")):
            continue
        if raw["id"] in skills:
            duplicate_skills.append((raw["id"], f"skills[{i}].id"))
            continue
        skills[raw["id"]] = SkillDef(
            raw["id"],
            _text(raw.get("name")) or raw["id"],
            _texts(raw.get("synonyms")),
            _text(raw.get("description")),
            f"skills[{i}]",
        )
    terms = []
    raw_terms = data.get("terminology") if isinstance(data.get("terminology"), list) else []
    for i, raw in enumerate(raw_terms):
        if isinstance(raw, dict) and _text(raw.get("preferred")):
            avoid = raw.get("avoid")
            avoid_list = _texts(avoid) if isinstance(avoid, list) else (_text(avoid),) if _text(avoid) else ()
            terms.append(Term(_text(raw["preferred"]), avoid_list, _text(raw.get("reason")), f"terminology[{i}]"))
    families = {raw["id"] for raw in data.get("families") or () if isinstance(raw, dict) and _slug(raw.get("id"))}
    from rolelint.profession.vocabulary import entries_from

    return Framework(
        fid,
        _text(data.get("name")) or fid,
        scale,
        levels,
        skills,
        terms,
        families,
        display,
        duplicates,
        duplicate_skills,
        entries_from(data.get("vocabulary")),
    )


def role_from(data: dict, display: str, *, path: str = "", framework: str | None = None) -> Role | None:
    rid = _slug(data.get("id"))
    fid = _slug(data.get("framework")) or framework
    if rid is None or fid is None:
        return None
    prefix = f"{path}." if path else ""
    levels = []
    raw_levels = data.get("levels") if isinstance(data.get("levels"), list) else []
    for i, raw in enumerate(raw_levels):
        if not isinstance(raw, dict) or not _slug(raw.get("level")):
            continue
        levels.append(
            RoleLevel(
                raw["level"],
                _text(raw.get("title")) or None,
                _texts(raw.get("synonyms")),
                _text(raw.get("description")),
                _texts(raw.get("responsibilities")),
                _skills(raw.get("skills")),
                salary_band(raw.get("salary")),
                experience_band(raw.get("experience")),
                f"{prefix}levels[{i}]",
            )
        )
    return Role(
        rid,
        _text(data.get("title")) or rid,
        fid,
        _slug(data.get("family")),
        _text(data.get("description")),
        _texts(data.get("responsibilities")),
        levels,
        display,
        path,
    )


def inline_roles(data: dict, display: str) -> list[Role]:
    fid = _slug(data.get("id"))
    raw_roles = data.get("roles") if isinstance(data.get("roles"), list) else []
    roles = []
    for i, raw in enumerate(raw_roles):
        if isinstance(raw, dict):
            role = role_from(raw, display, path=f"roles[{i}]", framework=fid)
            if role is not None:
                roles.append(role)
    return roles


def advert_from(data: dict, display: str, *, title: str | None = None) -> Advert:
    return Advert(
        display,
        _text(data.get("title")) or title,
        _slug(data.get("framework")),
        _slug(data.get("role")),
        _slug(data.get("level")),
        salary_band(data.get("salary")),
        experience_band(data.get("experience")),
        _skills(data.get("skills")),
    )
