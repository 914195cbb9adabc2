"""Completion in YAML (files and Markdown front matter): the ids and steps a framework defines, which
yaml-language-server cannot offer because they live in other files.

Where the cursor is, as a path of keys, is read from the lines above it by their indentation, so it
works while the document is half-written and does not parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KIND = re.compile(r"^kind:[ \t]*['\"]?([\w-]+)", re.M)
_TOP = {name: re.compile(rf"^{name}:[ \t]*['\"]?([\w.-]+)", re.M) for name in ("framework", "role")}
# "key: value", "- key: value", with the key plain (no quotes, colons or comment marks).
_ENTRY = re.compile(
    r"^(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?(?:(?P<key>[^\s:#'\"\[\]{},][^:#]*?)[ \t]*:(?:[ \t]+(?P<value>.*))?)?[ \t]*$"
)
_VALUE_AT_CURSOR = re.compile(
    r"^(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?(?P<key>[^\s:#'\"\[\]{},][^:#]*?)[ \t]*:[ \t]+['\"]?(?P<partial>[\w.-]*)$"
)
_KEY_AT_CURSOR = re.compile(r"^(?P<indent>[ \t]*)(?P<partial>[\w.-]*)$")
_WORD_AFTER = re.compile(r"^[\w.-]*")
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")

KINDS = ("framework", "role", "advert")


@dataclass(frozen=True)
class Slot:
    """What can be completed at the cursor: ``what`` (framework, role, level, skill, proficiency or
    kind), the columns (characters of the cursor's line) the typed word spans, whether it is a mapping
    key (a skill id under `skills:`, followed by ": " unless a colon is already there), and the
    framework and role the document names."""

    what: str
    start: int
    end: int
    key: bool
    suffix: str
    framework: str | None
    role: str | None


def slot_at(text: str, lines: list[str], line: int, column: int, *, markdown: bool) -> Slot | None:
    """The Slot at the 0-based ``line`` and character ``column`` of a document whose lines are
    ``lines`` (without line breaks), or None where rolelint has nothing to offer."""
    if line >= len(lines):
        return None
    if markdown and not _in_front_matter(lines, line):
        return None
    current = lines[line]
    before, after = current[:column], current[column:]
    tail = _WORD_AFTER.match(after).group()
    end = column + len(tail)
    declared = _KIND.search(text)
    kind = declared.group(1) if declared else None
    framework, role = (_top(text, name) for name in ("framework", "role"))

    found = _VALUE_AT_CURSOR.match(before)
    if found:
        indent = len(found.group("indent"))
        if found.group("dash"):
            parents = _parents(lines, line, indent)
            parents = None if parents is None else parents + ["[]"]
        else:
            parents = _parents(lines, line, found.start("key"))
        if parents is None:
            return None
        what = _value_slot(parents + [found.group("key")], kind)
        if what is None:
            return None
        return Slot(what, found.start("partial"), end, False, "", framework, role)
    found = _KEY_AT_CURSOR.match(before)
    if found:
        parents = _parents(lines, line, len(found.group("indent")))
        if parents is None or not parents or parents[-1] != "skills" or kind == "framework":
            return None
        suffix = "" if after[len(tail) :].lstrip().startswith(":") else ": "
        return Slot("skill", found.start("partial"), end, True, suffix, framework, role)
    return None


def _top(text: str, name: str) -> str | None:
    found = _TOP[name].search(text)
    return found.group(1) if found else None


def _value_slot(path: list[str], kind: str | None) -> str | None:
    if path == ["kind"]:
        return "kind"
    if kind == "framework":
        # a framework defines its levels and skills; inline roles name them
        if len(path) >= 3 and path[0] == "roles" and path[-3:] == ["levels", "[]", "level"]:
            return "level"
        if len(path) >= 4 and path[0] == "roles" and path[-2] == "skills":
            return "proficiency"
        return None
    if path == ["framework"]:
        return "framework"
    if path == ["role"] and kind != "role":
        return "role"
    if path == ["level"] and kind != "role":
        return "level"
    if path[-3:] == ["levels", "[]", "level"]:
        return "level"
    if len(path) >= 2 and path[-2] == "skills":
        return "proficiency"
    return None


def _parents(lines: list[str], line: int, column: int) -> list[str] | None:
    """The keys (and "[]" for sequence items) that hold a node written at ``column`` of ``line``,
    outermost first; None inside a block scalar (`|` or `>`), whose lines are text, not keys."""
    path: list[str] = []
    limit = column
    for number in range(line - 1, -1, -1):
        if limit == 0:
            break
        text = lines[number]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _FENCE.match(text):
            break  # the start of the front matter, or of the YAML document
        entry = _ENTRY.match(text)
        if entry is None:
            continue
        if entry.group("key") is not None:
            key_column = entry.start("key")
            if key_column < limit:
                value = (entry.group("value") or "").strip()
                if value[:1] in ("|", ">"):
                    return None
                path.append(entry.group("key"))
                limit = key_column
        if entry.group("dash") is not None:
            dash_column = len(entry.group("indent"))
            if dash_column < limit:
                path.append("[]")
                limit = dash_column
    return list(reversed(path))


def _in_front_matter(lines: list[str], line: int) -> bool:
    if not lines or not _FENCE.match(lines[0]) or lines[0].startswith("..."):
        return False
    for number in range(1, len(lines)):
        if _FENCE.match(lines[number]):
            return 0 < line < number
    return line > 0
