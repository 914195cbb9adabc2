"""Loading files: kinds, front matter, positions through CRLF/BOM/unicode, and broken input."""

from __future__ import annotations

from pathlib import Path

from conftest import write

from rolelint.loaders import LoadOptions, document_from_string, load_file


def _load(path: Path, kind_hint=None, **options):
    return load_file(path, path.name, kind_hint=kind_hint, options=LoadOptions(**options))


def test_kind_key_wins(tmp_path):
    loaded = _load(write(tmp_path, "a.yaml", "kind: role\nid: pm\n"), kind_hint="framework")
    assert loaded.document.kind == "role"
    assert loaded.document.kind_source == "key"


def test_config_glob_gives_kind_when_no_key(tmp_path):
    loaded = _load(write(tmp_path, "a.yaml", "id: pm\n"), kind_hint="role")
    assert (loaded.document.kind, loaded.document.kind_source) == ("role", "config")


def test_markdown_without_metadata_is_an_advert_draft(tmp_path):
    loaded = _load(write(tmp_path, "draft.md", "# Product manager\n\nWe are hiring.\n"))
    assert loaded.document.kind == "advert"
    assert loaded.document.kind_source == "default"
    assert loaded.findings == []


def test_plain_text_is_an_advert_draft(tmp_path):
    loaded = _load(write(tmp_path, "draft.txt", "We are hiring a ninja.\n"))
    assert loaded.document.kind == "advert"
    assert loaded.document.format == "text"


def test_yaml_without_kind_or_glob_has_no_kind(tmp_path):
    assert _load(write(tmp_path, "a.yaml", "id: pm\n")).document.kind is None


def test_front_matter_fields_and_body_positions(tmp_path):
    text = "---\nkind: advert\ntitle: Senior PM\n---\n# Senior PM\n\nWe want a ninja.\n"
    document = _load(write(tmp_path, "a.md", text)).document
    assert document.data["title"] == "Senior PM"
    span = next(s for s in document.spans if "ninja" in s.text)
    index = span.text.index("ninja")
    start, _ = span.file_range(index, index + 5)
    assert document.source.position(start) == (7, 11)


def test_positions_survive_crlf_and_bom(tmp_path):
    text = "\ufeff---\r\nkind: advert\r\n---\r\n# Título\r\n\r\nSé un ninja.\r\n"
    document = _load(write(tmp_path, "a.md", text.encode("utf-8"))).document
    span = next(s for s in document.spans if "ninja" in s.text)
    index = span.text.index("ninja")
    start, _ = span.file_range(index, index + 5)
    assert document.source.position(start) == (6, 7)


def test_unclosed_front_matter_is_reported(tmp_path):
    findings = _load(write(tmp_path, "a.md", "---\ntitle: x\n\nBody\n")).findings
    assert [f.code for f in findings] == ["RL001"]
    assert "never closed" in findings[0].message


def test_front_matter_without_body_is_reported(tmp_path):
    findings = _load(write(tmp_path, "a.md", "---\ntitle: x\n---\n")).findings
    assert [f.code for f in findings] == ["RL003"]


def test_empty_yaml_is_reported(tmp_path):
    assert [f.code for f in _load(write(tmp_path, "a.yaml", "")).findings] == ["RL003"]


def test_binary_file_is_reported_not_parsed(tmp_path):
    loaded = _load(write(tmp_path, "a.md", b"\x89PNG\x00\x00binary"))
    assert loaded.document is None
    assert [f.code for f in loaded.findings] == ["RL004"]


def test_invalid_utf8_gives_line_and_column(tmp_path):
    loaded = _load(write(tmp_path, "a.md", b"line one\nbad \xff\n"))
    assert [f.code for f in loaded.findings] == ["RL004"]
    assert loaded.findings[0].context == "2:5"


def test_file_over_the_size_limit_is_skipped(tmp_path):
    loaded = _load(write(tmp_path, "a.md", "x" * 200), max_file_size=100)
    assert loaded.document is None
    assert [f.code for f in loaded.findings] == ["RL005"]


def test_yaml_advert_body_is_split_into_sections(tmp_path):
    text = "kind: advert\ntitle: PM\nbody: |\n  ## What you'll do\n  - Run sprints\n"
    document = _load(write(tmp_path, "a.yaml", text)).document
    assert [s.category for s in document.sections] == ["responsibilities"]
    span = next(s for s in document.spans if "sprints" in s.text)
    assert span.field == "body" and span.section == "responsibilities"
    index = span.text.index("sprints")
    start, _ = span.file_range(index, index + 7)
    assert text[start : start + 7] == "sprints"


def test_document_from_string_with_a_section():
    document = document_from_string("Free fruit", section="benefits")
    assert [(s.text, s.section) for s in document.spans] == [("Free fruit", "benefits")]


def test_document_from_string_parses_markdown():
    document = document_from_string("## Benefits\n\nFree fruit\n")
    assert document.kind == "advert"
    assert document.spans[-1].section == "benefits"


def test_markdown_list_inside_a_plain_yaml_scalar_is_split_into_items(tmp_path):
    text = "---\nkind: advert\nduties:\n  - Lead the team \n    - Run planning every week\n    - Review the roadmap\n---\nBody.\n"
    document = _load(write(tmp_path, "a.md", text)).document
    items = [(s.text.strip(), s.field) for s in document.spans if s.field == "duties[0]"]
    assert items == [
        ("Lead the team", "duties[0]"),
        ("Run planning every week", "duties[0]"),
        ("Review the roadmap", "duties[0]"),
    ]
    run = next(s for s in document.spans if "Run planning" in s.text)
    index = run.text.index("Run")
    assert document.source.position(run.file_offset(index)) == (5, 7)


def test_liquid_comment_with_a_ruler_in_its_tag_is_not_prose(tmp_path):
    text = (
        "Real text.\n\n{% comment ------------- %}\nInstructions for editors TBC\n{% endcomment ------ %}\n\n"
        "More text.\n\n{% comment %}x{% endcomment %}\n"
    )
    document = _load(write(tmp_path, "a.md", text)).document
    assert [s.text.strip() for s in document.spans] == ["Real text.", "More text."]
