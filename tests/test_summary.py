"""An advert's summary (Linter.summarise) measures as the rules measure, and the API helpers the page uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolelint import Linter

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DRAFT = (EXAMPLES / "adverts" / "growth-hacker-draft.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(start=EXAMPLES)


def _words_in_rl207_message(result) -> int | None:
    found = next((d for d in result.diagnostics if d.code == "RL207"), None)
    return int(found.message.split()[3]) if found else None


def test_the_length_is_the_one_rl207_reports(linter):
    stub = DRAFT[: DRAFT.index("\n", 700)] + "\n"  # under RL207's 200 words, so that it reports the length
    result = linter.lint_text(stub, name="adverts/draft.md")
    summary = linter.summarise(result)
    assert summary.words == _words_in_rl207_message(result)
    assert summary.words_range == (200, 900) and summary.words_aim == (300, 700)


def test_the_length_aimed_for_follows_the_config(tmp_path):
    (tmp_path / ".rolelint.yaml").write_text(
        "rules:\n  RL207:\n    options: {aim_min: 400, aim_max: 600, min: 350}\n", encoding="utf-8"
    )
    linter = Linter(start=tmp_path)
    summary = linter.summarise(linter.lint_text(DRAFT, name="adverts/draft.md"))
    assert summary.words_aim == (400, 600) and summary.words_range == (350, 900)


def test_a_short_draft_is_measured_and_a_salary_figure_counts_as_stated(linter):
    text = "# Product manager\n\nYou will run discovery with users. The salary is £45k a year.\n"
    summary = linter.summarise(linter.lint_text(text, name="adverts/draft.md"))
    assert summary.words == 14
    assert summary.salary_stated is True
    assert summary.grade is not None and summary.grade_words == 11


BENEFITS_NO_PAY = (
    "# Product designer\n\nYou will design the forms nurses use on every ward.\n\n"
    "## Benefits\n\nA pension and 30 days of holiday.\n"
)


def test_a_benefits_section_without_a_salary_is_what_is_offered_not_pay(linter):
    result = linter.lint_text(BENEFITS_NO_PAY, name="adverts/draft.md")
    summary = linter.summarise(result)
    assert not summary.salary_stated
    assert "offer" in summary.sections_found and "pay" not in summary.sections_found
    assert "pay" not in summary.sections_missing


def test_a_benefits_section_with_a_salary_is_pay_too(linter):
    result = linter.lint_text(BENEFITS_NO_PAY + "\n## Salary\n\n£40,000 a year.\n", name="adverts/draft.md")
    summary = linter.summarise(result)
    assert summary.salary_stated and {"pay", "offer"} <= set(summary.sections_found)


def test_the_summary_names_pay_found_only_as_rl209_counts_it_when_pay_is_required(tmp_path):
    (tmp_path / ".rolelint.yaml").write_text(
        "rules:\n  RL209:\n    options: {required: [pay, offer]}\n", encoding="utf-8"
    )
    linter = Linter(start=tmp_path)
    result = linter.lint_text(BENEFITS_NO_PAY, name="adverts/draft.md")
    summary = linter.summarise(result)
    assert not [d for d in result.diagnostics if d.code == "RL209"]  # RL209's findings are unchanged
    assert summary.sections_missing == () and summary.sections_found == ("offer",)


def test_no_salary_and_the_missing_sections_are_those_rl209_names(linter):
    result = Linter(start=EXAMPLES, select=["RL209"]).lint_text(DRAFT, name="adverts/draft.md")
    summary = linter.summarise(result)
    assert summary.salary_stated is False
    rl209 = next(d for d in result.diagnostics if d.code == "RL209")
    assert summary.sections_missing == ("apply", "closing") and rl209.context == "apply, when applications close"
    assert "responsibilities" in summary.sections_found


def test_subjects_covered_without_a_heading_are_found_as_rl209_counts_them(linter):
    text = (
        "# Developer\n\nYou will build tools for nurses. You will run them in production.\n\n"
        "You have experience with Python. You have experience with SQL.\n\n"
        "The job is remote, on a permanent contract. Apply with a CV to jobs@example.org by 3 May 2027.\n"
    )
    result = Linter(start=EXAMPLES, select=["RL209"]).lint_text(text, name="adverts/draft.md")
    summary = linter.summarise(result)
    assert {"responsibilities", "essential", "location", "apply", "closing"} <= set(summary.sections_found)
    assert summary.sections_missing == () and not [d for d in result.diagnostics if d.code == "RL209"]


def test_gender_coded_words_are_found_with_their_place_in_the_text(linter):
    text = "# Analyst\n\nYou are an assertive, competitive leader who will support and collaborate with others.\n"
    summary = linter.summarise(linter.lint_text(text, name="adverts/draft.md"))
    masculine = [(w.word, text[w.start : w.end]) for w in summary.masculine]
    feminine = [(w.word, text[w.start : w.end]) for w in summary.feminine]
    assert masculine == [("assertive", "assertive"), ("competitive", "competitive"), ("leader", "leader")]
    assert feminine == [("support", "support"), ("collaborate", "collaborate")]


def test_a_role_definition_has_no_advert_summary(linter):
    role = "kind: role\nid: x\nframework: product-management\ntitle: X\nlevels: []\n"
    assert linter.summarise(linter.lint_text(role, name="roles/x.yaml")) is None


def test_role_levels_lists_every_level_of_the_repo_in_framework_order(linter):
    levels = [(r.framework, r.role, r.level) for r in linter.role_levels()]
    product = [level for framework, role, level in levels if role == "product-manager"]
    assert product == ["associate", "product-manager", "senior", "lead", "head"]
    senior = next(r for r in linter.role_levels() if r.role == "product-manager" and r.level == "senior")
    assert senior.title == "Senior product manager" and senior.salary and "GBP" in senior.salary


def test_fixed_text_applies_the_safe_fixes_only(linter):
    text = "# Sales role\n\nOur chairman wants a salesman who knows java script.\n"
    result = linter.lint_text(text, name="adverts/draft.md")
    fixable = [d for d in result.diagnostics if d.fix is not None]
    assert fixable, [(d.code, d.message) for d in result.diagnostics]
    fixed = result.fixed_text()
    assert "JavaScript" in fixed and "java script" not in fixed
    first = fixable[0].fix
    assert result.fixed_text(only=[fixable[0]]) == text[: first.start] + first.replacement + text[first.end :]
