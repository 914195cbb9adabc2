"""An open document as the editor sees it, and LSP positions (line, code units) <-> character offsets.

Lines break at CRLF, CR or LF, as the LSP specification and rolelint.source.SourceText count them
(Python's ``str.splitlines`` also breaks at form feeds, U+2028 and others, which would shift every
position after one). A position's ``character`` counts code units of the negotiated encoding:
UTF-16 by default, where a character outside the Basic Multilingual Plane (most emoji) is two.
"""

from __future__ import annotations

import bisect
import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_BREAK = re.compile(r"\r\n|\r|\n")


def code_units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text.encode("utf-8", "surrogatepass"))


def characters_in(text: str, units: int, encoding: str) -> int:
    """How many characters of ``text`` its first ``units`` code units hold (a position inside a
    character counts it whole, as the specification asks servers to treat it)."""
    if units <= 0:
        return 0
    if encoding == UTF32 or text.isascii():
        return min(units, len(text))
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        point = ord(char)
        if encoding == UTF16:
            count += 2 if point > 0xFFFF else 1
        else:
            count += 1 if point < 0x80 else 2 if point < 0x800 else 3 if point < 0x10000 else 4
    return len(text)


class Lines:
    """The line starts of a text, for turning offsets into positions and back."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0]
        self.starts.extend(match.end() for match in _BREAK.finditer(text))

    def line_end(self, line: int) -> int:
        """The offset where line ``line`` (0-based) ends, before its line break."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > self.starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def position(self, offset: int, encoding: str) -> tuple[int, int]:
        """(line, character) of a character offset, both 0-based."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        offset = min(offset, self.line_end(line))  # between a CR and its LF: the end of the line
        return line, code_units(self.text[start:offset], encoding)

    def offset(self, line: int, character: int, encoding: str) -> int:
        """The character offset of an LSP position; a line past the end is the end of the text, a
        character past the end of its line is the end of that line."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(line)
        return start + characters_in(self.text[start:end], character, encoding)


class TextDocument:
    """The text of one open document, its version, and its line index (made when first needed)."""

    def __init__(self, uri: str, text: str, version: int | None, language_id: str = ""):
        self.uri = uri
        self.version = version
        self.language_id = language_id
        self._text = text
        self._lines: Lines | None = None

    @property
    def text(self) -> str:
        return self._text

    @property
    def lines(self) -> Lines:
        if self._lines is None:
            self._lines = Lines(self._text)
        return self._lines

    def replace(self, text: str, version: int | None) -> None:
        self._text, self._lines, self.version = text, None, version

    def edit(self, start: tuple[int, int] | None, end: tuple[int, int] | None, new_text: str, encoding: str) -> None:
        """Apply one content change: the range (start, end) in LSP positions becomes ``new_text``; no
        range replaces the whole text."""
        if start is None or end is None:
            self._text, self._lines = new_text, None
            return
        lines = self.lines
        first = lines.offset(*start, encoding)
        last = max(first, lines.offset(*end, encoding))
        self._text = self._text[:first] + new_text + self._text[last:]
        self._lines = None
