"""A Linter that lints text after text (an editor) keeps annotated spans and what the profession rules
derive from the frameworks and roles; its findings are those of a fresh run, edit after edit."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from rolelint import Linter
from rolelint.nlp.state import AnnotationMemo, annotation_memo, keeping_annotations

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def key(d):
    return (d.line, d.column, d.end_line, d.end_column, d.code, d.severity, d.message, d.fix)


def edited(text: str, count: int, seed: int):
    """``count`` successive edits of ``text``: a word put in or taken out, a heading renamed."""
    rng = random.Random(seed)
    words = ["rockstar", "he", "leverage", "TBC", "quickly", "synergy", "java script", "salesman", "expert in"]
    for number in range(count):
        spaces = [i for i, char in enumerate(text) if char == " "]
        at = rng.choice(spaces)
        if number % 3 == 2:
            end = text.find(" ", at + 1)
            text = text[:at] + text[end:] if end > at else text
        else:
            text = text[:at] + " " + rng.choice(words) + text[at:]
        yield text


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(EXAMPLES, root, dirs_exist_ok=True)
    return root


@pytest.mark.parametrize(
    "name",
    [
        "adverts/growth-hacker-draft.md",
        "adverts/senior-product-manager.md",
        "adverts/lead-product-manager.yaml",
        "roles/product-manager.yaml",
    ],
)
def test_texts_linted_after_edits_get_the_findings_of_a_fresh_run(repo, name):
    warm, cold = Linter(start=repo), Linter(start=repo)
    original = (repo / name).read_text(encoding="utf-8")
    target = repo / name
    try:
        for text in [original, *edited(original, 12, seed=len(name))]:
            got = [key(d) for d in warm.lint_text(text, name=name).diagnostics]
            target.write_text(text, encoding="utf-8")
            want = [key(d) for d in cold.lint_paths([target], cwd=repo).diagnostics]  # no memo
            assert got == want
    finally:
        target.write_text(original, encoding="utf-8")


def test_an_advert_checked_after_a_role_text_sees_the_repo_not_the_text(repo):
    warm = Linter(start=repo)
    advert = (repo / "adverts" / "senior-product-manager.md").read_text(encoding="utf-8")
    before = [key(d) for d in warm.lint_text(advert, name="adverts/a.md").diagnostics]
    role = (repo / "roles" / "product-manager.yaml").read_text(encoding="utf-8")
    warm.lint_text(role.replace("level: senior", "level: principal"), name="roles/product-manager.yaml")
    assert [key(d) for d in warm.lint_text(advert, name="adverts/a.md").diagnostics] == before


def test_annotations_are_kept_only_when_asked_and_only_so_many():
    nlp = object.__new__(type("Pipeline", (), {}))
    assert annotation_memo(nlp, ("rules",)) is None
    with keeping_annotations(2):
        memo = annotation_memo(nlp, ("rules",))
        assert memo is annotation_memo(nlp, ("rules",)) and memo is not annotation_memo(nlp, ("others",))
    assert annotation_memo(nlp, ("rules",)) is None
    small = AnnotationMemo(2)
    for number in range(3):
        small.put(number, number)
    assert len(small) == 2 and small.get(0) is None and small.get(2) == 2
