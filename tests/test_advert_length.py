"""RL207 tells a stub from a short advert that is complete."""

from __future__ import annotations

from rolelint.loaders import document_from_string
from rolelint.rulepacks import builtin_rules_dir, load_rules
from rolelint.runner import run_rules

RULES = load_rules([builtin_rules_dir()])

COMPLETE = (
    "# Java developer\n\nWe build booking software for small hotels and need a developer for our team.\n\n"
    "## What you will do\n\n- Build the booking pages\n- Review code with the team\n\n"
    "## Requirements\n\n- Experience with Java\n- Knowledge of SQL\n\n"
    "## How to apply\n\nSend your CV to jobs@example.org.\n"
)


def _rl207(text: str):
    document = document_from_string(text)
    return run_rules([document], [RULES["RL207"]], {})[document.path]


def test_a_short_advert_with_duties_requirements_and_a_way_to_apply_is_not_a_stub():
    assert _rl207(COMPLETE) == []


def test_a_short_advert_that_leaves_out_the_duties_is_a_stub():
    stub = COMPLETE.replace("## What you will do\n\n- Build the booking pages\n- Review code with the team\n\n", "")
    (finding,) = _rl207(stub)
    assert "words" in finding.message


def test_a_short_advert_with_no_way_to_apply_is_a_stub():
    assert len(_rl207(COMPLETE.split("## How to apply")[0])) == 1


def test_a_long_advert_is_reported_however_complete():
    padding = "".join(f"We have worked with hotel number {n} in the region for many years now.\n\n" for n in range(80))
    assert len(_rl207(COMPLETE + "\n## About us\n\n" + padding)) == 1


def test_the_word_count_is_singular_for_one_word():
    (one,) = _rl207("hi\n")
    (two,) = _rl207("hi there\n")
    assert one.message.startswith("The advert is 1 word;")
    assert two.message.startswith("The advert is 2 words;")


def test_a_site_that_keeps_the_advert_in_front_matter_fields_is_counted_there():
    prose = " ".join(f"We roast coffee number {n} by hand in small batches for the town." for n in range(20))
    fields = f"---\ntitle: Barista\ndescription: {prose}\nqualifications: {prose}\n---\n"
    # a body of one word: the fields' 400 words are the advert's
    assert _rl207(fields + "undefined\n") == []
    # a body of its own is counted alone, as before: front matter does not make it long
    long_body = "\n\n".join(f"We roast coffee number {n} by hand in small batches for the town." for n in range(70))
    (finding,) = _rl207(fields + long_body + "\n")
    assert finding.message.startswith("The advert is 910 words")  # the body's words, not the fields' 260 more
    # and a stub whose fields hold no prose is still a stub
    (stub,) = _rl207("---\ntitle: Barista\n---\nundefined\n")
    assert stub.message.startswith("The advert is 2 words")


EQUAL_OPPORTUNITY = (
    "We are an equal opportunity employer and do not discriminate on the basis of race, religion, sexual "
    "orientation, disability or veteran status, as the law requires of every employer in the state."
)


def test_legal_and_policy_text_is_not_counted_in_a_long_advert():
    # 69 sentences of 14 words and the 48 of COMPLETE: 1,014 words of the advert's own
    padding = "".join(f"We have worked with hotel number {n} in the region for many years now.\n\n" for n in range(69))
    own = COMPLETE + "\n## About us\n\n" + padding
    (finding,) = _rl207(own)
    assert "not counting" not in finding.message
    # the same with an equal-opportunity statement: reported, the statement left out of the count
    (finding,) = _rl207(own + "\n" + (EQUAL_OPPORTUNITY + " ") * 3 + "\n")
    assert "is 1014 words (not counting 96 words of equal-opportunity text)" in finding.message
    # an advert under 900 words of its own is not made long by the statement
    shorter = COMPLETE + "\n## About us\n\n" + padding[: len(padding) // 2]
    assert _rl207(shorter + "\n" + (EQUAL_OPPORTUNITY + " ") * 20 + "\n") == []


def test_a_sentence_naming_law_or_privacy_is_the_advert_s_own():
    # a privacy board's mission names "privacy" and "laws": it is the advert's text, and counted
    mission = "The Board reviews how the laws that protect privacy are carried out by every agency of the government. "
    padding = "".join(f"We have worked with hotel number {n} in the region for many years now.\n\n" for n in range(60))
    (finding,) = _rl207(COMPLETE + "\n## About us\n\n" + padding + mission * 10 + "\n")
    assert "not counting" not in finding.message


def test_leaving_out_equal_opportunity_text_never_makes_a_long_advert_a_stub():
    body = "We build booking software for small hotels and need a developer.\n\n"
    (finding,) = _rl207(f"# Developer\n\n{body}" + (EQUAL_OPPORTUNITY + " ") * 30 + "\n")
    assert "keep it between" in finding.message and "not counting" not in finding.message
    assert "is 9" in finding.message  # the whole count, over 900
