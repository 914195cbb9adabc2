"""RL115 elitist-credentials: the institution's standing, a grade cut-off, grades asked to be excellent."""

from __future__ import annotations

from rolelint import Linter
from rolelint.config import Config


def _elitist(text: str, tmp_path) -> list[tuple[int, int, int]]:
    result = Linter(Config(root=tmp_path)).lint_text(text, name="advert.md")
    return [(d.line, d.column, d.end_column) for d in result.diagnostics if d.code == "RL115"]


def test_a_leading_university_is_found_where_it_stands(tmp_path):
    text = "# Analyst\n\nA master's degree from a leading university.\n"
    assert _elitist(text, tmp_path) == [(3, 26, 44)]


def test_a_degree_class_cut_off_is_found(tmp_path):
    text = "# Graduate\n\nYou have, or are on track for, a 2:1 or above.\n"
    assert _elitist(text, tmp_path) == [(3, 32, 37)]


def test_a_grade_point_cut_off_is_found(tmp_path):
    assert _elitist("# Engineer\n\n- 3.3 GPA or above\n", tmp_path) == [(3, 3, 10)]


def test_grades_asked_to_be_excellent_are_found(tmp_path):
    text = "# Analyst\n\nOutstanding academic credentials and top marks.\n"
    assert _elitist(text, tmp_path) == [(3, 1, 33), (3, 38, 47)]


def test_rank_words_about_other_things_are_left_alone(tmp_path):
    text = "# Researcher\n\nPublish at top-tier academic conferences with an elite team.\n"
    assert _elitist(text, tmp_path) == []


def test_a_version_number_is_not_a_degree_class(tmp_path):
    assert _elitist("# Engineer\n\nWe still support Python 2.1 and 2.2.\n", tmp_path) == []


def test_a_negated_cut_off_is_none(tmp_path):
    assert _elitist("# Engineer\n\nThere is no minimum GPA.\n", tmp_path) == []
