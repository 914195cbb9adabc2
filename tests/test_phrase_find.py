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
