"""RL201 counts the requirements an advert makes, however its lists are headed."""

from __future__ import annotations

import gc
import weakref

from rolelint.checks import DocumentInput, SpanInput
from rolelint.checks.named import essential_requirements
from rolelint.checks.named.essential_requirements import reads_as_requirement, requirement_items
from rolelint.loaders import document_from_string
from rolelint.rulepacks import builtin_rules_dir, load_rules
from rolelint.runner import run_rules

RULES = load_rules([builtin_rules_dir()])
WORDS = frozenset(RULES["RL201"].spec["requirement_words"])
VERBS = frozenset({"build", "run", "experience", "share"})


def _rl201(text: str, fmt: str = "markdown"):
    document = document_from_string(text, fmt=fmt)
    return run_rules([document], [RULES["RL201"]], {})[document.path]


def test_an_item_naming_experience_or_years_reads_as_a_requirement():
    assert reads_as_requirement("Experience with Django", WORDS, VERBS)
    assert reads_as_requirement("5+ years in product management", WORDS, VERBS)
    assert reads_as_requirement("Strong SQL skills", WORDS, VERBS)


def test_a_duty_opening_with_a_verb_does_not():
    assert not reads_as_requirement("Build dashboards that share knowledge", WORDS, VERBS)
    assert not reads_as_requirement("Plan releases", WORDS, VERBS)


def test_a_list_of_requirements_with_no_requirements_heading_is_counted():
    items = "".join(f"- Experience with tool {n}\n" for n in range(9))
    (finding,) = _rl201(f"# Developer\n\nUse your skills to make an impact\n\n{items}")
    assert "9 essential requirements" in finding.message


def test_other_lists_do_not_count_when_the_advert_heads_its_requirements():
    essentials = "".join(f"- Experience with tool {n}\n" for n in range(4))
    extras = "".join(f"- Experience with library {n}\n" for n in range(6))
    text = f"# Developer\n\n## Requirements\n\n{essentials}\n## Pro's\n\n{extras}"
    assert _rl201(text) == []


def test_a_list_of_duties_is_not_counted():
    duties = "".join(f"- Build feature {n} for users\n" for n in range(10))
    assert _rl201(f"# Developer\n\nIn this job\n\n{duties}") == []


def _count(text: str, fmt: str = "markdown") -> int:
    found = _rl201(text, fmt)
    return int(found[0].message.split()[0]) if found else 0


ESSENTIALS = "".join(f"- Experience with tool {n}\n" for n in range(6))


def test_items_after_a_desirable_lead_in_item_are_desirable():
    extras = "".join(f"- Experience with library {n}\n" for n in range(4))
    assert _count(f"## Requirements\n\n{ESSENTIALS}- Nice to have one or more of:\n{extras}") == 0
    assert _count(f"## Requirements\n\n{ESSENTIALS}- Also essential:\n{extras}") == 10


def test_a_title_case_item_leads_in_to_its_section():
    duties = "".join(f"- Build part {n} of the service\n" for n in range(4))
    for needed in (5, 9):
        needs = "".join(f"- Experience with tool {n}\n" for n in range(needed))
        text = f"# Analyst\n\nThe Impact You Will Have\n\n{duties}- What We Look For\n{needs}- Pay Range Transparency\n- From 40k\n"
        # the requirements only: not the duties, the lead-ins or the pay line
        assert _count(text, "text") == (needed if needed > 7 else 0)


def test_headings_of_wishes_are_desirable():
    wishes = "".join(f"- Experience with library {n}\n" for n in range(5))
    for heading in ("And it would be nice if you also have", "Experience in these areas would be beneficial:"):
        assert _count(f"## Requirements\n\n{ESSENTIALS}\n## {heading}\n\n{wishes}") == 0, heading


def test_an_item_split_in_two_counts_once():
    items = (
        "- University degree or appropriate training\n- with work experience\n"
        "- Experience in the development of web applications,\n- Front and back end, e.g. forms\n"
        + "".join(f"- Knowledge of tool {n}\n" for n in range(5))
    )
    assert _count(f"## Your profile\n\n{items}") == 0  # seven requirements, within the limit; not nine


def test_items_that_end_with_commas_or_a_preposition_are_each_a_requirement():
    commas = "".join(f"- experience with tool {n},\n" for n in range(8))
    assert _count(f"## Requirements\n\n{commas}") == 8
    strands = "".join(f"- Ability to work with the people you support {n} with\n" for n in range(8))
    assert _count(f"## Requirements\n\n{strands}") == 8


def test_an_italic_line_naming_a_section_is_a_heading():
    wishes = "".join(f"- Experience with library {n}\n" for n in range(5))
    assert _count(f"*Requirements*\n\n{ESSENTIALS}\n*Bonus Points*\n\n{wishes}") == 0


def test_the_section_named_outside_a_brackets_aside_wins():
    duties = "".join(f"- Experience with building part {n}\n" for n in range(9))
    assert _count(f"## Key areas of responsibility (essential functions)\n\n{duties}## Skills\n\n- Python\n") == 0


def test_requirements_marked_as_wishes_by_their_heading_are_desirable():
    # a heading that names requirements and marks them a plus, inline HTML and all
    wishes = "".join(f"- Tool {n}\n" for n in range(5))
    for heading in (
        "Any experience in the items below is a <span>plus</span>:",
        "Experience with these is considered a huge plus",
        "The following will be of benefit",
    ):
        assert _count(f"## Requirements\n\n{ESSENTIALS}\n## {heading}\n\n{wishes}") == 0, heading
    assert _count(f"## Requirements\n\n{ESSENTIALS}\n## Also required\n\n{wishes}") == 11


def test_a_paragraph_leading_in_to_wishes_makes_its_list_desirable():
    wishes = "".join(f"- Tool {n}\n" for n in range(5))
    lead_in = "It would be nice if there is experience in any of the following, though we will teach it:"
    assert _count(f"## Requirements\n\n{ESSENTIALS}\n{lead_in}\n\n{wishes}") == 0
    assert _count(f"## Requirements\n\n{ESSENTIALS}\nWe also absolutely require experience in:\n\n{wishes}") == 11


def test_a_list_the_employer_leads_in_to_under_requirements_is_not_counted():
    perks = "- Competitive remuneration package\n- Career development\n- Training in new tools\n- Fresh fruit\n"
    stack = "- Python and Django\n- PostgreSQL\n- Redis\n- React\n"
    for lead_in, items in (("The company offers:", perks), ("The technologies we use daily are:", stack)):
        assert _count(f"## Qualifications\n\n{ESSENTIALS}\n{lead_in}\n\n{items}") == 0, lead_in
    # a lead-in about the hire keeps its list a list of requirements
    traits = "- Are a great communicator\n- Know the value of good UX\n- Believe in testing\n"
    assert _count(f"## Qualifications\n\n{ESSENTIALS}\nIf you:\n\n{traits}") == 9
    assert _count(f"## Qualifications\n\n{ESSENTIALS}\nAn excellent candidate will be able to:\n\n{traits}") == 9


def test_a_line_of_bold_words_is_a_heading():
    perks = "- Competitive salary\n- Training and certifications\n- Challenging projects\n"
    assert _count(f"**Qualifications**:\n\n{ESSENTIALS}\n**We** **Offer**:\n\n{perks}") == 0


def test_requirements_of_two_positions_count_apart():
    junior = "".join(f"- Experience with tool {n}\n" for n in range(4))
    senior = "".join(f"- Experience with framework {n}\n" for n in range(5))
    text = f"## Skills (Junior Developers)\n\n{junior}\n## Skills (Senior Developer)\n\n{senior}"
    assert _count(text) == 0  # five at most for either post, not nine
    assert _count(f"## Skills\n\n{junior}\n## Experience\n\n{senior}") == 9


def test_an_item_opening_with_a_verb_of_having_reads_as_a_requirement():
    verbs = VERBS | {"have", "hold"}
    assert reads_as_requirement("Have a minimum of 3 years of experience in Java", WORDS, verbs)
    assert reads_as_requirement("Hold experience with cloud computing", WORDS, verbs)
    assert not reads_as_requirement("Have lunch with the team on Fridays", WORDS, verbs)


def test_requirements_listed_as_what_you_have_under_the_duties_are_counted():
    duties = "".join(f"- Build part {n} of the service\n" for n in range(3))
    needs = "".join(f"- Have experience with tool {n}\n" for n in range(5)) + "".join(
        f"- Have exposure to framework {n}\n" for n in range(4)
    )
    assert _count(f"## Responsibilities\n\n{duties}\nYou can be our favourite if you:\n\n{needs}") == 9


def test_requirements_one_a_line_with_hard_breaks_are_items():
    lines = "".join(f"Experience with tool {n}  \n" for n in range(9))
    assert _count(f"**Requirements:**  \n{lines}") == 9
    # the same lines without hard breaks are one paragraph in Markdown, as it renders them
    assert _count("**Requirements:**\n\n" + lines.replace("  \n", "\n")) == 0


def test_desired_skills_beside_required_ones_are_desirable():
    needs = "".join(f"- Experience with tool {n}\n" for n in range(5))
    wishes = "".join(f"- Experience with library {n}\n" for n in range(5))
    assert _count(f"## Required Skills\n\n{needs}\n## Desired Skills\n\n{wishes}") == 0
    # alone, "Desired Skills & Experience" heads the advert's requirements
    assert _count(f"## Desired Skills & Experience\n\n{needs}{wishes}") == 10


def test_requirements_listed_in_html_inside_markdown_are_counted():
    items = "".join(f"<li>Experience with tool {n}</li>\n" for n in range(8))
    text = f"<p><strong>Requirements</strong></p>\n<ul>\n{items}</ul>\n<p>We offer a pension.</p>\n"
    assert [d.code for d in _rl201(text)] == ["RL201"]


def _anchored(text: str) -> list[tuple[str, str]]:
    """Each finding's count and the text it is anchored on (the first requirement over the limit)."""
    return [(f.message.split()[0], text[f.start : f.end]) for f in _rl201(text)]


def test_a_list_led_in_as_alternatives_counts_as_the_number_it_asks_for():
    must = "".join(f"- Experience with tool {n}\n" for n in range(5))
    extras = "".join(f"- Experience with library {n}\n" for n in range(5))
    text = f"## Requirements\n\n{must}\nStrong candidates will also have one or more of the following:\n\n{extras}"
    assert _count(text) == 0  # five, and one of five
    two = text.replace("one or more of the following", "at least two of these")
    assert _count(two) == 0  # five, and two of five
    assert _count(two.replace("- Experience with tool 0\n", "- Experience with tool 0\n- Git\n")) == 8
    # the same list led in as a list of its own requirements is counted whole
    whole = text.replace("one or more of the following", "the following")
    assert _anchored(whole) == [("10", "Experience with library 2")]


def test_a_list_the_employer_says_is_not_mandatory_or_not_a_fit_is_not_counted():
    must = "".join(f"- Experience with tool {n}\n" for n in range(5))
    extras = "".join(f"- Experience with library {n}\n" for n in range(5))
    assert _count(f"## What we want\n\n{must}\nThese are not absolutely mandatory, but we do prefer:\n\n{extras}") == 0
    assert _count(f"## Who you are\n\n{must}\nThis job would NOT be a great fit for you if you:\n\n{extras}") == 0
    assert _count(f"## Who you are\n\n{must}\nThis job would be a great fit for you if you have:\n\n{extras}") == 10


def test_requirements_marked_desired_are_desirable():
    must = "".join(f"- Experience with tool {n}\n" for n in range(6))
    desired = "- Kubernetes certification highly desired.\n- Experience working remotely is strongly desired.\n"
    text = f"## Your experience\n\n{must}{desired}- Go\n- Rust\n"
    assert _anchored(text) == [("8", "Rust")]
    # "desired" inside a requirement, not as its mark, leaves it counted
    assert _count(text + "- Knowledge of the desired state of a cluster\n") == 9


def test_a_lead_in_under_a_preferred_heading_leads_in_to_desirable_requirements():
    must = "".join(f"- Experience with tool {n}\n" for n in range(5))
    extras = "".join(f"- Experience with library {n}\n" for n in range(5))
    text = f"**Required:**\n\n{must}\n**Preferred:**\n\nTo be successful in this role, the ideal candidate should have:\n\n{extras}"
    assert _count(text) == 0
    # a heading of both kinds heads the required list under it, which stays essential
    both = "**Skills and qualifications (required and preferred)**\n\n**Required:**\n\n" + must + extras
    assert _count(both) == 10


def test_conditions_of_employment_are_not_counted_as_requirements():
    skills = "".join(f"- Experience with tool {n}\n" for n in range(7))
    conditions = (
        "- Are willing and legally able to work in the United States\n"
        "- Are able to work weekdays during our core business hours of 9am - 3pm Pacific\n"
        "- Winter 2025 or Spring 2026 graduation\n"
        "- 3.3 GPA or above\n"
        "- Must pass a criminal background check\n"
        "- Must be able to work onsite at least 3 days per week\n"
        "- Able to work from our London office two days a week\n"
        "- Eligibility for employment in the United States\n"
        "- Located in San Francisco Bay Area\n"
        "- Must be based in the UK\n"
        "- Available for 15-20 hours a week\n"
        "- Open to second year students and above\n"
        "- Must be a student at Bristol, Exeter or Plymouth\n"
    )
    assert _count(f"## Requirements\n\n{skills}{conditions}") == 0
    # a skill, and a degree written as a graduation, stay counted
    kept = f"## Requirements\n\n{skills}- Able to work independently\n- Graduation in Computer Science\n"
    assert _anchored(kept) == [("9", "Able to work independently")]
    # experience of work done on a client's site is a skill, not where the post is worked
    on_site = f"## Requirements\n\n{skills}- Experience working on-site with clients\n"
    assert _count(on_site) == 8
    # skills that name an office suite or a person-centred practice are not a place of work
    office = "- Be proficient in Office 365\n- Be fluent in person-centred care\n- Work in office administration\n"
    assert _count(f"## Requirements\n\n{skills}{office}") == 10
    # experience gained somewhere is a skill, not where the hire lives
    based = "- Experience based in London teams\n- Available to mentor students\n"
    assert _count(f"## Requirements\n\n{skills}{based}") == 9


def test_duties_called_essential_are_not_counted_as_requirements():
    duties = "".join(f"- Maintain data logger number {n} in the field\n" for n in range(6))
    needs = "".join(f"- Experience with tool {n}\n" for n in range(6))
    for heading in ("Essential job duties", "Essential Duties and Responsibilities", "Role breakdown (Essential)"):
        text = f"We study plants.\n\n## {heading}\n\n{duties}\n## Required qualifications\n\n{needs}"
        assert _count(text) == 0, heading
        plain = f"We study plants.\n\n{heading}:\n{duties}\nRequired qualifications:\n{needs}"
        assert _count(plain.replace("- ", "+ "), "text") == 0, heading
    # duties and what they ask for, under one heading, are still counted
    both = f"## Essential functions and qualifications\n\n{duties}{needs}"
    assert _count(both) == 12


def test_a_heading_written_as_an_emphasised_item_starts_the_desirable_list():
    extras = "".join(f"    * Experience with library {n}\n" for n in range(6))
    text = f"## Requirements\n\n{ESSENTIALS}\n* _Preferred qualifications:_\n* Experience with:\n{extras}"
    assert _count(text) == 0
    assert _count(text.replace("* _Preferred qualifications:_\n", "")) > 7


def test_the_documents_to_send_are_not_requirements():
    documents = (
        "- Cover letter\n- CV (summarising education and experience)\n- Copies of degree diplomas\n"
        "- Documentation of English proficiency\n- List of publications and academic work\n- Two references\n"
    )
    text = f"## Requirements\n\n{ESSENTIALS}\n## How to apply\n\nThe application must include:\n\n{documents}"
    assert _count(text) == 0


def test_a_benefits_list_that_offers_you_things_is_not_counted():
    perks = "".join(f"- Perk number {n} you will enjoy\n" for n in range(8))
    text = f"## Essentials\n\n{ESSENTIALS}\n## We care about your wellbeing, so we offer you:\n\n{perks}"
    assert _count(text) == 0


TRAITS = (
    "- You're adaptable - you roll with the punches\n- You're a self-starter\n- You're curious and kind\n"
    "- You work with urgency\n- You're tenacious\n"
)


def test_a_portrait_of_the_reader_beside_the_requirements_counts_only_if_it_reads_as_requirements():
    assert _count(f"## About you\n\n{TRAITS}\n## Required qualifications\n\n{ESSENTIALS}") == 0
    skills = "".join(f"- Experience with framework {n}\n" for n in range(5))
    assert _count(f"## About you\n\n{skills}\n## Required qualifications\n\n{ESSENTIALS}") == 11


def test_a_portrait_of_the_reader_alone_heads_the_requirements():
    assert _count(f"## About you\n\n{TRAITS}{ESSENTIALS}") == 11


EIGHT = "".join(f"- Experience with tool {n}\n" for n in range(8))


def test_a_long_list_of_requirements_fires_at_its_eighth_item():
    text = f"# Developer\n\n## Requirements\n\nWe look for the following:\n\n{EIGHT}"
    (finding,) = _rl201(text)
    assert "8 essential requirements" in finding.message
    assert text[finding.start : finding.end] == "Experience with tool 7"
    line = text.count("\n", 0, finding.start) + 1
    column = finding.start - text.rfind("\n", 0, finding.start)
    assert (line, column) == (14, 3)


def test_a_list_offered_as_what_could_make_you_successful_is_not_counted():
    assert _count(f"## Experience that could make you successful in this role\n\n{EIGHT}") == 0
    assert _count(f"## Experience that will make you successful in this role\n\n{EIGHT}") == 8


def test_a_list_led_in_as_the_teams_current_stack_is_not_counted():
    stack = "".join(f"- Service {n}\n" for n in range(8))
    lead = "You will have strong skills in our current technology stack:"
    assert _count(f"## Requirements\n\n{lead}\n\n{stack}") == 0
    # the requirements after the stack still count, and a lead-in that only mentions the stack before
    # asking something of the reader leads in to requirements
    assert _count(f"## Requirements\n\nOur stack is Go and Postgres. You will bring:\n\n{EIGHT}") == 8
    assert _count(f"## Requirements\n\nThe technologies we use:\n\n{stack}\nYou will bring:\n\n{EIGHT}") == 8


def test_a_list_of_tags_beside_the_requirements_is_not_counted_again():
    tags = "".join(f"- {name}\n" for name in ("Node.js", "React", "Distributed Systems", "Api Development", "CI/CD"))
    perks = "## Perks & Benefits\n\n- Health insurance\n- 25 days of holiday\n\n"
    text = f"# Developer\n\n## About You\n\n{ESSENTIALS}\n{perks}## Skills\n\n{tags}"
    assert _count(text) == 0  # six requirements; the five tags after the perks are the site's
    # a list of names straight after the requirements is a list of requirements
    assert _count(text.replace(perks, "")) == 11
    more = "".join(f"- Experience with library {n}\n" for n in range(3))
    assert _count(f"# Developer\n\n## About You\n\n{ESSENTIALS}{more}\n{perks}## Skills\n\n{tags}") == 9


def test_a_paragraph_announcing_the_list_as_advantageous_makes_it_desirable_without_a_colon():
    wishes = "".join(f"- Familiarity with tool {n}\n" for n in range(5))
    lead_in = "The following skills are advantageous to the role, but not requirements. If not, please apply anyway!"
    assert _count(f"## Qualifications\n\n{ESSENTIALS}\n{lead_in}\n\n{wishes}") == 0
    asked = "The following skills are needed on day one. Please say so in your letter."
    assert _count(f"## Qualifications\n\n{ESSENTIALS}\n{asked}\n\n{wishes}") == 11


def test_a_heading_asking_for_most_of_its_list_asks_for_more_than_half():
    ten = "".join(f"- Experience with tool {n}\n" for n in range(10))
    assert _count(f"## An ideal candidate will have most of these skills:\n\n{ten}") == 0  # six of ten
    sixteen = "".join(f"- Experience with tool {n}\n" for n in range(16))
    assert _count(f"## An ideal candidate will have most of these skills:\n\n{sixteen}") == 9
    assert _count(f"## An ideal candidate will have these skills:\n\n{ten}") == 10


def test_an_item_that_is_a_huge_plus_is_desirable():
    eight = ESSENTIALS + "- Experience with tool 6\n- Mobile dev experience a HUGE plus\n"
    assert _count(f"## Requirements\n\n{eight}") == 0
    assert _count(f"## Requirements\n\n{eight.replace(' a HUGE plus', '')}") == 8


def test_a_list_of_tags_alone_is_the_requirements():
    names = ("Python", "Django", "PostgreSQL", "Redis", "Docker", "Kubernetes", "Terraform", "AWS")
    tags = "".join(f"- {name}\n" for name in names)
    assert _count(f"# Developer\n\n## Requirements\n\n{tags}") == 8


def test_a_short_list_of_requirements_beside_the_requirements_still_counts():
    short = "- Python\n- SQL\n- Experience with dbt\n"
    assert _count(f"# Developer\n\n## About You\n\n{ESSENTIALS}\n## Skills\n\n{short}") == 9


def test_a_list_under_a_question_that_opens_with_could_is_counted():
    assert _count(f"## Could this be you?\n\n{EIGHT}") == 8
    assert _count(f"## Could you be our next engineer?\n\n{EIGHT}") == 8


def test_rules_sharing_the_requirements_find_what_each_finds_alone():
    # RL201 and RL132 read one memo of the last document's requirements: run together over two
    # documents, each finds what it finds on its own
    many = "".join(f"- Experience with tool {n}\n" for n in range(9))
    broad = "- Expert in React\n- Deep knowledge of Kubernetes\n- Mastery of PostgreSQL\n"
    texts = [f"# Developer\n\n## Requirements\n\n{many}", f"# Developer\n\n## Requirements\n\n{broad}"]
    rules = [RULES["RL201"], RULES["RL132"]]

    def found(documents, chosen):
        results = run_rules(documents, chosen, {})
        return [sorted((f.code, f.start) for f in results[d.path]) for d in documents]

    documents = [document_from_string(text, fmt="markdown", path=f"advert{n}.md") for n, text in enumerate(texts)]
    together = found(documents, rules)
    alone = [found([d], [rule])[0] for d in documents for rule in rules]
    assert together == [sorted(alone[0] + alone[1]), sorted(alone[2] + alone[3])]
    assert [code for code, _ in together[0]] == ["RL201"] and [code for code, _ in together[1]] == ["RL132"]


def test_rl132_reads_the_requirements_rl201_counts_once(monkeypatch):
    # one list of requirement words for both rules: the second reads the first one's requirements
    calls = []
    counted = essential_requirements.requirement_lists
    monkeypatch.setattr(
        essential_requirements, "requirement_lists", lambda *args, **kwargs: calls.append(1) or counted(*args, **kwargs)
    )
    broad = "- Expert in React\n- Deep knowledge of Kubernetes\n- Mastery of PostgreSQL\n"
    document = document_from_string(f"# Developer\n\n## Requirements\n\n{broad}{EIGHT}", fmt="markdown")
    found = run_rules([document], [RULES["RL201"], RULES["RL132"]], {})[document.path]
    assert sorted(f.code for f in found) == ["RL132", "RL201"]
    assert len(calls) == 1


def test_the_memo_of_requirements_keeps_no_document_alive():
    document = document_from_string(f"# Developer\n\n## Requirements\n\n{EIGHT}", fmt="markdown")
    target = DocumentInput(document, tuple(SpanInput.of(span) for span in document.spans))
    assert len(requirement_items(target, WORDS)) == 8
    held = [weakref.ref(document), weakref.ref(target.spans[-1])]
    del document, target
    gc.collect()
    assert [ref() for ref in held] == [None, None]
