"""The DDaT importer: level ladder from titles, text splitting, and a lossless import of the real export."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from rolelint.importers.ddat import (
    INDIVIDUAL,
    LADDER,
    MANAGEMENT,
    NotAnExport,
    import_ddat,
    place_title,
    render_text,
    split_text,
)

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
EXPORT = CORPUS / "ddat-capability-framework" / "official-csv"
ROLES_CSV = EXPORT / "roles.csv"
SKILLS_CSV = EXPORT / "skills.csv"
ROLE_INTRO = "In this role, you will:"
LEVEL_INTRO = "At this role level, you will:"
NOT_IN_USE = "NOT IN USE"

needs_corpus = pytest.mark.skipif(not ROLES_CSV.is_file(), reason="the shared corpus is not here")


# ---------------------------------------------------------------------------------------------
# Titles -> ladder (made-up titles)


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Apprentice widget wrangler", "trainee"),
        ("Trainee widget wrangler", "trainee"),
        ("Associate widget wrangler", "associate"),
        ("Junior widget wrangler", "junior"),
        ("Widget wrangler", "practitioner"),
        ("Senior widget wrangler", "senior"),
        ("Lead widget wrangler", "lead"),
        ("Principal widget wrangler", "principal"),
        ("Head of widget wrangling", "head"),
        ("  senior   WIDGET wrangler ", "senior"),
    ],
)
def test_a_seniority_word_places_the_title_without_doubt(title, level):
    assert place_title(title, "Widget wrangler") == (level, INDIVIDUAL, None)


def test_the_tail_of_the_role_name_is_the_plain_title():
    assert place_title("Wrangler", "Widget wrangler") == ("practitioner", INDIVIDUAL, None)
    assert place_title("Senior wrangler", "Widget wrangler") == ("senior", INDIVIDUAL, None)


def test_a_bracketed_abbreviation_of_the_role_name_is_the_plain_title():
    assert place_title("GZ engineer", "Gizmo zapping (GZ) engineer").doubt is None
    assert place_title("Gizmo zapping engineer", "Gizmo zapping (GZ) engineer").doubt is None


def test_a_management_title_goes_on_the_management_track():
    assert place_title("Lead widget wrangler - management", "Widget wrangler") == ("lead-management", MANAGEMENT, None)


def test_a_management_title_with_no_management_level_stays_on_the_ladder_with_a_doubt():
    placement = place_title("Junior widget wrangler - management", "Widget wrangler")
    assert (placement.level, placement.track) == ("junior", INDIVIDUAL)
    assert placement.doubt


def test_a_chief_title_goes_to_the_top_with_a_doubt():
    placement = place_title("Chief widget wrangler", "Widget wrangler")
    assert placement.level == "head" and "chief" in placement.doubt


def test_a_title_without_seniority_word_that_is_not_the_role_name_is_doubted():
    placement = place_title("Gadget polisher", "Widget wrangler")
    assert placement.level == "practitioner" and placement.doubt


def test_a_trailing_lead_is_doubted():
    placement = place_title("Widget ethics lead", "Widget ethicist")
    assert placement.level == "lead" and placement.doubt


def test_analyst_titles_sit_below_the_manager_title_of_a_manager_role():
    assert place_title("Widget analyst", "Widget manager").level == "associate"
    assert place_title("Senior widget analyst", "Widget manager").level == "junior"
    assert place_title("Widget manager", "Widget manager") == ("practitioner", INDIVIDUAL, None)
    assert place_title("Widget analyst", "Widget manager").doubt


def test_the_ladder_ids_are_unique_slugs():
    ids = [level.id for level in LADDER]
    assert len(ids) == len(set(ids))
    assert all(level.id == level.id.lower() and " " not in level.id for level in LADDER)


# ---------------------------------------------------------------------------------------------
# Descriptions -> description + responsibilities (made-up text)


def test_a_regular_description_splits_and_renders_back_exactly():
    text = "A wrangler tames widgets.\n\nAt this role level, you will:\n- tame widgets\n- feed them"
    split = split_text(text, LEVEL_INTRO)
    assert split == ("A wrangler tames widgets.", ["tame widgets", "feed them"], None)
    assert render_text(split.description, split.responsibilities, LEVEL_INTRO) == text


def test_a_description_without_bullets_is_kept_whole():
    text = "A wrangler tames widgets.\n\nThey also feed them."
    assert split_text(text, ROLE_INTRO) == (text, [], None)


def test_a_paragraph_after_the_bullets_ends_the_description_and_is_flagged():
    text = "A wrangler.\n\nIn this role, you will:\n- tame widgets\nSome do it part time."
    split = split_text(text, ROLE_INTRO)
    assert split.description == "A wrangler.\n\nSome do it part time."
    assert split.responsibilities == ["tame widgets"]
    assert split.irregular


def test_a_line_that_introduces_its_own_bullets_stays_in_the_description():
    text = "Wranglers help teams to:\n- tame widgets"
    split = split_text(text, ROLE_INTRO)
    assert split == ("Wranglers help teams to:", ["tame widgets"], None)
    assert render_text(*split[:2], ROLE_INTRO) == text


def test_stray_line_separators_are_dropped_and_flagged():
    text = "A wrangler.\u2028\n\nIn this role, you will:\u2028\n- tame widgets"
    split = split_text(text, ROLE_INTRO)
    assert split.description == "A wrangler." and split.irregular


# ---------------------------------------------------------------------------------------------
# A small made-up export


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


ROLE_HEADER = [
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
]
SKILL_HEADER = [
    "Skill Name",
    "Skill Description",
    "Awareness",
    "Working",
    "Practitioner",
    "Expert",
    "Roles that require Skill",
]


def _tiny_export(tmp_path: Path) -> tuple[Path, Path]:
    role = ["Widgets", "Widget manager", "Manages widgets.\n\nIn this role, you will:\n- count widgets"]
    rows = [
        role + ["Widget manager", "Runs the team.", "Taming", "Taming widgets.", "Practitioner", "P", ""],
        role + ["Senior widget analyst", "Analyses.", "Taming", "Taming widgets.", "Working", "W", ""],
        role + ["Widget analyst", "Learns.", "Taming", "Taming widgets.", "Awareness", "A", ""],
        role + ["Widget analyst", "Learns.", "Taming", "Taming widgets.", "Awareness", "A", ""],
        role + ["Gadget analyst", "Learns too.", "Taming", "Taming widgets.", "Working", "W", ""],
    ]
    skills = [["Taming", "Taming widgets.", "A", "W", "P", "", "Widget manager"]]
    return (
        _write_csv(tmp_path / "roles.csv", ROLE_HEADER, rows),
        _write_csv(tmp_path / "skills.csv", SKILL_HEADER, skills),
    )


def test_a_tiny_export_is_imported_in_title_order(tmp_path):
    roles_csv, skills_csv = _tiny_export(tmp_path)
    report = import_ddat(roles_csv, skills_csv, tmp_path / "out")
    assert (report.families, report.roles, report.role_levels, report.skills) == (1, 1, 4, 1)
    role = yaml.safe_load((tmp_path / "out" / "roles" / "widgets" / "widget-manager.yaml").read_text())
    assert [(level["title"], level["level"]) for level in role["levels"]] == [
        ("Widget analyst", "trainee"),  # shared 'associate' with Gadget analyst, asks for less
        ("Gadget analyst", "associate"),
        ("Senior widget analyst", "junior"),
        ("Widget manager", "practitioner"),
    ]
    assert role["responsibilities"] == ["count widgets"]
    assert any("repeats 1 row" in note for note in report.ambiguities)
    assert any("Gadget analyst" in note for note in report.ambiguities)


def test_a_csv_without_the_export_columns_is_refused_with_the_columns_named(tmp_path):
    _, skills_csv = _tiny_export(tmp_path)
    bad = _write_csv(tmp_path / "other.csv", ["Role", "Title"], [["a", "b"]])
    with pytest.raises(
        NotAnExport, match=r"missing column\(s\) Role Family, Role Description.*its header is Role, Title"
    ):
        import_ddat(bad, skills_csv, tmp_path / "out")


def test_an_output_folder_that_cannot_be_written_is_a_usage_error_naming_it(tmp_path):
    roles_csv, skills_csv = _tiny_export(tmp_path)
    (tmp_path / "taken").write_text("a file, not a folder\n")
    result = subprocess.run(
        [sys.executable, "-m", "rolelint", "import", "ddat", str(roles_csv), str(skills_csv), "-o", "taken/out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("rolelint: error: cannot write taken/out") and "internal error" not in result.stderr


# ---------------------------------------------------------------------------------------------
# The real export


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("ddat")
    report = import_ddat(ROLES_CSV, SKILLS_CSV, out)
    framework = yaml.safe_load((out / "frameworks" / "ddat.yaml").read_text(encoding="utf-8"))
    roles = {
        path.relative_to(out): yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((out / "roles").rglob("*.yaml"))
    }
    return out, report, framework, roles


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@needs_corpus
def test_the_counts_match_the_export(imported):
    _, report, framework, roles = imported
    rows = _csv_rows(ROLES_CSV)
    assert len({row["Role Family"] for row in rows}) == 8
    assert len({row["Role"] for row in rows}) == 52
    assert len({(row["Role"], row["Role Level"]) for row in rows}) == 205
    assert (report.families, report.roles, report.role_levels, report.skills) == (8, 52, 205, 188)
    assert len(framework["families"]) == 8 and len(framework["skills"]) == 188
    assert len(roles) == 52
    assert sum(len(role["levels"]) for role in roles.values()) == 205


@needs_corpus
def test_one_framework_file_and_one_file_per_role_each_with_the_ogl_attribution(imported):
    out, report, _, roles = imported
    assert report.files[0] == out / "frameworks" / "ddat.yaml"
    assert sorted(report.files[1:]) == sorted(out / path for path in roles)
    for path, role in roles.items():
        assert path.parts == ("roles", role["family"], f"{role['id']}.yaml")
    for path in report.files:
        head = path.read_text(encoding="utf-8").split("\nkind:", 1)[0]
        assert "Contains public sector information licensed under the Open Government Licence v3.0" in head


@needs_corpus
def test_every_role_level_skill_and_proficiency_survives(imported):
    _, _, framework, roles = imported
    family_names = {family["id"]: family["name"] for family in framework["families"]}
    skill_names = {skill["id"]: skill["name"] for skill in framework["skills"]}
    written = set()
    for role in roles.values():
        for level in role["levels"]:
            for skill_id, proficiency in level["skills"].items():
                written.add(
                    (family_names[role["family"]], role["title"], level["title"], skill_names[skill_id], proficiency)
                )
    expected = set()
    for row in _csv_rows(ROLES_CSV):
        no_levels = row["Role Level"] == NOT_IN_USE  # Senior Civil Service roles
        expected.add(
            (
                row["Role Family"],
                row["Role"],
                row["Role"] if no_levels else row["Role Level"],
                row["Skill Name"],
                None if row["Skill Level"] == NOT_IN_USE else row["Skill Level"].lower(),
            )
        )
    assert written == expected


@needs_corpus
def test_role_type_survives_as_senior_civil_service_flags(imported):
    _, _, _, roles = imported
    written = {}
    for role in roles.values():
        for level in role["levels"]:
            written[(role["title"], level["title"])] = (
                "Senior Civil Service" if level.get("senior_civil_service") else ""
            )
            if level.get("senior_civil_service"):
                assert role["type"] == "Senior Civil Service"
    expected = {
        (row["Role"], row["Role"] if row["Role Level"] == NOT_IN_USE else row["Role Level"]): row["Role Type"]
        for row in _csv_rows(ROLES_CSV)
    }
    assert written == expected


@needs_corpus
def test_the_skill_catalogue_keeps_every_description_and_descriptor(imported):
    _, _, framework, _ = imported
    catalogue = {skill["name"]: skill for skill in framework["skills"]}
    skill_rows = _csv_rows(SKILLS_CSV)
    assert [skill["name"] for skill in framework["skills"]] == [row["Skill Name"] for row in skill_rows]
    for row in skill_rows:
        skill = catalogue[row["Skill Name"]]
        assert skill.get("description", "") == row["Skill Description"]
        expected = {step.lower(): row[step] for step in ("Awareness", "Working", "Practitioner", "Expert") if row[step]}
        assert skill.get("proficiencies", {}) == expected
    for row in _csv_rows(ROLES_CSV):  # roles.csv repeats the catalogue; it must agree
        skill = catalogue[row["Skill Name"]]
        assert skill.get("description", "") == row["Skill Description"] or (
            row["Skill Description"] == "MISSING" and "description" not in skill
        )
        if row["Skill Level"] != NOT_IN_USE:
            assert skill["proficiencies"][row["Skill Level"].lower()] == row["Skill Level Description"]


def _content_lines(text: str, intro: str) -> Counter:
    lines = (" ".join(line.split()) for line in text.replace("\u2028", "\n").split("\n"))
    return Counter(line for line in lines if line and line != intro)


@needs_corpus
def test_every_role_and_level_description_survives(imported):
    _, report, _, roles = imported
    written = {}
    for role in roles.values():
        written[(role["title"], None)] = (role.get("description", ""), role.get("responsibilities", []))
        for level in role["levels"]:
            written[(role["title"], level["title"])] = (
                level.get("description", NOT_IN_USE if level.get("senior_civil_service") else ""),
                level.get("responsibilities", []),
            )
    texts = {}
    for row in _csv_rows(ROLES_CSV):
        texts[(row["Role"], None)] = (row["Role Description"], ROLE_INTRO)
        level_title = row["Role"] if row["Role Level"] == NOT_IN_USE else row["Role Level"]
        texts[(row["Role"], level_title)] = (row["Role Level Description"], LEVEL_INTRO)
    assert set(written) == set(texts)
    notes = "\n".join(report.ambiguities)
    inexact = 0
    for key, (source, intro) in texts.items():
        description, responsibilities = written[key]
        rendered = render_text(description, responsibilities, intro)
        # Nothing lost, added or reworded, line by line, whatever the spacing:
        assert _content_lines(rendered, intro) == _content_lines(source, intro), key
        if rendered != source:  # only where the export's own layout is irregular, and then reported
            inexact += 1
            label = f"{key[0]} (role)" if key[1] is None else f"{key[0]} / {key[1].strip()}"
            assert label in notes, key
    assert inexact <= 30


@needs_corpus
def test_the_product_manager_pathway_is_in_title_order(imported):
    _, _, framework, roles = imported
    role = roles[Path("roles/product-and-delivery/product-manager.yaml")]
    assert [level["title"] for level in role["levels"]] == [
        "Associate product manager",
        "Product manager",
        "Senior product manager",
        "Lead product manager",
        "Head of product",
    ]
    ladder = [level["id"] for level in framework["levels"]]
    ranks = [ladder.index(level["level"]) for level in role["levels"]]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    tracks = {level["id"]: level.get("track") for level in framework["levels"]}
    assert {tracks[level["level"]] for level in role["levels"]} == {"individual"}


@needs_corpus
def test_every_role_uses_each_ladder_level_once_in_ladder_order(imported):
    _, _, framework, roles = imported
    ladder = [level["id"] for level in framework["levels"]]
    for path, role in roles.items():
        ranks = [ladder.index(level["level"]) for level in role["levels"]]
        assert ranks == sorted(ranks), path
        assert len(set(ranks)) == len(ranks), path


@needs_corpus
def test_every_reference_resolves_in_the_framework(imported):
    _, _, framework, roles = imported
    levels = {level["id"] for level in framework["levels"]}
    skills = {skill["id"] for skill in framework["skills"]}
    families = {family["id"] for family in framework["families"]}
    scale = set(framework["scale"])
    for role in roles.values():
        assert role["framework"] == framework["id"] and role["family"] in families
        for level in role["levels"]:
            assert level["level"] in levels
            assert set(level["skills"]) <= skills
            assert {value for value in level["skills"].values() if value is not None} <= scale


@needs_corpus
def test_two_imports_write_identical_bytes(imported, tmp_path):
    out, report, _, _ = imported
    again = import_ddat(ROLES_CSV, SKILLS_CSV, tmp_path)
    assert [path.relative_to(tmp_path) for path in again.files] == [path.relative_to(out) for path in report.files]
    for first, second in zip(report.files, again.files):
        assert first.read_bytes() == second.read_bytes(), first
    assert again.ambiguities == report.ambiguities


@needs_corpus
def test_the_report_names_the_uncertain_placements(imported):
    _, report, _, _ = imported
    notes = "\n".join(report.ambiguities)
    for title in (
        "Chief data architect",
        "Major incident manager",
        "Data ethics lead",
        "Operational control manager",
        "Configuration analyst",
    ):
        assert title in notes


@needs_corpus
@pytest.mark.skipif(not (REPO / "schemas" / "role.schema.json").is_file(), reason="no schemas yet")
def test_the_output_is_valid_against_the_schemas(imported):
    jsonschema = pytest.importorskip("jsonschema")
    _, _, framework, roles = imported

    def validator(kind):
        schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        return jsonschema.Draft202012Validator(schema)

    errors = [error.message for error in validator("framework").iter_errors(framework)]
    role_validator = validator("role")
    for path, role in roles.items():
        errors += [f"{path}: {error.message}" for error in role_validator.iter_errors(role)]
    assert errors == []
