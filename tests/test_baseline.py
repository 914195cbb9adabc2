"""The baseline: content fingerprints that survive lines moving, and multiset matching."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import write
from test_cli import rolelint

from rolelint.baseline import apply_baseline, fingerprint, write_baseline
from rolelint.config import ConfigError
from rolelint.diagnostics import Diagnostic, Severity
from rolelint.source import SourceText

PATH = "adverts/pm.md"


def _findings(text: str, word: str, code: str = "RL104") -> tuple[list[Diagnostic], dict[str, SourceText]]:
    """A diagnostic on every occurrence of ``word`` in ``text``, placed as the engine places them."""
    source = SourceText(PATH, text)
    diagnostics = []
    start = text.find(word)
    while start >= 0:
        line, column = source.position(start)
        end_line, end_column = source.position(start + len(word))
        diagnostics.append(
            Diagnostic(
                PATH,
                line,
                column,
                end_line,
                end_column,
                code,
                Severity.WARNING,
                f"'{word}' is a hype title",
                rule="hype-job-title",
                context=word,
            )
        )
        start = text.find(word, start + 1)
    return diagnostics, {PATH: source}


def _baselined(tmp_path: Path, before: str, after: str, word: str = "rockstar") -> list[Diagnostic]:
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, *_findings(before, word), cwd=tmp_path)
    kept, _ = apply_baseline(*_findings(after, word), baseline, cwd=tmp_path)
    return kept


ADVERT = "# Product manager\n\nWe want a rockstar to lead discovery.\n"


def test_a_baselined_finding_is_not_reported(tmp_path):
    assert _baselined(tmp_path, ADVERT, ADVERT) == []


def test_a_baselined_finding_stays_baselined_when_lines_move(tmp_path):
    moved = "# Product manager\n\nA new first paragraph.\n\nAnother one.\n\n  We want a rockstar   to lead discovery.\n"
    assert _baselined(tmp_path, ADVERT, moved) == []


def test_the_fingerprint_ignores_the_line_number():
    (first,), sources = _findings(ADVERT, "rockstar")
    (moved,), moved_sources = _findings("\n\n\n" + ADVERT, "rockstar")
    assert first.line != moved.line
    assert fingerprint(first, sources[PATH]) == fingerprint(moved, moved_sources[PATH])


def test_a_new_finding_is_reported(tmp_path):
    grown = ADVERT + "\nOur last rockstar left for a start-up.\n"
    kept = _baselined(tmp_path, ADVERT, grown)
    assert [(d.line, d.context) for d in kept] == [(5, "rockstar")]


def test_rewording_the_text_around_a_finding_makes_it_new(tmp_path):
    kept = _baselined(tmp_path, ADVERT, ADVERT.replace("to lead discovery", "to run our roadmap"))
    assert len(kept) == 1


def test_two_identical_findings_with_one_baselined_report_one(tmp_path):
    one = "We want a rockstar.\n"
    kept = _baselined(tmp_path, one, one + "\n" + one)
    assert len(kept) == 1


def test_two_identical_findings_both_baselined_report_none(tmp_path):
    two = "We want a rockstar.\n\nWe want a rockstar.\n"
    assert _baselined(tmp_path, two, "Intro.\n\n" + two) == []


def test_the_baseline_file_is_sorted_json_without_line_numbers(tmp_path):
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, *_findings(ADVERT, "rockstar"), cwd=tmp_path)
    payload = json.loads(baseline.read_text(encoding="utf-8"))
    assert payload["version"] == 1
    assert payload["findings"] == [
        {"fingerprint": payload["findings"][0]["fingerprint"], "code": "RL104", "path": PATH, "context": "rockstar"}
    ]


def test_paths_are_relative_to_the_baseline_file_so_any_working_directory_matches(tmp_path):
    diagnostics, sources = _findings(ADVERT, "rockstar")
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, diagnostics, sources, cwd=tmp_path)
    (sub := tmp_path / "adverts").mkdir()
    from_sub = [
        Diagnostic(
            "pm.md", d.line, d.column, d.end_line, d.end_column, d.code, d.severity, d.message, context=d.context
        )
        for d in diagnostics
    ]
    kept, hidden = apply_baseline(from_sub, {"pm.md": SourceText("pm.md", ADVERT)}, baseline, cwd=sub)
    assert (kept, hidden) == ([], 1)


@pytest.mark.parametrize("content", ["not json", json.dumps({"version": 99, "findings": []}), "[]"])
def test_an_unreadable_baseline_is_a_usage_error(tmp_path, content):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="baseline"):
        apply_baseline([], {}, baseline, cwd=tmp_path)


# --- through the command line ------------------------------------------------------------------

ROLE = "kind: role\nid: pm\ntitel: Product manager\nframework: pm\nlevels: [{level: a}]\n"


def _rolelint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return rolelint("check", "--select", "RL0", "--format", "json", "--no-cache", *args, cwd=cwd)


def _reported(run: subprocess.CompletedProcess) -> list[tuple[str, int, str]]:
    return [(d["path"], d["line"], d["code"]) for d in json.loads(run.stdout)["diagnostics"]]


def test_cli_write_baseline_then_check_with_it_is_clean_even_after_lines_move(repo):
    write(repo, "roles/pm.yaml", ROLE)
    written = _rolelint("--write-baseline", "rolelint-baseline.json", cwd=repo)
    assert written.returncode == 0, written.stderr
    assert "recorded 2 findings" in written.stderr
    write(repo, "roles/pm.yaml", "# The product manager role.\n# Owned by the product community.\n" + ROLE)
    run = _rolelint("--baseline", "rolelint-baseline.json", cwd=repo)
    assert run.returncode == 0, run.stdout
    assert _reported(run) == []
    assert "2 findings recorded in rolelint-baseline.json not reported" in run.stderr


def test_cli_reports_and_fails_on_only_the_new_findings(repo):
    write(repo, "roles/pm.yaml", ROLE)
    _rolelint("--write-baseline", "baseline.json", cwd=repo)
    write(repo, "roles/pm.yaml", "\n" + ROLE.replace("framework: pm", "framework: pm\ndescripton: x"))
    run = _rolelint("--baseline", "baseline.json", cwd=repo)
    assert run.returncode == 1
    assert _reported(run) == [("roles/pm.yaml", 5, "RL011")]


def test_cli_missing_baseline_exits_2(repo):
    run = _rolelint("--baseline", "nowhere.json", cwd=repo)
    assert run.returncode == 2
    assert "cannot read baseline nowhere.json" in run.stderr


def test_cli_baseline_that_cannot_be_written_exits_2_naming_it(repo):
    write(repo, "roles/pm.yaml", ROLE)
    write(repo, "taken", "a file, not a folder\n")
    run = _rolelint("--write-baseline", "taken/baseline.json", cwd=repo)
    assert run.returncode == 2
    assert "rolelint: error: cannot write the baseline to taken/baseline.json: taken is a file" in run.stderr
    assert "internal error" not in run.stderr
