"""The whole-document note is a field of the finding (``about_whole``) that reports render, not part of
its message. A baseline written while the note was in the message
(tests/data/whole-document-baseline.json, written by rolelint at 20dbc91 from the adverts below)
still hides every finding it recorded, and reports read as before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import rolelint
from rolelint.baseline import fingerprint
from rolelint.diagnostics import Diagnostic, Severity, finding_from_dict, finding_to_dict
from rolelint.source import SourceText

BASELINE = Path(__file__).resolve().parent / "data" / "whole-document-baseline.json"
NOTE = " (about the whole advert; shown where its text starts)"
ADVERTS = {
    # front matter, then a body too short and without pay or sections: RL207, RL208, RL209
    "adverts/analyst.md": "---\nlayout: job\ntitle: Data analyst\n---\n\nWe analyse data for the council.\n",
    "adverts/draft.txt": "Data analyst\n\nJoin us to analyse data. Hey guys, we want a rockstar.\n",
}


def write_repo(root: Path) -> None:
    # RL209 asks for the subjects it asked for when the baseline was written (it now also asks what
    # is offered), so that its findings are the ones the baseline recorded
    config = (
        "kinds: {advert: ['adverts/**']}\n"
        "rules: {RL209: {options: {required: [about, responsibilities, essential, location, apply]}}}\n"
    )
    (root / ".rolelint.yaml").write_text(config, encoding="utf-8")
    for name, text in ADVERTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def lint(root: Path):
    return rolelint.Linter(start=root).lint_paths(["adverts"], cwd=root)


def test_a_baseline_written_when_the_note_was_in_the_message_still_matches(tmp_path, monkeypatch):
    write_repo(tmp_path)
    shutil.copy(BASELINE, tmp_path / "baseline.json")
    monkeypatch.chdir(tmp_path)
    result = lint(tmp_path)
    assert sum(d.about_whole == "advert" for d in result.diagnostics) == 6
    left, hidden = rolelint.apply_baseline(result, tmp_path / "baseline.json", cwd=tmp_path)
    assert left.diagnostics == () and hidden == len(result.diagnostics) == 8


def test_the_note_is_a_field_that_reports_render(tmp_path, monkeypatch):
    write_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = lint(tmp_path)
    whole = [d for d in result.diagnostics if d.about_whole]
    assert whole and not any(NOTE in d.message for d in result.diagnostics)
    assert all(d.full_message == d.message + NOTE for d in whole)
    for fmt in ("text", "concise", "github", "junit", "sarif"):
        assert rolelint.render_report(fmt, result).count("about the whole advert") >= len(whole), fmt
    reported = json.loads(rolelint.render_report("json", result))
    messages = [item["message"] for item in (reported["diagnostics"] if isinstance(reported, dict) else reported)]
    assert sum(m.endswith(NOTE) for m in messages) == len(whole)


def test_a_finding_without_context_is_fingerprinted_with_its_note_as_before():
    source = SourceText("adverts/a.md", "We analyse data.\n")
    base = dict(path="adverts/a.md", line=1, column=1, end_line=1, end_column=3, code="RL900", severity=Severity.INFO)
    before = Diagnostic(**base, message="Too short" + NOTE)  # the note in the message, as it used to be
    now = Diagnostic(**base, message="Too short", about_whole="advert")
    assert fingerprint(now, source) == fingerprint(before, source)


def test_the_note_survives_the_result_cache():
    from rolelint.diagnostics import Finding

    finding = Finding("RL207", "Too short", 0, 5, context="document_words below min", about_whole="advert")
    assert finding_from_dict(json.loads(json.dumps(finding_to_dict(finding)))) == finding
