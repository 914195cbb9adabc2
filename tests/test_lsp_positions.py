"""LSP positions: lines break only at CRLF, CR and LF; characters count code units of the negotiated
encoding (UTF-16 by default); incremental edits land where the editor made them."""

from __future__ import annotations

import pytest

from rolelint.lsp.completion import slot_at
from rolelint.lsp.textdoc import UTF8, UTF16, UTF32, Lines, TextDocument, characters_in, code_units
from rolelint.source import SourceText

TEXT = "a😀b\r\nsecond\u2028still second\x0cand still\rthird é\nfourth"


@pytest.mark.parametrize("encoding, units", [(UTF16, 4), (UTF8, 6), (UTF32, 3)])
def test_code_units_of_an_astral_character(encoding, units):
    assert code_units("a😀b", encoding) == units
    assert characters_in("a😀b", units, encoding) == 3
    assert characters_in("a😀b", 1, encoding) == 1


def test_a_position_inside_a_character_counts_it_whole():
    assert characters_in("a😀b", 2, UTF16) == 2


def test_lines_break_as_the_lsp_and_rolelint_say():
    lines = Lines(TEXT)
    source = SourceText("x", TEXT)
    assert len(lines.starts) == source.line_count == 4
    for offset in range(len(TEXT) + 1):
        line, column = source.position(offset)
        at_line, units = lines.position(offset, UTF32)
        assert at_line == line - 1
        if offset <= lines.line_end(at_line):
            assert units == column - 1


def test_offsets_and_positions_round_trip_in_every_encoding():
    lines = Lines(TEXT)
    for encoding in (UTF8, UTF16, UTF32):
        for offset in range(len(TEXT) + 1):
            if offset > lines.line_end(lines.position(offset, UTF32)[0]):
                continue  # inside a CRLF: the end of its line
            assert lines.offset(*lines.position(offset, encoding), encoding) == offset


def test_positions_past_the_end_are_clamped():
    lines = Lines("ab\ncd")
    assert lines.offset(0, 99, UTF16) == 2
    assert lines.offset(9, 0, UTF16) == 5
    assert lines.position(99, UTF16) == (1, 2)


def test_incremental_edits_apply_at_utf16_positions():
    document = TextDocument("file:///x.md", "😀 rockstar\r\nline two\n", 1)
    document.edit((0, 3), (0, 11), "person", UTF16)
    assert document.text == "😀 person\r\nline two\n"
    document.edit((1, 0), (1, 4), "LINE", UTF16)
    assert document.text == "😀 person\r\nLINE two\n"
    document.edit((0, 9), (1, 0), " ", UTF16)  # joins the lines, over the CRLF
    assert document.text == "😀 person LINE two\n"
    document.edit(None, None, "new", UTF16)
    assert document.text == "new"


# --- where completion applies -------------------------------------------------------------------


def slot(text: str, line: int, column: int, *, markdown: bool = False):
    return slot_at(text, text.split("\n"), line, column, markdown=markdown)


ROLE = "kind: role\nframework: pm\nlevels:\n  - level: sen\n    skills:\n      disc\n      delivery: wor\n"


def test_a_role_s_level_skill_and_proficiency_slots():
    level = slot(ROLE, 3, 14)
    assert (level.what, level.start, level.end, level.framework) == ("level", 11, 14, "pm")
    skill = slot(ROLE, 5, 10)
    assert (skill.what, skill.key, skill.suffix, skill.start) == ("skill", True, ": ", 6)
    step = slot(ROLE, 6, 19)
    assert (step.what, step.start) == ("proficiency", 16)


def test_no_slot_inside_a_block_scalar_or_an_unrelated_key():
    text = "kind: role\ndescription: |\n  level: x\ntitle: Tes\n"
    assert slot(text, 2, 10) is None
    assert slot(text, 3, 10) is None


def test_markdown_slots_only_in_the_front_matter():
    text = "---\nkind: advert\nrole: pro\n---\nrole: pro\n"
    assert slot(text, 2, 9, markdown=True).what == "role"
    assert slot(text, 4, 9, markdown=True) is None


def test_a_key_already_followed_by_a_colon_gets_no_second_one():
    text = "kind: advert\nskills:\n  prod: working\n"
    found = slot(text, 2, 4)
    assert (found.what, found.suffix, found.start, found.end) == ("skill", "", 2, 6)


# --- where a config error is shown (no server needed) ---------------------------------------------


def test_a_config_error_is_placed_where_its_message_says_or_at_the_key_it_names(tmp_path):
    from rolelint import ConfigError, Linter
    from rolelint.lsp.projects import error_place

    config = tmp_path / ".rolelint.yaml"
    config.write_text("kinds:\n  advert: ['a/*.md']\nrules:\n  RL999: {severity: error}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Linter(config_path=config)
    line, column, message = error_place(str(caught.value), config.resolve(), config.read_text(encoding="utf-8"))
    assert (line, column) == (4, 3) and "RL999" in message and str(config) not in message

    config.write_text("kinds: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Linter(config_path=config)
    line, _, message = error_place(str(caught.value), config.resolve(), config.read_text(encoding="utf-8"))
    assert line >= 1 and "invalid YAML" in message


def test_a_pyproject_error_is_shown_at_its_rolelint_table(tmp_path):
    from rolelint import ConfigError, Linter
    from rolelint.lsp.projects import error_place

    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[project]\nname = 'x'\n\n[tool.rolelint]\nfail_onn = 'warning'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Linter(config_path=pyproject)
    line, column, message = error_place(str(caught.value), pyproject.resolve(), pyproject.read_text(encoding="utf-8"))
    assert (line, column) == (5, 1) and "fail_onn" in message


def test_each_problem_of_a_config_is_placed_at_its_own_key(tmp_path):
    from rolelint import ConfigError, Linter
    from rolelint.lsp.projects import error_places

    config = tmp_path / ".rolelint.yaml"
    config.write_text(
        "kinds:\n  advert: ['a/*.md']\nrules:\n  RL104: {severity: loud}\nmystery_key: 1\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        Linter(config_path=config)
    places = error_places(caught.value.problems, config.resolve(), config.read_text(encoding="utf-8"))
    assert sorted((line, column) for line, column, _ in places) == [(4, 3), (5, 1)]
    assert all(message.startswith(("unknown key", "`rules.RL104.severity`")) for _, _, message in places)
