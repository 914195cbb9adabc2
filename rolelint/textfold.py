"""Fold text to what a reader sees, before any wording rule matches it, keeping a map back.

An advert can write a flagged word so that it renders as the word but matches nothing: a zero-width
space or soft hyphen inside it, Cyrillic or Greek letters that look Latin, fullwidth or mathematical
letters, HTML character references, emphasis markup splitting it. ``fold`` undoes that:

- HTML character references (``&#x440;``, ``&shy;``, ``&amp;``) are decoded;
- invisible and format characters are removed: every format character (Unicode category Cf: zero
  width space and joiners, soft hyphen, word joiner, bidi controls, tag characters), control
  characters other than whitespace, variation selectors, the combining grapheme joiner and the
  Hangul fillers;
- compatibility forms whose NFKC normalisation is ASCII letters and digits (fullwidth and
  mathematical letters, ligatures, circled letters) become those letters;
- letters that look like a Latin letter (Unicode TR39 confusables, from the maintained table of the
  ``confusable_homoglyphs`` package) become that letter;
- dash, minus and slash variants become ``-`` and ``/``; curly and other quote marks become ``'``
  and ``"``.

Emphasis markup inside a word is masked by the Markdown splitter with a word joiner (U+2060), which
this removes. Each character of the folded text maps to the offset of the character it came from,
so findings still point at the original text. Text that is ASCII with no ``&`` and no control
character (most of it) is returned as it is, with no map, at the cost of three string scans.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

# Removed: format characters (Cf) are tested by category; these others are invisible too.
_INVISIBLE_EXTRA = frozenset(
    [chr(c) for c in range(0xFE00, 0xFE10)]  # variation selectors 1-16
    + [chr(c) for c in range(0xE0100, 0xE01F0)]  # variation selectors 17-256
    + ["\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u180b", "\u180c", "\u180d", "\u180f", "\u2800"]
)
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u2e3a\u2e3b")
_SLASHES = frozenset("\u2044\u2215\u29f8\uff0f\u2571")
_SINGLE_QUOTES = frozenset("\u2018\u2019\u201a\u201b\u2032\u2035\uff07\u02bc\u02bb\u00b4")
_DOUBLE_QUOTES = frozenset("\u201c\u201d\u201e\u201f\u2033\u2036\uff02\u00ab\u00bb")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
WORD_JOINER = "\u2060"

# What happened to a character (see ``Folded.changes``)
KEPT, LOOKALIKE, HIDDEN = 0, 1, 2


class Folded:
    """The folded text of ``source``: ``index[i]`` is the offset in ``source`` of the character that
    ``text[i]`` came from; ``lookalike`` holds the positions in ``text`` of characters that were
    written differently (a look-alike letter, a reference, a compatibility form, a dash variant);
    ``hidden`` holds the positions in ``text`` where something was removed between two letters or
    digits (inside a word); ``wide`` maps the positions in ``text`` of characters
    that came from several characters of ``source`` (a reference) to the end of those in ``source``."""

    __slots__ = ("text", "index", "lookalike", "hidden", "wide")

    def __init__(
        self,
        text: str,
        index: list[int] | None,
        lookalike: tuple[int, ...],
        hidden: tuple[int, ...],
        wide: dict[int, int] | None = None,
    ):
        self.text, self.index, self.lookalike, self.hidden = text, index, lookalike, hidden
        self.wide = wide or {}


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def needs_folding(text: str) -> bool:
    return not text.isascii() or "&" in text or _ASCII_CONTROL.search(text) is not None


def fold(source: str) -> Folded:
    """``source`` folded as the module's docstring says."""
    if not needs_folding(source):
        return Folded(source, None, (), ())
    out: list[str] = []
    index: list[int] = []
    lookalike: list[int] = []
    wide: dict[int, int] = {}
    removed: list[int] = []  # positions in the folded text where something was removed
    size = 0  # characters in ``out`` so far
    copied = 0  # ``source[:copied]`` is dealt with
    for special in _SPECIAL.finditer(source):
        position = special.start()
        if position < copied:
            continue  # inside a reference already decoded
        if position > copied:  # a run of plain ASCII, copied as it is
            out.append(source[copied:position])
            index.extend(range(copied, position))
            size += position - copied
        char = source[position]
        end = position + 1
        written = char
        if char == "&":
            match = _REFERENCE.match(source, position)
            decoded = html.unescape(match.group()) if match else char
            if match and decoded != match.group() and len(decoded) == 1:
                written, end = decoded, match.end()
        folded = fold_char(written)
        if folded == "":
            if not removed or removed[-1] != size:
                removed.append(size)
        elif folded == char and end == position + 1:
            out.append(char)
            index.append(position)
            size += 1
        else:
            for piece in folded:
                if piece.isalnum():
                    lookalike.append(size)  # a letter written with another character
                if end > position + 1:
                    wide[size] = end
                out.append(piece)
                index.append(position)
                size += 1
        copied = end
    if copied < len(source):
        out.append(source[copied:])
        index.extend(range(copied, len(source)))
    text = "".join(out)
    hidden = tuple(at for at in removed if 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum())
    return Folded(text, index, tuple(lookalike), hidden, wide)


_SPECIAL = re.compile(r"[^\x00-\x7f]|&|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """What one character folds to: itself, "" (removed), or ASCII letters, digits or marks."""
    if char.isascii():
        return "" if _ASCII_CONTROL.match(char) else char
    if char in _INVISIBLE_EXTRA or unicodedata.category(char) in ("Cf", "Cc") and not char.isspace():
        return ""  # format characters, and controls (an escape sequence's ESC) that render as nothing
    if char in _DASHES:
        return "-"
    if char in _SLASHES:
        return "/"
    if char in _SINGLE_QUOTES:
        return "'"
    if char in _DOUBLE_QUOTES:
        return '"'
    compatible = unicodedata.normalize("NFKC", char)
    if compatible != char and compatible.isascii() and compatible.isalnum():
        return compatible
    if char.isalpha():
        latin = _latin_lookalikes().get(char)
        if latin is not None:
            return latin
        if compatible != char and len(compatible) == 1:
            latin = _latin_lookalikes().get(compatible)  # e.g. a mathematical Greek letter
            if latin is not None:
                return latin
    return char


@lru_cache(maxsize=1)
def _latin_lookalikes() -> dict[str, str]:
    """Letter -> the ASCII letter it is confusable with (Unicode TR39 confusables, as shipped by
    ``confusable_homoglyphs``), for letters that are not ASCII."""
    import json
    from importlib import resources

    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    table: dict[str, str] = {}
    for char, homoglyphs in data.items():
        if len(char) != 1 or char.isascii() or not char.isalpha():
            continue
        latin = sorted(h["c"] for h in homoglyphs if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalpha())
        if latin:
            # a lower-case letter folds to a lower-case one where the table offers both (Cyrillic
            # "о" looks like "o", not "O")
            same_case = [c for c in latin if c.islower() == char.islower()]
            table[char] = (same_case or latin)[0]
    return table


def script_of(char: str) -> str:
    """The Unicode script of a letter, by its alias in ``confusable_homoglyphs`` (e.g. LATIN,
    CYRILLIC, GREEK; COMMON for marks and digits)."""
    if char.isascii():
        return "LATIN" if char.isalpha() else "COMMON"
    return _script(char)


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    from confusable_homoglyphs import categories

    try:
        return categories.alias(char)
    except Exception:  # noqa: BLE001 - an unassigned code point
        return "UNKNOWN"


# Outside ASCII, what ``str.lower`` leaves that a case-insensitive pattern still matches to an ASCII
# letter: the dotless i and the long s; and the combining dot above that "İ" lower-cases with.
_CASELESS = {0x131: "i", 0x17F: "s", 0x307: None}


def caseless(text: str) -> str:
    """``text`` lower-cased so that an ASCII word that a case-insensitive regular expression finds in
    ``text`` is a substring of the result: a cheap test before running such a pattern. (It may
    also hold words the pattern would not find there.)"""
    lowered = text.lower()
    return lowered if lowered.isascii() else lowered.translate(_CASELESS)
