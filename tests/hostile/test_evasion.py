"""Flagged wording written so that it renders as the word but would match nothing is still found
(issue 13, point 3): invisible and format characters inside or beside a word, look-alike letters of
other scripts, fullwidth and mathematical letters, HTML character references, dash and slash
variants, and emphasis markup splitting a word. Each finding points at the original characters and
says when it was made through look-alike or hidden characters."""

from __future__ import annotations

import unicodedata

import pytest

from rolelint.api import Linter
from rolelint.source import SourceText
from rolelint.textfold import fold
from tests.conftest import write

# (word as a reader sees it, the rule that flags it)
WORDS = [("rockstar", "RL104"), ("ninja", "RL104"), ("Chairman", "RL109"), ("native speaker", "RL116")]
INVISIBLE = {
    "zero width space": "\u200b",
    "zero width non-joiner": "\u200c",
    "zero width joiner": "\u200d",
    "soft hyphen": "\u00ad",
    "word joiner": "\u2060",
    "zero width no-break space": "\ufeff",
    "mongolian vowel separator": "\u180e",
    "combining grapheme joiner": "\u034f",
    "variation selector 16": "\ufe0f",
    "variation selector 1": "\ufe00",
    "variation selector 17": "\U000e0100",
    "tag letter": "\U000e0072",
    "escape": "\x1b",
    "bell": "\x07",
    "cancel tag": "\U000e007f",
    "left-to-right embedding": "\u202a",
    "right-to-left embedding": "\u202b",
    "pop directional formatting": "\u202c",
    "left-to-right override": "\u202d",
    "right-to-left override": "\u202e",
    "left-to-right isolate": "\u2066",
    "right-to-left isolate": "\u2067",
    "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "arabic letter mark": "\u061c",
    "hangul filler": "\u3164",
}
BESIDE = ["\u200b", "\u00ad", "\u2060", "\ufeff", "\u202e", "\U000e0072"]
CYRILLIC = {
    "a": "\u0430",
    "c": "\u0441",
    "e": "\u0435",
    "i": "\u0456",
    "j": "\u0458",
    "o": "\u043e",
    "p": "\u0440",
    "s": "\u0455",
    "x": "\u0445",
    "y": "\u0443",
    "C": "\u0421",
    "h": "\u04bb",
}
GREEK = {"o": "\u03bf", "i": "\u03b9", "a": "\u03b1", "C": "\u03f9", "v": "\u03bd"}
MATH = ["bold", "italic", "bold italic", "double-struck", "sans-serif", "sans-serif bold", "monospace", "fraktur"]
DASHED = [("game-changing", "RL108"), ("able-bodied", "RL114")]
DASHES = ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d"]
SLASHED = [("he/she", "RL110"), ("his/her", "RL110")]
SLASHES = ["\u2044", "\u2215", "\u29f8", "\uff0f"]


def _swap(word: str, table: dict[str, str], *, every: bool) -> str | None:
    """``word`` with its first (or every) letter that ``table`` has swapped; None if none is."""
    out, swapped = [], False
    for char in word:
        if char in table and (every or not swapped):
            out.append(table[char])
            swapped = True
        else:
            out.append(char)
    return "".join(out) if swapped else None


def _math(word: str, style: str) -> str:
    """``word`` in Unicode's mathematical letters of ``style`` (italic h is the Planck constant)."""

    def letter(char: str) -> str:
        if not char.isalpha():
            return char
        case = "CAPITAL" if char.isupper() else "SMALL"
        try:
            return unicodedata.lookup(f"MATHEMATICAL {style.upper()} {case} {char.upper()}")
        except KeyError:
            return {"h": "\u210e"}.get(char, char)

    return "".join(letter(c) for c in word)


def variants() -> list[tuple[str, str, str, str]]:
    """(class, written, rule code, note expected in the message or "")."""
    found = []
    for word, code in WORDS:
        middle = len(word.split()[0]) // 2
        for name, char in INVISIBLE.items():
            found.append((f"invisible: {name}", word[:middle] + char + word[middle:], code, "invisible"))
        for char in BESIDE:
            found.append((f"beside: U+{ord(char):04X}", char + word + char, code, ""))
        for table, script in ((CYRILLIC, "cyrillic"), (GREEK, "greek")):
            for every in (False, True):
                written = _swap(word, table, every=every)
                if written is not None and (every is False or written != _swap(word, table, every=False)):
                    found.append((f"look-alike: {script}{' (all)' if every else ''}", written, code, "look-alike"))
        found.append(("fullwidth", "".join(chr(ord(c) + 0xFEE0) if c != " " else c for c in word), code, "look-alike"))
        for style in MATH:
            found.append((f"mathematical {style}", _math(word, style), code, "look-alike"))
        letter = word[1]
        found.append(("reference: decimal", word[0] + f"&#{ord(letter)};" + word[2:], code, "look-alike"))
        found.append(("reference: hex", word[0] + f"&#x{ord(letter):x};" + word[2:], code, "look-alike"))
        found.append(("reference: soft hyphen", word[:middle] + "&shy;" + word[middle:], code, "invisible"))
        found.append(
            (
                "reference: cyrillic",
                word[0] + "&#x43E;" + word[2:] if word[1] == "o" else word.replace("a", "&#1072;", 1),
                code,
                "look-alike",
            )
        )
        found.append(("emphasis: bold tail", word[:middle] + "**" + word[middle:] + "**", code, "invisible"))
        found.append(("emphasis: italic tail", word[:middle] + "*" + word[middle:] + "*", code, "invisible"))
        found.append(("emphasis: bold head", "**" + word[:middle] + "**" + word[middle:], code, "invisible"))
    for word, code in DASHED:
        for dash in DASHES:
            found.append((f"dash: U+{ord(dash):04X}", word.replace("-", dash), code, ""))
    for word, code in SLASHED:
        for slash in SLASHES:
            found.append((f"slash: U+{ord(slash):04X}", word.replace("/", slash), code, ""))
    return found


VARIANTS = variants()


def test_the_table_covers_every_class_the_issue_lists():
    classes = {name.split(":")[0].split(" ")[0] for name, *_ in VARIANTS}
    assert {
        "invisible",
        "beside",
        "look-alike",
        "fullwidth",
        "mathematical",
        "reference",
        "dash",
        "slash",
        "emphasis",
    } <= classes
    assert len(VARIANTS) >= 119


@pytest.fixture(scope="module")
def linted(tmp_path_factory):
    root = tmp_path_factory.mktemp("evasion")
    write(root, ".rolelint.yaml", "kinds:\n  advert: ['adverts/**']\n")
    texts = [
        (f"adverts/v{n:03d}.md", f"# About the role\n\nWe want a {written} for the team.\n")
        for n, (_, written, _, _) in enumerate(VARIANTS)
    ]
    result = Linter(start=root).lint_texts(texts)
    return {name: text for name, text in texts}, result


@pytest.mark.parametrize(
    "number", range(len(VARIANTS)), ids=[f"{v[0]}-{v[1].encode('unicode_escape').decode()}" for v in VARIANTS]
)
def test_each_variant_is_found_at_its_original_characters(linted, number):
    texts, result = linted
    name = f"adverts/v{number:03d}.md"
    kind, written, code, note = VARIANTS[number]
    found = [d for d in result.diagnostics if d.path == name and d.code == code]
    assert found, f"{kind}: {written!r} not flagged by {code}"
    finding = found[0]
    source = SourceText(name, texts[name])
    start = source.offset(finding.line, finding.column)
    end = source.offset(finding.end_line, finding.end_column)
    original = source.text[start:end]
    assert finding.line == 3 and start >= len("# About the role\n\nWe want a ")
    # the finding covers what was written, and reads as the word
    assert (
        " ".join(fold(original).text.replace("*", "").split()).lower()
        == unicodedata.normalize("NFKC", finding.context).lower()
    )
    if note == "look-alike":
        assert "(written with look-alike characters)" in finding.message
    elif note == "invisible":
        assert "(written with invisible characters or markup inside it)" in finding.message


def test_plain_text_is_not_said_to_be_written_with_look_alikes(linted):
    linter = Linter()
    result = linter.lint_text(
        "# About the role\n\nWe want a rockstar and a café owner. And a naïve ninja.\n", name="adverts/plain.md"
    )
    messages = [d.message for d in result.diagnostics if d.code == "RL104"]
    assert len(messages) == 2 and not any("written with" in m for m in messages)
