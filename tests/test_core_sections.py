"""RL209 names the core subjects an advert leaves out, reading its text where it has no heading."""

from __future__ import annotations

from rolelint.loaders import document_from_string
from rolelint.rulepacks import builtin_rules_dir, load_rules
from rolelint.runner import run_rules

RULES = load_rules([builtin_rules_dir()])
HEAD = (
    "# Developer\n\n## About us\n\nWe build tools for the clinics of a health charity, and have done so since 2012. "
    "We offer a pension and 30 days of holiday. The post is open until filled.\n\n"
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


def test_an_employment_page_in_front_matter_is_a_way_to_apply():
    front = "---\nlink: https://example.org/employment/\n---\n"
    text = front + HEAD + DUTIES + NEEDS + "The job is remote.\n"
    assert _missing(text) is None
    # a link to the site's home page is not one
    assert "apply" in (_missing(text.replace("employment/", "")) or "")


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


def test_a_job_title_with_a_section_word_does_not_stand_for_that_section():
    text = "# News Applications Developer\n\n## About us\n\n" + HEAD.split("## About us\n\n")[1] + DUTIES + NEEDS
    assert "apply" in (_missing(text + "The job is remote.\n") or "")


def test_one_sentence_of_what_the_hire_will_do_covers_responsibilities():
    for sentence in (
        "The developer will build the forms and run the service.",
        "We're looking for a full-time developer to deploy, manage and maintain our forms.",
    ):
        text = (
            "# Developer\n\n"
            + HEAD.split("\n\n", 1)[1]
            + sentence
            + "\n\n"
            + NEEDS
            + "The job is remote; send us your CV.\n"
        )
        assert _missing(text) is None, sentence


def test_what_the_hire_will_be_given_or_would_like_is_not_a_duty():
    for sentence in (
        "The developer will have a laptop and a desk.",
        "We are looking for a developer who would like to work on a busy site.",
    ):
        text = HEAD + sentence + "\n\n" + NEEDS + "The job is remote; send us your CV.\n"
        assert "responsibilities" in (_missing(text) or ""), sentence


def test_an_unbulleted_list_of_duties_covers_responsibilities():
    text = (
        HEAD
        + "Build the forms\nRun the service\nAnswer questions\n\n"
        + NEEDS
        + "The job is remote; send us your CV.\n"
    )
    assert _missing(text) is None


def test_a_place_under_the_title_says_where_the_job_is():
    assert (
        _missing(
            "# Developer\n\n*Houston, Texas*\n\n" + HEAD.split("\n\n", 1)[1] + DUTIES + NEEDS + "Send us your CV.\n"
        )
        is None
    )
    reports_to = "# Developer\n\nReports to: Director, Product\n\n" + HEAD.split("\n\n", 1)[1] + DUTIES + NEEDS
    assert "location" in (_missing(reports_to + "Send us your CV.\n") or "")


def test_a_university_named_by_its_place_says_where_the_job_is():
    text = HEAD + DUTIES + NEEDS + "You will join a team at the University of Sheffield. Send us your CV.\n"
    assert _missing(text) is None


def test_a_link_to_a_job_page_or_a_sites_apply_button_is_a_way_to_apply():
    body = HEAD + DUTIES + NEEDS + "The job is remote.\n\n"
    assert _missing(body + "Read the [full advert](https://example.org/vacancies/1234).\n") is None
    assert _missing(body + '{% include apply-button.html role="developer" %}\n') is None
    assert "apply" in (_missing(body + "Read [our blog](https://example.org/blog/1234).\n") or "")


def test_a_place_where_the_team_works_says_where_the_job_is():
    # spaCy's entity recogniser finds the place; the parse says what is there
    for line in (
        "The team lives in New Zealand and Germany. Send us your CV.",
        "You will join our team in Königsbrunn, Germany. Send us your CV.",
        "Tel Aviv-Yafo, Tel Aviv District, Israel · 1 day ago\n\nSend us your CV.",
        "Our team works in beautiful Athens. Send us your CV.",
        "You will join our Athens-based team. Send us your CV.",
        "Rio de Janeiro, Brazil\n\nSend us your CV.",
    ):
        assert _missing(HEAD + DUTIES + NEEDS + line + "\n") is None, line


def test_a_place_of_customers_or_a_technology_does_not_say_where_the_job_is():
    for line in (
        "Our software is used by hospitals in Belgium and Canada. Send us your CV.",
        "You know Linux-based systems and mobile development in Android. Send us your CV.",
        # the recogniser reads "Managing" as a place beside "India": not a line of places
        "- Managing India entity\n\nSend us your CV.",
    ):
        assert "location" in (_missing(HEAD + DUTIES + NEEDS + line + "\n") or ""), line


def test_a_place_in_the_title_says_where_the_job_is():
    text = "---\ntitle: Java Developer - Munich, Germany\n---\n" + HEAD + DUTIES + NEEDS + "Send us your CV.\n"
    assert _missing(text) is None


def test_an_advert_that_says_nothing_of_pay_benefits_or_terms_leaves_out_what_is_offered():
    bare = HEAD.replace("We offer a pension and 30 days of holiday.", "")
    text = bare + DUTIES + NEEDS + "The job is remote. Send us your CV.\n"
    assert _missing(text) is not None and "what is offered" in _missing(text)


def test_pay_benefits_or_the_terms_of_the_contract_say_what_is_offered():
    bare = HEAD.replace("We offer a pension and 30 days of holiday.", "")
    for offer in ("It is a two-year fixed-term contract.", "The salary is £40,000.", "## Benefits\n\n- A pension\n"):
        text = bare + DUTIES + NEEDS + f"The job is remote. Send us your CV.\n\n{offer}\n"
        assert _missing(text) is None, offer


def test_a_requirement_marked_a_wish_offers_nothing():
    bare = HEAD.replace("We offer a pension and 30 days of holiday.", "")
    needs = NEEDS + "- Experience with Go will be of benefit\n- Rust is a bonus\n\n"
    assert "what is offered" in (_missing(bare + DUTIES + needs + "The job is remote. Send us your CV.\n") or "")


def test_the_places_of_a_run_s_adverts_are_read_in_one_batch_with_the_findings_of_each_alone(monkeypatch):
    import rolelint.checks.named.core_sections as core_sections

    lines = (
        "You will join our team in Königsbrunn, Germany. Send us your CV.",
        "Our software is used by hospitals in Belgium and Canada. Send us your CV.",
        "We work at Google scale in Python. Send us your CV.",
    )
    documents = [
        document_from_string(HEAD + DUTIES + NEEDS + line + "\n", fmt="markdown", path=f"advert-{n}.md")
        for n, line in enumerate(lines)
    ]
    alone = [run_rules([document], [RULES["RL209"]], {})[document.path] for document in documents]
    batches = []
    read = core_sections._read_texts

    def counted(nlp, ner, whole, parts):
        batches.append(whole + parts)
        return read(nlp, ner, whole, parts)

    monkeypatch.setattr(core_sections, "_READINGS", {})
    monkeypatch.setattr(core_sections, "_read_texts", counted)
    together = run_rules(documents, [RULES["RL209"]], {})
    assert [together[document.path] for document in documents] == alone
    assert len(batches) == 1 and all(line in batches[0] for line in lines)  # one batch, each text once
    assert [bool(found) for found in alone] == [False, True, True]


def test_the_recogniser_read_in_windows_finds_the_places_of_work_it_finds_in_whole_texts():
    import rolelint.checks.named.core_sections as core_sections

    filler = "We build forms for clinics and run the service for their staff every day of the week. " * 3
    texts = [
        # a long text whose place of work is in one sentence: read in windows
        filler + "You will join our team in Königsbrunn, Germany. " + filler,
        filler + "Our software is used by hospitals in Belgium and Canada. " + filler,
        filler + "You will be a developer in Athens. " + filler,
        filler + "We work at Google scale in Python, with partners in Berlin. " + filler,
        # places that open a text are read whole
        "Tel Aviv-Yafo, Tel Aviv District, Israel · 1 day ago. " + filler,
    ]
    nlp, ner = core_sections._entity_pipeline()
    reach = core_sections._entity_reach(nlp)
    assert reach == 4
    docs = list(nlp.pipe(texts, disable=["ner", "tagger", "attribute_ruler", "lemmatizer"]))
    assert all(core_sections._entity_windows(doc, reach) is not None for doc in docs)
    whole = core_sections._read_texts(nlp, ner, texts, [])
    windows = core_sections._read_texts(nlp, ner, [], texts)
    assert [(r.work, r.said_of) for r in windows] == [(r.work, r.said_of) for r in whole]
    assert [r.works_there(frozenset({"developer"})) for r in windows] == [True, False, True, False, True]
    # read in windows but the last, whose opening place has it read whole
    assert [r.place for r in windows] == [None, None, None, None, True]


def test_a_heading_with_nothing_under_it_covers_nothing():
    text = HEAD + DUTIES + "## Requirements\n\n## Location\n\nRemote, in the UK. Send us your CV.\n"
    assert _missing(text) == "The advert says nothing about: requirements"
    assert _missing(HEAD + DUTIES + NEEDS + "## Location\n\nRemote, in the UK. Send us your CV.\n") is None


def test_an_address_set_as_a_heading_is_a_way_to_apply():
    text = HEAD + DUTIES + NEEDS + "The job is remote.\n\n### Send your CV to jobs@example.org\n"
    assert _missing(text) is None


def test_an_application_period_says_how_to_apply():
    text = HEAD + DUTIES + NEEDS + "The job is remote.\n\nApplication period 25.09.2025 - 13.10.2025\n"
    assert _missing(text) is None


def test_a_form_to_submit_an_application_to_is_a_way_to_apply():
    base = HEAD + DUTIES + NEEDS + "The job is remote.\n\n"
    text = base + "**Applications are open. Submit your application [here](https://airtable.com/shrXYZ).**\n"
    assert _missing(text) is None
    assert "apply" in (_missing(base + "**Applications are open.**\n") or "")


def test_the_hire_called_by_the_acronym_of_the_post_states_duties():
    intro = (
        "# Program officer\n\n## About us\n\nWe fund research on health, and we offer a pension and 30 days of "
        "holiday.\n\nThe Health Program seeks a Program Officer (PO) to lead our grants. "
    )
    text = (
        intro
        + "The PO will manage a portfolio of grants.\n\n"
        + NEEDS
        + "The job is remote. Send us your CV. The post is open until filled.\n"
    )
    assert _missing(text) is None
    # without the acronym given to the post, "the PO" is nobody the advert named
    unnamed = text.replace(" (PO)", "")
    assert _missing(unnamed) == "The advert says nothing about: responsibilities"


def test_a_duties_heading_with_a_slip_names_the_duties():
    text = (
        HEAD + DUTIES.replace("## What you'll do", "RESPONSIBLITIES:") + NEEDS + "The job is remote. Send us your CV.\n"
    )
    assert _missing(text) is None


def test_a_duties_heading_over_a_list_of_requirements_leaves_out_the_duties():
    listed = "## Responsibilities\n\n- 5+ years of experience with Python\n- Strong knowledge of SQL\n\n"
    text = HEAD + listed + "## How to apply\n\nThe job is remote. Send us your CV.\n"
    assert "responsibilities" in (_missing(text) or "")
    assert _missing(HEAD + DUTIES + NEEDS + "The job is remote. Send us your CV.\n") is None


def test_a_place_among_the_sites_categories_says_where_the_job_is():
    front = '---\ntitle: Technical Writer\nCategories: ["Seattle, WA", "Full-Time"]\n---\n'
    text = front + HEAD + DUTIES + NEEDS + "Send us your CV.\n"
    assert _missing(text) is None
    for tags in ('["Devops", "Full-Time"]', '["PostgreSQL", "Python"]'):  # a technology read as a place
        assert "location" in (_missing(text.replace('["Seattle, WA", "Full-Time"]', tags)) or ""), tags


def _finding(text: str) -> tuple[int, int, str] | None:
    """The finding's offsets (where the advert's text starts) and message, or None."""
    document = document_from_string(text, fmt="markdown")
    found = run_rules([document], [RULES["RL209"]], {})[document.path]
    return (found[0].start, found[0].end, found[0].message) if found else None


REMOTE = "The job is remote.\n\n"
NO_APPLY = (2, 11, "The advert says nothing about: apply")  # at the title, "# Developer"


def test_a_job_page_written_as_an_address_in_the_text_is_a_way_to_apply():
    body = HEAD + DUTIES + NEEDS + REMOTE
    assert _finding(body + "All roles: jobs.example.ai\n") is None
    # an HTML page writes its addresses' slashes as entities; the text read decodes them
    assert (
        _finding(body + '<a href="https:&#x2F;&#x2F;jobs.ats.example&#x2F;acme&#x2F;3c02">Payments engineer</a>\n')
        is None
    )
    assert _finding(body + "Our blog: blog.example.ai\n") == NO_APPLY


def test_a_link_in_a_field_naming_the_posting_is_a_way_to_apply():
    body = HEAD + DUTIES + NEEDS + REMOTE
    assert _finding(body + "LINK_TO_ORIGINAL_JOB_POSTING: https://acme.ats.example/p/b597/\n") is None
    assert _finding(body + "Website: https://acme.example/p/b597/\n") == NO_APPLY


def test_asking_the_reader_to_write_to_the_advertiser_is_a_way_to_apply():
    body = HEAD + DUTIES + NEEDS + REMOTE
    assert _finding(body + "Questions? Feel free to reply here or email me.\n") is None
    assert _finding(body + "Reach out to us with a few lines about yourself.\n") is None
    assert _finding(body + "You will email customers and write reports.\n") == NO_APPLY
    assert _finding(body + "We write here about our culture.\n") == NO_APPLY
    assert _finding(body + "Interested? Reply here.\n") is None
    # "call" also says what the speaker is, which asks for nothing
    assert _finding(body + "Call us crazy, but we still write code by hand.\n") == NO_APPLY
    assert _finding(body + "Call me old-fashioned: we test everything.\n") == NO_APPLY
    assert _finding(body + "Interested? Call us on 0113 496 0000.\n") is None
    assert _finding(body + "Call us to talk about the role.\n") is None


def test_requirements_stated_in_one_sentence_of_prose_cover_requirements():
    body = HEAD + DUTIES + REMOTE + "Send us your CV.\n\n"
    assert _finding(body + "Strong backend chops and interest in payment systems required.\n") is None
    assert _finding(body + "You will juggle projects, so must be proficient in planning.\n") is None
    assert _finding(body + "3+ years full stack, strong TypeScript, experience with data-heavy apps.\n") is None


def test_the_employers_own_record_or_a_cv_required_are_not_requirements():
    body = HEAD + DUTIES + REMOTE
    missing = (2, 11, "The advert says nothing about: requirements")
    assert (
        _finding(body + "Our team has 10 years of experience, deep knowledge of care.\n\nSend us your CV.\n") == missing
    )
    assert _finding(body + "## How to apply\n\nA CV and a cover letter are required.\n") == missing
    assert _finding(body + "Update the documents as required.\n\nSend us your CV.\n") == missing
    obligation = "We must have strong experience of shipping secure software.\n\nSend us your CV.\n"
    assert _finding(body + obligation) == missing
    assert _finding(body + "No experience required.\n\nSend us your CV.\n") == missing
    assert _finding(body + "Some travel may be required.\n\nSend us your CV.\n") == missing
    assert _finding(body + "Experience with payroll systems will be required.\n\nSend us your CV.\n") is None


def test_two_sentences_run_together_are_no_address_of_a_job_page():
    body = HEAD + DUTIES + NEEDS + REMOTE
    assert _finding(body + "We are recruiting.We are a small team.\n") == NO_APPLY
    assert _finding(body + "Read about the position.it was created this year.\n") == NO_APPLY
    assert _finding(body + "More roles: example.org/careers\n") is None


def test_a_library_named_as_the_workplace_says_where_the_job_is():
    body = HEAD + DUTIES + NEEDS + "Send us your CV.\n\n"
    assert _finding(body + "This post is based at Gainsborough Community Library.\n") is None
    assert _finding(body + "We are looking for an advisor at Bungay Library.\n") is None
    # a library of code says nothing about where
    assert _finding(body + "You will maintain our open-source charting library.\n") is not None
    assert _finding(body + "You will extend the Python Standard Library.\n") is not None
    assert _finding(body + "You will build on the Material UI component library.\n") is not None


def test_the_hours_alone_do_not_say_what_is_offered():
    head = "# Developer\n\n## About us\n\nWe build tools for the clinics of a health charity. Apply by 3 May 2027.\n\n"
    text = head + DUTIES + NEEDS + REMOTE + "WORK_TYPE: FULL-TIME\n\nSend us your CV.\n"
    assert "what is offered" in (_missing(text) or "")
    # a contract's term or the weekly hours are terms of the offer
    assert _missing(head + DUTIES + NEEDS + REMOTE + "A 12-month fixed-term contract. Send us your CV.\n") is None
    assert _missing(head + DUTIES + NEEDS + REMOTE + "The post is 20 hours per week. Send us your CV.\n") is None


def test_a_site_s_location_mapping_in_front_matter_says_where():
    front = "---\ntitle: Digital Project Manager\nlocation:\n    name: Carnegie Hall\n    latitude: 40.76\n---\n"
    body = HEAD + DUTIES + NEEDS + "Send your CV to jobs@example.org.\n"
    assert "location" not in (_missing(front + body) or "")
    assert "location" in (
        _missing(front.replace("location:\n    name: Carnegie Hall\n    latitude: 40.76\n", "") + body) or ""
    )


def test_the_hire_asked_to_be_here_in_a_place_says_where():
    text = (
        HEAD
        + DUTIES
        + NEEDS
        + "You will need to be here in San Diego (or willing to move).\n\nSend your CV to jobs@example.org.\n"
    )
    assert "location" not in (_missing(text) or "")


# a complete advert but for when applications close
OPEN = HEAD.replace(" The post is open until filled.", "") + DUTIES + NEEDS + REMOTE + "Send us your CV.\n"
CLOSES = "The advert says nothing about: when applications close"


def test_an_advert_with_no_closing_date_says_nothing_about_when_applications_close():
    assert _missing(OPEN) == CLOSES


def test_a_date_in_a_sentence_about_applying_says_when_applications_close():
    for sentence in (
        "Applications close on 31 October 2026.",
        "Please send a CV and covering letter to Jo, the director, before 10th September 2026.",
        "Apply by Friday.",
        "The deadline is 15/03/2027.",
    ):
        assert _missing(OPEN + sentence + "\n") is None, sentence


def test_a_date_that_is_not_a_close_says_nothing_about_when_applications_close():
    for sentence in (
        "Start date: March 2027.",
        "You may apply even if you are new to Python.",
        "Since June 2020 we have received 300 applications.",
        "Applications open on 1 March 2027.",
        "Join us for an open day on Monday March 7th to learn what we look for in applications.",
    ):
        assert _missing(OPEN + sentence + "\n") == CLOSES, sentence


def test_a_date_after_a_word_that_sets_a_limit_says_when_applications_close():
    for sentence in (
        "Please e-mail your CV to jobs@example.org, not later than 30.04.2027.",
        "Applications received after 5pm on 31 March 2027 will not be considered.",
        "Review of applications begins September 1, 2027.",
    ):
        assert _missing(OPEN + sentence + "\n") is None, sentence


def test_a_closing_heading_says_when_applications_close_only_with_a_date_under_it():
    assert _missing(OPEN + "\n## Closing date\n\n8am 20 February 2027\n") is None
    assert _missing(OPEN + "\n## Application deadline\n\nTo be confirmed.\n") == CLOSES


def test_a_window_left_open_says_when_applications_close():
    for sentence in (
        "Applications are reviewed on a rolling basis.",
        "The role stays open until the position is filled.",
        "There is no official closing date for this post.",
    ):
        assert _missing(OPEN + sentence + "\n") is None, sentence


def test_a_closing_date_in_front_matter_counts_only_with_a_value():
    assert _missing("---\nvalidThrough: 2027-03-01\n---\n" + OPEN) is None
    assert _missing("---\nclosingDate:\n---\n" + OPEN) == CLOSES


def test_dates_in_other_common_shapes_say_when_applications_close():
    for ending in ("\n## Closing date\n\n2027/03/31\n", "Closing date: 2027.03.31\n", "Apply by 31-Mar-2027.\n"):
        assert _missing(OPEN + ending) is None, ending


def test_a_front_matter_key_says_when_applications_close_only_with_a_date_and_as_a_word():
    for front in ("deadline: false", "closingDate: []", "closing_date: '   '", "disclosing: 2027-03-01"):
        assert _missing(f"---\n{front}\n---\n" + OPEN) == CLOSES, front
    for front in (
        "closing_date: 2027-03-01",
        "applicationDeadline: 31 March 2027",
        "expires: [2027-03-01]",
        "closedDate: 2027-03-01",
    ):
        assert _missing(f"---\n{front}\n---\n" + OPEN) is None, front


def test_closing_can_be_left_out_of_the_required_subjects():
    document = document_from_string(OPEN, fmt="markdown")
    options = {"RL209": {"required": ["about", "responsibilities", "essential", "offer", "location", "apply"]}}
    assert run_rules([document], [RULES["RL209"]], options)[document.path] == []


def test_the_subjects_of_other_spans_of_the_same_advert_are_worked_out_anew():
    from rolelint.checks import SpanInput
    from rolelint.checks.named.core_sections import catalogue_spec, subjects_present

    document = document_from_string(HEAD + DUTIES + NEEDS + "The job is remote.\n", fmt="markdown")
    every = tuple(SpanInput.of(span) for span in document.spans)
    spec, wanted = catalogue_spec(), ["location", "essential"]
    assert subjects_present(document, every, spec, wanted) >= {"location", "essential"}
    assert subjects_present(document, every, spec, wanted) >= {"location", "essential"}  # asked again
    without_remote = tuple(item for item in every if "remote" not in item.text)
    assert "location" not in subjects_present(document, without_remote, spec, wanted)


def test_apply_done_to_a_thing_is_no_way_to_apply_but_a_mailto_link_is():
    body = OPEN.replace("Send us your CV.\n", "You know when to apply each pattern. The post is open until filled.\n")
    assert "apply" in (_missing(body) or "")
    assert _missing(body + "\n[Drop us a line](mailto:jo@example.org)\n") is None
    for sentence in ("You can apply either online or by post.", "Please apply quoting reference JS123."):
        assert _missing(body + sentence + "\n") is None, sentence


def test_a_date_after_a_limit_counts_however_far_and_a_closed_post_says_when_it_closed():
    for sentence in (
        "Please send your CV before the end of the day on Friday 31 March 2027.",
        "Applications must reach us on 31 March 2027 at the latest.",
        "Closing date: CLOSED",
    ):
        assert _missing(OPEN + sentence + "\n") is None, sentence
    for sentence in (
        "Applications for this fixed-term post, funded until 31 March 2028, go to Jo.",
        "Send your CV to Jo; the post starts after 1 May 2027.",
    ):
        assert _missing(OPEN + sentence + "\n") == CLOSES, sentence


def test_a_list_led_in_as_duties_without_a_heading_is_the_duties_section():
    from rolelint.checks import SpanInput
    from rolelint.checks.named.sections import sections_present

    text = (
        "# Assistant\n\nIn this role you will support the communications team in all its work with partners. The Communications Assistant will be responsible for:\n\n"
        "\\- Providing administrative support.\n\n\\- Assisting with events.\n"
    )
    document = document_from_string(text, fmt="markdown")
    assert "responsibilities" in sections_present(document, [SpanInput.of(span) for span in document.spans])
