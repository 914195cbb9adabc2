"""Job titles: the seniority words in them, and which role levels of the index a title names."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from rolelint.profession.model import Framework, Role, RoleLevel
from rolelint.profession.text import normalise

# Seniority words, grouped where they mean the same step. Synonyms declared in a framework or role
# (e.g. "Principal product manager" as a synonym of the lead level) are honoured on top of this.
SENIORITY_GROUPS: dict[str, str] = {
    "trainee": "trainee",
    "apprentice": "trainee",
    "intern": "trainee",
    "junior": "junior",
    "associate": "associate",
    "graduate": "graduate",
    "senior": "senior",
    "staff": "staff",
    "lead": "lead",
    "principal": "principal",
    "head": "head",
    "chief": "head",
    "director": "head",
}
_SENIORITY = re.compile(r"\b(" + "|".join(SENIORITY_GROUPS) + r")\b", re.I)
_QUALIFIER = re.compile(r"\s*(\(.*?\)|\[.*?\]|\s[-–—|:,]\s.*|,.*)$")


@dataclass(frozen=True)
class SeniorityWord:
    word: str
    group: str
    start: int
    end: int


def seniority_words(title: str) -> list[SeniorityWord]:
    """Seniority words in a title, with offsets. "Senior Civil Service" names a grade, not a step."""
    found = []
    for match in _SENIORITY.finditer(title):
        if title[match.end() : match.end() + 14].lower().startswith(" civil service"):
            continue
        word = match.group(1).lower()
        found.append(SeniorityWord(word, SENIORITY_GROUPS[word], match.start(), match.end()))
    return found


def groups_in(title: str) -> set[str]:
    return {w.group for w in seniority_words(title)}


def core_title(title: str) -> str:
    """The title without a trailing qualifier: "Senior product manager (payments)" -> "senior product manager"."""
    stripped = _QUALIFIER.sub("", title.strip()) or title
    return normalise(stripped)


def without_seniority(title: str) -> str:
    return normalise(_SENIORITY.sub(" ", core_title(title)))


def level_titles(framework: Framework | None, role: Role, role_level: RoleLevel) -> list[str]:
    """Every title accepted for a role at a level: its own title and synonyms, then the framework
    level's title and synonyms (a bare framework level title such as "Senior" is a label, not a title)."""
    titles: list[str] = []
    if role_level.title:
        titles.append(role_level.title)
    titles.extend(role_level.synonyms)
    level = framework.level(role_level.level) if framework else None
    if level is not None:
        for title in (level.title, *level.synonyms):
            # "Senior" or "Practitioner" alone is a label of a shared ladder, not a job title.
            if len(without_seniority(title).split()) >= 2 or (title == level.title and len(title.split()) >= 2):
                titles.append(title)
    return titles


def accepted_groups(framework: Framework | None, role: Role | None, level_id: str) -> set[str] | None:
    """Seniority groups that the titles of a level use, or None when they use none."""
    titles: list[str] = [level_id.replace("-", " ")]
    level = framework.level(level_id) if framework else None
    if level is not None:
        titles += [level.title, *level.synonyms]
    role_level = role.level(level_id) if role else None
    if role_level is not None:
        titles += [t for t in (role_level.title, *role_level.synonyms) if t]
    groups: set[str] = set()
    for title in titles:
        groups |= groups_in(title)
    return groups


@dataclass(frozen=True)
class TitleMatch:
    role: Role
    level: str
    title: str  # the known title that matched
    how: str  # "exact" | "seniority"


class TitleTable:
    """Known titles of a set of roles -> the role levels they name."""

    def __init__(self, roles: list[Role], frameworks: dict[str, Framework]):
        self.exact: dict[str, list[tuple[Role, str, str]]] = {}
        self.roles = roles
        self.frameworks = frameworks
        for role in roles:
            framework = frameworks.get(role.framework)
            for role_level in role.levels:
                for title in level_titles(framework, role, role_level):
                    key = core_title(title)
                    bucket = self.exact.setdefault(key, [])
                    if not any(r is role and lv == role_level.level for r, lv, _ in bucket):
                        bucket.append((role, role_level.level, title))

    def lookup(self, title: str) -> list[TitleMatch]:
        """Role levels whose known titles match ``title``: exactly, or by role name plus seniority word."""
        key = core_title(title)
        if key in self.exact:
            return [TitleMatch(role, level, known, "exact") for role, level, known in self.exact[key]]
        return self._by_seniority(title)

    def _by_seniority(self, title: str) -> list[TitleMatch]:
        rest = without_seniority(title)
        if not rest:
            return []
        groups = groups_in(core_title(title))
        matches: list[TitleMatch] = []
        for role in self.roles:
            names = {without_seniority(role.title)}
            framework = self.frameworks.get(role.framework)
            for role_level in role.levels:
                names |= {without_seniority(t) for t in level_titles(framework, role, role_level)}
            if rest not in names:
                continue
            # Prefer the level whose titles carry exactly these seniority words, on the first track.
            candidates = []
            for role_level in role.levels:
                level_groups = accepted_groups(framework, role, role_level.level) or set()
                if level_groups == groups or (groups and groups <= level_groups):
                    level = framework.level(role_level.level) if framework else None
                    candidates.append((level.position if level else 0, role_level))
            if candidates:
                best = min(candidates, key=lambda c: c[0])[1]
                matches.append(
                    TitleMatch(
                        role,
                        best.level,
                        framework.effective_title(best) if framework else best.title or best.level,
                        "seniority",
                    )
                )
        return matches

    def closest(self, title: str, keys: list[str] | None = None) -> str | None:
        pool = keys if keys is not None else list(self.exact)
        hits = difflib.get_close_matches(core_title(title), pool, n=1, cutoff=0.6)
        return hits[0] if hits else None
