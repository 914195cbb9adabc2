"""RL126 misspelt-technology: a listed technology's name in a form that is not its own."""

from __future__ import annotations

from rolelint import Linter
from rolelint.config import Config


def _misspelt(text: str, tmp_path) -> list[tuple[int, int, int, str]]:
    result = Linter(Config(root=tmp_path)).lint_text(text, name="advert.md")
    return [(d.line, d.column, d.end_column, d.message) for d in result.diagnostics if d.code == "RL126"]


def test_misplaced_capitals_are_found_with_the_name_as_written_by_its_makers(tmp_path):
    found = _misspelt("# Engineer\n\nWe use PostgreSQL, mySQL and Tensorflow.\n", tmp_path)
    assert [(line, start, end) for line, start, end, _ in found] == [(3, 20, 25), (3, 30, 40)]
    assert found[0][3] == "'mySQL' is misspelt; it is 'MySQL'"


def test_a_name_split_in_two_is_found(tmp_path):
    found = _misspelt("# Data scientist\n\nBuild models with Py Spark.\n", tmp_path)
    assert [(line, start, end) for line, start, end, _ in found] == [(3, 19, 27)]


def test_a_one_letter_slip_in_a_list_of_names_is_found(tmp_path):
    found = _misspelt("# Developer\n\n- Django/Pythong\n- MySQL, Postgress\n", tmp_path)
    assert [(line, start, end) for line, start, end, _ in found] == [(3, 10, 17), (4, 10, 19)]


def test_a_word_one_letter_from_a_name_is_left_alone_outside_a_list(tmp_path):
    assert _misspelt("# Developer\n\nClosure of the office is planned.\n", tmp_path) == []


def test_lower_case_is_a_house_style_unless_a_neighbour_keeps_its_capitals(tmp_path):
    assert _misspelt("# Engineer\n\nWe use python, javascript and github.\n", tmp_path) == []
    found = _misspelt("# Engineer\n\nScripts for Terraform and powershell.\n", tmp_path)
    assert [(line, start, end) for line, start, end, _ in found] == [(3, 27, 37)]


def test_addresses_and_versions_are_not_names(tmp_path):
    text = "# Engineer\n\nSee https://github.com/example/Tensorflow and Python3 or OpenCL.\n"
    assert _misspelt(text, tmp_path) == []


def test_the_fix_writes_the_name_as_its_makers_do(tmp_path):
    result = Linter(Config(root=tmp_path)).lint_text("# Engineer\n\nWe use Javascript.\n", name="advert.md")
    (finding,) = [d for d in result.diagnostics if d.code == "RL126"]
    assert finding.fix is not None and finding.fix.replacement == "JavaScript"


def test_a_run_of_words_one_letter_from_a_name_is_found(tmp_path):
    found = _misspelt("# Developer\n\nWe build sites with ruby on rail.\n", tmp_path)
    assert [(line, start, end) for line, start, end, _ in found] == [(3, 21, 33)]


def test_a_name_and_a_one_letter_word_are_not_a_run(tmp_path):
    assert _misspelt("# Developer\n\n- Experience with SQL (PostgreSQL a plus)\n", tmp_path) == []


def test_ordinary_words_that_spell_a_name_are_left_alone(tmp_path):
    text = (
        "# Engineer\n\nGrow Net ARR and the sales force. No SQL injection, no SQL knowledge needed.\n\n"
        "Ruby or Rails, whichever you like; solidify GitLab's lead.\n"
    )
    assert _misspelt(text, tmp_path) == []


def test_a_name_with_a_leading_dot_is_read_only_with_it(tmp_path):
    found = _misspelt("# Engineer\n\nWe use C# and .Net Core, not Neural Net code.\n", tmp_path)
    assert found == []


def test_a_name_and_a_small_word_after_it_are_no_misspelt_name():
    from pathlib import Path

    from rolelint import Linter
    from rolelint.config import Config

    linter = Linter(Config(root=Path(".")), select=("RL126",))
    assert not linter.lint_text("We think Angular is great.\n", name="advert.md").diagnostics
    (slip,) = linter.lint_text("We use ruby on rail.\n", name="advert.md").diagnostics
    assert "Ruby on Rails" in slip.message


def test_a_text_read_again_gets_the_findings_of_its_first_reading():
    from rolelint.checks.named import technology_names as rl126

    names = rl126.Names.of(("JavaScript", "MySQL", "PostgreSQL"), ())
    texts = ["We use mySQL and Java Script.", "Postgress, MySQL", "We use mySQL and Java Script.", "Nothing here."]
    assert [rl126.found_in(text, names) for text in texts] == [tuple(rl126._findings(t, names)) for t in texts]
    assert rl126.found_in(texts[0], names) is rl126.found_in(texts[2], names)
    assert len(names.found) == 3


def test_a_long_text_is_read_each_time_and_not_kept():
    from rolelint.checks.named import technology_names as rl126

    names = rl126.Names.of(("JavaScript", "MySQL"), ())
    long_text = "We use mySQL. " * 200
    assert rl126.found_in(long_text, names) == tuple(rl126._findings(long_text, names))
    assert long_text not in names.found
