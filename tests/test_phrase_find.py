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
