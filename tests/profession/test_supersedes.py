"""A profession rule that knows the level's framework reports the words a text rule would flag too,
once: RL307 (the level's experience range) supersedes RL122 (years guessed from the title)."""

from __future__ import annotations

import shutil

from rolelint.config import load_config
from rolelint.engine import Selection, check
from tests.conftest import REPO

REQUIREMENT = "## Requirements\n\n- 10 years of experience in product roles\n"


def _codes(tmp_path, front_matter: str, title: str = "Associate product manager") -> list[tuple[int, str]]:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "examples", root)
    (root / "adverts" / "apm.md").write_text(f"{front_matter}# {title}\n\n{REQUIREMENT}", encoding="utf-8")
    result = check(
        [root / "adverts" / "apm.md"], load_config(cwd=root), selection=Selection(select=("RL122", "RL307")), cwd=root
    )
    return sorted((d.line, d.code) for d in result.diagnostics)


def test_the_level_s_range_reports_the_years_alone(tmp_path):
    claimed = "---\nrole: product-manager\nlevel: associate\n---\n"
    assert _codes(tmp_path, claimed) == [(9, "RL307")]


def test_a_level_read_from_the_title_alone_is_reported_as_the_framework_has_it(tmp_path):
    assert _codes(tmp_path, "") == [(5, "RL307")]  # the title names the framework's level


def test_without_a_level_of_the_framework_the_title_s_guess_still_reports_them(tmp_path):
    assert _codes(tmp_path, "", title="Junior data wrangler") == [(5, "RL122")]
