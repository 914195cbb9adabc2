"""RL123's helpers: the heads of an advert's job titles."""

from __future__ import annotations

from rolelint.checks.named import third_person
from rolelint.checks.regex import literal_prefilter


def test_every_match_of_hires_holds_a_word_looked_for_first():
    alternatives = literal_prefilter(third_person.HIRES.pattern, third_person.HIRES.flags)
    assert alternatives
    for clauses in alternatives:  # some clause each of whose needles holds a word
        assert any(
            all(text and any(word in text for word in third_person._HIRE_WORDS) for text, _ in clause)
            for clause in clauses
        ), clauses


def test_a_text_naming_the_hire_is_searched_and_one_without_is_not():
    assert third_person._may_name_a_hire("We are LOOKING FOR a Data Engineer to join us")
    assert third_person.HIRES.search("We are LOOKING FOR a Data Engineer to join us")
    assert not third_person._may_name_a_hire("You will write the roadmap with the team")


def _rl123(text: str, fmt: str = "markdown"):
    from rolelint.loaders import document_from_string
    from rolelint.rulepacks import builtin_rules_dir, load_rules
    from rolelint.runner import run_rules

    rule = load_rules([builtin_rules_dir()])["RL123"]
    document = document_from_string(text, fmt=fmt)
    return run_rules([document], [rule], {})[document.path]


def test_the_applicant_in_the_list_of_documents_to_send_is_about_the_process():
    page = (
        "<h3>Qualifications</h3><ul><li>A degree in physics</li></ul><h3><b>How to apply</b></h3>"
        "<p>The application must include:</p><ul><li>Cover letter</li><li>CV (summarizing education and "
        "positions)</li><li>Publications that the applicant wishes to be considered</li></ul>"
    )
    assert _rl123(page, fmt="html") == []
    # an item that is a heading of requirements ("Education") would start a section of its own
    assert _rl123(page.replace("CV (summarizing education and positions)", "Education"), fmt="html") != []


def test_whom_the_employer_hires_as_an_object_is_not_the_hire_as_subject():
    assert _rl123("We require a qualified candidate to fill the role of designer.") == []
    assert _rl123("We need a strong candidate to lead our data team.") == []
    assert _rl123("A qualified candidate will fill the role of designer.") != []


def test_the_work_done_with_get_is_not_the_post_at_work():
    assert _rl123("We don't mind where you work as long as the job gets done.") == []
    assert _rl123("The job gets results for the whole region.") != []


def test_the_pay_stated_of_the_hire_is_a_term_of_the_post():
    assert _rl123("The successful applicant will receive £34,106 - £37,107 per annum.") == []
    assert _rl123("The Project Archivist will be paid $41,600.") == []


def test_a_reference_after_the_pay_sentence_is_still_read():
    assert (
        _rl123("The successful applicant will receive £34,106 a year. The successful applicant will manage a team.")
        != []
    )
    assert (
        _rl123(
            "The successful applicant will receive £34,106 a year.\nThe ideal candidate will have ten years of experience."
        )
        != []
    )


def test_the_pay_joined_to_a_duty_or_requirement_is_still_reported():
    assert _rl123("The ideal candidate will be paid £34,106 and must have ten years of experience in Python.") != []
    assert _rl123("The successful applicant will receive £34,106 a year and will manage a team of five.") != []


def test_an_amount_the_hire_works_with_is_not_the_pay():
    assert _rl123("The successful applicant will manage a budget of £34,106.") != []


def test_the_pay_said_of_the_hire_after_your_is_a_switch_to_fix():
    assert _rl123("In return for your work, the successful applicant will receive £34,106 a year.") != []


def _quoted(text: str) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, text[f.start : f.end]) for f in _rl123(text)]


def test_a_holder_word_before_a_noun_describes_the_noun():
    text = "Insurers back us, a sign of the trust the incumbent industry has in our work."
    assert _quoted(text) == []
    assert _quoted("Reporting to the board, the incumbent will manage a team.") == [(24, 37, "the incumbent")]


def test_the_person_hired_compared_with_the_post_is_a_view_of_hiring():
    assert _quoted("Our philosophy on hiring is that the candidate is more important than the position.") == []
    assert _quoted("We think the person matters more than the CV.") == []
    assert _quoted("Our philosophy is that the candidate will grow the role.") == [(23, 36, "the candidate")]


def test_the_person_hired_bringing_more_than_a_quantity_is_still_reported():
    text = "The ideal candidate has more than five years of experience."
    assert _quoted(text) == [(0, 19, "The ideal candidate")]


def test_a_jobs_page_names_the_post_in_a_later_heading():
    from pathlib import Path

    from rolelint import Linter
    from rolelint.config import Config

    text = (
        "---\ntitle: Join Our Team\n---\n### Current openings\n\n## Director of Donor Relations, Pittsburgh\n\n"
        "### [Apply here](https://jobs.example.org/apply/1)\n\n"
        "**What you'll do:** The Director of Donor Relations will lead our giving in Pittsburgh.\n"
    )
    linter = Linter(Config(root=Path(".")), select=("RL123",))
    found = [(d.line, d.message) for d in linter.lint_text(text, name="advert.md").diagnostics]
    assert found == [(10, "'The Director' keeps the reader at a distance")]


def test_a_vetting_statement_and_the_employer_named_in_the_title_are_not_the_hire():
    from pathlib import Path

    from rolelint import Linter
    from rolelint.config import Config

    linter = Linter(Config(root=Path(".")), select=("RL123",))

    def found(text: str) -> list[str]:
        return [d.message for d in linter.lint_text(text, name="advert.md").diagnostics]

    vetting = "We are hiring.\n\nThe successful candidate will be subject to an enhanced DBS disclosure.\n"
    assert found(vetting) == []
    assert found(vetting.replace("will be subject to an enhanced DBS disclosure", "will lead the team")) != []
    right = "We are hiring.\n\nApplicants must have the right to work in their country of residence.\n"
    assert found(right) == []
    assert found("We are hiring.\n\nThe successful applicant will need visa sponsorship to start.\n") == []
    # "right" and "entitled" that are not the law's leave the sentence found
    assert found("We are hiring.\n\nThe ideal candidate will be the right person to work closely with clients.\n")
    assert found("We are hiring.\n\nThe successful candidate is entitled to work from home two days a week.\n")
    office = "# Deputy Chief of Staff, Office of Innovation\n\nThe Office of Innovation is looking for people.\n"
    assert found(office) == []
    # a title that names the work, not the person: "the project will develop ..." is about the work
    project = "---\ntitle: PhD Project 1 (TTT)\n---\n\nNote: the project will develop the fog node architecture.\n"
    assert found(project) == []
    assert found(project.replace("the project will develop", "the successful candidate will develop")) != []


def test_a_later_heading_names_the_post_only_when_the_title_does_not():
    from pathlib import Path

    from rolelint import Linter
    from rolelint.config import Config

    text = "# Senior designer\n\nWe make maps.\n\n## Head of Design\n\nThe Head of Design will support your growth.\n"
    linter = Linter(Config(root=Path(".")), select=("RL123",))
    assert not linter.lint_text(text, name="advert.md").diagnostics


def test_the_title_s_head_nouns_are_worked_out_again_when_the_document_s_data_is_replaced():
    from rolelint.documents import SourceText
    from rolelint.formats import format_for
    from rolelint.loaders import parse_source

    source = SourceText("advert.md", "---\ntitle: Data engineer\n---\nWe build pipelines.\n")
    document, _ = parse_source(source, fmt=format_for("advert.md"), kind_hint=None)
    assert third_person.title_heads(document) == frozenset({"engineer"})
    assert third_person.title_heads(document) is third_person.title_heads(document)
    document.data = {**document.data, "title": "Product designer"}
    assert third_person.title_heads(document) == frozenset({"designer"})
