"""The README's quick start says what `rolelint check examples/` reports: keep it true to the output."""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO
from test_cli import rolelint


def quick_start() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("**Run rolelint on the bundled examples**")
    return text[start : text.index("**Run the tests**", start)]


def test_quick_start_names_exactly_the_files_rolelint_flags_in_the_examples():
    result = rolelint("check", "--no-cache", "--format", "json", "examples/", cwd=REPO)
    assert result.returncode == 1, result.stderr  # the README says it exits 1
    payload = json.loads(result.stdout)
    flagged = {d["path"] for d in payload["diagnostics"]}
    section = quick_start()
    named = set(re.findall(r"`(examples/[^`]+\.(?:md|yaml))`", section))
    assert named == flagged
    summary = payload["summary"]
    assert f"in {summary['files_with_problems']} of {summary['files']} files." in section
    assert f"flags {summary['files_with_problems']} of the {summary['files']} files" in section
    for code in {d["code"] for d in payload["diagnostics"] if d["path"] != "examples/adverts/growth-hacker-draft.md"}:
        assert code in section


def test_quick_start_summary_line_has_the_shape_the_text_format_prints():
    result = rolelint("check", "--no-cache", "examples/", cwd=REPO)
    found = [line for line in result.stdout.splitlines() if line.startswith("Found ")]
    assert len(found) == 1, result.stdout[-500:]
    assert re.fullmatch(r"Found \d+ problems \(\d+ errors, \d+ warnings, \d+ info\) in 2 of 7 files\.", found[0])
    skipped = [line for line in result.stdout.splitlines() if line.startswith("Skipped ")]
    section = quick_start()
    assert ("are not formats rolelint reads" in section) == bool(skipped), skipped


def test_the_editor_section_installs_the_language_server_from_a_clone():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("## In your editor")
    section = text[start : text.index("\n## ", start + 1)]
    # Like the quick start and the page, the editor server installs in one command from a clone.
    [command] = re.findall(r"^python3 -m venv \.venv && .*$", section, re.M)
    assert ".venv/bin/pip install '.[lsp]'" in command
    assert re.search(r"^lsp = \[", (REPO / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    result = rolelint("lsp", "--help", cwd=REPO)
    assert result.returncode == 0 and "--tcp" in result.stdout
    assert command.endswith(".venv/bin/rolelint lsp --help")


# VS Code's language id for each suffix the language server lints (VS Code opens .jsonld as JSON).
VSCODE_LANGUAGES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".txt": "plaintext",
    ".html": "html",
    ".htm": "html",
    ".jsonld": "json",
}


def test_the_vs_code_example_starts_the_server_for_every_file_it_lints():
    pytest.importorskip("pygls")
    from rolelint.lsp.server import SUFFIXES

    text = (REPO / "docs" / "editors.md").read_text(encoding="utf-8")
    listed = json.loads(re.search(r'"glspc\.server\.languageId": (\[[^\]]*\])', text).group(1))
    assert {VSCODE_LANGUAGES[suffix] for suffix in SUFFIXES} <= set(listed)
