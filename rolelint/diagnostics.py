"""Findings produced by rules, and the diagnostics the engine makes of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that ``severity >= threshold`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r}; expected error, warning or info") from None

    @property
    def label(self) -> str:
        return self.name.lower()


# What a report adds to the message of a finding about a whole document that has no section of its
# own to point at, so it is shown where the document's text starts (``about_whole``: its kind).
WHOLE_DOCUMENT_NOTE = " (about the whole {kind}; shown where its text starts)"


def full_message(message: str, about_whole: str | None) -> str:
    """A finding's message as reports write it: with the whole-document note when it has one."""
    return message + WHOLE_DOCUMENT_NOTE.format(kind=about_whole) if about_whole else message


@dataclass(frozen=True)
class Fix:
    """A safe textual replacement: characters ``start``..``end`` of the file's text become ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Finding:
    """What a rule yields: plain and immutable. Offsets are character offsets into the file's text.

    The engine turns a Finding into a Diagnostic by adding the path, positions, severity and rule name.
    """

    code: str
    message: str
    start: int
    end: int
    suggestion: str | None = None
    fix: Fix | None = None
    field: str | None = None
    section: str | None = None
    context: str | None = None  # matched text, used for content-based fingerprints
    # The kind of document ("advert") the finding is about as a whole, when it was placed where the
    # text starts for want of a section of its own: reports say so (full_message); a page lists it.
    about_whole: str | None = None


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A finding placed in a file, with its final severity. Lines and columns are 1-based;
    columns count characters; ``end_column`` is exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    rule: str = field(default="", compare=False)
    suggestion: str | None = field(default=None, compare=False)
    field_path: str | None = field(default=None, compare=False)
    section: str | None = field(default=None, compare=False)
    fix: Fix | None = field(default=None, compare=False)
    context: str | None = field(default=None, compare=False)
    about_whole: str | None = field(default=None, compare=False)  # as Finding.about_whole

    @property
    def full_message(self) -> str:
        """The message as reports write it: with "(about the whole advert; shown where its text
        starts)" for a finding about the whole document (``about_whole``)."""
        return full_message(self.message, self.about_whole)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.label,
            "message": self.full_message,
            "suggestion": self.suggestion,
            "field": self.field_path,
            "section": self.section,
            "fixable": self.fix is not None,
        }


def finding_to_dict(f: Finding) -> dict:
    """A Finding as plain JSON data (for the result cache and the profession findings memo)."""
    item: dict = {"code": f.code, "message": f.message, "start": f.start, "end": f.end}
    for name in ("suggestion", "field", "section", "context", "about_whole"):
        value = getattr(f, name)
        if value is not None:
            item[name] = value
    if f.fix is not None:
        item["fix"] = [f.fix.start, f.fix.end, f.fix.replacement]
    return item


def finding_from_dict(item: dict) -> Finding:
    """The Finding ``finding_to_dict`` wrote (raises KeyError, TypeError or ValueError if malformed)."""
    fix = item.get("fix")
    optional = {
        name: str(item[name])
        for name in ("suggestion", "field", "section", "context", "about_whole")
        if item.get(name) is not None
    }
    return Finding(
        code=str(item["code"]),
        message=str(item["message"]),
        start=int(item["start"]),
        end=int(item["end"]),
        fix=Fix(int(fix[0]), int(fix[1]), str(fix[2])) if fix else None,
        **optional,
    )
