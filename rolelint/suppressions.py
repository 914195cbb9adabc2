"""Inline suppression comments: parse them, apply them, and report the ones that suppress nothing."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from rolelint.source import SourceText

_YAML = re.compile(r"#\s*rolelint:\s*(?P<verb>disable-file|disable-next-line|disable-line|disable)\b"
                   r"(?:\s*=\s*(?P<codes>[A-Za-z0-9_, ]*))?")
_HTML = re.compile(r"<!--\s*rolelint-(?P<verb>disable-file|disable-next-line|disable-line|disable|enable)\b"
                   r"(?P<codes>[A-Za-z0-9_, ]*)-->")
_CODE = re.compile(r"^[A-Z]{2,4}[0-9]{0,3}$")


@dataclass
class Suppression:
    codes: tuple[str, ...]  # empty: every rule
    first_line: int
    last_line: int  # inclusive
    start: int  # comment offsets, to report an unused suppression
    end: int
    used: set[str] = field(default_factory=set)
    invalid: tuple[str, ...] = ()

    def covers(self, code: str, line: int) -> bool:
        return self.first_line <= line <= self.last_line and self.names(code)

    def names(self, code: str) -> bool:
        """The suppression is about ``code`` (it names it, a prefix of it, or every rule)."""
        return not self.codes or any(code.startswith(prefix) for prefix in self.codes)


def _codes(raw: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    parts = [p.strip() for p in re.split(r"[,\s]+", raw or "") if p.strip()]
    good = tuple(p.upper() for p in parts if _CODE.match(p.upper()))
    bad = tuple(p for p in parts if not _CODE.match(p.upper()))
    return good, bad


def parse_suppressions(source: SourceText, fmt: str) -> list[Suppression]:
    text = source.text
    if fmt == "none" or "rolelint" not in text:  # a format with no comments (JSON-LD, .docx) takes none
        return []
    last = source.line_count
    found: list[Suppression] = []
    front_matter_end = _front_matter_end(source) if fmt != "yaml" else 0
    # YAML comments: in YAML files and in a Markdown file's front matter.
    for match in _YAML.finditer(text):
        line, _ = source.position(match.start())
        if fmt != "yaml" and not 1 < line < front_matter_end:
            continue
        codes, bad = _codes(match.group("codes"))
        verb = match.group("verb")
        own_line = _alone_on_its_line(text, match.start())
        if verb == "disable-file":
            first, end_line = 1, last
        elif verb == "disable-next-line" or (verb == "disable" and own_line):
            first = end_line = line + 1
        else:
            first = end_line = line
        found.append(Suppression(codes, first, end_line, match.start(), match.end(), invalid=bad))
    if fmt == "yaml":
        return found
    open_ranges: dict[tuple[str, ...], Suppression] = {}
    for match in _HTML.finditer(text):
        line, _ = source.position(match.start())
        end_line_of_comment, _ = source.position(match.end())
        codes, bad = _codes(match.group("codes"))
        verb = match.group("verb")
        if verb == "disable-file":
            found.append(Suppression(codes, 1, last, match.start(), match.end(), invalid=bad))
        elif verb == "disable-next-line":
            target = end_line_of_comment + 1
            found.append(Suppression(codes, target, target, match.start(), match.end(), invalid=bad))
        elif verb == "disable-line":
            found.append(Suppression(codes, line, line, match.start(), match.end(), invalid=bad))
        elif verb == "disable":
            suppression = Suppression(codes, line, last, match.start(), match.end(), invalid=bad)
            found.append(suppression)
            open_ranges[codes] = suppression
        else:  # enable closes the matching open range (or every open range when no codes are given)
            keys = [codes] if codes in open_ranges else (list(open_ranges) if not codes else [])
            for key in keys:
                open_ranges.pop(key).last_line = line
    return found


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
