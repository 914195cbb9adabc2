"""The public API's ``role_level``: the role level an advert is for, given by the caller (the page's
chooser), applies to an advert in every format — a Word document, plain text, a web page — as front
matter does to Markdown, and never over what the advert itself names."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from rolelint import Linter

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TITLE = "Senior product manager"
EXPERIENCE = "You need 12+ years of experience in product management."
PAY = "£90,000 to £95,000 a year."
ASSOCIATE = {"framework": "product-management", "role": "product-manager", "level": "associate"}


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(start=EXAMPLES)


def word_document() -> bytes:
    """A Word draft as python-docx writes one: a styled title and headings, no metadata anywhere."""
    import docx

    document = docx.Document()
    document.add_heading(TITLE, 1)
    document.add_paragraph("You will own the roadmap for our payments product.")
    document.add_heading("Experience", 2)
    document.add_paragraph(EXPERIENCE)
    document.add_heading("Salary", 2)
    document.add_paragraph(PAY)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def messages(result, code: str) -> list[str]:
    return [d.message for d in result.diagnostics if d.code == code]


def drafts() -> list[tuple[str, str | bytes]]:
    return [
        ("advert.docx", word_document()),
        ("advert.txt", f"{TITLE}\n\n{EXPERIENCE}\n\nSalary\n\n{PAY}\n"),
        ("advert.html", f"<h1>{TITLE}</h1><p>{EXPERIENCE}</p><h2>Salary</h2><p>{PAY}</p>"),
        ("advert.md", f"# {TITLE}\n\n{EXPERIENCE}\n\n## Salary\n\n{PAY}\n"),
    ]


@pytest.mark.parametrize(("name", "content"), drafts(), ids=[name for name, _ in drafts()])
def test_a_role_level_given_applies_to_an_advert_in_every_format(linter, name, content):
    lint = linter.lint_bytes if isinstance(content, bytes) else linter.lint_text
    inferred = lint(content, name=name, kind="advert")  # type: ignore[operator]
    assert any("4-8 years expected of Senior product manager" in m for m in messages(inferred, "RL307"))
    chosen = lint(content, name=name, kind="advert", role_level=ASSOCIATE)  # type: ignore[operator]
    assert any("0-2 years expected of Associate product manager" in m for m in messages(chosen, "RL307"))
    assert any("band of Associate product manager" in m for m in messages(chosen, "RL306"))
    assert not messages(chosen, "RL316")  # nothing left to infer
    pay = next(d for d in chosen.diagnostics if d.code == "RL306")
    source = chosen.sources[chosen.files[0]]
    assert (
        PAY.rstrip(".")
        in source.text[source.offset(pay.line, pay.column) : source.offset(pay.end_line, pay.end_column)]
    )
    assert source.text == inferred.sources[inferred.files[0]].text  # nothing is written into the text


def test_a_role_level_from_role_levels_is_taken_as_it_is(linter):
    associate = next(r for r in linter.role_levels() if r.role == "product-manager" and r.level == "associate")
    result = linter.lint_bytes(word_document(), name="advert.docx", kind="advert", role_level=associate)
    assert any("Associate product manager" in m for m in messages(result, "RL306"))


def test_an_advert_s_own_front_matter_wins_over_the_role_level_given(linter):
    text = f"---\nrole: product-manager\nlevel: senior\n---\n# {TITLE}\n\n{EXPERIENCE}\n\n## Salary\n\n{PAY}\n"
    result = linter.lint_text(text, name="advert.md", kind="advert", role_level=ASSOCIATE)
    assert any("Senior product manager" in m for m in messages(result, "RL307"))
    assert not any("Associate" in d.message for d in result.diagnostics)


def test_a_role_level_given_applies_to_adverts_only(linter):
    role = "kind: role\nid: x\nframework: product-management\ntitle: X\nlevels: []\n"
    given = linter.lint_text(role, name="roles/x.yaml", role_level=ASSOCIATE)
    assert given.diagnostics == linter.lint_text(role, name="roles/x.yaml").diagnostics


def test_a_role_level_the_repo_does_not_define_is_reported_on_its_key(linter):
    result = linter.lint_text(
        f"{TITLE}\n\n{EXPERIENCE}\n", name="advert.txt", kind="advert", role_level={"role": "nope"}
    )
    broken = next(d for d in result.diagnostics if d.code == "RL301")
    assert broken.field_path == "role" and "`nope`" in broken.message


@pytest.mark.parametrize(
    "bad",
    [{"team": "x", "level": "senior"}, {"framework": "product-management"}, {"level": ""}, {"level": 3}, "senior"],
)
def test_a_role_level_that_is_not_one_is_a_value_error(linter, bad):
    with pytest.raises(ValueError, match="role_level"):
        linter.lint_text("x", name="advert.md", role_level=bad)


def test_a_conflict_with_the_role_level_given_names_it_not_front_matter(linter):
    link = "https://ddat-capability-framework.service.gov.uk/role/delivery-manager#senior-delivery-manager"
    text = f"{TITLE}\n\nThis role aligns with the DDaT page {link} here.\n"
    result = linter.lint_text(text, name="advert.txt", kind="advert", role_level=ASSOCIATE)
    (conflict,) = messages(result, "RL317")
    assert conflict.endswith("but the role level given with it says `product-manager` at `associate`"), conflict


def test_the_inferred_role_level_is_given_in_ids_and_title(linter):
    from rolelint.api import InferredRoleLevel

    draft = linter.lint_text(f"# {TITLE}\n\n{EXPERIENCE}\n", kind="advert")
    assert linter.inferred_role_levels(draft) == (
        InferredRoleLevel("product-management", "product-manager", "senior", "Senior product manager"),
    )


def test_an_advert_that_fits_two_role_levels_equally_is_given_both(linter):
    link = "https://ddat-capability-framework.service.gov.uk/role/delivery-manager#senior-delivery-manager"
    draft = linter.lint_text(f"# {TITLE}\n\nSee {link}\n", kind="advert")
    assert [(found.role, found.level, found.title) for found in linter.inferred_role_levels(draft)] == [
        ("product-manager", "senior", "Senior product manager"),
        ("delivery-manager", "senior", "Senior delivery manager"),
    ]


def test_nothing_is_inferred_for_a_role_level_the_advert_or_the_caller_names(linter):
    named = linter.lint_text(f"---\nrole: product-manager\nlevel: senior\n---\n# {TITLE}\n", kind="advert")
    chosen = linter.lint_text(f"# {TITLE}\n", kind="advert", role_level=ASSOCIATE)
    assert linter.inferred_role_levels(named) == () and linter.inferred_role_levels(chosen) == ()


def test_a_cached_run_still_gives_the_inferred_role_level(tmp_path):
    import shutil

    from rolelint.api import InferredRoleLevel

    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    draft = repo / "adverts" / "draft-senior.md"
    draft.write_text(f"# {TITLE}\n\n{EXPERIENCE}\n", encoding="utf-8")
    expected = (InferredRoleLevel("product-management", "product-manager", "senior", "Senior product manager"),)
    for run in ("first", "cached"):
        cached = Linter(start=repo, use_cache=True)
        result = cached.lint_paths([draft])
        assert "RL316" in [d.code for d in result.diagnostics], run
        assert cached.inferred_role_levels(result) == expected, run
    assert not result.documents  # the profession findings came from the cache, with no documents


def test_a_cached_run_still_gives_the_places_a_finding_was_checked_against(tmp_path):
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    draft = repo / "adverts" / "draft-senior.md"
    draft.write_text(f"# {TITLE}\n\n{EXPERIENCE}\n", encoding="utf-8")
    places = []
    for _ in ("first", "cached"):
        cached = Linter(start=repo, use_cache=True)
        result = cached.lint_paths([draft])
        places.append({d.code: [p.path for p in found] for d, found in cached.related(result).items()})
    assert places[0] and places[1] == places[0]
