"""A file's decoded text, and the mapping from character offsets to line and column."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

BOM = "\ufeff"
# The byte-order marks of UTF-32 and UTF-16, UTF-32's first (its little-endian mark starts with UTF-16's).
UNICODE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class DecodeError(Exception):
    """The bytes are not valid in the expected encoding; ``offset`` is the first bad byte."""

    def __init__(self, message: str, offset: int, line: int, column: int):
        super().__init__(message)
        self.offset = offset
        self.line = line
        self.column = column


def unicode_bom(data: bytes) -> str | None:
    """The encoding a UTF-16 or UTF-32 byte-order mark at the start of ``data`` names, if any."""
    return next((encoding for mark, encoding in UNICODE_BOMS if data.startswith(mark)), None)


@dataclass
class SourceText:
    """Decoded text of one file. Offsets are character offsets into ``text`` (the BOM removed).

    Lines break at CRLF, lone CR or LF, as editors count them; columns count characters
    (a tab is one column), both 1-based.
    """

    path: str
    text: str
    had_bom: bool = False
    encoding: str = "utf-8"
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(self.text))
        self._line_starts = starts

    @classmethod
    def from_bytes(
        cls, path: str, data: bytes, *, fallback_encoding: str | None = None, unicode_boms: bool = False
    ) -> SourceText:
        """UTF-8 (with or without its byte-order mark), else ``fallback_encoding``; with
        ``unicode_boms``, also UTF-16 or UTF-32 that starts with its byte-order mark."""
        marked = unicode_bom(data) if unicode_boms else None
        if marked is not None:
            try:
                return cls(path, data.decode(marked), True, marked)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"invalid {marked.upper()} at byte offset {exc.start}, after its byte-order mark", exc.start, 1, 1
                ) from None
        had_bom = data.startswith(b"\xef\xbb\xbf")
        raw = data[3:] if had_bom else data
        try:
            text = raw.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            if fallback_encoding:
                try:
                    return cls(path, raw.decode(fallback_encoding), had_bom, fallback_encoding)
                except (UnicodeDecodeError, LookupError):
                    pass
            good = raw[: exc.start].decode("utf-8")
            probe = cls(path, good)
            line, column = probe.position(len(good))
            byte_offset = exc.start + (3 if had_bom else 0)
            raise DecodeError(
                f"invalid UTF-8 at byte offset {byte_offset} (byte 0x{raw[exc.start]:02x}); "
                "save the file as UTF-8 or set `encoding_fallback` in the config",
                byte_offset,
                line,
                column,
            ) from None
        return cls(path, text, had_bom, encoding)

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset, clamped to the text."""
        offset = max(0, min(offset, len(self.text)))
        if 0 < offset < len(self.text) and self.text[offset] == "\n" and self.text[offset - 1] == "\r":
            offset -= 1  # between CR and LF: the end of the line, not a column past it
        index = bisect.bisect_right(self._line_starts, offset) - 1
        start = self._line_starts[index]
        return index + 1, offset - start + 1

    def offset(self, line: int, column: int) -> int:
        """Character offset of a 1-based (line, column)."""
        line = max(1, min(line, len(self._line_starts)))
        return min(self._line_starts[line - 1] + column - 1, len(self.text))

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        if line < 1 or line > len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
