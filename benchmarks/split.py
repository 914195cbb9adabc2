"""Where a `rolelint check --jobs N` run spends its CPU time, parent and workers apart.

    python benchmarks/split.py PATH [--jobs N] [--format json]

Runs one lint in this process as the command line does (worker processes forked from it when N > 1)
and prints, as JSON, the parent's CPU seconds by phase and each worker's CPU seconds:

- ``setup``: config, rule catalogue, discovery (and, with N = 1, nothing else);
- ``warm``: loading the pipeline, matchers and memos before forking (N > 1; with N = 1 that happens
  inside ``per_file``): the main thread's CPU, or the second thread's (``warm_side_thread``: the
  language detector, loaded meanwhile) when that is longer;
- ``start``: creating the pool and forking the workers;
- ``per_file``: with N = 1 the whole per-file stage; with N > 1 the parent's own work while the
  workers run (receiving and unpickling their results);
- ``after``: profession rules, placing findings, suppressions, sorting (``after_profession``: the
  profession rules alone; with N > 1 the workers place their files' findings);
- ``report``: rendering the report;
- ``workers``: each worker's CPU seconds (its whole life, start included).

With ``--one-at-a-time`` the N workers run one after another, each forked from the warm parent for
its share of the chunks (dealt round-robin), so that no two are busy at once: the sum of their CPU
against one worker's is the work an added worker repeats (memos refilled, results pickled), free of
what two busy cores cost each other (shared caches and memory bandwidth), which the sum of N
concurrent workers' CPU includes as well.

CPU time stays put when other work shares the machine, which wall time does not: the critical path
of a run on an idle machine is ``setup + warm + start + max(workers) + after + report`` (the parent's
own share of ``per_file`` overlaps the workers').
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def measure(
    path: Path, jobs: int | None, output_format: str = "json", *, pool: bool = False, one_at_a_time: bool = False
) -> dict:
    """``pool``: run the per-file stage in worker processes even with ``jobs`` 1 (one worker);
    ``one_at_a_time``: the ``jobs`` workers one after another (see the module's docstring)."""
    from rolelint.nlp import one_blas_thread, quieter_garbage_collector

    one_blas_thread()
    quieter_garbage_collector()
    import rolelint.engine as engine
    import rolelint.parallel as parallel
    import rolelint.schedule as schedule
    from rolelint.config import load_config
    from rolelint.reporters import REPORTERS

    marks: dict[str, float] = {}
    thread_marks: dict[str, float] = {}  # the main thread's own CPU (time.thread_time)
    pools: list = []

    def mark(name: str) -> None:
        marks[name] = time.process_time()
        thread_marks[name] = time.thread_time()

    original_lint_files = schedule.lint_files

    def lint_files(*args, **kwargs):
        mark("per_file_start")
        try:
            return original_lint_files(*args, **kwargs)
        finally:
            mark("per_file_end")

    engine.lint_files = lint_files
    from rolelint.registry import RuleCatalogue

    original_profession = RuleCatalogue.run_profession_rules
    profession_cpu = [0.0]

    def run_profession_rules(*args, **kwargs):
        begun = time.process_time()
        try:
            return original_profession(*args, **kwargs)
        finally:
            profession_cpu[0] += time.process_time() - begun

    RuleCatalogue.run_profession_rules = run_profession_rules  # type: ignore[method-assign]
    original_workers, original_in_workers = schedule.workers_for, parallel.lint_in_workers
    if pool:
        schedule.workers_for = lambda jobs, todo: 2  # past the in-process path, then ``jobs`` workers
        parallel.lint_in_workers = lambda entries, *args, workers, **kwargs: original_in_workers(
            entries, *args, workers=jobs, **kwargs
        )
    if one_at_a_time:

        def lint_in_turn(entries, config, catalogue, active, *, workers, keep_documents, progress, **kwargs):
            chunks = parallel.chunks_for(entries, workers)
            outcomes: dict[int, list] = {}
            for first in range(min(workers, len(chunks))):
                mine = list(range(first, len(chunks), workers))
                with parallel.WorkerPool(config, catalogue, active, workers=1) as one:
                    done = one.run(
                        [chunks[i] for i in mine], keep_documents=keep_documents, progress=progress, **kwargs
                    )
                for i in mine:  # one outcome per file, in the order of the chunks run
                    outcomes[i], done = done[: len(chunks[i])], done[len(chunks[i]) :]
            return [outcome for i in range(len(chunks)) for outcome in outcomes[i]]

        schedule.workers_for = lambda jobs, todo: max(2, jobs or 2)
        parallel.lint_in_workers = lambda entries, *args, workers, **kwargs: lint_in_turn(
            entries, *args, workers=jobs or 2, **kwargs
        )
    original_enter, original_run = parallel.WorkerPool.__enter__, parallel.WorkerPool.run
    original_warm = parallel.warm_up

    def warm_up(*args, **kwargs):
        mark("warm_start")
        try:
            return original_warm(*args, **kwargs)
        finally:
            mark("warm_end")

    def enter(self):
        mark("enter_start")
        pools.append(self)
        result = original_enter(self)
        mark("start_end")
        return result

    parallel.warm_up = warm_up
    parallel.WorkerPool.__enter__ = enter
    import os
    import tempfile

    pss_file = Path(tempfile.mkstemp(prefix="rolelint-pss-")[1])
    original_lint = parallel._lint

    def lint(*args, **kwargs):
        done = original_lint(*args, **kwargs)
        try:  # proportional set size: shared pages counted once across the processes sharing them
            for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    with pss_file.open("a") as out:
                        out.write(f"{os.getpid()} {line.split()[1]}\n")
        except OSError:
            pass
        return done

    lint.__module__, lint.__qualname__ = original_lint.__module__, original_lint.__qualname__  # pickled by name
    parallel._lint = lint
    started = time.process_time()
    wall = time.perf_counter()
    config = load_config(cwd=path if path.is_dir() else path.parent)
    result = engine.check([path], config, cwd=Path.cwd(), jobs=jobs)
    mark("checked")
    REPORTERS[output_format](result, False)
    mark("reported")
    wall = time.perf_counter() - wall
    parallel.WorkerPool.__enter__, parallel.WorkerPool.run = original_enter, original_run
    parallel.warm_up = original_warm
    engine.lint_files = original_lint_files
    RuleCatalogue.run_profession_rules = original_profession  # type: ignore[method-assign]
    parallel._lint = original_lint
    pss: dict[str, int] = {}
    for line in pss_file.read_text().splitlines():
        pid, kb = line.split()
        pss[pid] = max(pss.get(pid, 0), int(kb))
    pss_file.unlink()
    schedule.workers_for, parallel.lint_in_workers = original_workers, original_in_workers

    per_file = marks["per_file_end"] - marks["per_file_start"]
    split = {"setup": marks["per_file_start"] - started, "warm": 0.0, "start": 0.0}
    if pools:
        # The parent may load something on a second thread while it warms up (the language
        # detector, before forking): the critical path holds the longer of the two threads.
        entered = marks["enter_start"]
        main_warm = thread_marks.get("warm_end", thread_marks["enter_start"]) - thread_marks["enter_start"]
        main_enter = thread_marks["start_end"] - thread_marks["enter_start"]
        side = max(0.0, (marks["start_end"] - entered) - main_enter)
        split["warm"] = max(main_warm, side)
        split["warm_side_thread"] = side
        split["start"] = max(0.0, main_enter - main_warm)
        per_file -= marks["start_end"] - entered
    split["per_file"] = per_file
    split["after"] = marks["checked"] - marks["per_file_end"]
    split["after_profession"] = profession_cpu[0]
    split["report"] = marks["reported"] - marks["checked"]
    split["workers"] = sorted((cpu for made in pools for cpu in made.cpu_by_worker.values()), reverse=True)
    split["worker_peak_mb"] = max(
        (peak / 2**20 for made in pools for peak in made.peak_rss_by_worker.values()), default=0.0
    )
    split["worker_pss_mb"] = max(pss.values()) / 1024 if pss else 0.0
    split["method"] = pools[0].method if pools else "in-process"
    split["files"] = len(result.files)
    split["wall"] = wall
    import resource

    split["process_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return split


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--jobs", default="1", help="a number, or 'default' for what rolelint chooses")
    parser.add_argument("--format", default="json")
    parser.add_argument("--pool", action="store_true", help="worker processes even for --jobs 1")
    parser.add_argument("--one-at-a-time", action="store_true", help="the workers one after another, never two at once")
    args = parser.parse_args(argv)
    jobs = None if args.jobs == "default" else int(args.jobs)
    print(json.dumps(measure(args.path.resolve(), jobs, args.format, pool=args.pool, one_at_a_time=args.one_at_a_time)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
