"""Findings before and after a change, to show a refactor changed none: `snapshot.py dump OUT.json`
lints examples/ and every folder of ../shared/corpus (when present) with every rule and no cache;
`snapshot.py compare A.json B.json` prints the findings only one side has and exits 1 if any.

Run it from the checkout whose code is to be measured: `python benchmarks/snapshot.py dump before.json`
on main, the same on the branch, then compare. Each folder is linted as `rolelint check` would be,
with its own config, so a profession rule sees the roles repo it belongs to.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def folders() -> list[Path]:
    found = [ROOT / "examples"]
    if CORPUS.is_dir():
        found += sorted(p for p in CORPUS.iterdir() if p.is_dir())
    return found


def dump(out: Path, *, jobs: int) -> None:
    findings: dict[str, list[list]] = {}
    for folder in folders():
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "rolelint",
                "check",
                str(folder),
                "--format",
                "json",
                "--no-cache",
                "--fail-on",
                "never",
                "--select",
                "ALL",
                "--jobs",
                str(jobs),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if run.returncode != 0:
            sys.exit(f"{folder}: rolelint exited {run.returncode}\n{run.stderr}")
        rows = [
            [d["path"], d["line"], d["column"], d["end_line"], d["end_column"], d["code"], d["severity"], d["message"]]
            for d in json.loads(run.stdout)["diagnostics"]
        ]
        findings[folder.name] = rows
        print(f"{folder.name}: {len(rows)} findings", file=sys.stderr)
    out.write_text(json.dumps(findings, indent=0, ensure_ascii=False), encoding="utf-8")


def compare(a: Path, b: Path) -> int:
    left = json.loads(a.read_text(encoding="utf-8"))
    right = json.loads(b.read_text(encoding="utf-8"))
    changed = 0
    for folder in sorted(set(left) | set(right)):
        before = {tuple(row) for row in left.get(folder, [])}
        after = {tuple(row) for row in right.get(folder, [])}
        for row in sorted(before - after):
            print("-", folder, *row)
        for row in sorted(after - before):
            print("+", folder, *row)
        changed += len(before ^ after)
    print(f"{changed} finding(s) differ" if changed else "SAME", file=sys.stderr)
    return 1 if changed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--jobs", type=int, default=2)
    comparing = commands.add_parser("compare")
    comparing.add_argument("a", type=Path)
    comparing.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, jobs=args.jobs)
    else:
        sys.exit(compare(args.a, args.b))


if __name__ == "__main__":
    main()
