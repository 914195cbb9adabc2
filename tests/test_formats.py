"""The format seam: one table of input formats that loaders, fixes, suppressions and schemas read."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolelint.config import DEFAULT_INCLUDE
from rolelint.formats import FALLBACK, FORMATS, default_include, format_for
from rolelint.loaders import LoadOptions, load_file
from rolelint.resources import load_schema


@pytest.mark.parametrize(
    "name, expected",
    [
        ("roles/pm.yaml", "yaml"),
        ("a.YML", "yaml"),
        ("advert.md", "markdown"),
        ("draft.markdown", "markdown"),
        ("notes.txt", "text"),
        ("README", "text"),
        ("advert.unknown", "text"),
    ],
)
def test_a_file_is_read_as_the_format_its_suffix_names(name, expected):
    assert format_for(name).name == expected


def test_any_other_suffix_falls_back_to_plain_text():
    assert format_for("x.weird") is FALLBACK


def test_every_suffix_belongs_to_one_format():
    suffixes = [suffix for fmt in FORMATS.values() for suffix in fmt.suffixes]
    assert len(suffixes) == len(set(suffixes))


def test_the_default_include_is_every_formats_globs():
    assert DEFAULT_INCLUDE == default_include()
    for fmt in FORMATS.values():
        assert set(fmt.default_globs) <= set(DEFAULT_INCLUDE)


def test_the_rule_schema_accepts_exactly_the_format_names():
    found = [
        node["properties"]["formats"]["items"]["enum"]
        for node in _nodes(load_schema("rule"))
        if isinstance(node.get("properties", {}).get("formats"), dict)
    ]
    assert found and all(names == list(FORMATS) for names in found)


def _nodes(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def test_a_loaded_document_records_its_format(tmp_path: Path):
    for name, text in (
        ("a.md", "# Title\n\nSome text.\n"),
        ("a.txt", "Title\n\nSome text.\n"),
        ("a.yaml", "kind: advert\ntitle: T\nbody: Some text.\n"),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        loaded = load_file(path, name, kind_hint=None, options=LoadOptions())
        assert loaded.document is not None and loaded.document.format == format_for(name).name


def test_undecodable_bytes_are_a_finding_of_the_format_not_an_exception(tmp_path: Path):
    path = tmp_path / "a.md"
    path.write_bytes(b"\x00\x01binary")
    loaded = load_file(path, "a.md", kind_hint=None, options=LoadOptions())
    assert loaded.document is None and [f.code for f in loaded.findings] == ["RL004"]
