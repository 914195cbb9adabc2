"""What the text folding (rolelint.textfold) costs: `python benchmarks/fold.py [--baseline CHECKOUT]`.

1. Per span: every prose span of examples/ and ../shared/corpus is turned into what rules read
   (``SpanInput.of``: fold, then collapse whitespace) and, as the peer in the same process, only
   whitespace-collapsed (``normalise``, what rules read before folding). Prints CPU time of each and
   the ratio, and how many spans needed folding.
2. With ``--baseline CHECKOUT`` (e.g. a worktree of main before the folding), the whole command line
   over each folder, this checkout against CHECKOUT, alternating, CPU time of the child processes
   (`--no-cache --jobs 1`, every rule), best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from snapshot import folders  # noqa: E402  (examples/ and every corpus folder, as the snapshot lints them)

from rolelint.checks import SpanInput, normalise  # noqa: E402
from rolelint.config import load_config  # noqa: E402
from rolelint.discovery import discover  # noqa: E402
from rolelint.loaders import load_file  # noqa: E402
from rolelint.textfold import needs_folding  # noqa: E402


def spans() -> list:
    found = []
    for folder in folders():
        config = load_config(cwd=folder)
        entries, _ = discover([folder], config, cwd=folder)
        for entry in entries:
            loaded = load_file(
                entry.path, entry.display, kind_hint=config.kind_for(entry.relative), options=config.load_options
            )
            if loaded.document is not None:
                found.extend(loaded.document.spans)
    return found


def per_span(repeat: int) -> None:
    found = spans()
    folding = sum(needs_folding(span.text) for span in found)
    best = {}
    for name, make in (("normalise only", lambda s: normalise(s.text)), ("fold + normalise", SpanInput.of)):
        times = []
        for _ in range(repeat):
            started = time.process_time()
            for span in found:
                make(span)
            times.append(time.process_time() - started)
        best[name] = min(times)
    characters = sum(len(span.text) for span in found)
    print(
        f"{len(found):,} spans, {characters:,} characters; {folding:,} spans need folding "
        f"({folding / max(len(found), 1):.0%})"
    )
    for name, seconds in best.items():
        print(f"  {name:<18} {seconds * 1000:8.1f} ms CPU (best of {repeat})")
    print(f"  ratio              {best['fold + normalise'] / best['normalise only']:.2f}x")


def whole_run(baseline: Path, repeat: int) -> None:
    def cpu(checkout: Path, folder: Path) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "rolelint",
                "check",
                str(folder),
                "--no-cache",
                "--jobs",
                "1",
                "--select",
                "ALL",
                "--fail-on",
                "never",
                "--format",
                "json",
            ],
            cwd=checkout,
            stdout=subprocess.DEVNULL,
            check=True,
            env={**os.environ, "PYTHONPATH": str(checkout)},
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    total = {"this": 0.0, "baseline": 0.0}
    for folder in folders():
        best = {"this": float("inf"), "baseline": float("inf")}
        for _ in range(repeat):
            for name, checkout in (("baseline", baseline), ("this", ROOT)):
                best[name] = min(best[name], cpu(checkout, folder))
        for name in total:
            total[name] += best[name]
        print(
            f"  {folder.name:<40} baseline {best['baseline']:6.2f} s  this {best['this']:6.2f} s  "
            f"{best['this'] / best['baseline']:.3f}x"
        )
    print(
        f"  {'all':<40} baseline {total['baseline']:6.2f} s  this {total['this']:6.2f} s  "
        f"{total['this'] / total['baseline']:.3f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="a checkout to compare whole runs with")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    per_span(args.repeat)
    if args.baseline:
        whole_run(args.baseline.resolve(), args.repeat)


if __name__ == "__main__":
    main()
