"""The documents rolelint lints: their kind, their data, and their prose spans with positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence, TypeVar

from rolelint.source import SourceText

_T = TypeVar("_T")

KINDS = ("framework", "role", "advert")
# The metadata keys that say which role level an advert is for (rolelint.profession.model.advert_from).
ROLE_LEVEL_KEYS = ("framework", "role", "level")


@dataclass(frozen=True)
class InferredRoleLevel:
    """A role level rolelint took an advert to be for when its metadata named none (what RL316 reports),
    from its title and DDaT links (``Linter.inferred_role_levels``): ``framework``, ``role`` and
    ``level`` ids as front matter names them (``level`` None when only the role could be told), and
    ``title``, the title advertised at that level (the role's own title when the level is unknown)."""

    framework: str
    role: str
    level: str | None
    title: str


@dataclass(frozen=True)
class TextSpan:
    """A piece of prose in a document.

    ``text`` is what rules read; ``offsets[i]`` is the character offset in the file of ``text[i]``
    (``offsets`` has one extra entry, the offset just past the end). For Markdown the text is a
    verbatim slice of the file with markup masked to spaces, and ``offsets`` a ``range`` (one int
    a character in a tuple was most of a span's memory, and of what --jobs workers send back); for
    YAML scalars it is the scalar's value, aligned back onto the source, offset by offset.
    """

    text: str
    offsets: Sequence[int]
    field: str | None = None  # e.g. "levels[2].responsibilities[0]"
    section: str | None = None  # section category, e.g. "responsibilities"
    heading: str | None = None  # the section's heading text as written
    block: str = "paragraph"  # paragraph | list_item | heading | scalar

    def file_offset(self, index: int) -> int:
        index = max(0, min(index, len(self.offsets) - 1))
        return self.offsets[index]

    def file_range(self, start: int, end: int) -> tuple[int, int]:
        """File offsets for ``text[start:end]``."""
        if end <= start:
            offset = self.file_offset(start)
            return offset, offset
        return self.file_offset(start), self.file_offset(end - 1) + 1


@dataclass
class Section:
    """A headed section of a Markdown or text body."""

    heading: str
    category: str
    level: int
    start: int  # file offset of the heading (or of the body for the preamble)
    end: int
    heading_start: int
    heading_end: int


@dataclass
class Document:
    """A loaded file.

    ``data`` is plain Python data (front matter for Markdown); ``nodes`` maps a field path to the
    (start, end) file offsets of its value, and ``key_nodes`` to those of its key, so that any
    finding about a field can be placed exactly.
    """

    source: SourceText
    kind: str | None
    data: dict[str, Any] = field(default_factory=dict)
    spans: list[TextSpan] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    key_nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    format: str = "yaml"  # a name in rolelint.formats.FORMATS
    kind_source: str = "key"  # key | config | default
    body_start: int | None = None  # file offset where a Markdown/text body starts
    front_matter: str | None = None  # its syntax (yaml | toml | json | as written), None without one
    # Front matter with no `kind:` or `$schema`: keys rolelint does not know are the site's own metadata
    site_metadata: bool = False
    # In such front matter, keys rolelint knows whose values are not in rolelint's form (a site's own
    # `role: UX Design`): kept here, out of ``data``, so no rule reads them as rolelint's (see schema).
    site_data: dict[str, Any] = field(default_factory=dict)
    # Keys of ``data`` the caller gave rather than the file (give_role_level): no place in the text
    given_keys: tuple[str, ...] = ()
    # rolelint.language.Languages: each span's language, worked out when a text rule run first asks
    languages: Any = field(default=None, compare=False, repr=False)
    # What rules work out from the document and share, by name (``worked_out``)
    shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def path(self) -> str:
        return self.source.path

    def worked_out(self, name: str, basis: Sequence[object], work: Callable[[], _T]) -> _T:
        """``work()``, kept under ``name`` while asked again with the same ``basis``: the objects it is
        worked out from (the document's data, its spans, a rule's options), each compared by identity,
        so what is replaced is worked out anew. Several rules that read the same thing of a document
        (its title's head nouns), or a rule's prefetch and its check, share it so."""
        kept = self.shared.get(name)
        if kept is not None and len(kept[0]) == len(basis) and all(a is b for a, b in zip(kept[0], basis)):
            return kept[1]
        value = work()
        self.shared[name] = (tuple(basis), value)
        return value

    def field_range(self, path: str, *, key: bool = False) -> tuple[int, int]:
        """Offsets of a field's value (or key); falls back to the nearest known parent, then the file start."""
        table = self.key_nodes if key else self.nodes
        probe = path
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.nodes:
                return self.nodes[probe]
            probe = _parent_path(probe)
        return (0, min(1, len(self.source.text)))

    def section_of(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None


def give_role_level(document: Document, values: Sequence[tuple[str, str]]) -> bool:
    """Say which role level an advert is for, as the caller knows it (a web page's chooser, an import
    of adverts with their levels): ``values`` over ROLE_LEVEL_KEYS become the advert's metadata, for
    every format alike, unless the advert's own metadata names any of them — the file's word wins,
    as it does over the config's globs for its kind. Returns whether the values were given."""
    if document.kind != "advert" or not values or not isinstance(document.data, dict):
        return False
    if any(document.data.get(key) is not None for key in ROLE_LEVEL_KEYS):
        return False
    document.data = {**document.data, **dict(values)}
    document.given_keys = tuple(key for key, _ in values)
    return True


def _parent_path(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rfind("[")]
    if "." in path:
        return path[: path.rfind(".")]
    return ""


def join_path(parent: str, key: str | int) -> str:
    """Field paths as people write them: ``levels[2].skills.product-management``."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else str(key)
