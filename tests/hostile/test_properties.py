"""Properties over generated input: no exception escapes the loaders, the Markdown splitter, suppression
comments, config loading or the CLI; every position lies inside its file; the same input gives the same
output.

The inputs mix the tokens that matter to each parser (fences, quotes, anchors, comments, suppressions,
line breaks of every kind, BOMs, control characters) with arbitrary text. Example counts are bounded so
the whole file runs in well under a minute; the example database (.hypothesis/) is git-ignored.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rolelint.cli import cli
from rolelint.config import ConfigError, load_config
from rolelint.loaders import parse_source
from rolelint.markdown import split_body
from rolelint.source import SourceText
from rolelint.suppressions import Suppression, covering_count, match_suppressions, parse_suppressions
from rolelint.textfold import WORD_JOINER

FAST = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
CLI = settings(deadline=None, max_examples=12, suppress_health_check=[HealthCheck.too_slow])

TOKENS = [
    "---",
    "...",
    "# ",
    "## ",
    "###### ",
    "#",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "> ",
    "    ",
    "\t",
    " ",
    "  ",
    "**",
    "__",
    "*",
    "_",
    "`",
    "``",
    "```",
    "~~~",
    "<!--",
    "-->",
    "{%",
    "%}",
    "{% comment %}",
    "{% endcomment %}",
    "{{",
    "}}",
    "[",
    "]",
    "](",
    ")",
    "![",
    "][",
    "<b>",
    "</b>",
    "<https://x.org>",
    "\\",
    ":",
    ": ",
    "?",
    "|",
    ">-",
    "kind: advert",
    "kind: role",
    "kind: framework",
    "title: ",
    "id: x",
    "levels:",
    "body: |",
    "&a ",
    "*a",
    "<<: ",
    "!!python/object/apply:os.system ",
    "!foo ",
    "'",
    '"',
    "{",
    "}",
    ",",
    "=",
    "~",
    "null",
    "yes",
    "1",
    "-1",
    ".5",
    "2026-01-01",
    "rolelint",
    "# rolelint: disable=RL101",
    "# rolelint: disable",
    "# rolelint: disable-file=RL0",
    "# rolelint: disable-next-line",
    "<!-- rolelint-disable RL1 -->",
    "<!-- rolelint-enable RL1 -->",
    "<!-- rolelint-enable -->",
    "<!-- rolelint-disable-next-line -->",
    "<!-- rolelint-disable-line RL101 -->",
    "<!-- rolelint-disable-file RL0 -->",
    "[Insert amount]",
    "TBC",
    "ninja",
    "chairman",
    "Requirements:",
    "Responsibilities",
    "=====",
    "-----",
    "\ufeff",
    "\x85",
    "\u2028",
    "é",
    "日本",
    "\x07",
    "\x00",
    "\u200b",
]
LINE_BREAKS = st.sampled_from(["\n", "\n", "\r\n", "\r"])
documents = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8), LINE_BREAKS), max_size=60).map("".join)
FORMATS = st.sampled_from(["yaml", "markdown", "text"])


def assert_inside(source: SourceText, start: int, end: int) -> None:
    assert 0 <= start <= end <= len(source.text), (start, end, len(source.text))
    for offset in (start, end):
        line, column = source.position(offset)
        assert 1 <= line <= source.line_count
        assert 1 <= column <= len(source.line_text(line)) + 1


def snapshot(text: str, fmt: str, kind_hint: str | None):
    document, findings = parse_source(SourceText("f", text), fmt=fmt, kind_hint=kind_hint)
    return (
        findings,
        [(s.text, s.offsets, s.field, s.section, s.block) for s in document.spans],
        [(s.heading, s.category, s.start, s.end) for s in document.sections],
        document.kind,
        document.data,
    )


@FAST
@given(text=documents, fmt=FORMATS, kind_hint=st.sampled_from([None, "advert", "role", "framework"]))
@example(text="\xa0\x1f", fmt="yaml", kind_hint=None)  # libyaml gave the bad character's byte offset
@example(text="{{", fmt="yaml", kind_hint=None)  # an error at the very end reached one past it
def test_loaders_never_raise_and_keep_every_offset_inside_the_file(text, fmt, kind_hint):
    source = SourceText("f", text)
    document, findings = parse_source(source, fmt=fmt, kind_hint=kind_hint)
    for finding in findings:
        assert_inside(source, finding.start, finding.end)
    for span in document.spans:
        assert len(span.offsets) == len(span.text) + 1
        assert list(span.offsets) == sorted(span.offsets)
        assert_inside(source, span.offsets[0], span.offsets[-1])
    for section in document.sections:
        assert_inside(source, section.heading_start, section.heading_end)
        assert_inside(source, section.start, section.end)
    for start, end in [*document.nodes.values(), *document.key_nodes.values()]:
        assert_inside(source, start, end)
    assert snapshot(text, fmt, kind_hint) == snapshot(text, fmt, kind_hint)


@FAST
@given(text=documents, base=st.integers(0, 50), fmt=st.sampled_from(["markdown", "text"]))
def test_the_splitter_only_blanks_characters_and_keeps_them_in_place(text, base, fmt):
    sections, spans = split_body(text, base=base, fmt=fmt)
    for span in spans:
        assert len(span.offsets) == len(span.text) + 1
        for char, offset in zip(span.text, span.offsets):
            assert base <= offset < base + len(text)
            assert char in (" ", WORD_JOINER) or char == text[offset - base]  # masked, or as written
    starts = [section.start for section in sections]
    assert starts == sorted(starts)
    for section in sections:
        assert base <= section.heading_start <= section.heading_end <= base + len(text)
    assert split_body(text, base=base, fmt=fmt) == (sections, spans)


@FAST
@given(text=documents, fmt=st.sampled_from(["yaml", "markdown"]))
def test_suppression_comments_never_raise_and_stay_inside_the_file(text, fmt):
    source = SourceText("f", text)
    found = parse_suppressions(source, fmt)
    for suppression in found:
        assert_inside(source, suppression.start, suppression.end)
        assert 1 <= suppression.first_line <= suppression.last_line <= source.line_count + 1
    assert parse_suppressions(source, fmt) == found


CODES = st.sampled_from(["RL009", "RL101", "RL102", "RL201"])
suppression_lists = st.lists(
    st.builds(
        lambda codes, first, length: Suppression(tuple(codes), first, first + length, 0, 0),
        st.lists(st.sampled_from(["RL1", "RL10", "RL101", "RL2", "RL0", "RL009"]), max_size=2),
        st.integers(1, 30),
        st.integers(0, 10),
    ),
    max_size=12,
)


@FAST
@given(suppressions=suppression_lists, findings=st.lists(st.tuples(CODES, st.integers(1, 40)), max_size=30))
def test_suppression_matching_agrees_with_checking_every_pair(suppressions, findings):
    expected_used = [set() for _ in suppressions]
    expected = []
    for code, line in findings:
        covering = [i for i, s in enumerate(suppressions) if s.covers(code, line)]
        for i in covering:
            expected_used[i].add(code)
        expected.append(bool(covering))
    assert match_suppressions(suppressions, findings) == expected
    assert [s.used for s in suppressions] == expected_used
    count = covering_count(suppressions, "RL009")
    for line in range(0, 42):
        assert count(line) == sum(s.covers("RL009", line) for s in suppressions)


CONFIG_KEYS = [
    "include",
    "exclude",
    "kinds",
    "select",
    "ignore",
    "fail_on",
    "rules",
    "per_file_ignores",
    "rule_packs",
    "nlp",
    "max_file_size",
    "encoding_fallback",
    "cache_dir",
    "model",
    "RL101",
    "severity",
    "enabled",
    "options",
    "max",
    "role",
    "advert",
    "framework",
]
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(allow_nan=False),
        st.sampled_from(["error", "warning", "never", "RL1", "RL101", "**/*.md", "cp1252", "", "x"]),
        st.text(max_size=6),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(CONFIG_KEYS) | st.text(max_size=5), children, max_size=4),
    ),
    max_leaves=12,
)


def _config_outcome(text: str | bytes, name: str = ".rolelint.yaml"):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        try:
            config = load_config(path)
        except ConfigError as exc:
            return ("error", str(exc).replace(directory, "<dir>"))
        return ("ok", config.raw, config.select, config.fail_on, config.max_file_size)


@FAST
@given(data=st.dictionaries(st.sampled_from(CONFIG_KEYS), json_values, max_size=5))
def test_config_loading_gives_a_config_or_a_config_error(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    assert _config_outcome(text) == _config_outcome(text)


@FAST
@given(text=documents)
def test_config_loading_of_any_text_gives_a_config_or_a_config_error(text):
    assert _config_outcome(text) == _config_outcome(text)


@FAST
@given(text=st.text(max_size=80))
def test_pyproject_loading_of_any_text_gives_a_config_or_a_config_error(text):
    text = "[tool.rolelint]\n" + text
    assert _config_outcome(text, "pyproject.toml") == _config_outcome(text, "pyproject.toml")


DOCUMENT_KEYS = [
    "kind",
    "id",
    "title",
    "name",
    "framework",
    "role",
    "level",
    "levels",
    "skills",
    "salary",
    "min",
    "max",
    "responsibilities",
    "description",
    "body",
    "scale",
    "synonyms",
    "titel",
]
data = st.dictionaries(
    st.sampled_from(DOCUMENT_KEYS), json_values | st.sampled_from(["role", "advert", "framework"]), max_size=6
)
yaml_documents = data.map(lambda d: yaml.safe_dump(d, allow_unicode=True))
front_matter_documents = st.builds(
    lambda d, body: f"---\n{yaml.safe_dump(d, allow_unicode=True)}---\n{body}", data, documents
)
FILE_NAMES = ["roles/a.yaml", "adverts/b.md", "c.txt", "d.yaml", "adverts/e.markdown"]
file_contents = st.one_of(
    documents.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=60),
    yaml_documents.map(str.encode),
    front_matter_documents.map(lambda t: t.encode("utf-8", "surrogatepass")),
)
repos = st.dictionaries(st.sampled_from(FILE_NAMES), file_contents, min_size=1, max_size=3)


def _lint_generated_repo(files: dict[str, bytes], select: str | None) -> list[dict]:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / ".rolelint.yaml").write_text("kinds: {role: ['roles/**']}\n")
        for name, content in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(content)
        previous = Path.cwd()
        os.chdir(root)
        try:
            outputs = []
            for _ in range(2):
                args = ["check", "--format", "json", "--no-cache", *(["--select", select] if select else [])]
                result = CliRunner().invoke(cli, args)
                assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
                assert result.exit_code in (0, 1), result.output + result.stderr
                outputs.append(result.stdout)
        finally:
            os.chdir(previous)
        assert outputs[0] == outputs[1]  # deterministic
        payload = json.loads(outputs[0])
        for diagnostic in payload["diagnostics"]:
            path = root / diagnostic["path"]
            try:
                source = SourceText.from_bytes(str(path), path.read_bytes())
            except Exception:  # noqa: BLE001 - undecodable or unreadable: reported at 1:1 or at the bad byte
                continue
            for line, column in (
                (diagnostic["line"], diagnostic["column"]),
                (diagnostic["end_line"], diagnostic["end_column"]),
            ):
                assert 1 <= line <= source.line_count, diagnostic
                assert 1 <= column <= len(source.line_text(line)) + 1, diagnostic
        return payload["diagnostics"]


@CLI
@given(files=repos)
def test_the_cli_answers_every_generated_repo_deterministically_with_positions_inside(files):
    _lint_generated_repo(files, select="RL0")


@settings(CLI, max_examples=8)
@given(
    files=st.dictionaries(st.sampled_from(["adverts/b.md", "c.txt"]), documents.map(str.encode), min_size=1, max_size=2)
)
def test_every_rule_answers_generated_adverts_deterministically_with_positions_inside(files):
    _lint_generated_repo(files, select=None)
