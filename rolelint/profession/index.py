"""The profession index: every framework, role and advert of the roles repo, cached by content hash.

pre-commit passes only the changed files, but a role can only be checked against its framework, and
an advert against its role. So each run indexes the whole repo (the config's `kinds:` globs under its
root; with no `kinds:`, every YAML file the config includes) and the files given to the run replace
their copies on disk. Parsing with positions is the slow part, and an index entry needs only a
file's plain data, so entries are cached as JSON in `<root>/<cache_dir>/index-<version>.json`, keyed
by path and checked by a hash of the file's text (rolelint.profession.repo), written and read back
signed as every cache file is (rolelint.cache). JSON, not pickle: a cache inside a cloned repo is
data from a stranger, and must never be able to run code.

An entry also keeps the text features of the roles its file defines (stem counts, MinHash
signatures; see rolelint.profession.features), computed the first time a rule asks for them, so a
warm run does not tokenise unchanged roles again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rolelint import __version__
from rolelint.cache import create_cache_folder, read_signed, write_signed
from rolelint.config import Config
from rolelint.discovery import display_path
from rolelint.documents import KINDS, Document
from rolelint.loaders import load_file
from rolelint.profession.model import Advert, Framework, Role, advert_from, framework_from, inline_roles, role_from
from rolelint.profession.repo import RepoFiles, file_digest, repo_files, text_digest

CACHE_FORMAT = 2


@dataclass
class IndexEntry:
    display: str
    kind: str
    data: dict[str, Any]
    heading: str | None = None  # first heading of a Markdown or text advert
    document: Document | None = None  # set for the files given to this run
    # Text features of the roles this file defines, by the role's path in the file ("" for a role
    # file); the same dict as the cache entry's, so what a rule adds here is saved with it.
    features: dict[str, Any] = field(default_factory=dict)


@dataclass
class Duplicate:
    """An id defined twice: the second definition, and where the first one is."""

    kind: str
    id: str
    display: str
    path: str
    first_display: str
    first_path: str = "id"


@dataclass
class ProfessionIndex:
    entries: dict[str, IndexEntry] = field(default_factory=dict)
    frameworks: dict[str, Framework] = field(default_factory=dict)
    roles: dict[tuple[str, str], Role] = field(default_factory=dict)
    adverts: dict[str, Advert] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    _by_display: dict[str, list[Role]] = field(default_factory=dict, repr=False)
    _by_framework: dict[str, list[Role]] = field(default_factory=dict, repr=False)
    _by_id: dict[str, list[Role]] = field(default_factory=dict, repr=False)
    _cache: _Cache | None = field(default=None, repr=False)
    # What rules work out from the frameworks and roles alone (role profiles, the title table),
    # shared by the runs of a long-lived index that add only adverts to it (``with_documents``).
    derived: dict[Any, Any] = field(default_factory=dict, repr=False)

    @property
    def targets(self) -> list[IndexEntry]:
        """The entries given to this run, the only ones findings are reported for."""
        return [e for e in self.entries.values() if e.document is not None]

    def roles_of(self, framework_id: str) -> list[Role]:
        return list(self._by_framework.get(framework_id, ()))

    def roles_in(self, display: str) -> list[Role]:
        return list(self._by_display.get(display, ()))

    def find_roles(self, role_id: str) -> list[Role]:
        return list(self._by_id.get(role_id, ()))

    def role_features(self, role: Role) -> dict[str, Any]:
        """The cached features of ``role`` (a dict to read and add to; see ``features_changed``)."""
        entry = self.entries.get(role.display)
        if entry is None:
            return {}
        return entry.features.setdefault(role.path, {})

    def features_changed(self) -> None:
        if self._cache is not None:
            self._cache.dirty = True

    def save(self) -> None:
        """Write the cache (index entries and the features rules added to them), if anything changed."""
        if self._cache is not None:
            self._cache.save()

    def add(self, entry: IndexEntry) -> None:
        self.entries[entry.display] = entry

    def link(self) -> None:
        """Build the typed views from the entries' data (frameworks first, in a stable order)."""
        ordered = sorted(self.entries.values(), key=lambda e: (KINDS.index(e.kind), e.display))
        for entry in ordered:
            if entry.kind == "framework":
                framework = framework_from(entry.data, entry.display)
                if framework is None:
                    continue
                if framework.id in self.frameworks:
                    self.duplicates.append(
                        Duplicate(
                            "framework", framework.id, entry.display, "id", self.frameworks[framework.id].display, "id"
                        )
                    )
                    continue
                self.frameworks[framework.id] = framework
                for role in inline_roles(entry.data, entry.display):
                    self._add_role(role)
            elif entry.kind == "role":
                role = role_from(entry.data, entry.display)
                if role is not None:
                    self._add_role(role)
            elif entry.kind == "advert":
                self.adverts[entry.display] = advert_from(entry.data, entry.display, title=entry.heading)

    def _add_role(self, role: Role) -> None:
        if role.key in self.roles:
            first = self.roles[role.key]
            self.duplicates.append(
                Duplicate("role", role.id, role.display, role.field("id"), first.display, first.field("id"))
            )
            return
        self.roles[role.key] = role
        self._by_display.setdefault(role.display, []).append(role)
        self._by_framework.setdefault(role.framework, []).append(role)
        self._by_id.setdefault(role.id, []).append(role)


def build_index(
    documents: list[Document],
    config: Config,
    *,
    cwd: Path,
    use_cache: bool = True,
    save: bool = True,
    repo: RepoFiles | None = None,
    holding_no_kind: set[str] | frozenset[str] = frozenset(),
) -> ProfessionIndex:
    """Index the repo under ``config.root``; ``documents`` (the files given to the run) win over disk.
    With ``save`` False the cache is written by ``index.save()``, after the rules have added features.
    ``repo``: the files and digests taken earlier in the run (rolelint.profession.memo); the index
    uses them rather than walking and hashing the repo again, and notes the files it reads itself.
    ``holding_no_kind``: files given to the run (display paths) that it read from disk, with the kind
    hint the index gives them, and found no document of a kind in: the index holds nothing of them,
    so it does not read them again."""
    cwd = cwd.resolve()
    index = ProfessionIndex()
    given: dict[str, Document] = {}
    for document in documents:
        if document.kind in KINDS:
            given[document.path] = document
    cache = _Cache(config, enabled=use_cache)
    hits = misses = 0
    for entry in repo.files if repo is not None else repo_files(config, cwd):
        if entry.display in given:
            continue
        if entry.display in holding_no_kind:
            cache.seen.add(entry.relative)  # its cache entry, if any, stays for a run that does read it
            continue
        digest = repo.digests.get(entry.display) if repo is not None else None
        cached = cache.lookup(entry.relative, entry.path, config.kind_for(entry.relative), digest=digest)
        if cached is not None:
            hits += 1
        else:
            misses += 1
            cached = cache.store(entry.relative, entry.path, config.kind_for(entry.relative), config)
            if repo is not None:
                repo.read_again.append(entry)
        if cached and cached.get("kind") in KINDS:
            index.add(
                IndexEntry(
                    entry.display,
                    cached["kind"],
                    cached.get("data") or {},
                    cached.get("heading"),
                    features=cache.features(cached),
                )
            )
    root = config.root.resolve()
    for display, document in given.items():
        given_entry = IndexEntry(
            display,
            document.kind,
            document.data if isinstance(document.data, dict) else {},
            first_heading(document),
            document,
        )
        index.add(given_entry)
        absolute = Path(os.path.abspath(cwd / display))
        try:
            relative = absolute.relative_to(root).as_posix()
        except ValueError:
            continue
        # A given file is already parsed: keep (or refresh) its cache entry for the next run.
        given_entry.features = cache.features(cache.put(relative, document, config.kind_for(relative)))
    index._cache = cache
    if save:
        cache.save()
    index.stats = {"files": len(index.entries), "cache_hits": hits, "cache_misses": misses}
    index.link()
    return index


def with_documents(base: ProfessionIndex, documents: list[Document]) -> ProfessionIndex:
    """``base`` (an index loaded earlier, not changed) with ``documents`` added as the files given to
    a run, each replacing the entry of the same path."""
    index = ProfessionIndex()
    index.entries = {display: replace(entry, document=None) for display, entry in base.entries.items()}
    given = [document for document in documents if document.kind in KINDS]
    for document in given:
        index.add(
            IndexEntry(
                document.path,
                document.kind,
                document.data if isinstance(document.data, dict) else {},
                first_heading(document),
                document,
            )
        )
    index.stats = {"files": len(index.entries), "cache_hits": 0, "cache_misses": 0}
    adverts_only = all(d.kind == "advert" and base.entries.get(d.path, _ADVERT).kind == "advert" for d in given)
    if not adverts_only:
        index.link()
        return index
    # Only adverts change: the frameworks and roles, and what rules derive from them, are the base's.
    index.frameworks, index.roles, index.duplicates = base.frameworks, base.roles, base.duplicates
    index._by_display, index._by_framework, index._by_id = base._by_display, base._by_framework, base._by_id
    index.derived = base.derived
    index.adverts = dict(base.adverts)
    for document in given:
        entry = index.entries[document.path]
        index.adverts[entry.display] = advert_from(entry.data, entry.display, title=entry.heading)
    return index


_ADVERT = IndexEntry("", "advert", {})


def refreshed(base: ProfessionIndex, config: Config, *, cwd: Path, changed: list[str]) -> ProfessionIndex:
    """``base`` with the files ``changed`` (paths relative to the config's root) read again from disk:
    a file that is gone, or that the index would no longer hold, leaves it; the rest keep their entries.
    What a long-lived index (rolelint.api) does when a framework or role file is saved."""
    from rolelint.profession.repo import indexed

    cwd = cwd.resolve()
    root = config.root.resolve()
    index = ProfessionIndex()
    index.entries = {display: replace(entry, document=None) for display, entry in base.entries.items()}
    cache = _Cache(config, enabled=False)
    for relative in changed:
        path = Path(os.path.normpath(root / relative))
        display = display_path(path, cwd)
        index.entries.pop(display, None)
        if not path.is_file() or not indexed(relative, config):
            continue
        stored = cache.store(relative, path, config.kind_for(relative), config)
        if stored and stored.get("kind") in KINDS:
            index.add(IndexEntry(display, stored["kind"], stored.get("data") or {}, stored.get("heading")))
    index.stats = {"files": len(index.entries), "cache_hits": 0, "cache_misses": len(changed)}
    index.link()
    return index


def first_heading(document: Document) -> str | None:
    """The advert's title as written: its first heading, unless that is a section heading ("The role")
    and a short first line comes before it, as in drafts that open with the bare job title."""
    if document.format == "yaml" and not document.sections:
        return None
    heading = next((s for s in document.sections if s.category != "preamble" and s.heading), None)
    if heading is not None and heading.category == "other":
        return heading.heading.strip()
    start = document.body_start or 0
    end = heading.heading_start if heading is not None else len(document.source.text)
    for line in document.source.text[start:end].splitlines():
        line = line.strip().strip("#*_ ").strip()
        if line:
            if len(line) <= 80 and not line.endswith((".", ":", "!", "?")) and "**" not in line:
                return line
            break
    return heading.heading.strip() if heading is not None else None


class _Cache:
    """Index entries by relative path, each valid while the file's hash and kind hint are unchanged."""

    def __init__(self, config: Config, *, enabled: bool):
        self.enabled = enabled
        self.path = config.cache_directory / f"index-{__version__}.json"
        self.config = config
        self.entries: dict[str, dict] = {}
        self.dirty = False
        self.seen: set[str] = set()
        if enabled:
            self.entries = self._read()

    def _read(self) -> dict[str, dict]:
        raw = read_signed(self.path)  # None unless this user's rolelint wrote it
        if not isinstance(raw, dict) or raw.get("format") != CACHE_FORMAT or raw.get("version") != __version__:
            return {}
        entries = raw.get("entries")
        return entries if isinstance(entries, dict) else {}

    def lookup(self, relative: str, path: Path, kind_hint: str | None, *, digest: str | None = None) -> dict | None:
        """The entry of an unchanged file: ``digest`` is the file's (rolelint.profession.repo.file_digest)
        if already taken."""
        self.seen.add(relative)
        cached = self.entries.get(relative)
        if not self.enabled or not isinstance(cached, dict):
            return None
        if digest is None:
            digest = file_digest(path, self.config)
        if cached.get("sha") != digest or cached.get("hint") != kind_hint:
            return None
        return cached

    def store(self, relative: str, path: Path, kind_hint: str | None, config: Config) -> dict | None:
        loaded = load_file(path, relative, kind_hint=kind_hint, options=config.load_options)
        document = loaded.document
        if loaded.source is None:
            return None
        entry: dict[str, Any] = {"sha": text_digest(loaded.source.text), "hint": kind_hint, "kind": None}
        if document is not None and document.kind in KINDS and isinstance(document.data, dict):
            entry["kind"] = document.kind
            entry["data"] = _plain(document.data)
            entry["heading"] = first_heading(document)
        if self.enabled:
            self.entries[relative] = entry
            self.dirty = True
        return entry

    def put(self, relative: str, document: Document, kind_hint: str | None) -> dict | None:
        self.seen.add(relative)
        if not self.enabled:
            return None
        digest = text_digest(document.source.text)
        cached = self.entries.get(relative)
        if isinstance(cached, dict) and cached.get("sha") == digest and cached.get("hint") == kind_hint:
            return cached
        entry: dict[str, Any] = {"sha": digest, "hint": kind_hint, "kind": None}
        if document.kind in KINDS and isinstance(document.data, dict):
            entry.update(kind=document.kind, data=_plain(document.data), heading=first_heading(document))
        self.entries[relative] = entry
        self.dirty = True
        return entry

    def features(self, cached: dict | None) -> dict[str, Any]:
        """The entry's features dict, shared with the entry so that additions are saved (a fresh one
        when the cache is off)."""
        if not self.enabled or not isinstance(cached, dict):
            return {}
        features = cached.get("features")
        if not isinstance(features, dict):
            features = cached["features"] = {}
        return features

    def save(self) -> None:
        stale = set(self.entries) - self.seen
        for relative in stale:
            del self.entries[relative]
        if not self.enabled or not (self.dirty or stale):
            return
        payload = {"format": CACHE_FORMAT, "version": __version__, "entries": self.entries}
        try:
            if not self.path.parent.is_dir():
                create_cache_folder(self.path.parent)
            write_signed(self.path, payload)
        except OSError:
            pass  # a read-only checkout still lints; it just re-parses next time


def _plain(value: Any) -> Any:
    """Data as JSON holds it (YAML may give dates or non-string keys)."""
    return json.loads(json.dumps(value, default=str))


__all__ = [
    "IndexEntry",
    "ProfessionIndex",
    "build_index",
    "display_path",
    "first_heading",
    "refreshed",
    "with_documents",
]
