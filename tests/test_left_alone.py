"""One verdict per file, whatever the front end: `rolelint check` on a path, standard input, and the
API's lint_paths / lint_text / lint_bytes agree on whether a file is rolelint's to lint, and a file
left alone is named, never counted as linted (docs/discovery.md)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from conftest import write
from test_cli import rolelint

from rolelint import Linter
from rolelint.scaffold import scaffold

PAGE = "<html><body><h1>Rockstar developer</h1><p>Salary: [Insert salary]. We want a chairman.</p></body></html>\n"
GUIDE = "# How to add a role\n\nOpen a pull request, rockstar! Fill in [Insert salary] later.\n"
LEFT_ALONE_LINE = "Left 1 file alone that no `kinds:` glob places: docs/guide.md (see docs/discovery.md)."


def _word(path: Path) -> Path:
    word = docx.Document()
    word.add_heading("Rockstar developer", level=1)
    word.add_paragraph("Salary: [Insert salary]. We want a chairman.")
    path.parent.mkdir(parents=True, exist_ok=True)
    word.save(str(path))
    return path


@pytest.fixture(scope="module")
def initialised(tmp_path_factory) -> Path:
    """A repo as `rolelint init` makes it, with the tester's HTML advert, a Word advert and a guide."""
    root = tmp_path_factory.mktemp("initt")
    scaffold(root)
    write(root, "adverts/page.html", PAGE)
    _word(root / "adverts" / "draft.docx")
    write(root, "docs/guide.md", GUIDE)
    return root


@pytest.fixture(scope="module")
def linter(initialised: Path) -> Linter:
    return Linter(start=initialised)


def _json(*args: str, cwd: Path, input_text: str | None = None) -> tuple[int, dict]:
    run = rolelint("check", "--no-cache", "--format", "json", *args, cwd=cwd, input_text=input_text)
    assert run.returncode in (0, 1), run.stdout + run.stderr
    return run.returncode, json.loads(run.stdout)


def _codes(report: dict) -> set[str]:
    return {d["code"] for d in report["diagnostics"]}


@pytest.mark.parametrize("name", ["adverts/page.html", "adverts/draft.docx"])
def test_an_init_repo_lints_its_html_and_word_adverts(initialised, name):
    checked = rolelint("check", "--no-cache", name, cwd=initialised)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert f"{name}:" in checked.stdout and "RL101" in checked.stdout, checked.stdout
    assert "Left" not in checked.stdout


def test_an_init_repo_s_folder_walk_lints_adverts_in_every_format(initialised):
    _, report = _json(".", cwd=initialised)
    reported = {d["path"] for d in report["diagnostics"] if d["code"] == "RL101"}
    assert reported == {"adverts/page.html", "adverts/draft.docx"}
    assert report["summary"]["left_alone"] == []  # docs/ is not in init's `include`


@pytest.mark.parametrize("name", ["adverts/page.html", "adverts/draft.docx"])
def test_every_front_end_finds_the_same_codes_in_an_advert(initialised, linter, name):
    data = (initialised / name).read_bytes()
    _, named = _json(name, cwd=initialised)
    code, piped = _json("-", "--stdin-filename", name, cwd=initialised, input_text=data.decode("latin-1"))
    by_path = linter.lint_paths([initialised / name])
    by_bytes = linter.lint_bytes(data, name=name)
    assert "RL101" in _codes(named)
    assert {d.code for d in by_path.diagnostics} == {d.code for d in by_bytes.diagnostics} == _codes(named)
    if name.endswith(".html"):  # a .docx is a zip: text on standard input cannot carry it
        assert code == 1 and _codes(piped) == _codes(named)
        assert {d.code for d in linter.lint_text(PAGE, name=name).diagnostics} == _codes(named)


def test_a_markdown_file_outside_kinds_advert_is_named_as_left_alone_by_check(initialised):
    checked = rolelint("check", "--no-cache", "docs/guide.md", cwd=initialised)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip().splitlines() == ["No problems found in 0 files.", LEFT_ALONE_LINE]


def test_standard_input_without_a_name_is_linted_as_an_advert_draft(initialised):
    # docs/formats.md: piped text with no --stdin-filename "is read as `advert.md`", a draft that names
    # no place in the repo, as lint_text does without a name: kinds.advert does not leave it alone
    draft = "We need a rockstar ninja. Salary: [Insert salary].\n"
    code, report = _json("-", cwd=initialised, input_text=draft)
    assert code == 1 and {"RL101", "RL104"} <= _codes(report), report
    assert report["summary"]["left_alone"] == [] and report["summary"]["files"] == 1
    assert {d["path"] for d in report["diagnostics"]} == {"advert.md"}


def test_a_markdown_file_outside_kinds_advert_gets_nothing_from_standard_input(initialised):
    piped = rolelint("check", "--no-cache", "-", "--stdin-filename", "docs/guide.md", cwd=initialised, input_text=GUIDE)
    assert piped.returncode == 0, piped.stdout + piped.stderr
    assert piped.stdout.strip().splitlines() == ["No problems found in 0 files.", LEFT_ALONE_LINE]


def test_the_json_summary_lists_the_file_left_alone_and_does_not_count_it(initialised):
    code, report = _json("docs/guide.md", "adverts/page.html", cwd=initialised)
    assert code == 1
    assert report["summary"]["left_alone"] == ["docs/guide.md"]
    assert report["summary"]["files"] == 1 and report["summary"]["files_with_problems"] == 1
    assert "docs/guide.md" not in {d["path"] for d in report["diagnostics"]}


def test_the_api_leaves_the_same_file_alone(initialised, linter):
    for result in (
        linter.lint_paths([initialised / "docs" / "guide.md"]),
        linter.lint_text(GUIDE, name="docs/guide.md"),
        linter.lint_bytes(GUIDE.encode("utf-8"), name="docs/guide.md"),
        linter.lint_texts([("docs/guide.md", GUIDE)]),
    ):
        assert result.diagnostics == () and result.files == ()
        assert [Path(p).as_posix().rsplit("docs/", 1)[-1] for p in result.left_alone] == ["guide.md"]
    assert linter.summarise(linter.lint_text(GUIDE, name="docs/guide.md")) is None


def test_a_kind_the_caller_names_wins_over_the_globs(linter):
    result = linter.lint_text(GUIDE, name="docs/guide.md", kind="advert")
    assert "RL101" in {d.code for d in result.diagnostics} and result.left_alone == ()


def test_a_file_that_says_kind_advert_is_linted_outside_the_globs(linter):
    result = linter.lint_text("---\nkind: advert\n---\n" + GUIDE, name="docs/guide.md")
    assert "RL101" in {d.code for d in result.diagnostics}


def test_a_folder_walk_names_what_it_left_alone(tmp_path):
    write(tmp_path, ".rolelint.yaml", "kinds:\n  advert: ['adverts/**/*.md']\n")  # the default `include`
    write(tmp_path, "adverts/a.md", "# Product manager\n\nWe want a product manager.\n")
    write(tmp_path, "adverts/page.html", PAGE)
    write(tmp_path, "docs/guide.md", GUIDE)
    _, report = _json("--select", "RL101", ".", cwd=tmp_path)
    assert report["diagnostics"] == []
    assert report["summary"]["left_alone"] == ["adverts/page.html", "docs/guide.md"]
    assert report["summary"]["files"] == 1


def test_a_cached_run_still_names_the_file_left_alone(initialised):
    first = rolelint("check", "docs/guide.md", cwd=initialised)
    again = rolelint("check", "docs/guide.md", cwd=initialised)
    assert first.stdout == again.stdout and LEFT_ALONE_LINE in again.stdout, again.stdout


def test_a_text_given_without_a_name_is_an_advert_draft(linter):
    result = linter.lint_text(GUIDE)
    assert "RL101" in {d.code for d in result.diagnostics} and result.files == ("advert.md",)
