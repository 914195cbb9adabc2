"""`--jobs N`: the per-file stage in worker processes, each loading the rules and spaCy once.

Workers are started with ``spawn`` (the same on Linux, macOS and Windows, and safe with threads):
they share nothing with the parent but what is sent to them — the config and the active rule codes,
from which each loads the catalogue — so a worker's result for a file is the result the parent
would have computed.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable

from rolelint.config import Config
from rolelint.discovery import FileEntry
from rolelint.filestage import CHUNK_FILES, FileOutcome, chunk_entries, lint_chunk

# Set in each worker by _start_worker.
_WORKER: dict = {}


def _start_worker(config: Config, active: set[str]) -> None:
    from rolelint.nlp import one_blas_thread, quieter_garbage_collector
    from rolelint.registry import load_catalogue

    one_blas_thread()  # before spaCy, and so numpy, loads in this worker
    quieter_garbage_collector()

    _WORKER.update(config=config, active=active, catalogue=load_catalogue(config))


def _lint(entries: list[FileEntry], keep_documents: bool) -> list[FileOutcome]:
    return lint_chunk(entries, _WORKER["config"], _WORKER["catalogue"], _WORKER["active"],
                      keep_documents=keep_documents)


def chunks_for(entries: list[FileEntry], workers: int) -> list[list[FileEntry]]:
    """Contiguous chunks, several per worker so that a slow chunk does not leave a core idle, each
    bounded as in a single process so that a worker's memory stays small."""
    return chunk_entries(entries, max_files=min(CHUNK_FILES, max(8, -(-len(entries) // (workers * 4)))))


def lint_in_workers(entries: list[FileEntry], config: Config, active: set[str], *, workers: int,
                    keep_documents: bool, progress: Callable[[int], None]) -> list[FileOutcome]:
    chunks = chunks_for(entries, workers)
    context = multiprocessing.get_context("spawn")
    results: dict[int, list[FileOutcome]] = {}
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context,
                             initializer=_start_worker, initargs=(config, set(active))) as pool:
        futures = {pool.submit(_lint, chunk, keep_documents): i for i, chunk in enumerate(chunks)}
        for future in as_completed(futures):
            index = futures[future]
            results[index] = future.result()
            progress(len(chunks[index]))
    return [outcome for i in range(len(chunks)) for outcome in results[i]]
