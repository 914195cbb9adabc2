"""Inline suppression comments: parse them, apply them, and report the ones that suppress nothing.

A suppression counts only where it is a comment of its format: in Markdown and text an HTML comment
outside code (fenced and indented code blocks, inline code spans), in YAML (and a Markdown file's
front matter) a real YAML comment, not text inside a string value. A code that names no rule makes
the suppression suppress nothing for that code, and is reported (RL009); a suppression written with
codes of which none is a rule's suppresses nothing at all (it never falls back to "every rule").
`disable`/`enable` ranges are kept per code: `enable RL101` ends RL101's range whatever else its
`disable` named, and within a `disable RL1` range it ends the range for RL101 only.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterable

from rolelint.source import BOM, SourceText

# The codes run to the end of the comment, so that a mistyped one ("RL-104") is read, and reported,
# rather than cut short into a prefix of every rule ("RL").
_YAML = re.compile(
    r"#\s*rolelint:\s*(?P<verb>disable-file|disable-next-line|disable-line|disable)\b"
    r"(?:\s*=\s*(?P<codes>[^#\r\n]*))?"
)
_HTML = re.compile(
    r"<!--\s*rolelint-(?P<verb>disable-file|disable-next-line|disable-line|disable|enable)\b"
    r"(?P<codes>[^<>]*?)-->"
)
_CODE = re.compile(r"^[A-Z]{2,4}[0-9]{0,3}$")


@dataclass
class Suppression:
    codes: tuple[str, ...]  # empty: every rule
    first_line: int
    last_line: int  # inclusive
    start: int  # comment offsets, to report an unused suppression
    end: int
    used: set[str] = field(default_factory=set)
    invalid: tuple[str, ...] = ()  # what it names that is not a rule code (reported; suppresses nothing)
    excluded: tuple[str, ...] = ()  # codes an `enable` took out of a `disable` range of a prefix
    nothing: bool = False  # every code it names is unknown: it suppresses nothing
    continued: bool = False  # the rest of another comment's range after an `enable` of a narrower code

    def covers(self, code: str, line: int) -> bool:
        return self.first_line <= line <= self.last_line and self.names(code)

    def names(self, code: str) -> bool:
        """The suppression is about ``code`` (it names it, a prefix of it, or every rule)."""
        if self.nothing or any(code.startswith(prefix) for prefix in self.excluded):
            return False
        return not self.codes or any(code.startswith(prefix) for prefix in self.codes)


def _codes(raw: str | None, known: frozenset[str] | None = None) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """(rule codes or prefixes, what is not one, whether the comment named codes of which none is
    known). A part is a code when it looks like one and, given ``known``, is a prefix of a known code."""
    parts = [p.strip() for p in re.split(r"[,\s]+", raw or "") if p.strip()]

    def is_code(part: str) -> bool:
        code = part.upper()
        return bool(_CODE.match(code)) and (known is None or any(k.startswith(code) for k in known))

    good = tuple(p.upper() for p in parts if is_code(p))
    bad = tuple(p for p in parts if not is_code(p))
    return good, bad, bool(parts) and not good


def parse_suppressions(source: SourceText, fmt: str, *, known: Iterable[str] | None = None) -> list[Suppression]:
    """The suppression comments of ``source`` in format ``fmt`` ("yaml" or "markdown"); ``known``:
    the rule codes there are (None: any code-like word counts as one)."""
    text = source.text
    if fmt == "none" or "rolelint" not in text:  # a format with no comments (JSON-LD, .docx) takes none
        return []
    known_codes = frozenset(known) if known is not None else None
    last = source.line_count
    found: list[Suppression] = []
    front_matter_end = _front_matter_end(source) if fmt != "yaml" else 0
    # YAML comments: in YAML files and in a Markdown file's front matter.
    yaml_matches = list(_YAML.finditer(text))
    if yaml_matches:
        if fmt == "yaml":
            comments = yaml_comments(text, 0, len(text))
        elif front_matter_end > 1:
            first = source.offset(2, 1)
            end = source.offset(front_matter_end, 1) if front_matter_end <= source.line_count else len(text)
            comments = yaml_comments(text, first, end)
        else:
            comments = None
    for match in yaml_matches:
        line, _ = source.position(match.start())
        if fmt != "yaml" and not 1 < line < front_matter_end:
            continue
        if comments is not None and not comments(match.start()):
            continue  # inside a string value, not a comment
        codes, bad, nothing = _codes(match.group("codes"), known_codes)
        verb = match.group("verb")
        own_line = _alone_on_its_line(text, match.start())
        if verb == "disable-file":
            first, end_line = 1, last
        elif verb == "disable-next-line" or (verb == "disable" and own_line):
            first = end_line = line + 1
        else:
            first = end_line = line
        found.append(Suppression(codes, first, end_line, match.start(), match.end(), invalid=bad, nothing=nothing))
    if fmt == "yaml":
        return found
    closed = 0 < front_matter_end <= source.line_count
    body_start = (
        source.offset(front_matter_end + 1, 1)
        if closed and front_matter_end < source.line_count
        else (len(text) if closed else 0)
    )
    in_code = code_ranges(text, body_start)
    open_ranges: list[Suppression] = []
    for match in _HTML.finditer(text):
        if match.start() < body_start or in_code(match.start()):
            continue  # in front matter (not a YAML comment there) or inside code: not a comment
        line, _ = source.position(match.start())
        end_line_of_comment, _ = source.position(match.end())
        codes, bad, nothing = _codes(match.group("codes"), known_codes)
        verb = match.group("verb")
        where = (match.start(), match.end())
        if verb == "disable-file":
            found.append(Suppression(codes, 1, last, *where, invalid=bad, nothing=nothing))
        elif verb == "disable-next-line":
            target = end_line_of_comment + 1
            found.append(Suppression(codes, target, target, *where, invalid=bad, nothing=nothing))
        elif verb == "disable-line":
            found.append(Suppression(codes, line, line, *where, invalid=bad, nothing=nothing))
        elif verb == "disable":
            if nothing or not codes:
                suppression = Suppression(codes, line, last, *where, invalid=bad, nothing=nothing)
                found.append(suppression)
                open_ranges.append(suppression)
                continue
            used: set[str] = set()  # one comment's ranges, one per code, share what they suppressed
            for number, code in enumerate(codes):
                suppression = Suppression(
                    (code,), line, last, *where, used=used, invalid=bad if number == 0 else (), continued=number > 0
                )
                found.append(suppression)
                open_ranges.append(suppression)
        else:  # enable: ends the open ranges of the codes it names (every open range when it names none)
            if nothing:
                found.append(Suppression((), line, line, *where, invalid=bad, nothing=True))
                continue
            still_open = []
            for suppression in open_ranges:
                if suppression.nothing:
                    still_open.append(suppression)
                    continue
                if not codes or any(c.startswith(code) for c in suppression.codes or ("",) for code in codes):
                    suppression.last_line = line  # the enable names this range's code (or a prefix of it)
                    continue
                narrower = [
                    code
                    for code in codes
                    if any(code.startswith(p) for p in suppression.codes or ("",)) and code not in suppression.excluded
                ]
                if narrower:  # `disable RL1` ... `enable RL101`: the range goes on for the rest of RL1
                    suppression.last_line = line
                    rest = Suppression(
                        suppression.codes,
                        line + 1,
                        last,
                        suppression.start,
                        suppression.end,
                        used=suppression.used,
                        excluded=suppression.excluded + tuple(narrower),
                        continued=True,
                    )
                    found.append(rest)
                    still_open.append(rest)
                    continue
                still_open.append(suppression)
            open_ranges = still_open
    return found


def yaml_comments(text: str, start: int, end: int):
    """A function telling whether the `#` at an offset in ``text[start:end]`` (YAML) begins a
    comment rather than sitting inside a scalar: the YAML scanner's tokens cover every scalar, and a
    comment is in none. Past a point the scanner cannot read, every `#` counts as a comment."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    piece = text[start:end]
    lines = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", piece)]
    spans: list[tuple[int, int]] = []
    readable_to = len(piece)
    loader = loader_class(piece)
    try:
        while True:
            token = loader.get_token()
            if token is None:
                break
            if isinstance(token, (yaml.ScalarToken, yaml.AliasToken, yaml.AnchorToken, yaml.TagToken)):
                first = lines[min(token.start_mark.line, len(lines) - 1)] + token.start_mark.column
                last = lines[min(token.end_mark.line, len(lines) - 1)] + token.end_mark.column
                spans.append((first, last))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        readable_to = lines[min(mark.line, len(lines) - 1)] if mark is not None else 0
    finally:
        loader.dispose()
    starts = [s for s, _ in spans]

    def is_comment(offset: int) -> bool:
        offset -= start
        if offset >= readable_to:
            return True
        at = bisect.bisect_right(starts, offset) - 1
        return at < 0 or not spans[at][0] <= offset < spans[at][1]

    return is_comment


_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)


def code_ranges(text: str, start: int):
    """A function telling whether an offset of a Markdown ``text`` (its body from ``start``) lies in
    code: a fenced block, an indented block (four spaces or a tab after a blank line), or an inline
    code span (a run of backticks up to the next run of the same length, within a paragraph)."""
    from rolelint.markdown import code_spans

    ranges: list[tuple[int, int]] = []
    lines = [
        (m.start(), m.end()) for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text[start:]) if m.end() > m.start()
    ]
    fence: str | None = None
    fence_start = 0
    previous_blank = True
    paragraph_start: int | None = None
    for line_start, line_end in lines:
        line_start += start
        line_end += start
        content = text[line_start:line_end].rstrip("\r\n")
        if fence is not None:
            closing = _FENCE_LINE.match(content)
            if (
                closing
                and closing.group(1)[0] == fence[0]
                and len(closing.group(1)) >= len(fence)
                and not content.strip().strip(fence[0])
            ):
                ranges.append((fence_start, line_end))
                fence = None
            continue
        opening = _FENCE_LINE.match(content)
        if opening:
            if paragraph_start is not None:
                ranges.extend(_code_spans_at(text, paragraph_start, line_start, code_spans))
                paragraph_start = None
            fence, fence_start = opening.group(1), line_start
            previous_blank = False
            continue
        blank = not content.strip()
        if (
            not blank
            and previous_blank
            and (content.startswith("    ") or content.startswith("\t"))
            and paragraph_start is None
        ):
            ranges.append((line_start, line_end))  # indented code (a blank line or code before it)
            continue
        if blank:
            if paragraph_start is not None:
                ranges.extend(_code_spans_at(text, paragraph_start, line_start, code_spans))
                paragraph_start = None
            previous_blank = True
            continue
        if paragraph_start is None:
            paragraph_start = line_start
        previous_blank = False
    if fence is not None:
        ranges.append((fence_start, len(text)))
    if paragraph_start is not None:
        ranges.extend(_code_spans_at(text, paragraph_start, len(text), code_spans))
    ranges.sort()
    starts = [s for s, _ in ranges]

    def in_code(offset: int) -> bool:
        at = bisect.bisect_right(starts, offset) - 1
        return at >= 0 and ranges[at][0] <= offset < ranges[at][1]

    return in_code


def _code_spans_at(text: str, start: int, end: int, spans) -> list[tuple[int, int]]:
    piece = text[start:end]
    if "`" not in piece:
        return []
    return [(start + a, start + b) for a, b in spans(piece)]


def _alone_on_its_line(text: str, offset: int) -> bool:
    """Only blanks stand between the start of the line and ``offset``. Walks back over those blanks
    alone, so many comments on one long line cost linear time."""
    index = offset - 1
    while index >= 0 and text[index] not in "\r\n" and text[index].isspace():
        index -= 1
    return index < 0 or text[index] in "\r\n"


def _front_matter_end(source: SourceText) -> int:
    """The line of a Markdown file's closing front-matter fence; lines 2 up to it are front matter.
    0 without front matter; past the last line when the front matter is never closed."""
    if source.line_text(1).strip() != "---":
        return 0
    for number in range(2, source.line_count + 1):
        if source.line_text(number).strip() in ("---", "..."):
            return number
    return source.line_count + 1


def match_suppressions(suppressions: list[Suppression], findings: list[tuple[str, int]]) -> list[bool]:
    """For each (code, line) of ``findings``, whether a suppression covers it; each suppression's
    ``used`` gets the codes it covered.

    Works per distinct code with sorted lines and merged ranges, so a file with a hundred thousand
    findings and as many suppressions costs O((F + S) log) per code rather than F x S.
    """
    lines_by_code: dict[str, list[int]] = {}
    for code, line in findings:
        lines_by_code.setdefault(code, []).append(line)
    covered_lines: dict[str, tuple[list[int], list[int]]] = {}
    for code, lines in lines_by_code.items():
        lines.sort()
        ranges = sorted((s.first_line, s.last_line) for s in suppressions if s.names(code))
        starts: list[int] = []
        ends: list[int] = []
        for first, last in ranges:  # merge overlapping ranges
            if ends and first <= ends[-1] + 1:
                ends[-1] = max(ends[-1], last)
            else:
                starts.append(first)
                ends.append(last)
        covered_lines[code] = (starts, ends)
        for suppression in suppressions:
            if suppression.names(code):
                index = bisect.bisect_left(lines, suppression.first_line)
                if index < len(lines) and lines[index] <= suppression.last_line:
                    suppression.used.add(code)
    result = []
    for code, line in findings:
        starts, ends = covered_lines[code]
        index = bisect.bisect_right(starts, line) - 1
        result.append(index >= 0 and line <= ends[index])
    return result


def covering_count(suppressions: list[Suppression], code: str):
    """A function giving, for a line, how many of ``suppressions`` cover ``code`` there."""
    naming = [s for s in suppressions if s.names(code)]
    firsts = sorted(s.first_line for s in naming)
    lasts = sorted(s.last_line for s in naming)

    def count(line: int) -> int:
        return bisect.bisect_right(firsts, line) - bisect.bisect_left(lasts, line)

    return count


# --- writing a suppression (an editor's "suppress this finding") -------------------------------

_LIST_OR_HEADING = re.compile(r"^\s*(?:[-*+]\s|\d{1,9}[.)]\s|#{1,6}\s|>)")
# Above this size the candidate comments are checked for what they suppress, not parsed again.
CHECK_STRUCTURE_CHARS = 200_000


def suppression_edit(
    source: SourceText, fmt: str, code: str, line: int, *, whole_file: bool = False
) -> tuple[int, int, str] | None:
    """An edit (start, end, new text; character offsets) that adds a suppression of ``code`` covering
    the 1-based ``line`` of ``source`` (in a file whose suppression syntax is ``fmt``), or with
    ``whole_file`` the whole file; None when no comment can do it without changing the document.

    The comment is the one the format reads there: in YAML (and a Markdown file's front matter)
    `# rolelint: disable=CODE` at the end of the line, else `# rolelint: disable-next-line=CODE` on a
    line of its own above; in Markdown and text `<!-- rolelint-disable-next-line CODE -->` above the
    line, or `<!-- rolelint-disable-line CODE -->` at its end in the middle of a paragraph (a
    comment line would split it). A comment already there gains the code. Each candidate is
    checked: the text with it must suppress the finding and parse to the same data and sections
    (a comment inside a YAML block scalar would be text, and is refused)."""
    text = source.text
    yaml_here = fmt == "yaml" or 1 < line < _front_matter_end(source)
    if whole_file:
        candidates = _file_candidates(source, fmt, code)
    elif yaml_here:
        candidates = _yaml_candidates(source, code, line)
    else:
        candidates = _html_candidates(source, fmt, code, line)
    before = None
    for start, end, new, target in candidates:
        after = SourceText(source.path, text[:start] + new + text[end:])
        covered = [s for s in parse_suppressions(after, fmt) if s.covers(code, target)]
        if not covered:
            continue
        if len(text) <= CHECK_STRUCTURE_CHARS:
            before = before if before is not None else _structure(source)
            if _structure(after) != before:
                continue
        return start, end, new
    return None


def _structure(source: SourceText):
    from rolelint.formats import format_for
    from rolelint.loaders import parse_source

    document, findings = parse_source(source, fmt=format_for(source.path))
    return (
        document.data,
        [s.category for s in document.sections],
        sorted(f.code for f in findings if f.code in ("RL001", "RL003", "RL007", "RL008")),
    )


def _line_bounds(source: SourceText, line: int) -> tuple[int, int, str]:
    """Start and end offsets of a 1-based line (without its break), and its line break ('' at the end)."""
    start = source.offset(line, 1)
    content = source.line_text(line)
    end = start + len(content)
    rest = source.text[end : end + 2]
    newline = "\r\n" if rest.startswith("\r\n") else rest[:1] if rest[:1] in ("\r", "\n") else ""
    return start, end, newline


def _newline(source: SourceText) -> str:
    match = re.search(r"\r\n|\r|\n", source.text)
    return match.group() if match else "\n"


def _indent(text: str) -> str:
    return text[: len(text) - len(text.lstrip(" \t"))]


def _yaml_candidates(source: SourceText, code: str, line: int):
    start, end, _ = _line_bounds(source, line)
    content = source.text[start:end]
    existing = _YAML.search(content)
    if (
        existing
        and existing.group("verb") in ("disable", "disable-line")
        and existing.group("codes") is not None
        and not _alone_on_its_line(source.text, start + existing.start())
    ):
        at = start + existing.end("codes")
        yield at, at, f",{code}", line
    else:
        yield end, end, f"  # rolelint: disable={code}", line
    if line > 1:
        above_start, above_end, _ = _line_bounds(source, line - 1)
        above = _YAML.search(source.text[above_start:above_end])
        if (
            above
            and above.group("verb") == "disable-next-line"
            and above.group("codes")
            and _alone_on_its_line(source.text, above_start + above.start())
        ):
            at = above_start + above.end("codes")
            yield at, at, f",{code}", line
    yield start, start, f"{_indent(content)}# rolelint: disable-next-line={code}{_newline(source)}", line + 1


def _html_candidates(source: SourceText, fmt: str, code: str, line: int):
    start, end, _ = _line_bounds(source, line)
    content = source.text[start:end]
    if line > 1:
        above_start, above_end, _ = _line_bounds(source, line - 1)
        above = _HTML.fullmatch(source.text[above_start:above_end].strip())
        if above and above.group("verb") == "disable-next-line" and above.group("codes").strip():
            codes = above.group("codes").rstrip()
            at = above_start + source.text[above_start:above_end].index(codes) + len(codes)
            yield at, at, f", {code}", line
    previous = source.line_text(line - 1) if line > 1 else ""
    in_paragraph = (
        fmt == "markdown"
        and previous.strip()
        and not _HTML.search(previous)
        and not _LIST_OR_HEADING.match(content)
        and line - 1 >= _front_matter_end(source) + 1
    )
    comment = f"<!-- rolelint-disable-next-line {code} -->"
    if in_paragraph:
        yield end, end, f" <!-- rolelint-disable-line {code} -->", line
    yield start, start, f"{_indent(content)}{comment}{_newline(source)}", line + 1
    yield end, end, f" <!-- rolelint-disable-line {code} -->", line


def _file_candidates(source: SourceText, fmt: str, code: str):
    text = source.text
    at = 1 if text.startswith(BOM) else 0
    if fmt == "yaml":
        yield at, at, f"# rolelint: disable-file={code}{_newline(source)}", 1
        return
    closing = _front_matter_end(source)
    if closing and closing <= source.line_count:
        start, end, newline = _line_bounds(source, closing)
        at = end + len(newline)
        yield at, at, f"{'' if newline else _newline(source)}<!-- rolelint-disable-file {code} -->{_newline(source)}", 1
    elif not closing:
        yield at, at, f"<!-- rolelint-disable-file {code} -->{_newline(source)}", 1
