"""`--jobs N`: the per-file stage in worker processes that start warm.

On Linux, when the parent runs no other thread, the parent loads what the text rules use (the
spaCy pipeline their needs call for, the shared matchers, trigger masks and memos:
``runner.prepare_rules``), moves it out of the garbage collector's reach (``gc.freeze``, so
that no collection in a worker writes to those pages) and forks the workers, which share it all
with the parent and start in milliseconds. Elsewhere (macOS, Windows, or a parent with threads,
where fork could copy a lock another thread holds) workers are spawned and each loads the same
itself: slower to start, the same results.

Workers are sent chunks of file entries (paths) and send back each file's findings, placed when the
run asks (with its suppression comments read), and text, and its parsed document only when a
profession rule will read it.

A pool ends one way, ``WorkerPool.shutdown``: after the last chunk, on an error, or on an
interrupt. It cancels what has not started and ends the workers. Workers ignore SIGINT (the parent
decides what Ctrl-C does and ends them) and take the default action on SIGTERM.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterator

from rolelint.config import Config
from rolelint.discovery import FileEntry
from rolelint.filestage import CHUNK_FILES, FileOutcome, chunk_entries, file_size, lint_chunk
from rolelint.registry import RuleCatalogue

# What a worker lints with: set in the parent before a fork (and inherited), or by _start_worker
# in a spawned worker.
_WORKER: dict = {}


def start_method() -> str:
    """``fork`` where a forked worker can inherit the parent's loaded pipeline safely, else ``spawn``."""
    if (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    ):
        return "fork"
    return "spawn"


def _text_rules(catalogue: RuleCatalogue, active: set[str]) -> list:
    return [rule for code, rule in catalogue.text_rules.items() if code in active]


def warm_up(config: Config, catalogue: RuleCatalogue, active: set[str]) -> None:
    """Load everything the text rules of this run use, and the schemas' validators, so that forked
    workers inherit it."""
    from rolelint.runner import prepare_rules
    from rolelint.schema import prepare_validators

    prepare_rules(_text_rules(catalogue, active), model=config.model)
    prepare_validators()


def _worker_signals(parent: int) -> None:
    """Ctrl-C is the parent's to handle; SIGTERM ends a worker; and on Linux a worker whose parent
    dies, however it dies (even by SIGKILL), gets SIGTERM rather than living on as an orphan."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # a forked worker inherits the mask signals_held set
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD_SIGNALS)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(143)


def _forked_worker(parent: int) -> None:
    _worker_signals(parent)


def _start_worker(parent: int, config: Config, active: set[str]) -> None:
    """A spawned worker: load the catalogue and what its text rules use, as the parent would."""
    _worker_signals(parent)
    from rolelint.nlp import one_blas_thread, quieter_garbage_collector
    from rolelint.registry import load_catalogue

    one_blas_thread()  # before spaCy, and so numpy, loads in this worker
    quieter_garbage_collector()
    catalogue = load_catalogue(config)
    _WORKER.update(config=config, active=active, catalogue=catalogue)
    warm_up(config, catalogue, active)
    gc.freeze()


@dataclass
class ChunkDone:
    outcomes: list[FileOutcome]
    worker: int  # the worker's process id
    cpu_seconds: float  # the worker's CPU time since it started, at the end of this chunk
    peak_rss: int = 0  # the worker's peak resident memory so far, in bytes (0 where unknown)


def _lint(entries: list[FileEntry], keep_documents: bool, place: bool = False, keep_findings: bool = True) -> ChunkDone:
    outcomes = lint_chunk(
        entries,
        _WORKER["config"],
        _WORKER["catalogue"],
        _WORKER["active"],
        keep_documents=keep_documents,
        place=place,
        keep_findings=keep_findings,
    )
    return ChunkDone(outcomes, os.getpid(), time.process_time(), _peak_rss())


def _peak_rss() -> int:
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def chunks_for(entries: list[FileEntry], workers: int) -> list[list[FileEntry]]:
    """Contiguous chunks, several per worker so that a slow chunk does not leave a core idle, each
    bounded as in a single process so that a worker's memory stays small."""
    return chunk_entries(entries, max_files=min(CHUNK_FILES, max(8, -(-len(entries) // (workers * 4)))))


@dataclass
class WorkerPool:
    """Worker processes for one run's per-file stage. Use as a context manager: leaving it, by the
    last result, an exception or an interrupt, always calls ``shutdown``."""

    config: Config
    catalogue: RuleCatalogue
    active: set[str]
    workers: int
    method: str = field(default_factory=start_method)
    cpu_by_worker: dict[int, float] = field(default_factory=dict)  # process id -> CPU seconds
    peak_rss_by_worker: dict[int, int] = field(default_factory=dict)  # process id -> bytes
    _pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> WorkerPool:
        context = multiprocessing.get_context(self.method)
        if self.method == "fork":
            from rolelint.language import load_detector_in_background

            # Loaded beside the pipeline, on a core the parent leaves idle, and shared by the workers,
            # each of which would otherwise load it for the first document that needs it (0.5 CPU-s).
            detector = load_detector_in_background()
            warm_up(self.config, self.catalogue, self.active)
            detector.join()  # no thread may run when the workers are forked
            _WORKER.update(config=self.config, catalogue=self.catalogue, active=set(self.active))
            gc.freeze()  # what the parent loaded stays in shared pages: no worker's collection touches it
            initializer: Callable[..., None] = _forked_worker
            initargs: tuple = (os.getpid(),)
        else:
            initializer, initargs = _start_worker, (os.getpid(), self.config, set(self.active))
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=context, initializer=initializer, initargs=initargs
        )
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        self.shutdown(terminate=exc_type is not None)

    def run(
        self,
        chunks: list[list[FileEntry]],
        *,
        keep_documents: bool,
        progress: Callable[[int], None],
        place: bool = False,
        keep_findings: bool = True,
    ) -> list[FileOutcome]:
        """Lint ``chunks`` in the workers; the outcomes in chunk order.

        The biggest chunks go first, so that the last ones to finish are small and no worker is
        left with a big one while the others wait (longest-processing-time-first scheduling)."""
        assert self._pool is not None, "use WorkerPool as a context manager"
        sizes = [sum(file_size(entry) for entry in chunk) for chunk in chunks]
        order = sorted(range(len(chunks)), key=lambda i: -sizes[i])
        with signals_held():  # the first submit starts the workers
            futures: dict[Future, int] = {
                self._pool.submit(_lint, chunks[i], keep_documents, place, keep_findings): i for i in order
            }
        results: dict[int, list[FileOutcome]] = {}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                index = futures[future]
                finished = future.result()  # a worker's exception (or its death) is raised here
                results[index] = finished.outcomes
                self.cpu_by_worker[finished.worker] = max(
                    finished.cpu_seconds, self.cpu_by_worker.get(finished.worker, 0.0)
                )
                self.peak_rss_by_worker[finished.worker] = max(
                    finished.peak_rss, self.peak_rss_by_worker.get(finished.worker, 0)
                )
                progress(len(chunks[index]))
        return [outcome for i in range(len(chunks)) for outcome in results[i]]

    def shutdown(self, *, terminate: bool = True) -> None:
        """Cancel the chunks not started and end the workers (``terminate``: at once, by SIGTERM,
        without waiting for the chunks they are on); safe to call more than once."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())
        if terminate:
            # Signal first, and without is_alive(): once the pool shuts down, its own thread reaps the
            # workers, and a poll from here at the same time loses the exit status, which leaves the
            # process listed as running for ever (multiprocessing.active_children()).
            for process in processes:
                process.terminate()
            _wait_for_deaths(processes)
            # A worker ended while it wrote a result leaves a torn message, which the pool's manager
            # thread would wait on for ever: with every worker gone, closing the parent's copy of the
            # pipe's writing end turns that wait into end-of-file, which the thread handles.
            writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
            if writer is not None:
                writer.close()
        # One call, which cancels and then joins the pool's manager thread. (After a shutdown with
        # wait=False the pool no longer holds that thread, and the interpreter's exit would race it.)
        pool.shutdown(wait=True, cancel_futures=True)
        for process in processes:
            process.join()


_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block ends. One that came while a worker was forked would
    raise in the fork's callbacks, where Python ignores the exception, and the run would go on."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows, which does not fork
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _wait_for_deaths(processes: list, timeout: float = 10.0) -> None:
    """Until every process has ended (by its sentinel, which does not reap it); SIGKILL for any
    still running after ``timeout`` seconds."""
    pending = [process.sentinel for process in processes]
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        ready = set(multiprocessing.connection.wait(pending, timeout=max(0.0, deadline - time.monotonic())))
        pending = [sentinel for sentinel in pending if sentinel not in ready]
    for process in processes:
        if process.sentinel in pending:
            process.kill()


def lint_in_workers(
    entries: list[FileEntry],
    config: Config,
    catalogue: RuleCatalogue,
    active: set[str],
    *,
    workers: int,
    keep_documents: bool,
    progress: Callable[[int], None],
    place: bool = False,
    keep_findings: bool = True,
) -> list[FileOutcome]:
    chunks = chunks_for(entries, workers)
    with WorkerPool(config, catalogue, active, workers=min(workers, len(chunks))) as pool:
        return pool.run(
            chunks, keep_documents=keep_documents, progress=progress, place=place, keep_findings=keep_findings
        )
