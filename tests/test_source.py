"""Offsets to line and column: CRLF, lone CR, BOM, tabs and non-ASCII text."""

from __future__ import annotations

import pytest

from rolelint.source import DecodeError, SourceText


def test_lf_positions_are_one_based():
    source = SourceText("f", "ab\ncd")
    assert source.position(0) == (1, 1)
    assert source.position(3) == (2, 1)
    assert source.position(4) == (2, 2)


def test_crlf_counts_as_one_line_break():
    source = SourceText("f", "ab\r\ncd\r\nef")
    assert source.position(source.text.index("e")) == (3, 1)
    assert source.line_text(2) == "cd"


def test_lone_cr_breaks_a_line():
    source = SourceText("f", "ab\rcd")
    assert source.position(3) == (2, 1)


def test_bom_is_removed_and_columns_start_after_it():
    source = SourceText.from_bytes("f", "\ufeffkind: role".encode("utf-8"))
    assert source.had_bom
    assert source.text.startswith("kind")
    assert source.position(source.text.index("role")) == (1, 7)


def test_columns_count_characters_not_bytes():
    source = SourceText.from_bytes("f", "café — rockstar".encode())
    assert source.position(source.text.index("rockstar")) == (1, 8)


def test_tab_is_one_column():
    source = SourceText("f", "\tninja")
    assert source.position(1) == (1, 2)


def test_invalid_utf8_reports_byte_offset_and_position():
    with pytest.raises(DecodeError) as raised:
        SourceText.from_bytes("f", b"ok\nbad \xe9 here")
    assert raised.value.offset == 7
    assert (raised.value.line, raised.value.column) == (2, 5)
    assert "byte offset 7" in str(raised.value)


def test_fallback_encoding_decodes_legacy_text():
    source = SourceText.from_bytes("f", "café".encode("cp1252"), fallback_encoding="cp1252")
    assert source.text == "café"
