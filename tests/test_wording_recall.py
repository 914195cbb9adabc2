"""Wording classes the phrase lists missed (issue 12): each form found where it stands, and its
ordinary neighbours left alone."""

from __future__ import annotations

import pytest

from rolelint import Linter
from rolelint.config import Config


@pytest.fixture(scope="module")
def linter(tmp_path_factory):
    return Linter(Config(root=tmp_path_factory.mktemp("wording")))


def _found(linter, code: str, text: str) -> list[tuple[int, int, str]]:
    result = linter.lint_text(text, name="advert.md")
    lines = text.splitlines()
    found = []
    for d in result.diagnostics:
        if d.code == code:
            end = d.end_column if d.end_line == d.line else len(lines[d.line - 1]) + 1
            found.append((d.line, d.column, lines[d.line - 1][d.column - 1 : end - 1]))
    return found


def test_hyper_competitive_finds_a_trait_demanded_without_limit(linter):
    text = "# Engineer\n\nYou bring limitless passion and unlimited confidence.\n"
    assert _found(linter, "RL120", text) == [(3, 11, "limitless passion"), (3, 33, "unlimited confidence")]


def test_hyper_competitive_leaves_an_unlimited_benefit_alone(linter):
    assert _found(linter, "RL120", "# Engineer\n\nWe offer unlimited holiday and endless coffee.\n") == []


def test_hyper_competitive_finds_people_ranked_without_an_article(linter):
    text = "# Engineer\n\nWe are always hiring best talent.\n\nYou will work with super-smart people.\n"
    assert _found(linter, "RL120", text) == [(3, 15, "hiring best talent"), (5, 20, "super-smart people")]


def test_hyper_competitive_leaves_our_own_smart_team_alone(linter):
    assert _found(linter, "RL120", "# Engineer\n\nOur super-smart team built the first version.\n") == []


def test_hyper_competitive_finds_a_competitive_environment_after_another_adjective(linter):
    text = "# Graduate\n\nYou can operate in a fast-paced, competitive environment.\n"
    assert _found(linter, "RL120", text) == [(3, 22, "fast-paced, competitive environment")]


def test_hyper_competitive_leaves_a_meritocracy_alone(linter):
    assert _found(linter, "RL120", "# Engineer\n\nWe are an open-minded meritocracy.\n") == []
