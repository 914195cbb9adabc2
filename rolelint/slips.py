"""One-letter slips of a word: what a reader still recognises as the word when one letter is off.

Shared by the technology names of RL126 (``rolelint.checks.named.technology_names``: "Postgress" for
PostgreSQL), the section headings of the structure recogniser (``rolelint.structure``:
"RESPONSIBLITIES" for responsibilities) and the typing slips of RL131
(``rolelint.checks.named.typos``: "hyrbid" for hybrid).
"""

from __future__ import annotations

import string

LETTERS = string.ascii_lowercase + string.digits  # what a lower-cased key holds after its first character


def one_letter_from(word: str, letters: str = LETTERS) -> set[str]:
    """Every string one letter from ``word`` that starts as it does: one letter of ``letters`` added,
    a letter dropped or changed, or two neighbours swapped (a Damerau-Levenshtein distance of 1)."""
    first, rest = word[:1], word[1:]
    slips: set[str] = set()
    for at in range(len(rest) + 1):
        before, after = first + rest[:at], rest[at:]
        slips.update(before + letter + after for letter in letters)
        if after:
            slips.add(before + after[1:])
            slips.update(before + letter + after[1:] for letter in letters)
            slips.add(before + after[1:2] + after[:1] + after[2:])
    slips.discard(word)
    return slips
