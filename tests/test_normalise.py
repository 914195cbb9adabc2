"""``normalise`` (run on every span) against a plain character-by-character reference."""

import random

from rolelint.checks import Offsets, normalise


def reference(text: str) -> tuple[str, tuple[int, ...]]:
    out, index = [], []
    pending = None  # offset of the whitespace run waiting to become one space
    for i, char in enumerate(text):
        if char.isspace():
            if pending is None:
                pending = i
            continue
        if pending is not None and out:
            out.append(" ")
            index.append(pending)
        pending = None
        out.append(char)
        index.append(i)
    return "".join(out), tuple(index)


def test_normalise_matches_the_reference():
    pieces = [
        " ",
        "  ",
        "\n",
        "\t",
        " \n ",
        "\u00a0",
        "\u2028",
        "\x1c",
        "\x85",
        "\u3000",
        "\u200b",
        "\r\n",
        "a",
        "bc",
        "x y",
        "é",
        "😀",
    ]
    rnd = random.Random(7)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 10)))
        collapsed, offsets = normalise(text)
        expected, index = reference(text)
        assert collapsed == expected, repr(text)
        assert isinstance(offsets, Offsets)
        assert len(offsets) == len(index) and tuple(offsets) == index, repr(text)
        assert all(offsets[i] == index[i] for i in range(-len(index), len(index)))
        assert offsets[1:3] == index[1:3]


def test_offsets_compare_by_value():
    assert normalise("a  b")[1] == normalise("a  b")[1]
    assert normalise("a  b")[1] != normalise("a b")[1]
    assert not normalise("   ")[1]
