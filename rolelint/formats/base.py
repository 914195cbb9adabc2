"""What every input format declares (``Format``), and the text decoding most of them share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rolelint.diagnostics import Finding
from rolelint.documents import Document
from rolelint.source import DecodeError, SourceText, unicode_bom


class Unreadable(Exception):
    """The bytes cannot be read as this format; ``finding`` says why (RL004 and its kin)."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def decode_text(data: bytes, display: str, fallback_encoding: str | None, *, unicode_boms: bool = False) -> SourceText:
    """UTF-8 text (with or without a byte-order mark), else the config's fallback encoding. With
    ``unicode_boms`` (the page, reading a file Notepad saved as "Unicode"), also UTF-16 or UTF-32 text
    that starts with its byte-order mark; without, such a file is refused."""
    marked = unicode_bom(data)
    if marked is None or not unicode_boms:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise Unreadable(
                Finding("RL004", "the file is UTF-16 (or UTF-32) text, by its byte-order mark; save it as UTF-8", 0, 0)
            )
        if b"\x00" in data[:8192]:
            raise Unreadable(Finding("RL004", "binary file (it contains NUL bytes); rolelint lints text only", 0, 0))
    try:
        return SourceText.from_bytes(display, data, fallback_encoding=fallback_encoding, unicode_boms=unicode_boms)
    except DecodeError as exc:
        raise Unreadable(Finding("RL004", str(exc), 0, 0, context=f"{exc.line}:{exc.column}")) from None


Parser = Callable[[SourceText, "str | None"], "tuple[Document, list[Finding]]"]
Decoder = Callable[[bytes, str, "str | None"], SourceText]


@dataclass(frozen=True)
class Format:
    """One input format.

        ``parse(source, kind_hint)`` returns the Document (positions into ``source``) and what parsing
        found wrong; ``kind_hint`` is the kind the config's globs give. ``decode`` turns the file's bytes
    into text or raises Unreadable. ``suppressions`` names the comment
        syntax inline suppressions take in it (rolelint.suppressions). ``fixable``: whether ``--fix`` may
        write fixes back into such a file, which needs the text rules read to be the file's own bytes.
    """

    name: str
    suffixes: tuple[str, ...]
    parse: Parser
    suppressions: str
    description: str
    default_globs: tuple[str, ...] = ()  # what a folder run picks up with the default `include`
    fixable: bool = True
    decode: Decoder = decode_text
