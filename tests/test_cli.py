"""The command line as a user meets it: exit codes, output formats, subcommands, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write

BROKEN_ROLE = "kind: role\nid: pm\ntitle: [Product manager\nframework: pm\n"
ROLE_WITH_TYPO = "kind: role\nid: pm\ntitel: Product manager\nframework: pm\nlevels: [{level: senior}]\n"


def rolelint(*args: str, cwd: Path, input_text: str | None = None) -> subprocess.CompletedProcess:
    """Run the real console entry point in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "rolelint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        input=input_text,
        timeout=300,
    )


def test_clean_repo_exits_0(repo):
    write(repo, "roles/pm.yaml", "kind: role\nid: pm\ntitle: Product manager\nframework: pm\nlevels: [{level: a}]\n")
    result = rolelint("check", "--select", "RL0", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems found in 1 file." in result.stdout


def test_findings_exit_1_and_print_path_line_col_code(repo):
    write(repo, "roles/pm.yaml", ROLE_WITH_TYPO)
    result = rolelint("check", "--select", "RL0", cwd=repo)
    assert result.returncode == 1
    assert "roles/pm.yaml:3:1: RL011 unknown key `titel`" in result.stdout
    assert "   3 | titel: Product manager" in result.stdout
    assert "^^^^^" in result.stdout
    assert "Found 2 problems" in result.stdout


def test_text_output_has_no_colour_when_piped(repo):
    write(repo, "roles/pm.yaml", ROLE_WITH_TYPO)
    assert "\x1b[" not in rolelint("check", "--select", "RL0", cwd=repo).stdout


def test_colour_can_be_forced(repo):
    write(repo, "roles/pm.yaml", ROLE_WITH_TYPO)
    assert "\x1b[" in rolelint("check", "--select", "RL0", "--color", cwd=repo).stdout


def test_malformed_yaml_among_valid_files_exits_1_and_lints_the_rest(repo):
    write(repo, "roles/broken.yaml", BROKEN_ROLE)
    write(repo, "roles/typo.yaml", ROLE_WITH_TYPO)
    result = rolelint("check", "--select", "RL0", "--format", "json", cwd=repo)
    assert result.returncode == 1
    found = {(d["path"], d["code"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert ("roles/broken.yaml", "RL001") in found
    assert ("roles/typo.yaml", "RL011") in found


def test_json_shape_is_documented_and_versioned(repo):
    write(repo, "roles/pm.yaml", ROLE_WITH_TYPO)
    payload = json.loads(rolelint("check", "--select", "RL0", "--format", "json", cwd=repo).stdout)
    assert payload["version"] == 1
    assert payload["tool"]["name"] == "rolelint"
    item = payload["diagnostics"][0]
    for key in ("path", "line", "column", "end_line", "end_column", "code", "severity", "message", "rule"):
        assert key in item
    assert payload["summary"]["total"] == len(payload["diagnostics"])
    assert payload["summary"]["files"] == 1


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("never", 0), ("warning", 1)])
def test_fail_on_threshold(repo, fail_on, code):
    write(repo, "roles/pm.yaml", ROLE_WITH_TYPO)
    assert rolelint("check", "--select", "RL0", "--fail-on", fail_on, cwd=repo).returncode == code


def test_info_findings_do_not_fail_by_default(repo):
    write(repo, "notes.yaml", "title: notes\n")
    result = rolelint("check", "--select", "RL0", cwd=repo)
    assert result.returncode == 0 and "RL006" in result.stdout
    assert rolelint("check", "--select", "RL0", "--fail-on", "info", cwd=repo).returncode == 1


def test_config_fail_on_is_the_default_threshold(repo):
    write(repo, ".rolelint.yaml", "kinds: {role: ['roles/**']}\nfail_on: never\n")
    write(repo, "roles/pm.yaml", ROLE_WITH_TYPO)
    assert rolelint("check", "--select", "RL0", cwd=repo).returncode == 0


def test_unknown_config_key_exits_2_naming_it(repo):
    write(repo, ".rolelint.yaml", "selectt: [RL1]\n")
    result = rolelint("check", cwd=repo)
    assert result.returncode == 2
    assert "selectt" in result.stderr and "did you mean `select`" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_rule_code_in_config_exits_2(repo):
    write(repo, ".rolelint.yaml", "rules:\n  RL999: {severity: error}\n")
    result = rolelint("check", cwd=repo)
    assert result.returncode == 2 and "rules.RL999" in result.stderr


def test_unknown_select_code_exits_2(repo):
    result = rolelint("check", "--select", "XX1", cwd=repo)
    assert result.returncode == 2 and "--select" in result.stderr and "XX1" in result.stderr


def test_unknown_extend_ignore_code_exits_2_naming_the_flag(repo):
    result = rolelint("check", "--extend-ignore", "RL9X", cwd=repo)
    assert result.returncode == 2 and "--extend-ignore" in result.stderr and "RL9X" in result.stderr


def test_extend_ignore_keeps_the_configs_ignore_list(repo):
    write(repo, ".rolelint.yaml", "kinds: {role: ['roles/**']}\nignore: [RL010]\n")
    write(repo, "roles/pm.yaml", "kind: role\nid: pm\nframework: pm\ntypo: 1\nlevels: [{level: a}]\n")

    def codes(*flags: str) -> set[str]:
        result = rolelint("check", "--format", "json", "--select", "RL0", *flags, cwd=repo)
        return {item["code"] for item in json.loads(result.stdout)["diagnostics"]}

    everything = codes("--ignore", "RL2")  # --ignore replaces the config's list: RL010 is back
    assert "RL011" in everything and "RL010" in everything
    assert "RL010" not in codes()
    assert codes("--extend-ignore", "RL011") == set()
    assert codes("--extend-ignore", "RL3") == {"RL011"}


def test_bad_flag_value_exits_2(repo):
    result = rolelint("check", "--fail-on", "sometimes", cwd=repo)
    assert result.returncode == 2 and "--fail-on" in result.stderr


def test_severity_override_from_config(repo):
    write(repo, ".rolelint.yaml", "kinds: {role: ['roles/**']}\nrules:\n  RL011: {severity: info}\n")
    write(repo, "roles/pm.yaml", "kind: role\nid: pm\ntitle: PM\nframework: pm\ntypo: 1\nlevels: [{level: a}]\n")
    result = rolelint("check", "--format", "json", "--select", "RL0", cwd=repo)
    [item] = json.loads(result.stdout)["diagnostics"]
    assert item["severity"] == "info" and result.returncode == 0


def test_rule_can_be_disabled_in_config(repo):
    write(repo, ".rolelint.yaml", "kinds: {role: ['roles/**']}\nrules:\n  RL011: {enabled: false}\n")
    write(repo, "roles/pm.yaml", "kind: role\nid: pm\ntitle: PM\nframework: pm\ntypo: 1\nlevels: [{level: a}]\n")
    assert rolelint("check", "--select", "RL0", cwd=repo).returncode == 0


def test_rules_lists_every_rule_as_json(repo):
    payload = json.loads(rolelint("rules", "--format", "json", cwd=repo).stdout)
    codes = [r["code"] for r in payload["rules"]]
    assert "RL001" in codes and "RL011" in codes
    assert all(r["summary"] for r in payload["rules"])


def test_rule_prints_its_documentation(repo):
    result = rolelint("rule", "RL011", cwd=repo)
    assert result.returncode == 0
    for heading in ("What it does", "Why is this bad?", "Example", "Use instead"):
        assert f"## {heading}" in result.stdout


def test_rule_accepts_a_name(repo):
    assert "RL011 unknown-key" in rolelint("rule", "unknown-key", cwd=repo).stdout


def test_unknown_rule_exits_2_with_suggestion(repo):
    result = rolelint("rule", "RL01", cwd=repo)
    assert result.returncode == 2 and "did you mean" in result.stderr


def test_schema_prints_valid_json(repo):
    schema = json.loads(rolelint("schema", "framework", cwd=repo).stdout)
    assert schema["$schema"].endswith("2020-12/schema")


def test_init_scaffolds_a_repo_that_passes_schema_checks(tmp_path):
    result = rolelint("init", "team", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "team" / ".rolelint.yaml").is_file()
    assert (tmp_path / "team" / ".pre-commit-config.yaml").is_file()
    check = rolelint("check", "--select", "RL0", cwd=tmp_path / "team")
    assert check.returncode == 0, check.stdout
    again = rolelint("init", "team", cwd=tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr


def test_python_dash_m_and_version(repo):
    result = rolelint("--version", cwd=repo)
    assert result.returncode == 0 and "rolelint" in result.stdout


def test_import_ddat_command(tmp_path, corpus):
    csv = corpus / "ddat-capability-framework" / "official-csv"
    result = rolelint("import", "ddat", str(csv / "roles.csv"), str(csv / "skills.csv"), "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "52 roles" in result.stdout
    assert (tmp_path / "out" / "frameworks" / "ddat.yaml").is_file()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"Name,Title\nWidget,Manager\n", "missing column(s) Role Family"),
        (b"", "it has no header row"),
        (b"\xcf\x80\xff\xfe\x00 not text", "not UTF-8 text"),
    ],
)
def test_import_ddat_of_a_csv_that_is_not_the_export_is_a_usage_error(tmp_path, content, says):
    (tmp_path / "other.csv").write_bytes(content)
    result = rolelint("import", "ddat", "other.csv", "other.csv", "-o", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("rolelint: error: other.csv: not a DDaT export") and says in result.stderr
    assert "internal error" not in result.stderr and not (tmp_path / "out").exists()


def test_config_is_found_from_the_linted_path(tmp_path):
    write(tmp_path, "team/.rolelint.yaml", "kinds: {role: ['roles/**']}\n")
    write(tmp_path, "team/roles/pm.yaml", "id: pm\ntitel: x\n")
    result = rolelint("check", "--select", "RL0", "team", cwd=tmp_path)
    assert "team/roles/pm.yaml:2:1: RL011" in result.stdout


def test_codes_in_the_config_may_be_lower_case_as_on_the_command_line(repo):
    write(repo, ".rolelint.yaml", "kinds: {role: ['roles/**']}\nselect: [rl0]\nignore: [rl010]\n")
    write(repo, "roles/pm.yaml", "kind: role\nid: pm\nframework: pm\ntypo: 1\nlevels: [{level: a}]\n")
    result = rolelint("check", "--format", "json", cwd=repo)
    assert {item["code"] for item in json.loads(result.stdout)["diagnostics"]} == {"RL011"}


def test_a_code_typed_with_a_letter_for_a_digit_gets_the_code_as_its_hint(repo):
    result = rolelint("check", "--select", "RL1O4", cwd=repo)
    assert result.returncode == 2 and "did you mean 'RL104'?" in result.stderr


def test_an_unknown_rule_in_the_config_names_the_config_file(repo):
    write(repo, ".rolelint.yaml", "rules:\n  RL999: {severity: error}\n")
    result = rolelint("check", cwd=repo)
    assert result.returncode == 2 and ".rolelint.yaml: `rules.RL999`" in result.stderr
