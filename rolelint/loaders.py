"""Read a file into a Document: decode, parse YAML or split Markdown, decide its kind."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

from rolelint.diagnostics import Finding
from rolelint.documents import KINDS, Document, TextSpan
from rolelint.markdown import offsets_slice, split_body
from rolelint.source import DecodeError, SourceText
from rolelint.yamlpos import load_yaml

YAML_SUFFIXES = (".yaml", ".yml")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")
TEXT_SUFFIXES = (".txt", ".text")
_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)", re.M)


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
    suffix = Path(path).suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Loaded(None, [Finding("RL004", "the file is UTF-16 (or UTF-32) text, by its byte-order mark; save it as "
                                     "UTF-8", 0, 0)])
    if b"\x00" in data[:8192]:
        return Loaded(None, [Finding("RL004", "binary file (it contains NUL bytes); rolelint lints text only", 0, 0)])
    try:
        source = SourceText.from_bytes(display, data, fallback_encoding=options.encoding_fallback)
    except DecodeError as exc:
        probe = SourceText(display, "")
        return Loaded(None, [Finding("RL004", str(exc), 0, 0, context=f"{exc.line}:{exc.column}")], probe)
    document, findings = parse_source(source, fmt=file_format(path), kind_hint=kind_hint)
    return Loaded(document, findings, source)


def _too_large(size: int | None, limit: int) -> Finding:
    what = f"file is {size:,} bytes, over" if size is not None else "file grew while it was read, past"
    return Finding("RL005", f"{what} the {limit:,}-byte limit (`max_file_size` in the config); not linted", 0, 0)


def not_regular(mode: int) -> str:
    """Why a path that is neither a file nor a directory is not read."""
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "something other than a file")
    return f"{kind}, not a regular file; not read"


def parse_source(source: SourceText, *, fmt: str, kind_hint: str | None = None) -> tuple[Document, list[Finding]]:
    if fmt == "yaml":
        document, findings = _parse_yaml(source, kind_hint)
    else:
        document, findings = _parse_markdown(source, fmt, kind_hint)
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
        pieces += [_piece(span, cut, min(cut + MAX_RUN_CHARS, run.end()))
                   for cut in range(run.start(), run.end(), MAX_RUN_CHARS)]
        start = run.end()
    pieces += _pieces(span, start, len(span.text), limit)
    return [piece for piece in pieces if piece.text.strip()] or [span]


def _piece(span: TextSpan, start: int, end: int) -> TextSpan:
    return TextSpan(span.text[start:end], offsets_slice(span.offsets, start, end + 1), span.field, span.section,
                    span.heading, span.block)


def _pieces(span: TextSpan, start: int, stop: int, limit: int) -> list[TextSpan]:
    """``span.text[start:stop]`` in pieces of at most ``limit`` characters, cut at sentence ends."""
    pieces = []
    text = span.text
    while start < stop:
        end = min(start + limit, stop)
        if end < stop:
            window = text[start + limit // 2:end]
            cuts = [m.end() for m in _PIECE_END.finditer(window)]
            sentence_cuts = [m.end() for m in _PIECE_END.finditer(window) if not m.group().isspace()]
            best = sentence_cuts[-1] if sentence_cuts else (cuts[-1] if cuts else None)
            if best:
                end = start + limit // 2 + best
        pieces.append(_piece(span, start, end))
        start = end
    return pieces


def _findings_from(problems) -> list[Finding]:
    return [Finding(p.code, p.message, p.start, p.end) for p in problems]


def _parse_yaml(source: SourceText, kind_hint: str | None) -> tuple[Document, list[Finding]]:
    result = load_yaml(source.text)
    findings = _findings_from(result.problems)
    document = Document(source=source, kind=None, format="yaml")
    if not result.ok:
        # Nothing was read, so there is nothing to check against a schema or by rule: the parse error
        # is the finding (not a "missing key" for every required key of the kind the config gives).
        return document, findings
    if result.data is None:
        findings.append(Finding("RL003", "empty YAML file: nothing to lint", 0, 0))
        return document, findings
    if not isinstance(result.data, dict):
        start, end = result.nodes.get("", (0, 0))
        findings.append(Finding("RL003", f"expected a mapping of keys at the top level, found a "
                                f"{type(result.data).__name__}", start, end))
        return document, findings
    document.data = result.data
    document.nodes = result.nodes
    document.key_nodes = result.key_nodes
    document.kind, document.kind_source = _kind_of(result.data, kind_hint, default=None)
    body = result.data.get("body")
    spans = _prose_spans([s for s in result.spans if s.field != "body"], source.text)
    if document.kind == "advert" and isinstance(body, str):
        body_span = next((s for s in result.spans if s.field == "body"), None)
        if body_span is not None:
            sections, body_spans = split_body(body, body_span.offsets, fmt="markdown")
            document.sections = sections
            document.body_start = body_span.offsets[0]
            spans.extend(_with_field(body_spans, "body"))
    document.spans = spans
    return document, findings


def _with_field(spans: list[TextSpan], field: str) -> list[TextSpan]:
    return [TextSpan(s.text, s.offsets, field, s.section, s.heading, s.block) for s in spans]


_MARKDOWN_LINE = re.compile(r"(?m)^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\S|^ {0,3}#{1,6}[ \t]+\S")


def _breaks(source: str, start: int, end: int) -> bool:
    """Whether the source between two consecutive value characters holds a line break."""
    return "\n" in source[start:end + 1] or "\r" in source[start:end + 1]


def _prose_spans(spans: list[TextSpan], source: str) -> list[TextSpan]:
    """YAML scalars often hold Markdown (a description with a bullet list): split those into their
    paragraphs and list items, as a body would be, so that items do not run together into one
    sentence. A plain scalar folds its line breaks into spaces, so the breaks are put back where the
    source has them (same length, so offsets still map). The spans keep their field and have no
    section of their own."""
    out: list[TextSpan] = []
    for span in spans:
        offsets = span.offsets
        lines = "".join("\n" if char == " " and _breaks(source, offsets[i], offsets[i + 1]) else char
                        for i, char in enumerate(span.text))
        if "\n" not in lines or not _MARKDOWN_LINE.search(lines):
            out.append(span)
            continue
        _, parts = split_body(lines, span.offsets, fmt="markdown")
        out.extend(TextSpan(p.text, p.offsets, span.field, None, None, p.block) for p in parts)
    return out


def _parse_markdown(source: SourceText, fmt: str, kind_hint: str | None) -> tuple[Document, list[Finding]]:
    text = source.text
    findings: list[Finding] = []
    document = Document(source=source, kind=None, format=fmt)
    body_start = 0
    opening = _FRONT_MATTER_OPEN.match(text)
    if opening and fmt == "markdown":
        closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
        if closing is None:
            findings.append(Finding("RL001", "front matter opened with `---` on line 1 is never closed; add a "
                                    "`---` line after the metadata", 0, 3))
        else:
            front = text[opening.end():closing.start()]
            result = load_yaml(front, base=opening.end(), full_text=text)
            findings.extend(_findings_from(result.problems))
            if result.ok and isinstance(result.data, dict):
                document.data = result.data
                document.nodes = result.nodes
                document.key_nodes = result.key_nodes
                document.spans.extend(_prose_spans(result.spans, text))
            elif result.ok and result.data is not None:
                findings.append(Finding("RL003", "front matter must be a mapping of keys", opening.end(),
                                        closing.start()))
            body_start = closing.end()
    kind, kind_source = _kind_of(document.data, kind_hint, default="advert")
    document.kind, document.kind_source = kind, kind_source
    document.body_start = body_start
    sections, spans = split_body(text[body_start:], base=body_start, fmt=fmt)
    document.sections = sections
    document.spans.extend(spans)
    if not text[body_start:].strip():
        if document.data:
            findings.append(Finding("RL003", "front matter with no body: the advert has no text",
                                    max(body_start - 1, 0), max(body_start - 1, 0)))
        elif not any(f.code in ("RL001", "RL008") for f in findings):
            findings.append(Finding("RL003", "empty file: nothing to lint", 0, 0))
            document.kind = None  # no document: rules about missing sections or pay would only repeat RL003
    return document, findings


def _kind_of(data: dict, kind_hint: str | None, *, default: str | None) -> tuple[str | None, str]:
    declared = data.get("kind") if isinstance(data, dict) else None
    if isinstance(declared, str) and declared in KINDS:
        return declared, "key"
    if declared is not None:
        # An unknown kind is reported by schema validation of the `kind` key; lint as the hint says.
        return (kind_hint or default), "key"
    if kind_hint:
        return kind_hint, "config"
    return default, "default"


def document_from_string(text: str, *, kind: str = "advert", fmt: str = "markdown",
                         section: str | None = None, path: str = "<string>") -> Document:
    """A Document from text, for rule examples and tests.

    With ``section``, the whole text is one paragraph span in that section category.
    """
    source = SourceText(path, text)
    if section is not None:
        document = Document(source=source, kind=kind, format=fmt, kind_source="key", body_start=0)
        document.spans = [TextSpan(text.replace("\r", " ").replace("\n", " "), tuple(range(len(text) + 1)),
                                   section=section, heading=section, block="paragraph")]
        return document
    document, _ = parse_source(source, fmt=fmt, kind_hint=kind)
    if document.kind is None:
        document.kind = kind
    return document
