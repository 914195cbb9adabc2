"""Which role level the page says an advert was checked against: the advert's own metadata (in any
front-matter syntax), the level chosen on the page, or none. The page asks the lint result, not the
text, so a site's own ``role:`` key or TOML front matter is judged as the rules judged it."""

from __future__ import annotations

import pytest
from serve_helpers import EXAMPLES

from rolelint.api import Linter
from rolelint.serve.analysis import Checker

BODY = "# Product manager\n\nYou will own the roadmap. You need 12+ years of experience.\n"
CHOSEN = "product-management/product-manager/associate"


@pytest.fixture(scope="module")
def checker():
    return Checker(Linter.for_paths([EXAMPLES]), profession=True)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("---\nrole: product-manager\nlevel: senior\n---\n" + BODY, "front matter"),
        ('+++\nrole = "product-manager"\nlevel = "senior"\n+++\n' + BODY, "front matter"),
        # a site's own metadata, not a role id of rolelint's: the chosen level applies
        ("---\nlayout: job\nrole: UX Design Lead\n---\n" + BODY, "chosen"),
        ("---\nlayout: job\ntitle: Product manager\n---\n" + BODY, "chosen"),
        (BODY, "chosen"),
    ],
)
def test_the_role_level_source_is_the_one_the_rules_used(checker, text, source):
    role = checker.check(text, fmt="md", role=CHOSEN)["role"]
    assert role["source"] == source, role
    if source == "chosen":
        assert role["value"] == CHOSEN


def test_a_chosen_level_is_checked_and_reported_for_a_web_page_too(checker):
    html = "<html><body><h1>Product manager</h1><p>You need 12+ years of experience.</p></body></html>"
    result = checker.check(html, fmt="html", role=CHOSEN)
    assert result["role"]["source"] == "chosen"
    assert any(f["code"] == "RL307" for f in result["findings"]), [f["code"] for f in result["findings"]]


def test_without_a_choice_or_metadata_no_level_is_claimed(checker):
    assert checker.check("# Notes\n\nNothing about any role here.\n", fmt="md")["role"]["source"] in (
        "none",
        "inferred",
    )
