"""Each rule's precision on the clean first runs: the findings each clean batch got from the rules as
they stood when it was first run, judged by reviewers who had not seen the batch's gold.

    python benchmarks/adverts/extract.py            # the adverts (see its docstring)
    python benchmarks/first_runs.py                 # -> benchmarks/adverts/first_runs.csv

A batch's first run is the first row of its split in ``history.csv`` (``precision.py``'s clean table).
Its rules are those of the commit the row's label names ("rules at 36ee498", "rules as at 4347373"),
else of the commit the row was recorded at. For each batch this script takes that commit's package and
rule files out of git (``git archive``) into a scratch folder, runs them over the batch's adverts in a
separate Python process (the same public API call as ``precision.py``), and looks up each finding's
judgement in today's ``judgements.csv``: a judgement is never changed once written, so the first run's
verdicts are still there (the first one written for a finding is used). Each batch's totals are printed
beside its history row (``KNOWN_DIFFERENCES`` lists the batches that no longer reproduce it exactly,
and why). The counts per batch and rule go to ``first_runs.csv``, which ``precision.py --markdown``
pools into the per-rule table of docs/precision.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "adverts"))

import precision  # noqa: E402
from extract import DEFAULT_OUT, advert_filename, read_manifest  # noqa: E402

REPO = HERE.parent
FIRST_RUNS = HERE / "adverts" / "first_runs.csv"
FIELDS = ["split", "rules_at", "code", "severity", "enabled", "tp", "judged"]
# Batches whose first run no longer gives exactly its history row's (TP, judged), with today's: judgements
# re-keyed to moved lines, and quotes read differently, since it was recorded.
KNOWN_DIFFERENCES = {"fresh2": (145, 159), "fresh3": (157, 183), "fresh4": (167, 200), "fresh7": (163, 193)}
_RULES_AT = re.compile(r"rules (?:as )?at ([0-9a-f]{7,40})")

# Run in the scratch folder's Python process: the diagnostics and each rule's default, as JSON.
_LINT = """
import json, sys
from pathlib import Path
import rolelint
from rolelint.api import Linter
from rolelint.config import Config
assert Path(rolelint.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()), rolelint.__file__
root = Path(sys.argv[2])
result = Linter(Config(root=root)).lint_paths([Path(p) for p in sys.argv[3:]], cwd=root)
defaults = {code: info.enabled for code, info in result.rules.items()}
json.dump({"diagnostics": [d.to_dict() for d in result.diagnostics], "defaults": defaults}, sys.stdout)
"""


def rules_commit(row: dict[str, str]) -> str:
    """The commit whose rules a first run measured: the one its label names, else the recorded one."""
    found = _RULES_AT.search(row["label"])
    return found.group(1) if found else row["commit"]


def checkout(commit: str, into: Path) -> None:
    """The package, its rule files and schemas at ``commit``, written under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", commit, "rolelint", "rules", "schemas", "pyproject.toml"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def lint_at(tree: Path, root: Path, paths: list[Path]) -> tuple[list[dict], dict[str, bool]]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, "-c", _LINT, str(tree), str(root), *map(str, paths)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tree,
    )
    if done.returncode != 0:
        raise RuntimeError(f"rolelint at {tree.name} failed:\n{done.stderr[-2000:]}")
    out = json.loads(done.stdout)
    return out["diagnostics"], out["defaults"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--adverts", type=Path, default=DEFAULT_OUT, help=f"extracted adverts (default {DEFAULT_OUT})")
    parser.add_argument("--out", type=Path, default=FIRST_RUNS, help="CSV to write")
    parser.add_argument("--split", action="append", help="only these batches (repeatable); default every one")
    args = parser.parse_args(argv)

    rows = read_manifest()
    # The first judgement written for a finding is the one its first run was counted with; a later
    # row for the same finding (a later session's call on a moved line) must not change that figure.
    judge = precision.Judge(precision.read_judgements(), keep="first")
    gold = precision.read_gold()
    runs = [r for r in precision.first_runs(precision.history_rows()) if not args.split or r["split"] in args.split]
    out_rows: list[dict[str, object]] = []
    for run in runs:
        split, commit = run["split"], rules_commit(run)
        mine = [r for r in rows if r["split"] == split]
        missing = [r["id"] for r in mine if not (args.adverts / advert_filename(r)).is_file()]
        if missing:
            print(f"{split}: {len(missing)} adverts missing from {args.adverts}; run extract.py first", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory() as scratch:
            tree = Path(scratch)
            checkout(commit, tree)
            findings, _ = precision.lint(
                args.adverts, mine, run=lambda paths, root, tree=tree: lint_at(tree, root, paths)
            )
        report = precision.build_report(split, rows, findings, judge, gold, args.adverts)
        tp, judged = report.overall
        expected = (int(run["tp"]), int(run["judged"]))
        check = "as its history row" if (tp, judged) == expected else f"its history row: {expected[0]} / {expected[1]}"
        print(f"{split:8} rules at {commit}: {tp} / {judged}, {len(report.unjudged)} unjudged; {check}")
        for code, (right, n) in sorted(report.per_rule.items()):
            out_rows.append(
                {
                    "split": split,
                    "rules_at": commit,
                    "code": code,
                    "severity": report.severities.get(code, ""),
                    "enabled": report.default_on.get(code, True),
                    "tp": right,
                    "judged": n,
                }
            )
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out_rows)
    print(f"wrote {len(out_rows)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
