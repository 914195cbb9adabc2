"""`rolelint audit` against `rolelint check --jobs N` on the same adverts, and how its cost grows.

    python benchmarks/audit.py                           # 500, 1,000 and 2,000 adverts, 2 workers
    python benchmarks/audit.py --sizes 1000,10000,100000 --workers 16 --record

The adverts are made by examples/audit/generate.py (from the example roles repo's own text), written
once as JSON Lines for the audit and once as Markdown files in a copy of the example roles repo for
`rolelint check`; both check them against that repo (--repo / its config). Each run is a fresh
process, cache off, measured in wall time and in CPU time of its whole process tree (the steadier
figure on a busy machine). Prints adverts per second, the audit's throughput as a share of check's
(target: within 15%), and the CPU per advert at each size (linear: the same at every size).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from run import PYTHON, Report, machine, measure, record  # noqa: E402


def _generator():
    spec = importlib.util.spec_from_file_location("audit_sample", REPO / "examples" / "audit" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bench(report: Report, sizes: list[int], workers: int) -> None:
    generator = _generator()
    per_advert: dict[int, float] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            adverts = generator.generate_adverts(size, seed=size)
            words = sum(len(a["text"].split()) for a in adverts)
            source = scratch / "adverts.jsonl"
            generator.write_jsonl(adverts, source)
            audited = shutil.copytree(REPO / "examples", scratch / "audited", ignore=shutil.ignore_patterns("audit"))
            audit = measure(
                [
                    PYTHON,
                    "-m",
                    "rolelint",
                    "audit",
                    str(source),
                    "--repo",
                    str(audited),
                    "-o",
                    str(scratch / "out"),
                    "--workers",
                    str(workers),
                ],
                cwd=scratch,
            )
            if audit.returncode != 0:
                raise RuntimeError(f"audit exited {audit.returncode}: {audit.stderr[-2000:]}")
            summary = json.loads((scratch / "out" / "report" / "summary.json").read_text())
            assert summary["adverts"] == size, summary["adverts"]
            report.add(f"{size:,} adverts ({words:,} words): audit, {workers} workers", _seconds(audit))
            report.add("  adverts/s (per CPU-second)", f"{size / audit.seconds:,.0f} ({size / audit.cpu_seconds:,.0f})")
            per_advert[size] = audit.cpu_seconds / size
            if size == sizes[-1]:
                checked = shutil.copytree(
                    REPO / "examples", scratch / "checked", ignore=shutil.ignore_patterns("audit")
                )
                folder = checked / "adverts" / "audit"
                folder.mkdir(parents=True)
                for advert in adverts:
                    (folder / f"{advert['id']}.md").write_text(advert["text"], encoding="utf-8")
                check = measure(
                    [
                        PYTHON,
                        "-m",
                        "rolelint",
                        "check",
                        "--no-cache",
                        "--jobs",
                        str(workers),
                        "--format",
                        "json",
                        str(folder),
                    ],
                    cwd=checked,
                )
                if check.returncode not in (0, 1):
                    raise RuntimeError(f"check exited {check.returncode}: {check.stderr[-2000:]}")
                report.add(f"  rolelint check --jobs {workers}, same adverts", _seconds(check))
                report.add(
                    "  adverts/s (per CPU-second)", f"{size / check.seconds:,.0f} ({size / check.cpu_seconds:,.0f})"
                )
                ratio = check.seconds / audit.seconds
                report.add("  audit throughput / check throughput (wall)", f"{ratio:.2f}", ">= 0.85", ratio >= 0.85)
                report.add("  the same per CPU-second", f"{check.cpu_seconds / audit.cpu_seconds:.2f}")
                report.add(
                    "  peak memory: audit tree / check tree (sampled)",
                    f"{audit.tree_rss_mb:.0f} MB / {check.tree_rss_mb:.0f} MB",
                )
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        report.add(
            f"CPU per advert, {first:,} / {last:,} adverts",
            f"{per_advert[first] * 1000:.1f} / {per_advert[last] * 1000:.1f} ms",
        )
        growth = (per_advert[last] * last) / (per_advert[first] * first)
        report.add(
            f"cost {last:,} / {first:,} adverts (linear: {last / first:g}x)",
            f"{growth:.2f}x",
            f"<= {1.15 * last / first:g}x",
            growth <= 1.15 * last / first,
        )


def _seconds(measured) -> str:
    return f"{measured.seconds:.1f} s (CPU {measured.cpu_seconds:.1f} s)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,1000,2000", help="numbers of adverts, comma-separated")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    report = Report()
    print(f"rolelint audit benchmark, {machine()}")
    if hasattr(os, "getloadavg"):
        report.add("load average at start (other work on the machine)", " / ".join(f"{x:.1f}" for x in os.getloadavg()))
    started = time.perf_counter()
    bench(report, sizes, args.workers)
    if hasattr(os, "getloadavg"):
        report.add("load average at end", " / ".join(f"{x:.1f}" for x in os.getloadavg()))
    print(f"\n({time.perf_counter() - started:.0f} s)")
    if args.record:
        record(report, title="audit (benchmarks/audit.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
