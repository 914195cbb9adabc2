"""TOML read with positions: tomllib gives the values, a scanner here finds where each key and value is.

tomllib (the standard library's TOML reader) validates the text and builds the data but keeps no
positions. Once it has accepted a text, this scanner walks the same text once more and records, for
every key, the offsets of the key and of its value, and for every string value the decoded text with
one file offset per character, so findings in TOML front matter point at the right line and column.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

from rolelint.documents import TextSpan, join_path
from rolelint.yamlpos import MAX_DEPTH, NON_PROSE_KEYS


@dataclass
class TomlResult:
    data: Any = None
    nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    key_nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    spans: list[TextSpan] = field(default_factory=list)
    problems: list[tuple[str, str, int, int]] = field(default_factory=list)  # (code, message, start, end)
    ok: bool = True


_LINE_COLUMN = re.compile(r"\(at line (\d+), column (\d+)\)")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR_END = re.compile(r"[,\]}#\r\n]")
# tomllib's words for a key or table given twice, in the words of the person who wrote it twice.
_TWICE = re.compile(r"Cannot overwrite a value|Cannot declare \(.*\) twice|Cannot mutate immutable namespace")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}


class _TooDeep(Exception):
    def __init__(self, offset: int):
        super().__init__(offset)
        self.offset = offset


def load_toml(text: str, *, base: int = 0) -> TomlResult:
    """Parse ``text`` (TOML front matter starting at file offset ``base``)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib

    result = TomlResult()
    try:
        result.data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        offset = base + _error_offset(text, str(exc))
        message = _LINE_COLUMN.sub("", str(exc)).strip()
        if _TWICE.fullmatch(message):
            message = "a key or table on this line was already given above; TOML allows each only once"
        result.problems.append(("RL001", f"invalid TOML front matter: {message}", offset, offset + 1))
        result.ok = False
        return result
    except RecursionError:
        result.problems.append(_too_deep(base + _deepest(text)))
        result.ok = False
        return result
    scanner = _Scanner(text, base, result)
    try:
        scanner.document()
    except _TooDeep as exc:
        result.problems.append(_too_deep(base + exc.offset))
        result.ok = False
        result.data = None
    except (IndexError, ValueError):
        pass  # tomllib accepted the text; positions found so far are kept, the rest fall back to parents
    return result


def _too_deep(offset: int) -> tuple[str, str, int, int]:
    return (
        "RL008",
        f"the front matter nests deeper than {MAX_DEPTH} levels; rolelint reads documents up to that depth",
        offset,
        offset + 1,
    )


def _deepest(text: str) -> int:
    """Where brackets first nest past MAX_DEPTH (strings ignored: only for a report's position)."""
    depth = 0
    for index, char in enumerate(text):
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return index
        elif char in "]}":
            depth = max(0, depth - 1)
    return 0


def _error_offset(text: str, message: str) -> int:
    match = _LINE_COLUMN.search(message)
    if not match:
        return 0
    line, column = int(match.group(1)), int(match.group(2))
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    return min(starts[min(line, len(starts)) - 1] + column - 1, len(text))


class _Scanner:
    """One pass over text tomllib accepted. Each character is read a bounded number of times."""

    def __init__(self, text: str, base: int, result: TomlResult):
        self.text = text
        self.base = base
        self.result = result
        self.i = 0
        self.table = ""  # the path of the current [table]
        self.array_counts: dict[str, int] = {}  # [[array]] path -> tables seen so far

    def document(self) -> None:
        text = self.text
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(text):
                return
            if text[self.i] == "[":
                self.header()
            else:
                self.key_value(self.table, 0)
            self.skip_blank(newlines=False)
            if self.i < len(text) and text[self.i] not in "\r\n":
                raise ValueError("expected the end of a line")

    def skip_blank(self, *, newlines: bool) -> None:
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            if char in " \t" or (newlines and char in "\r\n"):
                self.i += 1
            elif char == "#":
                while self.i < len(text) and text[self.i] not in "\r\n":
                    self.i += 1
            else:
                return

    def header(self) -> None:
        double = self.text.startswith("[[", self.i)
        self.i += 2 if double else 1
        parts = self.key_parts()
        self.i += 2 if double else 1
        path = ""
        for part in parts[:-1]:
            path = join_path(path, part)
            if path in self.array_counts:
                path = join_path(path, self.array_counts[path] - 1)
        path = join_path(path, parts[-1])
        if double:
            self.array_counts[path] = self.array_counts.get(path, 0) + 1
            path = join_path(path, self.array_counts[path] - 1)
        self.table = path

    def key_parts(self) -> list[str]:
        """A dotted key; ``self.i`` left after it (and the blanks after it)."""
        parts = []
        while True:
            self.skip_blank(newlines=False)
            parts.append(self.key_part())
            self.skip_blank(newlines=False)
            if self.i < len(self.text) and self.text[self.i] == ".":
                self.i += 1
                continue
            return parts

    def key_part(self) -> str:
        text = self.text
        if text[self.i] in "\"'":
            value, _, end = self.string(self.i, want_offsets=False)
            self.i = end
            return value
        match = _BARE_KEY.match(text, self.i)
        if match is None:
            raise ValueError("expected a key")
        self.i = match.end()
        return match.group()

    def key_value(self, table: str, depth: int) -> None:
        key_start = self.i
        parts = self.key_parts()
        key_end = self.i
        while key_end > key_start and self.text[key_end - 1] in " \t":
            key_end -= 1
        path = table
        for part in parts:
            path = join_path(path, part)
        self.i += 1  # "="
        self.skip_blank(newlines=False)
        self.result.key_nodes[path] = (self.base + key_start, self.base + key_end)
        self.value(path, depth)

    def value(self, path: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise _TooDeep(self.i)
        text = self.text
        start = self.i
        char = text[start]
        if char in "\"'":
            value, offsets, end = self.string(start, want_offsets=True)
            self.i = end
            leaf = path.rsplit(".", 1)[-1].split("[", 1)[0]
            if value.strip() and leaf not in NON_PROSE_KEYS:
                self.result.spans.append(TextSpan(value, (*offsets, offsets[-1] + 1), path, block="scalar"))
        elif char == "[":
            self.i += 1
            index = 0
            while True:
                self.skip_blank(newlines=True)
                if text[self.i] == "]":
                    self.i += 1
                    break
                self.value(join_path(path, index), depth + 1)
                index += 1
                self.skip_blank(newlines=True)
                if text[self.i] == ",":
                    self.i += 1
        elif char == "{":
            self.i += 1
            while True:
                self.skip_blank(newlines=False)
                if text[self.i] == "}":
                    self.i += 1
                    break
                self.key_value(path, depth + 1)
                self.skip_blank(newlines=False)
                if text[self.i] == ",":
                    self.i += 1
        else:
            match = _SCALAR_END.search(text, start)
            end = match.start() if match else len(text)
            while end > start and text[end - 1] in " \t":
                end -= 1
            self.i = end
        self.result.nodes[path] = (self.base + start, self.base + self.i)

    def string(self, start: int, *, want_offsets: bool) -> tuple[str, list[int], int]:
        """The string starting at ``start``: its value, each value character's file offset, and the
        index just past its closing quote."""
        text = self.text
        quote = text[start]
        triple = text.startswith(quote * 3, start)
        delimiter = quote * 3 if triple else quote
        i = start + len(delimiter)
        if triple and text.startswith("\r\n", i):
            i += 2
        elif triple and text[i] == "\n":
            i += 1
        chars: list[str] = []
        offsets: list[int] = []
        while True:
            if text.startswith(delimiter, i):
                if triple:  # up to two more quotes right before the closing ones belong to the value
                    extra = 0
                    while extra < 2 and text.startswith(quote, i + 3 + extra):
                        extra += 1
                    for k in range(extra):
                        chars.append(quote)
                        offsets.append(self.base + i + k)
                    i += 3 + extra
                else:
                    i += 1
                return "".join(chars), offsets, i
            char = text[i]
            if quote == '"' and char == "\\":
                escape = text[i + 1]
                if escape in _ESCAPES:
                    chars.append(_ESCAPES[escape])
                    offsets.append(self.base + i)
                    i += 2
                elif escape in "uU":
                    width = 4 if escape == "u" else 8
                    chars.append(chr(int(text[i + 2 : i + 2 + width], 16)))
                    offsets.append(self.base + i)
                    i += 2 + width
                elif escape == "x":
                    chars.append(chr(int(text[i + 2 : i + 4], 16)))
                    offsets.append(self.base + i)
                    i += 4
                else:  # a line-ending backslash: the line break and blanks after it are dropped
                    i += 1
                    while text[i] in " \t\r\n":
                        i += 1
                continue
            if not want_offsets and char in "\r\n" and not triple:
                raise ValueError("unterminated string")
            chars.append(char)
            offsets.append(self.base + i)
            i += 1
