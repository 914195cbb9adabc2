"""Which findings a change to the rules adds or removes over the evaluation adverts, with their verdicts.

    python benchmarks/finding_diff.py OTHER_TREE                 # every advert of the manifest
    python benchmarks/finding_diff.py OTHER_TREE --split fresh33 # one split's

OTHER_TREE is another checkout of rolelint (a ``git worktree`` of a branch, or ``git archive`` of a
commit unpacked): its rules and this checkout's are each run over the extracted adverts (see
``benchmarks/adverts/extract.py``) in a process of their own, through the public API as
``precision.py`` runs them, and the findings only one of the two gives are printed, keyed by advert,
line and rule, each with its verdict in this checkout's ``judgements.csv`` (TP, FP, or ``--`` when
unjudged). A change that removes a finding judged TP, or adds findings nobody has judged, shows here
before it lands; the commit that makes it can quote the counts.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import precision  # noqa: E402
from extract import DEFAULT_OUT, advert_filename, read_manifest  # noqa: E402

# Run in a fresh process with the tree's benchmarks first on the path: precision.py puts its own
# checkout first, so the rules and package are that tree's. The manifest rows come from this
# checkout (an older tree's manifest may not list the adverts).
_LINT = r"""
import json, sys
sys.path.insert(0, sys.argv[1] + "/benchmarks")
import precision
from pathlib import Path
rows = json.loads(sys.stdin.read())
findings, _ = precision.lint(Path(sys.argv[2]), rows)
for f in findings:
    print(json.dumps([f.advert, f.code, f.line, f.column, f.end_line, f.quote, f.severity, f.enabled_by_default, f.message]))
"""


def lint_with(tree: Path, adverts: Path, rows: list[dict[str, str]]) -> list[precision.Finding]:
    """The findings ``tree``'s rules give on the adverts of manifest ``rows``."""
    done = subprocess.run(
        [sys.executable, "-c", _LINT, str(tree), str(adverts)],
        input=json.dumps(rows),
        capture_output=True,
        text=True,
        check=True,
    )
    return [precision.Finding(*json.loads(line)) for line in done.stdout.splitlines() if line.startswith("[")]


def key(finding: precision.Finding) -> tuple[str, int, str]:
    return (finding.advert, finding.line, finding.code)


def changed(
    before: list[precision.Finding], after: list[precision.Finding]
) -> tuple[list[precision.Finding], list[precision.Finding]]:
    """The findings of ``before`` that ``after`` does not give (removed), and the other way (added),
    by (advert, line, rule)."""
    return _surplus(before, Counter(map(key, after))), _surplus(after, Counter(map(key, before)))


def _surplus(findings: list[precision.Finding], other: Counter) -> list[precision.Finding]:
    """The findings of ``findings`` beyond as many of each key as ``other`` has (the last ones)."""
    seen: Counter = Counter()
    out = []
    for f in findings:
        seen[key(f)] += 1
        if seen[key(f)] > other[key(f)]:
            out.append(f)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("other", type=Path, help="the other checkout (its rules are the 'after')")
    parser.add_argument("--adverts", type=Path, default=DEFAULT_OUT, help=f"extracted adverts (default {DEFAULT_OUT})")
    parser.add_argument("--split", help="only this split's adverts")
    args = parser.parse_args(argv)
    rows = [row for row in read_manifest() if args.split in (None, row["split"])]
    rows = [row for row in rows if (args.adverts / advert_filename(row)).is_file()]
    before = lint_with(HERE.parent, args.adverts, rows)
    after = lint_with(args.other.resolve(), args.adverts, rows)
    judge = precision.Judge(precision.read_judgements())
    removed, added = changed(before, after)
    tally: Counter[tuple[str, str]] = Counter()
    for sign, findings in (("-", removed), ("+", added)):
        for f in findings:
            verdict = judge.verdict(f) or "--"
            tally[(sign, verdict)] += 1
            print(f"{sign} {verdict:2} {f.advert}:{f.line} {f.code} {f.message[:80]} | {f.quote[:60]}")
    print(
        f"{len(rows)} adverts; removed {len(removed)} (TP {tally[('-', 'TP')]}, FP {tally[('-', 'FP')]}, "
        f"unjudged {tally[('-', '--')]}), added {len(added)} (TP {tally[('+', 'TP')]}, FP {tally[('+', 'FP')]}, "
        f"unjudged {tally[('+', '--')]})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
