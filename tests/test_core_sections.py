"""RL209 names the core subjects an advert leaves out, reading its text where it has no heading."""

from __future__ import annotations

from rolelint.loaders import document_from_string
from rolelint.rulepacks import builtin_rules_dir, load_rules
from rolelint.runner import run_rules

RULES = load_rules([builtin_rules_dir()])
HEAD = (
    "# Developer\n\n## About us\n\nWe build tools for the clinics of a health charity, and have done so since 2012.\n\n"
)
DUTIES = "## What you'll do\n\n- Build forms\n- Run the service\n\n"
NEEDS = "## Requirements\n\n- Experience with Python\n- Knowledge of SQL\n\n"


def _missing(text: str) -> str | None:
    document = document_from_string(text, fmt="markdown")
    found = run_rules([document], [RULES["RL209"]], {})[document.path]
    return found[0].message if found else None


def test_a_workplace_word_without_a_place_does_not_say_where_the_job_is():
    text = HEAD + DUTIES + NEEDS + "We have an office filled with ideas. Send us your CV.\n"
    assert "location" in (_missing(text) or "")


def test_a_workplace_named_by_its_place_says_where_the_job_is():
    text = HEAD + DUTIES + NEEDS + "You will work from our Leeds office. Send us your CV.\n"
    assert _missing(text) is None


def test_an_invitation_to_apply_does_not_say_how_to_apply():
    text = HEAD + DUTIES + NEEDS + "The job is remote. Disabled people are strongly encouraged to apply.\n"
    assert "apply" in (_missing(text) or "")


def test_a_job_page_in_front_matter_is_a_way_to_apply():
    front = "---\nsource_url: https://example.org/jobs/developer/123\n---\n"
    text = front + HEAD + DUTIES + NEEDS + "The job is remote.\n"
    assert _missing(text) is None


def test_fields_questions_and_stray_commands_in_other_sections_are_not_duties():
    text = (
        HEAD.replace("## About us", "## About us\n\nBack to list")
        + "Contract type: permanent. Have a job to advertise?\n\n"
        + NEEDS
        + "## Contact\n\nCreate a pull request. The job is remote; send us your CV.\n"
    )
    assert "responsibilities" in (_missing(text) or "")


def test_one_sentence_naming_several_duties_covers_responsibilities():
    text = (
        HEAD
        + "Your main task will be to develop new features, maintain our API and optimise the backend.\n\n"
        + NEEDS
        + "The job is remote; send us your CV.\n"
    )
    assert _missing(text) is None
