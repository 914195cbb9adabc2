"""Measure the role-blurring model on the DDaT framework's own role texts.

The labelled set: every responsibility bullet of every DDaT role and role level, labelled with the
role it comes from. Each bullet is tried twice: claimed by its own role (a correct claim: the model
must not flag it) and claimed by another role of the same family, else of the framework (a blurred
claim: the model should flag it, ideally naming the true role). The bullet and its copies are left
out of its own role's profile. Bullets are split in two halves by a hash of their text: thresholds
are tuned on the "dev" half and precision and recall are reported on the "test" half.

Two settings are measured. For adverts, every flagged correct claim is a false positive. For role
definitions (``definition_ratio``), a correct claim flagged towards a role that has the same duty
word for word is an overlap in the framework, not a false positive: it is counted apart; any other
flag needs the other role to resemble the statement ``definition_ratio`` times more than its own.
A blurred claim then stands for a duty moved into the wrong role's definition.

Run: python benchmarks/blurring.py ../shared/corpus/ddat-capability-framework/official-csv/roles.csv
(``--write-background ROLES_CSV`` rebuilds rolelint/profession/data/background_df.json.)
"""

from __future__ import annotations

import csv
import hashlib
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from rolelint.profession.similarity import RoleProfiles, decide, lifted
from rolelint.profession.text import normalise

ROLE_INTRO = "in this role, you will:"
LEVEL_INTRO = "at this role level, you will:"


@dataclass
class DdatRole:
    name: str
    family: str
    texts: list[str]  # everything that goes into the profile
    bullets: list[str]  # the labelled statements
    duties: list[str] = field(default_factory=list)  # descriptions and bullets: what the role says it does


def _split(text: str, intro: str) -> tuple[str, list[str]]:
    lowered = text.lower()
    at = lowered.find(intro)
    if at < 0:
        return text.strip(), []
    head = text[:at].strip()
    bullets = [line.strip()[1:].strip() for line in text[at + len(intro):].splitlines() if line.strip().startswith("-")]
    return head, bullets


def load_roles(roles_csv: Path) -> dict[str, DdatRole]:
    roles: dict[str, DdatRole] = {}
    seen_levels: set[tuple[str, str]] = set()
    with roles_csv.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["Role"].strip()
            if name not in roles:
                head, bullets = _split(row["Role Description"], ROLE_INTRO)
                roles[name] = DdatRole(name, row["Role Family"].strip(), [name, head, *bullets], list(bullets),
                                       [head, *bullets])
            role = roles[name]
            level = row["Role Level"].strip()
            if level and level != "NOT IN USE" and (name, level) not in seen_levels:
                seen_levels.add((name, level))
                head, bullets = _split(row["Role Level Description"], LEVEL_INTRO)
                role.texts += [head, *bullets]
                role.bullets += bullets
                role.duties += [head, *bullets]
            skill = row["Skill Name"].strip()
            if skill and skill != "NOT IN USE":
                role.texts.append(skill)
    return roles


@dataclass(frozen=True)
class Trial:
    text: str
    true_role: str
    claimed: str
    half: str  # dev | test

    @property
    def blurred(self) -> bool:
        return self.claimed != self.true_role


def trials(roles: dict[str, DdatRole], *, seed: int = 7) -> list[Trial]:
    rng = random.Random(seed)
    out = []
    names = sorted(roles)
    for name in names:
        role = roles[name]
        family = [n for n in names if n != name and roles[n].family == role.family] or [n for n in names if n != name]
        for bullet in dict.fromkeys(role.bullets):
            half = "dev" if hashlib.sha256(normalise(bullet).encode()).digest()[0] % 2 == 0 else "test"
            out.append(Trial(bullet, name, name, half))
            out.append(Trial(bullet, name, rng.choice(family), half))
    return out


@dataclass
class Scored:
    trial: Trial
    own: float  # similarity to the claimed role
    other_role: str | None
    other: float
    distinct: int  # words shared with the other role that the claimed role never uses
    lifted: bool = False  # a correct claim whose statement the other role has word for word


def score(roles: dict[str, DdatRole], all_trials: list[Trial], analyzer=None) -> list[Scored]:
    kwargs = {"analyzer": analyzer} if analyzer else {}
    profiles = RoleProfiles({name: role.texts for name, role in roles.items()}, **kwargs)
    out = []
    cache: dict[str, list] = {}
    for trial in all_trials:
        key = trial.text + "\0" + trial.true_role
        if key not in cache:
            copies = [t for t in roles[trial.true_role].texts if normalise(t) == normalise(trial.text)]
            cache[key] = profiles.resemblances(trial.text, own=trial.true_role, leave_out=copies)
        ranked = cache[key]
        own = next((r.score for r in ranked if r.role == trial.claimed), 0.0)
        other = next((r for r in ranked if r.role != trial.claimed), None)
        distinct = 0
        if other is not None:
            leave = [t for t in roles[trial.true_role].texts if normalise(t) == normalise(trial.text)]
            distinct = len(profiles.distinct_terms(trial.text, other.role, trial.claimed,
                                                   leave if trial.claimed == trial.true_role else ()))
        copied = other is not None and not trial.blurred and lifted(trial.text, roles[other.role].duties)
        out.append(Scored(trial, own, other.role if other else None, other.score if other else 0.0, distinct, copied))
    return out


@dataclass(frozen=True)
class Metrics:
    precision: float
    recall: float
    attribution: float  # of the correctly flagged, the share that name the true role
    flagged: int
    positives: int
    trials: int
    overlaps: int = 0  # definitions: correct claims flagged towards a role with the same duty word for word

    @property
    def f1(self) -> float:
        return 2 * self.precision * self.recall / (self.precision + self.recall) if self.precision + self.recall else 0.0


def metrics(scored: list[Scored], *, min_similarity: float, ratio: float, half: str, min_distinct: int = 1,
            definition_ratio: float | None = None) -> Metrics:
    """Precision and recall on one half; with ``definition_ratio``, as RL314 judges role definitions."""
    tp = fp = fn = named = overlaps = 0
    rows = [s for s in scored if s.trial.half == half]
    for s in rows:
        flagged = s.other_role is not None and decide(s.own, s.other, s.distinct, min_similarity=min_similarity,
                                                      ratio=ratio, min_distinct=min_distinct)
        if flagged and definition_ratio is not None:
            if s.lifted:
                overlaps += 1
                continue
            flagged = s.other >= definition_ratio * s.own
        if flagged and s.trial.blurred:
            tp += 1
            named += s.other_role == s.trial.true_role
        elif flagged:
            fp += 1
        elif s.trial.blurred:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return Metrics(precision, recall, named / tp if tp else 0.0, tp + fp, tp + fn, len(rows), overlaps)


def tune(scored: list[Scored], *, min_precision: float = 0.85, min_distinct: int = 2) -> tuple[float, float, Metrics]:
    """The (min_similarity, ratio) with the best recall on the dev half at ``min_precision`` or more."""
    best = None
    for min_similarity in (0.05, 0.08, 0.1, 0.12, 0.15, 0.2):
        for ratio in (1.0, 1.5, 2.0, 2.5, 3.0):
            m = metrics(scored, min_similarity=min_similarity, ratio=ratio, half="dev", min_distinct=min_distinct)
            if m.precision >= min_precision and (best is None or m.recall > best[2].recall):
                best = (min_similarity, ratio, m)
    if best is None:
        raise ValueError(f"no threshold reaches precision {min_precision}")
    return best


def tune_definition_ratio(scored: list[Scored], *, min_similarity: float, ratio: float, min_distinct: int
                          ) -> tuple[float, Metrics]:
    """The ``definition_ratio`` with the best recall on the dev half with no false positive there."""
    best = None
    for definition_ratio in (2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 16.0):
        m = metrics(scored, min_similarity=min_similarity, ratio=ratio, min_distinct=min_distinct, half="dev",
                    definition_ratio=definition_ratio)
        if m.precision == 1.0 and (best is None or m.recall > best[1].recall):
            best = (definition_ratio, m)
    if best is None:
        raise ValueError("no definition_ratio leaves the dev half without false positives")
    return best


def build_background(roles_csv: Path) -> dict:
    """How many DDaT roles use each stem and stem pair (counts only, no text) for
    rolelint.profession.background."""
    from collections import Counter

    from rolelint.profession.similarity import features

    roles = load_roles(roles_csv)
    df: Counter = Counter()
    for role in roles.values():
        seen: set[str] = set()
        for text in role.texts:
            seen |= set(features(text))
        df.update(seen)
    # Words used by a single role say nothing general; leaving them out keeps the table small.
    kept = {term: count for term, count in sorted(df.items()) if count >= 2}
    return {"source": "DDaT capability framework, official CSV export (Open Government Licence v3.0): "
                      "number of roles whose texts use each stem or stem pair",
            "roles": len(roles), "df": kept}


def write_background(roles_csv: Path) -> None:
    import json

    from rolelint.profession.background import DATA

    table = build_background(roles_csv)
    DATA.write_text(json.dumps(table, indent=0, sort_keys=True), encoding="utf-8")
    print(f"wrote {len(table['df'])} terms over {table['roles']} roles to {DATA}")


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--write-background":
        write_background(Path(argv[1]))
        return 0
    roles_csv = Path(argv[0])
    roles = load_roles(roles_csv)
    all_trials = trials(roles)
    started = time.perf_counter()
    scored = score(roles, all_trials)
    elapsed = time.perf_counter() - started
    from rolelint.profession.checks.rl314_role_blurring import DEFINITION_RATIO, MIN_DISTINCT, MIN_SIMILARITY, RATIO

    print(f"{len(roles)} roles, {len(all_trials)} trials ({len(all_trials) // 2} statements), scored in {elapsed:.2f}s")
    for half in ("dev", "test"):
        m = metrics(scored, min_similarity=MIN_SIMILARITY, ratio=RATIO, half=half, min_distinct=MIN_DISTINCT)
        print(f"{half}: precision {m.precision:.3f} recall {m.recall:.3f} F1 {m.f1:.3f} "
              f"attribution {m.attribution:.3f} ({m.flagged} flagged of {m.trials} trials, {m.positives} blurred)")
    min_similarity, ratio, m = tune(scored, min_distinct=MIN_DISTINCT)
    print(f"best on dev at precision >= 0.85 (min_distinct={MIN_DISTINCT}): min_similarity={min_similarity} ratio={ratio} -> "
          f"precision {m.precision:.3f} recall {m.recall:.3f}")
    print(f"role definitions (definition_ratio={DEFINITION_RATIO:g}):")
    for half in ("dev", "test"):
        m = metrics(scored, min_similarity=MIN_SIMILARITY, ratio=RATIO, half=half, min_distinct=MIN_DISTINCT,
                    definition_ratio=DEFINITION_RATIO)
        print(f"{half}: precision {m.precision:.3f} recall {m.recall:.3f} ({m.flagged} flagged, "
              f"{m.flagged - round(m.precision * m.flagged)} of them correct claims; {m.overlaps} correct claims "
              f"flagged towards a role with the same duty word for word)")
    definition_ratio, m = tune_definition_ratio(scored, min_similarity=MIN_SIMILARITY, ratio=RATIO,
                                                min_distinct=MIN_DISTINCT)
    print(f"best definition_ratio on dev with no false positive: {definition_ratio:g} -> recall {m.recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
