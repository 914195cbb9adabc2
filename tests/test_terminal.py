"""Terminal conventions through the real command line: colour (NO_COLOR, FORCE_COLOR, TERM=dumb),
--quiet, --statistics, --diff, --format concise, the caret line, and exit 2 for a missing path."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write
from test_cli import ROLE_WITH_TYPO, rolelint

from rolelint.diagnostics import Diagnostic, Severity
from rolelint.reporters.text import _excerpt
from rolelint.terminal import color_wanted

FIXABLE = "# Developer\n\nYou know java script and ruby on rail. Our chairman says hi.\n"


def on_a_terminal(*args: str, cwd: Path, env: dict[str, str]) -> str:
    """Run rolelint with its standard output on a pseudo-terminal, as in a person's shell."""
    primary, secondary = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM", "CI")}
    run = subprocess.Popen(
        [sys.executable, "-m", "rolelint", *args],
        cwd=cwd,
        stdout=secondary,
        stderr=subprocess.DEVNULL,
        env={**environment, "TERM": "xterm", **env},
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    run.wait(timeout=120)
    os.close(primary)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({}, True),
        ({"NO_COLOR": "1"}, False),
        ({"NO_COLOR": ""}, True),
        ({"TERM": "dumb"}, False),
        ({"TERM": "dumb", "FORCE_COLOR": "1"}, True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_on_a_terminal_follows_the_environment(repo, env, coloured):
    write(repo, "roles/pm.yaml", ROLE_WITH_TYPO)
    output = on_a_terminal("check", "--no-cache", "--select", "RL0", cwd=repo, env=env)
    assert "RL011" in output
    assert ("\x1b[" in output) is coloured


def test_force_color_colours_a_pipe_and_the_flags_win_over_the_environment(repo):
    write(repo, "roles/pm.yaml", ROLE_WITH_TYPO)
    environment = {**os.environ, "FORCE_COLOR": "1"}
    forced = subprocess.run(
        [sys.executable, "-m", "rolelint", "check", "--select", "RL0"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=environment,
    )
    assert "\x1b[" in forced.stdout
    plain = subprocess.run(
        [sys.executable, "-m", "rolelint", "check", "--select", "RL0", "--no-color"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=environment,
    )
    assert "\x1b[" not in plain.stdout
    no_color = {**os.environ, "NO_COLOR": "1"}
    flagged = subprocess.run(
        [sys.executable, "-m", "rolelint", "check", "--select", "RL0", "--color"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=no_color,
    )
    assert "\x1b[" in flagged.stdout


def test_machine_formats_are_never_coloured():
    assert not color_wanted(True, "json") and not color_wanted(None, "sarif", environ={"FORCE_COLOR": "1"})


def test_quiet_prints_the_findings_only(repo):
    write(repo, "roles/pm.yaml", ROLE_WITH_TYPO)
    quiet = rolelint("check", "--select", "RL0", "-q", cwd=repo)
    assert quiet.returncode == 1 and "RL011" in quiet.stdout and "Found" not in quiet.stdout
    baseline = rolelint("check", "--select", "RL0", "-q", "--write-baseline", "base.json", cwd=repo)
    assert baseline.returncode == 0 and baseline.stderr == ""
    clean = rolelint("check", "--select", "RL0", "--quiet", "--baseline", "base.json", cwd=repo)
    assert clean.returncode == 0 and clean.stdout == "" and clean.stderr == ""
    concise = rolelint("check", "--select", "RL0", "-q", "--format", "concise", cwd=repo)
    assert all(line.startswith("roles/pm.yaml:") for line in concise.stdout.splitlines())


def test_statistics_count_findings_per_rule(repo):
    write(repo, "a.md", FIXABLE)
    write(repo, "b.md", "# Java script developer\n\nWe need java script.\n")
    run = rolelint("check", "--no-cache", "--select", "RL109,RL126", "--statistics", cwd=repo)
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        "4  RL126  misspelt-technology  warning  [4 fixable]",
        "1  RL109  gendered-terms       info     [1 fixable]",
    ]
    rows = json.loads(
        rolelint("check", "--no-cache", "--select", "RL109,RL126", "--statistics", "--format", "json", cwd=repo).stdout
    )
    assert [(r["code"], r["count"]) for r in rows] == [("RL126", 4), ("RL109", 1)]
    wrong = rolelint("check", "--statistics", "--format", "sarif", cwd=repo)
    assert wrong.returncode == 2 and "--statistics" in wrong.stderr


def test_diff_previews_the_fixes_and_writes_nothing(repo):
    advert = write(repo, "a.md", FIXABLE)
    run = rolelint("check", "--no-cache", "--diff", cwd=repo)
    assert run.returncode == 1, run.stderr
    assert run.stdout.splitlines()[:2] == ["--- a/a.md", "+++ b/a.md"]
    assert "+You know JavaScript and Ruby on Rails. Our chair says hi." in run.stdout.splitlines()
    assert advert.read_text(encoding="utf-8") == FIXABLE
    assert "3 fixes would be applied" in run.stderr
    applied = (
        subprocess.run(["patch", "-p1", "--dry-run"], cwd=repo, input=run.stdout, capture_output=True, text=True)
        if os.path.exists("/usr/bin/patch")
        else None
    )
    assert applied is None or applied.returncode == 0, applied.stdout + applied.stderr


def test_diff_names_an_absolute_path_as_git_does(repo, tmp_path_factory):
    inside = write(repo, "a.md", FIXABLE)
    run = rolelint("check", "--no-cache", "--diff", str(inside), cwd=repo)
    assert run.stdout.splitlines()[:2] == ["--- a/a.md", "+++ b/a.md"]  # inside the working directory
    outside = write(tmp_path_factory.mktemp("elsewhere"), "b.md", FIXABLE)
    run = rolelint("check", "--no-cache", "--diff", str(outside), cwd=repo)
    name = str(outside).lstrip("/")
    assert run.stdout.splitlines()[:2] == [f"--- a/{name}", f"+++ b/{name}"]  # not a//tmp/...
    applied = (
        subprocess.run(["patch", "-p1", "--dry-run"], cwd="/", input=run.stdout, capture_output=True, text=True)
        if os.path.exists("/usr/bin/patch")
        else None
    )
    assert applied is None or applied.returncode == 0, applied.stdout + applied.stderr


def test_diff_with_nothing_to_fix_exits_0_and_with_fix_is_a_usage_error(repo):
    write(repo, "a.md", "# Developer\n\nYou will build things.\n")
    run = rolelint("check", "--no-cache", "--diff", "--select", "RL126", cwd=repo)
    assert run.returncode == 0 and run.stdout == ""
    both = rolelint("check", "--diff", "--fix", cwd=repo)
    assert both.returncode == 2 and "--diff" in both.stderr


def test_concise_is_one_line_per_finding(repo):
    write(repo, "roles/pm.yaml", ROLE_WITH_TYPO)
    run = rolelint("check", "--select", "RL0", "--format", "concise", cwd=repo)
    *findings, summary = run.stdout.splitlines()
    assert findings and all(line.startswith("roles/pm.yaml:") and line.endswith("]") for line in findings)
    assert "roles/pm.yaml:3:1: RL011 unknown key `titel`" in findings[-1] or any(
        line.startswith("roles/pm.yaml:3:1: RL011 unknown key `titel`") for line in findings
    )
    assert summary.startswith("Found ")


def test_a_missing_path_exits_2_and_the_rest_is_still_linted(repo):
    write(repo, "roles/pm.yaml", ROLE_WITH_TYPO)
    run = rolelint("check", "--select", "RL0", "roles/pm.yaml", "roles/gone.yaml", cwd=repo)
    assert run.returncode == 2
    assert "rolelint: error: roles/gone.yaml: no such file or directory" in run.stderr
    assert "RL011" in run.stdout


def _diagnostic(column: int, end_column: int, end_line: int = 1) -> Diagnostic:
    return Diagnostic(
        path="a.md",
        line=1,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code="RL104",
        severity=Severity.WARNING,
        message="m",
        rule="r",
    )


def _caret(diagnostic: Diagnostic, text: str) -> tuple[str, str]:
    source, caret = _excerpt(diagnostic, text, lambda value, **_: value)
    return source.split("| ", 1)[1], caret.split("| ", 1)[1]


def test_caret_stays_under_the_span():
    shown, caret = _caret(_diagnostic(5, 8), "abc defgh")
    assert shown == "abc defgh" and caret == "    ^^^"


def test_caret_of_a_multi_line_span_stops_at_the_end_of_the_first_line():
    shown, caret = _caret(_diagnostic(5, 3, end_line=3), "abc defgh")
    assert caret == "    ^^^^^" and len(caret) == len(shown)


def test_caret_is_clipped_to_the_window_of_a_long_line():
    text = "x" * 300
    shown, caret = _caret(_diagnostic(250, 299), text)
    assert shown.startswith("…") and not shown.endswith("…")
    assert len(caret) <= len(shown) and caret.strip() == "^" * len(caret.strip())
    shown, caret = _caret(_diagnostic(10, 290), text)  # a span longer than the window
    assert shown.endswith("…") and len(caret) < len(shown)


def test_caret_counts_wide_characters_as_two_columns():
    shown, caret = _caret(_diagnostic(3, 5), "招聘经理 wanted")
    assert caret == "    ^^^^"


def test_a_suggestion_of_several_lines_keeps_its_lines_aligned():
    from rolelint.api import LintResult
    from rolelint.reporters.text import render_text

    finding = Diagnostic(
        "adverts/pm.md", 1, 1, 1, 4, "RL316", Severity.INFO, "inferred role level", suggestion="role: pm\nlevel: senior"
    )
    text = render_text(LintResult(diagnostics=(finding,), files=("adverts/pm.md",), sources={}))
    assert "     = suggestion: role: pm\n                   level: senior\n" in text
    assert "\\x0a" not in text
