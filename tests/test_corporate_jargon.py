"""RL107 corporate-jargon: one finding for a sentence, which one rewrite fixes."""

from __future__ import annotations

from rolelint import Linter
from rolelint.config import Config


def _jargon(text: str, tmp_path) -> list[tuple[int, int]]:
    result = Linter(Config(root=tmp_path)).lint_text(text, name="advert.md")
    return [(d.line, d.column) for d in result.diagnostics if d.code == "RL107"]


def test_two_jargon_words_in_one_sentence_are_one_finding(tmp_path):
    text = "You will leverage best-in-class tools to deliver.\n\nYou will also utilise our data.\n"
    assert _jargon(text, tmp_path) == [(1, 10), (3, 15)]
