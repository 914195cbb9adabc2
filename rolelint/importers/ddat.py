"""Convert the UK government DDaT capability framework's CSV export into rolelint YAML files.

The export (``roles.csv``: one row per role level and skill; ``skills.csv``: one row per skill with a
descriptor per proficiency) carries no order of role levels. We derive one from the titles
(``place_title``), resolve the few titles that do not say their rank, and report every placement we
are not sure of, so that a person can check it.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

FRAMEWORK_ID = "ddat"
FRAMEWORK_NAME = "Government Digital and Data Profession Capability Framework"
FRAMEWORK_DESCRIPTION = (
    "The UK government's Digital and Data (DDaT) profession capability framework: role families, "
    "roles, role levels and skills, imported from its official CSV export. The level ladder is "
    "rolelint's own: the export does not order role levels, so they were ranked from their titles."
)
HEADER = """\
# {what} -- imported by `rolelint import ddat` from the official CSV export of the
# Government Digital and Data Profession Capability Framework (https://ddat-capability-framework.service.gov.uk/).
# Contains public sector information licensed under the Open Government Licence v3.0
# (https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/). Wording unchanged.
# Level ids and their order are rolelint's, derived from the role-level titles.
"""

SCALE = ("awareness", "working", "practitioner", "expert")
ROLE_INTRO = "In this role, you will:"
LEVEL_INTRO = "At this role level, you will:"
NOT_IN_USE = "NOT IN USE"  # the export's marker for Senior Civil Service roles, which have no levels
MISSING = "MISSING"  # the export's marker for a skill with no description (roles.csv only)
SCS_ROLE_TYPE = "Senior Civil Service"

ROLE_COLUMNS = (
    "Role Family",
    "Role",
    "Role Description",
    "Role Level",
    "Role Level Description",
    "Skill Name",
    "Skill Description",
    "Skill Level",
    "Skill Level Description",
    "Role Type",
)
SKILL_COLUMNS = ("Skill Name", "Skill Description", "Awareness", "Working", "Practitioner", "Expert")

INDIVIDUAL = "individual"
MANAGEMENT = "management"
SENIOR_CIVIL_SERVICE = "senior-civil-service"


class LadderLevel(NamedTuple):
    id: str
    title: str
    track: str
    description: str


# Junior sits above associate: in all five DDaT roles that have both (content, graphic, interaction
# and service designer, user researcher) the associate level asks for lower proficiencies.
LADDER = (
    LadderLevel("trainee", "Trainee", INDIVIDUAL, "Trainee and apprentice titles."),
    LadderLevel(
        "associate",
        "Associate",
        INDIVIDUAL,
        "Associate titles; analyst titles two steps below their role's manager title.",
    ),
    LadderLevel("junior", "Junior", INDIVIDUAL, "Junior titles; above associate where a role has both."),
    LadderLevel("practitioner", "Practitioner", INDIVIDUAL, "The role's own title, with no seniority word."),
    LadderLevel("senior", "Senior", INDIVIDUAL, "Senior titles."),
    LadderLevel("lead", "Lead", INDIVIDUAL, "Lead titles."),
    LadderLevel("principal", "Principal", INDIVIDUAL, "Principal titles."),
    LadderLevel("head", "Head", INDIVIDUAL, "Head of a profession; also chief titles of a role's own pathway."),
    LadderLevel(
        "senior-management",
        "Senior (management)",
        MANAGEMENT,
        "The management variant of a senior title (titles ending '- management').",
    ),
    LadderLevel("lead-management", "Lead (management)", MANAGEMENT, "The management variant of a lead title."),
    LadderLevel(
        "principal-management", "Principal (management)", MANAGEMENT, "The management variant of a principal title."
    ),
    LadderLevel(
        "scs",
        "Senior Civil Service",
        SENIOR_CIVIL_SERVICE,
        "Senior Civil Service roles; the export defines no role levels for them.",
    ),
)
LADDER_RANK = {level.id: rank for rank, level in enumerate(LADDER)}
LADDER_TRACK = {level.id: level.track for level in LADDER}
INDIVIDUAL_STEPS = tuple(level.id for level in LADDER if level.track == INDIVIDUAL)
MANAGEMENT_STEPS = ("senior", "lead", "principal")

_SENIORITY_WORDS = {
    "trainee": "trainee",
    "apprentice": "trainee",
    "associate": "associate",
    "junior": "junior",
    "senior": "senior",
    "lead": "lead",
    "principal": "principal",
}
_MANAGEMENT_SUFFIX = re.compile(r"\s+-\s+management$")
# An analyst title in a "... manager" role sits this many steps below the same title for a manager.
_ANALYST_OFFSET = 2


class NotAnExport(ValueError):
    """An input the importer cannot read as the DDaT export: the command line's exit 2, not a bug."""


@dataclass
class ImportReport:
    files: list[Path]
    families: int
    roles: int
    role_levels: int
    skills: int
    ambiguities: list[str] = field(default_factory=list)


class Placement(NamedTuple):
    """Where a title sits on the ladder, and why that is uncertain (None when the title says it)."""

    level: str
    track: str
    doubt: str | None


# ---------------------------------------------------------------------------------------------
# Titles -> ladder


def place_title(title: str, role: str) -> Placement:
    """Place a role-level title of ``role`` on the ladder from its seniority words."""
    text = " ".join(title.lower().split())
    management = bool(_MANAGEMENT_SUFFIX.search(text))
    text = _MANAGEMENT_SUFFIX.sub("", text)
    step, doubt = _individual_step(text, role)
    if not management:
        return Placement(step, INDIVIDUAL, doubt)
    if step in MANAGEMENT_STEPS:
        return Placement(f"{step}-management", MANAGEMENT, doubt)
    return Placement(step, INDIVIDUAL, f"a '- management' title at '{step}', where there is no management level")


def _individual_step(text: str, role: str) -> tuple[str, str | None]:
    words = text.split()
    if not words:
        return "practitioner", "an empty title"
    if text.startswith("head of "):
        return "head", None
    if words[0] == "chief":
        return "head", "a 'chief' title: put at the top of the individual ladder, beside 'Head of'"
    if words[0] in _SENIORITY_WORDS:
        step = _SENIORITY_WORDS[words[0]]
        if _is_analyst_in_manager_role(words, role):
            return _analyst_step(step), _ANALYST_DOUBT
        return step, None
    if len(words) > 1 and words[-1] == "lead":
        return "lead", "'lead' ends the title instead of starting it"
    if _is_analyst_in_manager_role(words, role):
        return _analyst_step("practitioner"), _ANALYST_DOUBT
    if _names_role(words, role):
        return "practitioner", None
    return "practitioner", "no seniority word, and not the role's own name: put at 'practitioner'"


_ANALYST_DOUBT = "an analyst title in a manager role: put two steps below the same title for a manager"


def _is_analyst_in_manager_role(words: list[str], role: str) -> bool:
    role_words = role.lower().split()
    return words[-1] == "analyst" and bool(role_words) and role_words[-1] == "manager"


def _analyst_step(step: str) -> str:
    rank = max(0, INDIVIDUAL_STEPS.index(step) - _ANALYST_OFFSET)
    return INDIVIDUAL_STEPS[rank]


def _names_role(words: list[str], role: str) -> bool:
    """Is the title the role's own name, or its tail ("Developer" for "Software developer")?"""
    return any(
        len(words) <= len(variant) and variant[len(variant) - len(words) :] == words
        for variant in _role_name_variants(role)
    )


def _role_name_variants(role: str) -> list[list[str]]:
    """'Development operations (DevOps) engineer' is also 'DevOps engineer'."""
    text = " ".join(role.lower().split())
    variants = [re.sub(r"[()]", "", text).split(), re.sub(r"\s*\([^)]*\)", "", text).split()]
    short = re.match(r"^.*?\(([^)]*)\)(.*)$", text)
    if short:
        variants.append((short.group(1) + short.group(2)).split())
    return variants


# ---------------------------------------------------------------------------------------------
# Descriptions -> description + responsibilities


class SplitText(NamedTuple):
    description: str
    responsibilities: list[str]
    irregular: str | None  # _MOVED_TAIL or _RESPACED when render_text() differs from the source


def split_text(text: str, intro: str) -> SplitText:
    """Split a DDaT description into its prose and the bullet list that follows ``intro``.

    The prose keeps its wording and line breaks; only the intro line and the blank lines around it
    are dropped, since ``render_text`` puts them back.
    """
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.startswith("- ")), None)
    if first is None:
        prose = "\n".join(_trim(line) for line in lines)
        return SplitText(prose, [], None if prose == text else _RESPACED)
    end = first
    while end < len(lines) and lines[end].startswith("- "):
        end += 1
    bullets = [_trim(line[2:]) for line in lines[first:end]]
    before = lines[:first]
    if before and " ".join(before[-1].split()) == intro:
        before = before[:-1]
    while before and not before[-1].strip():
        before.pop()
    after = lines[end:]
    while after and not after[0].strip():
        after.pop(0)
    description = "\n".join(_trim(line) for line in before)
    tail = "\n".join(_trim(line) for line in after)
    if tail:
        description = f"{description}\n\n{tail}" if description else tail
    irregular = None
    if render_text(description, bullets, intro) != text:
        irregular = _MOVED_TAIL if tail else _RESPACED
    return SplitText(description, bullets, irregular)


_MOVED_TAIL = "moved-tail"
_RESPACED = "respaced"


def _trim(line: str) -> str:
    """Drop trailing spaces and stray Unicode line separators (U+2028), which are not wording."""
    return line.rstrip(" \t\u2028\u2029")


def render_text(description: str, responsibilities: list[str], intro: str) -> str:
    """The DDaT text that a description and its responsibilities stand for."""
    if not responsibilities:
        return description
    bullets = "\n".join(f"- {item}" for item in responsibilities)
    if description.endswith(":"):  # its own intro, e.g. "Business analysts help teams to:"
        return f"{description}\n{bullets}"
    if not description:
        return f"{intro}\n{bullets}"
    return f"{description}\n\n{intro}\n{bullets}"


# ---------------------------------------------------------------------------------------------
# Reading the CSV export


@dataclass
class _Notes:
    """What the import could not place with confidence, for ImportReport.ambiguities."""

    lines: list[str] = field(default_factory=list)
    moved_tail: list[str] = field(default_factory=list)
    respaced: list[str] = field(default_factory=list)
    associate_and_junior: list[str] = field(default_factory=list)
    without_levels: list[str] = field(default_factory=list)

    def append(self, line: str) -> None:
        self.lines.append(line)

    def text(self, text: SplitText, label: str) -> None:
        if text.irregular == _MOVED_TAIL:
            self.moved_tail.append(label)
        elif text.irregular == _RESPACED:
            self.respaced.append(label)

    def finish(self) -> list[str]:
        lines = list(self.lines)
        if self.without_levels:
            lines.append(
                f"roles with no levels in the export (role level, its description and every skill "
                f"level are '{NOT_IN_USE}'): each has one level titled with the role's name and its "
                "skills with no proficiency (null), as the export gives none: " + "; ".join(self.without_levels)
            )
        if self.associate_and_junior:
            lines.append(
                "roles with both an associate and a junior title (put in one step by the usual "
                "'junior/associate' reading): 'associate' was ranked below 'junior' framework-wide, "
                "because in each of them the associate level asks for lower proficiencies: "
                + "; ".join(self.associate_and_junior)
            )
        if self.moved_tail:
            lines.append(
                "descriptions with a paragraph after their bullet list: the paragraph ends the "
                "`description`, wording unchanged: " + "; ".join(self.moved_tail)
            )
        if self.respaced:
            lines.append(
                "descriptions with irregular spacing (U+2028 line separators, trailing spaces, "
                "a missing blank line or a leading space before the bullet list's intro line), "
                "normalised: " + "; ".join(self.respaced)
            )
        return lines


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class _Level:
    title: str
    description: str
    role_type: str
    skills: dict[str, str] = field(default_factory=dict)  # skill name -> skill level as written


@dataclass
class _Role:
    family: str
    name: str
    description: str
    levels: dict[str, _Level] = field(default_factory=dict)  # by title, in CSV order


@dataclass
class _Skill:
    name: str
    description: str
    proficiencies: dict[str, str]  # scale step -> descriptor


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            found = reader.fieldnames or []
            missing = [column for column in columns if column not in found]
            if missing:
                has = f"its header is {', '.join(found)}" if found else "it has no header row"
                raise NotAnExport(f"{path}: not a DDaT export; missing column(s) {', '.join(missing)} ({has})")
            return list(reader)
    except UnicodeDecodeError as exc:
        raise NotAnExport(f"{path}: not a DDaT export; not UTF-8 text (byte {exc.start})") from None
    except csv.Error as exc:
        raise NotAnExport(f"{path}: not a DDaT export; not a CSV file ({exc})") from None


def _read_roles(rows: list[dict[str, str]], notes: _Notes) -> dict[tuple[str, str], _Role]:
    roles: dict[tuple[str, str], _Role] = {}
    seen: set[tuple[str, ...]] = set()
    duplicates = 0
    for row in rows:
        key = tuple(row[column] for column in ROLE_COLUMNS)
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        role = roles.setdefault(
            (row["Role Family"], row["Role"]),
            _Role(row["Role Family"], row["Role"], row["Role Description"]),
        )
        if row["Role Description"] != role.description:
            notes.append(f"{role.name}: rows disagree on the role description; kept the first")
        level = role.levels.setdefault(
            row["Role Level"],
            _Level(row["Role Level"], row["Role Level Description"], row["Role Type"]),
        )
        if row["Role Level Description"] != level.description or row["Role Type"] != level.role_type:
            notes.append(
                f"{role.name} / {level.title}: rows disagree on the level's description or role type; kept the first"
            )
        known = level.skills.get(row["Skill Name"])
        if known is not None and known != row["Skill Level"]:
            notes.append(
                f"{role.name} / {level.title}: skill '{row['Skill Name']}' is given at both "
                f"{known} and {row['Skill Level']}; kept {known}"
            )
            continue
        level.skills[row["Skill Name"]] = row["Skill Level"]
    if duplicates:
        notes.append(
            f"roles.csv repeats {duplicates} row(s) word for word (e.g. Data analyst's "
            "'Managing a data project'); each was imported once"
        )
    return roles


def _read_skills(skill_rows: list[dict[str, str]], role_rows: list[dict[str, str]], notes: _Notes) -> dict[str, _Skill]:
    skills: dict[str, _Skill] = {}
    for row in skill_rows:
        proficiencies = {step: row[step.capitalize()] for step in SCALE if row[step.capitalize()]}
        skills[row["Skill Name"]] = _Skill(row["Skill Name"], row["Skill Description"], proficiencies)
    missing_marked: set[str] = set()
    for row in role_rows:
        name, description = row["Skill Name"], row["Skill Description"]
        skill = skills.get(name)
        if skill is None:
            skill = skills[name] = _Skill(name, "" if description == MISSING else description, {})
            notes.append(f"skill '{name}' is used in roles.csv but absent from skills.csv; built from roles.csv")
        if description == MISSING and not skill.description:
            missing_marked.add(name)
        elif description != skill.description:
            notes.append(f"skill '{name}': roles.csv and skills.csv disagree on its description; kept skills.csv's")
        step = row["Skill Level"].lower()
        descriptor = row["Skill Level Description"]
        if step in SCALE and skill.proficiencies.get(step, descriptor) != descriptor:
            notes.append(
                f"skill '{name}' at {step}: roles.csv and skills.csv disagree on the descriptor; kept skills.csv's"
            )
        elif step in SCALE:
            skill.proficiencies.setdefault(step, descriptor)
    if missing_marked:
        notes.append(
            f"{len(missing_marked)} skill(s) have no description (skills.csv leaves it empty, "
            f"roles.csv says '{MISSING}'), so none is written: " + ", ".join(sorted(missing_marked))
        )
    return skills


def _check_required_by(skill_rows: list[dict[str, str]], roles: dict[tuple[str, str], _Role], notes: _Notes) -> None:
    """skills.csv's 'Roles that require Skill' is an index of roles.csv; say where it disagrees."""
    required: dict[str, set[str]] = defaultdict(set)
    for role in roles.values():
        for level in role.levels.values():
            for skill in level.skills:
                required[skill].add(role.name)
    column = "Roles that require Skill"
    disagree = [
        row["Skill Name"]
        for row in skill_rows
        if column in row
        and {name.strip() for name in row[column].split(",") if name.strip()} != required[row["Skill Name"]]
    ]
    if disagree:
        notes.append(
            f"skills.csv's '{column}' disagrees with roles.csv for {len(disagree)} skill(s); "
            "role files follow roles.csv: " + ", ".join(disagree)
        )


# ---------------------------------------------------------------------------------------------
# Ordering a role's levels


def _mean_proficiency(skills: dict[str, str], names: set[str] | None = None) -> float | None:
    values = [
        SCALE.index(level.lower()) + 1
        for name, level in skills.items()
        if level.lower() in SCALE and (names is None or name in names)
    ]
    return sum(values) / len(values) if values else None


def _place_levels(role: _Role, notes: _Notes) -> list[tuple[str, _Level]]:
    """The role's levels with their ladder ids, junior first."""
    placed: list[tuple[str, _Level]] = []
    for level in role.levels.values():
        if level.role_type == SCS_ROLE_TYPE:
            placed.append(("scs", level))
            continue
        placement = place_title(level.title, role.name)
        if placement.doubt:
            notes.append(f"{role.name} / {level.title.strip()}: {placement.doubt} -> '{placement.level}'")
        placed.append((placement.level, level))
    placed = _separate_same_step(role, placed, notes)
    placed.sort(key=lambda item: LADDER_RANK[item[0]])
    by_step = {
        step: level for step, level in placed if level.title.lower().split()[:1] == [step]
    }  # said by the title itself
    if "associate" in by_step and "junior" in by_step:
        associate = _mean_proficiency(by_step["associate"].skills) or 0.0
        junior = _mean_proficiency(by_step["junior"].skills) or 0.0
        notes.associate_and_junior.append(
            f"{role.name} (mean {associate:.2f} {'<' if associate < junior else '>='} {junior:.2f})"
        )
    _note_proficiency_inversions(role, placed, notes)
    return placed


def _separate_same_step(role: _Role, placed: list[tuple[str, _Level]], notes: _Notes) -> list[tuple[str, _Level]]:
    """Levels of one role on one step: rank them by mean skill proficiency, then spread them.

    The one asking most moves up a step, else the one asking least moves down, while a free step
    is next to them; the note says which moved.
    """

    def evidence(level: _Level) -> float:
        mean = _mean_proficiency(level.skills)
        return -1.0 if mean is None else mean

    result = list(placed)
    stuck: set[str] = set()
    while True:
        by_step: dict[str, list[int]] = defaultdict(list)
        for index, (step, _) in enumerate(result):
            by_step[step].append(index)
        crowded = sorted(
            (step for step, indexes in by_step.items() if len(indexes) > 1 and step not in stuck),
            key=LADDER_RANK.__getitem__,
        )
        if not crowded:
            return result
        step = crowded[0]
        group = sorted(by_step[step], key=lambda i: (evidence(result[i][1]), result[i][1].title))
        steps = [item.id for item in LADDER if item.track == LADDER_TRACK[step]]
        position = steps.index(step)
        titles = " and ".join(f"'{result[i][1].title}' ({evidence(result[i][1]):.2f})" for i in group)
        titles += " both" if len(group) == 2 else " all"
        if position + 1 < len(steps) and steps[position + 1] not in by_step:
            moved, new_step = group[-1], steps[position + 1]
        elif position > 0 and steps[position - 1] not in by_step:
            moved, new_step = group[0], steps[position - 1]
        else:
            stuck.add(step)
            notes.append(f"{role.name}: {titles} map to '{step}' and no step next to it is free; left together")
            continue
        notes.append(
            f"{role.name}: {titles} map to '{step}'; ranked by mean skill "
            f"proficiency, '{result[moved][1].title}' -> '{new_step}'"
        )
        result[moved] = (new_step, result[moved][1])


def _note_proficiency_inversions(role: _Role, placed: list[tuple[str, _Level]], notes: _Notes) -> None:
    for (step_a, lower), (step_b, higher) in zip(placed, placed[1:]):
        if LADDER_TRACK[step_a] != LADDER_TRACK[step_b]:
            continue
        shared = set(lower.skills) & set(higher.skills)
        mean_lower = _mean_proficiency(lower.skills, shared)
        mean_higher = _mean_proficiency(higher.skills, shared)
        if mean_lower is not None and mean_higher is not None and mean_higher < mean_lower:
            notes.append(
                f"{role.name}: the titles rank '{lower.title}' below '{higher.title}', but its mean "
                f"proficiency over their shared skills is higher ({mean_lower:.2f} > "
                f"{mean_higher:.2f}); kept the title order"
            )


# ---------------------------------------------------------------------------------------------
# Building the documents


def _framework_document(families: list[str], skills: dict[str, _Skill], skill_ids: dict[str, str]) -> dict:
    return {
        "kind": "framework",
        "id": FRAMEWORK_ID,
        "name": FRAMEWORK_NAME,
        "description": FRAMEWORK_DESCRIPTION,
        "scale": list(SCALE),
        "levels": [_ladder_entry(level) for level in LADDER],
        "families": [{"id": slugify(name), "name": name} for name in families],
        "skills": [_skill_entry(skill_ids[name], skill) for name, skill in skills.items()],
    }


def _ladder_entry(level: LadderLevel) -> dict:
    entry: dict = {"id": level.id, "title": level.title, "track": level.track}
    if level.track == SENIOR_CIVIL_SERVICE:
        entry["senior_civil_service"] = True
    # DDaT defines each role's pathway by its own role levels; the ladder only ranks their titles.
    # A role with no level at a step (no "Senior business architect") has skipped nothing.
    entry["skippable"] = True
    entry["description"] = level.description
    return entry


def _skill_entry(skill_id: str, skill: _Skill) -> dict:
    entry: dict = {"id": skill_id, "name": skill.name}
    if skill.description:
        entry["description"] = skill.description
    if skill.proficiencies:
        entry["proficiencies"] = {step: skill.proficiencies[step] for step in SCALE if step in skill.proficiencies}
    return entry


def _role_document(role: _Role, skill_ids: dict[str, str], notes: _Notes) -> dict:
    document: dict = {
        "kind": "role",
        "id": slugify(role.name),
        "title": role.name,
        "framework": FRAMEWORK_ID,
        "family": slugify(role.family),
    }
    role_types = {level.role_type for level in role.levels.values()}
    if len(role_types) == 1 and "" not in role_types:
        document["type"] = role_types.pop()
    text = split_text(role.description, ROLE_INTRO)
    notes.text(text, f"{role.name} (role)")
    _put_text(document, text)
    document["levels"] = [
        _level_entry(role, step, level, skill_ids, notes) for step, level in _place_levels(role, notes)
    ]
    return document


def _level_entry(role: _Role, step: str, level: _Level, skill_ids: dict[str, str], notes: _Notes) -> dict:
    entry: dict = {"level": step}
    if level.title == NOT_IN_USE:
        entry["title"] = role.name
        notes.without_levels.append(f"{role.name} ({level.role_type or 'no role type'}) -> '{step}'")
    else:
        entry["title"] = level.title
        if level.title != " ".join(level.title.split()):
            notes.append(f"{role.name} / {level.title!r}: stray spaces in the title, kept as written")
    if level.role_type == SCS_ROLE_TYPE:
        entry["senior_civil_service"] = True
    if level.description != NOT_IN_USE:
        text = split_text(level.description, LEVEL_INTRO)
        notes.text(text, f"{role.name} / {level.title.strip()}")
        _put_text(entry, text)
    skills: dict[str, str | None] = {}
    for name, proficiency in level.skills.items():
        step_name = proficiency.lower()
        if step_name in SCALE:
            skills[skill_ids[name]] = step_name
        elif proficiency == NOT_IN_USE:
            skills[skill_ids[name]] = None
        else:
            skills[skill_ids[name]] = slugify(proficiency)
            notes.append(
                f"{role.name} / {level.title}: skill '{name}' at unknown level "
                f"'{proficiency}', kept as '{slugify(proficiency)}'"
            )
    entry["skills"] = skills
    return entry


def _put_text(target: dict, text: SplitText) -> None:
    if text.description:
        target["description"] = text.description
    if text.responsibilities:
        target["responsibilities"] = text.responsibilities


def _skill_ids(skills: dict[str, _Skill], notes: _Notes) -> dict[str, str]:
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for name in skills:
        base = slugify(name) or "skill"
        skill_id, counter = base, 2
        while skill_id in taken:
            skill_id, counter = f"{base}-{counter}", counter + 1
        if skill_id != base:
            notes.append(f"skill '{name}' would share the id '{base}'; it is '{skill_id}'")
        taken.add(skill_id)
        ids[name] = skill_id
    return ids


# ---------------------------------------------------------------------------------------------
# Writing YAML


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None
    if any(ch in value for ch in "\u2028\u2029\x85"):
        style = '"'  # escaped, so that no editor or line counter sees a hidden line break
    elif "\n" in value:
        style = "|"  # PyYAML falls back to quoting when a literal block cannot hold the value
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(document: dict, *, what: str) -> str:
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return HEADER.format(what=what) + body


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


# ---------------------------------------------------------------------------------------------


def import_ddat(roles_csv: Path, skills_csv: Path, out_dir: Path) -> ImportReport:
    """Write ``frameworks/ddat.yaml`` and ``roles/<family>/<role>.yaml`` under ``out_dir``."""
    roles_csv, skills_csv, out_dir = Path(roles_csv), Path(skills_csv), Path(out_dir)
    notes = _Notes()
    role_rows = _read_csv(roles_csv, ROLE_COLUMNS)
    skill_rows = _read_csv(skills_csv, SKILL_COLUMNS)
    roles = _read_roles(role_rows, notes)
    skills = _read_skills(skill_rows, role_rows, notes)
    _check_required_by(skill_rows, roles, notes)
    skill_ids = _skill_ids(skills, notes)
    families = list(dict.fromkeys(role.family for role in roles.values()))

    role_paths: dict[Path, str] = {}
    role_texts: list[tuple[Path, str]] = []
    for role in roles.values():
        document = _role_document(role, skill_ids, notes)
        path = out_dir / "roles" / document["family"] / f"{document['id']}.yaml"
        if path in role_paths:
            raise NotAnExport(f"roles '{role_paths[path]}' and '{role.name}' would both be written to {path}")
        role_paths[path] = role.name
        role_texts.append((path, dump_yaml(document, what=f"DDaT role: {role.name}")))

    framework = _framework_document(families, skills, skill_ids)
    files = [
        _write(
            out_dir / "frameworks" / f"{FRAMEWORK_ID}.yaml",
            dump_yaml(framework, what="DDaT framework: levels, families and skills"),
        )
    ]
    files += [_write(path, text) for path, text in role_texts]
    return ImportReport(
        files=files,
        families=len(families),
        roles=len(roles),
        role_levels=sum(len(role.levels) for role in roles.values()),
        skills=len(skills),
        ambiguities=notes.finish(),
    )
