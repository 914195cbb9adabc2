"""Where each file of a run is linted: its cached result, this process, or worker processes.

The per-file stage itself is rolelint.filestage; worker processes are rolelint.parallel. A run is
split between them here, so that neither of those needs the other's caller.
"""

from __future__ import annotations

from typing import Callable

from rolelint.config import Config
from rolelint.discovery import FileEntry
from rolelint.filestage import FileOutcome, chunk_entries, file_size, lint_chunk
from rolelint.formats import Unreadable, format_for
from rolelint.loaders import file_format, parse_source
from rolelint.registry import RuleCatalogue
from rolelint.source import DecodeError

# Bytes of files to lint for each worker a default run starts: a worker pays for itself when its
# share of the work is well above what starting it costs (benchmarks/RESULTS.md, "Scaling").
# Forked workers start warm and cost little more than the memos they fill again; spawned ones
# import spaCy and load the pipeline each.
BYTES_PER_WORKER = {"fork": 256_000, "spawn": 2_000_000}


def lint_files(
    entries: list[FileEntry],
    config: Config,
    catalogue: RuleCatalogue,
    active: set[str],
    *,
    need_documents: bool,
    cache=None,
    jobs: int | None = 1,
    progress: Callable[[int], None] | None = None,
    place: bool = False,
) -> list[FileOutcome]:
    """The per-file stage for every entry, in entry order: cached results where the cache has them,
    the rest linted here or, for large runs, in worker processes.

    ``jobs`` None picks the number of workers from the bytes to lint (``default_workers``).
    ``progress`` is called with the number of files just finished. ``place``: the files linted come
    with their findings placed (``FileOutcome.placed``); cached ones do not.
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
        outcomes[entry.display] = outcome_from_cache(entry, config, cached, need_documents=need_documents)
        advance(1)

    # Without text rules a file takes milliseconds: workers would cost more than they save.
    workers = workers_for(jobs, todo) if catalogue.runs_text_rules(active) else 1
    if workers > 1:
        from rolelint.parallel import lint_in_workers

        linted = lint_in_workers(
            todo,
            config,
            catalogue,
            active,
            workers=workers,
            keep_documents=need_documents,
            progress=advance,
            place=place,
            keep_findings=cache is not None,
        )
    else:
        linted = []
        for chunk in chunk_entries(todo):
            linted.extend(
                lint_chunk(
                    chunk,
                    config,
                    catalogue,
                    active,
                    keep_documents=need_documents,
                    place=place,
                    keep_findings=cache is not None,
                )
            )
            advance(len(chunk))
    for outcome in linted:
        outcomes[outcome.display] = outcome
        if outcome.display in keys and not any(f.code == "RL013" for f in outcome.findings):
            cache.store(keys[outcome.display], outcome)  # a rule that gave up may finish next time
    return [outcomes[entry.display] for entry in entries]


def workers_for(jobs: int | None, todo: list[FileEntry]) -> int:
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


def available_cores() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def outcome_from_cache(entry: FileEntry, config: Config, cached, *, need_documents: bool) -> FileOutcome:
    source = None
    if cached.has_source:
        try:  # decoded as its format does: a .docx is a zip, not text
            source = format_for(entry.path).decode(cached.data, entry.display, config.encoding_fallback)
        except (Unreadable, DecodeError):
            source = None
    document = None
    if need_documents and source is not None and cached.kind is not None:
        document, _ = parse_source(source, fmt=file_format(entry.path), kind_hint=config.kind_for(entry.relative))
    return FileOutcome(
        entry.display, list(cached.findings), source, document, cached.kind, left_alone=cached.left_alone
    )
