"""How `rolelint check --jobs N` scales, measured in CPU time so that a busy machine does not blur it.

    python benchmarks/scaling.py                 # over ../shared/corpus
    python benchmarks/scaling.py --record        # and append the results to benchmarks/RESULTS.md

Prints, each as ratios:

- the cost of starting a worker: forked from the warm parent (the parent's CPU per fork, and the
  CPU a worker repeats beyond its share of the work, from one worker against two run one after
  another) and spawned (a fresh process loading the catalogue and pipeline); apart from it, the CPU
  two workers busy at once cost each other on this machine (shared caches and memory bandwidth), a
  property of the hardware that Amdahl's law does not model, shown beside its prediction;
- the scaling curve over the corpus for 1 .. all cores: the critical path of each run (the
  parent's serial CPU plus the slowest worker's, which is what an idle machine's wall time would
  be), speedup and efficiency, and the wall time measured;
- the serial share of a run (setup and discovery, loading the pipeline before forking, merging,
  profession rules, placing, reporting) and what Amdahl's law gives with these figures on 16 cores,
  for the corpus and for a run twice its size (1.5 M words, as measured on a 16-core machine);
- the default --jobs against --jobs 1 on inputs from 20 kB to the whole corpus;
- words per CPU-second against proselint over the same files;
- each worker's peak memory (resident, and proportional: pages shared with the parent counted once).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import CORPUS, PYTHON, Report, compile_rolelint, corpus_prose, machine, measure, record  # noqa: E402

SPLIT = [PYTHON, str(HERE / "split.py")]


def split(path: Path, jobs: int | None, *, pool: bool = False, one_at_a_time: bool = False, runs: int = 1) -> dict:
    """benchmarks/split.py in a fresh process; the run with the median critical path of ``runs``."""
    found = []
    for _ in range(runs):
        command = [*SPLIT, str(path), "--jobs", "default" if jobs is None else str(jobs)]
        command += (["--pool"] if pool else []) + (["--one-at-a-time"] if one_at_a_time else [])
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["critical"] = critical_path(result)
        found.append(result)
    found.sort(key=lambda r: r["critical"])
    return found[len(found) // 2]


def serial(result: dict) -> float:
    return result["setup"] + result["warm"] + result["start"] + result["after"] + result["report"]


def critical_path(result: dict) -> float:
    work = max(result["workers"]) if result["workers"] else result["per_file"]
    return serial(result) + work


_SPAWNED_WORKER = r"""
import sys, time
from pathlib import Path
start = time.process_time()
from rolelint.config import load_config
from rolelint.parallel import _start_worker
config = load_config(cwd=Path(sys.argv[1]))
from rolelint.registry import load_catalogue
import os
_start_worker(os.getppid(), config, set(load_catalogue(config).text_rules))
print(time.process_time() - start)
"""

_IMPORT = "import time; s = time.process_time(); import rolelint.cli, rolelint.engine; print(time.process_time() - s)"


def subsets(corpus: Path, scratch: Path, sizes: list[int]) -> list[tuple[int, Path]]:
    files = sorted(p for p in corpus.rglob("*.md") if p.stat().st_size < 100_000)
    made = []
    for size in sizes:
        folder = scratch / f"{size // 1000}k"
        folder.mkdir(parents=True)
        total = 0
        for n, path in enumerate(files):
            if total >= size:
                break
            shutil.copy(path, folder / f"{n:04d}-{path.name}")
            total += path.stat().st_size
        made.append((total, folder))
    return made


def bench(report: Report, corpus: Path, runs: int) -> None:
    from rolelint.schedule import BYTES_PER_WORKER, available_cores

    cores = available_cores()
    prose = corpus_prose(corpus)
    words = prose.words
    report.add(
        "corpus", f"{len(prose.files)} files, {words:,} words, {sum(p.stat().st_size for p in prose.files):,} bytes"
    )

    print("\nStarting a worker")
    imports = float(subprocess.run([PYTHON, "-c", _IMPORT], capture_output=True, text=True, check=True).stdout)
    spawned = float(
        subprocess.run([PYTHON, "-c", _SPAWNED_WORKER, str(corpus)], capture_output=True, text=True, check=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    one_in_process = split(corpus, 1, runs=runs)
    # One worker, two one after another, two at once, in alternating rounds so that a change in the
    # machine's load falls on all three: the differences of each round, then their median.
    rounds = [
        (split(corpus, 1, pool=True), split(corpus, 2, one_at_a_time=True), split(corpus, 2))
        for _ in range(max(runs, 3))
    ]
    one_worker = sorted((r[0] for r in rounds), key=lambda r: sum(r["workers"]))[len(rounds) // 2]
    two = sorted((r[2] for r in rounds), key=lambda r: r["critical"])[len(rounds) // 2]
    repeated = sorted(sum(seq["workers"]) - sum(one["workers"]) for one, seq, _ in rounds)
    busy = sorted(sum(both["workers"]) - sum(seq["workers"]) for _, seq, both in rounds)
    extra = repeated[len(repeated) // 2]
    contention = busy[len(busy) // 2]
    fork_cost = max(two["start"] / 2, 0.0)
    report.add("python start + import rolelint (CPU)", f"{imports:.2f} s")
    report.add("spawned worker: imports, catalogue, pipeline, memos (CPU)", f"{spawned:.2f} s")
    report.add("forked worker: parent's CPU per fork", f"{fork_cost * 1000:.1f} ms")
    report.add(
        "forked worker: CPU an added worker repeats (2 one after another vs 1)",
        f"{extra:.2f} s",
        f"(memos refilled, results pickled; rounds: {', '.join(f'{x:.2f}' for x in repeated)})",
    )
    report.add("  as a share of the work", f"{extra / sum(one_worker['workers']):.1%}")
    report.add(
        "two busy cores: CPU added by running the 2 at once",
        f"{contention:.2f} s",
        f"(this machine's shared caches and memory; rounds: {', '.join(f'{x:.2f}' for x in busy)})",
    )
    report.add("  as a share of the work", f"{contention / sum(one_worker['workers']):.1%}")

    print("\nScaling curve over the corpus (critical path = parent's serial CPU + slowest worker's CPU)")
    t1 = one_in_process["critical"]
    report.add("--jobs 1 (in-process): critical path / wall", f"{t1:.2f} s / {one_in_process['wall']:.1f} s")
    curve = {1: one_in_process}
    for n in range(2, cores + 1):
        curve[n] = two if n == 2 else split(corpus, n, runs=runs)
    for n, result in curve.items():
        if n == 1:
            continue
        speedup = t1 / result["critical"]
        report.add(f"--jobs {n}: critical path / wall", f"{result['critical']:.2f} s / {result['wall']:.1f} s")
        report.add(
            "  speedup, efficiency",
            f"{speedup:.2f}x, {speedup / n:.0%}",
            ">= 1.7x" if n == 2 else "",
            speedup >= 1.7 if n == 2 else None,
        )
        report.add("  workers' CPU (s)", " / ".join(f"{w:.2f}" for w in result["workers"]))

    print("\nAmdahl's law with these figures")
    parallel_cpu = sum(one_worker["workers"])
    per_worker = max(extra, 0.0)
    report.add(
        "serial CPU: start-up / setup / pipeline load / after / report",
        f"{imports:.2f} / {two['setup']:.2f} / {two['warm']:.2f} / {two['after']:.2f} / {two['report']:.2f} s",
    )
    report.add("parallel CPU (one worker's whole share)", f"{parallel_cpu:.2f} s")
    for label, scale in (("the corpus", 1), ("twice the corpus (1.5 M words)", 2)):
        fixed = imports + two["warm"]  # once per run whatever its size
        grows = (two["setup"] + two["after"] + two["report"]) * scale
        work = parallel_cpu * scale
        t_1 = fixed + grows + work
        for n in (2, 16):
            t_n = fixed + grows + n * fork_cost + work / n + per_worker
            report.add(
                f"  {label}: predicted speedup on {n} cores",
                f"{t_1 / t_n:.1f}x",
                ">= 12x" if n == 16 else "",
                (t_1 / t_n >= 12) if n == 16 else None,
            )
        slowed = fixed + grows + 16 * fork_cost + work / 16 * (1 + contention / parallel_cpu) + per_worker
        report.add(f"  {label}: on 16 cores each slowed as two are here", f"{t_1 / slowed:.1f}x")
        share = (fixed + grows) / t_1
        report.add(f"  {label}: serial share (start-up and model load included)", f"{share:.1%}")
        t_16_grows = grows + 16 * fork_cost + work / 16 + per_worker
        report.add(
            f"  {label}: speedup on 16 cores of the part that grows with the input",
            f"{(grows + work) / t_16_grows:.1f}x",
        )

    print("\nDefault --jobs against --jobs 1, by input size")
    with tempfile.TemporaryDirectory() as scratch:
        for size, folder in subsets(corpus, Path(scratch), [20_000, 100_000, 300_000, 600_000, 1_200_000]) + [
            (sum(p.stat().st_size for p in prose.files), corpus)
        ]:
            # Alternating rounds, the median ratio: a small input's run is short enough for the
            # machine's noise to reach a few percent (the whole corpus once, as the curve above).
            ratios = []
            for _ in range(max(runs, 3) if folder != corpus else runs):
                single = split(folder, 1)
                default = split(folder, None)
                ratios.append(default["critical"] / single["critical"])
            ratio = sorted(ratios)[len(ratios) // 2]
            used = len(default["workers"]) or 1
            report.add(
                f"{size / 1000:,.0f} kB: default ({used} worker{'s' if used > 1 else ''}) / --jobs 1",
                f"{ratio:.2f}",
                "<= 1.0",
                ratio <= 1.02,
            )

    print("\nWords per CPU-second against proselint (same files)")
    proselint = shutil.which("proselint", path=str(Path(PYTHON).parent)) or shutil.which("proselint")
    with tempfile.TemporaryDirectory() as scratch:
        ours = measure(
            [PYTHON, "-m", "rolelint", "check", "--no-cache", "--jobs", "1", "--format", "json", str(corpus)],
            cwd=Path(scratch),
        )
        report.add("rolelint --jobs 1: words per CPU-second", f"{words / ours.cpu_seconds:,.0f}")
        if proselint:
            theirs = measure([proselint, "check", "--output-format", "json", *map(str, prose.files)], cwd=Path(scratch))
            report.add("proselint: words per CPU-second", f"{words / theirs.cpu_seconds:,.0f}")
            ratio = theirs.cpu_seconds / ours.cpu_seconds
            report.add("rolelint / proselint, per core", f"{ratio:.2f}x", ">= 1.5x", ratio >= 1.5)
        else:
            report.add("proselint", "not installed (it is in the test extra)")

    print("\nMemory")
    report.add("peak memory, --jobs 1 process", f"{one_in_process['process_peak_mb']:.0f} MB")
    report.add(
        "peak memory per worker, --jobs 2 (resident)",
        f"{two['worker_peak_mb']:.0f} MB",
        "<= 400 MB",
        two["worker_peak_mb"] <= 400,
    )
    report.add("  proportional (shared pages counted once)", f"{two['worker_pss_mb']:.0f} MB")
    report.add(
        "default workers per input",
        f"one per {BYTES_PER_WORKER['fork'] // 1000} kB (fork), {BYTES_PER_WORKER['spawn'] // 1_000_000} MB (spawn)",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=1, help="repeats of each split (median)")
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus} is absent: nothing to measure")
        return 0
    report = Report()
    print(f"rolelint --jobs scaling, {machine()}")
    if hasattr(os, "getloadavg"):
        report.add("load average at start (other work on the machine)", " / ".join(f"{x:.1f}" for x in os.getloadavg()))
    report.add("rolelint's bytecode", compile_rolelint())
    started = time.perf_counter()
    bench(report, args.corpus, args.runs)
    if hasattr(os, "getloadavg"):
        report.add("load average at end", " / ".join(f"{x:.1f}" for x in os.getloadavg()))
    print(f"\n({time.perf_counter() - started:.0f} s)")
    if args.record:
        record(report, title="--jobs scaling (benchmarks/scaling.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
