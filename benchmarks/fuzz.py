"""A longer fuzz run than CI's: `python benchmarks/fuzz.py [--scale N]`.

Runs tests/hostile/test_fuzz.py (the text folding, and whole lints of adverts written to evade it)
with ``ROLELINT_FUZZ_SCALE=N`` (default 20: 6,000 folding examples per property and 300 lints, against
300 and 15 in CI), and prints how long it took and what Hypothesis found. Exit status is pytest's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=20, help="multiply the CI budget of examples by this")
    args = parser.parse_args()
    started, cpu = time.monotonic(), os.times()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--hypothesis-show-statistics",
            str(ROOT / "tests" / "hostile" / "test_fuzz.py"),
        ],
        cwd=ROOT,
        env={**os.environ, "ROLELINT_FUZZ_SCALE": str(args.scale)},
    )
    after = os.times()
    print(
        f"scale {args.scale}: {time.monotonic() - started:.1f} s wall, "
        f"{(after.children_user - cpu.children_user) + (after.children_system - cpu.children_system):.1f} s CPU, "
        f"load average {os.getloadavg()[0]:.2f}, exit {run.returncode}"
    )
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
