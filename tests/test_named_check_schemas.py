"""The schema of each named check's ``check`` mapping: a user's rule whose keys hold the wrong shape stops
the run when it loads, naming the file, the rule, the key and what the key takes."""

from __future__ import annotations

import copy
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from rolelint import Linter
from rolelint.checks.named import CHECKS
from rolelint.checks.named.spec_schema import DEFS, rule_schema_with_checks, schema_of, spec_problem
from rolelint.config import load_config
from rolelint.resources import load_schema
from rolelint.rulemodel import RulePackError
from rolelint.rulepacks import builtin_rules_dir, load_rules, rule_files

RULE = """
code: ACME101
name: team-check
severity: warning
kind: check
message: "Found '{{match}}'"
check:
  name: {name}
{check}
docs: {{what: a, why: b, example: c, use_instead: d, references: []}}
examples: {{fail: ["We pay well."], pass: ["Salary 40000 GBP."]}}
"""


def pack(tmp_path: Path, name: str, check: str) -> Path:
    path = tmp_path / "pack" / "ACME101-team-check.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = textwrap.indent(textwrap.dedent(check).strip(), "  ")
    path.write_text(RULE.format(name=name, check=body).lstrip(), encoding="utf-8")
    return path.parent


def shipped_checks() -> list[tuple[Path, dict]]:
    found = []
    for path in rule_files(builtin_rules_dir()):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("kind") == "check":
            found.append((path, data["check"]))
    return found


@pytest.mark.parametrize(
    ("name", "check", "key", "takes"),
    [
        ("vague_pay", "pay: 5", "check.pay", "a list of the nouns for pay"),
        ("technology_names", "names: 7", "check.names", "a list of the technologies' names"),
        ("technology_names", "names: [Go]\nvariants: {Golang: Go}", "check.variants.Golang", "other forms"),
        ("pronouns_for_the_hire", "pairs: [he, she]", "check.pairs", "a mapping of each pair of pronouns"),
        ("pronouns_for_the_hire", "singles: {he: {fixable: true}}", "check.singles.he.replacement", "the word"),
        ("third_person", "people: {a: b}", "check.people", "a list of the nouns for the person hired"),
        ("third_person", "quality: [ideal, yes]", "check.quality[1]", "quote yes, no"),
        ("expertise_breadth", "top: [expert]\ndegrees: [deep]\nknowledge: [knowledge]\nareas: {}", "check.areas", ""),
        ("gender_coded_words", "pos: [noun]", "check.pos[0]", "parts of speech"),
    ],
)
def test_a_key_of_the_wrong_shape_is_named_with_what_it_takes(tmp_path, name, check, key, takes):
    with pytest.raises(RulePackError) as error:
        load_rules([pack(tmp_path, name, check)])
    message = str(error.value)
    assert "ACME101-team-check.yaml" in message and "rule ACME101" in message
    assert f"{key}: " in message and takes in message, message


def test_the_message_says_what_the_key_holds_and_what_it_takes(tmp_path):
    with pytest.raises(RulePackError) as error:
        load_rules([pack(tmp_path, "vague_pay", "pay: 5")])
    assert str(error.value).endswith(
        "check.pay: 5 is not a list; give a list of the nouns for pay, such as [salary, compensation]"
    )


@pytest.mark.parametrize(
    ("name", "check", "said"),
    [
        ("vague_pay", "pay: 5", "check.pay: 5 is not a list;"),
        ("pronouns_for_the_hire", "pairs: [he, she]", 'check.pairs: ["he", "she"] is not a mapping;'),
        ("third_person", "quality: [ideal, yes]", "check.quality[1]: true is not a word (quote yes, no"),
        ("pronouns_for_the_hire", "singles: {he: {replacement: x, fixable: 3}}", "fixable: 3 is not true or false;"),
    ],
)
def test_a_wrong_type_is_said_in_yaml_words(tmp_path, name, check, said):
    with pytest.raises(RulePackError) as error:
        load_rules([pack(tmp_path, name, check)])
    assert said in str(error.value) and "of type" not in str(error.value), str(error.value)


def test_a_number_as_a_mapping_key_is_not_shown_as_a_list_index():
    from rolelint.checks.named.spec_schema import _dotted

    spec = {"variants": {1: ["Go", 5]}, "quality": ["ideal", True]}
    assert _dotted(["variants", 1, 1], spec) == "check.variants.1[1]"
    assert _dotted(["quality", 1], spec) == "check.quality[1]"


def test_a_missing_required_key_is_named(tmp_path):
    with pytest.raises(RulePackError, match=r"check\.names: missing; give a list"):
        load_rules([pack(tmp_path, "technology_names", "variants: {Golang: [Go]}")])


def test_an_unknown_key_still_lists_the_keys_accepted(tmp_path):
    with pytest.raises(RulePackError, match=r"check\.wages: check 'vague_pay' takes no such parameter; accepted: "):
        load_rules([pack(tmp_path, "vague_pay", "wages: [salary]")])


def test_a_pack_with_a_wrong_shape_makes_check_exit_2_naming_the_key(tmp_path):
    pack(tmp_path, "pronouns_for_the_hire", "pairs: [he, she]")
    (tmp_path / "rolelint.yaml").write_text('rule_packs: ["pack/"]\n', encoding="utf-8")
    (tmp_path / "ad.md").write_text("# Developer\n\nHe/she will write code.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "rolelint", "check", "--no-cache", "--select", "ACME101", "ad.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert "ACME101" in done.stderr and "check.pairs: " in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


def test_a_rule_may_give_one_table_of_pronouns_only(tmp_path):
    pack(tmp_path, "pronouns_for_the_hire", "singles: {he: they}")
    (tmp_path / "rolelint.yaml").write_text('rule_packs: ["pack/"]\n', encoding="utf-8")
    result = Linter(load_config(cwd=tmp_path)).lint_text("# Developer\n\nHe will write code.\n", name="ad.md")
    assert [d.code for d in result.diagnostics if d.code == "ACME101"] == ["ACME101"]


def test_every_check_with_parameters_declares_their_schema_with_descriptions():
    for name, named in CHECKS.items():
        assert named.params == frozenset(named.schema), name
        assert named.required <= named.params, name
        for key, schema in named.schema.items():
            assert schema.get("description", "").startswith(("a list", "a mapping")), (name, key)
            assert "such as" in schema["description"], (name, key)
        Draft202012Validator.check_schema(schema_of(named))


def test_every_key_a_shipped_check_rule_gives_is_declared():
    for path, check in shipped_checks():
        assert set(check) - {"name"} <= CHECKS[check["name"]].params, path


@pytest.mark.parametrize(("path", "check"), shipped_checks(), ids=lambda value: getattr(value, "stem", ""))
def test_every_shipped_check_rule_validates_against_its_schema(path, check):
    # A run trusts the shipped rules and skips this check (it would import jsonschema on every cold
    # start); this test is what makes that safe.
    assert spec_problem(CHECKS[check["name"]], check) is None


def test_the_rule_schema_printed_for_editors_holds_each_checks_keys():
    schema = rule_schema_with_checks(load_schema("rule"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for path, _check in shipped_checks():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert [error.message for error in validator.iter_errors(data)] == [], path
    bad = yaml.safe_load(next(builtin_rules_dir().glob("*/RL121-*.yaml")).read_text(encoding="utf-8"))
    bad["check"]["pay"] = 5
    assert [list(error.absolute_path) for error in validator.iter_errors(bad)] == [["check", "pay"]]
    assert set(DEFS) <= set(schema["$defs"])


def test_adding_the_checks_keys_leaves_the_cached_rule_schema_as_shipped():
    # load_schema is cached: a schema changed in place would hold the named checks' keys for every
    # later caller, validating rules more strictly than the shipped file says
    before = copy.deepcopy(load_schema("rule"))
    with_checks = rule_schema_with_checks(load_schema("rule"))
    assert load_schema("rule") == before
    assert "namedChecks" in with_checks["$defs"] and "namedChecks" not in load_schema("rule")["$defs"]
