"""`rolelint check - --stdin-filename NAME`: standard input linted as NAME (format and config from it)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from conftest import write


def _check(cwd: Path, data: bytes, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rolelint", "check", "-", "--no-cache", "--format", "json", *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        timeout=300,
    )


def _found(run) -> list[tuple[str, int, int, str]]:
    return [(d["path"], d["line"], d["column"], d["code"]) for d in json.loads(run.stdout)["diagnostics"]]


def test_the_name_chooses_the_format_and_positions_are_in_the_text_given(tmp_path):
    run = _check(
        tmp_path,
        b"<h1>Data ninja</h1>\n<p>We &amp; you want a rockstar.</p>\n",
        "--stdin-filename",
        "jobs/analyst.html",
        "--select",
        "RL104",
        "--fail-on",
        "info",
    )
    assert _found(run) == [("jobs/analyst.html", 1, 10, "RL104"), ("jobs/analyst.html", 2, 24, "RL104")]
    assert run.returncode == 1


def test_without_a_name_standard_input_is_a_markdown_advert(tmp_path):
    run = _check(tmp_path, b"# Data ninja\n", "--select", "RL104")
    assert _found(run) == [("advert.md", 1, 8, "RL104")]


def test_the_name_chooses_the_config_of_its_folder(tmp_path):
    write(tmp_path, "team/.rolelint.yaml", "ignore: [RL104]\n")
    text = b"# Data ninja\n\nWe want a rockstar.\n"
    assert _found(_check(tmp_path, text, "--stdin-filename", "team/a.md", "--select", "RL104")) == []
    assert len(_found(_check(tmp_path, text, "--stdin-filename", "other/a.md", "--select", "RL104"))) == 2


def test_a_word_document_can_come_through_standard_input(tmp_path):
    import docx

    word = docx.Document()
    word.add_paragraph("Data analyst")
    word.add_paragraph("We want a rockstar.")
    buffer = io.BytesIO()
    word.save(buffer)
    run = _check(tmp_path, buffer.getvalue(), "--stdin-filename", "a.docx", "--select", "RL104")
    assert _found(run) == [("a.docx", 2, 11, "RL104")]


def test_dash_with_other_paths_or_fix_is_a_usage_error(tmp_path):
    write(tmp_path, "a.md", "Text.\n")
    for args in (["a.md"], ["--fix"]):
        run = _check(tmp_path, b"Text.\n", *args)
        assert run.returncode == 2 and b"Traceback" not in run.stderr and b"standard input" in run.stderr


def test_stdin_filename_without_dash_is_a_usage_error(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "rolelint", "check", "a.md", "--stdin-filename", "a.md"],
        capture_output=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert run.returncode == 2 and b"give `-`" in run.stderr


def test_a_folder_run_reports_files_no_format_reads_once_in_its_summary(tmp_path):
    write(tmp_path, "adverts/a.md", "# Data analyst\n")
    for name in ("adverts/b.pdf", "adverts/old/c.pdf", "adverts/d.odt"):
        write(tmp_path, name, b"%PDF")
    run = subprocess.run(
        [sys.executable, "-m", "rolelint", "check", ".", "--no-cache", "--select", "RL104"],
        capture_output=True,
        cwd=tmp_path,
        timeout=300,
        text=True,
    )
    assert run.stdout.count("Skipped") == 1
    assert "Skipped 3 files that no input format reads: .pdf (2), .odt (1)" in run.stdout
    payload = subprocess.run(
        [sys.executable, "-m", "rolelint", "check", ".", "--no-cache", "--select", "RL104", "--format", "json"],
        capture_output=True,
        cwd=tmp_path,
        timeout=300,
        text=True,
    )
    assert json.loads(payload.stdout)["summary"]["skipped"] == {".pdf": 2, ".odt": 1}
    assert not any(d["path"].endswith((".pdf", ".odt")) for d in json.loads(payload.stdout)["diagnostics"])


def test_rolelint_s_own_reports_are_not_counted_as_files_no_format_reads(tmp_path):
    write(tmp_path, "adverts/a.md", "# Data analyst\n")
    write(tmp_path, "adverts/feed.xml", "<jobs/>\n")  # an XML file of someone else's: still counted

    def check(*args: str) -> str:
        command = [sys.executable, "-m", "rolelint", "check", ".", "--no-cache", "--select", "RL104", *args]
        return subprocess.run(command, capture_output=True, cwd=tmp_path, timeout=300, text=True).stdout

    ci = ("--output-file", "sarif:rolelint.sarif", "--output-file", "junit:reports/rolelint.xml")  # as docs/ci.md
    check(*ci)
    assert (tmp_path / "rolelint.sarif").is_file() and (tmp_path / "reports" / "rolelint.xml").is_file()
    # the same command again: its own reports are neither read nor counted
    assert "Skipped 1 file that no input format reads: .xml (1)" in check(*ci)
    # another run: a SARIF file is never an advert; the JUnit report is an XML file like any other
    assert "Skipped 2 files that no input format reads: .xml (2)" in check()
