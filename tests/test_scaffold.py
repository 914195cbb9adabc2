"""`rolelint init`'s scaffold: what it writes, what it refuses to overwrite, and that its files are valid."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from test_cli import rolelint
from test_schemas import as_json_data

from rolelint import __version__
from rolelint.scaffold import TEMPLATE_DESTINATIONS, hook_rev, next_step, read_template, render_template, scaffold

SCHEMAS = Path(__file__).parents[1] / "schemas"
EXPECTED = {
    ".rolelint.yaml",
    "frameworks/software-engineering.yaml",
    "roles/software-engineer.yaml",
    "roles/data-engineer.yaml",
    "adverts/senior-software-engineer.md",
    ".pre-commit-config.yaml",
}


def validator_for(kind: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")))


def front_matter(text: str) -> dict:
    lines = text.splitlines(keepends=True)
    assert lines[0].strip() == "---"
    end = next(index for index in range(1, len(lines)) if lines[index].strip() == "---")
    return as_json_data(yaml.safe_load("".join(lines[1:end])))


def test_scaffold_writes_every_starter_file(tmp_path):
    written = scaffold(tmp_path)
    assert {path.relative_to(tmp_path).as_posix() for path in written} == EXPECTED
    assert all(path.is_file() and path.stat().st_size > 0 for path in written)


def test_scaffold_copies_templates_with_the_hook_pinned(tmp_path):
    scaffold(tmp_path)
    for name, destination in TEMPLATE_DESTINATIONS:
        assert (tmp_path / destination).read_bytes() == render_template(name).encode("utf-8")
        if name != "pre-commit-config.yaml":
            assert render_template(name) == read_template(name)


def test_scaffold_creates_a_missing_directory(tmp_path):
    target = tmp_path / "new" / "roles-repo"
    scaffold(target)
    assert (target / ".rolelint.yaml").is_file()


def test_scaffold_refuses_to_overwrite_and_names_the_file(tmp_path):
    (tmp_path / "roles").mkdir()
    existing = tmp_path / "roles" / "software-engineer.yaml"
    existing.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match="software-engineer.yaml") as raised:
        scaffold(tmp_path)
    assert raised.value.filename == str(existing)
    assert existing.read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / ".rolelint.yaml").exists()  # nothing written when refusing


def test_scaffold_twice_without_force_fails(tmp_path):
    scaffold(tmp_path)
    with pytest.raises(FileExistsError):
        scaffold(tmp_path)


def test_scaffold_overwrites_with_force(tmp_path):
    scaffold(tmp_path)
    config = tmp_path / ".rolelint.yaml"
    config.write_text("fail_on: never\n", encoding="utf-8")
    scaffold(tmp_path, force=True)
    assert config.read_text(encoding="utf-8") == render_template("rolelint.yaml")


@pytest.mark.parametrize(
    ("relative", "kind"),
    [
        (".rolelint.yaml", "config"),
        ("frameworks/software-engineering.yaml", "framework"),
        ("roles/software-engineer.yaml", "role"),
        ("roles/data-engineer.yaml", "role"),
        ("adverts/senior-software-engineer.md", "advert"),
    ],
)
def test_scaffolded_files_validate(tmp_path, relative, kind):
    scaffold(tmp_path)
    text = (tmp_path / relative).read_text(encoding="utf-8")
    data = front_matter(text) if relative.endswith(".md") else as_json_data(yaml.safe_load(text))
    assert [error.message for error in validator_for(kind).iter_errors(data)] == []


def test_scaffolded_roles_use_the_scaffolded_framework(tmp_path):
    scaffold(tmp_path)
    framework = yaml.safe_load((tmp_path / "frameworks/software-engineering.yaml").read_text(encoding="utf-8"))
    level_ids = [level["id"] for level in framework["levels"]]
    skill_ids = {skill["id"] for skill in framework["skills"]}
    for path in (tmp_path / "roles").glob("*.yaml"):
        role = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert role["framework"] == framework["id"]
        assert {level["level"] for level in role["levels"]} <= set(level_ids)
        assert {skill for level in role["levels"] for skill in level["skills"]} <= skill_ids
    advert = front_matter((tmp_path / "adverts/senior-software-engineer.md").read_text(encoding="utf-8"))
    assert advert["framework"] == framework["id"] and advert["level"] in level_ids


def test_pre_commit_config_uses_the_rolelint_hook(tmp_path):
    scaffold(tmp_path)
    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["rev"] == hook_rev(__version__)
    assert [hook["id"] for hook in repo["hooks"]] == ["rolelint"]


@pytest.mark.parametrize(
    ("version", "rev"),
    [
        ("0.1.0", "v0.1.0"),
        ("1.2.3", "v1.2.3"),
        ("2.0.0rc1", "v2.0.0rc1"),
        ("1.0.0.post1", "v1.0.0.post1"),
        ("0.2.0.dev0", "main"),
        ("0.1.0+g1234abc", "main"),
        ("0.1.dev3+gabc", "main"),
    ],
)
def test_hook_is_pinned_to_the_installed_release_tag_or_main(version, rev):
    assert hook_rev(version) == rev
    assert f"rev: {rev}\n" in render_template("pre-commit-config.yaml", version=version)


def test_pre_commit_accepts_the_scaffolded_config(tmp_path):
    scaffold(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("directory", "expected"),
    [
        (".", "rolelint check"),
        ("roles-repo", "cd roles-repo && rolelint check"),
        ("my roles", "cd 'my roles' && rolelint check"),
        ("a/b", "cd a/b && rolelint check"),
    ],
)
def test_next_step_is_a_command_that_works_from_here(tmp_path, directory, expected):
    assert next_step(tmp_path / directory, cwd=tmp_path) == expected


def test_a_fresh_init_repo_passes_its_own_check(tmp_path):
    made = rolelint("init", "roles-repo", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stdout.rstrip().endswith("Next: cd roles-repo && rolelint check"), made.stdout
    checked = rolelint("check", "--no-cache", "--fail-on", "info", cwd=tmp_path / "roles-repo")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip() == "No problems found in 4 files.", checked.stdout


def test_init_in_the_current_directory_says_to_run_check_here(tmp_path):
    made = rolelint("init", cwd=tmp_path)
    assert made.stdout.rstrip().endswith("Next: rolelint check"), made.stdout
    again = rolelint("init", cwd=tmp_path)
    assert again.returncode == 2
    assert again.stderr.strip() == "rolelint: error: .rolelint.yaml already exists; use --force to overwrite it"


def test_the_scaffold_keeps_docs_out_of_the_lint(tmp_path):
    scaffold(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\nRockstar wanted; [Insert salary].\n", encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("rolelint\n", encoding="utf-8")
    checked = rolelint(
        "check",
        "--no-cache",
        "--force-exclude",
        "docs/guide.md",
        "requirements.txt",
        "adverts/senior-software-engineer.md",
        cwd=tmp_path,
    )
    assert checked.returncode == 0 and "No problems found in 1 file." in checked.stdout, checked.stdout


def test_discovery_doc_shows_the_include_and_kinds_init_writes(tmp_path):
    doc = (Path(__file__).parents[1] / "docs" / "discovery.md").read_text(encoding="utf-8")
    shown = yaml.safe_load(doc.split("`rolelint init` writes a config")[1].split("```yaml\n")[1].split("```")[0])
    scaffold(tmp_path)
    written = yaml.safe_load((tmp_path / ".rolelint.yaml").read_text(encoding="utf-8"))
    assert shown == {"include": written["include"], "kinds": written["kinds"]}


def test_init_s_config_places_adverts_in_every_format_rolelint_reads(tmp_path):
    from rolelint.formats import FORMATS

    scaffold(tmp_path)
    written = yaml.safe_load((tmp_path / ".rolelint.yaml").read_text(encoding="utf-8"))
    wanted = {f"adverts/{glob}" for fmt in FORMATS.values() for glob in fmt.default_globs}
    assert wanted <= set(written["include"]), wanted - set(written["include"])
    assert wanted == set(written["kinds"]["advert"])
