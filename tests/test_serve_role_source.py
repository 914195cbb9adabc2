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


def test_the_inferred_level_is_a_plain_note_on_the_page(checker):
    found = checker.check("# Senior product manager\n\nYou will own the roadmap.\n")
    note = next(f for f in found["findings"] if f["code"] == "RL316")
    assert note["message"] == "Read as: Senior product manager"
    assert note["suggestion"] == "If that is not the job, choose its role and level above."
    assert note["use_instead"] is None and "front matter" not in note["why"]
    assert found["role"]["title"] == "Senior product manager"  # still read from RL316's suggestion


def test_the_command_line_keeps_its_own_words_for_the_inferred_level(checker):
    result = checker.linter.lint_text("# Senior product manager\n\nYou will own the roadmap.\n", kind="advert")
    note = next(d for d in result.diagnostics if d.code == "RL316")
    assert note.message.startswith("inferred role level: Senior product manager (role `product-manager`")
    assert note.suggestion == "role: product-manager\nlevel: senior"


def test_no_finding_on_the_page_offers_front_matter_to_write(checker):
    found = checker.check("# Senior product manager\n\n## Salary\n\n£90,000 to £95,000 a year.\n")
    assert "RL306" in {f["code"] for f in found["findings"]}
    assert not [f["code"] for f in found["findings"] if (f["use_instead"] or "").startswith("---")]


def test_a_level_that_cannot_be_told_is_named_by_its_titles(checker):
    from types import SimpleNamespace

    from rolelint.serve.analysis import plain_profession_note

    message = (
        "cannot tell which role level this advert is for (`product-manager` at `senior` or `delivery-manager` "
        "at `senior`); add `role:` and `level:` front matter"
    )
    finding = {"message": message, "suggestion": None, "use_instead": "---\nrole: x\n---", "why": "front matter"}
    plain_profession_note(finding, SimpleNamespace(code="RL316", message=message, suggestion=None), checker.role_levels)
    assert finding["message"] == (
        "Could not tell which role level this advert is for: Senior product manager or Senior delivery manager."
    )
    assert finding["suggestion"] == "Choose its role and level above." and finding["use_instead"] is None
