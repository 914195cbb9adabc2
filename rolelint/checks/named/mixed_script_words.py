"""RL128's check: words spelt with letters of several scripts (look-alike letters)."""

from __future__ import annotations

import re

from rolelint.checks import render
from rolelint.checks.named.model import NamedCheck

_WORD = re.compile(r"[^\W\d_]+")  # runs of letters


def mixed_script_words(rule, target, options):
    """Words (runs of letters, in the text as written) that mix Latin letters with another script's."""
    from rolelint.diagnostics import Finding
    from rolelint.textfold import fold, script_of

    for item in target.spans:
        text = item.span.text
        if text.isascii():
            continue
        for match in _WORD.finditer(text):
            word = match.group()
            if word.isascii():
                continue
            scripts = {script_of(char) for char in word} - {"COMMON", "INHERITED", "UNKNOWN"}
            if len(scripts) < 2 or "LATIN" not in scripts:
                continue
            names = " and ".join(sorted(s.title() for s in scripts))
            start, end = item.span.file_range(match.start(), match.end())
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
