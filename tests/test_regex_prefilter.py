"""The regex kind's literal prefilter may only skip texts its regex cannot match."""

import random
import re

import pytest

from rolelint.checks.regex import candidates, literal_prefilter
from rolelint.rulepacks import builtin_rules_dir, load_rules

PATTERNS = [
    r"\bfoo\b",
    r"(?i:\b(?:competitive|market|market-rate)\s+(?:salary|pay)\b)|\bD\.?O\.?E\b",
    r"\[(?i:[^\[\]]{0,10}\b(?:insert|add)\b)[^\[\]]{0,10}\]|\b(?:TBC|TBD)\b",
    r"(?i)kelvin|stress",  # the Kelvin sign and the long s fold onto ASCII letters
    r"(?i:ſ)x|\u212a",
    r"(?a:(?i:k))elp",
    r"XX+\b(?:[,.]XXX)?|Y{3}",
    r"a(?:b|)c",  # an empty alternative: only "a" and "c" are required
    r"(?:ab|cd)+e",
    r"x?y*",  # nothing required: no prefilter
    r"[a-z]+ing",
    r"(?i:straße)|ǅ|İx",
    r"(?>abc|abd)z",
]
WORDS = [
    "foo",
    "Foo",
    "competitive",
    "MARKET",
    "market-rate",
    "salary",
    "pay",
    "DOE",
    "D.O.E",
    "[",
    "]",
    "insert",
    "Add",
    "TBC",
    "TBD",
    "kelvin",
    "\u212aelvin",
    "ſtreſs",
    "STRESS",
    "x",
    "X",
    "XX",
    "XXX",
    ",",
    "YYY",
    "a",
    "b",
    "c",
    "ac",
    "abc",
    "cde",
    "abe",
    "ing",
    "STRASSE",
    "straße",
    "ǆ",
    "ǅ",
    "İx",
    "ix",
    "i̇x",
    "abcz",
    "abdz",
    "K",
    "k",
    "sx",
    "SX",
    "Sx",
    "elp",
    "\u212aelp",
    "é",
    " ",
    "-",
    ".",
]


def texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    return [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 6))).replace(" - ", "-") for _ in range(count)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_prefilter_never_skips_a_match(pattern):
    regex = re.compile(pattern)
    prefilter = literal_prefilter(pattern)
    if prefilter is None:
        return
    for seed in range(40):
        sample = texts(seed, 25)
        chosen = candidates(prefilter, sample)
        for i, text in enumerate(sample):
            if any(m.end() > m.start() for m in regex.finditer(text)):
                assert i in chosen, (pattern, text)


def test_prefilter_of_builtin_rules_never_skips_a_match():
    for rule in load_rules([builtin_rules_dir()]).values():
        if rule.kind != "regex" or rule.compiled.prefilter is None:
            continue
        for seed in range(20):
            sample = texts(seed, 25) + [
                "competitive salary",
                "depends on experience",
                "[insert salary]",
                "Salary: DOE",
                "lorem ipsum",
                "TODO",
                "{{ name }}",
            ]
            chosen = candidates(rule.compiled.prefilter, sample)
            for i, text in enumerate(sample):
                if any(m.end() > m.start() for m in rule.compiled.regex.finditer(text)):
                    assert i in chosen, (rule.code, text)


def test_prefilter_skips_texts_without_the_literals():
    prefilter = literal_prefilter(r"(?i:\bcompetitive\s+salary\b)|\bDOE\b")
    assert candidates(prefilter, ["a Competitive SALARY", "competitive pay", "doe", "DOE", "nothing"]) == {0, 3}
    assert literal_prefilter(r"x?y*") is None
