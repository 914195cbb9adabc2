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


def test_credentials_of_the_employers_own_people_ask_nothing_of_the_applicant(tmp_path):
    text = "# Engineer\n\nWe are proud of our experts from the renowned universities of Europe.\n"
    assert _elitist(text, tmp_path) == []
    text = "# Engineer\n\nOur team comes from top universities.\n"
    assert _elitist(text, tmp_path) == []
    text = "# Engineer\n\nBen, our intern, beat dozens of seniors while holding a 3.9+ GPA in physics.\n"
    assert _elitist(text, tmp_path) == []


def test_credentials_asked_of_the_applicant_are_found_whoever_asks(tmp_path):
    assert _elitist("# Engineer\n\nYou have a degree from a top university.\n", tmp_path) == [(3, 26, 40)]
    assert _elitist("# Engineer\n\nCandidates must have a 3.5 GPA.\n", tmp_path) == [(3, 24, 31)]
    assert _elitist("# Engineer\n\nWe require a degree from a leading university.\n", tmp_path) == [(3, 28, 46)]
    assert _elitist("# Engineer\n\nOur ideal candidate has a degree from a top university.\n", tmp_path) == [
        (3, 41, 55)
    ]


def test_credentials_held_by_the_people_sought_are_found_whatever_the_subject(tmp_path):
    text = "# Engineer\n\nOur programme is open to students with a first-class degree from a top university.\n"
    assert _elitist(text, tmp_path) != []
