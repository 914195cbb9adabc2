"""The JSON Schemas in schemas/: well formed, documented, and true to the examples and to DDaT."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

ROOT = Path(__file__).parents[1]
SCHEMAS = ROOT / "schemas"
EXAMPLES = ROOT / "examples"
DOCUMENT_KINDS = ("framework", "role", "advert", "config")
SCHEMA_NAMES = [f"{kind}.schema.json" for kind in DOCUMENT_KINDS]


def load_schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def validator_for(kind: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(f"{kind}.schema.json"))


def as_json_data(value: Any) -> Any:
    """YAML dates become ISO strings, as they would in JSON (the loader must do the same)."""
    if isinstance(value, dict):
        return {str(key): as_json_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_data(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def load_yaml_text(text: str) -> Any:
    return as_json_data(yaml.safe_load(text))


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The YAML front matter (between `---` fences on the first lines) and the body of a Markdown file."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, text
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return load_yaml_text("".join(lines[1:index])) or {}, "".join(lines[index + 1 :])
    raise AssertionError("front matter has no closing `---`")


def errors(kind: str, data: Any) -> list[str]:
    return [error.message for error in validator_for(kind).iter_errors(data)]


def walk(node: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every sub-schema with its JSON pointer."""
    if isinstance(node, dict):
        yield pointer, node
        for key, value in node.items():
            if key in ("examples", "defaultSnippets", "const", "enum", "default"):
                continue
            escaped = key.replace("~", "~0").replace("/", "~1")
            yield from walk(value, f"{pointer}/{escaped}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{pointer}/{index}")


# --------------------------------------------------------------------------- the schemas themselves


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12(name):
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://rolelint.dev/schemas/{name}"
    assert schema["title"] and schema["description"] and schema["defaultSnippets"]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_property_has_a_description(name):
    undocumented = [
        f"{pointer}/properties/{key}"
        for pointer, node in walk(load_schema(name))
        for key, sub in (node.get("properties") or {}).items()
        if not (isinstance(sub, dict) and sub.get("description"))
    ]
    assert undocumented == []


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_examples_entry_validates_against_its_subschema(name):
    schema = load_schema(name)
    registry = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    checked = 0
    for pointer, node in walk(schema):
        for example in [*node.get("examples", []), *(s["body"] for s in node.get("defaultSnippets", []))]:
            validator = Draft202012Validator({"$ref": f"{schema['$id']}#{pointer}"}, registry=registry)
            problems = [error.message for error in validator.iter_errors(example)]
            assert problems == [], f"{name}#{pointer}: example {example!r}"
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("name", [*SCHEMA_NAMES, "config.schema.json", "rule.schema.json"])
def test_no_example_is_an_object(name):
    """yaml-language-server labels a completion from `examples` with the value as a string, so an
    object shows as "[object Object]": objects go in `defaultSnippets`, which it inserts as YAML."""
    objects = [
        pointer
        for pointer, node in walk(load_schema(name))
        for example in node.get("examples", [])
        if isinstance(example, dict)
        or (isinstance(example, list) and any(isinstance(item, (dict, list)) for item in example))
    ]
    assert objects == []


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_snippets_have_a_label_and_a_body(name):
    snippets = [snippet for _, node in walk(load_schema(name)) for snippet in node.get("defaultSnippets", [])]
    assert snippets and all(set(s) == {"label", "description", "body"} and s["label"] for s in snippets)


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_top_level_allows_x_extension_keys(name):
    kind = name.split(".")[0]
    example = dict(load_schema(name)["defaultSnippets"][0]["body"])
    example["x-owner"] = {"team": "people"}
    assert errors(kind, example) == []


def test_rule_schema_is_not_ours():
    # rule.schema.json belongs to the rule-pack work; this suite only covers the document schemas.
    assert "rule.schema.json" not in SCHEMA_NAMES


# --------------------------------------------------------------------------- rejections


@pytest.mark.parametrize(
    ("kind", "document", "unknown"),
    [
        ("framework", {"id": "pm", "name": "PM", "levels": [{"id": "a", "title": "A"}], "leveles": []}, "leveles"),
        ("framework", {"id": "pm", "name": "PM", "levels": [{"id": "a", "title": "A", "salery": {}}]}, "salery"),
        ("role", {"id": "pm", "title": "PM", "framework": "pm", "levels": [{"level": "a", "skill": {}}]}, "skill"),
        ("advert", {"title": "Product manager", "closing": "2026-12-01"}, "closing"),
        ("config", {"fail-on": "warning"}, "fail-on"),
        ("config", {"nlp": {"modle": "en_core_web_sm"}}, "modle"),
    ],
)
def test_unknown_key_is_rejected(kind, document, unknown):
    messages = errors(kind, document)
    assert any(unknown in message for message in messages), messages


@pytest.mark.parametrize(
    ("kind", "document"),
    [
        ("framework", {"id": "pm", "name": "PM", "levels": {"associate": "Associate"}}),
        ("framework", {"id": "pm", "name": "PM", "version": 2026.1, "levels": [{"id": "a", "title": "A"}]}),
        ("role", {"id": "pm", "title": "PM", "framework": "pm", "levels": [{"level": "a", "skills": ["x"]}]}),
        ("advert", {"salary": {"min": "fifty thousand", "currency": "GBP"}}),
        ("advert", {"salary": {"min": 50000, "currency": "gbp"}}),
        ("advert", {"salary": {"min": -1}}),
        ("advert", {"salary": {"currency": "GBP"}}),
        ("advert", {"experience": {"min_years": 2.5}}),
        ("advert", {"closing_date": "1st December"}),
        ("advert", {"kind": "role"}),
        ("config", {"fail_on": "sometimes"}),
        ("config", {"max_file_size": "5MB"}),
        ("config", {"rules": {"RL201": {"severity": "fatal"}}}),
        ("config", {"select": ["rl-101"]}),
    ],
)
def test_wrong_type_or_value_is_rejected(kind, document):
    assert errors(kind, document) != []


@pytest.mark.parametrize("bad_id", ["Product-Management", "-pm", "product management", ""])
def test_ids_must_be_slugs(bad_id):
    assert errors("framework", {"id": bad_id, "name": "PM", "levels": [{"id": "a", "title": "A"}]}) != []


def test_required_keys_are_enforced():
    assert errors("framework", {"kind": "framework"}) != []
    assert errors("role", {"kind": "role", "id": "pm"}) != []


def test_an_empty_advert_is_valid():
    assert errors("advert", {}) == []


def test_a_custom_scale_is_accepted_as_any_slugs():
    framework = {
        "id": "eng",
        "name": "Engineering",
        "scale": ["learning", "doing", "leading"],
        "levels": [{"id": "one", "title": "Engineer"}],
        "skills": [
            {
                "id": "coding",
                "name": "Coding",
                "proficiencies": {"learning": "You can read code.", "leading": "You set standards."},
            }
        ],
        "roles": [{"id": "dev", "title": "Developer", "levels": [{"level": "one", "skills": {"coding": "doing"}}]}],
    }
    assert errors("framework", framework) == []


# --------------------------------------------------------------------------- the examples/ repo


def example_documents() -> list[tuple[str, Path]]:
    found = (
        [("framework", path) for path in sorted((EXAMPLES / "frameworks").glob("*.yaml"))]
        + [("role", path) for path in sorted((EXAMPLES / "roles").glob("*.yaml"))]
        + [("advert", path) for path in sorted((EXAMPLES / "adverts").glob("*.*"))]
    )
    return found + [("config", EXAMPLES / ".rolelint.yaml")]


def load_document(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        return split_front_matter(text)[0]
    return load_yaml_text(text)


@pytest.mark.parametrize(("kind", "path"), example_documents(), ids=lambda value: getattr(value, "name", value))
def test_example_file_validates(kind, path):
    assert errors(kind, load_document(path)) == []


def test_examples_cover_every_kind():
    kinds = {kind for kind, _ in example_documents()}
    assert kinds == set(DOCUMENT_KINDS)
    assert len(example_documents()) >= 8


def test_draft_advert_has_no_front_matter():
    text = (EXAMPLES / "adverts" / "growth-hacker-draft.md").read_text(encoding="utf-8")
    assert split_front_matter(text) == ({}, text)


def test_example_roles_use_their_framework_levels_and_skills_in_order():
    frameworks = {data["id"]: data for data in map(load_document, (EXAMPLES / "frameworks").glob("*.yaml"))}
    for path in (EXAMPLES / "roles").glob("*.yaml"):
        role = load_document(path)
        framework = frameworks[role["framework"]]
        level_ids = [level["id"] for level in framework["levels"]]
        scale = framework.get("scale", ["awareness", "working", "practitioner", "expert"])
        skill_ids = {skill["id"] for skill in framework["skills"]}
        ranks = [level_ids.index(level["level"]) for level in role["levels"]]
        assert ranks == sorted(ranks), path.name
        previous: dict[str, int] = {}
        for level in role["levels"]:
            for skill, proficiency in level["skills"].items():
                assert skill in skill_ids, (path.name, skill)
                step = scale.index(proficiency)
                assert step >= previous.get(skill, 0), (path.name, level["level"], skill)
                previous[skill] = step


def test_example_advert_salaries_sit_inside_their_level_band():
    frameworks = {data["id"]: data for data in map(load_document, (EXAMPLES / "frameworks").glob("*.yaml"))}
    for path in (EXAMPLES / "adverts").glob("*.*"):
        advert = load_document(path)
        if "salary" not in advert:
            continue
        band = next(
            level["salary"] for level in frameworks[advert["framework"]]["levels"] if level["id"] == advert["level"]
        )
        assert band["min"] <= advert["salary"]["min"] <= advert["salary"]["max"] <= band["max"], path.name


# --------------------------------------------------------------------------- DDaT-shaped frameworks


def ddat_shaped_framework() -> dict[str, Any]:
    """A small framework in the shape of the UK government DDaT framework, written for this test."""
    return {
        "kind": "framework",
        "id": "ddat",
        "name": "Digital, data and technology capability framework",
        "version": "2025.1",
        "scale": ["awareness", "working", "practitioner", "expert"],
        "families": [
            {"id": "product-and-delivery", "name": "Product and delivery"},
            {"id": "chief-digital-and-data", "name": "Chief digital and data"},
        ],
        "levels": [
            {"id": "trainee", "title": "Trainee", "grade": "EO"},
            {
                "id": "associate",
                "title": "Associate",
                "grade": "HEO",
                "salary": {"min": 31000, "max": 38000, "currency": "GBP", "period": "year"},
                "experience": {"min_years": 0, "max_years": 2},
                "synonyms": ["Junior"],
            },
            {"id": "practitioner", "title": "Practitioner", "grade": "SEO"},
            {"id": "senior", "title": "Senior", "grade": "G7"},
            {"id": "lead-management", "title": "Lead (management)", "track": "management", "grade": "G6"},
            {"id": "scs", "title": "Senior Civil Service", "senior_civil_service": True},
        ],
        "skills": [
            {
                "id": "business-analysis",
                "name": "Business analysis",
                "description": "Finding out what an organisation needs and describing it clearly.",
                "proficiencies": {
                    "awareness": "You can say what business analysis is for.",
                    "working": "You can model a simple process with help.",
                    "practitioner": "You can lead analysis for a whole service.",
                    "expert": "You can set the standard for analysis across departments.",
                },
            },
            {
                "id": "leading-digital-strategy",
                "name": "Leading digital strategy",
                "description": "Setting the direction for digital work across an organisation.",
            },
        ],
        "terminology": [{"preferred": "business analyst", "avoid": ["BA"], "reason": "Spell the job out."}],
        "roles": [
            {
                "id": "business-analyst",
                "title": "Business analyst",
                "family": "product-and-delivery",
                "description": "Works out what a service must do and writes it down clearly.",
                "responsibilities": ["Model how work flows through a service"],
                "levels": [
                    {
                        "level": "trainee",
                        "title": "Trainee business analyst",
                        "description": "Learns the methods with close support.",
                        "responsibilities": ["Take notes in workshops"],
                        "skills": {"business-analysis": "awareness"},
                        "senior_civil_service": False,
                    },
                    {
                        "level": "senior",
                        "title": "Senior business analyst",
                        "skills": {"business-analysis": "practitioner"},
                        "salary": {"min": 52000, "max": 60000, "currency": "GBP", "period": "year"},
                    },
                ],
            },
            {
                "id": "chief-digital-officer",
                "title": "Chief digital officer",
                "family": "chief-digital-and-data",
                "type": "Senior Civil Service",
                "levels": [
                    {
                        "level": "scs",
                        "senior_civil_service": True,
                        "description": "Leads digital work for a whole department.",
                        "skills": {"leading-digital-strategy": None},
                    },
                ],
            },
        ],
    }


def test_a_ddat_shaped_framework_validates():
    assert errors("framework", ddat_shaped_framework()) == []


def test_inline_roles_have_no_kind():
    framework = ddat_shaped_framework()
    framework["roles"][0]["kind"] = "role"
    assert errors("framework", framework) != []


CORPUS_DDAT = ROOT.parent / "shared" / "corpus" / "ddat-capability-framework" / "official-csv"


@pytest.mark.skipif(not (CORPUS_DDAT / "roles.csv").exists(), reason="third-party DDaT corpus not present")
def test_the_whole_ddat_framework_fits_the_schema():
    framework = ddat_from_csv(CORPUS_DDAT)
    assert len(framework["roles"]) > 40
    assert errors("framework", framework) == []


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def ddat_from_csv(folder: Path) -> dict[str, Any]:
    """Map the official DDaT CSV export onto our framework shape (read only; nothing is copied into the repo)."""
    import csv

    def rows(name: str) -> list[dict[str, str]]:
        with open(folder / name, newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    steps = ("Awareness", "Working", "Practitioner", "Expert")
    skills = [
        {
            "id": _slug(row["Skill Name"]),
            "name": row["Skill Name"].strip(),
            "description": row["Skill Description"].strip(),
            "proficiencies": {step.lower(): row[step].strip() for step in steps if row[step].strip()},
        }
        for row in rows("skills.csv")
    ]
    for skill in skills:  # the export leaves some of these blank; blank means absent
        for key in ("description", "proficiencies"):
            if not skill[key]:
                del skill[key]
    families: dict[str, dict[str, str]] = {}
    roles: dict[str, dict[str, Any]] = {}
    levels: dict[str, dict[str, Any]] = {}
    for row in rows("roles.csv"):
        family_id = _slug(row["Role Family"])
        families.setdefault(family_id, {"id": family_id, "name": row["Role Family"].strip()})
        role_id = _slug(row["Role"])
        role = roles.setdefault(
            role_id,
            {
                "id": role_id,
                "title": row["Role"].strip(),
                "family": family_id,
                "description": row["Role Description"].strip(),
                "levels": [],
            },
        )
        scs = row["Role Type"].strip() == "Senior Civil Service"
        if scs:
            role["type"] = row["Role Type"].strip()
        in_use = row["Role Level"].strip() != "NOT IN USE"
        level_id = _slug(row["Role Level"]) if in_use else "senior-civil-service"
        levels.setdefault(
            level_id,
            {
                "id": level_id,
                "title": row["Role Level"].strip() if in_use else "Senior Civil Service",
                "senior_civil_service": scs,
            },
        )
        level = next((item for item in role["levels"] if item["level"] == level_id), None)
        if level is None:
            level = {"level": level_id, "skills": {}, "senior_civil_service": scs}
            if in_use:
                level["description"] = row["Role Level Description"].strip()
            role["levels"].append(level)
        proficiency = row["Skill Level"].strip()
        level["skills"][_slug(row["Skill Name"])] = proficiency.lower() if proficiency in steps else None
    return {
        "kind": "framework",
        "id": "ddat",
        "name": "DDaT capability framework",
        "levels": list(levels.values()),
        "skills": skills,
        "families": list(families.values()),
        "roles": list(roles.values()),
    }
