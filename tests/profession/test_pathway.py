"""`rolelint pathway`: the picture of a role's career pathway in text, Markdown and HTML."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rolelint.cli import cli
from tests.conftest import write

FRAMEWORK = """
kind: framework
id: craft
name: Craft
levels:
  - {id: one, title: Maker, salary: {min: 30000, max: 35000, currency: GBP}}
  - {id: two, title: Senior maker, salary: {min: 34500, max: 45000, currency: GBP}}
  - {id: three, title: Lead maker, salary: {min: 46000, max: 55000, currency: GBP}}
skills:
  - {id: joinery, name: Joinery}
  - {id: teaching, name: Teaching}
"""
ROLE = """
kind: role
id: maker
title: Maker
framework: craft
levels:
  - level: one
    skills: {joinery: working}
  - level: two
    skills: {joinery: practitioner, teaching: working}
  - level: three
    skills: {joinery: working, teaching: expert}
"""


@pytest.fixture
def pathway_repo(tmp_path, monkeypatch) -> Path:
    write(tmp_path, ".rolelint.yaml", "kinds:\n  framework: ['frameworks/**']\n  role: ['roles/**']\n")
    write(tmp_path, "frameworks/craft.yaml", FRAMEWORK)
    write(tmp_path, "roles/maker.yaml", ROLE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(*args: str):
    return CliRunner().invoke(cli, ["pathway", *args], catch_exceptions=False)


def test_text_shows_levels_skills_pay_and_marks_the_fall(pathway_repo):
    result = _run("maker")
    assert result.exit_code == 1, result.output  # it lists a finding
    lines = result.output.splitlines()
    assert lines[0] == "Maker (maker) - Craft"
    joinery = next(line for line in lines if line.startswith("Joinery"))
    assert [c.strip() for c in joinery.split("|")[1:]] == ["working", "practitioner", "working !1"]
    assert any(line.startswith("Salary (GBP/year)") and "30,000-35,000" in line for line in lines)
    assert "!1 RL308 'Joinery' falls to working at `three`" in result.output
    assert "(roles/maker.yaml:11, levels[2].skills.joinery)" in result.output


def test_markdown_is_a_table_with_numbered_issues(pathway_repo):
    result = _run("maker", "--format", "markdown", "--exit-zero")
    assert result.exit_code == 0
    out = result.output
    assert "| Skill | Maker | Senior maker | Lead maker |" in out
    assert "| Joinery | working | practitioner | **working** ⚠1 |" in out
    assert "| Teaching | – | working | expert |" in out
    assert "1. ⚠1 `RL308`" in out


def test_framework_name_selects_its_roles_and_an_unknown_name_is_a_usage_error(pathway_repo):
    assert _run("craft").exit_code == 1
    result = CliRunner().invoke(cli, ["pathway", "makr"])
    assert result.exit_code != 0
    assert "did you mean 'maker'" in str(result.exception) + result.output


def test_html_is_one_self_contained_page(pathway_repo):
    result = _run("maker", "--format", "html", "-o", "maker.html")
    assert result.exit_code == 1
    page = (pathway_repo / "maker.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<style>" in page and "<link" not in page and "<script" not in page and "src=" not in page
    assert 'class="p1 issue"' in page and "falls to working" in page


def test_output_goes_into_a_folder_made_for_it_and_an_unwritable_one_is_a_usage_error(pathway_repo):
    assert _run("maker", "--format", "html", "-o", "site/pathways/maker.html").exit_code == 1
    assert (pathway_repo / "site" / "pathways" / "maker.html").is_file()
    write(pathway_repo, "taken", "a file, not a folder\n")
    result = subprocess.run(
        [sys.executable, "-m", "rolelint", "pathway", "maker", "-o", "taken/maker.txt"],
        cwd=pathway_repo,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2
    assert (
        result.stderr
        == "rolelint: error: cannot write the pathway to taken/maker.txt: taken is a file, not a directory\n"
    )


@pytest.mark.slow
def test_html_renders_in_headless_chromium(pathway_repo, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("no Chromium installed")
    _run("maker", "--format", "html", "-o", "maker.html")
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--window-size=1000,700",
            f"--screenshot={shot}",
            (pathway_repo / "maker.html").as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_a_pathway_with_no_finding_exits_zero(pathway_repo):
    write(
        pathway_repo,
        "roles/maker.yaml",
        ROLE.replace("joinery: working, teaching: expert", "joinery: expert, teaching: expert"),
    )
    result = _run("maker")
    assert result.exit_code == 0, result.output
    assert "No pathway issues." in result.output


def test_a_backwards_band_is_marked_in_the_salary_row(pathway_repo):
    write(
        pathway_repo, "frameworks/craft.yaml", FRAMEWORK.replace("{min: 46000, max: 55000", "{min: 56000, max: 46000")
    )
    result = _run("maker")
    assert result.exit_code == 1
    salary = next(line for line in result.output.splitlines() if line.startswith("Salary"))
    assert salary.rstrip().endswith("56,000-46,000 !1")
    assert "!1 RL318 the pay band of level `three` is written backwards" in result.output
    assert "(frameworks/craft.yaml:7, levels[2].salary)" in result.output


def test_every_profession_finding_on_the_pathway_is_listed_and_marked(pathway_repo):
    # A framework level title with another level's word (RL302), a skill not in the catalogue (RL301).
    write(
        pathway_repo,
        "frameworks/craft.yaml",
        FRAMEWORK.replace("title: Maker,", "title: Senior maker,").replace(
            "{id: three, title: Lead maker", "{id: three, title: Lead maker, synonyms: [Senior maker]"
        ),
    )
    write(pathway_repo, "roles/maker.yaml", ROLE.replace("teaching: expert}", "teaching: expert, carving: working}"))
    result = _run("maker")
    assert result.exit_code == 1
    issues = result.output.split("Issues:")[1]
    assert "RL301" in issues and "`carving`" in issues
    assert "RL302" in issues and "level `one`" in issues
    header = next(line for line in result.output.splitlines() if line.startswith("Skill"))
    assert "Level issues" in result.output or "!" in header


def test_exit_zero_keeps_a_listing_with_findings_green(pathway_repo):
    assert _run("maker", "--exit-zero").exit_code == 0


def test_ignored_rules_are_not_listed(pathway_repo):
    write(
        pathway_repo,
        ".rolelint.yaml",
        "kinds:\n  framework: ['frameworks/**']\n  role: ['roles/**']\nignore: [RL308]\n",
    )
    result = _run("maker")
    assert result.exit_code == 0 and "No pathway issues." in result.output
