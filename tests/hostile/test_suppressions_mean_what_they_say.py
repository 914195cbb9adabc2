"""Suppressions count only as comments, name real rules, and keep their ranges per rule (issue 13,
point 4; docs/security.md)."""

from __future__ import annotations

import pytest

from tests.conftest import write
from tests.hostile.helpers import CONFIG, lint

ROCKSTAR = "We want a rockstar."
CHAIRMAN = "Chairman of the board."


def _findings(root, name: str, text: str, select: str = "RL0,RL104,RL109") -> list[tuple[int, str]]:
    write(root, ".rolelint.yaml", CONFIG)
    write(root, name, text)
    run = lint(root, select=select)
    return [(d["line"], d["code"]) for d in run.diagnostics if d["path"] == name]


def _codes(found):
    return sorted(code for _, code in found)


@pytest.mark.parametrize(
    "body",
    [
        "```\n<!-- rolelint-disable-file -->\n```\n\n" + ROCKSTAR + "\n",
        "~~~~markdown\n<!-- rolelint-disable-file RL104 -->\n~~~~\n\n" + ROCKSTAR + "\n",
        "Some text.\n\n    <!-- rolelint-disable-file RL104 -->\n\n" + ROCKSTAR + "\n",
        "Write `<!-- rolelint-disable-file RL104 -->` to hide a finding.\n\n" + ROCKSTAR + "\n",
        "Write ``<!-- rolelint-disable-line RL104 --> `x` `` then. " + ROCKSTAR + "\n",
    ],
)
def test_a_suppression_inside_markdown_code_suppresses_nothing(tmp_path, body):
    found = _findings(tmp_path, "adverts/a.md", "# About the role\n\n" + body)
    assert (body.count("\n") + 2, "RL104") in found or "RL104" in _codes(found)


def test_the_same_comment_outside_code_still_suppresses(tmp_path):
    found = _findings(
        tmp_path, "adverts/a.md", "# About the role\n\n<!-- rolelint-disable-file RL104 -->\n\n" + ROCKSTAR + "\n"
    )
    assert "RL104" not in _codes(found) and "RL009" not in _codes(found)


@pytest.mark.parametrize(
    "value",
    [
        '"Ask # rolelint: disable=RL011"',
        "'Ask # rolelint: disable=RL011'",
        "|\n    Ask\n    # rolelint: disable=RL011",
        "Ask#rolelint:disable=RL011",
    ],
)
def test_a_suppression_inside_a_yaml_string_suppresses_nothing(tmp_path, value):
    text = f"kind: role\nid: r\ntitel: Role\nframework: pm\nnotes: {value}\nlevels: [{{level: a}}]\n"
    found = _findings(tmp_path, "roles/r.yaml", text, select="RL0")
    assert (3, "RL011") in found


def test_a_yaml_comment_after_a_value_still_suppresses(tmp_path):
    text = "kind: role\nid: r\ntitel: Role  # rolelint: disable=RL011\nframework: pm\nlevels: [{level: a}]\n"
    assert (3, "RL011") not in _findings(tmp_path, "roles/r.yaml", text, select="RL0")


def test_a_suppression_inside_a_front_matter_string_suppresses_nothing(tmp_path):
    text = '---\ntitel: "x # rolelint: disable=RL011"\n---\n# About the role\n\nText.\n'
    write(tmp_path, ".rolelint.yaml", CONFIG + "strict_front_matter: true\n")  # unknown keys are RL011
    write(tmp_path, "adverts/a.md", text)
    found = [(d["line"], d["code"]) for d in lint(tmp_path, select="RL0").diagnostics if d["path"] == "adverts/a.md"]
    assert (2, "RL011") in found


@pytest.mark.parametrize("typo", ["RL1040", "RL1O4", "RLl04", "RL-104", "rl999"])
def test_a_mistyped_code_suppresses_nothing_and_is_reported(tmp_path, typo):
    found = _findings(
        tmp_path, "adverts/a.md", f"# About the role\n\n<!-- rolelint-disable-next-line {typo} -->\n{ROCKSTAR}\n"
    )
    assert (4, "RL104") in found
    assert (3, "RL009") in found


def test_a_mistyped_yaml_code_does_not_silence_errors(tmp_path):
    text = "kind: role\nid: r\ntitel: Role  # rolelint: disable=RL0l1\nframework: pm\nlevels: [{level: a}]\n"
    found = _findings(tmp_path, "roles/r.yaml", text, select="RL0")
    assert (3, "RL011") in found and (3, "RL009") in found


def test_a_known_code_beside_a_mistyped_one_still_counts(tmp_path):
    found = _findings(
        tmp_path, "adverts/a.md", f"# About the role\n\n<!-- rolelint-disable-next-line RL104 RL1O9 -->\n{ROCKSTAR}\n"
    )
    assert (4, "RL104") not in found and (3, "RL009") in found


def _ranged(disable: str, enable: str) -> str:
    return (
        f"# About the role\n\n<!-- rolelint-disable {disable} -->\n{ROCKSTAR}\n{CHAIRMAN}\n"
        f"<!-- rolelint-enable {enable} -->\n{ROCKSTAR}\n{CHAIRMAN}\n"
    )


@pytest.mark.parametrize(
    ("disable", "enable", "after"),
    [
        ("RL104 RL109", "RL109 RL104", [(7, "RL104"), (8, "RL109")]),  # reordered
        ("RL104, RL109", "RL104", [(7, "RL104")]),  # narrower: RL109 stays off
        ("RL1", "RL104", [(7, "RL104")]),  # a code within a prefix
        ("RL104", "RL1", [(5, "RL109"), (7, "RL104"), (8, "RL109")]),  # a prefix ends the codes under it
        ("", "RL109", [(8, "RL109")]),  # one rule back after "all rules"
        ("RL104 RL109", "", [(7, "RL104"), (8, "RL109")]),  # enable with no codes ends them all
    ],
)
def test_enable_ends_the_range_of_each_rule_it_names(tmp_path, disable, enable, after):
    found = _findings(tmp_path, "adverts/a.md", _ranged(disable, enable), select="RL104,RL109")
    assert [f for f in found if f[1] != "RL009"] == after


def test_an_unused_suppression_of_an_unknown_code_is_reported(tmp_path):
    found = _findings(tmp_path, "adverts/a.md", "# About the role\n\n<!-- rolelint-disable-file XX999 -->\nText.\n")
    assert found == [(3, "RL009")]
