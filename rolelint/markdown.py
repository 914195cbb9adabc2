"""Split a Markdown or plain-text body into headed sections and prose blocks (which lines are headings,
and what they are about, is rolelint.structure's, shared with the other formats).

Markup is masked to spaces rather than removed, so that every character of a block's text sits at
a known file offset and a rule's match maps straight back to line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Sequence

from rolelint.documents import Section, TextSpan
from rolelint.structure import LIST_ITEM as _LIST_ITEM
from rolelint.structure import (
    PSEUDO_LEVEL,
    SECTION_KEYWORDS,
    SHORTCODE,
    SectionFinder,
    build_sections,
    categorize_heading,
    hides_content,
    line_heading,
    run_in_heading,
    unmarked_list,
)
from rolelint.textfold import WORD_JOINER

_ATX_OPEN = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_THEMATIC = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")

# Inline markup to mask. Each pattern's groups name the parts that become spaces.
# Every pattern here runs in linear time on any input: a bracketed part may not contain its own
# brackets, so a line of ten thousand `[` is not rescanned ten thousand times; comments, Liquid
# tags and code spans, whose bodies may hold anything, are found by scanning (see _delimited).
# `{% comment %}` … `{% endcomment %}`, also written with a ruler inside the tags: `{% comment ------ %}`.
_LIQUID_COMMENT_OPEN = re.compile(r"\{%-?\s*comment\b[^%}\n]*-?%\}")
_LIQUID_COMMENT_CLOSE = re.compile(r"\{%-?\s*endcomment\b[^%}\n]*-?%\}")
_BACKTICKS = re.compile(r"`+")
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_LINK = re.compile(r"(\[)[^\[\]\n]*(\]\([^()\n]*\))")
_REF_LINK = re.compile(r"(\[)[^\[\]\n]+(\]\[[^\[\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>")
_HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
# The elements of HTML (and SVG/MathML roots): a tag of another name ("<Name>", "<insert salary>",
# "<recruiter name>") is text a writer left to be filled in, shown as written, not markup. A custom
# element's name holds a hyphen ("<my-widget>") and is markup.
HTML_ELEMENTS = frozenset(
    """a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body br button
    canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em
    embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup
    hr html i iframe img input ins kbd label legend li link main map mark marquee math menu meta meter nav
    nobr noframes noscript object ol optgroup option output p param picture plaintext pre progress q rb rp
    rt rtc ruby s samp script search section select slot small source span strike strong style sub summary
    sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr
    xmp""".split()
)
_EMPHASIS = re.compile(r"\*{1,3}|(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|<>~])")

# Characters that start some inline markup; a block without any has nothing to mask.
_MARKUP_START = re.compile(r"[<{`\[*_\\]")


@dataclass
class _Line:
    start: int  # index into the body text
    end: int  # excluding the line break
    text: str


def _lines(text: str) -> list[_Line]:
    lines = []
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if match.start() == len(text) and match.group() == "":
            break
        raw = match.group()
        content = raw.rstrip("\r\n")
        lines.append(_Line(match.start(), match.start() + len(content), content))
    return lines


def mask_inline(text: str) -> str:
    """Replace Markdown/HTML/Liquid markup with spaces of the same length."""
    if not _MARKUP_START.search(text):
        return text
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "

    for start, end in _comments(text):
        blank(start, end)
    for start, end in _delimited(text, "{%", "%}"):
        blank(start, end)
    for start, end in code_spans(text):
        blank(start, end)
    for pattern in (_IMAGE, _AUTOLINK, SHORTCODE):
        for m in pattern.finditer(text):
            blank(m.start(), m.end())
    for m in _HTML_TAG.finditer(text):
        name = m.group(1).lower()
        if name in HTML_ELEMENTS or "-" in name:
            blank(m.start(), m.end())
            if not m.group().startswith("</") and hides_content(m.group()):
                # an element the page never shows ("<small hidden>"): its text is no reader's
                close = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE).search(text, m.end())
                if close is not None:
                    blank(m.end(), close.end())
    masked = "".join(chars)
    for pattern in (_LINK, _REF_LINK):
        for m in pattern.finditer(masked):
            blank(m.start(1), m.end(1))
            blank(m.start(2), m.end(2))
    masked = "".join(chars)
    for pattern in (_EMPHASIS, _ESCAPE):
        for m in pattern.finditer(masked):
            start, end = m.start(), (m.end() if m.end() > m.start() else m.start() + 1)
            if (
                pattern is _EMPHASIS
                and 0 < start
                and end < len(masked)
                and masked[start - 1].isalnum()
                and masked[end].isalnum()
            ):
                # emphasis inside a word ("rock**star**"): a word joiner, which the text folding
                # removes (rolelint.textfold), so the word is not read as two
                chars[start:end] = [WORD_JOINER] * (end - start)
            else:
                blank(start, end)
    return "".join(chars)


def _delimited(text: str, opener: str, closer: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each ``opener`` ... ``closer`` in ``text``, shortest first, left to right.

    A regex such as ``<!--.*?-->`` rescans to the end of the text from every unclosed opener, which
    is quadratic on a file of ten thousand ``<!--``; once one opener has no closer after it, no later
    opener has one either, so this stops there.
    """
    position = 0
    while True:
        start = text.find(opener, position)
        if start < 0:
            return
        end = text.find(closer, start + len(opener))
        if end < 0:
            return
        position = end + len(closer)
        yield start, position


def _comments(text: str) -> Iterator[tuple[int, int]]:
    """HTML comments and Liquid ``{% comment %}`` blocks, each found in one pass."""
    yield from _delimited(text, "<!--", "-->")
    position = 0
    while True:
        opening = _LIQUID_COMMENT_OPEN.search(text, position)
        if opening is None:
            return
        closing = _LIQUID_COMMENT_CLOSE.search(text, opening.end())
        if closing is None:
            return
        position = closing.end()
        yield opening.start(), position


def _apostrophe(text: str, start: int, end: int) -> bool:
    """A single backtick between two letters ("the company`s", "we`re") is typed for an apostrophe,
    not a code span's delimiter: read as one, it would hide the text up to the next such word,
    full stops included."""
    return end - start == 1 and 0 < start and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()


def code_spans(text: str) -> Iterator[tuple[int, int]]:
    """Code spans: a run of backticks up to the next run of the same length (CommonMark), in linear
    time; an opening run with no closing run is literal text, and so is a backtick typed for an
    apostrophe (see ``_apostrophe``)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text) if not _apostrophe(text, m.start(), m.end())]
    later: dict[int, list[int]] = {}  # run length -> indices of runs of that length, in order
    for index, (start, end) in enumerate(runs):
        later.setdefault(end - start, []).append(index)
    cursor = dict.fromkeys(later, 0)
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = later[end - start]
        k = cursor[end - start]
        while k < len(same) and same[k] <= index:
            k += 1
        cursor[end - start] = k
        if k == len(same):
            index += 1
            continue
        closing = same[k]
        yield start, runs[closing][1]
        index = closing + 1


def split_body(
    text: str, offsets: Sequence[int] | None = None, *, base: int = 0, fmt: str = "markdown"
) -> tuple[list[Section], list[TextSpan]]:
    """Sections and prose spans of a body.

    ``offsets`` maps body indices to file offsets (a YAML ``body:`` scalar); when omitted the body is a
    verbatim slice of the file starting at ``base``.
    """
    if offsets is None:
        offsets = range(base, base + len(text) + 1)
    if fmt == "markdown" and written_in_html(text):
        from rolelint.htmltext import read_html  # html.parser, only for a body written in HTML

        page = read_html(text, offsets)
        return page.sections, page.spans
    masked_whole = _mask_comments(text)
    if fmt == "text":
        masked_whole = _WIDE_GAP.sub(_gap_to_blank_line, masked_whole)
    lines = _lines(masked_whole)
    headings: list[tuple[int, int, str, int, int]] = []  # (line index, level, heading text, start, end)
    blocks: list[tuple[str, int, int]] = []  # (block type, start, end) in body indices
    in_fence: str | None = None
    para_start: int | None = None
    para_end = 0
    para_lines = 0
    para_first = 0  # index of the paragraph's first line
    item_start: int | None = None
    item_end = 0
    item_indent = 0

    def close_para() -> None:
        nonlocal para_start, para_lines
        if para_start is not None:
            own = lines[para_first : para_first + para_lines]
            if fmt == "text" and para_lines > 1 and unmarked_list(line.text for line in own):
                # A list without bullets, perhaps under a heading line: each line is an item.
                first = line_heading(own[0].text, fmt, alone=True)
                if first is not None:
                    headings.append((para_first, PSEUDO_LEVEL, first, own[0].start, own[0].end))
                    blocks.append(("heading", own[0].start, own[0].end))
                    own = own[1:]
                blocks.extend(("list_item" if len(own) > 1 else "paragraph", line.start, line.end) for line in own)
            else:
                start = para_start
                run_in = run_in_heading(lines[para_first].text) if fmt == "text" else None
                if run_in is not None:
                    heading_text = lines[para_first].text[:run_in].strip()
                    start = lines[para_first].start + run_in
                    headings.append((para_first, PSEUDO_LEVEL, heading_text, para_start, start))
                    blocks.append(("heading", para_start, start))
                blocks.append(("paragraph", start, para_end))
        para_start = None
        para_lines = 0

    def close_item() -> None:
        nonlocal item_start
        if item_start is not None:
            blocks.append(("list_item", item_start, item_end))
        item_start = None

    for index, line in enumerate(lines):
        content = line.text
        fence = _FENCE.match(content)
        if in_fence is not None:
            if fence and fence.group(1)[0] == in_fence[0] and len(fence.group(1)) >= len(in_fence):
                in_fence = None
            continue
        if fence and fmt == "markdown":
            close_para()
            close_item()
            in_fence = fence.group(1)
            continue
        if not content.strip():
            close_para()
            if item_start is not None and index + 1 < len(lines) and not _indented(lines[index + 1].text, item_indent):
                close_item()
            continue
        alone = para_start is None and (
            index + 1 == len(lines)
            or not lines[index + 1].text.strip()
            or _LIST_ITEM.match(lines[index + 1].text) is not None
        )
        heading = _heading(content, fmt, alone=alone and item_start is None)
        if (
            heading is None
            and fmt == "markdown"
            and para_start is not None
            and para_lines == 1
            and _SETEXT.match(content)
        ):
            prev = lines[index - 1]
            headings.append(
                (index - 1, 1 if content.strip().startswith("=") else 2, prev.text.strip(), prev.start, prev.end)
            )
            blocks.append(("heading", prev.start, prev.end))
            para_start = None
            para_lines = 0
            continue
        if heading is not None:
            close_para()
            close_item()
            level, heading_text = heading
            headings.append((index, level, heading_text, line.start, line.end))
            blocks.append(("heading", line.start, line.end))
            continue
        if fmt == "markdown" and _THEMATIC.match(content):
            close_para()
            close_item()
            continue
        item = _LIST_ITEM.match(content)
        if item:
            close_para()
            close_item()
            item_start = line.start
            item_end = line.end
            item_indent = len(item.group(1)) + 1
            continue
        if item_start is not None and (
            _indented(content, item_indent) or para_start is None and lines[index - 1].text.strip()
        ):
            item_end = line.end
            continue
        close_item()
        if para_start is None:
            para_start = line.start
            para_first = index
        para_end = line.end
        para_lines += 1
    close_para()
    close_item()

    sections = _sections(headings, text, offsets)
    finder = SectionFinder(sections)
    spans: list[TextSpan] = []
    for block, start, end in blocks:
        raw = masked_whole[start:end]
        masked = _mask_block(raw, block)
        if not masked.strip():
            continue
        spans.append(finder.span(masked, offsets_slice(offsets, start, end + 1), block))
    return sections, spans


# A line that opens with an HTML block element (or a tag of text inside one): a body where most lines
# do is a page's HTML pasted into a Markdown file (an export of a job board or a blog), whose
# structure is its tags, not its line breaks.
_HTML_LINE = re.compile(
    r"\s*</?(?:p|ul|ol|li|h[1-6]|div|table|tbody|thead|tr|td|th|dl|dt|dd|br|hr|section|article|header"
    r"|footer|blockquote|span|strong|b|em|i|u|a|font)\b",
    re.IGNORECASE,
)


def written_in_html(text: str) -> bool:
    """Whether a Markdown body is HTML: at least half of its non-blank lines open with a tag of an
    HTML block or of text inside one (a line of Markdown seldom does)."""
    tagged = lines = 0
    for line in text.splitlines():
        if line.strip():
            lines += 1
            tagged += _HTML_LINE.match(line) is not None
    return lines > 0 and 2 * tagged >= lines


# Three or more blanks inside a line of plain text: where a line break was lost when the advert was
# flattened onto one line (pasted from a web page or a job board's feed), and, in any text, where a
# layout put two things side by side. Read as a paragraph break.
_WIDE_GAP = re.compile(r"(?<=\S)[ \t]{3,}(?=\S)")


def _gap_to_blank_line(gap: re.Match) -> str:
    return "\n" + gap.group()[1:-1] + "\n"  # same length: every offset stays where it was


def offsets_slice(offsets, start: int, end: int):
    """``offsets[start:end]``: a range stays a range, anything else becomes a tuple."""
    return offsets[start:end] if isinstance(offsets, range) else tuple(offsets[start:end])


def _mask_comments(text: str) -> str:
    chars = list(text)
    for start, end in _comments(text):
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def _indented(content: str, indent: int) -> bool:
    stripped = len(content) - len(content.lstrip(" \t"))
    return stripped >= indent and bool(content.strip())


def _heading(content: str, fmt: str, *, alone: bool) -> tuple[int, str] | None:
    if fmt == "markdown":
        atx = _ATX_OPEN.match(content)
        if atx:
            rest = content[atx.end(1) :]
            closing = _closing_hashes(rest)
            return len(atx.group(1)), (rest if closing is None else rest[:closing]).strip()
    heading = line_heading(content, fmt, alone=alone)
    return None if heading is None else (PSEUDO_LEVEL, heading)


def _closing_hashes(line: str) -> int | None:
    """Where an ATX heading's optional closing ``#``s (and the blanks around them) start, or None.

    ``#`` glued to a word (``C#``) is text, not a closing sequence. String methods rather than a regex
    such as ``[ \t]+#+[ \t]*$``, which backtracks quadratically over a long run of spaces.
    """
    trimmed = line.rstrip(" \t")
    without = trimmed.rstrip("#")
    if len(without) == len(trimmed):
        return None
    before = without.rstrip(" \t")
    if len(before) == len(without) and before:
        return None
    return len(before)


def _sections(headings, text: str, offsets) -> list[Section]:
    """Sections in file offsets from headings found in the body (body indices)."""
    placed = [(level, heading_text, offsets[start], offsets[end]) for _, level, heading_text, start, end in headings]
    return build_sections(placed, offsets[-1])


def _mask_block(raw: str, block: str) -> str:
    chars = list(mask_inline(raw))
    if block == "heading":
        atx = re.match(r"^( {0,3}#{1,6}[ \t]*)", raw)
        if atx:
            chars[: atx.end()] = " " * atx.end()
        closing = _closing_hashes(raw)
        if closing is not None:
            chars[closing:] = " " * (len(chars) - closing)
    if block in ("list_item", "heading"):
        item = _LIST_ITEM.match(raw)  # a heading too may be written as an item ("- **Nice to have:**")
        if item:
            chars[: item.end()] = " " * item.end()
    # Continuation lines of a block quote lose their markers too.
    text = "".join(chars)
    text = re.sub(r"(?m)^([ \t]*)>", lambda m: m.group(1) + " ", text)
    return text.replace("\r", " ").replace("\n", " ")


__all__ = ["SECTION_KEYWORDS", "categorize_heading", "mask_inline", "offsets_slice", "split_body"]
