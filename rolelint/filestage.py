"""The per-file stage of a run: load, validate and run text rules, one file's result independent of
every other file's — which is what makes it cacheable and parallel.

Profession rules, placing and suppressions come after, in the engine, because they need the whole run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rolelint.config import Config
from rolelint.diagnostics import Finding
from rolelint.discovery import FileEntry
from rolelint.documents import Document
from rolelint.formats import format_for
from rolelint.loaders import file_format, load_content, load_file, parse_source
from rolelint.registry import RuleCatalogue
from rolelint.source import DecodeError, SourceText

# Bytes of files to lint for each worker a default run starts: a worker pays for itself when its
# share of the work is well above what starting it costs (benchmarks/RESULTS.md, "Scaling").
# Forked workers start warm and cost little more than the memos they fill again; spawned ones
# import spaCy and load the pipeline each.
BYTES_PER_WORKER = {"fork": 256_000, "spawn": 2_000_000}
# Files and bytes per text-rule pass: enough spans to keep spaCy's batches full, few enough that
# the pass stays a small part of memory. spaCy's memory grows with the tokens in flight (about 15 KB
# a token while tagging), so bytes are the bound that matters; one file is never split.
CHUNK_FILES = 64
CHUNK_BYTES = 64_000


@dataclass
class FileOutcome:
    """One file after the per-file stage. ``document`` is None when the file has no lintable
    document, or when nothing later needs it (no profession rule is active)."""

    display: str
    findings: list[Finding]
    source: SourceText | None
    document: Document | None = None
    kind: str | None = None  # the document's kind, kept when the document itself is dropped


def load_entry(entry: FileEntry, config: Config) -> FileOutcome:
    """Read and parse one file, decide its kind and validate it against its kind's schema."""
    kind_hint = entry.kind or config.kind_for(entry.relative)
    if entry.content is not None:
        loaded = load_content(entry.content, entry.display, fmt=format_for(entry.path), kind_hint=kind_hint,
                              options=config.load_options)
    else:
        loaded = load_file(entry.path, entry.display, kind_hint=kind_hint, options=config.load_options)
    findings = list(loaded.findings)
    document = loaded.document
    if document is not None and document.kind is None:
        if not any(f.code == "RL001" for f in loaded.findings) and document.data:
            findings.append(Finding("RL006", "no `kind:` key and no `kinds:` glob in the config matches this "
                                    "file, so it was skipped; add `kind: framework|role|advert`", 0, 0))
        document = None
    elif document is not None and (document.data or document.format == "yaml"):
        from rolelint.schema import validate_document  # a bare advert draft has no metadata to validate

        findings.extend(validate_document(document))
    return FileOutcome(entry.display, findings, loaded.source, document, document.kind if document else None)


def lint_chunk(entries: list[FileEntry], config: Config, catalogue: RuleCatalogue, active: set[str], *,
               keep_documents: bool = True) -> list[FileOutcome]:
    """The per-file stage for ``entries``, with one batched text-rule pass over all of them."""
    outcomes = [load_entry(entry, config) for entry in entries]
    documents = [o.document for o in outcomes if o.document is not None]
    text_findings = catalogue.run_text_rules(documents, active, config)
    for outcome in outcomes:
        outcome.findings.extend(text_findings.get(outcome.display, ()))
        if not keep_documents:
            outcome.document = None
    return outcomes


def runs_text_rules(catalogue: RuleCatalogue, active: set[str]) -> bool:
    return any(code in active for code in catalogue.text_rules)


def lint_files(entries: list[FileEntry], config: Config, catalogue: RuleCatalogue, active: set[str], *,
               need_documents: bool, cache=None, jobs: int | None = 1,
               progress: Callable[[int], None] | None = None) -> list[FileOutcome]:
    """The per-file stage for every entry, in entry order: cached results where the cache has them,
    the rest linted here or, for large runs, in worker processes.

    ``jobs`` None picks the number of workers from the bytes to lint (``default_workers``).
    ``progress`` is called with the number of files just finished.
    """
    advance = progress or (lambda n: None)
    outcomes: dict[str, FileOutcome] = {}
    keys: dict[str, str] = {}
    todo: list[FileEntry] = []
    for entry in entries:
        hit = cache.lookup(entry, config) if cache is not None else None
        if hit is None:
            todo.append(entry)
            continue
        key, cached = hit
        if cached is None:
            keys[entry.display] = key
            todo.append(entry)
            continue
        outcomes[entry.display] = _from_cache(entry, config, cached, need_documents=need_documents)
        advance(1)

    # Without text rules a file takes milliseconds: workers would cost more than they save.
    workers = _workers(jobs, todo) if runs_text_rules(catalogue, active) else 1
    if workers > 1:
        from rolelint.parallel import lint_in_workers

        linted = lint_in_workers(todo, config, catalogue, active, workers=workers, keep_documents=need_documents,
                                 progress=advance)
    else:
        linted = []
        for chunk in chunk_entries(todo):
            linted.extend(lint_chunk(chunk, config, catalogue, active, keep_documents=need_documents))
            advance(len(chunk))
    for outcome in linted:
        outcomes[outcome.display] = outcome
        if outcome.display in keys:
            cache.store(keys[outcome.display], outcome)
    return [outcomes[entry.display] for entry in entries]


def _workers(jobs: int | None, todo: list[FileEntry]) -> int:
    if jobs is None:
        return default_workers(sum(file_size(entry) for entry in todo))
    return max(1, min(jobs, len(todo)))


def default_workers(size: int, *, cores: int | None = None, method: str | None = None) -> int:
    """Workers for ``size`` bytes of files: one per BYTES_PER_WORKER, at most one per core."""
    if method is None:
        from rolelint.parallel import start_method

        method = start_method()
    cores = cores or available_cores()
    return max(1, min(cores, size // BYTES_PER_WORKER[method]))


def file_size(entry: FileEntry) -> int:
    try:
        return entry.path.stat().st_size
    except OSError:
        return 0


def available_cores() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def chunk_entries(entries: list[FileEntry], *, max_files: int = CHUNK_FILES,
                  max_bytes: int = CHUNK_BYTES) -> list[list[FileEntry]]:
    """Consecutive runs of entries, each at most ``max_files`` long and ``max_bytes`` big (or one file)."""
    chunks: list[list[FileEntry]] = []
    current: list[FileEntry] = []
    size = 0
    for entry in entries:
        length = file_size(entry)
        if current and (len(current) >= max_files or size + length > max_bytes):
            chunks.append(current)
            current, size = [], 0
        current.append(entry)
        size += length
    if current:
        chunks.append(current)
    return chunks


def _from_cache(entry: FileEntry, config: Config, cached, *, need_documents: bool) -> FileOutcome:
    source = None
    if cached.has_source:
        try:
            source = SourceText.from_bytes(entry.display, cached.data, fallback_encoding=config.encoding_fallback)
        except DecodeError:
            source = None
    document = None
    if need_documents and source is not None and cached.kind is not None:
        document, _ = parse_source(source, fmt=file_format(entry.path), kind_hint=config.kind_for(entry.relative))
    return FileOutcome(entry.display, list(cached.findings), source, document, cached.kind)
