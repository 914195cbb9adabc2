"""The caches on disk: every cache file rolelint writes is keyed, signed and read back here.

Three kinds of file live in the cache folder (`cache_dir`, default `.rolelint_cache/`): the per-file
results (``ResultCache``, below), the profession index (rolelint.profession.index) and the memoised
profession findings (rolelint.profession.memo). All three are keyed with ``cache_key`` (SHA-256 over
NUL-terminated parts), fingerprint rolelint's own code with ``code_fingerprint``, and are written and
read with ``write_signed`` / ``read_signed``: JSON (never pickle) in an envelope carrying an HMAC made
with this user's secret (rolelint.cachesign). The in-memory memos are listed in docs/architecture.md.

The result cache holds each file's per-file findings, keyed by everything that could change them.

A file's key hashes its bytes, its path relative to the config root (kind globs depend on it) and
the run key: rolelint's version and code, the effective config, the active rules, the rule pack
files and the spaCy model. Entries are small JSON files written atomically and signed with this
user's secret (an entry committed into the repo does not verify); an entry that cannot be read or
verified is a miss, never an error. Nothing here imports spaCy.

Housekeeping: a hit refreshes its entry's mtime when that is more than a day old (at most one utime
per entry a day), so an entry's mtime says when it was last used. After a run that wrote entries,
entries unused for `cache_max_age_days` (default 30; null: never) are removed; that walk runs at most
once a day, recorded by the mtime of the `last-prune` stamp in the cache folder. The profession
index of this version (`index-<version>.json`, one file that drops its own stale entries) is never
pruned; the other `index-*.json` files (other versions' indexes, memoised profession findings, whose
hits refresh them in the same way) age out like entries. `rolelint cache clear` removes everything
rolelint wrote there, and nothing else.

The cache folder may be committed into the repo, or named by a config written by a stranger, so
rolelint deletes only what it can prove it wrote: when it creates the folder it leaves a marker
there (``.rolelint-owner``) signed with this user's secret and bound to the folder's real path; only
in a folder whose marker verifies does it prune, clear temporary files or remove its stamp and tags,
and an entry or index is removed only when its own signature verifies. Cache files are read without
following links, only when regular and of bounded size.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import Any

from rolelint import __version__
from rolelint.cachesign import sign, verify
from rolelint.config import DEFAULT_CACHE_MAX_AGE_DAYS, Config
from rolelint.diagnostics import Finding, finding_from_dict, finding_to_dict
from rolelint.discovery import FileEntry
from rolelint.safefiles import atomic_write, read_regular
from rolelint.trust import is_inside, real

CACHE_FORMAT = 2  # 2: entries are signed (rolelint.cachesign)
DAY = 86400.0
PRUNE_EVERY = DAY  # seconds between automatic prunes
REFRESH_AFTER = DAY  # a hit touches its entry when the entry's mtime is older than this
PRUNE_STAMP = "last-prune"
MARKER = ".rolelint-owner"
GITIGNORE = "# created by rolelint\n*\n"
MAX_ENTRY_BYTES = 64 << 20  # a result entry: a file's findings (30,000 findings are about 10 MB)
MAX_SIGNED_BYTES = 1 << 30  # any signed cache file, the profession index of a large repo included
# Only names that rolelint writes: result entries and their temporary files, profession indexes and
# theirs (see rolelint.profession.index), the prune stamp.
_FORMAT_DIR = re.compile(r"v[0-9]+")
_BUCKET_DIR = re.compile(r"[0-9a-f]{2}")
_ENTRY = re.compile(r"[0-9a-f]{64}\.json")
_ENTRY_TMP = re.compile(r"\.tmp-.*\.json")
_INDEX = re.compile(r"index-[^/\\]+\.json")
_INDEX_TMP = re.compile(r"\.index-[^/\\]+\.json\.[^/\\]+\.tmp")
_PACKAGE = Path(__file__).resolve().parent
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by rolelint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


@dataclass(frozen=True)
class CachedFile:
    findings: tuple[Finding, ...]
    has_source: bool  # the file decoded to text (else it was binary, unreadable or too large)
    kind: str | None  # the document's kind, or None when the file held no lintable document
    data: bytes  # the file's bytes as read for the key, so that the caller need not read it again
    left_alone: bool = False  # not rolelint's to lint (rolelint.filestage.is_left_alone)


class ResultCache:
    def __init__(self, directory: Path, run_key: str, *, max_age_days: int | None = DEFAULT_CACHE_MAX_AGE_DAYS):
        self.directory = directory
        self.run_key = run_key
        self.max_age_days = max_age_days
        self._wrote = False
        self._ready: set[Path] = set()  # entry folders made (or found) inside the cache folder

    def lookup(self, entry: FileEntry, config: Config) -> tuple[str, CachedFile | None] | None:
        """``(key, cached or None)``; None when the file is not cacheable (unreadable, too large)."""
        try:
            if entry.path.stat().st_size > config.max_file_size:
                return None
            data = entry.path.read_bytes()
        except OSError:
            return None
        key = cache_key(self.run_key, entry.relative, str(config.kind_for(entry.relative)), data)
        return key, self._read(key, data)

    def _path(self, key: str) -> Path:
        return self.directory / f"v{CACHE_FORMAT}" / key[:2] / f"{key}.json"

    def _read(self, key: str, data: bytes) -> CachedFile | None:
        path = self._path(key)
        try:
            modified = path.stat(follow_symlinks=False).st_mtime
            payload = read_signed(path, MAX_ENTRY_BYTES)
            if payload is None or payload.get("key") != key:
                return None
            findings = tuple(finding_from_dict(item) for item in payload["findings"])
            cached = CachedFile(
                findings, bool(payload["has_source"]), payload["kind"], data, bool(payload.get("left_alone"))
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # absent, truncated or hand-edited: lint the file again
        if not 0 <= time.time() - modified < REFRESH_AFTER:
            try:
                os.utime(path)  # used today: keep it from being pruned
            except OSError:
                pass
        return cached

    def store(self, key: str, outcome) -> None:
        """Record a FileOutcome; a cache that cannot be written is silently skipped."""
        payload = {
            "key": key,
            "has_source": outcome.source is not None,
            "kind": outcome.kind,
            "left_alone": outcome.left_alone,
            "findings": [finding_to_dict(f) for f in outcome.findings],
        }
        path = self._path(key)
        try:
            self._prepare(path.parent)
            write_signed(path, payload, prefix=".tmp-", suffix=".json", mode=0o600)
        except OSError:
            return
        if not self._wrote:  # the first write of this run: time to see whether a prune is due
            self._wrote = True
            maybe_prune(self.directory, self.max_age_days)

    def _prepare(self, folder: Path) -> None:
        """Make the entry folder ``folder``, and the cache folder (claimed as rolelint's) if it is
        not there; OSError when ``folder`` resolves outside the cache folder (a committed link)."""
        if folder in self._ready:
            return
        if not self.directory.is_dir():
            create_cache_folder(self.directory)
        if not is_inside(real(folder), real(self.directory)):  # resolved before anything is made there
            raise OSError(f"{folder} leads out of the cache folder")
        folder.mkdir(parents=True, exist_ok=True)
        self._ready.add(folder)


def create_cache_folder(directory: Path) -> bool:
    """Create ``directory`` as a cache folder of rolelint's: its signed marker, a .gitignore (keep
    it out of git) and a CACHEDIR.TAG (out of backups). False when it was there already (then it is
    left as it is: a folder rolelint did not make is never claimed)."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    try:
        directory.mkdir()
    except FileExistsError:
        return False
    atomic_write(directory / MARKER, _marker(directory).encode("utf-8"))
    for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        try:
            with (directory / name).open("x", encoding="utf-8") as out:
                out.write(text)
        except FileExistsError:
            pass
    return True


def _marker(directory: Path) -> str:
    where = os.fsencode(str(real(directory)))
    return (
        "rolelint: this folder is a rolelint cache; this signature (made with this user's cache secret) "
        f"lets rolelint prune it\n{sign(b'rolelint cache folder' + bytes(1) + where)}\n"
    )


def owned(directory: Path) -> bool:
    """Whether ``directory`` holds this user's rolelint marker for this very folder."""
    try:
        text = read_regular(directory / MARKER, 4096).decode("utf-8")
    except (OSError, ValueError):
        return False
    return text == _marker(directory)


# --- keys and signed files: the one way every cache file is named, written and read ---------


def cache_key(*parts: object) -> str:
    """SHA-256 (hex) of ``parts`` in order: each one's text (UTF-8, surrogates escaped) followed by
    a NUL, except ``bytes``, which are hashed as they are (a file's content, last or between parts)."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            digest.update(part)
        else:
            digest.update(str(part).encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def write_signed(path: Path, payload: object, *, prefix: str | None = None, suffix: str = ".tmp", mode=None) -> None:
    """Write ``payload`` (plain JSON data) to ``path`` atomically, in an envelope signed with this
    user's secret: ``{"body": <payload as JSON>, "mac": <HMAC of body>}``. The folder must exist;
    ``prefix``, ``suffix`` and ``mode`` are the temporary file's (rolelint.safefiles.atomic_write).
    OSError when it cannot be written."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    envelope = json.dumps({"body": body, "mac": sign(body.encode("utf-8"))}, ensure_ascii=False)
    atomic_write(path, envelope.encode("utf-8"), prefix=prefix, suffix=suffix, mode=mode)


def _signed_body(path: Path, max_bytes: int) -> str | None:
    """The body of the cache file ``path`` if this user's rolelint signed it, else None."""
    try:
        envelope = json.loads(read_regular(path, max_bytes).decode("utf-8"))
        body = envelope["body"]
        return body if verify(body.encode("utf-8"), envelope.get("mac")) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def read_signed(path: Path, max_bytes: int = MAX_SIGNED_BYTES) -> Any:
    """The payload ``write_signed`` wrote to ``path``; None when the file is absent, a link, not a
    regular file, over ``max_bytes``, not an envelope, or not signed by this user's rolelint (one
    committed into the repo, say). Never raises for what the file holds."""
    body = _signed_body(path, max_bytes)
    if body is None:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def signed_by_us(path: Path) -> bool:
    """Whether ``path`` is a cache file (an envelope with ``body`` and ``mac``) that this user's
    rolelint signed: the proof needed before removing an entry or index."""
    return _signed_body(path, MAX_SIGNED_BYTES) is not None


# --- housekeeping -----------------------------------------------------------------------------


def maybe_prune(directory: Path, max_age_days: int | None, *, now: float | None = None) -> int | None:
    """Prune ``directory`` unless that was done in the last day (or ``max_age_days`` is None); the
    number of files removed, or None when no prune was due. Never raises for a cache problem."""
    if max_age_days is None or not owned(directory):
        return None
    now = time.time() if now is None else now
    stamp = directory / PRUNE_STAMP
    try:
        if 0 <= now - stamp.stat().st_mtime < PRUNE_EVERY:
            return None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:  # claim this day's prune first, so that a concurrent run does not walk the cache too
        atomic_write(stamp, b"rolelint: the mtime of this file is when the cache was last pruned\n")
        os.utime(stamp, (now, now), follow_symlinks=False)
    except OSError:
        return None
    return prune(directory, max_age_days, now=now)


def prune(directory: Path, max_age_days: float, *, now: float | None = None) -> int:
    """Remove rolelint's cache files in ``directory`` unused for ``max_age_days`` (and, in a folder
    rolelint made, temporary files older than a day); the number removed. This version's profession
    index is kept. Only signed entries are removed (see the module's docstring)."""
    now = time.time() if now is None else now
    limit = max_age_days * DAY

    def stale(path: Path, age: float) -> bool:
        try:
            return now - path.stat(follow_symlinks=False).st_mtime > age
        except OSError:
            return False

    return _sweep(
        directory,
        lambda path, temporary: stale(path, DAY if temporary else limit),
        keep_index=f"index-{__version__}.json",
    )


def clear(directory: Path) -> int:
    """Remove every file rolelint keeps in the cache ``directory`` (entries, profession indexes, the
    prune stamp, the folder's .gitignore and CACHEDIR.TAG) and the folders left empty, the cache
    folder itself included; files that rolelint did not write stay. The number of cache files removed."""
    removed = _sweep(directory, lambda path, temporary: True, keep_index=None)
    if owned(directory):
        for name, ours in (
            (PRUNE_STAMP, None),
            (".gitignore", GITIGNORE),
            ("CACHEDIR.TAG", _CACHEDIR_TAG),
            (MARKER, None),
        ):
            path = directory / name
            try:
                if ours is None or read_regular(path, 4096).decode("utf-8") == ours:
                    path.unlink()
            except (OSError, ValueError):
                pass
    try:
        directory.rmdir()
    except OSError:
        pass  # absent, or holds something that is not rolelint's
    return removed


def _sweep(directory: Path, remove, *, keep_index: str | None) -> int:
    """Unlink the rolelint files in ``directory`` for which ``remove(path, temporary)`` is true, then
    the entry folders that this leaves empty; symbolic links to folders are not followed. A file is
    removed only when rolelint can prove it wrote it: an entry or index whose signature verifies,
    or a temporary file in a folder that holds rolelint's marker."""
    removed = 0
    ours = owned(directory)

    def unlink(path: Path, temporary: bool) -> None:
        nonlocal removed
        if (ours if temporary else True) and remove(path, temporary) and (temporary or signed_by_us(path)):
            try:
                path.unlink()
            except OSError:
                return
            if not temporary:
                removed += 1

    for top in _children(directory):
        if top.is_dir(follow_symlinks=False) and _FORMAT_DIR.fullmatch(top.name):
            for bucket in _children(Path(top.path)):
                if not (bucket.is_dir(follow_symlinks=False) and _BUCKET_DIR.fullmatch(bucket.name)):
                    continue
                for item in _children(Path(bucket.path)):
                    if _ENTRY.fullmatch(item.name):
                        unlink(Path(item.path), False)
                    elif _ENTRY_TMP.fullmatch(item.name):
                        unlink(Path(item.path), True)
                _rmdir(Path(bucket.path))
            _rmdir(Path(top.path))
        elif top.is_file(follow_symlinks=False):
            if _INDEX.fullmatch(top.name) and top.name != keep_index:
                unlink(Path(top.path), False)
            elif _INDEX_TMP.fullmatch(top.name):
                unlink(Path(top.path), True)
    return removed


def _children(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as listing:
            return list(listing)
    except OSError:
        return []


def _rmdir(folder: Path) -> None:
    try:
        folder.rmdir()  # only when empty: a concurrent run's new entry keeps its folder
    except OSError:
        pass


# --- the run key ------------------------------------------------------------------------------


def cache_directory(config: Config) -> Path:
    """The cache folder (a ConfigError when the config points it out of the repository)."""
    return config.cache_directory


def run_key(config: Config, catalogue, active: set[str]) -> str:
    """Everything outside a file that its per-file findings depend on."""
    parts: list[object] = ["rolelint", __version__, CACHE_FORMAT, code_fingerprint()]
    # Where the cache lives and how long it keeps entries change no finding.
    housekeeping = {"cache_dir", "cache_max_age_days"}
    parts.append(
        json.dumps({k: v for k, v in config.raw.items() if k not in housekeeping}, sort_keys=True, default=str)
    )
    parts += sorted(active)
    for path in rule_pack_files(config):
        parts.append(path.as_posix())
        try:
            parts.append(read_regular(path, MAX_ENTRY_BYTES, follow_links=True))
        except OSError:
            parts.append("unreadable")
    if catalogue.runs_text_rules(active):
        parts += model_identity(config.model)
    return cache_key(*parts)


def code_fingerprint() -> str:
    """Size and modification time of rolelint's modules and data files: an editable install whose
    code changed must not reuse what the old code produced under the same version number."""
    parts = []
    for path in sorted(_PACKAGE.rglob("*")):
        if "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        try:
            info = path.stat()
        except OSError:
            continue
        if not S_ISREG(info.st_mode):
            continue
        parts.append(f"{path.relative_to(_PACKAGE).as_posix()}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def rule_pack_files(config: Config) -> list[Path]:
    """The rule files of the built-in and the config's packs, as the run loads them."""
    from rolelint.config import ConfigError
    from rolelint.rulepacks import RulePackError, builtin_rules_dir, pack_files

    try:
        return pack_files([builtin_rules_dir(), *config.rule_packs])
    except RulePackError as exc:
        raise ConfigError(str(exc)) from None


def model_identity(model: str | None) -> tuple[str, ...]:
    """Name and version of the spaCy model and of spaCy, found without importing spaCy."""
    from importlib import metadata

    from rolelint.nlp import ModelNotFound, default_model

    try:
        name = model or default_model()
    except ModelNotFound:
        return ("no-model",)
    try:
        spacy_version = metadata.version("spacy")
    except metadata.PackageNotFoundError:
        spacy_version = "none"
    meta = Path(name) / "meta.json"
    if meta.is_file():
        try:
            return (name, hashlib.sha256(meta.read_bytes()).hexdigest(), spacy_version)
        except OSError:
            return (name, "unreadable", spacy_version)
    try:
        version = metadata.version(name)
    except metadata.PackageNotFoundError:
        version = "unknown"
    return (name, version, spacy_version)


def open_cache(config: Config, catalogue, active: set[str]) -> ResultCache:
    return ResultCache(
        cache_directory(config), run_key(config, catalogue, active), max_age_days=config.cache_max_age_days
    )
