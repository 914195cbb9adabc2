"""``phrase.find_ids`` (lower mode, one key per token) finds what ``phrase.find`` finds."""

import random

from rolelint.checks.phrase import find, find_ids


def test_find_ids_matches_find():
    rnd = random.Random(3)
    vocabulary = ["a", "b", "c", "d", "e"]
    for _ in range(3000):
        phrases = {tuple(rnd.choice(vocabulary) for _ in range(rnd.randint(1, 3))) for _ in range(rnd.randint(1, 5))}
        index: dict = {}
        for number, words in enumerate(sorted(phrases)):
            index.setdefault(words[0], []).append((words, number))
        for candidates in index.values():
            candidates.sort(key=lambda pair: -len(pair[0]))
        tokens = [rnd.choice(vocabulary) for _ in range(rnd.randint(0, 12))]
        assert list(find_ids(tokens, index)) == list(find([{t} for t in tokens], index))


def test_a_phrase_written_with_spaces_also_matches_it_hyphened():
    from rolelint.loaders import document_from_string
    from rolelint.rulepacks import builtin_rules_dir, load_rules
    from rolelint.runner import run_rules

    rules = load_rules([builtin_rules_dir()])
    for text, code in (
        ("You will drive thought-leadership.", "RL107"),
        ("Help us take it to the next-level.", "RL107"),
    ):
        document = document_from_string(text)
        assert [f.code for f in run_rules([document], [rules[code]], {})[document.path]] == [code]


def test_a_hyphened_phrase_does_not_match_it_spaced():
    from rolelint.loaders import document_from_string
    from rolelint.rulepacks import builtin_rules_dir, load_rules
    from rolelint.runner import run_rules

    rules = load_rules([builtin_rules_dir()])
    document = document_from_string("You move to the next level of the pay scale.")
    assert run_rules([document], [rules["RL107"]], {})[document.path] == []


def _findings(text: str, code: str):
    from rolelint.loaders import document_from_string
    from rolelint.rulepacks import builtin_rules_dir, load_rules
    from rolelint.runner import run_rules

    rules = load_rules([builtin_rules_dir()])
    document = document_from_string(text, path="advert.md")
    return run_rules([document], [rules[code]], {})[document.path]


def test_one_per_section_reports_the_first_perk_of_a_benefits_list_only():
    advert = "# Designer\n\n## Benefits\n\n- Free cold drinks\n- Free hot drinks and snacks\n\n## About us\n\nWe have a foosball table.\n"
    found = _findings(advert, "RL119")
    assert [(f.code, f.context) for f in found] == [("RL119", "drinks"), ("RL119", "foosball table")]


def test_a_perk_in_the_sentence_of_a_real_benefit_is_left_alone():
    advert = "# Designer\n\n## Benefits\n\n- Health care, a pension, fresh fruit and more\n- Monthly massages\n"
    assert [f.context for f in _findings(advert, "RL119")] == ["massages"]


def test_a_negation_in_another_clause_does_not_deny_a_hype_word():
    text = "Although first a Python guru, you will have broad experience: if you don't know what can go wrong, you won't know how to fix it."
    assert [f.context for f in _findings(text, "RL104")] == ["guru"]
