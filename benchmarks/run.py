"""rolelint's benchmarks, printed as ratios against their targets in one run on one machine.

    python benchmarks/run.py                  # everything (several minutes)
    python benchmarks/run.py --record         # and append the results to benchmarks/RESULTS.md
    python benchmarks/run.py --only cold,cache

Measured, each in fresh processes (``rolelint`` as a user runs it, cache off unless said):

- throughput over ../shared/corpus: files/s, words/s, against a bare ``nlp.pipe`` over the same
  prose with the same model, and against proselint over the same files; rule overhead against NLP time;
- cold start on one advert against ``import spacy; spacy.load(MODEL)``; a schema-only run must not
  import spaCy;
- 1,000 generated role files: a fully cached re-run against the first run;
- profession rules over 1k / 5k / 10k generated roles: the 10k / 1k time ratio;
- peak memory over the corpus.

The corpus parts are skipped when ../shared/corpus is absent (a user's clone does not have it).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(HERE))

from generate import write_roles_repo  # noqa: E402

PYTHON = sys.executable
ROLELINT = [PYTHON, "-m", "rolelint"]


def compile_rolelint() -> str:
    """Compile rolelint's modules to bytecode, as an installed package already has them.

    A checkout run with PYTHONDONTWRITEBYTECODE set (or a read-only one) recompiles every module of
    rolelint on every start, which an installed rolelint, and the installed peers measured beside it,
    never pay. The benchmarks measure rolelint as a user runs it, so they compile it first."""
    import compileall

    import rolelint

    package = Path(rolelint.__file__).resolve().parent
    ok = compileall.compile_dir(str(package), quiet=1)
    return "compiled first, as an installed package has it" if ok else f"not compiled: compileall failed in {package}"


# --- running and measuring a command ----------------------------------------------------------

# Runs argv[2:] as a child, and writes its wall time, CPU time (its whole process tree), exit code,
# the largest process's peak RSS (getrusage of children) and the sampled peak RSS of its whole
# process tree to the file argv[1]. CPU time is the steadier measure on a busy machine.
_MEASURE = r"""
import json, os, resource, subprocess, sys, threading, time

def tree_rss(root):
    if not os.path.isdir("/proc"):
        return 0
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as handle:
                    parents[int(name)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    family, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in family:
                family.add(pid)
                frontier.append(pid)
    total = 0
    for pid in family:
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            pass
    return total

start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
peak = [0]
def sample():
    while child.poll() is None:
        peak[0] = max(peak[0], tree_rss(child.pid))
        time.sleep(0.05)
thread = threading.Thread(target=sample, daemon=True)
thread.start()
code = child.wait()
seconds = time.perf_counter() - start
thread.join(1)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
largest = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "returncode": code,
               "largest_rss": largest, "tree_rss": peak[0]}, out)
"""


@dataclass
class Measured:
    seconds: float
    cpu_seconds: float
    returncode: int
    largest_rss_mb: float
    tree_rss_mb: float
    stdout: str = ""
    stderr: str = ""


def measure(command: list[str], *, cwd: Path, env: dict | None = None) -> Measured:
    """Run ``command`` once in a fresh process and measure it."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "measure.json"
        out, err = Path(scratch) / "stdout", Path(scratch) / "stderr"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            subprocess.run(
                [PYTHON, "-c", _MEASURE, str(report), *command],
                cwd=cwd,
                stdout=stdout,
                stderr=stderr,
                env={**os.environ, **(env or {})},
                check=False,
            )
        data = json.loads(report.read_text())
        return Measured(
            data["seconds"],
            data["cpu"],
            data["returncode"],
            data["largest_rss"] / 2**20,
            data["tree_rss"] / 2**20,
            out.read_text(encoding="utf-8", errors="replace"),
            err.read_text(encoding="utf-8", errors="replace"),
        )


def best_of(runs: int, command: list[str], *, cwd: Path, env: dict | None = None) -> Measured:
    """The median run of ``runs`` (by wall time)."""
    results = sorted((measure(command, cwd=cwd, env=env) for _ in range(runs)), key=lambda m: m.seconds)
    return results[len(results) // 2]


def rolelint_ok(measured: Measured, what: str) -> Measured:
    if measured.returncode not in (0, 1):
        raise RuntimeError(f"{what}: rolelint exited {measured.returncode}:\n{measured.stderr[-2000:]}")
    return measured


def last_json_line(measured: Measured, what: str) -> dict:
    """The JSON object a measuring script printed last; a clear error with its stderr when it failed."""
    lines = measured.stdout.strip().splitlines()
    if measured.returncode != 0 or not lines:
        raise RuntimeError(
            f"{what}: exited {measured.returncode} and printed {'nothing' if not lines else 'something'} "
            f"on stdout:\n{measured.stderr[-3000:]}"
        )
    return json.loads(lines[-1])


# --- what the corpus holds --------------------------------------------------------------------


@dataclass
class Prose:
    files: list[Path]
    texts: list[str]

    @property
    def words(self) -> int:
        return sum(len(text.split()) for text in self.texts)


def corpus_prose(root: Path) -> Prose:
    """The files ``rolelint check ROOT`` lints, and the prose spans it reads in them (no spaCy)."""
    from rolelint.checks import normalise
    from rolelint.config import load_config
    from rolelint.discovery import discover
    from rolelint.filestage import load_entry

    config = load_config(cwd=root)
    entries, _ = discover([root], config, cwd=root)
    texts: list[str] = []
    for entry in entries:
        outcome = load_entry(entry, config)
        if outcome.document is not None:
            texts.extend(t for t in (normalise(span.text)[0] for span in outcome.document.spans) if t)
    return Prose([entry.path for entry in entries], texts)


def default_model() -> str:
    from rolelint.nlp import default_model as find

    return find()


# --- the benchmarks ---------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    value: str
    target: str = ""
    met: bool | None = None


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, value: str, target: str = "", met: bool | None = None) -> None:
        self.rows.append(Row(name, value, target, met))
        mark = "" if met is None else ("  ok" if met else "  MISSED")
        print(f"  {name:<52} {value:>22}  {target}{mark}", flush=True)


_BARE_PIPE = r"""
import json, sys, time
start = time.perf_counter()
import spacy
nlp = spacy.load(sys.argv[1])
loaded = time.perf_counter()
texts = json.load(open(sys.argv[2], encoding="utf-8"))
for _ in nlp.pipe(texts, batch_size=256):
    pass
done = time.perf_counter()
print(json.dumps({"load": loaded - start, "pipe": done - loaded}))
"""

_BREAKDOWN = r"""
import json, sys, time
from pathlib import Path
from rolelint.nlp import one_blas_thread, quieter_garbage_collector
one_blas_thread()  # as the command line does, before numpy loads
quieter_garbage_collector()  # as the command line does
import rolelint.runner as runner
import rolelint.filestage as filestage
import rolelint.registry as registry
from rolelint.config import load_config
from rolelint.engine import check

spent = {"nlp": 0.0, "nlp_in_rules": 0.0, "model_load": 0.0, "text_rules": 0.0, "load_and_schema": 0.0,
         "profession": 0.0}
inside = {"annotate": False}

def timed(owner, name, bucket):
    original = getattr(owner, name)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[bucket] += time.perf_counter() - start
    setattr(owner, name, wrapper)

timed(runner, "_annotate", "nlp")
import rolelint.nlp
timed(rolelint.nlp, "load_pipeline", "model_load")  # spaCy's load, on the first chunk's run_rules
original_annotate = runner._annotate
def annotate(*args, **kwargs):
    inside["annotate"] = True
    try:
        return original_annotate(*args, **kwargs)
    finally:
        inside["annotate"] = False
runner._annotate = annotate

# spaCy run by a rule itself (RL203 tags a doubtful duty again in a verb slot) is NLP time too.
from spacy.language import Language
original_pipe = Language.pipe
def pipe(self, *args, **kwargs):
    if inside["annotate"]:
        yield from original_pipe(self, *args, **kwargs)
        return
    docs = original_pipe(self, *args, **kwargs)
    while True:
        start = time.perf_counter()
        try:
            doc = next(docs)
        except StopIteration:
            return
        finally:
            spent["nlp_in_rules"] += time.perf_counter() - start
        yield doc
Language.pipe = pipe
timed(registry.RuleCatalogue, "run_text_rules", "text_rules")
timed(filestage, "load_entry", "load_and_schema")
timed(registry.RuleCatalogue, "run_profession_rules", "profession")
root = Path(sys.argv[1])
start = time.perf_counter()
config = load_config(cwd=Path.cwd())  # as `rolelint check ROOT` run from here: the same files, config and findings
check([root], config, cwd=Path.cwd(), jobs=1)
spent["total"] = time.perf_counter() - start
print(json.dumps(spent))
"""


def bench_throughput(report: Report, corpus: Path, model: str, runs: int) -> Measured:
    prose = corpus_prose(corpus)
    words, files = prose.words, len(prose.files)
    report.add("corpus", f"{files} files, {words:,} words")
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        full = rolelint_ok(
            best_of(runs, [*ROLELINT, "check", "--no-cache", "--format", "json", str(corpus)], cwd=scratch),
            "corpus run",
        )
        one = rolelint_ok(
            best_of(
                runs, [*ROLELINT, "check", "--no-cache", "--jobs", "1", "--format", "json", str(corpus)], cwd=scratch
            ),
            "corpus run, --jobs 1",
        )
        texts = scratch / "texts.json"
        texts.write_text(json.dumps(prose.texts), encoding="utf-8")
        bare = best_of(runs, [PYTHON, "-c", _BARE_PIPE, model, str(texts)], cwd=scratch)
        bare_split = last_json_line(bare, "bare nlp.pipe")
        proselint = shutil.which("proselint", path=str(Path(PYTHON).parent)) or shutil.which("proselint")
        prose_run = None
        if proselint:
            prose_run = best_of(
                runs, [proselint, "check", "--output-format", "json", *map(str, prose.files)], cwd=scratch
            )
        breakdown = last_json_line(
            measure([PYTHON, "-c", _BREAKDOWN, str(corpus)], cwd=scratch), "in-process breakdown"
        )
    wps = words / full.seconds
    report.add("rolelint, all cores (default --jobs)", _seconds(full))
    report.add("  files/s", f"{files / full.seconds:,.0f}")
    report.add("  words/s (per CPU-second)", f"{wps:,.0f} ({words / full.cpu_seconds:,.0f})")
    report.add("rolelint --jobs 1", _seconds(one))
    report.add("  words/s (per CPU-second)", f"{words / one.seconds:,.0f} ({words / one.cpu_seconds:,.0f})")
    report.add(f"bare nlp.pipe, full {model} (1 core)", _seconds(bare))
    report.add("  of which import + load / pipe", f"{bare_split['load']:.2f} s / {bare_split['pipe']:.2f} s")
    report.add(
        "rolelint words/s / bare nlp.pipe words/s",
        f"{bare.seconds / full.seconds:.2f}x",
        "(the practical ceiling is ~1x per core)",
    )
    report.add("  the same per CPU-second", f"{bare.cpu_seconds / full.cpu_seconds:.2f}x")
    if prose_run is not None:
        ratio = prose_run.seconds / full.seconds
        report.add("proselint over the same files", _seconds(prose_run))
        report.add("  words/s", f"{words / prose_run.seconds:,.0f}")
        report.add("rolelint words/s / proselint words/s", f"{ratio:.2f}x", ">= 1.0x", ratio >= 1.0)
        report.add("  the same per CPU-second", f"{prose_run.cpu_seconds / full.cpu_seconds:.2f}x")
        ratio_one = prose_run.seconds / one.seconds
        report.add("  the same with --jobs 1", f"{ratio_one:.2f}x", ">= 1.0x", ratio_one >= 1.0)
    else:
        report.add("proselint", "not installed (pip install proselint)")
    nlp_time = breakdown["nlp"] + breakdown["nlp_in_rules"]
    rule_time = breakdown["text_rules"] - nlp_time - breakdown["model_load"]
    overhead = rule_time / nlp_time if nlp_time else 0.0
    report.add("in-process --jobs 1: total", f"{breakdown['total']:.2f} s")
    report.add(
        "  load + schema / spaCy load / NLP / rules / profession",
        f"{breakdown['load_and_schema']:.2f} / {breakdown['model_load']:.2f} / {nlp_time:.2f} / "
        f"{rule_time:.2f} / {breakdown['profession']:.2f} s",
    )
    report.add(
        "  of the NLP: spaCy run by rules themselves (RL203's verb probes)", f"{breakdown['nlp_in_rules']:.2f} s"
    )
    report.add("rule overhead / NLP time", f"{overhead:.0%}", "< 25%", overhead < 0.25)
    report.add(
        "peak memory, largest process (getrusage)",
        f"{full.largest_rss_mb:.0f} MB",
        "<= 600 MB",
        full.largest_rss_mb <= 600,
    )
    report.add("peak memory, whole process tree (sampled)", f"{full.tree_rss_mb:.0f} MB")
    report.add("peak memory, --jobs 1", f"{one.largest_rss_mb:.0f} MB", "<= 600 MB", one.largest_rss_mb <= 600)
    return full


_SPACY_PROBE = r"""
import sys
from rolelint.cli import main
sys.argv = ["rolelint", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("SPACY-IMPORTED" if "spacy" in sys.modules else "SPACY-NOT-IMPORTED", file=sys.stderr)
"""


def one_advert(corpus: Path | None, scratch: Path) -> Path:
    if corpus is not None:
        adverts = sorted((corpus / "moj-job-descriptions").rglob("*.md")) or sorted(corpus.rglob("*.md"))
        if adverts:
            return adverts[0]
    advert = scratch / "advert.md"
    advert.write_text(
        "# Product manager\n\n## About the role\nYou will lead discovery with a team of eight, "
        "and work with user researchers and designers to decide what to build next.\n\n"
        "## Pay\n£45,000 to £52,000 a year.\n",
        encoding="utf-8",
    )
    return advert


def bench_cold_start(report: Report, corpus: Path | None, model: str, runs: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        advert = one_advert(corpus, scratch)
        report.add("advert", advert.name)
        spacy_load = best_of(runs, [PYTHON, "-c", f"import spacy; spacy.load({model!r})"], cwd=scratch)
        cold = rolelint_ok(best_of(runs, [*ROLELINT, "check", "--no-cache", str(advert)], cwd=scratch), "cold start")
        schema = rolelint_ok(
            best_of(
                runs, [PYTHON, "-c", _SPACY_PROBE, "check", "--no-cache", "--select", "RL0", str(advert)], cwd=scratch
            ),
            "schema-only run",
        )
        bare_python = best_of(runs, [PYTHON, "-c", "pass"], cwd=scratch)
    ratio = cold.seconds / spacy_load.seconds
    report.add("python -c 'import spacy; spacy.load(...)'", _seconds(spacy_load))
    report.add("rolelint check ADVERT (full catalogue)", _seconds(cold))
    report.add("cold start / spacy.load", f"{ratio:.2f}x", "<= 1.3x", ratio <= 1.3)
    report.add("  the same in CPU time", f"{cold.cpu_seconds / spacy_load.cpu_seconds:.2f}x")
    imported = "SPACY-IMPORTED" in schema.stderr
    report.add("schema-only run (--select RL0)", _seconds(schema))
    report.add("  imports spaCy", "yes" if imported else "no", "no", not imported)
    report.add("  (python -c pass)", f"{bare_python.seconds:.2f} s")


def bench_cache(report: Report, roles: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = write_roles_repo(Path(scratch) / "repo", roles)
        first = rolelint_ok(measure([*ROLELINT, "check", "--format", "json"], cwd=root), "first run")
        again = rolelint_ok(measure([*ROLELINT, "check", "--format", "json"], cwd=root), "cached run")
        if again.stdout != first.stdout:
            report.notes.append("the cached run's output differs from the first run's")
        # The same without profession rules, which re-run over the whole index on every run.
        per_file = [*ROLELINT, "check", "--format", "json", "--ignore", "RL3"]
        first_per_file = rolelint_ok(measure(per_file, cwd=root), "first run without RL3")
        again_per_file = rolelint_ok(measure(per_file, cwd=root), "cached run without RL3")
    ratio = again.seconds / first.seconds
    report.add(f"{roles} generated roles, first run (empty cache)", _seconds(first))
    report.add("  fully cached re-run", _seconds(again))
    report.add("cached re-run / first run", f"{ratio:.0%}", "<= 10%", ratio <= 0.10)
    report.add("  the same in CPU time", f"{again.cpu_seconds / first.cpu_seconds:.0%}")
    report.add("without profession rules (--ignore RL3): first run", _seconds(first_per_file))
    report.add("  fully cached re-run", _seconds(again_per_file))
    report.add(
        "  cached / first, wall (CPU)",
        f"{again_per_file.seconds / first_per_file.seconds:.0%} "
        f"({again_per_file.cpu_seconds / first_per_file.cpu_seconds:.0%})",
    )


def _seconds(measured: Measured) -> str:
    return f"{measured.seconds:.2f} s (CPU {measured.cpu_seconds:.2f} s)"


def bench_profession(report: Report, sizes: tuple[int, ...]) -> None:
    try:
        import rolelint.profession  # noqa: F401
    except ImportError:
        report.add("profession rules", "rolelint.profession absent: skipped")
        return
    seconds: dict[int, float] = {}
    cpu: dict[int, float] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            root = write_roles_repo(Path(scratch) / "repo", size)
            run = rolelint_ok(
                measure([*ROLELINT, "check", "--no-cache", "--select", "RL3", "--format", "json"], cwd=root),
                f"profession rules over {size} roles",
            )
            seconds[size] = run.seconds
            cpu[size] = run.cpu_seconds
            report.add(f"profession rules (--select RL3), {size:,} roles", _seconds(run))
    if len(sizes) > 1:
        ratio = seconds[sizes[-1]] / seconds[sizes[0]]
        allowed = 1.5 * sizes[-1] / sizes[0]
        report.add(
            f"time {_count(sizes[-1])} / {_count(sizes[0])}", f"{ratio:.1f}x", f"<= {allowed:g}x", ratio <= allowed
        )
        report.add("  the same in CPU time", f"{cpu[sizes[-1]] / cpu[sizes[0]]:.1f}x")


def _count(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


# --- putting it together ----------------------------------------------------------------------

SECTIONS = ("throughput", "cold", "cache", "profession")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = f", {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB RAM"
    except (ValueError, OSError, AttributeError):
        memory = ""
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}"


def run(
    sections: tuple[str, ...] = SECTIONS,
    *,
    runs: int = 3,
    cache_roles: int = 1000,
    profession_sizes: tuple[int, ...] = (1000, 5000, 10000),
    corpus: Path | None = CORPUS,
) -> Report:
    import rolelint

    report = Report()
    corpus = corpus if corpus is not None and corpus.is_dir() else None
    model = default_model()
    print(f"rolelint {rolelint.__version__} benchmarks, {datetime.date.today()}, {machine()}")
    if hasattr(os, "getloadavg"):
        report.add("load average at start (other work on the machine)", " / ".join(f"{x:.1f}" for x in os.getloadavg()))
    print(f"model {model}; median of {runs} runs where repeated\n")
    report.add("rolelint's bytecode", compile_rolelint())
    if "throughput" in sections:
        print("Throughput over the corpus (cache off)")
        if corpus is None:
            report.add("corpus", "absent: skipped")
        else:
            bench_throughput(report, corpus, model, runs)
    if "cold" in sections:
        print("\nCold start")
        bench_cold_start(report, corpus, model, runs)
    if "cache" in sections:
        print("\nCache")
        bench_cache(report, cache_roles)
    if "profession" in sections:
        print("\nProfession rules at scale")
        bench_profession(report, profession_sizes)
    if hasattr(os, "getloadavg"):
        report.add("load average at end", " / ".join(f"{x:.1f}" for x in os.getloadavg()))
    for note in report.notes:
        print(f"note: {note}")
    return report


def record(report: Report, path: Path = HERE / "RESULTS.md", *, title: str = "") -> None:
    import rolelint

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    heading = f"{datetime.date.today()} — rolelint {rolelint.__version__} ({commit or 'no git'})"
    lines = [
        f"\n## {title + ', ' if title else ''}{heading}",
        "",
        f"Machine: {machine()}",
        "",
        "| measure | value | target | |",
        "|---|---|---|---|",
    ]
    for row in report.rows:
        mark = "" if row.met is None else ("met" if row.met else "**missed**")
        lines.append(f"| {row.name.strip()} | {row.value} | {row.target} | {mark} |")
    lines += [f"\nNote: {note}" for note in report.notes]
    with path.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    print(f"\nrecorded in {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {', '.join(SECTIONS)}")
    parser.add_argument("--runs", type=int, default=3, help="repeats of the short measurements (median)")
    parser.add_argument("--record", action="store_true", help="append the results to benchmarks/RESULTS.md")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"the real-world corpus [default: {CORPUS}]")
    args = parser.parse_args(argv)
    sections = tuple(s.strip() for s in args.only.split(",") if s.strip())
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    started = time.perf_counter()
    report = run(sections, runs=args.runs, corpus=args.corpus)
    print(
        f"\n{sum(r.met is True for r in report.rows)} targets met, {sum(r.met is False for r in report.rows)} missed "
        f"({time.perf_counter() - started:.0f} s)"
    )
    if args.record:
        record(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
