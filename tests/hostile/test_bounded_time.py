"""Text built to make a backtracking parser hang is read in linear time.

Each input is half a megabyte (a tenth of the default `max_file_size`) of one pathological pattern.
Before the loaders were made linear, 80 kB of the worst of them (unclosed `<!--`) took 35 s, so
half a megabyte would have taken over twenty minutes; each must now take seconds.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from rolelint.loaders import parse_source
from rolelint.source import SourceText
from rolelint.suppressions import parse_suppressions
from tests.conftest import write
from tests.hostile.helpers import assert_positions_inside, lint

SIZE = 500_000
SECONDS = 10  # generous for a loaded CI machine: the slowest takes about 4 s here, most well under 1 s


def repeat(unit: str, size: int = SIZE) -> str:
    return unit * (size // len(unit))


MARKDOWN = {
    "unclosed-html-comments": repeat("<!--"),
    "unclosed-liquid-tags": repeat("{%"),
    "unclosed-liquid-comments": repeat("{% comment %}"),
    "backtick-runs-of-falling-length": "".join("`" * n + "a" for n in range(1000, 0, -1)),
    "link-openers": repeat("["),
    "link-without-closing-paren": repeat("[a]("),
    "image-openers": repeat("!["),
    "reference-link-openers": repeat("[a]["),
    "atx-heading-of-spaces": "#" + " " * SIZE + "x",
    "atx-heading-of-hashes": "# " + repeat("a #"),
    "headings": repeat("# a\n"),
    "setext-headings": repeat("a\n===\n"),
    "list-items": repeat("- a\n"),
    "deep-list-indent": "".join(" " * i + "- a\n" for i in range(1000)),
    "emphasis": repeat("*_"),
    "html-tag-openers": repeat("<a "),
    "bold-lines": repeat("**a\n"),
    "colon-lines": repeat("Requirements:\n"),
    "fences": repeat("```\n"),
    "blockquotes": repeat(">"),
    "escapes": repeat("\\*"),
    "one-long-word": "a" * SIZE,
}


@pytest.mark.parametrize("fmt", ["markdown", "text"])
@pytest.mark.parametrize("body", list(MARKDOWN.values()), ids=list(MARKDOWN))
def test_pathological_markdown_is_split_in_linear_time(body, fmt):
    started = time.monotonic()
    document, _ = parse_source(SourceText("a.md", body), fmt=fmt)
    assert time.monotonic() - started < SECONDS
    for span in document.spans:
        assert len(span.offsets) == len(span.text) + 1


YAML = {
    "escapes": 'kind: role\ntitle: "' + repeat("\\u00e9") + '"\n',
    "unknown-escapes-in-plain-text": "kind: role\ntitle: " + repeat("\\x") + "\n",
    "folded-lines": "kind: role\ntitle: >\n" + repeat("  word\n"),
    "nel-line-breaks": "kind: role\ntitle: " + repeat("a\x85") + "\n",
    "many-keys": "kind: role\n" + "".join(f"k{i}: v\n" for i in range(SIZE // 10)),
    "long-flow-list": "kind: role\nx: [" + repeat("a, ", SIZE // 2) + "a]\n",
}


@pytest.mark.parametrize("text", list(YAML.values()), ids=list(YAML))
def test_pathological_yaml_is_read_in_linear_time(text):
    started = time.monotonic()
    parse_source(SourceText("a.yaml", text), fmt="yaml")
    assert time.monotonic() - started < SECONDS


SUPPRESSIONS = {
    "yaml-comments-in-unclosed-front-matter": ("markdown", "---\n" + repeat("# rolelint: disable=RL101\n")),
    "yaml-comments-on-one-line": ("yaml", "a: 1 " + repeat("# rolelint: disable=RL101 ")),
    "html-ranges-never-closed": ("markdown", repeat("<!-- rolelint-disable RL101 -->\n")),
    "html-comment-without-end": ("markdown", "rolelint <!-- rolelint-disable" + " " * SIZE),
}


@pytest.mark.parametrize(("fmt", "text"), list(SUPPRESSIONS.values()), ids=list(SUPPRESSIONS))
def test_pathological_suppression_comments_are_parsed_in_linear_time(fmt, text):
    started = time.monotonic()
    parse_suppressions(SourceText("a", text), fmt)
    assert time.monotonic() - started < SECONDS


def test_many_findings_under_many_suppressions_are_matched_quickly(tmp_path: Path):
    # 30,000 findings, each under its own suppression, and 30,000 unused suppressions: matching each
    # finding against each suppression would be 10^9 checks.
    used = "<!-- rolelint-disable-next-line RL101 -->\nSalary: [Insert amount]\n" * 30_000
    unused = "<!-- rolelint-disable-next-line RL101 -->\nSalary: agreed\n" * 30_000
    write(tmp_path, "adverts/a.md", used + unused)
    started = time.monotonic()
    run = lint(tmp_path, select="RL0,RL101")
    assert time.monotonic() - started < 60
    assert run.codes("adverts/a.md") == ["RL009"] * 30_000
    assert run.at("adverts/a.md")[0] == (60_001, 1, "RL009")
    assert_positions_inside(run, tmp_path)


def test_a_long_word_before_an_at_sign_is_read_in_linear_time(tmp_path: Path):
    # RL209 looks for an e-mail address to apply to; its pattern was tried at every letter of a long
    # word, so 16,000 letters before an "@" took 0.7 s and 500 kB would take over ten minutes.
    write(tmp_path, "adverts/a.md", "# Developer\n\n" + "a" * SIZE + " x@\n\nWrite to jobs@example.org.\n")
    started = time.monotonic()
    run = lint(tmp_path, select="RL0,RL209")
    assert time.monotonic() - started < 60
    (missing,) = [m for m in run.messages("adverts/a.md") if "says nothing about" in m]
    assert "responsibilities" in missing and "apply" not in missing  # the address after the word is read


def test_a_long_run_without_spaces_reaches_the_nlp_rules_in_pieces(tmp_path: Path):
    # spaCy's tokenizer is quadratic in a run without spaces (8,000 `[` took 13 s, 10,000 about 20 s,
    # and pieces were 10,000 characters). They now reach it in pieces of 200.
    write(tmp_path, "adverts/a.md", "[" * 30_000 + " We want a ninja.\n")
    started = time.monotonic()
    run = lint(tmp_path, select="RL0,RL104")
    assert time.monotonic() - started < 40
    assert run.at("adverts/a.md") == [(1, 30_012, "RL104")]


@pytest.mark.slow
@pytest.mark.parametrize("text", ["[ ninja " * 50_000, "[ " * 100_000], ids=["every-window-tagged", "brackets"])
def test_memory_for_dense_text_stays_under_a_gigabyte(tmp_path: Path, text: str):
    # Every token here is tagged: a word the rule looks for sits in every window. Batches of spaCy
    # were once 256 pieces whatever their size, and every tagged Doc kept its tok2vec output:
    # 200 kB of '[ ' (100,000 tokens) peaked at 1.7 GB and 1 MB at 7.7 GB. Batches are now bounded
    # in tokens and the tok2vec output is dropped once tagged.
    import os
    import subprocess
    import sys

    write(tmp_path, "a.md", text)
    child = subprocess.Popen(
        [sys.executable, "-m", "rolelint", "check", "--no-cache", "--select", "RL104", "a.md"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) in (0, 1)
    assert usage.ru_maxrss * 1024 < 1024**3, f"peak {usage.ru_maxrss / 1024:,.0f} MB"
