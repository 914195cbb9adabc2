"""Errors people can act on: every failure path says what is wrong and where, with the documented exit
code (2 for usage and configuration, 1 for findings), and only `--debug` shows a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

import rolelint.api
from tests.conftest import write
from tests.hostile.helpers import run_main

ROLE = "kind: role\nid: pm\ntitle: PM\nframework: pm\nlevels: [{level: one}]\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "roles/pm.yaml", ROLE)
    write(tmp_path, "adverts/pm.md", "# Product manager\n\nWe want a ninja.\n")
    write(tmp_path, "afile", "not a directory\n")
    return tmp_path


# (name, files to write, arguments, exit code, what the message must say)
FAILURES = [
    (
        "config-invalid-yaml",
        {".rolelint.yaml": "fail_on: error\nselect: [RL1\n"},
        ["check"],
        2,
        [".rolelint.yaml:2:9: invalid YAML in config", "`[` list that starts here is never closed"],
    ),
    (
        "config-unknown-key",
        {".rolelint.yaml": "fial_on: error\n"},
        ["check"],
        2,
        [".rolelint.yaml: invalid config", "unknown key `fial_on`; did you mean `fail_on`?"],
    ),
    (
        "config-bad-value",
        {".rolelint.yaml": "fail_on: sometimes\n"},
        ["check"],
        2,
        ["`fail_on` is 'sometimes'; accepted values: error, warning, info, never"],
    ),
    (
        "config-not-a-mapping",
        {".rolelint.yaml": "- fail_on\n"},
        ["check"],
        2,
        [".rolelint.yaml: the config must be a mapping of keys, not a list"],
    ),
    (
        "config-bad-bytes",
        {".rolelint.yaml": b"fail_on: \xff\n"},
        ["check"],
        2,
        [".rolelint.yaml:1:10: cannot read config", "byte offset 9"],
    ),
    (
        "config-unknown-rule",
        {".rolelint.yaml": "rules: {RL999: {enabled: false}}\n"},
        ["check"],
        2,
        ["`rules.RL999`: unknown rule code 'RL999'"],
    ),
    (
        "config-bad-option",
        {".rolelint.yaml": "rules: {RL205: {options: {max: lots}}}\n"},
        ["check", "--select", "RL205"],
        2,
        ["option 'max' of rule RL205 (long-sentence) should be integer, got 'lots'"],
    ),
    ("config-missing", {}, ["check", "--config", "nope.yaml"], 2, ["nope.yaml does not exist"]),
    (
        "pyproject-bad-toml",
        {"pyproject.toml": "[tool.rolelint\n"},
        ["check", "--config", "pyproject.toml"],
        2,
        ["pyproject.toml: cannot read TOML", "line 1"],
    ),
    (
        "rule-pack-missing",
        {".rolelint.yaml": "rule_packs: [nowhere/]\n"},
        ["check"],
        2,
        ["nowhere: rule pack directory not found"],
    ),
    (
        "model-missing",
        {".rolelint.yaml": "nlp: {model: no_such_model_xyz}\n"},
        ["check", "--select", "RL104"],
        2,
        ["cannot load spaCy model 'no_such_model_xyz'", "pip install"],
    ),
    ("select-unknown", {}, ["check", "--select", "RL999"], 2, ["`--select`: unknown rule code 'RL999'"]),
    ("unknown-option", {}, ["check", "--frobnicate"], 2, ["No such option '--frobnicate'"]),
    ("bad-format", {}, ["check", "--format", "xml"], 2, ["Invalid value for '--format'", "'xml' is not one of"]),
    (
        "output-file-under-a-file",
        {},
        ["check", "--output-file", "json:afile/out.json"],
        2,
        ["cannot write the json report to afile/out.json: afile is a file, not a directory"],
    ),
    (
        "write-baseline-under-a-file",
        {},
        ["check", "--write-baseline", "afile/baseline.json"],
        2,
        ["cannot write the baseline to afile/baseline.json: afile is a file, not a directory"],
    ),
    (
        "import-ddat-not-an-export",
        {"other.csv": "Name,Title\nWidget,Manager\n"},
        ["import", "ddat", "other.csv", "other.csv", "-o", "out"],
        2,
        ["other.csv: not a DDaT export; missing column(s) Role Family", "its header is Name, Title"],
    ),
    (
        "output-file-bad-spec",
        {},
        ["check", "--output-file", "yaml:out.yaml"],
        2,
        ["'yaml:out.yaml' is not FORMAT:PATH"],
    ),
    ("baseline-missing", {}, ["check", "--baseline", "nope.json"], 2, ["cannot read baseline nope.json"]),
    (
        "baseline-not-json",
        {"base.json": "{{"},
        ["check", "--baseline", "base.json"],
        2,
        ["baseline base.json is not valid JSON", "--write-baseline"],
    ),
    (
        "path-missing",
        {},
        ["check", "--select", "RL0", "nope.md"],
        2,
        ["nope.md:1:1: RL002 no such file or directory", "rolelint: error: nope.md: no such file or directory"],
    ),
    (
        "rule-pack-broken",
        {"pack/XX101-x.yaml": "code: XX101\nname: x\n"},
        ["rules", "test", "pack"],
        2,
        ["pack/XX101-x.yaml: rule XX101", "missing the required keys `severity`"],
    ),
]


@pytest.mark.parametrize(("files", "argv", "code", "says"), [f[1:] for f in FAILURES], ids=[f[0] for f in FAILURES])
def test_each_failure_says_what_and_where_with_its_exit_code_and_no_traceback(repo, capsys, files, argv, code, says):
    for name, content in files.items():
        write(repo, name, content)
    exit_code, out, err = run_main([*argv, "--no-cache"] if argv[0] == "check" else argv, capsys, repo)
    assert exit_code == code, out + err
    for words in says:
        assert words in out + err
    assert "Traceback" not in out + err


@pytest.fixture
def broken_engine(monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(rolelint.api.Linter, "lint_paths", explode)


def test_an_internal_error_is_one_line_without_traceback(repo, capsys, broken_engine):
    code, out, err = run_main(["check", "--no-cache"], capsys, repo)
    assert code == 2
    assert err == (
        "rolelint: internal error: RuntimeError: boom (run with --debug for the traceback, and please report it)\n"
    )


def test_debug_shows_the_traceback(repo, capsys, broken_engine):
    code, _, err = run_main(["--debug", "check", "--no-cache"], capsys, repo)
    assert code == 2
    assert err.startswith("Traceback (most recent call last):")
    assert "RuntimeError: boom" in err


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_the_debug_environment_variable_shows_the_traceback(repo, capsys, broken_engine, monkeypatch, value):
    monkeypatch.setenv("ROLELINT_DEBUG", value)
    code, _, err = run_main(["check", "--no-cache"], capsys, repo)
    assert code == 2
    assert err.startswith("Traceback (most recent call last):")


def test_debug_does_not_turn_user_errors_into_tracebacks(repo, capsys):
    write(repo, ".rolelint.yaml", "fial_on: error\n")
    code, _, err = run_main(["--debug", "check", "--no-cache"], capsys, repo)
    assert code == 2
    assert "Traceback" not in err and "unknown key `fial_on`" in err


def test_an_interrupt_exits_130_quietly(repo, capsys, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(rolelint.api.Linter, "lint_paths", interrupt)
    code, _, err = run_main(["check", "--no-cache"], capsys, repo)
    assert code == 130
    assert err.strip() == "Interrupted."
