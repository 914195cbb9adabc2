"""Rebuild the advert evaluation set from local git mirrors of its source repositories.

The adverts themselves are third-party text and are not committed: `manifest.csv` names, for each
advert, the public repository, commit and path it comes from. This script reads each one with
`git show COMMIT:PATH` from a bare or normal clone of that repository and writes it to the output
directory as `<id><suffix>` (`.md` for Markdown with or without front matter, `.html`, `.txt`).

    python benchmarks/adverts/extract.py                       # -> /work/adverts-eval
    python benchmarks/adverts/extract.py OUT_DIR --mirrors DIR
    python benchmarks/adverts/extract.py --split fresh3         # only one split's adverts

A mirror of `owner/name` is looked for at `DIR/owner+name/repo`, then `DIR/owner+name`, then
`DIR/owner/name` (default DIR: /work/.mirror, where the session's fetch tool puts them; any
`git clone --mirror https://github.com/owner/name` works). Missing mirrors or commits are listed
with the repositories to fetch, their adverts are skipped, and the exit code is 0 as long as at
least one advert was written (1 if none).
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.csv"
DEFAULT_OUT = Path("/work/adverts-eval")
DEFAULT_MIRRORS = Path("/work/.mirror")
# The manifest's splits (see benchmarks/precision.py for how each may be used).
SPLITS = ("tune", "heldout", "fresh", *(f"fresh{n}" for n in range(2, 35)))  # fresh2 .. fresh34
SUFFIX = {"markdown-yaml": ".md", "markdown-toml": ".md", "markdown": ".md", "html": ".html", "text": ".txt"}


def read_manifest(path: Path = MANIFEST) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def advert_filename(row: dict[str, str]) -> str:
    return row["id"] + SUFFIX[row["format"]]


def find_mirror(mirrors: Path, repo: str) -> Path | None:
    owner, name = repo.split("/", 1)
    for candidate in (mirrors / f"{owner}+{name}" / "repo", mirrors / f"{owner}+{name}", mirrors / owner / name):
        if candidate.is_dir():
            return candidate
    return None


def git_show(mirror: Path, commit: str, path: str) -> bytes | None:
    done = subprocess.run(["git", "-C", str(mirror), "show", f"{commit}:{path}"], capture_output=True)
    return done.stdout if done.returncode == 0 else None


def extract(out: Path, mirrors: Path, rows: list[dict[str, str]]) -> tuple[int, dict[str, list[str]]]:
    """Write every advert it can; return how many, and the ids it could not write, by repository."""
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    missing: dict[str, list[str]] = {}
    for row in rows:
        mirror = find_mirror(mirrors, row["repo"])
        data = git_show(mirror, row["commit"], row["path"]) if mirror else None
        if data is None:
            missing.setdefault(row["repo"], []).append(row["id"])
            continue
        (out / advert_filename(row)).write_bytes(data)
        written += 1
    return written, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "out", nargs="?", type=Path, default=DEFAULT_OUT, help=f"output directory (default {DEFAULT_OUT})"
    )
    parser.add_argument(
        "--mirrors", type=Path, default=DEFAULT_MIRRORS, help=f"where the git mirrors are (default {DEFAULT_MIRRORS})"
    )
    parser.add_argument(
        "--split", choices=(*SPLITS, "all"), default="all", help="write only this split's adverts (default all)"
    )
    args = parser.parse_args(argv)
    rows = [r for r in read_manifest() if args.split == "all" or r["split"] == args.split]
    written, missing = extract(args.out, args.mirrors, rows)
    print(f"wrote {written} of {len(rows)} adverts to {args.out}")
    if missing:
        print(
            "skipped (mirror or commit missing); fetch these repositories into --mirrors and re-run:", file=sys.stderr
        )
        for repo, ids in sorted(missing.items()):
            print(f"  github:{repo}  ({len(ids)} adverts)", file=sys.stderr)
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
