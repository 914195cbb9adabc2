"""The public API: what `import rolelint` offers, and that it lints as the command line does."""

from __future__ import annotations

import ast
import dataclasses
import doctest
import threading
from pathlib import Path

import pytest

import rolelint
from rolelint import ConfigError, Linter, LintResult

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SKETCHY = "# Rockstar wanted\n\nYou will hit the ground running. Salary: [Insert amount]\n"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(start=EXAMPLES)


def test_the_package_exports_the_public_api():
    for name in (
        "Linter",
        "LintResult",
        "RuleInfo",
        "Diagnostic",
        "Severity",
        "ConfigError",
        "lint_paths",
        "lint_text",
        "list_rules",
    ):
        assert name in rolelint.__all__ and hasattr(rolelint, name)
    assert "Linter" in rolelint.__doc__


def test_a_text_is_linted_with_positions_in_that_text(linter):
    result = linter.lint_text(SKETCHY, name="adverts/draft.md")
    assert isinstance(result, LintResult) and result.files == ("adverts/draft.md",)
    placeholder = next(d for d in result.diagnostics if d.code == "RL101")
    line = SKETCHY.splitlines()[placeholder.line - 1]
    assert line[placeholder.column - 1 : placeholder.end_column - 1] == "[Insert amount]"
    assert result.sources["adverts/draft.md"].text == SKETCHY


def test_a_text_gets_the_same_findings_as_the_same_file_on_disk(linter, tmp_path):
    on_disk = Linter(start=EXAMPLES).lint_paths([EXAMPLES / "adverts" / "growth-hacker-draft.md"], cwd=EXAMPLES)
    text = (EXAMPLES / "adverts" / "growth-hacker-draft.md").read_text(encoding="utf-8")
    in_memory = linter.lint_text(text, name="adverts/growth-hacker-draft.md")
    key = lambda d: (d.line, d.column, d.end_line, d.end_column, d.code, d.severity, d.message)  # noqa: E731
    assert [key(d) for d in in_memory.diagnostics] == [key(d) for d in on_disk.diagnostics]
    assert any(d.code.startswith("RL3") for d in in_memory.diagnostics) == any(
        d.code.startswith("RL3") for d in on_disk.diagnostics
    )


def test_profession_rules_check_a_text_against_the_repo_loaded_once(linter):
    advert = (
        "---\ntitle: Senior product manager\nframework: product-management\nrole: product-manager\n"
        "level: associate\n---\n# Senior product manager\n\nYou will lead the product strategy.\n"
    )
    codes = {d.code for d in linter.lint_text(advert, name="adverts/claim.md").diagnostics}
    assert any(code.startswith("RL3") for code in codes), codes


def test_the_name_chooses_the_format_and_kind_can_be_given(linter):
    role = "kind: role\nid: x\nframework: product-management\ntitle: X\nlevels: []\n"
    as_yaml = linter.lint_text(role, name="roles/x.yaml")
    assert all(d.code != "RL006" for d in as_yaml.diagnostics)
    plain = linter.lint_text("id: x\n", name="notes/x.yaml", kind="role")
    assert any(d.code.startswith("RL0") for d in plain.diagnostics)  # a role without its required keys


def test_bytes_are_decoded_as_the_format_says(linter):
    result = linter.lint_bytes(b"\xff\xfe\x00\x00", name="adverts/bad.md")
    assert [d.code for d in result.diagnostics] == ["RL004"]


@pytest.mark.parametrize("name", ["/etc/passwd", "../outside.md", "", "  "])
def test_a_name_must_stay_inside_the_repo(linter, name):
    with pytest.raises(ValueError):
        linter.lint_text("x", name=name)


def test_an_unknown_rule_code_is_a_config_error_before_anything_runs():
    with pytest.raises(ConfigError, match="RL999"):
        Linter(start=EXAMPLES, select=["RL999"])


def test_results_are_immutable(linter):
    result = linter.lint_text(SKETCHY, name="adverts/draft.md")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.diagnostics = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.sources["x"] = None  # type: ignore[index]


def test_threads_may_share_a_linter(linter):
    expected = [d.code for d in linter.lint_text(SKETCHY, name="adverts/draft.md").diagnostics]
    seen: list[list[str]] = []

    def work():
        for _ in range(3):
            seen.append([d.code for d in linter.lint_text(SKETCHY, name="adverts/draft.md").diagnostics])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 12 and all(codes == expected for codes in seen)


def test_rules_are_listed_with_their_documentation(linter):
    rules = linter.rules()
    assert [r.code for r in rules] == sorted(r.code for r in rules)
    placeholder = linter.rule("RL101")
    assert placeholder.name == "placeholder-text" and "What it does" in placeholder.text
    assert linter.rule("placeholder-text") == placeholder
    with pytest.raises(KeyError):
        linter.rule("RL999")
    assert {r.code for r in rolelint.list_rules()} >= {"RL001", "RL101", "RL301"}


def test_the_one_call_helpers_find_the_config_as_the_command_line_does():
    result = rolelint.lint_paths([EXAMPLES])
    assert any(path.endswith("growth-hacker-draft.md") for path in result.files)
    assert result.fails("warning") and not result.fails("never")


def test_fixes_baselines_and_reports_are_api_calls_as_check_makes_them(tmp_path):
    """What `rolelint check` does with a result (--diff, --fix, --write-baseline, --baseline, reports)
    is in the API, so a program can do it without the command line."""
    (tmp_path / ".rolelint.yaml").write_text("include: ['**/*.md']\n")
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# Analyst\n\nYou will report to the chairman and work in Javascript.\n\nSalary: £40,000 a year.\n"
    )
    linter = Linter(start=tmp_path)

    def lint() -> LintResult:
        return linter.lint_paths([draft], jobs=1)

    first = lint()
    diff, count = rolelint.fix_diff(first)
    fixable = [d for d in first.diagnostics if d.fix is not None]
    assert count == len(fixable) > 0 and diff.startswith("---") and "+You will report to the chair " in diff
    assert "chairman" in draft.read_text()  # a preview writes nothing

    said: list[str] = []
    fixed, failed = rolelint.fix_files(first, relint=lint, cwd=tmp_path, echo=said.append)
    assert not failed and "chairman" not in draft.read_text() and said
    assert not any(d.fix for d in fixed.diagnostics)

    baseline = tmp_path / "baseline.json"
    recorded = rolelint.write_baseline(fixed, baseline, cwd=tmp_path)
    assert recorded == len(fixed.diagnostics) and baseline.is_file()
    kept, hidden = rolelint.apply_baseline(lint(), baseline, cwd=tmp_path)
    assert (kept.diagnostics, hidden) == ((), recorded)

    assert set(rolelint.REPORT_FORMATS) >= {"text", "json", "sarif", "junit", "github", "gitlab", "concise"}
    sarif = rolelint.render_report("sarif", first, options=rolelint.ReportOptions(fail_on="never"))
    assert '"version": "2.1.0"' in sarif
    assert "RL10" in rolelint.rule_statistics(first)


def test_the_module_example_finds_what_it_shows_in_a_repo_made_by_init(tmp_path, monkeypatch):
    # with `kinds.advert` set, a name no glob places is left alone: the example must name a place
    # that init's globs make an advert, or it shows nothing
    from rolelint.scaffold import scaffold

    scaffold(tmp_path)
    monkeypatch.chdir(tmp_path)
    *steps, shown = doctest.DocTestParser().get_examples(rolelint.api.__doc__)
    namespace: dict = {}
    for step in steps:
        exec(step.source, namespace)
    assert eval(shown.source, namespace) == ast.literal_eval(shown.want)
