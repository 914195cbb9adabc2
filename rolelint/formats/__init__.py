"""Input formats: one module each, declaring how its files become Documents; ``FORMATS`` is the table.

A format knows its file suffixes, how its bytes decode to text (``decode``), how that text parses into
a Document with positions (``parse``), which suppression comments it takes, whether ``--fix`` may
rewrite it, and the kind a file of it is when nothing else says. Loaders, suppressions, fixes, the
cache, the config's default ``include`` and the rule schema's ``formats`` all read this table, so
adding a format is one module here plus its tests (see docs/architecture.md).
"""

from __future__ import annotations

from pathlib import PurePath

from rolelint.formats.base import Format, Unreadable, decode_text
from rolelint.formats.docx import DOCX
from rolelint.formats.html import HTML
from rolelint.formats.jsonld import JSON_LD
from rolelint.formats.markdown import MARKDOWN
from rolelint.formats.text import TEXT
from rolelint.formats.yaml import YAML

# In the order a suffix is looked up; the last is the fallback for any other suffix.
FORMATS: dict[str, Format] = {f.name: f for f in (YAML, MARKDOWN, HTML, JSON_LD, DOCX, TEXT)}
FALLBACK = TEXT


def format_named(name: str) -> Format:
    """The format called ``name`` (KeyError for an unknown one)."""
    return FORMATS[name]


def format_for(path: str | PurePath) -> Format:
    """The format a file is read as, by its suffix; a file with any other suffix is plain text."""
    suffix = PurePath(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    return FALLBACK


def has_format(path: str | PurePath) -> bool:
    """Whether a format claims the file's suffix (otherwise it is read as plain text only when named)."""
    suffix = PurePath(path).suffix.lower()
    return any(suffix in fmt.suffixes for fmt in FORMATS.values())


def default_include() -> tuple[str, ...]:
    """The config's default ``include``: every format's default globs."""
    return tuple(glob for fmt in FORMATS.values() for glob in fmt.default_globs)


__all__ = [
    "FALLBACK",
    "FORMATS",
    "Format",
    "Unreadable",
    "decode_text",
    "default_include",
    "format_for",
    "format_named",
    "has_format",
]
