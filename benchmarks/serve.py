"""How quickly `rolelint serve` answers: start-up against `spacy.load`, and time to findings for a
700-word advert after start-up (p50/p95), against the same lint done in-process (the peer).

    python benchmarks/serve.py [--requests 60] [--record]

Start-up is the wall (and CPU) time from launching `rolelint serve --repo examples --port 0` to its
"ready" line: importing, loading the rules, the spaCy pipeline and the roles repo, and checking a
sample advert to warm up. The peer is `python -c "import spacy; spacy.load(MODEL)"` in a fresh process.

Time to findings is what the page waits for after the person stops typing: one POST /api/check of
a 700-word advert (a slightly different text each time, as typing makes it), from sending the
request to having the findings and the summary as JSON, measured by the client on this machine.
The server's CPU time per request comes from /proc. The peer is `Linter.lint_text` on the same
texts in this process, so the ratio shows what the page adds (HTTP, JSON, placing, the summary).
Target: p95 <= 300 ms on a 2-core machine. The machine's load average is printed: on a shared
machine, wall times swell and the CPU columns are the steadier comparison.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

TARGET_P95_MS = 300
WORDS = 700


def advert_of(words: int = WORDS) -> str:
    """A realistic advert of about ``words`` words: the example senior product manager advert,
    lengthened with generated duties, plus a few sketchy phrases so that there is something to find."""
    sys.path.insert(0, str(HERE))
    import random

    import generate

    base = (REPO / "examples" / "adverts" / "senior-product-manager.md").read_text(encoding="utf-8")
    rng = random.Random(7)
    extra = [
        "",
        "## More about the work",
        "",
        "We need a rockstar who can hit the ground running, and our chairman wants a native English speaker.",
    ]
    text = base + "\n".join(extra) + "\n"
    while len(re.findall(r"\w+", _body(text))) < words:
        text += f"\n- {generate._sentence(rng)} every week, and explain the results to {rng.choice(generate.PEOPLE)}."
    return text + "\n"


def _body(text: str) -> str:
    return text.split("---", 2)[2] if text.startswith("---") else text


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def spacy_load_seconds(model: str) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import spacy; spacy.load({model!r})"], check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def run(requests: int) -> list[tuple[str, str, str, str]]:
    from serve_helpers import running_server

    from rolelint import Linter
    from rolelint.nlp import default_model

    model = default_model()
    load_before = os.getloadavg()
    rows: list[tuple[str, str, str, str]] = []
    text = advert_of()
    words = len(re.findall(r"\w+", _body(text)))
    texts = [text + f"\nWe meet on day {n} of each month.\n" for n in range(requests)]
    rows.append(("advert", f"{words} words, {len(text):,} characters", "", ""))

    spacy_wall, spacy_cpu = spacy_load_seconds(model)
    started = time.perf_counter()
    with running_server("--repo", "examples") as server:
        startup_wall = time.perf_counter() - started
        startup_cpu = cpu_seconds(server.process.pid)
        # Time to findings, as the page asks for them.
        server.post_json("/api/check", {"text": texts[0]})
        times, cpu_before = [], cpu_seconds(server.process.pid)
        findings = 0
        for sample in texts:
            began = time.perf_counter()
            status, data = server.post_json("/api/check", {"text": sample})
            times.append((time.perf_counter() - began) * 1000)
            assert status == 200, data
            findings = len(data["findings"])
        server_cpu_ms = (cpu_seconds(server.process.pid) - cpu_before) * 1000 / len(texts)

    # The peer: the same lints in this process, through the API (no HTTP, no JSON, no summary).
    linter = Linter(start=REPO / "examples")
    linter.lint_text(texts[0], name="advert.md", kind="advert")
    peer, peer_cpu = [], time.process_time()
    for sample in texts:
        began = time.perf_counter()
        linter.lint_text(sample, name="advert.md", kind="advert")
        peer.append((time.perf_counter() - began) * 1000)
    peer_cpu_ms = (time.process_time() - peer_cpu) * 1000 / len(texts)
    load_after = os.getloadavg()

    p50, p95 = statistics.median(times), percentile(times, 0.95)
    peer50, peer95 = statistics.median(peer), percentile(peer, 0.95)
    rows += [
        ("python -c 'import spacy; spacy.load(...)'", f"{spacy_wall:.2f} s (CPU {spacy_cpu:.2f} s)", "", ""),
        ("rolelint serve --repo examples: launch to ready", f"{startup_wall:.2f} s (CPU {startup_cpu:.2f} s)", "", ""),
        ("start-up / spacy.load", f"{startup_wall / spacy_wall:.2f}x (CPU {startup_cpu / spacy_cpu:.2f}x)", "", ""),
        (f"time to findings, {len(texts)} checks: p50", f"{p50:.0f} ms", "", ""),
        (
            "time to findings: p95",
            f"{p95:.0f} ms",
            f"<= {TARGET_P95_MS} ms",
            "met" if p95 <= TARGET_P95_MS else "**missed**",
        ),
        ("server CPU per check", f"{server_cpu_ms:.0f} ms", "", ""),
        (
            "peer: Linter.lint_text in-process, p50 / p95",
            f"{peer50:.0f} / {peer95:.0f} ms (CPU {peer_cpu_ms:.0f} ms)",
            "",
            "",
        ),
        ("page / in-process lint, p50 (CPU)", f"{p50 / peer50:.2f}x ({server_cpu_ms / peer_cpu_ms:.2f}x)", "", ""),
        ("findings per check", str(findings), "", ""),
        (
            "load average (1, 5, 15 min) before / after",
            f"{'/'.join(f'{x:.1f}' for x in load_before)} / {'/'.join(f'{x:.1f}' for x in load_after)}",
            "",
            "",
        ),
    ]
    return rows


def table(rows) -> str:
    lines = ["| measure | value | target | |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def record(rows, path: Path = HERE / "RESULTS.md") -> None:
    import platform

    import spacy

    commit = (
        subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        or "unknown"
    )
    heading = (
        f"\n## {datetime.date.today().isoformat()} — the advert page (`rolelint serve`), commit {commit}\n\n"
        f"Machine: {platform.system()} {platform.release()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, spaCy {spacy.__version__}. Produced by `python benchmarks/serve.py "
        f"--record`; see its docstring for what each line measures.\n\n"
    )
    with path.open("a", encoding="utf-8") as handle:
        handle.write(heading + table(rows) + "\n")


def main(argv: list[str] | None = None) -> int:
    from rolelint.nlp import one_blas_thread, quieter_garbage_collector

    one_blas_thread()  # the peer runs as the command line and the server do: one BLAS thread, a calmer GC
    quieter_garbage_collector()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="checks to time (default 60)")
    parser.add_argument("--record", action="store_true", help="append the results to benchmarks/RESULTS.md")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = parser.parse_args(argv)
    rows = run(args.requests)
    print(table(rows))
    if args.json:
        print(json.dumps(rows))
    if args.record:
        record(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
