"""RL128's check: words spelt with letters of several scripts (look-alike letters)."""

from __future__ import annotations

import re

from rolelint.checks import render
from rolelint.checks.named.model import NamedCheck

_WORD = re.compile(r"[^\W\d_]+")  # runs of letters

# Scripts written without spaces between words, beside which Latin words are ordinary writing
# ("扎实的C++基础", "提交记录中的email"): Unicode TR39's Highly Restrictive level allows Latin with
# Han, Hiragana, Katakana, Bopomofo and Hangul, none of which looks like a Latin letter. A run of
# letters is cut into words where it passes between one of these and any other script.
_UNSPACED = frozenset({"HAN", "HIRAGANA", "KATAKANA", "BOPOMOFO", "HANGUL"})


def _words(text: str):
    """(start, end) of each word: a run of letters, cut where it passes into or out of an unspaced
    script (see ``_UNSPACED``)."""
    from rolelint.textfold import script_of

    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        start = match.start()
        unspaced = None
        for offset, char in enumerate(word):
            here = script_of(char) in _UNSPACED
            if unspaced is not None and here != unspaced:
                yield start, match.start() + offset
                start = match.start() + offset
            unspaced = here
        yield start, match.end()


def mixed_script_words(rule, target, options):
    """Words (runs of letters, in the text as written) that mix Latin letters with another script's."""
    from rolelint.diagnostics import Finding
    from rolelint.textfold import fold, script_of

    for item in target.spans:
        text = item.span.text
        if text.isascii():
            continue
        for first, last in _words(text):
            word = text[first:last]
            if word.isascii():
                continue
            scripts = {script_of(char) for char in word} - {"COMMON", "INHERITED", "UNKNOWN"}
            if len(scripts) < 2 or "LATIN" not in scripts:
                continue
            names = " and ".join(sorted(s.title() for s in scripts))
            start, end = item.span.file_range(first, last)
            values = {"word": word, "scripts": names, "plain": fold(word).text}
            yield Finding(
                rule.code,
                render(rule.message, values),
                start,
                end,
                suggestion=render(rule.suggestion, values) if rule.suggestion else None,
                field=item.span.field,
                section=item.span.section,
                context=word,
            )


CHECK = NamedCheck("mixed_script_words", run=mixed_script_words)
