"""Read a file into a Document through its format (rolelint.formats): size checks, decode, parse."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

from rolelint.diagnostics import Finding
from rolelint.documents import Document, TextSpan
from rolelint.formats import Format, Unreadable, format_for, format_named
from rolelint.formats.yaml import YAML
from rolelint.markdown import offsets_slice
from rolelint.source import SourceText

# The YAML format's suffixes, for code that looks for YAML files (rule packs, the profession index).
YAML_SUFFIXES = YAML.suffixes


@dataclass(frozen=True)
class LoadOptions:
    """What loading needs from the config."""

    max_file_size: int = 5_000_000
    encoding_fallback: str | None = None


@dataclass
class Loaded:
    """A document, or None when the file could not be read at all, and what loading found wrong."""

    document: Document | None
    findings: list[Finding]
    source: SourceText | None = None


def file_format(path: str | Path) -> str:
    """The name of the format a file is read as (rolelint.formats.format_for)."""
    return format_for(path).name


def load_file(path: Path, display: str, *, kind_hint: str | None, options: LoadOptions) -> Loaded:
    """Read and parse one file. ``kind_hint`` is the kind the config globs give, if any."""
    limit = options.max_file_size
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # reading a FIFO would wait for a writer for ever
            return Loaded(None, [Finding("RL002", not_regular(info.st_mode), 0, 0)])
        if info.st_size > limit:
            return Loaded(None, [_too_large(info.st_size, limit)])
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since
    except OSError as exc:
        return Loaded(None, [Finding("RL002", f"cannot read file: {exc.strerror or exc}", 0, 0)])
    if len(data) > limit:
        return Loaded(None, [_too_large(None, limit)])
    return load_content(data, display, fmt=format_for(path), kind_hint=kind_hint, options=options)


def load_content(
    content: str | bytes, display: str, *, fmt: Format, kind_hint: str | None, options: LoadOptions
) -> Loaded:
    """Parse content that is already in memory: bytes decode as ``fmt`` says, text is taken as it is."""
    if isinstance(content, str):
        if len(content) > options.max_file_size:
            return Loaded(None, [_too_large(len(content.encode("utf-8", "surrogatepass")), options.max_file_size)])
        source = SourceText(display, content)
    else:
        if len(content) > options.max_file_size:
            return Loaded(None, [_too_large(len(content), options.max_file_size)])
        try:
            source = fmt.decode(content, display, options.encoding_fallback)
        except Unreadable as exc:
            probe = SourceText(display, "") if exc.finding.context else None
            return Loaded(None, [exc.finding], probe)
    document, findings = parse_source(source, fmt=fmt, kind_hint=kind_hint)
    return Loaded(document, findings, source)


def _too_large(size: int | None, limit: int) -> Finding:
    what = f"file is {size:,} bytes, over" if size is not None else "file grew while it was read, past"
    return Finding(
        "RL005",
        f"{what} the {limit:,}-byte limit (`max_file_size` in the config); not linted, so nothing in it was checked",
        0,
        0,
    )


def not_regular(mode: int) -> str:
    """Why a path that is neither a file nor a directory is not read."""
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "something other than a file"
    )
    return f"{kind}, not a regular file; not read"


def parse_source(
    source: SourceText, *, fmt: str | Format, kind_hint: str | None = None
) -> tuple[Document, list[Finding]]:
    """``source`` parsed as the format ``fmt`` (a Format or its name), long spans cut in pieces."""
    parser = format_named(fmt) if isinstance(fmt, str) else fmt
    document, findings = parser.parse(source, kind_hint)
    if document.site_metadata and document.data:
        # A site's own use of rolelint's key names is the site's word (rolelint.schema.split_site_data).
        from rolelint.schema import split_site_data  # jsonschema, only for front matter of a site

        document.data, document.site_data = split_site_data(document.data)
    if any(len(span.text) > MAX_SPAN_CHARS or _LONG_RUN.search(span.text) for span in document.spans):
        document.spans = [piece for span in document.spans for piece in split_long_span(span)]
    return document, findings


# No real paragraph, list item or field is this long; spaCy refuses texts over 1,000,000 characters
# and its parser needs memory in proportion, so longer runs of text are read in pieces.
MAX_SPAN_CHARS = 10_000
_PIECE_END = re.compile(r"[.!?;:][\"')\]]*\s+|\s+")
# spaCy's tokenizer peels punctuation off a run without spaces one character at a time, copying the
# rest each time: 8,000 `[` took 13 s, a 10,000-character piece of them longer. No word or URL in the
# corpus is longer than 180 characters; longer runs are read in pieces of this size.
MAX_RUN_CHARS = 200
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_RUN_CHARS + 1},}}")  # tried only where a run starts: linear


def split_long_span(span: TextSpan, limit: int = MAX_SPAN_CHARS) -> list[TextSpan]:
    """``span`` in pieces of at most ``limit`` characters, cut after a sentence end where there is one
    in the second half of a piece, else at a space, else anywhere; a run of more than MAX_RUN_CHARS
    characters without a space is cut into pieces of that size."""
    if len(span.text) <= limit and not _LONG_RUN.search(span.text):
        return [span]
    pieces: list[TextSpan] = []
    start = 0
    for run in _LONG_RUN.finditer(span.text):
        pieces += _pieces(span, start, run.start(), limit)
        pieces += [
            _piece(span, cut, min(cut + MAX_RUN_CHARS, run.end()))
            for cut in range(run.start(), run.end(), MAX_RUN_CHARS)
        ]
        start = run.end()
    pieces += _pieces(span, start, len(span.text), limit)
    return [piece for piece in pieces if piece.text.strip()] or [span]


def _piece(span: TextSpan, start: int, end: int) -> TextSpan:
    return TextSpan(
        span.text[start:end],
        offsets_slice(span.offsets, start, end + 1),
        span.field,
        span.section,
        span.heading,
        span.block,
    )


def _pieces(span: TextSpan, start: int, stop: int, limit: int) -> list[TextSpan]:
    """``span.text[start:stop]`` in pieces of at most ``limit`` characters, cut at sentence ends."""
    pieces = []
    text = span.text
    while start < stop:
        end = min(start + limit, stop)
        if end < stop:
            window = text[start + limit // 2 : end]
            cuts = [m.end() for m in _PIECE_END.finditer(window)]
            sentence_cuts = [m.end() for m in _PIECE_END.finditer(window) if not m.group().isspace()]
            best = sentence_cuts[-1] if sentence_cuts else (cuts[-1] if cuts else None)
            if best:
                end = start + limit // 2 + best
        pieces.append(_piece(span, start, end))
        start = end
    return pieces


def document_from_string(
    text: str, *, kind: str = "advert", fmt: str = "markdown", section: str | None = None, path: str = "<string>"
) -> Document:
    """A Document from text, for rule examples and tests.

    With ``section``, the whole text is one paragraph span in that section category.
    """
    source = SourceText(path, text)
    if section is not None:
        document = Document(source=source, kind=kind, format=fmt, kind_source="key", body_start=0)
        document.spans = [
            TextSpan(
                text.replace("\r", " ").replace("\n", " "),
                tuple(range(len(text) + 1)),
                section=section,
                heading=section,
                block="paragraph",
            )
        ]
        return document
    document, _ = parse_source(source, fmt=fmt, kind_hint=kind)
    if document.kind is None:
        document.kind = kind
    return document
