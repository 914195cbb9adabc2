"""Make the sample dataset for `rolelint audit` from the example roles repo: adverts.jsonl.

    python examples/audit/generate.py                  # 300 adverts -> examples/audit/adverts.jsonl
    python examples/audit/generate.py -n 100000 -o big.jsonl

Each advert is put together from the examples' own material: the titles and responsibilities of
the frameworks and roles in examples/, the paragraphs and list items of the adverts in
examples/adverts/ (the clean ones and the sketchy draft), with invented organisations, dates and
salaries. Deterministic for a seed, so the same command makes the same file.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import yaml

EXAMPLES = Path(__file__).resolve().parent.parent
ORGANISATIONS = [
    "Northwind Energy",
    "Harbour Water",
    "Fenland Council",
    "Kestrel Bank",
    "Orchard Health Trust",
    "Lantern Software",
    "Granite Insurance",
    "Meadow Rail",
]
MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]


def _sections(text: str) -> dict[str, list[str]]:
    """A Markdown advert's blocks (paragraphs, and list items one by one) under each ``##`` heading."""
    found: dict[str, list[str]] = {}
    heading = ""
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if block.startswith("## ") or (block.startswith("**") and block.endswith(":**")):
            heading = block.strip("#*: ").lower()
            continue
        if not block or block.startswith("# "):
            continue
        lines = block.splitlines()
        if all(re.match(r"^(?:[-*]|\d+\.)\s", line) for line in lines):
            found.setdefault(heading, []).extend(re.sub(r"^(?:[-*]|\d+\.)\s+", "- ", line) for line in lines)
        else:
            found.setdefault(heading, []).append(" ".join(lines))
    return found


def _material() -> dict:
    """Titles by profession and level, role responsibilities, and the example adverts' blocks by
    section, the clean adverts' apart from the sketchy draft's."""
    titles, duties = [], []
    for framework in sorted((EXAMPLES / "frameworks").glob("*.yaml")):
        data = yaml.safe_load(framework.read_text(encoding="utf-8"))
        profession = data.get("name") or data["id"]
        for level in data.get("levels", []):
            titles.append((profession, level["id"], level["title"], level.get("salary") or {}))
    for role in sorted((EXAMPLES / "roles").glob("*.yaml")):
        data = yaml.safe_load(role.read_text(encoding="utf-8"))
        duties += data.get("responsibilities", [])
        for level in data.get("levels", []):
            duties += level.get("responsibilities", [])
    clean: dict[str, list[str]] = {}
    sketchy: list[str] = []
    bodies = [
        (a.name, re.sub(r"\A---\n.*?\n---\n", "", a.read_text(encoding="utf-8"), flags=re.S))
        for a in sorted((EXAMPLES / "adverts").glob("*.md"))
    ]
    bodies += [
        (a.name, yaml.safe_load(a.read_text(encoding="utf-8")).get("body", ""))
        for a in sorted((EXAMPLES / "adverts").glob("*.yaml"))
    ]
    for name, body in bodies:
        for heading, blocks in _sections(body).items():
            if "draft" in name:
                sketchy += [b for b in blocks if not re.search(r"£|\bsalary\b", b, re.I)]
            else:
                clean.setdefault(_section_of(heading), []).extend(
                    b for b in blocks if not re.search(r"£|\bsalary\b|@", b, re.I)
                )
    return {"titles": titles, "duties": duties, "clean": clean, "sketchy": sketchy}


def _section_of(heading: str) -> str:
    for key in ("about", "do", "essential", "desirable", "benefits", "location", "apply"):
        if key in heading or (key == "benefits" and "pay" in heading):
            return key
    return "about"


def _pick(rng: random.Random, blocks: list[str], low: int, high: int) -> list[str]:
    return rng.sample(blocks, k=min(len(blocks), rng.randint(low, high))) if blocks else []


def generate_adverts(count: int, *, seed: int = 7) -> list[dict]:
    """``count`` adverts as records: id, text, organisation, title, level, profession, date, salary."""
    material = _material()
    clean, sketchy = material["clean"], material["sketchy"]
    rng = random.Random(seed)
    adverts = []
    for number in range(count):
        organisation = rng.choice(ORGANISATIONS)
        profession, level, title, band = rng.choice(material["titles"])
        # Some organisations write sketchier adverts than others, so the report has something to show.
        sketchiness = rng.random() * (0.9 if ORGANISATIONS.index(organisation) % 3 == 0 else 0.4)
        month = rng.choice(MONTHS)
        about = [b for b in _pick(rng, clean.get("about", []), 2, 4) if not b.startswith("- ")]
        if rng.random() < sketchiness:
            about.insert(rng.randrange(len(about) + 1), rng.choice([b for b in sketchy if not b.startswith("- ")]))
        duties = [f"- {d}" for d in rng.sample(material["duties"], k=rng.randint(4, 7))]
        essential = _pick(rng, [b for b in clean.get("essential", []) if b.startswith("- ")], 3, 6)
        if rng.random() < sketchiness:
            essential += _pick(rng, [b for b in sketchy if b.startswith("- ")], 1, 4)
        parts = [
            f"# {title}",
            f"## About the role\n\n{organisation} is hiring.\n\n" + "\n\n".join(about),
            "## What you'll do\n\n" + "\n".join(duties),
            "## Essential criteria\n\n" + "\n".join(essential),
        ]
        if rng.random() > sketchiness:
            parts.append("## Desirable criteria\n\n" + "\n".join(_pick(rng, clean.get("desirable", []), 1, 3)))
        salary = ""
        if band and rng.random() > sketchiness * 0.8:
            low = int(band.get("min", 40000)) + rng.choice([0, 1000, 2000])
            high = max(low + 3000, int(band.get("max", low + 8000)))
            salary = f"{low}-{high} GBP"
            pay = f"The salary is £{low:,} to £{high:,} a year."
        else:
            pay = rng.choice(
                [
                    "A competitive salary and a good pension.",
                    "Salary depending on experience.",
                    "We offer an attractive package.",
                ]
            )
        benefits = [b for b in clean.get("benefits", []) if b.startswith("- ")]
        parts.append("## Pay and benefits\n\n" + pay + "\n\n" + "\n".join(_pick(rng, benefits, 2, 4)))
        if rng.random() > sketchiness / 2:
            parts.append(
                "## Location and working pattern\n\n" + "\n\n".join(_pick(rng, clean.get("location", []), 1, 2))
            )
        if rng.random() > sketchiness / 2:
            parts.append("## How to apply\n\n" + "\n\n".join(_pick(rng, clean.get("apply", []), 1, 2)))
        adverts.append(
            {
                "id": f"ad-{number:06d}",
                "text": "\n\n".join(parts) + "\n",
                "organisation": organisation,
                "title": title,
                "level": level,
                "profession": profession,
                "date": f"{month}-{rng.randint(1, 28):02d}",
                "salary": salary,
            }
        )
    return adverts


def write_jsonl(adverts: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for advert in adverts:
            out.write(json.dumps(advert, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, default=Path(__file__).resolve().parent / "adverts.jsonl")
    args = parser.parse_args(argv)
    write_jsonl(generate_adverts(args.count, seed=args.seed), args.output)
    print(f"wrote {args.count} adverts to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
