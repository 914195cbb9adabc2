"""Baseline fingerprints of findings about a whole document (RL207 advert length, RL206 reading grade,
RL202 essential/desirable split): stable when only a count changes, new when the finding is another."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from rolelint.baseline import apply_baseline, write_baseline
from rolelint.config import load_config
from rolelint.engine import Selection, check
from rolelint.registry import load_catalogue

CONFIG = "kinds: {advert: ['adverts/**']}\nrules: {RL207: {options: {min: 20, max: 40}}}\n"
ADVERT = "adverts/analyst.md"
WHOLE = " (about the whole advert; shown where its text starts)"


def _advert(words: int, requirements: int = 2) -> str:
    # the headings below hold 7 words and each requirement 2
    body = " ".join(f"word{chr(97 + i % 26)}" for i in range(words - 7 - 2 * requirements))
    items = "".join(f"- Skill {chr(65 + i)}\n" for i in range(requirements))
    return f"# Data analyst\n\n## About the role\n\n{body}\n\n## Essential criteria\n\n{items}"


def _run(root: Path, code: str):
    config = load_config(cwd=root)
    result = check([], config, selection=Selection(select=(code,)), cwd=root, catalogue=load_catalogue(config))
    assert all(d.code == code for d in result.diagnostics)
    return result


def _baseline_then(root: Path, code: str, before: str, after: str) -> tuple[list, list, int]:
    """Findings before, then the findings of ``after`` that a baseline of ``before`` does not hide."""
    write(root, ADVERT, before)
    first = _run(root, code)
    write_baseline(root / "baseline.json", first.diagnostics, first.sources, cwd=root)
    write(root, ADVERT, after)
    second = _run(root, code)
    new, hidden = apply_baseline(second.diagnostics, second.sources, root / "baseline.json", cwd=root)
    return first.diagnostics, new, hidden


@pytest.fixture
def adverts(repo: Path) -> Path:
    write(repo, ".rolelint.yaml", CONFIG)
    return repo


def test_a_baselined_long_advert_stays_baselined_when_it_gains_a_word(adverts):
    before, new, hidden = _baseline_then(adverts, "RL207", _advert(45), _advert(46))
    assert [d.full_message for d in before] == ["The advert is 45 words; keep it between 20 and 40" + WHOLE]
    assert (new, hidden) == ([], 1)


def test_a_baselined_short_advert_stays_baselined_when_it_loses_a_word(adverts):
    before, new, hidden = _baseline_then(adverts, "RL207", _advert(15), _advert(12))
    assert len(before) == 1 and (new, hidden) == ([], 1)


def test_a_baselined_long_advert_that_becomes_too_short_is_a_new_finding(adverts):
    before, new, hidden = _baseline_then(adverts, "RL207", _advert(45), _advert(12))
    assert len(before) == 1
    assert [d.full_message for d in new] == [
        "The advert is 12 words; keep it between 20 and 40" + WHOLE
    ] and hidden == 0


def test_the_same_finding_in_another_advert_is_new(adverts):
    write(adverts, ADVERT, _advert(45))
    first = _run(adverts, "RL207")
    write_baseline(adverts / "baseline.json", first.diagnostics, first.sources, cwd=adverts)
    write(adverts, "adverts/other.md", _advert(45))
    second = _run(adverts, "RL207")
    new, hidden = apply_baseline(second.diagnostics, second.sources, adverts / "baseline.json", cwd=adverts)
    assert [d.path for d in new] == ["adverts/other.md"] and hidden == 1


def test_a_baselined_all_essential_list_stays_baselined_when_it_grows(adverts):
    before, new, hidden = _baseline_then(adverts, "RL202", _advert(30, requirements=5), _advert(30, requirements=6))
    assert [d.message for d in before] == ["All 5 requirements read as essential; nothing is marked desirable"]
    assert (new, hidden) == ([], 1)


HARD = (
    "The organisation's multidisciplinary capability necessitates comprehensive interdepartmental "
    "collaboration, notwithstanding considerable institutional complexity and administrative "
    "heterogeneity across geographically distributed operational directorates. "
)


def test_a_baselined_reading_grade_stays_baselined_when_the_grade_changes(adverts):
    before_text = f"# Data analyst\n\n## About the role\n\n{HARD * 6}\n"
    after_text = f"# Data analyst\n\n## About the role\n\n{HARD * 6}We work in teams. You will like it.\n"
    before, new, hidden = _baseline_then(adverts, "RL206", before_text, after_text)
    assert len(before) == 1
    write(adverts, ADVERT, after_text)
    assert _run(adverts, "RL206").diagnostics[0].message != before[0].message, "the grade did not change"
    assert (new, hidden) == ([], 1)
