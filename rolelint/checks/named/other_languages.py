"""RL210's check: text in another language than English, which the wording rules did not read."""

from __future__ import annotations

from rolelint.checks import document_finding
from rolelint.checks.named.model import NamedCheck


def other_languages(rule, target, options):
    """Once per document whose text is partly or wholly in another language than English, at the first
    span in it: the wording rules (English) did not read that text."""
    from rolelint.language import ENGLISH, document_languages, language_name

    document = target.document
    found = document_languages(document)
    others = found.others
    if not others:
        return
    total = sum(count for _, count in found.words)
    foreign = sum(count for _, count in others)
    names = [language_name(code) for code, _ in others]
    share = "All" if foreign == total else f"{max(1, round(100 * foreign / total))}%"
    first = next(i for i, code in enumerate(found.spans) if code != ENGLISH)
    span = document.spans[first]
    text = span.text
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    at = span.file_range(left, max(right, left))
    values = {
        "share": share,
        "languages": " and ".join(names) if len(names) < 3 else ", ".join(names),
        "codes": ", ".join(code for code, _ in others),
    }
    yield document_finding(rule, document, values=values, at=at, context=f"text in {values['codes']}")


CHECK = NamedCheck("other_languages", run=other_languages)
