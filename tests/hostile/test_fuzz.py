"""Fuzzing the text folding and the whole lint of adverts written to evade it (issue 13, point 7).

Hypothesis generates text from the characters and markup that matter here: flagged words, invisible
and format characters, look-alike letters, fullwidth and mathematical letters, HTML references,
dash and quote variants, emphasis, suppression comments, line breaks. It asserts that nothing
raises, that every position lies inside its line, and that every finding of a wording rule quotes
the file's own text at its position once that text is folded as the rules read it.

The budget is fixed and small (the file runs in well under a minute); `ROLELINT_FUZZ_SCALE=N`
multiplies the number of examples, which is what `benchmarks/fuzz.py` does for a longer run.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolelint.api import Linter
from rolelint.checks import SpanInput
from rolelint.documents import TextSpan
from rolelint.source import SourceText
from rolelint.textfold import fold, fold_char

SCALE = max(1, int(os.environ.get("ROLELINT_FUZZ_SCALE", "1")))
FOLDING = settings(deadline=None, max_examples=300 * SCALE, suppress_health_check=[HealthCheck.too_slow])
LINTING = settings(deadline=None, max_examples=15 * SCALE, suppress_health_check=[HealthCheck.too_slow])

PIECES = [
    "rockstar",
    "ninja",
    "chairman",
    "native",
    "English",
    "speaker",
    "he/she",
    "cutting-edge",
    "[Insert salary]",
    "competitive salary",
    "We want a ",
    ". ",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\n\n",
    "# About the role\n\n",
    "- ",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u00ad",
    "\u2060",
    "\ufeff",
    "\ufe0f",
    "\U000e0072",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u3164",
    "\u0430",
    "\u043e",
    "\u0441",
    "\u0440",
    "\u0435",
    "\u03bf",
    "\u0456",
    "\uff52",
    "\uff4f",
    "\U0001d42b",
    "\U0001d428",
    "&#x43E;",
    "&#1072;",
    "&shy;",
    "&amp;",
    "&nbsp;",
    "&ZeroWidthSpace;",
    "&",
    "&#",
    "&#x;",
    "\u2013",
    "\u2014",
    "\u2212",
    "\u2044",
    "\u2019",
    "\u201c",
    "\u201d",
    "**",
    "*",
    "_",
    "`",
    "<!-- rolelint-disable-next-line RL104 -->",
    "<!-- rolelint-disable RL1 -->",
    "<!-- rolelint-enable RL104 -->",
    "<!-- rolelint-disable-line RL1040 -->",
    "```\n",
    "    ",
    "\x1b[31m",
    "é",
    "\u0301",
    "日本",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)


@FOLDING
@given(text=texts)
def test_folding_maps_every_character_back_to_the_one_it_came_from(text):
    folded = fold(text)
    if folded.index is None:
        assert folded.text == text
        return
    assert len(folded.index) == len(folded.text)
    assert all(0 <= at < len(text) for at in folded.index)
    assert list(folded.index) == sorted(folded.index)
    for char, at in zip(folded.text, folded.index):
        source = text[at]
        assert char in fold_char(source) or char == source or source == "&", (char, source)
    for at, end in folded.wide.items():
        assert text[folded.index[at]] == "&" and folded.index[at] < end <= len(text)
    assert all(0 < at < len(folded.text) for at in folded.hidden)


@FOLDING
@given(text=texts, offset=st.integers(0, 20))
def test_what_rules_read_maps_into_the_span(text, offset):
    span = TextSpan(text, range(offset, offset + len(text) + 1))
    item = SpanInput.of(span)
    assert len(item.index) == len(item.text)
    assert item.text == " ".join(item.text.split())
    for start in range(0, len(item.text) + 1, 3):
        for end in (start, start + 1, start + 5):
            end = min(end, len(item.text))
            first, last = item.file_range(start, end)
            assert offset <= first <= last <= offset + len(text)
            item.written_as(start, end)


_LINTER: list[Linter] = []


def _linter(root: Path) -> Linter:
    if not _LINTER:
        _LINTER.append(Linter(start=root))
    return _LINTER[0]


WORDING = ("phrase", "pattern", "regex")


@LINTING
@given(body=texts)
def test_every_finding_is_inside_its_line_and_quotes_the_folded_file_text(body):
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / ".rolelint.yaml").write_text("kinds:\n  advert: ['**/*.md']\n", encoding="utf-8")
        text = "# About the role\n\n" + body + "\n"
        result = _linter(root).lint_text(text, name="adverts/a.md")
    source = SourceText("adverts/a.md", text)
    for d in result.diagnostics:
        assert 1 <= d.line <= source.line_count and 1 <= d.end_line <= source.line_count, d
        assert 1 <= d.column <= len(source.line_text(d.line)) + 1, d
        assert 1 <= d.end_column <= len(source.line_text(d.end_line)) + 1, d
        rule = result.rules.get(d.code)
        if rule is None or rule.kind not in WORDING or not d.context:
            continue
        start, end = source.offset(d.line, d.column), source.offset(d.end_line, d.end_column)
        written = fold(text[start:end]).text
        # markup is masked where rules read it; compare the letters, digits and punctuation
        assert _plain(written) == _plain(d.context), (text[start:end], d.context, d.code)


def _plain(text: str) -> str:
    return "".join(char for char in fold(text).text if not char.isspace() and char not in "*_`\u2060")
