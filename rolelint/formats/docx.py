"""Word documents (.docx): an advert as drafted in a word processor, read with python-docx.

The text rules read is the document's paragraphs, one line each (a manual line break inside a
paragraph starts a new line, as Word shows it), table cells in reading order: a finding's line is
the paragraph and its column the character within it (docs/formats.md). Heading styles, list
paragraphs and wholly bold lines are the structure. The zip is checked before anything is
decompressed: too many members, a member or a total that would expand past a bound, or a member
that expands more than a zip of text ever does (a zip bomb), is refused with RL004 or RL005.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from rolelint.diagnostics import Finding
from rolelint.documents import Document
from rolelint.formats.base import Format, Unreadable
from rolelint.source import SourceText
from rolelint.structure import LIST_ITEM, PSEUDO_LEVEL, SectionFinder, build_sections, item_heading, line_heading

MAX_MEMBERS = 2_000
MAX_EXPANDED_TOTAL = 64_000_000  # bytes, all members together
MAX_DOCUMENT_XML = 16_000_000  # bytes, word/document.xml
MAX_RATIO = 200  # expanded / compressed, for members over RATIO_FLOOR; text XML compresses 5-20 times
RATIO_FLOOR = 1_000_000
_HEADING_STYLE = re.compile(r"^(?:heading\s*(\d)|title)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"\blist\b", re.IGNORECASE)


@dataclass
class DocxText(SourceText):
    """The document's text, one paragraph a line, with each line's style: `heading:N`, `item`, `bold`
    or empty."""

    line_styles: tuple[str, ...] = ()


def _refuse(code: str, message: str) -> Unreadable:
    return Unreadable(Finding(code, message, 0, 0))


def check_zip(archive: zipfile.ZipFile) -> None:
    """Refuse a zip that would expand past the bounds, before anything is decompressed. The sizes are
    the ones the zip declares; zipfile never returns more than a member's declared size."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _refuse(
            "RL004",
            f"the .docx holds {len(members):,} files, more than the {MAX_MEMBERS:,} a Word "
            "document plausibly has; not read",
        )
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise _refuse(
                "RL004",
                f"`{member.filename}` in the .docx would expand {member.file_size:,} bytes from "
                f"{member.compress_size:,} (over {MAX_RATIO} times): a zip bomb, not a Word document; "
                "not read",
            )
        if member.filename == "word/document.xml" and member.file_size > MAX_DOCUMENT_XML:
            raise _refuse(
                "RL005",
                f"the .docx text (word/document.xml) is {member.file_size:,} bytes, over the "
                f"{MAX_DOCUMENT_XML:,}-byte limit; not linted",
            )
    if total > MAX_EXPANDED_TOTAL:
        raise _refuse(
            "RL005", f"the .docx expands to {total:,} bytes, over the {MAX_EXPANDED_TOTAL:,}-byte limit; not linted"
        )


def decode_docx(data: bytes, display: str, fallback_encoding: str | None) -> DocxText:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse("RL004", f"not a Word document (.docx is a zip file; this is not one: {exc})") from None
    with archive:
        check_zip(archive)
        if "word/document.xml" not in archive.namelist():
            raise _refuse("RL004", "not a Word document: the zip has no word/document.xml")
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise _refuse("RL004", "reading .docx needs python-docx (pip install python-docx)") from None
    try:
        word = docx.Document(io.BytesIO(data))
        lines, styles = _lines(word)
    except Exception as exc:  # python-docx and lxml raise many kinds for a damaged file
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise _refuse("RL004", f"cannot read the Word document: {reason}") from None
    return DocxText(display, "\n".join(lines), line_styles=tuple(styles))


def _paragraphs(word):
    """Body paragraphs and table cells' paragraphs, in reading order (nested tables included)."""
    from docx.table import Table

    stack = [iter(word.iter_inner_content())]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        if isinstance(item, Table):
            if len(stack) > 20:  # tables nested this deep are not an advert's
                continue
            cells = (cell for row in item.rows for cell in row.cells)
            stack.append(inner for cell in _unique(cells) for inner in cell.iter_inner_content())
        else:
            yield item


def _unique(cells):
    seen: set[int] = set()
    for cell in cells:  # a merged cell is returned once per grid position it spans
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            yield cell


def _style(paragraph) -> str:
    name = paragraph.style.name if paragraph.style is not None else ""
    heading = _HEADING_STYLE.match(name or "")
    if heading:
        return f"heading:{heading.group(1) or 1}"
    p_pr = paragraph._p.pPr
    if _LIST_STYLE.search(name or "") or (p_pr is not None and p_pr.numPr is not None):
        return "item"
    runs = [run for run in paragraph.runs if run.text.strip()]
    if runs and all(run.bold or (run.style is not None and run.style.font.bold) for run in runs):
        return "bold"
    return ""


def _lines(word) -> tuple[list[str], list[str]]:
    lines: list[str] = []
    styles: list[str] = []
    for paragraph in _paragraphs(word):
        style = _style(paragraph)
        for number, line in enumerate(re.split(r"\r\n|\r|\n", paragraph.text.replace("\t", " "))):
            lines.append(line)
            styles.append(style if number == 0 or style != "item" else "")
    return lines, styles


def parse_docx(source: SourceText, kind_hint: str | None) -> tuple[Document, list[Finding]]:
    document = Document(
        source=source,
        kind=kind_hint or "advert",
        format="docx",
        kind_source="config" if kind_hint else "default",
        body_start=0,
    )
    styles = getattr(source, "line_styles", ())
    starts = [0]
    text = source.text
    lines = text.split("\n")
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    headings: list[tuple[int, str, int, int]] = []
    pieces: list[tuple[str, range, str]] = []
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        style = styles[number] if number < len(styles) else ""
        start = starts[number]
        lead = len(line) - len(line.lstrip())
        stripped = line.strip()
        offsets = range(start, start + len(line) + 1)
        alone = (
            number + 1 >= len(lines)
            or not lines[number + 1].strip()
            or (number + 1 < len(styles) and styles[number + 1] == "item")
        )
        if style.startswith("heading:"):
            headings.append((int(style.split(":")[1]), stripped, start + lead, start + lead + len(stripped)))
            pieces.append((line, offsets, "heading"))
        elif (bullet := LIST_ITEM.match(line)) and (
            heading := item_heading(line[bullet.end() :], emphasised=style == "bold")
        ) is not None:
            # a heading typed as an item ("• Nice to have:" in bold)
            headings.append((PSEUDO_LEVEL, heading, start + lead, start + lead + len(stripped)))
            pieces.append((line, offsets, "heading"))
        elif style == "item" or LIST_ITEM.match(line):
            bullet = LIST_ITEM.match(line)
            masked = " " * bullet.end() + line[bullet.end() :] if bullet else line
            pieces.append((masked, offsets, "list_item"))
        elif (heading := line_heading(line, "docx", alone=alone, emphasised=style == "bold")) is not None:
            headings.append((PSEUDO_LEVEL, heading, start + lead, start + lead + len(stripped)))
            pieces.append((line, offsets, "heading"))
        else:
            pieces.append((line, offsets, "paragraph"))
    document.sections = build_sections(headings, len(text))
    finder = SectionFinder(document.sections)
    document.spans = [finder.span(piece, offsets, block) for piece, offsets, block in pieces]
    findings: list[Finding] = []
    if not document.spans:
        findings.append(Finding("RL003", "the Word document has no text to lint", 0, 0))
        document.kind = None
    return document, findings


DOCX = Format(
    name="docx",
    suffixes=(".docx",),
    parse=parse_docx,
    suppressions="none",
    description="Word (.docx): an advert draft; line = paragraph, column = character",
    default_globs=("**/*.docx",),
    fixable=False,
    decode=decode_docx,
)
