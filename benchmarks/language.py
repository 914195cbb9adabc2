"""The cost of telling languages apart, as a share of linting the same files.

Lints every Markdown, text and YAML file of ../shared/corpus once (one process, --no-cache, all
rules) with the public API, timing in the same process the part spent in rolelint.language (the
cheap English test over every span, the detector on the documents that need it, and loading the
detector's model), and prints that CPU time against the whole run's. Also prints how many documents
were found to hold another language (the corpus is English: any is a false alarm).

    .venv/bin/python benchmarks/language.py [CORPUS_DIR]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import rolelint
from rolelint import language


def main() -> int:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus")
    if not corpus.is_dir():
        print(f"no corpus at {corpus}; nothing measured")
        return 0
    spent = [0.0]
    detector = [0.0, 0]
    original_spans, original_classify = language.span_languages, language.classify

    def timed_spans(*args, **kwargs):
        start = time.process_time()
        try:
            return original_spans(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - start

    def timed_classify(text):
        start = time.process_time()
        try:
            return original_classify(text)
        finally:
            detector[0] += time.process_time() - start
            detector[1] += 1

    language.span_languages, language.classify = timed_spans, timed_classify
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".txt", ".yaml", ".yml") and p.is_file())
    linter = rolelint.Linter(start=corpus)
    start_cpu, start_wall = time.process_time(), time.perf_counter()
    result = linter.lint_paths(files, cwd=corpus, jobs=1)
    total_cpu, total_wall = time.process_time() - start_cpu, time.perf_counter() - start_wall
    flagged = sorted({d.path for d in result.diagnostics if d.code == "RL210"})
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"files linted: {len(result.files)}; findings: {len(result.diagnostics)}")
    print(f"whole run: {total_cpu:.2f} CPU-s ({total_wall:.2f} s wall)")
    print(
        f"language detection: {spent[0]:.2f} CPU-s = {100 * spent[0] / total_cpu:.1f}% of the run "
        f"(detector: {detector[1]} spans, {detector[0]:.2f} CPU-s including loading its model)"
    )
    print(f"documents reported as not (all) English (RL210): {len(flagged)}")
    for path in flagged[:20]:
        print(f"  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
