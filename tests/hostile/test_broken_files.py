"""Broken files: each gets one clear finding at a valid position, and every other file is still linted.

Every test lints a repo holding the broken file and a witness file with a known finding (an unknown key
at 3:1); the witness must still be reported, and every position must lie inside its file.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import write
from tests.hostile.helpers import CONFIG, WITNESS, WITNESS_FINDING, WITNESS_PATH, assert_positions_inside, lint


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, ".rolelint.yaml", CONFIG)
    write(tmp_path, WITNESS_PATH, WITNESS)
    return tmp_path


def lint_with_witness(root: Path, *args: str, select: str | None = "RL0"):
    run = lint(root, *args, select=select)
    assert run.has(*WITNESS_FINDING), f"the witness file was not linted: {run.diagnostics}"
    assert_positions_inside(run, root)
    return run


# --- malformed YAML and front matter --------------------------------------------------------


def test_unclosed_quote_is_reported_where_it_opens_and_nothing_else(repo):
    write(repo, "roles/pm.yaml", 'kind: role\nid: pm\ntitle: "Product manager\nframework: pm\n')
    run = lint_with_witness(repo)
    assert run.at("roles/pm.yaml") == [(3, 8, "RL001")]
    assert "quoted value that starts here is never closed" in run.messages("roles/pm.yaml")[0]


def test_unclosed_bracket_names_the_line_it_opened_on(repo):
    write(repo, "roles/pm.yaml", "kind: role\ntitle: [Product, manager\nid: pm\n")
    run = lint_with_witness(repo)
    assert run.at("roles/pm.yaml") == [(3, 3, "RL001")]
    assert "`[` list opened on line 2 is not closed" in run.messages("roles/pm.yaml")[0]


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        ("kind: role\nid: [\n", (3, 1), "a `[` list or `{` mapping above is never closed"),
        ("kind: role\nid: [a,,b]\n", (2, 8), "a value is missing here, inside a `[` list or `{` mapping"),
        ("kind: role\nid: ,\n", (2, 5), "a value cannot start with this character; quote the value"),
    ],
)
def test_libyaml_s_missing_node_content_is_said_in_plain_words(repo, text, where, says):
    write(repo, "roles/pm.yaml", text)
    run = lint_with_witness(repo)
    assert run.at("roles/pm.yaml") == [(*where, "RL001")]
    assert says in run.messages("roles/pm.yaml")[0] and "node content" not in run.messages("roles/pm.yaml")[0]


def test_bad_indentation_says_to_check_the_indentation(repo):
    write(repo, "roles/pm.yaml", "kind: role\nid: pm\n  title: Product manager\n")
    run = lint_with_witness(repo)
    assert run.at("roles/pm.yaml") == [(3, 8, "RL001")]
    assert "indentation" in run.messages("roles/pm.yaml")[0]


def test_a_line_without_its_colon_is_reported_on_that_line(repo):
    write(repo, "roles/pm.yaml", "kind: role\nid pm\ntitle: Product manager\n")
    run = lint_with_witness(repo)
    assert run.at("roles/pm.yaml") == [(2, 1, "RL001")]
    assert "add the `:`" in run.messages("roles/pm.yaml")[0]


def test_tab_indentation_is_reported_at_the_tab(repo):
    write(repo, "roles/pm.yaml", "kind: role\nlevels:\n\t- level: one\n")
    run = lint_with_witness(repo)
    assert run.at("roles/pm.yaml") == [(3, 1, "RL001")]
    assert "spaces, not tabs" in run.messages("roles/pm.yaml")[0]


def test_duplicate_key_is_reported_at_the_second_key_naming_the_first(repo):
    write(repo, "roles/pm.yaml", "kind: role\nid: pm\ntitle: A\nid: pm2\nframework: pm\nlevels: [{level: one}]\n")
    run = lint_with_witness(repo)
    assert run.at("roles/pm.yaml") == [(4, 1, "RL007")]
    assert "first defined on line 2" in run.messages("roles/pm.yaml")[0]


def test_broken_front_matter_yaml_is_reported_in_file_lines(repo):
    write(repo, "adverts/pm.md", '---\nkind: advert\ntitle: "Product manager\n---\nWe are hiring.\n')
    run = lint_with_witness(repo)
    assert run.at("adverts/pm.md") == [(3, 8, "RL001")]


def test_front_matter_messages_name_file_lines_not_front_matter_lines(repo):
    # The `[` is on line 3 of the file (line 2 of the front matter), the first `title` on line 2.
    write(repo, "adverts/a.md", "---\nkind: advert\nskills: [a,\n  b\ntitle: x\n---\nWe are hiring.\n")
    write(repo, "adverts/b.md", "---\nkind: advert\ntitle: A\ntitle: B\n---\nWe are hiring.\n")
    run = lint_with_witness(repo)
    assert run.at("adverts/a.md") == [(5, 6, "RL001")]
    assert "`[` list opened on line 3 is not closed" in run.messages("adverts/a.md")[0]
    assert run.at("adverts/b.md") == [(4, 1, "RL007")]
    assert "first defined on line 3)" in run.messages("adverts/b.md")[0]


def test_wrong_types_are_reported_at_each_value(repo):
    write(repo, "roles/pm.yaml", "kind: role\nid: 5\ntitle: [a, b]\nframework: {x: 1}\nlevels: none\n")
    run = lint_with_witness(repo)
    assert sorted(run.at("roles/pm.yaml")) == [(2, 5, "RL010"), (3, 8, "RL010"), (4, 12, "RL010"), (5, 9, "RL010")]
    assert "`levels` must be a list, not text 'none'" in run.messages("roles/pm.yaml")


def test_a_top_level_list_is_reported(repo):
    write(repo, "roles/pm.yaml", "- kind: role\n- id: pm\n")
    run = lint_with_witness(repo)
    assert run.at("roles/pm.yaml") == [(1, 1, "RL003")]
    assert "found a list" in run.messages("roles/pm.yaml")[0]


# --- empty, bodiless, unfenced ---------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_yaml_is_reported_once(repo, content):
    write(repo, "roles/empty.yaml", content)
    run = lint_with_witness(repo)
    assert run.at("roles/empty.yaml") == [(1, 1, "RL003")]


@pytest.mark.parametrize("name", ["adverts/empty.md", "adverts/empty.txt"])
def test_empty_markdown_or_text_gets_only_the_empty_file_finding(repo, name):
    write(repo, name, "  \n\n")
    write(repo, "adverts/other.md", "# Job\n\nSalary: [Insert amount]\n")
    # All the per-document rules run (not only RL0): an empty file must not also be "missing a salary".
    run = lint_with_witness(repo, select="RL0,RL101,RL207,RL208,RL209")
    assert run.at(name) == [(1, 1, "RL003")]
    assert (3, 9, "RL101") in run.at("adverts/other.md")


def test_front_matter_with_no_body_is_reported_after_the_fence(repo):
    write(repo, "adverts/pm.md", "---\nkind: advert\ntitle: Product manager\n---\n")
    run = lint_with_witness(repo)
    assert run.at("adverts/pm.md") == [(4, 4, "RL003")]
    assert "no body" in run.messages("adverts/pm.md")[0]


def test_unclosed_front_matter_fence_is_reported_and_the_text_still_linted(repo):
    write(repo, "adverts/pm.md", "---\nkind: advert\ntitle: Product manager\n\nSalary: [Insert amount]\n")
    run = lint_with_witness(repo, select="RL0,RL101")
    assert run.at("adverts/pm.md") == [(1, 1, "RL001"), (5, 9, "RL101")]
    assert "never closed" in run.messages("adverts/pm.md")[0]


# --- bytes and encodings ---------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"%PDF-1.7\n" + bytes(range(256))])
def test_binary_file_is_reported_not_parsed(repo, content):
    write(repo, "adverts/logo.md", content)
    run = lint_with_witness(repo)
    assert run.at("adverts/logo.md") == [(1, 1, "RL004")]
    assert "binary" in run.messages("adverts/logo.md")[0]


def test_utf16_file_is_named_as_such(repo):
    write(repo, "adverts/pm.md", "# Product manager\n".encode("utf-16"))
    run = lint_with_witness(repo)
    assert run.at("adverts/pm.md") == [(1, 1, "RL004")]
    assert "UTF-16" in run.messages("adverts/pm.md")[0]


def test_invalid_utf8_gives_byte_offset_line_and_column(repo):
    write(repo, "adverts/pm.md", "# Café\n\nWe offer a caf".encode() + b"\xe9 and more.\n")
    run = lint_with_witness(repo)
    assert run.at("adverts/pm.md") == [(3, 15, "RL004")]
    [message] = run.messages("adverts/pm.md")
    assert "byte offset 23" in message and "0xe9" in message and "encoding_fallback" in message


def test_invalid_utf8_after_a_bom_counts_the_bom_bytes(repo):
    write(repo, "adverts/pm.md", b"\xef\xbb\xbfab\xff")
    run = lint_with_witness(repo)
    assert run.at("adverts/pm.md") == [(1, 3, "RL004")]
    assert "byte offset 5" in run.messages("adverts/pm.md")[0]


def test_encoding_fallback_reads_legacy_files_with_positions(repo):
    write(repo, ".rolelint.yaml", CONFIG + "encoding_fallback: cp1252\n")
    write(repo, "adverts/pm.md", "# Café\n\nCafé – [Insert amount]\n".encode("cp1252"))
    run = lint_with_witness(repo, select="RL0,RL101")
    assert run.at("adverts/pm.md") == [(3, 8, "RL101")]


def test_unknown_encoding_fallback_is_a_config_error(repo, capsys):
    from tests.hostile.helpers import run_main

    write(repo, ".rolelint.yaml", CONFIG + "encoding_fallback: klingon\n")
    code, _, err = run_main(["check", "--select", "RL0"], capsys, repo)
    assert code == 2
    assert ".rolelint.yaml" in err and "'klingon'" in err and "cp1252" in err


def test_bom_does_not_shift_columns(repo):
    write(
        repo, "roles/pm.yaml", "\ufeffkind: role\nid: pm\ntitel: PM\ntitle: PM\nframework: pm\nlevels: [{level: one}]\n"
    )
    write(repo, "adverts/pm.md", "\ufeffSalary: [Insert amount]\n")
    run = lint_with_witness(repo, select="RL0,RL101")
    assert run.at("roles/pm.yaml") == [(3, 1, "RL011")]
    assert run.at("adverts/pm.md") == [(1, 9, "RL101")]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_crlf_and_lone_cr_count_lines_as_editors_do(repo, newline):
    yaml_text = "kind: role\nid: pm\ntitle: PM\nframework: pm\nlevels: [{level: one}]\ntitel: x\n"
    write(repo, "roles/pm.yaml", yaml_text.replace("\n", newline).encode())
    write(repo, "adverts/pm.md", "# Job\n\nAbout\n\nSalary: [Insert amount]\n".replace("\n", newline).encode())
    run = lint_with_witness(repo, select="RL0,RL101")
    assert run.at("roles/pm.yaml") == [(6, 1, "RL011")]
    assert run.at("adverts/pm.md") == [(5, 9, "RL101")]


# --- size ------------------------------------------------------------------------------------


def test_a_very_long_line_is_linted_with_a_column_inside_it(repo):
    line = "We build services that people use. " * 32_000 + "Salary: [Insert amount]"  # 1.1 MB on one line
    write(repo, "adverts/pm.md", line + "\n")
    started = time.monotonic()
    run = lint_with_witness(repo, select="RL0,RL101")
    assert time.monotonic() - started < 30
    assert (1, len(line) - len("[Insert amount]") + 1, "RL101") in run.at("adverts/pm.md")


def test_a_file_over_max_file_size_is_skipped_with_a_finding(repo):
    write(repo, ".rolelint.yaml", CONFIG + "max_file_size: 1000\n")
    write(repo, "adverts/big.md", "We are hiring. " * 100)
    run = lint_with_witness(repo)
    assert run.at("adverts/big.md") == [(1, 1, "RL005")]
    assert "1,500 bytes, over the 1,000-byte limit" in run.messages("adverts/big.md")[0]


def test_the_default_size_limit_refuses_a_6_mb_file_quickly(repo):
    write(repo, "adverts/big.md", b"x" * 6_000_000)
    started = time.monotonic()
    run = lint_with_witness(repo)
    assert time.monotonic() - started < 10
    assert run.at("adverts/big.md") == [(1, 1, "RL005")]


# --- YAML that would eat the machine ---------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("kind: role\nx: " + "[" * 10_000 + "]" * 10_000 + "\n", (2, 103)),
        ("kind: role\n" + "".join("  " * i + f"k{i}:\n" for i in range(300)) + "  " * 300 + "v\n", (102, 201)),
    ],
    ids=["flow", "block"],
)
def test_deeply_nested_yaml_is_refused_at_the_depth_limit(repo, content, where):
    write(repo, "roles/deep.yaml", content)
    started = time.monotonic()
    run = lint_with_witness(repo)
    assert time.monotonic() - started < 10
    assert run.at("roles/deep.yaml") == [(*where, "RL008")]
    assert "nests more than 100 levels" in run.messages("roles/deep.yaml")[0]


def billion_laughs(levels: int = 9) -> str:
    lines = ["kind: role", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefghijk", "bcdefghijkl"[: levels - 1]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_in_bounded_time(repo):
    write(repo, "roles/bomb.yaml", billion_laughs())
    started = time.monotonic()
    run = lint_with_witness(repo)
    assert time.monotonic() - started < 10
    [(line, column, code)] = run.at("roles/bomb.yaml")
    assert code == "RL008" and line in range(2, 11) and column == 4
    assert "alias bomb" in run.messages("roles/bomb.yaml")[0]


def test_aliases_of_a_long_text_are_refused_by_the_text_they_would_make(repo):
    paragraph = "We want a product manager. " * 4_000  # 108 kB, 100 aliases: 10 MB of prose
    write(repo, "roles/bomb.yaml", f"kind: role\na: &a {paragraph}\nb: [" + ", ".join(["*a"] * 100) + "]\n")
    started = time.monotonic()
    run = lint_with_witness(repo)
    assert time.monotonic() - started < 10
    assert run.at("roles/bomb.yaml") == [(2, 4, "RL008")]
    assert "characters" in run.messages("roles/bomb.yaml")[0]


def test_an_anchor_that_contains_its_own_alias_is_refused(repo):
    write(repo, "roles/loop.yaml", "kind: role\na: &a [x, *a]\n")
    run = lint_with_witness(repo)
    assert run.at("roles/loop.yaml") == [(2, 4, "RL008")]
    assert "never ends" in run.messages("roles/loop.yaml")[0]


def test_a_document_with_too_many_values_is_refused(repo):
    write(repo, "roles/many.yaml", "kind: role\nx: [" + "1, " * 210_000 + "1]\n")
    started = time.monotonic()
    run = lint_with_witness(repo)
    assert time.monotonic() - started < 20
    # Reported at value 200,001: after the mapping, `kind`, `role`, `x` and the list, that is list item
    # 199,995 (from 0); each item "1, " is three characters, after "x: [" on line 2.
    assert run.at("roles/many.yaml") == [(2, 5 + 3 * 199_995, "RL008")]
    assert "more than 200,000 values" in run.messages("roles/many.yaml")[0]
