"""HTML read as an advert's text: headings, lists, definition lists and paragraphs as structure, one
file offset per character. Used by the HTML format and by JSON-LD (HTML inside a JSON string).

Read with the standard library's html.parser, which reports the line and column of every tag, text
run and character reference: each character of the text rules read keeps its offset in the HTML
source, entities included (`&amp;` is one character, found at its `&`). Script, style and other
non-text elements are left out; the text of `<script type="application/ld+json">` is kept aside.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Sequence

from rolelint.documents import Section, TextSpan
from rolelint.structure import (
    LIST_ITEM,
    SHORTCODE,
    SectionFinder,
    build_sections,
    categorize_heading,
    hides_content,
    item_heading,
    line_heading,
)

HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}
_PSEUDO_LEVEL = 7  # a bold line or a `<dt>`: below every `<h6>`
# Elements whose start or end ends a block of text.
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        *HEADING_LEVELS,
    }
)
# Elements whose content is not the advert's text.
_SKIPPED = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "svg",
        "math",
        "title",
        "iframe",
        "object",
        "textarea",
        "select",
        "canvas",
        "button",
    }
)
_BOLD = frozenset({"b", "strong"})
# Elements that have no end tag.
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _hidden(attrs) -> bool:
    """Whether a start tag's attributes hide its element: ``hidden``, or an inline style of
    ``display: none`` or ``visibility: hidden`` (structure.hides_content)."""
    return any(name == "hidden" for name, _ in attrs) or any(
        name == "style" and value and hides_content(f' style="{value}"') for name, value in attrs
    )


# Landmarks of a page around its main content: a sidebar, the navigation, a page's header and footer.
# A heading inside one does not sit under the heading of the body before it ("Key Facts" in a
# sidebar after "Requirements" is not a requirement).
_LANDMARKS = frozenset({"aside", "nav", "header", "footer"})
# Elements that give the blocks inside them their kind, nearest first.
_KINDS = {
    "li": "list_item",
    "dd": "list_item",
    "dt": "term",
    "td": "cell",
    "th": "header_cell",
    "caption": "cell",
    **{name: "heading" for name in HEADING_LEVELS},
}
_SELF_CLOSING = {
    "p": {"p"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr"},
    "td": {"td", "th"},
    "th": {"td", "th"},
}
_LOOK_BACK = 64  # how far up the open elements an end tag or a kind is looked for: bounded work per tag
_WHITESPACE = re.compile(r"[\s\u00a0]")
JSON_LD = "application/ld+json"


@dataclass
class _Block:
    kind: str  # flow | heading | list_item | term | cell | header_cell
    level: int
    chars: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    bold: list[bool] = field(default_factory=list)


@dataclass
class Script:
    """A JSON-LD script's text and the file offset of its first character."""

    text: str
    start: int


class _Reader(HTMLParser):
    """Text blocks with one file offset per character; no recursion, bounded work per tag."""

    def __init__(self, text: str, offsets: Sequence[int] | None):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.offsets = offsets  # text index -> file offset, for HTML inside a JSON string
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]  # html.parser counts "\n" only
        self.blocks: list[_Block] = []
        self.open: list[str] = []  # open block elements
        self.skipping: list[str] = []  # open skipped elements
        self.bold = 0
        self.current: _Block | None = None
        self.scripts: list[Script] = []
        self.in_json_ld = False
        self.landmarks: list[int] = []  # file offsets where a landmark element starts

    def index(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def file_offset(self, index: int) -> int:
        if self.offsets is None:
            return index
        return self.offsets[min(index, len(self.offsets) - 1)]

    # -- events --
    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "script" and any(k == "type" and (v or "").strip().lower() == JSON_LD for k, v in attrs):
            self.in_json_ld = True
        if self.skipping and tag == self.skipping[-1] and tag not in _VOID:
            self.skipping.append(tag)  # the same element nested in one skipped: its end tag is not the outer's
            return
        if tag in _SKIPPED or (tag not in _VOID and tag not in _SELF_CLOSING and _hidden(attrs)):
            # an element the page never shows (``hidden``, ``display: none``) is no reader's text; one
            # whose end tag may be left out (a <p> or <li>) is not skipped, lest the page after it be
            self.skipping.append(tag)
            return
        if tag in _BOLD:
            self.bold += 1
        elif tag == "br":
            self.add("\n", self.index())
        elif tag in _BLOCKS:
            self.flush()
            if tag in _LANDMARKS:
                self.landmarks.append(self.file_offset(self.index()))
            closes = _SELF_CLOSING.get(tag)
            if closes and self.open and self.open[-1] in closes:
                self.open.pop()
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self.add("\n", self.index())
        elif tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            if tag == "script":
                self.in_json_ld = False
            return
        if tag in _BOLD:
            self.bold = max(0, self.bold - 1)
        elif tag in _BLOCKS:
            self.flush()
            for depth in range(1, min(len(self.open), _LOOK_BACK) + 1):
                if self.open[-depth] == tag:
                    del self.open[-depth:]
                    break

    def handle_data(self, data: str) -> None:
        start = self.index()
        if self.skipping:
            if self.in_json_ld:
                self.scripts.append(Script(data, self.file_offset(start)))
            return
        if not data:
            return
        if "[" in data:  # a page builder's shortcodes, which the site renders: no reader's text
            data = SHORTCODE.sub(lambda m: " " * len(m.group()), data)
        for i, char in enumerate(data):
            self.add(" " if _WHITESPACE.match(char) else char, start + i)

    def handle_entityref(self, name: str) -> None:
        self.reference(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self.reference(f"&#{name}")

    def reference(self, written: str) -> None:
        if self.skipping:
            return
        start = self.index()
        end = start + len(written)
        if self.text.startswith(";", end):
            end += 1
        written_out = self.text[start:end]
        # No entity is longer than 33 characters; a longer run of digits is text (and would not fit an int).
        decoded = html.unescape(written_out) if len(written_out) <= 40 else written_out
        for char in decoded:
            self.add(" " if _WHITESPACE.match(char) else char, start)

    # -- blocks --
    def add(self, char: str, index: int) -> None:
        if self.skipping:
            return
        if self.current is None:
            if char.isspace():
                return
            kind, level = self.kind()
            self.current = _Block(kind, level)
        self.current.chars.append(char)
        self.current.offsets.append(self.file_offset(index))
        self.current.bold.append(self.bold > 0)

    def kind(self) -> tuple[str, int]:
        for depth in range(1, min(len(self.open), _LOOK_BACK) + 1):
            tag = self.open[-depth]
            if tag in _KINDS:
                return _KINDS[tag], HEADING_LEVELS.get(tag, _PSEUDO_LEVEL)
        return "flow", _PSEUDO_LEVEL

    def flush(self) -> None:
        block = self.current
        self.current = None
        if block is not None and "".join(block.chars).strip():
            self.blocks.append(block)


@dataclass
class HtmlText:
    """What an HTML text holds: its sections and spans (positions in the file), and its JSON-LD."""

    sections: list[Section]
    spans: list[TextSpan]
    scripts: list[Script]
    headings: list[tuple[int, str, int, int]]
    pieces: list[tuple[str, list[int], str]]


_OPENER = re.compile(r"<(?:(!--)|(!\[CDATA\[)|(script|style)(?=[\s/>])|[!?/A-Za-z])", re.IGNORECASE)


def readable_length(text: str) -> int:
    """How much of ``text`` to give html.parser: up to the first comment, tag, declaration or script
    that is never closed. Browsers read such a construct to the end of the file as markup, so no text
    is lost; html.parser instead searches the rest of the text again from every later `<`, which
    takes hours on a file of a million `<!--`. One forward pass, jumping past each closed construct."""
    closers = {"comment": "-->", "cdata": "]]>"}
    position = 0
    while True:
        opener = _OPENER.search(text, position)
        if opener is None:
            return len(text)
        if opener.group(1):
            closer = text.find(closers["comment"], opener.end())
        elif opener.group(2):
            closer = text.find(closers["cdata"], opener.end())
        elif opener.group(3):
            tag_end = text.find(">", opener.end())
            closer = -1 if tag_end < 0 else _find_ci(text, "</" + opener.group(3).lower(), tag_end)
        else:
            closer = text.find(">", opener.end())
        if closer < 0:
            return opener.start()
        position = closer + 1


def _find_ci(text: str, needle: str, start: int) -> int:
    match = re.compile(re.escape(needle), re.IGNORECASE).search(text, start)
    return match.start() if match else -1


def read_html(text: str, offsets: Sequence[int] | None = None, *, end: int | None = None) -> HtmlText:
    """The text blocks of ``text`` (a page, or HTML in a JSON string whose characters sit at
    ``offsets`` in the file), as sections and spans."""
    reader = _Reader(text, offsets)
    reader.feed(text[: readable_length(text)])
    reader.close()
    reader.flush()
    headings: list[tuple[int, str, int, int]] = []
    pieces: list[tuple[str, list[int], str]] = []  # (text, offsets, block)
    for block in reader.blocks:
        for piece_text, piece_offsets, piece_block, level in _pieces(block):
            if piece_block == "heading":
                lead = len(piece_text) - len(piece_text.lstrip())
                stripped = piece_text.strip()
                headings.append(
                    (
                        level,
                        stripped.rstrip(":").rstrip(),
                        piece_offsets[lead],
                        piece_offsets[lead + len(stripped) - 1] + 1,
                    )
                )
            pieces.append((piece_text, piece_offsets, piece_block))
    file_end = (offsets[-1] if offsets else len(text)) if end is None else end
    sections = build_sections(headings, file_end, breaks=reader.landmarks)
    finder = SectionFinder(sections)
    spans = [
        finder.span(piece_text, (*piece_offsets, piece_offsets[-1] + 1), block)
        for piece_text, piece_offsets, block in pieces
    ]
    return HtmlText(sections, spans, reader.scripts, headings, pieces)


def _pieces(block: _Block):
    """A block as (text, offsets, block type, heading level) pieces: a heading, a list item or a table
    cell whole; any other block line by line (`<br>`), each line a heading, a list item or a paragraph,
    lines that continue a sentence joined to it."""
    text = "".join(block.chars)
    if block.kind in ("heading", "term"):
        yield text.replace("\n", " "), block.offsets, "heading", block.level
        return
    if block.kind in ("cell", "header_cell") and _labels_a_section(text, block):
        # a table laid out as fields ("<th>Location</th><td>Leeds</td>"): the label heads its value
        yield text.replace("\n", " "), block.offsets, "heading", _PSEUDO_LEVEL
        return
    if block.kind == "list_item" and item_heading(
        text.replace("\n", " "), emphasised=all(flag for char, flag in zip(text, block.bold) if not char.isspace())
    ):
        # an item that is a heading ("<li><b>Nice to have:</b></li>"): the items after it are its section's
        yield text.replace("\n", " "), block.offsets, "heading", _PSEUDO_LEVEL
        return
    if block.kind in ("list_item", "cell", "header_cell"):
        yield text.replace("\n", " "), block.offsets, "list_item" if block.kind == "list_item" else "paragraph", 0
        return
    lines: list[tuple[int, int]] = []
    start = 0
    for index, char in enumerate(text):
        if char == "\n":
            lines.append((start, index))
            start = index + 1
    lines.append((start, len(text)))
    lines = [(a, b) for a, b in lines if text[a:b].strip()]
    paragraph: tuple[int, int] | None = None
    for a, b in lines:
        line = text[a:b]
        item = LIST_ITEM.match(line)
        bold = all(flag for char, flag in zip(line, block.bold[a:b]) if not char.isspace())
        heading = None if item else line_heading(line, "html", alone=True, emphasised=bold)
        if paragraph is not None and (item or heading or not _continues(text[paragraph[0] : paragraph[1]], line)):
            yield _piece(text, block, *paragraph, "paragraph")
            paragraph = None
        if item:
            masked = " " * item.end() + line[item.end() :]
            yield masked, block.offsets[a:b], "list_item", 0
        elif heading is not None:
            yield line, block.offsets[a:b], "heading", _PSEUDO_LEVEL
        elif paragraph is None:
            paragraph = (a, b)
        else:
            paragraph = (paragraph[0], b)
    if paragraph is not None:
        yield _piece(text, block, *paragraph, "paragraph")


def _labels_a_section(text: str, block: _Block) -> bool:
    """Whether a table cell is a field's label that names a section ("Location", "Annual Salary",
    "Apply at:"): a header cell, or a cell wholly in bold, of at most six words whose words name a
    known section (structure.categorize_heading). Other header cells (a column's "Grade") stay text."""
    words = text.split()
    if not words or len(words) > 6:
        return False
    if block.kind != "header_cell" and not all(flag for char, flag in zip(text, block.bold) if not char.isspace()):
        return False
    return categorize_heading(" ".join(words).rstrip(":")) != "other"


def _piece(text: str, block: _Block, start: int, end: int, kind: str):
    return text[start:end].replace("\n", " "), block.offsets[start:end], kind, 0


_ENDS_SENTENCE = re.compile(r"[.!?:;)\]]['\"”’]?\s*$")


def _continues(before: str, line: str) -> bool:
    """A line after a `<br>` that goes on with the sentence before it (it starts in lower case and the
    line before did not end one)."""
    first = line.lstrip()[:1]
    return bool(first) and first.islower() and not _ENDS_SENTENCE.search(before)
