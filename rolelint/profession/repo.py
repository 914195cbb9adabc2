"""Which files the profession index holds, and a digest of each, taken once a run.

The index holds the files under the config's root that its `kinds:` globs place, or with no `kinds:`,
every YAML file the config includes. A run that memoises its findings (rolelint.profession.memo)
lists and hashes them before the per-file stage; the index then uses that list and those digests
instead of walking and hashing the repo a second time. Kept apart from the index so that the memo
does not import the index's model.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from rolelint.config import Config
from rolelint.discovery import FileEntry, discover
from rolelint.globs import matches
from rolelint.loaders import YAML_SUFFIXES


def repo_files(config: Config, cwd: Path, *, walked: list[FileEntry] | None = None) -> list[FileEntry]:
    """``walked``: what ``discover([config.root], config, cwd=cwd)`` found, when the run already
    walked exactly that (it is not walked again)."""
    root = config.root.resolve()
    if not root.is_dir():
        return []
    if walked is not None:
        entries = walked
    else:
        entries, _problems = discover([root], config, cwd=cwd)
    globs = [pattern for patterns in config.kinds.values() for pattern in patterns]
    if globs:
        return [e for e in entries if matches(e.relative, globs)]
    return [e for e in entries if e.path.suffix.lower() in YAML_SUFFIXES]


def indexed(relative: str, config: Config) -> bool:
    """Whether the index holds the file ``relative`` (to the config's root), as ``repo_files`` picks them."""
    if not matches(relative, config.include) or matches(relative, config.exclude):
        return False
    globs = [pattern for patterns in config.kinds.values() for pattern in patterns]
    if globs:
        return matches(relative, globs)
    return Path(relative).suffix.lower() in YAML_SUFFIXES


def file_digest(path: Path, config: Config) -> str:
    """SHA-256 of the file's text as rolelint reads it (UTF-8 without a byte-order mark, else the
    config's fallback encoding), else of its bytes; a file over `max_file_size` is never read, so
    only that counts; an unreadable one is "unreadable"."""
    try:
        if path.stat().st_size > config.max_file_size:
            return "too-large"
        data = path.read_bytes()
    except OSError:
        return "unreadable"
    raw = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            if not config.encoding_fallback:
                raise LookupError
            text = raw.decode(config.encoding_fallback)
        except (UnicodeDecodeError, LookupError):
            return "bytes:" + hashlib.sha256(data).hexdigest()
    return text_digest(text)


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class RepoFiles:
    """The index's files and their digests, taken before the per-file stage read anything."""

    files: list[FileEntry]
    digests: dict[str, str]  # display -> file_digest
    read_again: list[FileEntry] = field(default_factory=list)  # files the index had to read itself

    @classmethod
    def scan(cls, config: Config, cwd: Path, *, walked: list[FileEntry] | None = None) -> RepoFiles:
        files = repo_files(config, cwd, walked=walked)
        return cls(files, {entry.display: file_digest(entry.path, config) for entry in files})
