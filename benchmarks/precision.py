"""Precision and recall of rolelint on real adverts it was not written against, per rule, by publisher split.

    python benchmarks/adverts/extract.py                 # rebuild the adverts (see its docstring)
    python benchmarks/precision.py                       # tune and heldout halves, printed
    python benchmarks/precision.py --split heldout       # one split (tune, heldout, fresh, ... fresh34)
    python benchmarks/precision.py --split seen          # every split already judged once (safe while tuning)
    python benchmarks/precision.py --split every         # every split, including a clean batch not yet run
    python benchmarks/precision.py --unjudged new.csv    # write the printed splits' unjudged findings
    python benchmarks/precision.py --markdown            # also write docs/precision.md (every split)

Inputs, all in ``benchmarks/adverts/``:

- ``manifest.csv``: one row per advert (id, publisher, format, source, licence, ``split``). The split is
  by publisher, fixed before rolelint was run on any advert: ``tune`` is the half whose errors may be
  looked at while changing rules; ``heldout`` is only ever counted (its findings were judged, so it has
  been seen once); ``fresh`` is a later batch from other publishers whose gold list was committed before
  rolelint first ran on it and whose findings were judged only after the rule changes they measure had
  merged (its first run is the clean figure; fixes made since looking at it are in the history);
  ``fresh2`` is a second such batch, from publishers and repositories in none of the others, whose gold
  list was committed before rolelint first ran on it and whose findings are judged once, at the end of
  the 2026-12-05 session; ``fresh3`` is a third such batch (publishers and repositories in none of the
  others, gold committed first), judged once on the rules as they stand at the end of that session;
  ``fresh4`` is a fourth (42 adverts from 42 publishers and 8 repositories in none of the others, gold
  committed before rolelint ever ran on it), judged once after the issue 12 rule changes of the evening
  session; ``fresh5`` is a fifth (46 adverts from 44 publishers in 6 repositories in none of the others,
  gold committed before rolelint ever ran on it), judged once after the rule changes of the 2026-12-06
  night session; ``fresh6`` is a sixth (44 adverts from 39 publishers in 29 repositories in none of the
  others, 4 formats, gold committed before rolelint ever ran on it), judged once after the rule changes of
  the 2026-12-06 morning session; ``fresh7`` is a seventh (39 adverts from 34 publishers in 9 repositories in
  none of the others, 4 formats, gold committed before rolelint ever ran on it), judged once after the rule changes
  of the 2026-12-06 evening session; ``fresh8`` is an eighth (30 adverts from 29 publishers in 2 repositories in
  none of the others, 3 formats, gold committed before rolelint ever ran on it), judged once after the last
  changes of the 2026-12-06 evening; ``fresh9`` is a ninth (32 adverts from 31 publishers in 9 repositories in
  none of the others, 3 formats, gold committed before rolelint ever ran on it), judged once after the last
  changes of the 2026-12-06 evening; ``fresh10`` is a tenth (30 adverts from 25 publishers in 5 repositories in none of
  the others, 3 formats, gold committed before rolelint ever ran on it), judged once after the changes of the
  2026-12-06 night session; ``fresh11`` is an eleventh (30 adverts from 22 publishers in 13 repositories in none
  of the others, 3 formats, gold committed before rolelint ever ran on it), judged once clean; ``fresh12`` is a
  twelfth (25 adverts from 15 publishers in 14 repositories in none of the others, 3 formats, gold committed before
  rolelint ever ran on it), judged once clean; ``fresh13`` is a thirteenth (28 adverts from 20 publishers in 13
  repositories in none of the others, 5 formats, gold committed before rolelint ever ran on it), judged once clean;
  ``fresh14`` is a fourteenth (26 adverts from 21 publishers in 9 repositories in none of the others, 4 formats, gold
  committed before rolelint ever ran on it), judged once clean; ``fresh15`` is a fifteenth (29 adverts from 20
  publishers in 10 repositories in none of the others, 3 formats, gold committed before rolelint ever ran on it),
  judged once clean; ``fresh16`` is a sixteenth (28 adverts from 18 publishers in 12 repositories in none of the
  others, 3 formats, gold committed before rolelint ever ran on it), judged once clean; ``fresh17`` is a seventeenth
  (20 adverts from 16 publishers in 8 repositories in none of the others, 3 formats, gold committed before rolelint
  ever ran on it), judged once clean; ``fresh18`` is an eighteenth (24 adverts from 13 publishers in 13 repositories in
  none of the others, 3 formats, gold committed before rolelint ever ran on it), judged once clean; ``fresh19`` is a
  nineteenth (23 adverts from 12 publishers in 11 repositories in none of the others, 4 formats, gold committed before
  rolelint ever ran on it), judged once clean; ``fresh20`` is a twentieth (22 adverts from 14 publishers in 5
  repositories in none of the others, 3 formats, gold committed before rolelint ever ran on it), judged once clean;
  ``fresh21`` is a twenty-first (25 adverts from 13 publishers in 12 repositories in none of the others, 3 formats, gold
  committed before rolelint ever ran on it), judged once clean; ``fresh22`` is a twenty-second (21 adverts from 10 publishers in 5
  repositories in none of the others, 3 formats, gold committed before rolelint ever ran on it), judged once clean;
  ``fresh23`` is a twenty-third (20 adverts from 8 publishers in 8 repositories in none of the others, 3 formats, gold
  committed before rolelint ever ran on it), judged once clean; ``fresh24`` is a twenty-fourth (22 adverts from 15
  publishers in 8 repositories in none of the others, 3 formats, gold committed before rolelint ever ran on it), judged
  once clean; ``fresh25`` is a twenty-fifth (20 adverts from 8 publishers in 4 repositories in none of the others, 3 formats,
  gold committed before rolelint ever ran on it), judged once clean; ``fresh26`` is a twenty-sixth (20 adverts from 10
  publishers in 6 repositories in none of the others, 3 formats, gold committed before rolelint ever ran on it), judged once clean;
  ``fresh27`` is a twenty-seventh (22 adverts from 9 publishers in 9 repositories in none of the others, 3 formats, gold
  committed before rolelint ever ran on it), judged once clean; ``fresh28`` is a twenty-eighth (20 adverts from 9 publishers
  in 9 repositories in none of the others, 4 formats, gold committed before rolelint ever ran on it), judged once clean;
  ``fresh29`` is a twenty-ninth (21 adverts from 10 publishers in 10 repositories in none of the others, 3 formats, gold
  committed before rolelint ever ran on it), judged once clean; ``fresh30`` is a thirtieth (23 adverts from 12 publishers
  in 10 repositories in none of the others, 3 formats, gold committed before rolelint ever ran on it), judged once clean;
  ``fresh31`` is a thirty-first (21 adverts from 13 publishers in 6 repositories in none of the others, 3 formats, gold
  committed before rolelint ever ran on it), judged once clean; ``fresh32`` is a thirty-second (19 adverts from 15
  publishers in 3 repositories in none of the others, 3 formats, gold committed before rolelint ever ran on it), judged
  once clean; ``fresh33`` is a thirty-third (20 adverts from 15 publishers in 5 repositories in none of the others, 2
  formats, gold committed before rolelint ever ran on it), judged once clean; ``fresh34`` is a thirty-fourth (18 adverts
  from 8 publishers in 8 repositories in none of the others, 2 formats, gold committed before rolelint ever ran on it),
  judged once clean.
  None of them is printed unless asked for (``--split fresh``,
  ``fresh2``, ``fresh3``, ``fresh4``, ``fresh5``, ``fresh6``, ``fresh7``, ``fresh8``, ``fresh9``, ``fresh10``,
  ``fresh11``, ``fresh12``, ``fresh13``, ``fresh14``, ``fresh15``, ``fresh16``, ``fresh17``, ``fresh18``, ``fresh19``,
  ``fresh20``, ``fresh21``, ``fresh22``, ``fresh23``, ``fresh24``, ``fresh25``, ``fresh26``, ``fresh27``,
  ``fresh28``, ``fresh29``, ``fresh30``, ``fresh31``, ``fresh32``, ``fresh33``, ``fresh34`` or ``every``), and ``--unjudged`` writes only the findings of the splits printed.
- ``gold.csv``: the problems a careful reviewer listed per advert before seeing rolelint's output
  (category, quoted text or ``whole advert``, reason).
- ``judgements.csv``: every finding rolelint gave, judged by hand: TP (worth acting on) or FP, with a
  reason. A judgement is keyed by (advert, code, line, quoted text), so a re-run after a code change
  reuses it; when the line moved it is found by (advert, code, quoted text) if that is unambiguous.
  Findings with no judgement are listed (and written with ``--unjudged``) and left out of the figures.

Precision per rule is TP / judged findings with a Wilson 95% interval. Recall per gold category is the
share of gold problems found: a problem counts as found when a finding judged TP, of a rule that covers
its category, touches the lines of its quoted text (any such finding, for ``whole advert`` and for the
rules that judge a list or the whole advert: RL112, RL201, RL202, RL206-RL209). A missing-section
problem is found by an RL209 finding only when the finding names a subject the problem's reason names
(``SUBJECT_CUES``: "No closing date and no hours" is found by a finding that names when applications
close or what is offered, not by one that names only the location).
"""

from __future__ import annotations

import argparse
import csv
import html.entities
import math
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ADVERTS = HERE / "adverts"
sys.path.insert(0, str(ADVERTS))
sys.path.insert(0, str(REPO))

from extract import DEFAULT_OUT, advert_filename, read_manifest  # noqa: E402

GOLD = ADVERTS / "gold.csv"
# Each split, in report order, and how it may be used (printed in the reports).
SPLITS: dict[str, str] = {
    "tune": "looked at while changing rules",
    "heldout": "only counted; its findings were judged once, so it has been seen",
    "fresh": "gold written before the first run; judged once clean (62%), then seen for four fixes",
    "fresh2": "gold written before the first run; judged once, at the end of the 2026-12-05 session",
    "fresh3": "gold written before the first run; judged once, after the last rule changes of the 2026-12-05 session",
    "fresh4": "gold written before the first run; judged once clean (83%, 957f43d), then seen for one session's changes",
    "fresh5": "gold written before the first run; judged once clean (81%, f95c52e), after the 2026-12-06 night's changes",
    "fresh6": "gold written before the first run; judged once clean (89%, 74439e7), after the 2026-12-06 morning's changes",
    "fresh7": "gold written before the first run; judged once clean (84%, 87a31e0), after the 2026-12-06 evening's changes",
    "fresh8": "gold written before the first run; judged once clean (82%, a781c3c), after the 2026-12-06 evening's last changes",
    "fresh9": "gold written before the first run; judged once clean (85%, c257d3a), after the 2026-12-06 evening's last changes",
    "fresh10": "gold written before the first run; judged once clean (77%, 5c72351), after the 2026-12-06 night's changes",
    "fresh11": "gold written before the first run; judged once clean (87%, rules at 67fdf9a), after the 2026-12-06 late-night session's first changes",
    "fresh12": "gold written before the first run; judged once clean (82%, rules at 16ba3a2), after the 2026-12-06 late-night session's rule changes",
    "fresh13": "gold written before the first run; judged once clean (74%, rules at 9ae9b7b), at the end of the 2026-12-06 late-night session",
    "fresh14": "gold written before the first run; judged once clean (86%, rules at 90b0c44), after the 2026-12-07 session's rule changes",
    "fresh15": "gold written before the first run; judged once clean (74%, rules at bddc45d), after the 2026-12-07 session's later rule changes",
    "fresh16": "gold written before the first run; judged once clean (80%, rules at 44912ba), at the end of the 2026-12-07 session",
    "fresh17": "gold written before the first run; judged once clean (80%, rules at 36ee498), after the fixes made looking at fresh16",
    "fresh18": "gold written before the first run; judged once clean (84%, rules at 770baae), at the end of the 2026-12-07 morning session",
    "fresh19": "gold written before the first run; judged once clean (84%, rules at 3ff0429), at the start of the 2026-12-07 afternoon session",
    "fresh20": "gold written before the first run; judged once clean (81%, rules at ce71fe5), after the 2026-12-07 afternoon session's rule changes",
    "fresh21": "gold written before the first run; judged once clean (78%, rules at a59b725), after the 2026-12-07 evening session's first changes",
    "fresh22": "gold written before the first run; judged once clean (90%, rules at d656aff, the same as fresh21's), in the 2026-12-07 evening session",
    "fresh23": "gold written before the first run; judged once clean (90%, rules at e2d4686), after the 2026-12-07 evening session's pay and apply changes",
    "fresh24": "gold written before the first run; judged once clean (79%, rules at f84c60e), after the 2026-12-07 evening session's review fixes, RL118 and RL131",
    "fresh25": "gold written before the first run; judged once clean (76%, rules at ce67058), after the 2026-12-07 evening session's closedDate fix and the serial helper's merge",
    "fresh26": "gold written before the first run; judged once clean (95%, rules at f85cb69, the same as fresh25's), at the end of the 2026-12-07 evening session",
    "fresh27": "gold written before the first run; judged once clean (92%, rules at f371cbb), after RL205 moved to 33 words, in the 2026-12-07 night session",
    "fresh28": "gold written before the first run; judged once clean (86%, rules at dc0af1e, the same as fresh27's end), at the start of the 2026-12-07 late session",
    "fresh29": "gold written before the first run; judged once clean (85%, rules at f3d99aa, the same as fresh28's), in the 2026-12-07 late session",
    "fresh30": "gold written before the first run; judged once clean (92%, rules at dd5f6ac), after the 2026-12-07 late session's first fixes",
    "fresh31": "gold written before the first run; judged once clean (89%, rules at f8662e8), after the 2026-12-07 late session's later fixes",
    "fresh32": "gold written before the first run; judged once clean (86%, rules at 9917a6d), at the end of the 2026-12-07 late session",
    "fresh33": "gold written before the first run; judged once clean (98%, rules at 2d07ab2), at the end of the 2026-12-07 late session",
    "fresh34": "gold written before the first run; judged once clean (88%, rules at 8c9bf28), at the end of the 2026-12-07 late session",
}
# The splits already run and judged at least once: the ones a colleague changing rules may print. A new
# clean batch joins SPLITS (and so ``every``) when its gold list is committed, and SEEN only after its
# first run has been judged.
SEEN = ("tune", "heldout", "fresh", *(f"fresh{n}" for n in range(2, 35)))  # fresh2 .. fresh34
SPLIT_CHOICES = {"both": ("tune", "heldout"), "seen": SEEN, "every": tuple(SPLITS)}
JUDGEMENTS = ADVERTS / "judgements.csv"
MARKDOWN = REPO / "docs" / "precision.md"
HISTORY = ADVERTS / "history.csv"
FIRST_RUNS = ADVERTS / "first_runs.csv"  # written by benchmarks/first_runs.py
HISTORY_FIELDS = [
    "label",
    "commit",
    "split",
    "adverts",
    "tp",
    "judged",
    "precision",
    "found",
    "gold",
    "recall",
    "errors",
    "below_80",
]
JUDGEMENT_FIELDS = ["advert", "code", "line", "column", "quote", "verdict", "reason"]

# Rules that judge a list or the whole advert: where they anchor their finding is not where the gold
# quote points (a list's first item, a paragraph), so any TP finding of theirs in the advert counts.
ADVERT_LEVEL_RULES = frozenset({"RL112", "RL201", "RL202", "RL206", "RL207", "RL208", "RL209"})

# RL209 names the subjects an advert says nothing about; a missing-section gold row is found by its
# finding only when the row's reason names one of them (by these words of the reason, lower case)
SUBJECT_CUES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "about": r"about the (?:company|organi[sz]ation|employer|business|product|project)|what the company"
        r"|employer is (?:never |not )?named|who the employer|description of the employer|the role's purpose",
        "responsibilities": r"responsibilit|\bdut(?:y|ies)\b|\btasks?\b|will do|involves|work description"
        r"|job description",
        "requirements": r"requirement|qualification|criteria|no (?:\w+ )?(?:skills|experience)",
        "pay": r"\bpay\b|salary|compensation|wages?\b",
        "what is offered": r"offer|\bpay\b|salary|compensation|wages?\b|benefit|perks|contract|hours"
        r"|working pattern|terms|schedule|full-time|part-time",
        "location": r"location|\bwhere\b|remote|\bbased\b|place of work|office",
        "apply": r"\bapply|application process|contact|how-to-apply",
        "when applications close": r"closing|deadline|\bclose",
    }.items()
}


def names_the_subject(finding: Finding, reason: str) -> bool:
    """Whether an RL209 ``finding`` names a subject that a missing-section gold row's ``reason`` does."""
    named = finding.message.split(":", 1)[-1].split(" (", 1)[0]
    subjects = {subject.strip() for subject in named.split(",")}
    reason = reason.lower()
    return any(name in subjects and cue.search(reason) for name, cue in SUBJECT_CUES.items())


# Which rules cover each gold category (the catalogue's own grouping; see docs/rules.md).
CATEGORY_RULES: dict[str, tuple[str, ...]] = {
    "placeholder": ("RL101",),
    "catch-all-duty": ("RL102",),
    "bro-culture": ("RL103",),
    "hype-title": ("RL104",),
    "sexualised": ("RL105",),
    "profanity": ("RL106",),
    "jargon": ("RL107", "RL108", "RL130"),
    "gendered-wording": ("RL109", "RL110"),
    "gender-coded": ("RL111", "RL112"),
    "age-coded": ("RL113",),
    "exclusionary-wording": ("RL114", "RL115", "RL116", "RL117"),
    "ability": ("RL114",),
    "elitist-credentials": ("RL115",),
    "native-speaker": ("RL116",),
    "culture-fit": ("RL117",),
    "unrealistic-expectation": ("RL118", "RL129", "RL132"),
    "hollow-perks": ("RL119",),
    "hyper-competitive": ("RL120",),
    "vague-pay": ("RL121",),
    "experience-level": ("RL122", "RL307"),
    "third-person": ("RL123",),
    "legacy-technology": ("RL124",),
    "prescribed-editor": ("RL125",),
    "misspelt-technology": ("RL126",),
    "unexplained-acronym": ("RL127",),
    "too-many-requirements": ("RL201",),
    "no-desirable-split": ("RL202",),
    "duty-wording": ("RL203", "RL204"),
    "long-sentence": ("RL205",),
    "hard-to-read": ("RL206", "RL131"),
    "advert-length": ("RL207",),
    "no-salary": ("RL208",),
    "missing-section": ("RL209",),
}


@dataclass(frozen=True)
class Finding:
    advert: str
    code: str
    line: int
    column: int
    end_line: int
    quote: str
    severity: str
    enabled_by_default: bool
    message: str = ""


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def quote_of(text: str, line: int, column: int, end_line: int, end_column: int, limit: int = 100) -> str:
    """The finding's text (1-based lines and columns, end exclusive), whitespace collapsed, cut at ``limit``.
    Lines are split where rolelint splits them (``\r\n``, ``\r`` or ``\n``), not at every character
    ``str.splitlines`` breaks at (U+2028 inside a line would shift every line after it)."""
    lines = _LINE_BREAK.split(text)
    if not lines or line < 1 or line > len(lines):
        return ""
    if end_line < line or end_line > len(lines) or (end_line == line and end_column <= column):
        return normalise(lines[line - 1][max(column - 1, 0) :])[:limit]
    chunk = [lines[line - 1][max(column - 1, 0) :]] + lines[line : end_line - 1]
    chunk.append(lines[end_line - 1][: max(end_column - 1, 0)] if end_line > line else "")
    if end_line == line:
        chunk = [lines[line - 1][max(column - 1, 0) : max(end_column - 1, 0)]]
    return normalise(" ".join(chunk))[:limit]


def lint(directory: Path, rows: list[dict[str, str]], run=None) -> tuple[list[Finding], list[str]]:
    """Run rolelint over the adverts that exist in ``directory``; return findings and the ids missing.
    ``run(paths, root)`` gives the diagnostics and each rule's default (default: this checkout's
    rolelint, in this process; ``first_runs.py`` passes another commit's, in another)."""
    present = [r for r in rows if (directory / advert_filename(r)).is_file()]
    missing = [r["id"] for r in rows if r not in present]
    paths = [directory / advert_filename(r) for r in present]
    by_name = {advert_filename(r): r["id"] for r in present}
    diagnostics, enabled_by_default = (run or _run_rolelint)(paths, directory)
    texts: dict[str, str] = {}
    findings = []
    for d in diagnostics:
        name = Path(d["path"]).name
        advert = by_name.get(name)
        if advert is None:
            continue
        if name not in texts:
            texts[name] = (directory / name).read_text(encoding="utf-8", errors="replace")
        findings.append(
            Finding(
                advert,
                d["code"],
                d["line"],
                d["column"],
                d["end_line"],
                quote_of(texts[name], d["line"], d["column"], d["end_line"], d["end_column"]),
                d["severity"],
                enabled_by_default.get(d["code"], True),
                d.get("message", ""),
            )
        )
    return findings, missing


def _run_rolelint(paths: list[Path], root: Path) -> tuple[list[dict], dict[str, bool]]:
    """Diagnostics as dicts, and each rule's default enablement, through the public API (default config
    rooted at the adverts folder, so no config file of the machine changes the figures)."""
    from rolelint.api import Linter
    from rolelint.config import Config

    result = Linter(Config(root=root)).lint_paths(paths, cwd=root)
    defaults = {code: info.enabled for code, info in result.rules.items()}
    return [d.to_dict() for d in result.diagnostics], defaults


# ---- judgements ---------------------------------------------------------------------------------------


def read_gold(path: Path = GOLD) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_judgements(path: Path = JUDGEMENTS) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class Judge:
    """Looks up the verdict of a finding by (advert, code, line, quote), else by (advert, code, quote).
    When a finding has two rows (a later session's row for a line that moved), the last written is
    used (``keep="last"``), or the first (``keep="first"``: the one a first run was counted with)."""

    def __init__(self, rows: list[dict[str, str]], keep: str = "last"):
        if keep not in ("first", "last"):
            raise ValueError(f"keep must be 'first' or 'last', not {keep!r}")
        self.exact: dict[tuple, dict[str, str]] = {}
        loose: dict[tuple, list[dict[str, str]]] = defaultdict(list)
        for row in rows:
            key = (row["advert"], row["code"], int(row["line"]), normalise(row["quote"]))
            if keep == "last" or key not in self.exact:
                self.exact[key] = row
            loose[key[:2] + key[3:]].append(row)
        self.loose = {k: v[0] for k, v in loose.items() if len({r["verdict"] for r in v}) == 1}

    def verdict(self, f: Finding) -> str | None:
        row = self.exact.get((f.advert, f.code, f.line, normalise(f.quote)))
        if row is None:
            row = self.loose.get((f.advert, f.code, normalise(f.quote)))
        return row["verdict"].strip().upper() if row else None


# ---- statistics ---------------------------------------------------------------------------------------


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


@dataclass
class Report:
    split: str
    adverts: int
    per_rule: dict[str, tuple[int, int]]  # code -> (TP, judged)
    unjudged: list[Finding]
    recall: dict[str, tuple[int, int]]  # category -> (found, gold)
    missed: list[tuple[str, str, str]]  # (advert, category, quote)
    errors_on: list[Finding]  # error-level findings
    default_on: dict[str, bool]
    severities: dict[str, str]

    @property
    def overall(self) -> tuple[int, int]:
        return (sum(tp for tp, _ in self.per_rule.values()), sum(n for _, n in self.per_rule.values()))

    @property
    def overall_recall(self) -> tuple[int, int]:
        return (sum(f for f, _ in self.recall.values()), sum(n for _, n in self.recall.values()))


def _entity_pattern(word: str) -> str:
    """A regex for ``word`` as HTML may write it: any character but a letter, digit or space also as its
    numeric or named entity (the gold quote says "we’re", the page "we&#8217;re")."""
    parts = []
    for char in word:
        if char.isascii() and char.isalnum():
            parts.append(re.escape(char))
            continue
        forms = [re.escape(char), f"&#0*{ord(char)};", f"&#[xX]0*{ord(char):x};"]
        name = html.entities.codepoint2name.get(ord(char))
        if name:
            forms.append(f"&{name};")
        parts.append("(?:" + "|".join(forms) + ")")
    return "".join(parts)


def gold_lines(text: str, quote: str) -> list[tuple[int, int]]:
    """1-based first and last line of each place ``quote`` is in ``text`` (whitespace-insensitive; in
    HTML, entities and tags between words too). Every place counts: a site may repeat a sentence of
    the body in its front matter, where a finding is not worth acting on."""
    words = [re.escape(word) for word in quote.split()]
    matches = list(re.finditer(r"\s+".join(words), text)) or list(
        re.finditer(r"(?:\s|&nbsp;|<[^<>]{0,200}>)+".join(_entity_pattern(word) for word in quote.split()), text)
    )
    spans = []
    for match in matches:
        first = text.count("\n", 0, match.start()) + 1
        spans.append((first, first + text.count("\n", match.start(), match.end())))
    return spans


def build_report(
    split: str,
    rows: list[dict[str, str]],
    findings: list[Finding],
    judge: Judge,
    gold: list[dict[str, str]],
    directory: Path,
) -> Report:
    ids = {r["id"] for r in rows if split == "all" or r["split"] == split}
    names = {r["id"]: advert_filename(r) for r in rows}
    mine = [f for f in findings if f.advert in ids]
    per_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    unjudged = []
    for f in mine:
        verdict = judge.verdict(f)
        if verdict not in ("TP", "FP"):
            unjudged.append(f)
            continue
        per_rule[f.code][1] += 1
        per_rule[f.code][0] += verdict == "TP"
    by_advert: dict[str, list[Finding]] = defaultdict(list)
    for f in mine:
        by_advert[f.advert].append(f)
    recall: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed = []
    texts: dict[str, str] = {}
    for g in gold:
        if g["advert"] not in ids:
            continue
        codes = CATEGORY_RULES.get(g["category"], ())
        candidates = [f for f in by_advert[g["advert"]] if f.code in codes and judge.verdict(f) == "TP"]
        if g["category"] == "missing-section":
            candidates = [f for f in candidates if f.code != "RL209" or names_the_subject(f, g["reason"])]
        found = False
        if g["quote"] == "whole advert" or any(f.code in ADVERT_LEVEL_RULES for f in candidates):
            found = bool(candidates)
        elif candidates:
            path = directory / names[g["advert"]]
            if g["advert"] not in texts:
                texts[g["advert"]] = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
            spans = gold_lines(texts[g["advert"]], g["quote"])
            found = any(f.line <= last and f.end_line >= first for f in candidates for first, last in spans)
        recall[g["category"]][1] += 1
        recall[g["category"]][0] += found
        if not found:
            missed.append((g["advert"], g["category"], g["quote"]))
    return Report(
        split,
        len(ids),
        {k: tuple(v) for k, v in per_rule.items()},
        unjudged,
        {k: tuple(v) for k, v in recall.items()},
        missed,
        [f for f in mine if f.severity == "error"],
        {f.code: f.enabled_by_default for f in mine},
        {f.code: f.severity for f in mine},
    )


# ---- output -------------------------------------------------------------------------------------------


def rule_table(report: Report) -> list[str]:
    lines = ["| rule | default | severity | TP / judged | precision | Wilson 95% |", "|---|---|---|---:|---:|---|"]
    for code in sorted(report.per_rule, key=lambda c: (report.per_rule[c][0] / max(report.per_rule[c][1], 1), c)):
        tp, n = report.per_rule[code]
        low, high = wilson(tp, n)
        default = "on" if report.default_on.get(code, True) else "off"
        lines.append(
            f"| {code} | {default} | {report.severities.get(code, '')} | {tp} / {n} | {pct(tp / n)} | "
            f"{pct(low)}–{pct(high)} |"
        )
    tp, n = report.overall
    low, high = wilson(tp, n)
    lines.append(f"| **all** | | | {tp} / {n} | **{pct(tp / n) if n else '—'}** | {pct(low)}–{pct(high)} |")
    return lines


def recall_table(report: Report) -> list[str]:
    lines = ["| gold category | rules | found / gold | recall |", "|---|---|---:|---:|"]
    for category in sorted(report.recall, key=lambda c: (-report.recall[c][1], c)):
        found, n = report.recall[category]
        rules = ", ".join(CATEGORY_RULES.get(category, ())) or "(none)"
        lines.append(f"| {category} | {rules} | {found} / {n} | {pct(found / n)} |")
    found, n = report.overall_recall
    low, high = wilson(found, n)
    lines.append(f"| **all** | | {found} / {n} | **{pct(found / n) if n else '—'}** ({pct(low)}–{pct(high)}) |")
    return lines


def summary_line(report: Report) -> str:
    tp, n = report.overall
    found, g = report.overall_recall
    low, high = wilson(tp, n)
    below = [c for c, (t, k) in report.per_rule.items() if report.default_on.get(c, True) and k and t / k < 0.8]
    return (
        f"{report.split}: {report.adverts} adverts, precision {pct(tp / n) if n else '—'} ({tp}/{n}, "
        f"95% {pct(low)}–{pct(high)}), recall {pct(found / g) if g else '—'} ({found}/{g}), "
        f"default-on rules below 80%: {', '.join(sorted(below)) or 'none'}, "
        f"error-level findings: {len(report.errors_on)}, unjudged: {len(report.unjudged)}"
    )


def print_report(report: Report, *, show_missed: bool) -> None:
    print(f"\n== {report.split}: {SPLITS.get(report.split, 'every advert as one set')} ==")
    print(summary_line(report))
    print("\n".join(rule_table(report)))
    print()
    print("\n".join(recall_table(report)))
    if report.errors_on:
        print("\nerror-level findings:")
        for f in report.errors_on:
            print(f"  {f.advert}:{f.line}:{f.column} {f.code} {f.quote[:70]}")
    if show_missed and report.missed:
        print("\ngold problems not found:")
        for advert, category, quote in report.missed:
            print(f"  {advert} [{category}] {quote[:70]}")
    if report.unjudged:
        print(f"\n{len(report.unjudged)} findings not judged yet (use --unjudged FILE to write them):")
        for f in report.unjudged[:40]:
            print(f"  {f.advert}:{f.line}:{f.column} {f.code} {f.quote[:70]}")


def write_unjudged(path: Path, findings: list[Finding]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=JUDGEMENT_FIELDS, lineterminator="\n")
        writer.writeheader()
        for f in findings:
            writer.writerow(
                {
                    "advert": f.advert,
                    "code": f.code,
                    "line": f.line,
                    "column": f.column,
                    "quote": f.quote,
                    "verdict": "",
                    "reason": "",
                }
            )


CLEAN_BATCH_GUIDE = [
    "## Adding a clean batch",
    "",
    "The figures that count are first runs on adverts nobody tuned on. To add one:",
    "",
    "1. Choose adverts from publishers and repositories in no split of `manifest.csv` (both columns are "
    "checked by `tests/test_precision_benchmark.py`), at a recorded commit, with their licence.",
    "2. Without running rolelint on them, read each advert and write its problems to `gold.csv` (quotes "
    "verbatim, one row per long sentence). Add the split to `SPLITS` in `precision.py` and `extract.py` as "
    '"not yet run", not to `SEEN`, and commit: the history shows the gold came first.',
    "3. Run once at a named commit: `python benchmarks/precision.py --split freshN --unjudged new.csv`.",
    "4. Have the findings judged by reviewers who have not seen the gold (by the guide below; the judgements "
    "of earlier batches show the calls), and append their rows to `judgements.csv` as bytes.",
    '5. `python benchmarks/precision.py --split freshN --record "freshN first run, clean (rules at COMMIT)"`: '
    "its first history row is its clean figure, which the table at the top pools. Then add the split to "
    "`SEEN`; fixes made looking at it are fit, measured by the next batch.",
    "",
]

JUDGING_GUIDE = [
    "## How findings are judged",
    "",
    "A finding is TP when a careful reviewer would tell the hiring manager to change the advert because of "
    "it, and the message is right about what is wrong. The recurring calls:",
    "",
    "- Front-matter keys of a publishing system (`layout`, `translationKey`, `contact` ...) are not problems "
    "in an advert: FP. So is any finding whose text is front matter, navigation chrome or markup.",
    '- A "sentence" that joins list items, headings, fields or paragraphs: FP. A real sentence of 30 or more '
    "words: TP; of 26-29 words that reads clearly: FP. Long legal boilerplate (equal opportunity, privacy, "
    "pay law), inline lists of names, and French text in a bilingual advert: FP.",
    '- Vague pay ("competitive", "depending on experience") is TP only when the advert gives no figure.',
    "- Missing sections: TP when at least half of the sections named are really absent (front-matter "
    "`location`, an apply URL, or a heading it did not recognise count as present).",
    "- A second finding of the same rule in the same sentence or bullet, which one rewrite fixes: FP.",
    "- Acronyms: TP only for ones the audience may not know (government classification codes, niche "
    "terms); names of organisations, products, places, postcodes and tickers, and words in capitals: FP.",
    "- Reading grade: TP only when the prose is genuinely dense, not when front matter, URLs or lists "
    "run together inflate the grade. Advert length: TP for stubs and for more than about 900 words of real text.",
    "",
]


def history_rows(path: Path = HISTORY) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def record(reports: list[Report], label: str, path: Path = HISTORY) -> None:
    import subprocess

    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    new = not path.is_file()
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HISTORY_FIELDS, lineterminator="\n")
        if new:
            writer.writeheader()
        for r in reports:
            tp, n = r.overall
            found, g = r.overall_recall
            below = sorted(c for c, (t, k) in r.per_rule.items() if r.default_on.get(c, True) and k and t / k < 0.8)
            writer.writerow(
                {
                    "label": label,
                    "commit": commit,
                    "split": r.split,
                    "adverts": r.adverts,
                    "tp": tp,
                    "judged": n,
                    "precision": pct(tp / n) if n else "",
                    "found": found,
                    "gold": g,
                    "recall": pct(found / g) if g else "",
                    "errors": len(r.errors_on),
                    "below_80": " ".join(below),
                }
            )


def history_table() -> list[str]:
    rows = history_rows()
    if not rows:
        return []
    out = [
        "## History",
        "",
        "Each row is one run recorded with `--record LABEL` (after judging every new finding).",
        "",
        "| change | commit | half | precision (TP / judged) | recall (found / gold) | error-level findings | "
        "default-on rules below 80% |",
        "|---|---|---|---|---|---:|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['label']} | {r['commit']} | {r['split']} | {r['precision']} ({r['tp']} / {r['judged']}) | "
            f"{r['recall']} ({r['found']} / {r['gold']}) | {r['errors']} | {r['below_80'] or 'none'} |"
        )
    return out + [""]


def first_runs(history: list[dict[str, str]]) -> list[dict[str, str]]:
    """The first recorded run of each batch whose gold list was committed before rolelint ran on it
    (``fresh``, ``fresh2`` ...): its clean figure, before any change made looking at it."""
    first: dict[str, dict[str, str]] = {}
    for row in history:
        if row["split"].startswith("fresh") and row["split"] not in first:
            first[row["split"]] = row
    return list(first.values())


def clean_table(history: list[dict[str, str]]) -> list[str]:
    """The clean first runs side by side and pooled: the evidence of how rolelint does on adverts from
    publishers it has never been run on."""
    runs = first_runs(history)
    if not runs:
        return []
    out = [
        "## Clean first runs: the evidence",
        "",
        "Each batch's first judged run, before any change was made looking at it (the first row of its "
        "split in the history below): what a new publisher's adverts get. Later rows of the same split "
        "are fit, not evidence.",
        "",
        "| batch | recorded at | adverts | precision (TP / judged, Wilson 95%) | recall (found / gold, Wilson 95%) | "
        "error-level findings |",
        "|---|---|---:|---|---|---:|",
    ]
    totals = [0, 0, 0, 0]
    for r in runs:
        tp, n, found, g = (int(r[key]) for key in ("tp", "judged", "found", "gold"))
        for i, value in enumerate((tp, n, found, g)):
            totals[i] += value
        out.append(
            f"| {r['split']} | {r['commit']} | {r['adverts']} | {_share(tp, n)} | {_share(found, g)} | {r['errors']} |"
        )
    tp, n, found, g = totals
    adverts = sum(int(r["adverts"]) for r in runs)
    out.append(f"| **all {len(runs)} batches** | | {adverts} | **{_share(tp, n)}** | **{_share(found, g)}** | |")
    return out + [""]


# What a rule's clean record must show for it to report at ``warning`` (docs/rules.md, "Severities"): a
# share worth acting on, on at least so many findings; fewer findings are too few to judge it by.
WARNING_BAR = 0.8
WARNING_EVIDENCE = 5
RECENT_BATCHES = 7  # the table also shows each rule's record on the last seven clean batches
# Rules held at their severity whatever their record, and why (printed under the table).
SEVERITY_EXEMPT = {
    "RL101": "a placeholder left in is an error by the issue's own definition; its false findings (site markup, "
    "a form's answer format) were each fixed after their batch",
}


def first_run_records(path: Path = FIRST_RUNS) -> tuple[dict[str, tuple[int, int, int, int, int]], list[str]]:
    """Each rule's clean record from ``first_runs.csv``: (TP, judged, batches with findings, TP and judged
    on the last ``RECENT_BATCHES`` batches), and the batches in their order."""
    if not path.is_file():
        return {}, []
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    order: list[str] = []
    for row in rows:
        if row["split"] not in order:
            order.append(row["split"])
    recent = set(order[-RECENT_BATCHES:])
    pooled: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for row in rows:
        record = pooled[row["code"]]
        tp, n = int(row["tp"]), int(row["judged"])
        record[0] += tp
        record[1] += n
        record[2] += 1
        if row["split"] in recent:
            record[3] += tp
            record[4] += n
    return {code: (r[0], r[1], r[2], r[3], r[4]) for code, r in pooled.items()}, order


def under_the_bar(records: dict[str, tuple[int, int, int, int, int]]) -> list[str]:
    """Rules whose pooled clean record is under ``WARNING_BAR`` on ``WARNING_EVIDENCE`` findings or more."""
    return sorted(code for code, (tp, n, *_rest) in records.items() if n >= WARNING_EVIDENCE and tp / n < WARNING_BAR)


def first_run_rules(path: Path = FIRST_RUNS) -> list[str]:
    """Each rule's findings on the clean first runs (``first_runs.csv``), pooled: how often a rule is
    right on adverts from publishers it had never been run on, with the rules as they stood then."""
    records, order = first_run_records(path)
    if not records:
        return []
    recent = order[-RECENT_BATCHES:]
    out = [
        "### Each rule on the clean first runs",
        "",
        f"The findings of the {len(order)} clean first runs above, by rule, pooled: each batch was run "
        "with the rules as they stood at its first run (`python benchmarks/first_runs.py` takes each "
        "commit's rules out of git and runs them again; today's judgements give the verdicts). A rule "
        "changed since then, often because of these very findings, so a rule's figure is its record on "
        f"unseen text, not its precision today; the last column is the last {len(recent)} batches alone "
        f"({recent[0]} to {recent[-1]}). The severity column is today's. A text rule reports at `warning` only "
        f"while its pooled record is {pct(WARNING_BAR)} or more on {WARNING_EVIDENCE} findings or more; under "
        'that it reports at `info` (docs/rules.md, "Severities"), and it returns to `warning` when new '
        "batches bring its pooled record back over the bar.",
        "",
        f"| rule | severity today | default | TP / judged (Wilson 95%) | last {len(recent)} batches | batches with findings |",
        "|---|---|---|---|---|---:|",
    ]
    catalogue = _rule_settings()
    for code, (tp, n, batches, recent_tp, recent_n) in sorted(
        records.items(), key=lambda kv: (kv[1][0] / max(kv[1][1], 1), kv[0])
    ):
        severity, enabled = catalogue.get(code, ("", True))
        out.append(
            f"| {code} | {severity or '—'} | {'on' if enabled else 'off'} | {_share(tp, n)} | "
            f"{f'{recent_tp} / {recent_n}' if recent_n else '—'} | {batches} |"
        )
    out += ["", *(f"Held at its severity: {code}, because {why}." for code, why in SEVERITY_EXEMPT.items())]
    return out + [""]


def _rule_settings() -> dict[str, tuple[str, bool]]:
    """Each rule's default severity and whether it is on, as rolelint lists them (``rolelint rules``)."""
    from rolelint.api import list_rules

    return {info.code: (info.severity.name.lower(), info.enabled) for info in list_rules()}


def _share(part: int, whole: int) -> str:
    """ "87% (141 / 163, 80%–91%)": a share with its Wilson 95% interval."""
    if not whole:
        return "—"
    low, high = wilson(part, whole)
    return f"{pct(part / whole)} ({part} / {whole}, {pct(low)}–{pct(high)})"


def split_table(reports: list[Report], rows: list[dict[str, str]]) -> list[str]:
    """One row per split: its size and overall figures side by side, and how it may be used."""
    out = [
        "## Splits side by side",
        "",
        "| split | how it is used | adverts | publishers | precision (TP / judged, Wilson 95%) | "
        "recall (found / gold, Wilson 95%) | error-level findings | unjudged |",
        "|---|---|---:|---:|---|---|---:|---:|",
    ]
    for r in reports:
        tp, n = r.overall
        found, g = r.overall_recall
        plow, phigh = wilson(tp, n)
        rlow, rhigh = wilson(found, g)
        publishers = {row["publisher"] for row in rows if r.split == "all" or row["split"] == r.split}
        out.append(
            f"| {r.split} | {SPLITS.get(r.split, 'every advert as one set')} | {r.adverts} | {len(publishers)} | "
            f"{pct(tp / n) if n else '—'} ({tp} / {n}, {pct(plow)}–{pct(phigh)}) | "
            f"{pct(found / g) if g else '—'} ({found} / {g}, {pct(rlow)}–{pct(rhigh)}) | "
            f"{len(r.errors_on)} | {len(r.unjudged)} |"
        )
    return out + [""]


def write_markdown(path: Path, reports: list[Report], rows: list[dict[str, str]], missing: list[str]) -> None:
    formats = Counter(r["format"] for r in rows)
    publishers = {r["publisher"] for r in rows}
    out = [
        "# Precision and recall on real adverts",
        "",
        "<!-- Generated by `python benchmarks/precision.py --markdown`; do not edit by hand. -->",
        "",
        "How often rolelint's findings are worth acting on, measured on real job adverts from publishers "
        "whose text rolelint's rules were not written against, and how many of the problems a careful "
        "reviewer listed it finds.",
        "",
        *clean_table(history_rows()),
        *first_run_rules(),
        *split_table(reports, rows),
        "## Method",
        "",
        f"- **Adverts**: {len(rows)} real adverts from {len(publishers)} publishers "
        f"({', '.join(f'{n} {k}' for k, n in sorted(formats.items()))}), from public repositories that "
        "are not in `../shared/corpus`. `benchmarks/adverts/manifest.csv` names each one's repository, "
        "commit, path and licence; the texts are not committed.",
        "- **Split by publisher** before rolelint was run on any advert: publishers in SHA-1 order, each "
        "to the half with fewer adverts so far. Rule changes may be made looking only at the `tune` "
        "half; the `heldout` half is only counted. Its findings have been judged, though, so it has been "
        "seen: the `fresh` split is a later batch from publishers in neither half, whose gold list was "
        "committed before rolelint first ran on it and whose findings were judged only after the rule "
        "changes it measures had merged. Its first judged run (2e4f7ad, in the history below) is the "
        "cleanest evidence here: **62% precise, 70% recall**, against 88% and 77% on `heldout`. Four "
        "fixes were then made looking at its findings (a site's own key values, RL205's word count, "
        "RL121 and RL123 misreadings), so from that row on `fresh` has been seen, as `heldout` has; "
        "the next clean figure needs a new batch from new publishers, gold first. That batch is "
        "`fresh2`: publishers and repositories in no other split, its gold list committed before "
        "rolelint first ran on it, judged once after the rule changes of the 2026-12-05 session "
        "(f728435): **91% precise, 62% recall**. Precision held on unseen text; recall did not, "
        "mostly in categories whose rules are off by default or word-list based (acronyms, perks, "
        "culture fit, unrealistic expectations, placeholders left from another advert). `fresh3` is a "
        "third such batch (42 adverts, publishers and repositories in no other split, gold committed "
        "before the first run), judged once at af2633a: **81% precise (149 / 183, 75%–86%), 69% recall "
        "(131 / 191)**; its misses are mostly missing sections (21 of 29 missed) and third-person wording (9 of 17). One "
        "caveat: a colleague changing rules saw about 150 of `fresh3`'s findings (file, rule, line and "
        "quote; not the gold, not the adverts) in one accidental output before narrowing RL117, which "
        "removed one `fresh3` finding they had seen; no other rule change was made after that. "
        "`fresh4` (42 adverts from 42 publishers, 8 repositories) was judged once at 957f43d: **83% "
        "precise (166 / 201, 77%–87%), 74% recall (135 / 183)**; after a session of changes made "
        "looking at it, it reads 93% and 80%, which is fit, not evidence. `fresh5` (46 adverts from 44 "
        "publishers, 6 repositories, 4 formats) measured those changes once, at f95c52e: **81% precise "
        "(167 / 207, 75%–85%), 74% recall (138 / 186)**. `fresh6` (44 adverts from 39 publishers, 29 "
        "repositories, 4 formats) measured the 2026-12-06 morning's changes once, at 74439e7: **89% "
        "precise (229 / 256, 85%–93%), 51% recall (157 / 306)**. Its gold list is denser than the "
        "others' (7 problems an advert against 4), with whole categories no default rule covers "
        "(acronyms 33, elitist credentials 8, placeholders in template syntax 8, misspelt technologies 6) "
        "and jargon read more widely (37): recall depends on the reviewer as much as on the rules. One "
        "caveat: a colleague's speed check ran rolelint over the folder while the batch's files were "
        "first in it (before its gold was committed) and saw a few findings of one advert; no rule was "
        "changed on them and the gold's author saw none. `fresh7` (39 adverts from 34 publishers, 9 "
        "repositories, 4 formats) measured the 2026-12-06 evening's changes once, at 87a31e0 (its 193 "
        "findings judged by two reviewers who did not see its gold): **84% precise (162 / 193, "
        "78%–88%), 49% recall (140 / 287)**. Its false findings are mostly long sentences made long by "
        'an inline list the rule does not count once (no "and" before the last item, or items ended '
        "by semicolons), or two sentences joined where a full stop has no space after it or an emoji "
        "stands for it (16 of RL205's 78), and lists that are not requirements counted by RL201 (a "
        "benefits list, the documents to send, nice-to-haves under a heading written as a bullet); "
        'its misses are mostly jargon (43 of 53 missed: wording no list holds, such as "hungry"), '
        "unrealistic expectations worded freely (17 of 19) and unexplained acronyms (11; RL127 is off). "
        "One caveat: a colleague changing rules that evening saw a few lines of `fresh7`'s adverts "
        "(two phrases and some headings) in searches over the whole folder; no rule was changed on "
        "them. `fresh8` (30 adverts from 29 publishers, 2 repositories, 3 formats) measured the fixes "
        "made looking at `fresh7` (RL201, RL123, RL205) and the rest of that evening once, at a781c3c "
        "(judged by two reviewers who did not see its gold): **82% precise (95 / 116, 74%–88%), 42% "
        "recall (81 / 191)**. RL201 (7 / 7) and RL123 (9 / 9) held on it; RL104 read a company's name "
        "in capitals as a hype title (0 / 6), RL209 missed sections under a misspelt heading or in "
        "front matter (8 / 14), RL205 read numbered lists on one line and inline lists as sentences "
        "(17 / 23), and RL208 missed pay in lakh and rupees (26 / 28); its misses are acronyms (21; "
        "RL127 is off), jargon (22 of 31) and missing sections (15 of 23). `fresh9` (32 adverts from 31 "
        "publishers, 9 repositories, 3 formats; 22 of them short posts of a Hacker News hiring thread) "
        "measured the fixes made looking at `fresh8` and the rest of that evening once, at c257d3a "
        "(judged by two reviewers who did not see its gold): **85% precise (98 / 115, 78%–91%), 35% "
        "recall (81 / 234)**. RL208 (25 / 25), RL126 (7 / 7) and RL209 (18 / 21) held on it; RL205 "
        "still counted inline lists word by word (20 / 26), RL209 missed a way to apply given only as "
        'a link or address, RL123 read "the incumbent industry" and a hiring maxim as the reader in '
        "the third person, and RL115 read credentials of the employer's staff as demands (0 / 2); its "
        "misses are acronyms (28; RL127 is off), jargon (27 of 32), and typing slips and degree "
        "requirements that its reviewer listed as hard to read (14) and elitist (10), which no rule "
        "reads so. Nine clean batches in a row land at 81%–91% precision and 35%–74% recall on their "
        "first run: the figures on seen splits overstate what a new publisher's adverts get by about "
        "ten points on precision and more on recall, and recall depends on the reviewer as much as on "
        "the rules (a plain degree requirement is elitist to one reviewer and fine to another). "
        "`fresh10` (30 adverts from 25 publishers, 5 repositories, 3 formats; 23 of them from one "
        "repository of open-source programme office adverts) measured the 2026-12-06 night's changes "
        "(RL209 reading ways to apply and brief requirements, RL123's holder adjectives, RL115's "
        "credentials asked of the reader, RL203's tagging cut) once, at 5c72351 (judged by two "
        "reviewers who did not see its gold): **77% precise (152 / 197, 71%–82%), 47% recall (100 / "
        "215)**, the lowest clean precision yet. RL208 (28 / 29), RL209 (15 / 18) and RL123 (15 / 17) "
        "held; RL205 counted inline lists, link labels and a bold lead-in (44 / 67), RL201 counted "
        'lists the advert frames as helpful or follows with "apply anyway", and a stack of services '
        "(8 / 16), and RL101 read the TODO Group's name and a front-matter list of file names as "
        "placeholders, at error level (0 / 3); its misses are long sentences (24 of 54), acronyms (24; "
        "RL127 is off) and jargon (24 of 34). Ten clean batches in a row land at 77%–91% precision "
        "and 35%–74% recall on their first run. `fresh11` (30 adverts from 22 publishers, 13 "
        "repositories, 3 formats; a third of them a job board's copies of company adverts) measured the "
        "rules as the 2026-12-06 late-night session found them once, at 67fdf9a (judged by two "
        "reviewers who did not see its gold): **87% precise (141 / 163, 80%–91%), 45% recall (110 / "
        "244)**. RL123 (24 / 25), RL107 (12 / 12) and RL205 (33 / 40) held; RL208 missed pay set in a "
        "Markdown code span (a job board's badge, 21 / 24), RL201 counted an on-site condition and a "
        "list of documents (10 / 13); its misses are acronyms (22; RL127 is off), typing slips listed "
        "as hard to read (20) and jargon (18 of 26). `fresh12` (25 adverts from 15 publishers, 14 "
        "repositories, 3 formats: public libraries, a parish, a community land trust, labs, adverts "
        "pasted into résumé tools) measured that session's changes once, at 16ba3a2 (RL209 reading "
        '"Full-time" alone as no offer, pay in code spans, on-site conditions, clichés from published '
        "guides in RL130, and the new RL131 typo and RL132 expert-in-every-area rules; judged by two "
        "reviewers who did not see its gold): **82% precise (113 / 137, 75%–88%), 39% recall (69 / "
        "176)**. RL205 (54 / 62), RL130 (8 / 8) and RL208 (8 / 8) held; RL209 missed a place named as "
        'a library ("at Bungay Library") and brief prose requirements (12 / 17), RL201 counted duties '
        'under an "(Essential)" heading and opportunities offered (3 / 6), RL131 read real words '
        '("zine", "rebid") as slips (3 / 6), and RL101 read a Hugo shortcode as a leftover tag, at '
        "error level; its misses are grammar slips listed as hard to read (21 of 22), jargon (13 of "
        "14), long sentences (11 of 41) and missing sections (10 of 21). `fresh13` (28 adverts from 20 "
        "publishers, 13 repositories, 5 formats: start-ups, civic-tech and energy social enterprises, "
        "charities, university labs) measured everything that session changed, the fixes a review of "
        "it asked for included, once, at 9ae9b7b (judged by two reviewers who did not see its gold): "
        "**74% precise (117 / 158, 67%–80%), 38% recall (68 / 178)**, the lowest clean precision yet. "
        "Eight error-level findings were all false: RL101 read a Flask template's `{{url_for(...)}}` "
        "calls (4) and a form's `[mm/dd/yyyy]` answer format (2) as leftovers, and RL301 read a lab "
        "site's own `role:` key as a broken reference with no framework in the run (2); RL205 counted "
        "inline lists, addresses and e-mail addresses (34 / 50). RL130 (14 / 14), RL208 (18 / 20) and "
        "RL131 (4 / 5) held. Six of the false errors were then removed (fit). Thirteen clean batches in "
        "a row land at 74%–91% precision and 35%–74% recall on their first run. The judgements of the new "
        "rules' findings on the seen splits made in that session (RL130's clichés, RL131, RL132) are "
        "their authors' and say so in their reasons; the clean batches are the check on them. `fresh14` "
        "(26 adverts from 21 publishers, 9 repositories, 4 formats: a students' society's job board, an "
        "archive of digital-humanities listings from 2000–2012, museums, a quantum-software foundation, "
        "consultancies) measured the 2026-12-07 session's changes (RL201 reading essential duties as "
        "duties and living there as a condition, RL205 passing over e-mail addresses and lead-in labels, "
        "named checks' keys checked when a pack loads) once, at 90b0c44 (judged by two reviewers who did "
        "not see its gold): **86% precise (101 / 118, 78%–91%), 37% recall (70 / 187)**. Its four "
        "error-level findings were all right (a duplicated front-matter key, RL007, in three archived "
        "listings, and a template's `{{Add other responsibilities that are relevant}}` left in). RL208 "
        "(13 / 13), RL107 (8 / 8), RL123 (7 / 7) and RL130 (6 / 6) held; RL205 counted one-clause "
        "sentences of 30 to 34 words and inline lists (37 / 48), RL209 read a place of work given in front "
        "matter or in passing, and a way to apply given as a link, as missing (5 / 9), RL201 counted "
        "hours and student status as requirements (6 / 7); its misses are grammar slips, typos and "
        "contradictions listed as hard to read (20 of 20), acronyms (15; RL127 is off), jargon (12 of 15) and missing sections (12 of 17). Fourteen "
        "clean batches in a row land at 74%–91% precision and 35%–74% recall on their first run. `fresh15` "
        "(29 adverts from 20 publishers, 10 repositories, 3 formats: a library council's job board, a "
        "restaurant job board, a newsroom, a climate pension fund, a primary school, software firms in "
        "India and Kenya) measured the fixes made looking at `fresh14` (RL201 hours and student status, "
        "RL209 application forms, RL101 jump markers, RL117 alignment with a culture) once, at bddc45d "
        "(judged by two reviewers who did not see its gold): **74% precise (134 / 181, 67%–80%), 36% "
        "recall (104 / 288)**. Its two error-level findings were right (front matter that YAML rejects: "
        "`layout: @layouts/Career.astro`), but the front matter lost with them cost an RL208 finding "
        '(pay given there); RL201 counted a "highly desirable" item and working hours (4 / 5). RL209 (12 / 12), RL126 (8 / 8), RL102 (5 / '
        "5) and RL203 (5 / 5) held; RL205 joined sentences at an abbreviation's full stop (\"Central Pa. "
        'The Director", "the U.S. Applicants") and counted a site\'s 32-word description and one-clause '
        'sentences of 30 to 34 words (43 / 71), RL207 counted a body that is only "undefined" (a '
        "site template's glitch; its text is in front matter) as a one-word advert (2 / 5), and RL123 "
        "read vetting wording as the hire in the third person (12 / 16); its misses are grammar slips "
        "and typos (31 of 31), jargon (21 of 26), missing sections (14 of 26), acronyms (13; RL127 is "
        "off) and culture fit worded as belief in the mission (10 of 10). Fifteen clean batches in a row "
        "land at 74%–91% precision and 35%–74% recall on their first run; pooled, 80% precise and 50% "
        "recall (the table at the top). `fresh16` "
        "(28 adverts from 18 publishers, 12 repositories, 3 formats: a JavaScript meetup's job posts, a "
        "public radio newsroom's team blog, a state's office of innovation, a church, a school, a digital "
        "agency, university labs) measured every change of the 2026-12-07 session, the fixes made looking at "
        "`fresh15` included (RL201, RL205 abbreviations, RL207 front-matter prose, front matter past a "
        "reserved character, apply buttons, RL101-RL117 readings), once, at 44912ba (judged by two "
        "reviewers who did not see its gold): **80% precise (140 / 175, 73%–85%), 37% recall (88 / "
        "240)**, with no error-level finding. RL208 (21 / 21), RL130 (20 / 21), RL126 (15 / 16) and RL123 "
        "(17 / 21) held; RL205 counted sentences long because of lists or names and plain sentences just "
        "over the limit (28 / 48); its misses are long sentences (24 of 56), grammar slips and typos (20 "
        "of 20), acronyms (16; RL127 is off), jargon (16 of 24) and missing sections (16 of 28). Sixteen "
        "clean batches in a row land at 74%–91% precision and 35%–74% recall on their first run. `fresh17` "
        "(20 adverts from 16 publishers, 8 repositories, 3 formats: a university data-science job board's "
        "copies of employers' adverts, a disability-inclusion institute, a genetics consortium, a community "
        "housing charity, a youth organisation, a coding bootcamp, a database start-up) measured the fixes "
        "made looking at `fresh16` and a review's narrowing of the session's new readings once, at 36ee498 "
        "(judged by two reviewers who did not see its gold): **80% precise (102 / 127, 73%–86%), 43% recall "
        "(66 / 155)**. RL208 (13 / 13), RL123 (16 / 17), RL110 (7 / 7), RL102 (7 / 7), RL126 (7 / 7) and "
        "RL207 (7 / 7) held; RL205 counted one-clause sentences of 30 to 35 words, lists and a page "
        "builder's shortcodes (21 / 39), and RL101 read an editing note in a heading's brackets as a "
        "leftover, at error level; its misses are typos and grammar slips (19 of 19), jargon (10 of 13) "
        "and long sentences (17 of 40). Seventeen clean batches in a row land at 74%–91% precision and "
        "35%–74% recall on their first run. `fresh18` (24 adverts from 13 publishers, 13 repositories, 3 "
        "formats: a software consultancy's blog, a parent-advocacy centre, agencies, a lab-robotics start-up, a "
        "church, a library consortium, an extension service, an applicant's saved copy of a large firm's "
        "advert) measured the 2026-12-07 morning session's changes once, at 770baae (RL122 reading "
        "entry-level posts and ranges given as minimums, RL131 reading capitalised slips, seven rules moved "
        "to `info` by their clean record; judged by two reviewers who did not see its gold): **84% precise "
        "(98 / 116, 77%–90%), 35% recall (62 / 177)**. RL208 (21 / 21), RL121 (9 / 9), RL123 (10 / 11) and "
        "RL205 (15 / 19) held; RL209 read a postal address for applications and duties in prose as missing "
        "(8 / 13); the one error-level finding, a TBD left in, was right. Its misses are typos and grammar "
        "slips (26 of 26), missing sections (16 of 24: closing dates and hours, which this batch's reviewer, "
        "like those of fresh14 to fresh17, lists and no rule asks for), jargon (16 of 19) and experience "
        "asked with no figure or against the duties (11 of 11; RL122's new readings found none here). "
        "Eighteen clean batches in a row land at 74%–91% precision and 35%–74% recall on their first run. "
        "`fresh19` (23 adverts from 12 publishers, 11 repositories, 4 formats: a blockchain firm, a public "
        "library, a university lab, a games studio, a marketing agency, a recruitment consultancy, "
        "software consultancies, an applicant's saved copies of two large firms' adverts) measured the rules as "
        "the morning session left them once, at 3ff0429 (judged by two reviewers who did not see its "
        "gold): **84% precise (108 / 128, 77%–90%), 45% recall (76 / 169)**, with no error-level finding. "
        "RL208 (14 / 14), RL123 (14 / 15), RL209 (12 / 13) and RL130 (12 / 13) held; RL205 counted "
        "sentences long because of inline lists of benefits or technologies and legal text on "
        'employment eligibility (21 / 30), and RL201 counted a "won\'t hurt either" list and a '
        '"not required, but a bonus" item as essentials (7 / 10). Its misses are hard-to-read prose '
        "and slips (30 of 30), jargon (11 of 16), duty wording (6 of 6) and acronyms (6; RL127 is off); "
        "long sentences were found (22 of 26). Nineteen clean batches in a row land at 74%–91% "
        "precision and 35%–74% recall on their first run. `fresh20` (22 adverts from 14 publishers, 5 "
        "repositories, 3 formats: a library council's job board's copies of eleven employers' adverts, from "
        "a police department and a TV archive to a charter-school network and a book-arts centre, and "
        "a survey-analytics company, two Berlin start-ups and a Paris web agency) measured the 2026-12-07 afternoon session's "
        "changes once, at ce71fe5 (RL209 asking when applications close, the jargon lexicons grown from "
        "published guides, RL201 reading hedged extras as desirable; judged by two reviewers who did not "
        "see its gold): **81% precise (103 / 127, 73%–87%), 44% recall (76 / 171)**, with no error-level "
        "finding. RL209 (20 / 21, and 20 of its 21 missing-section gold rows found), RL208 (17 / 17) and "
        "RL130 (11 / 11) held; RL205 counted sentences long because of inline lists of names and places, "
        "and organisations' own blurbs (16 / 33). Its misses are long sentences (16 of 33), hard-to-read "
        "prose and slips (14 of 15), experience asked against the level (12 of 12), jargon (10 of 14) and "
        "misspelt technologies (9 of 10). Twenty clean batches in a row land at 74%–91% precision and "
        "35%–74% recall on their first run. From `fresh21` on, recall gives an RL209 finding a "
        "missing-section problem only when the finding names a subject the problem's reason names "
        '(before, any right RL209 finding on the advert found every missing-section row of it: "no hours" '
        "was found by a finding about the location). Counted so, the rules at the end of that session find 396 "
        "of the 491 missing-section problems of all splits (fresh23 included) where the looser count "
        "gave 447 (all categories: 2,874 of 4,998 against 2,925); the recall of each clean first run above is as recorded, the looser "
        "count up to `fresh20` (for `fresh21` both counts agree). `fresh21` (25 "
        "adverts from 13 publishers, 12 repositories, 3 formats: a UK manufacturer, a blockchain start-up, "
        "an Indian consultancy, Swiss and German software start-ups, two partners of an EU research "
        "project, an open-hardware non-profit, two university labs, a staffing firm and a refugee "
        "charity's volunteer post) measured the review fixes of the afternoon (4e62ad9) and RL209's "
        "closing date read only where a date sets the limit, once, at a59b725 (judged by two reviewers "
        "who did not see its gold): **78% precise (96 / 123, 70%–84%), 49% recall (76 / 156)**, with no "
        "error-level finding. RL209 (24 / 25, and 24 of its 25 missing-section gold rows found by a "
        "finding naming the subject), RL208 (20 / 21), RL130 (8 / 8) and RL123 (7 / 7) held; RL205 "
        "counted sentences long because of inline lists of names or adjectives and clear sentences of 30 "
        'to 33 words (11 / 26), and RL131 read the file format "docx" as a slip (3 / 8). Its misses are '
        "hard-to-read prose (10 of 13), jargon (8 of 10), long sentences (11 of 23), duty wording (7 of "
        "7), experience asked against the level (7 of 7) and acronyms (7; RL127 is off). Twenty-one clean "
        "batches in a row land at 74%–91% precision and 35%–74% recall on their first run. `fresh22` "
        "(21 adverts from 10 publishers, 5 repositories, 3 formats: a regional tech job board's copies of "
        "six employers' adverts, from the Met Office and a sports retailer to a booking-software firm and "
        "a digital agency, an open-source workspace's team, a blockchain start-up, an open-infrastructure "
        "foundation and a design studio) measured the same rules once more, at d656aff (no rule changed "
        "since `fresh21`'s run; judged by two reviewers who did not see its gold): **90% precise (120 / "
        "134, 83%–94%), 51% recall (90 / 175)**, with no error-level finding. RL209 (21 / 21), RL130 (22 / "
        "22), RL208 (14 / 14), RL118 (7 / 7) and RL126 (7 / 7) held; RL205 counted inline lists and clear "
        "sentences just over the limit (24 / 33) and RL201 counted a list of culture statements as "
        "essentials (6 / 8). Its misses are hard-to-read prose (14 of 14), experience asked against the "
        "level (11 of 11), jargon (7 of 14), hyper-competitive framing (7 of 9), misspelt technologies (7 "
        "of 9) and duty wording (6 of 6). The same rules on two batches, 78% and 90%: a batch's figure "
        "moves by ten points with its publishers. Twenty-two clean batches in a row land at 74%–91% "
        "precision and 35%–74% recall on their first run. `fresh23` (20 adverts from 8 publishers, 8 "
        "repositories, 3 formats: the Scottish Government's digital directorate, a Portuguese "
        "student-housing start-up, a US health-exchange software firm, a UK travel company, a Dutch "
        "software firm, a media-database start-up, a Ukrainian chatbot studio and a university lab) "
        "measured the evening's changes (RL209 reading apply as a skill and mailto links, plural "
        "budgets as money that is not pay, the closing-date reading) once, at e2d4686 (judged by two "
        "reviewers who did not see its gold): **90% precise (114 / 126, 84%–94%), 50% recall (81 / "
        "161)**, with no error-level finding. RL208 (13 / 13), RL123 (13 / 13), RL126 (8 / 8) and RL209 "
        '(18 / 20; the two false ones read "Closing date: CLOSED" as no closing date) held; RL205 14 / 20. '
        "Its misses are hard-to-read prose (15 of 15), acronyms (10; RL127 is off), experience asked "
        "against the level (8 of 8), unrealistic expectations worded freely (8 of 8) and jargon (7 of "
        "10). Twenty-three clean batches in a row land at 74%–91% precision and 35%–74% recall on their "
        "first run. `fresh24` (22 adverts from 15 publishers, 8 repositories, 3 formats: six UK charities "
        "and two public bodies from a regional UX job board, a council, a cryptocurrency foundation, "
        "software firms in Vietnam, Mexico, the Netherlands and Switzerland, and an open-source project's "
        "unpaid roles) measured the fixes a review of the evening's changes asked for, RL118's unbounded "
        "hours and RL131's file formats once, at f84c60e (judged by two reviewers who did not see its "
        "gold): **79% precise (106 / 135, 71%–85%), 57% recall (80 / 141)**, with no error-level "
        "finding. RL130 (23 / 24), RL208 (11 / 12), RL201 (5 / 5) and RL121 (4 / 4) held; RL205 counted "
        "clear sentences of 30 to 33 words, lists and recruitment-policy text (28 / 42), RL123 read "
        'pay and right-to-work sentences about "the successful applicant" as the hire in the third person '
        '(11 / 15), RL118 read a charity\'s slogan "we do whatever it takes" as a demand (3 / 5), and '
        "RL209 missed a job board's `closedDate` front-matter key (13 / 16). Its misses are hard-to-read "
        "prose (11 of 11), long sentences (11 of 47), jargon (8 of 16), experience asked against the "
        "level (7 of 7) and acronyms (5; RL127 is off). Twenty-four clean batches in a row land at "
        "74%–91% precision and 35%–74% recall on their first run. `fresh25` (20 adverts from 8 "
        "publishers, 4 repositories, 3 formats, nearly all public sector: a US city, two US states, an "
        "Australian health payments programme, a London borough, a Canadian province's digital service, "
        "a UK ministry's digital team and a university lab; many of them job descriptions rather than "
        "published adverts) measured the rules at ce67058 once (RL209 reading a `closedDate` key; judged "
        "by two reviewers who did not see its gold): **76% precise (106 / 140, 68%–82%), 42% recall (74 / "
        "178)**, with no error-level finding. RL208 (12 / 12), RL209 (16 / 17), RL130 (12 / 13), RL123 (7 "
        "/ 7) and RL207 (5 / 5) held; RL205 did not (32 / 59: clear single clauses of 30 to 34 words, "
        "inline lists, pay-law and vaccination boilerplate). Its misses are long sentences (37 of 74), "
        "hard-to-read prose (18 of 18), jargon (13 of 14) and acronyms (9; RL127 is off). RL205 decides "
        "the figure: over the five clean batches of the 2026-12-07 evening (fresh21 to fresh25) the "
        "blind reviewers judged 42 of its 99 findings of 30 to 34 words worth acting on, and 67 of its 81 "
        "of 35 words or more; every other rule together was 433 of 478 (91%). Twenty-five clean batches "
        "in a row land at 74%–91% precision and 35%–74% recall on their first run. `fresh26` (20 adverts "
        "from 10 publishers, 6 repositories, 3 formats: a US cloud consultancy, a fitness company, a UK "
        "recruitment agency, a marketing agency, a Norwegian security start-up, a university research "
        "group, two non-profit libraries and two universities) measured the same rules once more, at "
        "f85cb69 (judged by two reviewers who did not see its gold): **95% precise (92 / 97, 88%–98%), 61% "
        "recall (47 / 77)**, the highest clean precision yet, with no error-level finding. RL209 (18 / 18), "
        "RL208 (15 / 15), RL130 (13 / 13), RL123 (10 / 10) and RL205 (9 / 11) held; RL201 counted three "
        "jobs' requirement lists on one page as one, and a condition of employment (2 / 4). It was also a "
        "check of the 35-word boundary read off the five batches before: here RL205's findings of 30 to 34 "
        "words were right 5 of 6 times and those of 35 or more 4 of 5, so the boundary is not confirmed and "
        "RL205's limit stays. The same rules gave 76% on `fresh25` and 95% here: a batch's figure depends "
        "on its publishers and reviewers by as much as any rule change. After the first clean batch "
        "(`fresh`, 62%), twenty-five in a row land at 74%–95% precision and 35%–74% recall on their first "
        "run. RL205 then moved to 33 words: over the thirteen batches judged by reviewers blind to the gold "
        "(`fresh14` to `fresh26`), its findings of 30 to 32 words were worth acting on 59 times in 162 "
        "(36%), of 33 or 34 words 58 in 83 (70%), of 35 or more 183 in 230 (80%), and no other feature of "
        "the sentence (clauses, commas, names, parse depth) told the shorter ones apart; on those batches "
        "(fit, since the boundary was read off them) precision went from 85% to 90% and recall from 47% "
        "to 45%, the gold still listing every sentence of 30 words or more. `fresh27` (22 adverts from 9 "
        "publishers, 9 repositories, 3 formats: a US federal agency, a London audio start-up, a US "
        "retailer's e-commerce lab, a ticketing company's mobile studio, a Zurich university lab, a Berlin "
        "charity, an Austrian privacy start-up, a US non-profit and a Greek software firm) was its check, "
        "its gold committed before the change, run once at f371cbb (with RL118, RL120 and RL123 reading "
        "the employer's own slogan, praised colleagues and the pay stated of the hire as no problem; "
        "judged by two reviewers who did not see its gold): **92% precise (100 / 109, 85%–96%), 62% "
        "recall (77 / 125)**, with no error-level finding. RL205 (16 / 17), RL208 (20 / 20), RL209 "
        "(20 / 20) and RL130 (13 / 13) held; RL201 counted duties and items marked advantageous as "
        "essentials (5 / 8) and RL126 a site footer's link label (6 / 8). Its misses are hollow perks "
        "(14 of 14), long sentences (13 of 31, some of them of 30 to 32 words, which RL205 no longer "
        "reports) and third-person wording (4 of 12). `fresh28` (20 adverts from 9 publishers, 9 "
        "repositories, 4 formats: a Canadian IT recruiter's adverts on a developer job board, a US "
        "defence-training contractor, an Estonian drone start-up, a South African data consultancy, a "
        "research charity, a Danish university hospital's research centre, an Australian gaming-marketing "
        "firm, an academic-industry consortium and a US health-IT firm) measured the same rules once "
        "more, at dc0af1e (judged by two reviewers who did not see its gold): **86% precise (103 / 120, "
        "78%–91%), 36% recall (73 / 205)**; its one error-level finding (a TBD left in) was right. RL208 "
        "(18 / 18), RL209 (16 / 16) and RL121 (5 / 5) held; RL205 counted inline lists of names and a "
        "garbled sentence of game titles (30 / 37), RL207 adverts just over 900 words counting an "
        "equal-opportunity statement (3 / 6), RL201 a list of which 60% must be met (3 / 5). `fresh29` "
        "(21 adverts from 10 publishers, 10 repositories, 3 formats: a US federal board, a Romanian cloud "
        "start-up, a Madrid machine-learning start-up, an Australian start-up, a Polish e-commerce firm, a "
        "Russian blockchain firm, a US agency's client adverts, EU-funded PhD posts, a Berlin consultancy "
        "and a Scottish university) measured them again, at f3d99aa: **85% precise (81 / 95, 77%–91%), "
        "31% recall (51 / 167)**, with no error-level finding. RL208 (17 / 18), RL209 (17 / 18) and RL130 "
        "(7 / 7) held; RL201 counted a list of keyword tags with the requirements (3 / 5), RL205 an HTML "
        "page's front matter read as its text (11 / 14), RL207 complete short adverts (3 / 6). So the "
        "92% and 95% of the two batches before did not hold at these rules: 86% over the two. Fixes made "
        "looking at them (RL201 tag lists and lists announced as advantageous, RL207 without "
        "equal-opportunity text, currency words in any case, HTML pages' front matter read as metadata, "
        "RL007 passing a key repeated with the same value) were measured by `fresh30` (23 adverts from 12 "
        "publishers, 10 repositories, 3 formats: a bank's Prague team, a Slovenian biophysics lab, a "
        "Budapest start-up, a UK non-profit, a US-Australian research centre, a civic-tech non-profit, a "
        "Latvian consultancy's posts in Malawi and Kosovo, Samsung's web team, a Toronto equipment firm "
        "and an Iowa user group's copies of three employers' adverts) once, at dd5f6ac: **92% precise "
        "(90 / 98, 85%–96%), 46% recall (73 / 157)**, with no error-level finding. RL208 (22 / 22), RL209 "
        "(21 / 22), RL205 (16 / 16), RL207 (7 / 7) and RL201 (3 / 3) held; RL119 read beer beside real "
        "benefits as a hollow perk (0 / 3), RL113 'the digital age of the 21st Century' as an age (0 / 2). "
        "Then RL113 (an ordinal after 'age' is an era), RL123 (the right to work is a condition; a title "
        "naming the work, 'PhD Project 1', names no hire) were measured by `fresh31` (21 adverts from 13 "
        "publishers, 6 repositories, 3 formats: a server-hardware start-up, a US media group, a US "
        "non-profit, a design agency, a database consultancy, and a 2013 creative-jobs board's copies of "
        "eight employers' adverts) once, at f8662e8: **89% precise (101 / 113, 82%–94%), 39% recall "
        "(91 / 232)**. RL205 (19 / 19), RL208 (18 / 18), RL209 (18 / 18) and RL126 (9 / 9) held; its three "
        "error-level findings were false (RL101 read a Django template's `{% block title %}` as a "
        "placeholder, then fixed), and RL201 counted a duties list and lists headed 'most of these' "
        "(3 / 7). Then RL201 (a list asked as 'most of these', 'a HUGE plus') and RL101 (template tags) "
        "were measured with all of it by `fresh32` (19 adverts from 15 publishers, 3 repositories, 3 "
        "formats: thirteen start-ups' adverts scraped from a job board into an archive, a university "
        "media lab and a Romanian consultancy whose adverts are all front matter) once, at 9917a6d: "
        "**86% precise (82 / 95, 78%–92%), 37% recall (69 / 186)**, with no error-level finding. RL209 "
        "(19 / 19), RL208 (18 / 18), RL130 (13 / 13) and RL123 (9 / 10) held; RL205 read skills joined "
        "by slashes in a front-matter field and a scraped page's flattened bullets as sentences "
        "(11 / 18). RL205 then read items separated by spaced slashes as items, and `fresh33` (20 "
        "adverts from 15 publishers, 5 repositories, 2 formats: a cellular-agriculture job board's copies "
        "of eleven employers' adverts, a global-health NGO, a documentation-hosting company's "
        "reStructuredText pages, a university lab and a zero-waste social enterprise) measured the "
        "session's final rules once, at 2d07ab2: **98% precise (81 / 83, 92%–99%), 41% recall (66 / "
        "160)**, with no error-level finding; its two false findings were RL209 missing a duties list "
        "led in by 'will be responsible for:' and RL130's 'highly motivated' said of the team. Then "
        "escaped list markers and duty lead-ins were read, and `fresh34` (18 adverts from 8 publishers, 8 "
        "repositories, 2 formats: a smart-contract security start-up, a Bournemouth creative agency, a "
        "Vienna crypto-analytics firm, a consultancy's job specs, and four university and research labs) "
        "measured the final rules once, at 8c9bf28: **88% precise (69 / 78, 80%–94%), 26% recall (47 / "
        "182)**, with no error-level finding; RL208 (16 / 16), RL209 (13 / 14) and RL130 (12 / 13) held, "
        "RL119 read a beer fridge beside real benefits as a hollow perk (0 / 2) and RL207 a two-role page "
        "and a short complete advert (2 / 4). Over the seven batches of that session: 89% precise "
        "(607 / 682), 36% recall (470 / 1289); after the first clean batch, thirty-three in a row land at "
        "74%–98% precision and 26%–74% recall on their first run.",
        "- **Gold problems** (`gold.csv`): written per advert by reading it before any rolelint run (the "
        "git history shows the order), in the catalogue's categories: only problems a hiring manager "
        "should act on.",
        "- **Judgements** (`judgements.csv`): every finding judged by hand as TP (worth acting on) or FP, "
        "with a reason, keyed by (advert, code, line, quoted text) so that re-runs reuse them. A "
        "finding is never re-judged to move a figure.",
        "- **Precision** per rule: TP / judged findings, with a Wilson 95% interval; **recall** per gold "
        "category: a gold problem is found when a finding of a rule covering its category touches the "
        "lines of its quoted text and was itself judged TP (any such finding, for a whole-advert problem).",
        "",
        "## Re-running it",
        "",
        "```sh",
        "# 1. fetch the repositories listed in benchmarks/adverts/manifest.csv (any git clone works):",
        "#    git clone --mirror https://github.com/OWNER/NAME /work/.mirror/OWNER+NAME",
        "python benchmarks/adverts/extract.py /work/adverts-eval   # 2. rebuild the adverts",
        "python benchmarks/precision.py --split every --unjudged new.csv  # 3. figures; findings to judge",
        "# 4. judge new.csv by hand (TP/FP + reason), append it to benchmarks/adverts/judgements.csv",
        "python benchmarks/precision.py --markdown                  # 5. regenerate this page",
        "```",
        "",
        "Before a rule change lands, `python benchmarks/finding_diff.py OTHER_TREE` (a worktree of the "
        "branch) lists every finding the change removes or adds over the adverts, with its verdict: a "
        "removed TP or an unjudged new finding shows there first.",
        "",
        *CLEAN_BATCH_GUIDE,
    ]
    out += JUDGING_GUIDE
    out += history_table()
    if missing:
        out += [f"Adverts missing when this page was generated: {len(missing)} ({', '.join(missing[:10])}…).", ""]
    for report in reports:
        out += [f"## {report.split}", "", f"*{SPLITS.get(report.split, 'every advert as one set')}.*", ""]
        out += [summary_line(report), "", "### Precision per rule", ""]
        out += rule_table(report)
        out += ["", "### Recall per gold category", ""]
        out += recall_table(report)
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def select(rows: list[dict[str, str]], choice: str) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """The splits a ``--split`` choice reports, and the manifest rows to lint for them (only those, so that
    no finding of a split that was not asked for is computed, printed or written as unjudged)."""
    splits = SPLIT_CHOICES.get(choice, (choice,))
    if choice == "all":
        return splits, rows
    return splits, [r for r in rows if r["split"] in splits]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--adverts", type=Path, default=DEFAULT_OUT, help=f"extracted adverts (default {DEFAULT_OUT})")
    parser.add_argument(
        "--split",
        choices=(*SPLITS, "all", *SPLIT_CHOICES),
        default="both",
        help="both = tune and heldout (default); seen = each split already judged once; every = each split in turn; all = every advert as one",
    )
    parser.add_argument("--unjudged", type=Path, help="write findings with no judgement to this CSV")
    parser.add_argument("--missed", action="store_true", help="list the gold problems not found")
    parser.add_argument("--markdown", action="store_true", help=f"write {MARKDOWN.relative_to(REPO)}")
    parser.add_argument("--record", metavar="LABEL", help=f"append this run's figures to {HISTORY.relative_to(REPO)}")
    args = parser.parse_args(argv)
    rows = read_manifest()
    if not args.adverts.is_dir():
        print(f"no adverts in {args.adverts}: run benchmarks/adverts/extract.py first", file=sys.stderr)
        return 1
    splits, rows = select(rows, "every" if args.markdown else args.split)
    findings, missing = lint(args.adverts, rows)
    if missing:
        print(
            f"{len(missing)} adverts missing from {args.adverts} (run extract.py); counting the rest", file=sys.stderr
        )
    rows_present = [r for r in rows if r["id"] not in missing]
    gold = read_gold()
    judge = Judge(read_judgements())
    reports = [build_report(s, rows_present, findings, judge, gold, args.adverts) for s in splits]
    for report in reports:
        print_report(report, show_missed=args.missed)
    if args.unjudged:
        seen = set()
        fresh = []
        for f in findings:
            key = (f.advert, f.code, f.line, f.quote)
            if judge.verdict(f) is None and key not in seen:
                seen.add(key)
                fresh.append(f)
        write_unjudged(args.unjudged, fresh)
        print(f"\nwrote {len(fresh)} unjudged findings to {args.unjudged}")
    if args.record:
        if any(r.unjudged for r in reports):
            print("not recording: judge the unjudged findings first", file=sys.stderr)
            return 1
        record(reports, args.record)
    if args.markdown:
        write_markdown(MARKDOWN, reports, rows_present, missing)
        print(f"wrote {MARKDOWN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
