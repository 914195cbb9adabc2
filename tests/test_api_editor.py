"""What the public API offers editors: a text's safe fixes and suppression comments, the values a
roles repo defines, the places a finding was checked against, an index refreshed file by file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import rolelint
from rolelint import Linter, find_config, fix_text, suppression

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ADVERT = (
    "---\nkind: advert\ntitle: Senior product manager\nframework: product-management\nrole: product-manager\n"
    "level: senior\nskills:\n  people-management: expert\n---\n# Senior product manager\n\n"
    "You will look after our billing service.\n"
)


@pytest.fixture()
def repo(tmp_path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    return tmp_path


def test_the_editor_calls_are_exported():
    for name in ("fix_text", "suppression", "find_config", "Fix", "FixedText", "Choice", "RelatedPlace"):
        assert name in rolelint.__all__ and hasattr(rolelint, name)


# --- fixes ------------------------------------------------------------------------------------


def test_fix_text_makes_the_safe_fixes_as_check_fix_would():
    text = "# Lead\n\nOur salesman writes java script.\n"
    result = Linter(start=EXAMPLES).lint_text(text, name="adverts/a.md")
    fixed = fix_text(text, result.diagnostics, name="adverts/a.md")
    assert fixed.text == "# Lead\n\nOur salesperson writes JavaScript.\n"
    assert sorted(d.code for d in fixed.applied) == ["RL109", "RL126"]
    assert fixed.skipped == ()


def test_fix_text_skips_a_fix_whose_text_has_changed_and_keeps_line_breaks():
    text = "# Lead\r\n\r\nOur salesman writes java script.\r\n"
    result = Linter(start=EXAMPLES).lint_text(text, name="adverts/a.md")
    changed = text.replace("salesman", "salesgal")
    fixed = fix_text(changed, result.diagnostics, name="adverts/a.md")
    assert fixed.text == changed.replace("java script", "JavaScript")
    assert [d.code for d in fixed.applied] == ["RL126"] and "RL109" in fixed.skipped[0]


# --- suppressions -----------------------------------------------------------------------------


def suppressed(text: str, name: str, code: str, line: int, **options) -> str | None:
    edit = suppression(text, name=name, code=code, line=line, **options)
    return None if edit is None else text[: edit.start] + edit.replacement + text[edit.end :]


def codes_after(text: str, name: str) -> set[str]:
    return {d.code for d in Linter(start=EXAMPLES).lint_text(text, name=name).diagnostics}


@pytest.mark.parametrize(
    "name, text, line, comment",
    [
        (
            "roles/r.yaml",
            "kind: role\nid: r\ntitle: Rockstar\nframework: product-management\nlevels: []\n",
            3,
            "title: Rockstar  # rolelint: disable=RL104\n",
        ),
        (
            "roles/r.yaml",
            "kind: role\nid: r\ntitle: Rockstar  # rolelint: disable=RL101\nframework: product-management\n"
            "levels: []\n",
            3,
            "# rolelint: disable=RL101,RL104\n",
        ),
        (
            "adverts/a.md",
            "---\ntitle: Rockstar\n---\n# Lead\n\nWe need you.\n",
            2,
            "title: Rockstar  # rolelint: disable=RL104",
        ),
        ("adverts/a.md", "# Lead\n\nWe need a rockstar.\n", 3, "<!-- rolelint-disable-next-line RL104 -->\nWe need"),
        (
            "adverts/a.md",
            "# Lead\n\nWe need a person\nwho is a rockstar.\n",
            4,
            "rockstar. <!-- rolelint-disable-line RL104 -->",
        ),
        (
            "adverts/a.md",
            "# Lead\n\n<!-- rolelint-disable-next-line RL101 -->\nWe need a rockstar. TBC\n",
            4,
            "<!-- rolelint-disable-next-line RL101, RL104 -->",
        ),
        ("adverts/a.txt", "Lead\n\nWe need a rockstar.\n", 3, "<!-- rolelint-disable-next-line RL104 -->\n"),
    ],
)
def test_a_suppression_is_written_in_the_format_s_syntax_and_suppresses(name, text, line, comment):
    assert "RL104" in codes_after(text, name)
    after = suppressed(text, name, "RL104", line)
    assert after is not None and comment in after
    assert not codes_after(after, name) & {"RL104", "RL009"}


def test_no_line_suppression_inside_a_block_scalar_but_one_for_the_whole_file():
    text = "kind: role\nid: r\ntitle: R\nframework: product-management\ndescription: |\n  A rockstar.\nlevels: []\n"
    assert suppressed(text, "roles/r.yaml", "RL104", 6) is None
    after = suppressed(text, "roles/r.yaml", "RL104", 6, whole_file=True)
    assert after.startswith("# rolelint: disable-file=RL104\n") and "RL104" not in codes_after(after, "roles/r.yaml")


def test_a_file_suppression_in_markdown_goes_after_the_front_matter():
    text = "---\ntitle: Lead\n---\n# Lead\n\nWe need a rockstar.\n"
    after = suppressed(text, "adverts/a.md", "RL104", 6, whole_file=True)
    assert after.startswith("---\ntitle: Lead\n---\n<!-- rolelint-disable-file RL104 -->\n# Lead")
    assert "RL104" not in codes_after(after, "adverts/a.md")


# --- the profession index ---------------------------------------------------------------------


def test_defined_gives_the_repo_s_values_in_its_order():
    linter = Linter(start=EXAMPLES)
    frameworks = [c.value for c in linter.defined("framework")]
    assert set(frameworks) == {"product-management", "delivery-management"}
    levels = linter.defined("level", framework="product-management")
    assert [c.value for c in levels][:3] == ["associate", "product-manager", "senior"]
    assert levels[0].title == "Associate product manager" and levels[0].path == "frameworks/product-management.yaml"
    assert [c.value for c in linter.defined("proficiency", framework="product-management")] == [
        "awareness",
        "working",
        "practitioner",
        "expert",
    ]
    assert "people-management" in [c.value for c in linter.defined("skill", framework="product-management")]
    assert "product-manager" in [c.value for c in linter.defined("role", framework="product-management")]
    with pytest.raises(ValueError):
        linter.defined("salary")


def test_related_points_an_advert_s_finding_at_its_role_level():
    linter = Linter(start=EXAMPLES)
    result = linter.lint_text(ADVERT, name="adverts/a.md")
    inflated = next(d for d in result.diagnostics if d.code == "RL304")
    [place] = linter.related(result)[inflated]
    assert place.path == "roles/product-manager.yaml"
    role_lines = (EXAMPLES / "roles" / "product-manager.yaml").read_text(encoding="utf-8").splitlines()
    assert role_lines[place.line - 1][place.column - 1 :].startswith("level: senior")
    assert "senior" in place.message


def test_refresh_profession_reads_a_changed_role_file_again(repo):
    linter = Linter(start=repo)
    assert "RL304" in {d.code for d in linter.lint_text(ADVERT, name="adverts/a.md").diagnostics}
    role = repo / "roles" / "product-manager.yaml"
    text = role.read_text(encoding="utf-8")
    senior = text.index("  - level: senior")
    people = text.index("people-management: practitioner", senior)
    role.write_text(
        text[:people] + "people-management: expert" + text[people + len("people-management: practitioner") :],
        encoding="utf-8",
    )
    assert "RL304" in {d.code for d in linter.lint_text(ADVERT, name="adverts/a.md").diagnostics}  # not read yet
    linter.refresh_profession(["roles/product-manager.yaml"])
    assert "RL304" not in {d.code for d in linter.lint_text(ADVERT, name="adverts/a.md").diagnostics}
    role.unlink()
    linter.refresh_profession(["roles/product-manager.yaml"])
    assert "product-manager" not in [c.value for c in linter.defined("role")]
    with pytest.raises(ValueError):
        linter.refresh_profession(["../outside.yaml"])


def test_refresh_profession_gives_the_same_index_as_a_reload(repo):
    linter, fresh = Linter(start=repo), Linter(start=repo)
    linter.defined("role")  # loads the index
    (repo / "roles" / "tester.yaml").write_text(
        "kind: role\nid: tester\ntitle: Tester\nframework: delivery-management\nlevels:\n  - level: senior\n",
        encoding="utf-8",
    )
    (repo / "roles" / "delivery-manager.yaml").unlink()
    linter.refresh_profession(["roles/tester.yaml", "roles/delivery-manager.yaml", "adverts/nothing.md"])
    for what in ("framework", "role", "level", "skill"):
        assert linter.defined(what) == fresh.defined(what)


# --- config -----------------------------------------------------------------------------------


def test_find_config_and_excluded():
    assert find_config(EXAMPLES / "adverts") == EXAMPLES / ".rolelint.yaml"
    linter = Linter(start=EXAMPLES)
    assert linter.excluded("README.md") and not linter.excluded("adverts/growth-hacker-draft.md")
