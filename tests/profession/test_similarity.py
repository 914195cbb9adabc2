"""The blurring judge reads only what can change its verdict, and agrees with ranking every role."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from benchmarks import blurring as evaluate
from rolelint.profession.similarity import RoleProfiles, decide, judge, lifted
from rolelint.profession.text import normalise

OPTIONS = {"min_similarity": 0.1, "ratio": 2.5, "min_distinct": 2}


def ranked_judge(
    profiles: RoleProfiles,
    text: str,
    claimed,
    *,
    own=None,
    leave_out=(),
    among=None,
    min_similarity: float,
    ratio: float,
    min_distinct: int,
):
    """The verdict by ranking every role of ``among``: the specification ``judge`` must meet. The
    statement blurs when any other role, taken on its own, makes the case."""
    ranked = profiles.resemblances(text, own=own, leave_out=leave_out, among=among)
    own_score = next((r.score for r in ranked if r.role == claimed), 0.0)
    others = sorted((r for r in ranked if r.role != claimed), key=lambda r: (-r.score, str(r.role)))
    for other in others:
        distinct = profiles.distinct_terms(text, other.role, claimed, leave_out if own == claimed else ())
        if decide(
            own_score, other.score, len(distinct), min_similarity=min_similarity, ratio=ratio, min_distinct=min_distinct
        ):
            return True, own_score, other
    return False, own_score, None


def _agree(profiles, text, claimed, **kwargs):
    verdict = judge(profiles, text, claimed, **kwargs, **OPTIONS)
    blurred, own_score, other = ranked_judge(profiles, text, claimed, **kwargs, **OPTIONS)
    assert verdict.blurred == blurred, text
    assert verdict.own == pytest.approx(own_score, abs=1e-12)
    if blurred:
        assert verdict.other.role == other.role and verdict.other.score == pytest.approx(other.score, abs=1e-12)
        assert verdict.other.shared == other.shared


def test_judge_agrees_with_ranking_every_role_on_generated_roles():
    rng = random.Random(3)
    verbs, nouns = (
        ["Plan", "Run", "Review", "Own", "Test", "Agree"],
        ["roadmap", "budget", "release", "backlog", "sprint", "contract", "incident", "survey"],
    )
    statements = {
        f"role-{i}": [f"{rng.choice(verbs)} the {rng.choice(nouns)} and the {rng.choice(nouns)}" for _ in range(6)]
        for i in range(40)
    }
    profiles = RoleProfiles(statements)
    among = frozenset(f"role-{i}" for i in range(30))  # a scope smaller than the whole index
    for role, texts in statements.items():
        for text in texts:
            copies = [t for t in texts if normalise(t) == normalise(text)]
            _agree(profiles, text, role, own=role, leave_out=copies, among=among if role in among else None)
            _agree(profiles, text, "role-0")  # an advert's duty claimed by another role


@pytest.mark.slow
def test_judge_agrees_with_ranking_every_role_on_ddat(corpus):
    roles = evaluate.load_roles(corpus / "ddat-capability-framework" / "official-csv" / "roles.csv")
    profiles = RoleProfiles({name: role.texts for name, role in roles.items()})
    rng = random.Random(5)
    names = sorted(roles)
    for name in names:
        for text in dict.fromkeys(roles[name].bullets):
            copies = [t for t in roles[name].texts if normalise(t) == normalise(text)]
            _agree(profiles, text, name, own=name, leave_out=copies)
            _agree(profiles, text, rng.choice(names))


def test_profiles_from_counts_equal_profiles_from_texts():
    texts = {"a": ["Run sprint ceremonies", "Remove blockers"], "b": ["Decide what to build next"]}
    from rolelint.profession.similarity import features

    counts = {key: sum((features(t) for t in items), Counter()) for key, items in texts.items()}
    left, right = RoleProfiles(texts), RoleProfiles.from_counts(counts)
    assert left.idf == right.idf and left.norm2 == right.norm2


def test_a_duty_copied_word_for_word_or_nearly_is_lifted():
    theirs = ["Own the operational relationships with suppliers, ensuring services are aligned to best practice"]
    assert lifted(
        "Own the operational relationships with suppliers, ensuring services are aligned to best practice", theirs
    )
    assert lifted(
        "potentially own the operational relationships with suppliers, ensuring services are aligned to best practice",
        theirs,
    )  # a word added
    assert lifted("perform root cause analysis", ["perform root cause analysis to minimise the impact of incidents"])


def test_a_shared_phrase_or_a_role_name_is_not_a_lifted_duty():
    assert not lifted(
        "carry out the duties of an end user computing engineer, such as fixing laptops",
        ["End user computing engineer", "Fix hardware faults for users"],
    )
    assert not lifted(
        "develop strategic roadmaps for technologies and services in your area",
        ["develop the roadmaps for the services your team runs and plan their technologies"],
    )
    assert not lifted("Testing", ["Testing"])  # too short to tell


def test_a_duty_naming_two_practices_of_another_kind_of_role_blurs_by_concepts():
    from rolelint.profession.similarity import by_concepts
    from rolelint.profession.vocabulary import phrases, role_terms

    texts = {
        "pm": ["Product manager", "Decide what the team builds next"],
        "dm": ["Delivery manager", "Help the team deliver at a steady pace"],
    }
    titles = {"pm": "Product manager", "dm": "Delivery manager"}
    for key in texts:
        texts[key] = texts[key] + role_terms(key, titles[key])
    profiles = RoleProfiles(texts)

    def vocabulary_of(key):
        if key is None:
            return {**vocabulary_of("pm"), **vocabulary_of("dm")}
        return phrases(role_terms(key, titles[key]))

    verdict = by_concepts(profiles, "Keep the burndown chart and the RAID log current", "pm", vocabulary_of)
    assert verdict.blurred and verdict.other.role == "dm"
    assert set(verdict.concepts) == {"burndown", "raid log"}
    # One term is not enough by default, and the terms must outweigh those of the claimed role's own kind.
    assert not by_concepts(profiles, "Keep the burndown chart current", "pm", vocabulary_of).blurred
    assert not by_concepts(
        profiles, "Keep the burndown chart and RAID log next to the product roadmap and vision", "pm", vocabulary_of
    ).blurred
    assert by_concepts(
        profiles, "Keep the burndown chart and RAID log next to the roadmap", "pm", vocabulary_of
    ).blurred


def test_terms_both_roles_kinds_share_count_for_neither_role():
    from rolelint.profession.similarity import by_concepts
    from rolelint.profession.vocabulary import not_shared, phrases

    terms = {
        "pm": ["release plan", "stakeholder map", "product roadmap", "product vision"],
        "dm": ["burndown chart", "RAID log", "Release plans", "stakeholder map"],
    }
    texts = {
        "pm": ["Product manager", "Decide what the team builds next"],
        "dm": ["Delivery manager", "Help the team deliver at a steady pace"],
    }
    profiles = RoleProfiles({key: texts[key] + terms[key] for key in texts})

    def vocabulary_of(key):
        if key is None:
            return phrases(term for key in ("pm", "dm") for term in terms[key])
        return phrases(terms[key])

    # Compared by stems: "release plan" is the delivery manager's "Release plans" too.
    assert not_shared(("release plan", "stakeholder map", "product roadmap"), vocabulary_of("dm")) == (
        "product roadmap",
    )
    # Two delivery terms against two terms both kinds have: the shared ones say nothing of whose work it is.
    duty = "Keep the burndown chart and the RAID log beside the release plan and the stakeholder map"
    verdict = by_concepts(profiles, duty, "pm", vocabulary_of)
    assert verdict.blurred and verdict.other.role == "dm"
    assert set(verdict.concepts) == {"burndown chart", "RAID log"}
    # Terms of the claimed role's kind alone still weigh against the other role's.
    duty = "Keep the burndown chart and the RAID log beside the product roadmap and the product vision"
    assert not by_concepts(profiles, duty, "pm", vocabulary_of).blurred


def test_a_term_spelt_differently_by_a_third_role_s_entry_changes_no_concept_verdict():
    from rolelint.profession.similarity import by_concepts
    from rolelint.profession.vocabulary import phrases

    terms = {"pm": ["product roadmap"], "dm": ["Burndown charts", "RAID logs"], "ops": ["runbook"]}
    texts = {
        "pm": ["Product manager", "Decide what the team builds next"],
        "dm": ["Delivery manager", "Help the team deliver at a steady pace"],
        "ops": ["Operations engineer", "Keep the service running"],
    }
    duty = "Keep the burndown chart and the RAID log current"

    def verdict(ops_terms):
        vocabulary = {**terms, "ops": ops_terms}
        profiles = RoleProfiles({key: texts[key] + vocabulary[key] for key in texts})

        def vocabulary_of(key):
            if key is None:  # merged as every_term merges: the first spelling of a phrase is kept
                return phrases(term for key in ("ops", "pm", "dm") for term in vocabulary[key])
            return phrases(vocabulary[key])

        found = by_concepts(profiles, duty, "pm", vocabulary_of)
        return found.blurred, found.other.role if found.other else None, set(found.concepts)

    # The operations engineer's entry gains a spelling of the delivery manager's term: the verdict on a
    # product manager's duty that names the delivery manager's work must not move.
    assert verdict(["runbook"]) == (True, "dm", {"Burndown charts", "RAID logs"})
    assert verdict(["runbook", "burndown chart"]) == verdict(["runbook"])


def test_a_common_word_of_the_vocabulary_weighs_half_a_telling_term():
    from rolelint.profession.similarity import concept_case, own_trade
    from rolelint.profession.vocabulary import concept_weight

    assert concept_weight("raid log") == 1.0  # two words
    assert concept_weight("kanban") == 1.0  # a word few roles use
    assert concept_weight("report") == 0.5  # a word many roles use
    assert not concept_case((), ("report", "analysis"), min_concepts=1.5)
    assert concept_case((), ("report", "analysis", "kanban"), min_concepts=1.5)
    assert not concept_case(("usability testing",), ("kanban",), min_concepts=1.0)
    assert own_trade(("usability testing",), ("report", "analysis"))
    assert not own_trade(("report",), ())


def test_shipped_vocabulary_names_the_roles_it_applies_to_by_title():
    from rolelint.profession.vocabulary import role_vocabulary, shipped

    assert len(shipped()) >= 20
    assert "delivery" in {e.id for e in role_vocabulary("x", "Senior delivery manager")}
    assert "delivery" not in {e.id for e in role_vocabulary("x", "Product manager")}


def test_a_vocabulary_entry_leaves_out_a_title_that_contains_one_of_its_own():
    from rolelint.profession.vocabulary import entries_from, role_vocabulary

    (entry,) = entries_from(
        [{"titles": ["delivery manager"], "not_titles": ["programme delivery manager"], "terms": ["burndown"]}]
    )
    assert entry.applies_to("x", "Senior delivery manager")
    assert not entry.applies_to("x", "Lead programme delivery manager")
    assert entries_from([{"titles": ["delivery manager"], "terms": ["burndown"]}])[0].applies_to(
        "x", "Programme delivery manager"
    )
    # The shipped vocabulary gives a programme delivery manager delivery planning, not a team's sprints.
    ids = {e.id for e in role_vocabulary("x", "Programme delivery manager")}
    assert "delivery-planning" in ids and "delivery" not in ids


def test_every_role_of_a_ddat_family_has_vocabulary_terms_a_neighbour_lacks():
    """Where one role's vocabulary holds all of a neighbour's, a duty moved between them names nothing
    that tells them apart. Allowed: roles whose trade includes the other's (a machine learning engineer
    does data engineering; a service owner, product management)."""
    from rolelint.profession.text import slug
    from rolelint.profession.vocabulary import phrases, role_terms

    families = {
        "Product and delivery": [
            "Business analyst",
            "Delivery manager",
            "Digital portfolio manager",
            "Product manager",
            "Programme delivery manager",
            "Service owner",
        ],
        "Software development": [
            "Development operations (DevOps) engineer",
            "Frontend developer",
            "Software developer",
        ],
        "Data": [
            "Analytics engineer",
            "Data analyst",
            "Data engineer",
            "Data scientist",
            "Machine learning engineer",
            "Performance analyst",
        ],
        "IT operations": [
            "End user computing engineer",
            "Infrastructure engineer",
            "Infrastructure operations engineer",
        ],
        "Architecture": ["Data architect", "Solution architect", "Technical architect"],
    }
    allowed = {("Data engineer", "Machine learning engineer"), ("Product manager", "Service owner")}
    for titles in families.values():
        terms = {title: set(phrases(role_terms(slug(title), title))) for title in titles}
        for title in titles:
            for other in titles:
                if other != title and (title, other) not in allowed:
                    assert terms[title] - terms[other], f"{title} has no vocabulary term that {other} lacks"


def test_vocabulary_terms_match_words_in_order_and_not_mentions_of_people():
    from rolelint.profession.vocabulary import concepts_in, phrases

    vocabulary = phrases(["design system", "major incident", "identity and access management", "research plan"])
    assert concepts_in("Contribute to the design systems of the department", vocabulary) == ("design system",)
    # A stop word or a comma between the words is not the term ...
    assert concepts_in("Lead the technical design of systems", vocabulary) == ()
    assert concepts_in("Research, plan and deliver the work", vocabulary) == ()
    # ... unless the term has it too.
    assert concepts_in("Own identity and access management", vocabulary) == ("identity and access management",)
    # Naming another role's people is not naming its work.
    assert concepts_in("Work closely with major incident managers", vocabulary) == ()
    assert concepts_in("Run the major incident process", vocabulary) == ("major incident",)


def test_the_people_a_duty_is_done_with_are_left_out_of_it():
    from rolelint.profession.similarity import without_people

    duty = "Work with Product Managers and engineers to refine the experience"
    read = without_people(duty)
    assert len(read) == len(duty)  # offsets hold
    assert read.split() == ["Work", "with", "to", "refine", "the", "experience"]
    assert without_people(
        "Plan discovery alongside user researchers, service designers and other scrum masters"
    ).split() == [
        "Plan",
        "discovery",
        "alongside",
        ",",
        "and",
    ]
    # Work named before or after the people stays; so do people who are not a duty's collaborators.
    assert without_people("Run sprint planning with the delivery managers").split()[:3] == ["Run", "sprint", "planning"]
    assert without_people("Use data to help managers decide") == "Use data to help managers decide"
    assert without_people("Manage a team of developers") == "Manage a team of developers"
    # A word for people that is often a verb is not taken for people.
    assert without_people("Mentor and coach junior colleagues") == "Mentor and coach junior colleagues"


def test_a_claimed_role_s_shared_practices_are_set_aside_and_vote_for_no_role():
    from rolelint.profession.vocabulary import every_term, phrases, role_terms, set_aside, shared_terms

    shared = phrases(shared_terms("data-engineer", "Data engineer"))
    duty = "You use test-driven development and code review, with agile coaching for agile teams."
    kept = set_aside(duty, shared, every_term())
    assert len(kept) == len(duty)  # offsets hold
    assert "test-driven" not in kept and "code review" not in kept and "agile teams" not in kept
    # "agile" is everyone's, "agile coaching" a delivery manager's: a longer trade term stays.
    assert "agile coaching" in kept
    # A role outside the entry keeps the words: a data ethicist asked for TDD is asked for a developer's.
    assert set_aside(duty, phrases(shared_terms("data-ethicist", "Data ethicist")), every_term()).count("code review")
    # Shared entries are no role's trade: they join no profile and no concept rule.
    assert "code review" not in shared_terms("delivery-manager", "Delivery manager")
    assert "show and tell" in shared_terms("delivery-manager", "Delivery manager")
    assert "multidisciplinary team" not in every_term().values()
    assert "pair programming" in role_terms("software-developer", "Software developer")
    assert "pull request" not in role_terms("data-engineer", "Data engineer")


def test_the_pair_model_score_rises_with_the_other_role_and_falls_with_the_claimed_role_s_evidence():
    from rolelint.profession.similarity import pair_score

    base = pair_score(0.2, 0.05, 2, 1.0, 0.0)
    assert pair_score(0.3, 0.05, 2, 1.0, 0.0) > base  # the other role resembles it more
    assert pair_score(0.2, 0.10, 2, 1.0, 0.0) < base  # the claimed role resembles it more
    assert pair_score(0.2, 0.05, 3, 1.0, 0.0) > base  # one more word the claimed role never uses
    assert pair_score(0.2, 0.05, 9, 1.0, 0.0) == pair_score(0.2, 0.05, 5, 1.0, 0.0)  # counted up to five
    assert pair_score(0.2, 0.05, 2, 1.0, 1.0) < base  # a term of the claimed role's own trade


def test_the_pair_model_names_the_other_role_whose_work_a_duty_is_and_passes_the_claimed_role_s_own():
    from rolelint.profession.similarity import by_pair_model
    from rolelint.profession.vocabulary import phrases, role_terms

    titles = {"pm": "Product manager", "dm": "Delivery manager"}
    texts = {
        "pm": ["Product manager", "Decide what the team builds next and own the product roadmap"],
        "dm": ["Delivery manager", "Help the team deliver at a steady pace and remove blockers"],
    }
    profiles = RoleProfiles({key: texts[key] + role_terms(key, titles[key]) for key in texts})

    def vocabulary_of(key):
        if key is None:
            return {**vocabulary_of("pm"), **vocabulary_of("dm")}
        return phrases(role_terms(key, titles[key]))

    moved = by_pair_model(profiles, "Remove blockers so the team can deliver at a steady pace", "pm", vocabulary_of)
    assert moved.blurred and moved.other.role == "dm" and "blocker" in moved.distinct
    own = by_pair_model(profiles, "Own the product roadmap and decide what to build next", "pm", vocabulary_of)
    assert not own.blurred
    # A threshold no pair reaches turns it off.
    strict = by_pair_model(
        profiles, "Remove blockers so the team can deliver at a steady pace", "pm", vocabulary_of, min_score=99
    )
    assert not strict.blurred


def test_the_pair_model_of_rl314_names_what_the_benchmark_measures_on_written_duties(corpus):
    from rolelint.profession.similarity import PAIR_THRESHOLD, by_pair_model, without_people
    from rolelint.profession.text import slug
    from rolelint.profession.vocabulary import every_term, phrases, role_terms, set_aside, shared_terms

    roles, trials = evaluate.labelled(corpus / "ddat-capability-framework" / "official-csv" / "roles.csv")
    scored = evaluate.score(roles, [t for t in trials if t.source == "written"])
    profiles = RoleProfiles({name: role.texts for name, role in roles.items()})
    trades = every_term()
    vocabulary = {name: phrases(role_terms(slug(name), name)) for name in roles}

    def vocabulary_of(key):
        return trades if key is None else vocabulary[key]

    found = 0
    for s in scored:
        claimed = s.trial.claimed
        text = set_aside(without_people(s.trial.text), phrases(shared_terms(slug(claimed), claimed)), trades)
        verdict = by_pair_model(profiles, text, claimed, vocabulary_of)
        value, role = s.pair_verdict()
        assert (verdict.other.role if verdict.blurred else None) == (role if value >= PAIR_THRESHOLD else None)
        found += verdict.blurred
    assert found > 10
