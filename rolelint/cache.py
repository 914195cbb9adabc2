"""The result cache: each file's per-file findings, keyed by everything that could change them.

A file's key hashes its bytes, its path relative to the config root (kind globs depend on it) and
the run key: rolelint's version and code, the effective config, the active rules, the rule pack
files and the spaCy model. Entries are small JSON files written atomically and signed with this
user's secret (an entry committed into the repo does not verify); an entry that cannot be read or
verified is a miss, never an error. Nothing here imports spaCy.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rolelint import __version__
from rolelint.cachesign import sign, verify
from rolelint.config import Config
from rolelint.diagnostics import Finding, Fix
from rolelint.discovery import FileEntry
from rolelint.filestage import runs_text_rules

CACHE_FORMAT = 2  # 2: entries are signed (rolelint.cachesign)
_PACKAGE = Path(__file__).resolve().parent
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This file is a cache directory tag created by rolelint.\n"
                 "# For information about cache directory tags see https://bford.info/cachedir/\n")


@dataclass(frozen=True)
class CachedFile:
    findings: tuple[Finding, ...]
    has_source: bool  # the file decoded to text (else it was binary, unreadable or too large)
    kind: str | None  # the document's kind, or None when the file held no lintable document
    data: bytes  # the file's bytes as read for the key, so that the caller need not read it again


class ResultCache:
    def __init__(self, directory: Path, run_key: str):
        self.directory = directory
        self.run_key = run_key

    def lookup(self, entry: FileEntry, config: Config) -> tuple[str, CachedFile | None] | None:
        """``(key, cached or None)``; None when the file is not cacheable (unreadable, too large)."""
        try:
            if entry.path.stat().st_size > config.max_file_size:
                return None
            data = entry.path.read_bytes()
        except OSError:
            return None
        digest = hashlib.sha256()
        for part in (self.run_key, entry.relative, str(config.kind_for(entry.relative))):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        key = digest.hexdigest()
        return key, self._read(key, data)

    def _path(self, key: str) -> Path:
        return self.directory / f"v{CACHE_FORMAT}" / key[:2] / f"{key}.json"

    def _read(self, key: str, data: bytes) -> CachedFile | None:
        try:
            envelope = json.loads(self._path(key).read_text(encoding="utf-8"))
            body = envelope["body"]
            if not verify(body.encode("utf-8"), envelope.get("mac")):
                return None  # not written by this user's rolelint (e.g. committed into the repo)
            payload = json.loads(body)
            if payload.get("key") != key:
                return None
            findings = tuple(_finding(item) for item in payload["findings"])
            return CachedFile(findings, bool(payload["has_source"]), payload["kind"], data)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # absent, truncated or hand-edited: lint the file again

    def store(self, key: str, outcome) -> None:
        """Record a FileOutcome; a cache that cannot be written is silently skipped."""
        payload = {
            "key": key,
            "has_source": outcome.source is not None,
            "kind": outcome.kind,
            "findings": [_finding_dict(f) for f in outcome.findings],
        }
        path = self._path(key)
        try:
            self._prepare(path.parent)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump({"body": body, "mac": sign(body.encode("utf-8"))}, out, ensure_ascii=False)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass

    def _prepare(self, folder: Path) -> None:
        if folder.is_dir():
            return
        folder.mkdir(parents=True, exist_ok=True)
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():  # keep the cache out of git and out of backups
            (self.directory / ".gitignore").write_text("# created by rolelint\n*\n", encoding="utf-8")
            tag.write_text(_CACHEDIR_TAG, encoding="utf-8")


def _finding_dict(f: Finding) -> dict:
    item = {"code": f.code, "message": f.message, "start": f.start, "end": f.end}
    for name in ("suggestion", "field", "section", "context"):
        value = getattr(f, name)
        if value is not None:
            item[name] = value
    if f.fix is not None:
        item["fix"] = [f.fix.start, f.fix.end, f.fix.replacement]
    return item


def _finding(item: dict) -> Finding:
    fix = item.get("fix")
    return Finding(
        code=str(item["code"]), message=str(item["message"]), start=int(item["start"]), end=int(item["end"]),
        suggestion=item.get("suggestion"), fix=Fix(int(fix[0]), int(fix[1]), str(fix[2])) if fix else None,
        field=item.get("field"), section=item.get("section"), context=item.get("context"),
    )


# --- the run key ------------------------------------------------------------------------------


def cache_directory(config: Config) -> Path:
    return (config.root / config.cache_dir).resolve()


def run_key(config: Config, catalogue, active: set[str]) -> str:
    """Everything outside a file that its per-file findings depend on."""
    digest = hashlib.sha256()

    def feed(*parts: object) -> None:
        for part in parts:
            digest.update(str(part).encode("utf-8", "surrogateescape") + b"\0")

    feed("rolelint", __version__, CACHE_FORMAT, code_fingerprint())
    feed(json.dumps(config.raw, sort_keys=True, default=str))
    feed(*sorted(active))
    for path in rule_pack_files(config):
        feed(path.as_posix())
        try:
            digest.update(path.read_bytes())
        except OSError:
            feed("unreadable")
    if runs_text_rules(catalogue, active):
        feed(*model_identity(config.model))
    return digest.hexdigest()


def code_fingerprint() -> str:
    """Size and modification time of rolelint's own modules: an editable install whose code changed
    must not reuse results that the old code produced under the same version number."""
    parts = []
    for path in sorted(_PACKAGE.rglob("*.py")):
        try:
            stat = path.stat()
        except OSError:
            continue
        parts.append(f"{path.relative_to(_PACKAGE).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def rule_pack_files(config: Config) -> list[Path]:
    from rolelint.rulepacks import builtin_rules_dir

    files: list[Path] = []
    for pack in (builtin_rules_dir(), *config.rule_packs):
        if pack.is_file():
            files.append(pack)
        elif pack.is_dir():
            files.extend(sorted(p for p in pack.rglob("*") if p.is_file() and "__pycache__" not in p.parts))
    return files


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
    return ResultCache(cache_directory(config), run_key(config, catalogue, active))
