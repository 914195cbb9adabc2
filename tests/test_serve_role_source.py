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
    assert found["role"]["title"] == "Senior product manager"  # the level RL316 reported, not a chosen one


def test_the_command_line_keeps_its_own_words_for_the_inferred_level(checker):
    result = checker.linter.lint_text("# Senior product manager\n\nYou will own the roadmap.\n", kind="advert")
    note = next(d for d in result.diagnostics if d.code == "RL316")
    assert note.message.startswith("inferred role level: Senior product manager (role `product-manager`")
    assert note.suggestion == "role: product-manager\nlevel: senior"


def test_no_finding_on_the_page_offers_front_matter_to_write(checker):
    found = checker.check("# Senior product manager\n\n## Salary\n\n£90,000 to £95,000 a year.\n")
    assert "RL306" in {f["code"] for f in found["findings"]}
    assert not [f["code"] for f in found["findings"] if (f["use_instead"] or "").startswith("---")]


# Linked to the delivery manager's senior level, titled as the product manager's: both fit equally.
TWO_LEVELS = (
    "# Senior product manager\n\nSee https://ddat-capability-framework.service.gov.uk/role/delivery-manager"
    "#senior-delivery-manager\n"
)


def test_a_level_that_cannot_be_told_is_named_by_its_titles(checker):
    found = checker.check(TWO_LEVELS)
    note = next(f for f in found["findings"] if f["code"] == "RL316")
    assert note["message"] == (
        "Could not tell which role level this advert is for: Senior product manager or Senior delivery manager."
    )
    assert note["suggestion"] == "Choose its role and level above." and note["use_instead"] is None
    assert found["role"] == {"source": "none"}


@pytest.mark.parametrize(
    ("text", "message", "role"),
    [
        (
            "# Senior product manager\n\nYou will own the roadmap.\n",
            "Read as: Senior product manager",
            {
                "source": "inferred",
                "value": "product-management/product-manager/senior",
                "title": "Senior product manager",
            },
        ),
        (
            TWO_LEVELS,
            "Could not tell which role level this advert is for: Senior product manager or Senior delivery manager.",
            {"source": "none"},
        ),
    ],
)
def test_the_page_does_not_read_the_level_from_rl316_s_words(checker, monkeypatch, text, message, role):
    """The page is told the inferred level by the profession layer: RL316 worded otherwise, or with
    no suggestion, changes nothing on it."""
    from rolelint.profession.context import CheckContext

    report = CheckContext.at_offsets

    def reworded(self, code, display, start, end, message, **options):
        if code == "RL316":
            message, options = "this advert reads as another level", {}
        return report(self, code, display, start, end, message, **options)

    monkeypatch.setattr(CheckContext, "at_offsets", reworded)
    found = checker.check(text)
    assert next(f for f in found["findings"] if f["code"] == "RL316")["message"] == message
    assert found["role"] == role
