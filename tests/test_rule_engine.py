"""run_rules: scope, positions, fixes, and spaCy only when a rule needs it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from rolelint.loaders import document_from_string
from rolelint.rulepacks import builtin_rules_dir, load_rules
from rolelint.runner import run_rules

RULES = load_rules([builtin_rules_dir()])


def run(text, codes, *, options=None, **kwargs):
    document = document_from_string(text, **kwargs)
    return document, run_rules([document], [RULES[c] for c in codes], options or {})[document.path]


def test_regex_only_run_does_not_import_spacy():
    script = (
        "import sys\n"
        "from rolelint.loaders import document_from_string\n"
        "from rolelint.rulepacks import builtin_rules_dir, load_rules\nfrom rolelint.runner import run_rules\n"
        "rules = load_rules([builtin_rules_dir()])\n"
        "doc = document_from_string('Salary: [Insert amount]. Competitive salary.')\n"
        "found = run_rules([doc], [rules['RL101'], rules['RL208']], {})[doc.path]\n"
        "assert {f.code for f in found} == {'RL101', 'RL208'}, found\n"
        "assert 'spacy' not in sys.modules, 'spaCy was imported'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_finding_offsets_point_into_the_file_through_markup():
    text = "# Developer\n\nWe want a **JavaScript\nninja** to join us.\n"
    document, found = run(text, ["RL104"])
    (finding,) = found
    assert text[finding.start : finding.end] == "ninja"
    assert document.source.position(finding.start) == (4, 1)


def test_phrase_spanning_a_line_break_is_found_once():
    text = "You should hit the ground\nrunning from day one.\n"
    _, found = run(text, ["RL118"])
    assert [text[f.start : f.end] for f in found] == ["hit the ground\nrunning"]


def test_safe_replacement_becomes_a_fix_that_keeps_the_capital():
    text = "Chairman of the board.\n"
    _, (finding,) = run(text, ["RL109"])
    assert finding.fix is not None and finding.fix.replacement == "Chair"
    assert (finding.fix.start, finding.fix.end) == (0, 8)
    assert finding.suggestion == "Use 'Chair'"


def test_unsafe_replacement_is_a_suggestion_only():
    _, (finding,) = run("He should write tests.\n", ["RL110"])
    assert finding.fix is None and "They" in finding.suggestion


def test_gendered_pronouns_are_reported_once_a_sentence():
    text = "Using his people skills he explains the work.\nShe also reviews code. His manager helps.\n"
    _, found = run(text, ["RL110"])
    assert [text[f.start : f.end] for f in found] == ["his", "She", "His"]


def test_gendered_pronouns_in_sentences_glued_together_are_reported_apart():
    text = "He writes tests.Using his skills, he ships.\n"
    _, found = run(text, ["RL110"])
    assert [text[f.start : f.end] for f in found] == ["He", "his"]


def test_a_front_matter_field_repeating_the_body_is_reported_in_the_body_only():
    text = "---\ntitle: Chairman of the board\n---\n# Chairman of the board\n\nYou will chair meetings.\n"
    _, found = run(text, ["RL109"], path="advert.md")
    assert [(f.field, text[f.start : f.end]) for f in found] == [(None, "Chairman")]


def test_a_front_matter_field_alone_is_still_reported():
    text = "---\ntitle: Chairman of the board\n---\n# The board\n\nYou will chair meetings.\n"
    _, found = run(text, ["RL109"], path="advert.md")
    assert [(f.field, text[f.start : f.end]) for f in found] == [("title", "Chairman")]


def test_findings_are_immutable():
    _, (finding,) = run("A proper web ninja.\n", ["RL104"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.message = "changed"


def test_perk_words_count_only_in_a_benefits_section():
    text = "## About us\n\nWe grow our candidate pool and our coffee chats.\n\n## Benefits\n\n- Free coffee\n- A pool\n"
    _, found = run(text, ["RL119"])
    # one finding for the benefits list: one rewrite of the list fixes both perks
    assert [text[f.start : f.end] for f in found] == ["coffee"]
    assert all(f.section == "benefits" for f in found)


def test_gender_coded_balance_ignores_titles_headings_and_software_names():
    text = (
        "# Lead product manager\n\n## Responsibilities\n\n"
        "- Build analytics dashboards in SharePoint\n- Write clear release notes\n"
    )
    _, found = run(text, ["RL112"], options={"RL112": {"min_difference": 1, "min_ratio": 1}})
    assert found == []


def test_gender_coded_balance_lists_the_words_it_counted():
    text = "You are ambitious, assertive, competitive, decisive and fearless.\n"
    _, (finding,) = run(text, ["RL112"])
    assert "5 masculine-coded words" in finding.message
    assert "ambitious" in finding.message and "fearless" in finding.message


def test_parse_rule_only_parses_spans_in_its_scope(monkeypatch):
    import rolelint.runner as runner

    parsed = []
    original = runner._annotate

    def spy(plan, nlp, *args, **kwargs):
        original(plan, nlp, *args, **kwargs)
        parsed.extend(
            item for _, inputs, _ in plan for item in inputs if item.doc is not None and item.doc.has_annotation("DEP")
        )

    monkeypatch.setattr(runner, "_annotate", spy)
    text = "## About\n\nReports are written daily.\n\n## Responsibilities\n\n- Reports are written daily\n"
    _, found = run(text, ["RL204", "RL104"])
    assert [f.section for f in found] == ["responsibilities"]
    assert len(parsed) == 1


def test_all_spans_of_all_documents_go_through_one_pipe_call(monkeypatch):
    from rolelint import nlp as nlp_module

    nlp = nlp_module.load_pipeline({"lemma", "sents"})
    calls = []
    original = type(nlp).pipe

    def counting_pipe(self, texts, **kwargs):
        texts = list(texts)
        calls.append(len(texts))
        return original(self, texts, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", counting_pipe)
    documents = [document_from_string(f"# Ninja {n}\n\nA rockstar wanted {n}.\n", path=f"d{n}.md") for n in range(3)]
    rules = [RULES["RL104"], RULES["RL205"]]
    results = run_rules(documents, rules, {})
    assert calls == [6]
    assert all(len(results[d.path]) == 2 for d in documents)


def test_a_span_repeated_in_a_run_is_annotated_once_and_found_in_each_document(monkeypatch):
    from spacy.language import Language

    made = []
    original = Language.make_doc

    def counting_make_doc(self, text):
        made.append(text)
        return original(self, text)

    monkeypatch.setattr(Language, "make_doc", counting_make_doc)
    shared = "We want a young team of rockstar developers who hit the ground running."
    texts = [f"# Role {n}\n\n## About\n\n{shared}\n\n## Responsibilities\n\n- {shared}\n" for n in range(3)]
    documents = [document_from_string(text, path=f"d{n}.md") for n, text in enumerate(texts)]
    rules = [RULES[code] for code in ("RL104", "RL113", "RL118", "RL205")]
    together = run_rules(documents, rules, {})
    assert made.count(shared) == 2  # once per section: a section can change what a rule looks at
    for document in documents:
        alone = run_rules([document], rules, {})[document.path]
        assert together[document.path] == alone
        assert {f.code for f in alone} == {"RL104", "RL113", "RL118"}


def test_scope_by_field_glob_reaches_role_responsibilities():
    text = (
        "kind: role\nid: pm\nlevels:\n  - level: junior\n    responsibilities:\n      - Strong communication skills\n"
    )
    document, found = run(text, ["RL203"], kind="role", fmt="yaml")
    assert len(found) == 1 and found[0].field == "levels[0].responsibilities[0]"


def test_experience_limits_can_come_from_options():
    text = "---\nlevel: practitioner\n---\nYou have 6 years of experience.\n"
    _, found = run(
        text, ["RL122"], options={"RL122": {"max_years": {"practitioner": {"min_years": 2, "max_years": 5}}}}
    )
    assert len(found) == 1 and "6 years" in found[0].message


def test_findings_come_sorted_by_position():
    text = "A ninja. A guru. A rockstar.\n"
    _, found = run(text, ["RL104"])
    assert [f.start for f in found] == sorted(f.start for f in found)


def test_vague_pay_annotates_nothing_in_an_advert_whose_pay_spans_state_a_figure(parsed_texts):
    shared = "We offer a competitive salary."
    stated = document_from_string(f"# Role\n\n{shared}\n\nA competitive salary of £45,000 a year.\n", path="a.md")
    vague = document_from_string(f"# Role\n\n{shared}\n", path="b.md")
    rules = [RULES["RL121"]]
    assert run_rules([stated], rules, {})[stated.path] == []
    assert parsed_texts == []
    together = run_rules([stated, vague], rules, {})  # the shared span is the first document's
    assert together[stated.path] == []
    assert [f.code for f in together[vague.path]] == ["RL121"]
    assert together[vague.path] == run_rules([vague], rules, {})[vague.path]
