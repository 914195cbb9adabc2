"""Config discovery, validation and its errors (which the CLI turns into exit 2)."""

from __future__ import annotations

import os

import pytest
from conftest import write

from rolelint.config import ConfigError, load_config


def test_no_config_gives_defaults_rooted_at_cwd(tmp_path):
    config = load_config(cwd=tmp_path)
    assert config.path is None and config.root == tmp_path.resolve()


def test_config_found_by_walking_up(tmp_path):
    write(tmp_path, ".rolelint.yaml", "fail_on: error\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    config = load_config(cwd=nested)
    assert config.fail_on == "error"
    assert config.root == tmp_path.resolve()


def test_pyproject_tool_table(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.rolelint]\nfail_on = 'info'\nselect = ['RL1']\n")
    config = load_config(cwd=tmp_path)
    assert (config.fail_on, config.select) == ("info", ("RL1",))


def test_pyproject_without_table_is_not_a_config(tmp_path):
    write(tmp_path, "pyproject.toml", "[project]\nname = 'x'\n")
    assert load_config(cwd=tmp_path).path is None


def test_a_pyproject_table_that_is_not_valid_toml_is_an_error_not_ignored(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.rolelint\nfail_on = 'info'\n")
    with pytest.raises(ConfigError, match="pyproject.toml: cannot read TOML"):
        load_config(cwd=tmp_path)


def test_a_pyproject_that_is_not_valid_toml_and_names_no_rolelint_table_is_not_a_config(tmp_path):
    write(tmp_path, "pyproject.toml", "[project\nname = 'x'\n")
    assert load_config(cwd=tmp_path).path is None


def test_a_pyproject_that_is_not_utf8_is_skipped_unless_it_names_a_rolelint_table(tmp_path):
    (tmp_path / "pyproject.toml").write_bytes("[project]\nname = 'caf\u00e9'\n".encode("cp1252"))
    assert load_config(cwd=tmp_path).path is None
    (tmp_path / "pyproject.toml").write_bytes("[tool.rolelint]\n# caf\u00e9\n".encode("cp1252"))
    with pytest.raises(ConfigError, match="pyproject.toml: cannot read TOML"):
        load_config(cwd=tmp_path)


def test_a_config_that_is_not_utf8_says_to_save_it_as_utf8(tmp_path):
    (tmp_path / ".rolelint.yaml").write_bytes("fail_on: error # caf\u00e9\n".encode("cp1252"))
    with pytest.raises(ConfigError) as raised:
        load_config(cwd=tmp_path)
    message = str(raised.value)
    assert ".rolelint.yaml:1:" in message and "invalid UTF-8" in message and message.endswith("save it as UTF-8")
    assert "encoding_fallback" not in message


def test_rolelint_yaml_wins_over_pyproject(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.rolelint]\nfail_on = 'info'\n")
    write(tmp_path, ".rolelint.yaml", "fail_on: error\n")
    assert load_config(cwd=tmp_path).fail_on == "error"


def test_unknown_key_names_it_and_suggests(tmp_path):
    write(tmp_path, ".rolelint.yaml", "fail_onn: error\n")
    with pytest.raises(ConfigError) as raised:
        load_config(cwd=tmp_path)
    assert "fail_onn" in str(raised.value) and "did you mean `fail_on`" in str(raised.value)


def test_bad_enum_value_lists_accepted_values(tmp_path):
    write(tmp_path, ".rolelint.yaml", "fail_on: sometimes\n")
    with pytest.raises(ConfigError) as raised:
        load_config(cwd=tmp_path)
    assert "`fail_on`" in str(raised.value) and "never" in str(raised.value)


def test_invalid_yaml_config_gives_its_position(tmp_path):
    write(tmp_path, ".rolelint.yaml", "select: [RL1\n")
    with pytest.raises(ConfigError) as raised:
        load_config(cwd=tmp_path)
    # The unclosed `[` is reported where it opens, not at the end of the file where the parser gave up.
    assert ".rolelint.yaml:1:9" in str(raised.value)
    assert "never closed" in str(raised.value)


def test_config_that_is_not_a_mapping(tmp_path):
    write(tmp_path, ".rolelint.yaml", "- a\n")
    with pytest.raises(ConfigError, match="mapping"):
        load_config(cwd=tmp_path)


def test_explicit_missing_config(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.yaml", cwd=tmp_path)


def test_rule_settings_are_read(tmp_path):
    write(tmp_path, ".rolelint.yaml", "rules:\n  RL201:\n    severity: error\n    options: {max: 5}\n")
    settings = load_config(cwd=tmp_path).rules["RL201"]
    assert settings.severity.label == "error" and settings.options == {"max": 5}


def test_kinds_globs_classify_paths(tmp_path):
    write(tmp_path, ".rolelint.yaml", "kinds:\n  role: ['roles/**/*.yaml']\n")
    config = load_config(cwd=tmp_path)
    assert config.kind_for("roles/pm/senior.yaml") == "role"
    assert config.kind_for("adverts/x.md") is None


# --- rule options are checked when the config loads ---------------------------------------------


@pytest.mark.parametrize(
    "rules, says",
    [
        ("RL201: {options: {max: ten}}", "option 'max' of rule RL201 (too-many-essentials) should be integer"),
        ("RL201: {options: {maximum: 3}}", "rule RL201 (too-many-essentials) has no option 'maximum'"),
        (
            "RL312: {options: {min_similarity: 2}}",
            "option 'min_similarity' of rule RL312 (duplicate-role) should be between 0.3 and 1",
        ),
        ("RL101: {options: {anything: 1}}", "rule RL101 (placeholder-text) has no option 'anything'"),
    ],
)
def test_a_bad_rule_option_exits_2_before_any_file_is_read(tmp_path, rules, says):
    import subprocess
    import sys

    (tmp_path / ".rolelint.yaml").write_text(f"rules:\n  {rules}\n", encoding="utf-8")
    fifo = tmp_path / "advert.md"
    os.mkfifo(fifo)  # reading it would wait for a writer for ever: the run must stop before
    run = subprocess.run(
        [sys.executable, "-m", "rolelint", "check", "--no-cache", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stdout + run.stderr
    assert says in run.stderr and "Traceback" not in run.stderr
    assert run.stdout == ""
