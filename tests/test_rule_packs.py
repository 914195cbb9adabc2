"""Loading user rule packs: every mistake is a RulePackError naming the file, the rule and the key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from rolelint.checks.regex import UnsafeRegex, check_linear
from rolelint.options import OptionError
from rolelint.ruleexamples import rules_test
from rolelint.rulemodel import RulePackError, resolve_options
from rolelint.rulepacks import load_rules

MINIMAL = """
code: ACME101
name: no-widgets
severity: warning
kind: regex
message: "'{match}' is not allowed"
regex:
  pattern: '\\bwidgets?\\b'
  ignore_case: true
docs:
  what: Finds widgets.
  why: We make gadgets.
  example: We sell widgets.
  use_instead: We sell gadgets.
  references: []
examples:
  fail: ["We sell widgets."]
  pass: ["We sell gadgets."]
"""


def pack(tmp_path: Path, text: str = MINIMAL, name: str = "ACME101-no-widgets.yaml") -> Path:
    path = tmp_path / "pack" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path.parent


def test_a_valid_user_pack_loads(tmp_path):
    rules = load_rules([pack(tmp_path)])
    assert list(rules) == ["ACME101"]
    assert rules["ACME101"].needs == frozenset()


def test_schema_error_names_file_rule_and_key(tmp_path):
    directory = pack(tmp_path, MINIMAL.replace("severity: warning", "severity: loud"))
    with pytest.raises(RulePackError) as error:
        load_rules([directory])
    message = str(error.value)
    assert "ACME101-no-widgets.yaml" in message and "ACME101" in message and "`severity`" in message


def test_every_missing_top_level_key_is_named_at_once(tmp_path):
    text = "\n".join(line for line in MINIMAL.splitlines() if not line.startswith("severity:")) + "\n"
    directory = pack(tmp_path, text.replace("message:", "messge:"))
    with pytest.raises(RulePackError) as error:
        load_rules([directory])
    message = str(error.value)
    assert "rule ACME101: missing the required keys `severity`, `message` (and 1 more error)" in message
    assert "(top level)" not in message


def test_an_unknown_key_is_named_with_the_keys_accepted(tmp_path):
    directory = pack(tmp_path, MINIMAL.replace("  what: Finds widgets.", "  whatt: Finds widgets."))
    with pytest.raises(RulePackError) as error:
        load_rules([directory])
    assert "unknown key `docs.whatt` (accepted: what, why" in str(error.value)


def test_missing_examples_are_rejected(tmp_path):
    directory = pack(tmp_path, MINIMAL.replace('  pass: ["We sell gadgets."]\n', ""))
    with pytest.raises(RulePackError, match="examples"):
        load_rules([directory])


@pytest.mark.parametrize("pattern", [r"(\w)\1", r"x(?=.*y)", r"(?<!a)b"])
def test_a_pack_regex_re2_cannot_run_is_refused(tmp_path, pattern):
    directory = pack(tmp_path, MINIMAL.replace("'\\bwidgets?\\b'", "'" + pattern + "'"))
    with pytest.raises(RulePackError, match="backreferences and look-around are not supported"):
        load_rules([directory])


@pytest.mark.parametrize("pattern", [r"(a+)+b", r"(?:ab|a)*c"])
def test_a_pack_regex_that_would_backtrack_on_python_re_runs_on_re2(tmp_path, pattern):
    directory = pack(tmp_path, MINIMAL.replace("'\\bwidgets?\\b'", "'" + pattern + "'"))
    rule = next(iter(load_rules([directory]).values()))
    assert rule.compiled.engine == "re2"


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [(r"(a+)+b", "nested"), (r"(\w)\1", "backreference"), (r"(?:ab|a)*c", "alternation"), (r"x(?=.*y)", "lookaround")],
)
def test_python_re_patterns_that_can_backtrack_catastrophically_are_refused(pattern, reason):
    with pytest.raises(UnsafeRegex, match=reason):
        check_linear(pattern)


def test_linear_patterns_are_accepted():
    for pattern in (r"\[[^\]]{0,40}\](?!\()", r"\bX{2,}\b", r"(?i:lorem ipsum)", r"(?:\d{3},)?\d{3}"):
        check_linear(pattern)
    with pytest.raises(UnsafeRegex):
        check_linear(r"(\s*,\s*)*")


def test_invalid_regex_is_reported_with_the_key(tmp_path):
    directory = pack(tmp_path, MINIMAL.replace("'\\bwidgets?\\b'", "'(unclosed'"))
    with pytest.raises(RulePackError, match=r"key `regex`.*invalid regular expression"):
        load_rules([directory])


def test_unknown_named_check_lists_the_known_ones(tmp_path):
    text = MINIMAL.replace("kind: regex", "kind: check").replace(
        "regex:\n  pattern: '\\bwidgets?\\b'\n  ignore_case: true\n", "check:\n  name: count_widgets\n"
    )
    with pytest.raises(RulePackError, match="unknown check 'count_widgets'; known checks: .*salary_figure"):
        load_rules([pack(tmp_path, text)])


def test_yaml_booleans_in_token_patterns_are_caught(tmp_path):
    text = MINIMAL.replace("kind: regex", "kind: pattern").replace(
        "regex:\n  pattern: '\\bwidgets?\\b'\n  ignore_case: true\n", "pattern:\n  - [{LOWER: on}, {LOWER: call}]\n"
    )
    with pytest.raises(RulePackError, match="quote words"):
        load_rules([pack(tmp_path, text)])


def test_duplicate_codes_are_refused(tmp_path):
    directory = pack(tmp_path)
    (directory / "ACME101-again.yaml").write_text(textwrap.dedent(MINIMAL).lstrip().replace("no-widgets", "again"))
    with pytest.raises(RulePackError, match="already defined"):
        load_rules([directory])


def test_file_name_must_start_with_the_code(tmp_path):
    with pytest.raises(RulePackError, match="file name must start with the rule code"):
        load_rules([pack(tmp_path, name="widgets.yaml")])


def test_option_errors_name_rule_key_and_accepted_values():
    rule = load_rules([Path(__file__).resolve().parents[1] / "rules" / "structure"])["RL201"]
    assert resolve_options(rule, {"max": 10})["max"] == 10
    with pytest.raises(OptionError, match=r"option 'max' of rule RL201 \(too-many-essentials\) should be integer"):
        resolve_options(rule, {"max": "ten"})
    with pytest.raises(OptionError, match="has no option 'maximum'; accepted options: max"):
        resolve_options(rule, {"maximum": 3})


def test_option_choices_are_enforced():
    rule = load_rules([Path(__file__).resolve().parents[1] / "rules" / "inclusion"])["RL114"]
    with pytest.raises(OptionError, match="'jump' is not accepted; choose from lift, stand, physical"):
        resolve_options(rule, {"allow": ["jump"]})


def test_rules_test_reports_a_broken_user_case_clearly(tmp_path):
    directory = pack(tmp_path, MINIMAL.replace('pass: ["We sell gadgets."]', 'pass: ["Our widget shop."]'))
    results = rules_test([directory])
    failed = [r for r in results if not r.passed]
    assert len(results) == 2 and len(failed) == 1
    line = failed[0].describe()
    assert "ACME101 should not fire" in line and "Our widget shop." in line and "ACME101-no-widgets.yaml" in line


def test_adjacent_whitespace_repeats_stay_allowed():
    from rolelint.checks.regex import check_linear

    check_linear(r"(\d{1,2})\s*(?:\+|plus)?\s*years")  # spans collapse whitespace runs, so this is linear


def test_literal_braces_in_a_template_are_text():
    from rolelint.checks import render, template_problem

    assert template_problem("Add `salary: {min: ..., max: ...}`") is None
    assert render("'{match}' then {min: 1}", {"match": "x"}) == "'x' then {min: 1}"
    assert template_problem("{match!r}") is not None


def test_every_shipped_rule_file_is_valid_against_the_rule_schema():
    # A run trusts the shipped rules and skips this check (it would import jsonschema on every
    # cold start); this test is what makes that safe.
    from rolelint.rulepacks import _rule_validator, builtin_rules_dir, rule_files

    paths = rule_files(builtin_rules_dir())
    assert len(paths) >= 36
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert [e.message for e in _rule_validator().iter_errors(data)] == [], path


def test_a_run_does_not_import_jsonschema_for_the_shipped_rules(tmp_path):
    import subprocess
    import sys

    (tmp_path / "a.md").write_text("# Ninja wanted\n\nWe want a rockstar.\n", encoding="utf-8")
    script = (
        "import sys\nfrom rolelint.cli import main\nsys.argv = ['rolelint', 'check', '--no-cache', 'a.md']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('JSONSCHEMA' if 'jsonschema' in sys.modules else 'NO-JSONSCHEMA', file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert "NO-JSONSCHEMA" in done.stderr, done.stderr[-2000:]
    assert "RL104" in done.stdout
