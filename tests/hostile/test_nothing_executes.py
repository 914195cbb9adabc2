"""Nothing a file says is executed: YAML tags never construct, rule packs are data checked against their
schema, and a pack's regex must run in linear time or the run stops with exit 2 naming file and rule."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO, write
from tests.hostile.helpers import CONFIG, WITNESS, WITNESS_FINDING, WITNESS_PATH, lint, run_main


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, ".rolelint.yaml", CONFIG)
    write(tmp_path, WITNESS_PATH, WITNESS)
    return tmp_path


def payloads(marker: Path) -> list[str]:
    """YAML tags that would create ``marker`` if any of them were ever constructed."""
    return [
        f"!!python/object/apply:os.system ['touch {marker}']",
        f"!!python/object/apply:subprocess.call [['touch', '{marker}']]",
        f"!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
        f"!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
        f"!!python/object/apply:builtins.exec [\"open('{marker}', 'w')\"]",
        "!!python/name:os.system",
        "!!python/module:os",
    ]


@pytest.mark.parametrize("index", range(7))
def test_python_tags_in_a_yaml_file_never_construct(repo, index):
    marker = repo / "PWNED"
    write(repo, "roles/evil.yaml", f"kind: role\nid: evil\nsalary: {payloads(marker)[index]}\n")
    run = lint(repo)
    assert not marker.exists()
    assert "RL008" in run.codes("roles/evil.yaml")
    tag = payloads(marker)[index].split()[0]  # shown as written, not as PyYAML's internal name
    shown = [m for c, m in zip(run.codes("roles/evil.yaml"), run.messages("roles/evil.yaml")) if c == "RL008"]
    assert shown == [f"tag `{tag}` is not allowed; rolelint reads plain YAML data only"]
    assert run.has(*WITNESS_FINDING)


def test_python_tags_in_front_matter_never_construct(repo):
    marker = repo / "PWNED"
    write(repo, "adverts/evil.md", f"---\nkind: advert\ntitle: {payloads(marker)[0]}\n---\nWe are hiring.\n")
    run = lint(repo)
    assert not marker.exists()
    assert (3, 8, "RL008") in run.at("adverts/evil.md")


def test_python_tags_in_the_config_never_construct_and_stop_the_run(repo, capsys):
    marker = repo / "PWNED"
    write(repo, ".rolelint.yaml", f"fail_on: {payloads(marker)[0]}\n")
    code, _, err = run_main(["check", "--select", "RL0"], capsys, repo)
    assert not marker.exists()
    assert code == 2
    assert ".rolelint.yaml:1:10:" in err and "tag `!!python/object/apply:os.system` is not allowed" in err


def test_python_tags_in_a_rule_pack_never_construct_and_stop_the_run(repo, capsys):
    marker = repo / "PWNED"
    write(repo, ".rolelint.yaml", CONFIG + "rule_packs: [team-rules/]\n")
    write(repo, "team-rules/XX101-evil.yaml", rule_file(extra=f"enabled: {payloads(marker)[0]}\n"))
    code, _, err = run_main(["check", "--select", "RL0"], capsys, repo)
    assert not marker.exists()
    assert code == 2
    assert "XX101-evil.yaml" in err and "python/object" in err


# --- rule packs are data ---------------------------------------------------------------------


def rule_file(
    *,
    kind: str = "regex",
    spec: str = "regex:\n  pattern: 'hello'\n",
    message: str = "'{match}' found",
    extra: str = "",
) -> str:
    return textwrap.dedent("""\
        code: XX101
        name: team-rule
        severity: warning
        kind: {kind}
        message: "{message}"
        {spec}{extra}docs:
          what: Finds hello.
          why: Because.
          example: hello
          use_instead: goodbye
          references: []
        examples:
          fail: ["hello"]
          pass: ["goodbye"]
        """).format(kind=kind, message=message, spec=spec, extra=extra)


def check_with_pack(repo: Path, capsys, rule_text: str) -> tuple[int, str]:
    write(repo, ".rolelint.yaml", CONFIG + "rule_packs: [team-rules/]\n")
    write(repo, "team-rules/XX101-team-rule.yaml", rule_text)
    write(repo, "adverts/a.md", "hello there\n")
    code, _, err = run_main(["check", "--select", "RL0,XX"], capsys, repo)
    return code, err


def test_a_valid_user_rule_runs(repo, capsys):
    code, err = check_with_pack(repo, capsys, rule_file())
    assert code == 1, err


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"(\w)\1", "backreferences and look-around are not supported"),
        (r"(?P<x>a)(?P=x)", "backreferences and look-around are not supported"),
        (r"(a)?(?(1)a|b)", "invalid regular expression for RE2"),
        (r"[a-", "invalid regular expression for RE2"),
        (r"*a", "invalid regular expression for RE2"),
        (r"(?=.{1,1000}x)", "backreferences and look-around are not supported"),
        (r"x(?<!y)", "backreferences and look-around are not supported"),
        ("[a-z]{0,1000}" * 5, "over the 5,000 rolelint allows"),
    ],
)
def test_a_regex_that_re2_refuses_is_a_config_error_naming_file_and_rule(repo, capsys, pattern, why):
    code, err = check_with_pack(repo, capsys, rule_file(spec=f"regex:\n  pattern: '{pattern}'\n"))
    assert code == 2
    assert "team-rules/XX101-team-rule.yaml: rule XX101" in err
    assert why in err


def test_an_unsafe_regex_in_a_token_pattern_is_a_config_error(repo, capsys):
    spec = "pattern:\n  - [{TEXT: {REGEX: '(a+)+$'}}]\n"
    code, err = check_with_pack(repo, capsys, rule_file(kind="pattern", spec=spec))
    assert code == 2
    assert "XX101" in err and "REGEX" in err


@pytest.mark.parametrize("token_regex", [r"\w*a\w*a\w*a\w*b", "[a-z]{0,1000}[a-z]{0,1000}", r"\w*\w*\w*!"])
def test_a_pack_token_regex_with_repeats_not_separated_is_refused(repo, capsys, token_regex):
    spec = f"pattern:\n  - [{{TEXT: {{REGEX: '{token_regex}'}}}}]\n"
    code, err = check_with_pack(repo, capsys, rule_file(kind="pattern", spec=spec))
    assert code == 2 and "XX101" in err and "REGEX" in err


def test_a_format_spec_in_a_message_template_is_refused(repo, capsys):
    code, err = check_with_pack(repo, capsys, rule_file(message="{match:>1000000}"))
    assert code == 2 and "XX101" in err


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        ("python: import os\n", "python"),
        ("import: os\n", "import"),
        ("eval: __import__('os').system('true')\n", "eval"),
    ],
)
def test_a_pack_has_no_key_that_could_run_code(repo, capsys, extra, why):
    code, err = check_with_pack(repo, capsys, rule_file(extra=extra))
    assert code == 2
    assert "XX101" in err and why in err


@pytest.mark.parametrize(("name", "why"), [("os.system", "does not match"), ("system", "unknown check 'system'")])
def test_a_named_check_must_be_one_rolelint_ships(repo, capsys, name, why):
    code, err = check_with_pack(repo, capsys, rule_file(kind="check", spec=f"check:\n  name: {name}\n"))
    assert code == 2
    assert "XX101" in err and why in err


def test_an_unknown_rule_kind_is_refused(repo, capsys):
    code, err = check_with_pack(repo, capsys, rule_file(kind="python", spec="python:\n  code: x\n"))
    assert code == 2
    assert "XX101" in err and "kind" in err


def test_a_python_file_given_as_a_rule_pack_is_read_as_data_not_imported(repo, capsys):
    marker = repo / "PWNED"
    write(repo, ".rolelint.yaml", CONFIG + "rule_packs: [XX101-evil.py]\n")
    write(repo, "XX101-evil.py", f"open({str(marker)!r}, 'w').close()\n")
    code, _, err = run_main(["check", "--select", "RL0"], capsys, repo)
    assert not marker.exists()
    assert code == 2 and "XX101-evil.py" in err


# --- and the code itself offers no way in --------------------------------------------------

_FORBIDDEN_NAMES = {"eval", "exec", "__import__"}
_FORBIDDEN_ATTRIBUTES = {
    ("importlib", "import_module"),
    ("pickle", "load"),
    ("pickle", "loads"),
    ("marshal", "loads"),
    ("yaml", "load"),
    ("yaml", "load_all"),
    ("yaml", "unsafe_load"),
    ("yaml", "full_load"),
    ("yaml", "Loader"),
    ("yaml", "UnsafeLoader"),
    ("yaml", "FullLoader"),
}


def test_rolelint_never_evaluates_imports_by_name_or_unpickles():
    offences = []
    for path in sorted((REPO / "rolelint").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FORBIDDEN_NAMES:
                offences.append(f"{path.name}:{node.lineno} {node.func.id}()")
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and (node.value.id, node.attr) in _FORBIDDEN_ATTRIBUTES
            ):
                offences.append(f"{path.name}:{node.lineno} {node.value.id}.{node.attr}")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [alias.name for alias in node.names]
                module = getattr(node, "module", None) or ""
                if "pickle" in names or module == "pickle" or "marshal" in names:
                    offences.append(f"{path.name}:{node.lineno} imports pickle/marshal")
    assert offences == []
