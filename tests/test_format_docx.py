"""Word documents: paragraphs as lines, styles as structure, zip bombs refused, --fix refused."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import write

from rolelint.config import load_config
from rolelint.engine import Selection, check
from rolelint.formats import Unreadable, format_for
from rolelint.formats.docx import MAX_MEMBERS, decode_docx
from rolelint.loaders import LoadOptions, load_file


def _word(path: Path) -> Path:
    word = docx.Document()
    word.add_heading("Data analyst", level=1)  # line 1
    word.add_paragraph("We want a data rockstar to join us.")  # line 2
    word.add_paragraph("")  # line 3
    word.add_heading("Requirements", level=2)  # line 4
    word.add_paragraph("SQL", style="List Bullet")  # line 5
    word.add_paragraph("Python is a plus", style="List Bullet")  # line 6
    bold = word.add_paragraph()  # line 7
    bold.add_run("Benefits").bold = True
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Salary"  # line 8
    table.rows[0].cells[1].text = "£40,000 a year in java script"  # line 9
    word.save(str(path))
    return path


def _load(path: Path):
    return load_file(path, path.name, kind_hint=None, options=LoadOptions())


def test_docx_files_are_read_as_word_documents():
    fmt = format_for("advert.DOCX")
    assert fmt.name == "docx" and fmt.fixable is False and fmt.suppressions == "none"


def test_a_position_is_the_paragraph_and_the_character_in_it(tmp_path):
    loaded = _load(_word(tmp_path / "a.docx"))
    document = loaded.document
    assert loaded.findings == []
    assert document.source.text.split("\n")[1] == "We want a data rockstar to join us."
    span = next(s for s in document.spans if "rockstar" in s.text)
    assert document.source.position(span.file_offset(span.text.index("rockstar"))) == (2, 16)


def test_styles_are_structure(tmp_path):
    document = _load(_word(tmp_path / "a.docx")).document
    assert [(s.heading, s.category) for s in document.sections] == [
        ("Data analyst", "other"),
        ("Requirements", "essential"),
        ("Benefits", "benefits"),
    ]
    blocks = [(s.block, s.section, s.text.strip()) for s in document.spans]
    assert ("list_item", "essential", "SQL") in blocks
    assert ("list_item", "desirable", "Python is a plus") in blocks


def _run(root: Path, codes: tuple[str, ...]):
    write(root, ".rolelint.yaml", "include: ['**/*.docx']\n")
    return check([root], load_config(cwd=root), selection=Selection(select=codes), cwd=root)


def test_findings_in_a_word_document_point_at_paragraph_and_character(tmp_path):
    _word(tmp_path / "a.docx")
    result = _run(tmp_path, ("RL104", "RL126", "RL208"))
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("RL104", 2, 16), ("RL126", 9, 19)]


def test_fix_leaves_a_docx_with_a_clear_note(tmp_path):
    from click.testing import CliRunner

    from rolelint.cli import cli

    path = _word(tmp_path / "a.docx")
    write(tmp_path, ".rolelint.yaml", "include: ['**/*.docx']\n")
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["check", "--fix", "--select", "RL126", "--no-cache", str(path)])
    assert "a.docx: note: fixes are not written back into docx files; edit the text by hand" in result.output
    # the finding stays (exit 1, not the usage error's 2), the file is untouched, nothing is offered as fixable
    assert result.exit_code == 1 and path.read_bytes() == before
    assert "fixable with --fix" not in result.output
    diff = CliRunner().invoke(cli, ["check", "--diff", "--select", "RL126", "--no-cache", str(path)])
    assert "fixes are not written back into docx files" in diff.output and path.read_bytes() == before
    listing = CliRunner().invoke(cli, ["check", "--format", "json", "--select", "RL126", "--no-cache", str(path)])
    payload = json.loads(listing.output)
    assert payload["diagnostics"] and not any(d["fixable"] for d in payload["diagnostics"])
    assert payload["summary"]["fixable"] == 0


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _refused(data: bytes) -> str:
    with pytest.raises(Unreadable) as caught:
        decode_docx(data, "a.docx", None)
    return f"{caught.value.finding.code} {caught.value.finding.message}"


def test_a_zip_bomb_is_refused_before_it_is_decompressed():
    bomb = _zip({"word/document.xml": b"<w:document/>", "word/media/x.bin": b"\0" * 60_000_000})
    assert len(bomb) < 200_000
    message = _refused(bomb)
    assert message.startswith("RL004") and "zip bomb" in message and "word/media/x.bin" in message


def test_huge_document_xml_is_refused():
    import os

    assert _refused(_zip({"word/document.xml": os.urandom(17_000_000)})).startswith("RL005")


def test_too_many_members_are_refused():
    assert "files, more than" in _refused(_zip({f"f{i}": b"" for i in range(MAX_MEMBERS + 1)}))


@pytest.mark.parametrize(
    "data, words",
    [
        (b"not a zip at all", "not a Word document"),
        (_zip({"hello.txt": b"hi"}), "no word/document.xml"),
        (_zip({"word/document.xml": b"<not xml"}), "cannot read"),
    ],
)
def test_a_damaged_file_is_a_clear_finding_not_a_traceback(data, words):
    assert words in _refused(data)


def test_an_unreadable_docx_in_a_run_is_rl004(tmp_path):
    write(tmp_path, "a.docx", b"PK\x03\x04 broken")
    assert [d.code for d in _run(tmp_path, ("RL004",)).diagnostics] == ["RL004"]


def test_missing_sections_are_checked_in_word_documents_too(tmp_path):
    _word(tmp_path / "a.docx")
    [finding] = _run(tmp_path, ("RL209",)).diagnostics
    assert (finding.line, finding.column) == (1, 1)
    assert "responsibilities" in finding.message and "requirements" not in finding.message
    assert finding.full_message.endswith("(about the whole advert; shown where its text starts)")
