"""Memoised profession findings: a run over an unchanged repo reads them instead of computing them.

The profession rules read the whole index, so one file's RL3xx findings can depend on any file of
the repo. The memo therefore keys a run's findings by everything they are computed from: every
indexed file and every file given to the run (path, kind hint and a SHA-256 of its text), which
files were given, the selected profession rules, the config (which holds their options), the
working directory, and rolelint's version and code (which holds the options' defaults). Any change
to any of these is another key — the safe default for rules that compare files with each other —
so a run after an edit computes its findings again (and the per-file cache still spares it the rest). A hit also spares the engine from
parsing the files the per-file cache serves, since no rule needs their documents.

Entries are files ``<root>/<cache_dir>/index-<version>-findings-<key>.json``: JSON, never pickle,
keyed and signed as every cache file is (rolelint.cache: ``cache_key``, ``write_signed``). An entry that does not
verify, names another key or format, or cannot be read is a miss, never an error. The newest
``KEEP`` entries are kept; older ones are removed when a new one is written.

The files are listed and hashed once, before the per-file stage; on a miss the index uses that list
and those digests (rolelint.profession.repo.RepoFiles), so the memo costs a run that computes its
findings little more than it did before. An entry is written only if the files given to the run and
those the index read itself still hash as they did when the key was made, so a file edited during
the run cannot leave findings under a key that does not describe them.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from rolelint import __version__
from rolelint.cache import cache_key, code_fingerprint, create_cache_folder, read_signed, signed_by_us, write_signed
from rolelint.config import Config
from rolelint.diagnostics import Finding, finding_from_dict, finding_to_dict
from rolelint.discovery import FileEntry
from rolelint.profession.repo import RepoFiles, file_digest

MEMO_FORMAT = 1
KEEP = 4  # entries kept: e.g. the whole repo's run and a few runs on single files
REFRESH_AFTER = 86400.0  # a hit touches an entry older than this, so that cache pruning sees it used


class FindingsMemo:
    """The memo of one run: ``recall()`` before the run, ``remember(found)`` after computing."""

    def __init__(
        self,
        config: Config,
        cwd: Path,
        codes: list[str],
        given: list[FileEntry],
        *,
        walked: list[FileEntry] | None = None,
    ):
        self.directory = config.cache_directory
        self._config = config
        self.repo = RepoFiles.scan(config, cwd, walked=walked)
        self._given = list(given)
        digests = dict(self.repo.digests)
        for entry in given:
            if entry.display not in digests:
                digests[entry.display] = file_digest(entry.path, config)
        files: dict[str, tuple[FileEntry, bool]] = {e.display: (e, False) for e in self.repo.files}
        files.update((e.display, (e, True)) for e in given)
        parts: list[object] = [
            "rolelint profession findings",
            MEMO_FORMAT,
            __version__,
            code_fingerprint(),
            config.root.resolve().as_posix(),
            cwd.as_posix(),
            json.dumps(config.raw, sort_keys=True, default=str),
            " ".join(sorted(codes)),
        ]
        for display in sorted(files):
            entry, is_given = files[display]
            parts += [display, entry.relative, config.kind_for(entry.relative), is_given, digests[display]]
        self._digests = digests
        self.key = cache_key(*parts)

    @property
    def path(self) -> Path:
        return self.directory / f"index-{__version__}-findings-{self.key[:40]}.json"

    def unchanged(self) -> bool:
        """Whether the files this run read (the given ones, and those the index read itself) still
        hash as they did when the key was made."""
        for entry in [*self._given, *self.repo.read_again]:
            if file_digest(entry.path, self._config) != self._digests.get(entry.display):
                return False
        return True

    def recall(self) -> dict[str, list[Finding]] | None:
        """The findings stored under this run's key, or None."""
        path = self.path
        try:
            modified = path.stat(follow_symlinks=False).st_mtime
            payload = read_signed(path)  # None unless this user's rolelint wrote it
            if (
                payload is None
                or payload.get("format") != MEMO_FORMAT
                or payload.get("version") != __version__
                or payload.get("key") != self.key
            ):
                return None
            found = {
                str(display): [finding_from_dict(item) for item in items]
                for display, items in payload["findings"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None
        if not 0 <= time.time() - modified < REFRESH_AFTER:
            try:
                os.utime(path)
            except OSError:
                pass
        return found

    def remember(self, found: dict[str, list[Finding]]) -> bool:
        """Store ``found`` under this run's key, unless a file changed since the key was made.
        True when it was written."""
        if not self.unchanged():
            return False
        payload = {
            "format": MEMO_FORMAT,
            "version": __version__,
            "key": self.key,
            "findings": {display: [finding_to_dict(f) for f in findings] for display, findings in found.items()},
        }
        path = self.path
        try:
            if not path.parent.is_dir():
                create_cache_folder(path.parent)
            write_signed(path, payload)
        except OSError:
            return False  # a read-only checkout still lints; it just computes again next time
        self._drop_old(path)
        return True

    def _drop_old(self, keep: Path) -> None:
        """Remove all but the newest KEEP memo entries, each only when its signature shows that this
        user's rolelint wrote it."""
        prefix = f"index-{__version__}-findings-"
        try:
            entries = [p for p in self.directory.iterdir() if p.name.startswith(prefix) and p.name.endswith(".json")]
        except OSError:
            return

        def modified(path: Path) -> float:
            try:
                return path.stat().st_mtime
            except OSError:
                return 0.0

        entries.sort(key=modified, reverse=True)
        for path in [p for p in entries if p != keep][KEEP - 1 :]:
            if not signed_by_us(path):
                continue
            try:
                path.unlink()
            except OSError:
                pass


__all__ = ["FindingsMemo"]
