"""Inline suppression comments: parse them, apply them, and report the ones that suppress nothing."""

from __future__ import annotations

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
        if not self.first_line <= line <= self.last_line:
            return False
        return not self.codes or any(code.startswith(prefix) for prefix in self.codes)


def _codes(raw: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    parts = [p.strip() for p in re.split(r"[,\s]+", raw or "") if p.strip()]
    good = tuple(p.upper() for p in parts if _CODE.match(p.upper()))
    bad = tuple(p for p in parts if not _CODE.match(p.upper()))
    return good, bad


def parse_suppressions(source: SourceText, fmt: str) -> list[Suppression]:
    text = source.text
    if "rolelint" not in text:
        return []
    last = source.line_count
    found: list[Suppression] = []
    # YAML comments: in YAML files and in a Markdown file's front matter.
    for match in _YAML.finditer(text):
        line, column = source.position(match.start())
        before = source.line_text(line)[: column - 1]
        if fmt != "yaml" and line > 1 and not _in_front_matter(source, line):
            continue
        codes, bad = _codes(match.group("codes"))
        verb = match.group("verb")
        own_line = not before.strip()
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


def _in_front_matter(source: SourceText, line: int) -> bool:
    if source.line_text(1).strip() != "---":
        return False
    for number in range(2, min(line, source.line_count) + 1):
        if source.line_text(number).strip() in ("---", "..."):
            return number > line
    return True
