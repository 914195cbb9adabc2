"""Measure RL314 (role blurring) on labelled duties, held out by role.

Three labelled sets, each duty labelled with the DDaT role it belongs to:

- **ddat**: every responsibility bullet of every DDaT role and role level (the official CSV export);
  the bullet and its copies are left out of its own role's profile when it is scored;
- **written**: duties we wrote in the style of adverts (benchmarks/data/blurring_duties.yaml);
- **corpus**: the duty bullets of real GDS adverts, read from ../shared/corpus by the references in
  benchmarks/data/blurring_corpus.yaml;
- **frameworks**: the responsibility bullets of GitLab job families, another publisher, read by the
  references in benchmarks/data/blurring_frameworks.yaml; no option is tuned on them (``TUNED_ON``).

Each duty is tried twice: claimed by its own role (a correct claim: must not be flagged) and claimed
by another role of its DDaT family (a blurred claim: should be flagged; dropped when that role's own
definition has the duty word for word or nearly). The 52 DDaT roles are split
in two halves by a hash of their name: thresholds are tuned on the duties of the "dev" roles, and
precision and recall (with Wilson 95% intervals) are reported on the duties of the held-out "test"
roles. Profiles are the roles' DDaT texts plus the profession vocabulary of their kind of role
(rolelint/profession/data/vocabulary.yaml), weighted by the shipped background table, as RL314 does.

Two settings are measured. For adverts, every flagged correct claim is a false positive. For role
definitions (``definition_ratio``), a correct claim flagged towards a role that has the same duty
word for word is an overlap in the framework, not a false positive: it is counted apart; any other
flag needs the other role to resemble the statement ``definition_ratio`` times more than its own.

Run: python benchmarks/blurring.py ../shared/corpus/ddat-capability-framework/official-csv/roles.csv
(``--write-background ROLES_CSV`` rebuilds rolelint/profession/data/background_df.json; ``--decision-rules``
also tunes two other decision rules on the dev roles and measures them on the held-out roles;
``--context-vectors`` measures how well the small spaCy pipeline's context vectors tell roles apart;
``--word-vectors MODEL`` (after ROLES_CSV) what static word vectors, such as en_core_web_md's, would add;
``--dev-only`` prints the dev roles' figures alone, for use while the model is being changed;
``--no-shared`` reads advert duties without setting aside the claimed role's shared practices, as
RL314 did before them.)
"""

from __future__ import annotations

import csv
import hashlib
import math
import random
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from rolelint.profession.similarity import (
    CONCEPT_MARGIN,
    MIN_CONCEPTS,
    PAIR_THRESHOLD,
    RoleProfiles,
    concept_case,
    decide,
    lifted,
    own_trade,
    pair_score,
    without_people,
)
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
    bullets = [
        line.strip()[1:].strip() for line in text[at + len(intro) :].splitlines() if line.strip().startswith("-")
    ]
    return head, bullets


def load_roles(roles_csv: Path) -> dict[str, DdatRole]:
    roles: dict[str, DdatRole] = {}
    seen_levels: set[tuple[str, str]] = set()
    with roles_csv.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["Role"].strip()
            if name not in roles:
                head, bullets = _split(row["Role Description"], ROLE_INTRO)
                roles[name] = DdatRole(
                    name, row["Role Family"].strip(), [name, head, *bullets], list(bullets), [head, *bullets]
                )
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


HERE = Path(__file__).parent
WRITTEN = HERE / "data" / "blurring_duties.yaml"
CORPUS_REFERENCES = HERE / "data" / "blurring_corpus.yaml"
FRAMEWORK_REFERENCES = HERE / "data" / "blurring_frameworks.yaml"
SENTENCE_REFERENCES = HERE / "data" / "blurring_skylight.yaml"
TRADE_LABELS = HERE / "data" / "blurring_trade.csv"
SECOND_LABELS = HERE / "data" / "blurring_second.csv"


def role_half(name: str) -> str:
    """Which half a role is in: its duties are tuned on ("dev") or held out ("test")."""
    return "dev" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "test"


def with_vocabulary(roles: dict[str, DdatRole]) -> dict[str, DdatRole]:
    """The roles with the shipped profession vocabulary of their kind added to their profile texts."""
    from rolelint.profession.text import slug
    from rolelint.profession.vocabulary import role_terms

    for name, role in roles.items():
        role.texts = role.texts + role_terms(slug(name), name)
    return roles


def written_duties(path: Path = WRITTEN) -> list[tuple[str, str]]:
    """(duty, role) from our own written set."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(duty, role) for role, duties in data.items() for duty in duties]


def corpus_references(corpus: Path, path: Path = CORPUS_REFERENCES) -> list[tuple[str, str, str]]:
    """(file:line, duty, role) from the referenced bullet lines of corpus adverts ([] when the corpus is
    absent)."""
    import re

    out = []
    for ref, number, line in _referenced_lines(corpus, path):
        match = re.match(r"\s*[-*•]\s+(.*)", line)
        text = re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", match.group(1)).strip() if match else ""
        if len(text.split()) >= 3:
            out.append((f"{ref['path']}:{number}", text, ref["role"]))
    return out


def _referenced_lines(corpus: Path, path: Path):
    """(reference, line number, line) for each line a reference file names, of the corpus files present."""
    import yaml

    for ref in yaml.safe_load(path.read_text(encoding="utf-8")):
        source = corpus / ref["path"]
        if not source.is_file():
            continue
        lines = source.read_text(encoding="utf-8").splitlines()
        first, last = ref["lines"]
        for number, line in enumerate(lines[first - 1 : last], start=first):
            yield ref, number, line


def corpus_duties(corpus: Path, path: Path = CORPUS_REFERENCES) -> list[tuple[str, str]]:
    """(duty, role) from the referenced bullet lines of corpus adverts ([] when the corpus is absent)."""
    return [(text, role) for _, text, role in corpus_references(corpus, path)]


def _label_rows(corpus: Path, path: Path) -> list[tuple[str, str, str, str]]:
    """(source, duty, role, label) of every row of ``path`` whose duty can be read: the written set's
    duties by their text, the corpus and frameworks sets' by file:line."""
    texts = {
        ref: text
        for ref, text, _ in corpus_references(corpus)
        + corpus_references(corpus, FRAMEWORK_REFERENCES)
        + sentence_references(corpus)
    }
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            if row["label"] not in ("trade", "generic", "unclear"):
                raise ValueError(f"{path}: label {row['label']!r} is not 'trade', 'generic' or 'unclear'")
            text = row["ref"] if row["source"] == "written" else texts.get(row["ref"])
            if text is not None:
                out.append((row["source"], text, row["role"], row["label"]))
    return out


def sentence_references(corpus: Path, path: Path = SENTENCE_REFERENCES) -> list[tuple[str, str, str]]:
    """(file:line:k, duty, role) from the referenced lines of corpus pages written as paragraphs (Skylight's
    career pathways): each sentence of three words or more of a line that is not a heading is a duty;
    k numbers the sentences of the line. [] when the corpus is absent."""
    from rolelint.profession.text import sentences

    out = []
    for ref, number, line in _referenced_lines(corpus, path):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        for k, (start, end) in enumerate(sentences(line)):
            text = line[start:end].strip()
            if len(text.split()) >= 3:
                out.append((f"{ref['path']}:{number}:{k}", text, ref["role"]))
    return out


def trade_labels(corpus: Path, path: Path = TRADE_LABELS) -> dict[tuple[str, str, str], bool]:
    """(source, duty, role) -> whether the duty names its role's trade (True) or is generic (False), from
    the labels in ``path``. Duties labelled 'unclear' (their role label is doubtful) are left out."""
    return {
        (source, text, role): label == "trade"
        for source, text, role, label in _label_rows(corpus, path)
        if label != "unclear"
    }


def unclear_duties(corpus: Path, path: Path = TRADE_LABELS) -> set[tuple[str, str, str]]:
    """(source, duty, role) of the duties whose role label is doubtful: no trade-specific figure counts them."""
    return {(source, text, role) for source, text, role, label in _label_rows(corpus, path) if label == "unclear"}


def second_labels(corpus: Path, path: Path = SECOND_LABELS) -> dict[tuple[str, str, str], tuple[str, str | None]]:
    """(source, duty, role) -> (label, other role) from the second labeller's three-way labels: 'trade'
    (its role's trade), 'shared' (work much of its family does, or a way of working) or 'other' (another
    DDaT role's trade, named)."""
    texts = {
        ref: text
        for ref, text, _ in corpus_references(corpus)
        + corpus_references(corpus, FRAMEWORK_REFERENCES)
        + sentence_references(corpus)
    }
    out = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            label, other = row["label"], row["other"] or None
            if label not in ("trade", "shared", "other") or (label == "other") != (other is not None):
                raise ValueError(f"{path}: {row['ref']}: label {label!r} with other role {other!r}")
            text = texts.get(row["ref"])
            if text is not None:
                out[(row["source"], text, row["role"])] = (label, other)
    return out


def cohen_kappa(pairs: list[tuple[bool, bool]]) -> float:
    """Cohen's kappa of two labellers' yes/no labels."""
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    first, second = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    chance = first * second + (1 - first) * (1 - second)
    return (observed - chance) / (1 - chance) if chance < 1 else 1.0


def label_agreement(corpus: Path) -> None:
    """How often the second labeller agrees with the first on trade-specific (first: trade / generic,
    second: trade / shared or another role's), per source, with Cohen's kappa; and how many duties the
    second labeller calls another role's work (the role label itself in doubt)."""
    first = {(source, text, role): label for source, text, role, label in _label_rows(corpus, TRADE_LABELS)}
    second = second_labels(corpus)
    print("\nsecond labeller pass (benchmarks/data/blurring_second.csv) against the first labels:")
    for source in ("corpus", "frameworks", "skylight"):
        keys = [k for k in second if k[0] == source]
        pairs = [(first[k] == "trade", second[k][0] == "trade") for k in keys if first.get(k, "unclear") != "unclear"]
        agree = sum(a == b for a, b in pairs)
        both = sum(a and b for a, b in pairs)
        only_first = sum(a and not b for a, b in pairs)
        only_second = sum(b and not a for a, b in pairs)
        others = sum(1 for k in keys if second[k][0] == "other")
        print(
            f"  {source:10}: {len(keys)} duties, {len(pairs)} with a first trade/generic label; agree on "
            f"{agree} ({agree / max(len(pairs), 1):.2f}), kappa {cohen_kappa(pairs):.2f}; trade by both {both}, "
            f"by the first only {only_first}, by the second only {only_second}; another role's work by the "
            f"second: {others}"
        )


def three_way_metrics(scored: list[Scored], labels: dict, *, half: str | None, sources: tuple[str, ...], **options):
    """Precision and recall by the second labeller's three-way labels. A duty labelled another role's
    work (X) is blurred wherever a role other than X claims it, its own role included: flagging its own
    role's claim is right only when the finding names X. A shared duty is blurred nowhere; a trade duty
    wherever another role claims it, as before."""
    tp = fp = fn = named = 0
    rows = 0
    for s in scored:
        t = s.trial
        key = (t.source, t.text, t.true_role)
        if key not in labels or t.source not in sources or (half is not None and t.half != half):
            continue
        rows += 1
        label, other = labels[key]
        role, _ = s.flagged(**options)
        if label == "shared":
            positive = False
        elif label == "other":
            positive = t.claimed != other
        else:
            positive = t.blurred
        right_role = other if (label == "other" and not t.blurred) else None
        if role is not None and positive and (right_role is None or role == right_role):
            tp += 1
            named += role == (other if label == "other" else t.true_role)
        elif role is not None:
            fp += 1
            fn += positive  # flagged towards the wrong role: a false finding, and the right one missed
        elif positive:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return Metrics(precision, recall, named / tp if tp else 0.0, tp + fp, tp + fn, rows, 0, tp)


@dataclass(frozen=True)
class Trial:
    text: str
    true_role: str
    claimed: str
    half: str  # dev | test: the half of the true role
    source: str = "ddat"  # ddat | written | corpus | frameworks
    trade: bool | None = None  # the duty names its role's trade (True), is generic (False), or is unlabelled

    @property
    def blurred(self) -> bool:
        return self.claimed != self.true_role

    def positive(self, *, trade_only: bool = False) -> bool:
        """Whether RL314 should flag this claim: a blurred claim; with ``trade_only``, a blurred claim of
        a duty that names its role's trade (a generic duty in another role's advert is not blurring)."""
        return self.blurred and (not trade_only or bool(self.trade))


def trials(
    roles: dict[str, DdatRole], *, seed: int = 7, extra: dict[str, list[tuple[str, str]]] | None = None
) -> list[Trial]:
    """Each duty claimed by its own role and by another role of its family. ``extra``: more labelled
    duties by source name ("written", "corpus")."""
    rng = random.Random(seed)
    out = []
    names = sorted(roles)

    def pair(text: str, name: str, source: str) -> None:
        family = [n for n in names if n != name and roles[n].family == roles[name].family] or [
            n for n in names if n != name
        ]
        out.append(Trial(text, name, name, role_half(name), source))
        claimed = rng.choice(family)
        # A duty the other role's own definition has word for word (or nearly) is not blurred when that
        # role claims it: no trial.
        if not lifted(text, roles[claimed].duties):
            out.append(Trial(text, name, claimed, role_half(name), source))

    for name in names:
        for bullet in dict.fromkeys(roles[name].bullets):
            pair(bullet, name, "ddat")
    for source, duties in (extra or {}).items():
        for text, name in duties:
            if name not in roles:
                raise ValueError(f"{source}: {name!r} is not a DDaT role")
            pair(text, name, source)
    return out


@dataclass
class Scored:
    trial: Trial
    own: float  # similarity to the claimed role
    others: list[tuple[str, float, int, bool, tuple[str, ...]]]  # (role, similarity, distinct words, has the
    # duty word for word, vocabulary terms of its kind in the duty that the claimed role's kind and words lack)
    claimed_concepts: tuple[str, ...] = ()  # the terms of the claimed role's own vocabulary the duty names
    shared_with: dict[str, frozenset[str]] = field(default_factory=dict)  # other role -> the claimed_concepts
    # its vocabulary has too (they count for neither role: vocabulary.not_shared)
    _pair: tuple[float, str | None] | None = field(default=None, repr=False, compare=False)

    def mine(self, other: str) -> tuple[str, ...]:
        """The claimed role's terms in the duty that ``other``'s vocabulary lacks."""
        shared = self.shared_with.get(other, frozenset())
        return tuple(t for t in self.claimed_concepts if t not in shared)

    def flagged(
        self,
        *,
        min_similarity: float,
        ratio: float,
        min_distinct: int,
        definition_ratio: float | None = None,
        concepts: bool = True,
        margin: float = CONCEPT_MARGIN,
        min_concepts: float = MIN_CONCEPTS,
        min_score: float | None = PAIR_THRESHOLD,
    ) -> tuple[str | None, bool]:
        """(the role RL314 would name, or None; whether that is a copied-duty overlap) — the first other
        role, most similar first, that makes the case on its own; for adverts, then the role with the
        highest pair-model score if it reaches ``min_score`` (None: no pair model)."""
        for role, other, distinct, copied, hits in self.others:
            if decide(self.own, other, distinct, min_similarity=min_similarity, ratio=ratio, min_distinct=min_distinct):
                if definition_ratio is None:
                    if concepts and own_trade(self.mine(role), hits):
                        break  # RL314 on adverts: the duty names the claimed role's own trade
                    return role, False
                if copied and not self.trial.blurred:
                    return role, True
                if copied or other >= definition_ratio * self.own:
                    return role, False
        if concepts and definition_ratio is None:
            # RL314 on adverts: similarity.by_concepts
            for role, other, _, _, hits in self.others:
                if (
                    other >= margin * self.own
                    and hits
                    and concept_case(self.mine(role), hits, min_concepts=min_concepts)
                ):
                    return role, False
            if min_score is not None:
                # RL314 on adverts: similarity.by_pair_model
                best, named = self.pair_verdict()
                if best >= min_score:
                    return named, False
        return None, False

    def pair_verdict(self, weights=None) -> tuple[float, str | None]:
        """The duty's highest pair-model score over the other roles, and that role (the first of equals,
        most similar first); ``weights`` (as ``pair_features`` orders them) instead of the shipped model."""
        if weights is None and self._pair is not None:
            return self._pair
        best: tuple[float, str | None] = (-math.inf, None)
        for other in self.others:
            if weights is None:
                from rolelint.profession.vocabulary import strength

                value = pair_score(other[1], self.own, other[2], strength(other[4]), strength(self.mine(other[0])))
            else:
                value = sum(w * f for w, f in zip(weights, pair_features(self, other)))
            if value > best[0]:
                best = (value, other[0])
        if weights is None:
            self._pair = best
        return best


def score(
    roles: dict[str, DdatRole],
    all_trials: list[Trial],
    analyzer=None,
    *,
    as_advert: bool = True,
    use_shared: bool = True,
) -> list[Scored]:
    """Each trial's similarities, distinct words and vocabulary terms, as RL314 reads an advert's duty (the
    people it says the duty is done with and the claimed role's shared practices set aside:
    ``similarity.without_people``, ``vocabulary.set_aside``; ``use_shared`` False keeps the shared
    practices) or, with ``as_advert`` False, a role definition's responsibility (as written)."""
    from collections import Counter

    from rolelint.profession.text import slug
    from rolelint.profession.vocabulary import (
        concepts_in,
        every_term,
        phrases,
        role_terms,
        sequence,
        set_aside,
        shared_terms,
    )

    kwargs = {"analyzer": analyzer} if analyzer else {}
    profiles = RoleProfiles({name: role.texts for name, role in roles.items()}, **kwargs)
    vocabulary = {name: phrases(role_terms(slug(name), name)) for name in roles}
    shared = {name: phrases(shared_terms(slug(name), name)) for name in roles} if use_shared else {}
    trades = every_term()
    out = []
    cache: dict[str, list] = {}
    for trial in all_trials:
        copies = [t for t in roles[trial.true_role].texts if normalise(t) == normalise(trial.text)]
        query = (
            set_aside(without_people(trial.text), shared.get(trial.claimed, {}), trades) if as_advert else trial.text
        )
        key = query + "\0" + trial.true_role
        if key not in cache:
            cache[key] = profiles.resemblances(query, own=trial.true_role, leave_out=copies)
        ranked = sorted(cache[key], key=lambda r: (-r.score, str(r.role)))
        own = next((r.score for r in ranked if r.role == trial.claimed), 0.0)
        leave = copies if trial.claimed == trial.true_role else ()
        mine = concepts_in(query, vocabulary[trial.claimed])
        mine_phrases = {sequence(t) for t in mine}
        used = Counter(profiles.counts[trial.claimed])
        for item in leave:
            used.subtract(profiles.vector(item))
        others = [
            (
                r.role,
                r.score,
                len(profiles.distinct_terms(query, r.role, trial.claimed, leave)),
                not trial.blurred and lifted(trial.text, roles[r.role].duties),
                concepts_in(query, {p: t for p, t in vocabulary[r.role].items() if p not in mine_phrases}, used),
            )
            for r in ranked
            if r.role != trial.claimed
        ]
        shared_with = {
            r.role: frozenset(t for t in mine if sequence(t) in vocabulary[r.role])
            for r in ranked
            if r.role != trial.claimed
        }
        out.append(Scored(trial, own, others, mine, shared_with))
    return out


def wilson(successes: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score 95% interval of a proportion."""
    if total == 0:
        return 0.0, 1.0
    p = successes / total
    centre = p + z * z / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    denominator = 1 + z * z / total
    return (centre - spread) / denominator, (centre + spread) / denominator


@dataclass(frozen=True)
class Metrics:
    precision: float
    recall: float
    attribution: float  # of the correctly flagged, the share that name the true role
    flagged: int
    positives: int
    trials: int
    overlaps: int = 0  # definitions: correct claims flagged towards a role with the same duty word for word
    true_positives: int = 0

    @property
    def f1(self) -> float:
        return (
            2 * self.precision * self.recall / (self.precision + self.recall) if self.precision + self.recall else 0.0
        )

    @property
    def precision_interval(self) -> tuple[float, float]:
        return wilson(self.true_positives, self.flagged)

    @property
    def recall_interval(self) -> tuple[float, float]:
        return wilson(self.true_positives, self.positives)

    def describe(self) -> str:
        (pl, ph), (rl, rh) = self.precision_interval, self.recall_interval
        return (
            f"precision {self.precision:.3f} [{pl:.2f}, {ph:.2f}] recall {self.recall:.3f} [{rl:.2f}, {rh:.2f}] "
            f"({self.true_positives}/{self.flagged} flagged right, {self.positives} blurred of {self.trials} "
            f"trials; names the true role {self.attribution:.2f})"
        )


def metrics(
    scored: list[Scored],
    *,
    min_similarity: float,
    ratio: float,
    half: str | None,
    min_distinct: int = 1,
    definition_ratio: float | None = None,
    sources: tuple[str, ...] | None = None,
    concepts: bool = True,
    margin: float = CONCEPT_MARGIN,
    min_concepts: float = MIN_CONCEPTS,
    trade_only: bool = False,
    min_score: float | None = PAIR_THRESHOLD,
) -> Metrics:
    """Precision and recall on one half (None: both) and some sources; with ``definition_ratio``, as
    RL314 judges role definitions; with ``trade_only``, on the labelled duties only, a blurred claim of a
    generic duty counting as a correct one (``Trial.positive``)."""
    tp = fp = fn = named = overlaps = 0
    rows = [
        s
        for s in scored
        if (half is None or s.trial.half == half)
        and (sources is None or s.trial.source in sources)
        and (not trade_only or s.trial.trade is not None)
    ]
    for s in rows:
        role, overlap = s.flagged(
            min_similarity=min_similarity,
            ratio=ratio,
            min_distinct=min_distinct,
            definition_ratio=definition_ratio,
            concepts=concepts,
            margin=margin,
            min_concepts=min_concepts,
            min_score=min_score,
        )
        if overlap:
            overlaps += 1
            continue
        positive = s.trial.positive(trade_only=trade_only)
        if role is not None and positive:
            tp += 1
            named += role == s.trial.true_role
        elif role is not None:
            fp += 1
        elif positive:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return Metrics(precision, recall, named / tp if tp else 0.0, tp + fp, tp + fn, len(rows), overlaps, tp)


GRID_SIMILARITY = (0.05, 0.08, 0.1, 0.12, 0.15, 0.2)
GRID_RATIO = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0)
GRID_DISTINCT = (1, 2, 3)


GRID_MARGIN = (0.5, 1.0, 1.5, 2.0, 3.0)
GRID_CONCEPTS = (1, 1.5, 2)


def tune(
    scored: list[Scored], *, min_precision: float = 0.9, sources: tuple[str, ...] | None = None
) -> tuple[dict, Metrics]:
    """The options with the best recall on the dev roles at ``min_precision`` (else the best F1)."""
    best = None
    for min_similarity in GRID_SIMILARITY:
        for ratio in GRID_RATIO:
            for min_distinct in GRID_DISTINCT:
                for margin in GRID_MARGIN:
                    for min_concepts in GRID_CONCEPTS:
                        options = dict(
                            min_similarity=min_similarity,
                            ratio=ratio,
                            min_distinct=min_distinct,
                            margin=margin,
                            min_concepts=min_concepts,
                        )
                        m = metrics(scored, half="dev", sources=sources, **options)
                        rank = (m.precision >= min_precision, m.recall if m.precision >= min_precision else m.f1)
                        if best is None or rank > best[0]:
                            best = (rank, options, m)
    return best[1], best[2]


def tune_definition_ratio(
    scored: list[Scored], *, min_similarity: float, ratio: float, min_distinct: int
) -> tuple[float, Metrics]:
    """The ``definition_ratio`` with the best recall on the dev roles' DDaT duties with no false positive."""
    best = None
    for definition_ratio in (2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 16.0):
        m = metrics(
            scored,
            min_similarity=min_similarity,
            ratio=ratio,
            min_distinct=min_distinct,
            half="dev",
            definition_ratio=definition_ratio,
            sources=("ddat",),
        )
        if m.precision == 1.0 and (best is None or m.recall > best[1].recall):
            best = (definition_ratio, m)
    if best is None:
        raise ValueError("no definition_ratio leaves the dev roles without false positives")
    return best


GRID_DIFFERENCE = (0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15)


def flagged_by_difference(
    s: Scored, *, min_similarity: float, difference: float, min_distinct: int, margin: float, min_concepts: float
) -> str | None:
    """RL314's advert rule with the word test made a difference of similarities (the other role at least
    ``difference`` more similar than the claimed role) instead of a ratio; the concept rule as it is.
    The role it would name, or None."""
    for role, other, distinct, _, hits in s.others:
        if other >= min_similarity and other - s.own >= difference and distinct >= min_distinct:
            if own_trade(s.mine(role), hits):
                break
            return role
    for role, other, _, _, hits in s.others:
        if other >= margin * s.own and hits and concept_case(s.mine(role), hits, min_concepts=min_concepts):
            return role
    return None


def pair_features(s: Scored, other: tuple) -> list[float]:
    """What one (duty, claimed role, other role) triple offers a learned rule: the two similarities (log),
    the distinct words, and the weight of each role's vocabulary terms the duty names. Nothing about a
    third role, so a rule over them would keep RL314's verdicts stable."""
    from rolelint.profession.vocabulary import strength

    role, score, distinct, _, hits = other
    theirs, mine = strength(hits), strength(s.mine(role))
    return [1.0, math.log(score + 0.01), math.log(s.own + 0.01), min(distinct, 5), theirs, mine, float(theirs > mine)]


def pair_label(s: Scored, role: str, labels: dict | None = None) -> float | None:
    """Whether ``role`` making the case for ``s``'s duty is right (1), wrong (0) or not labelled (None).
    By the two-way labels (``labels`` None, or a duty without a three-way label): a correct claim's every
    pair is wrong, a blurred claim's pair with its true role right, its other pairs unlabelled. By the
    three-way labels (``second_labels``): a shared duty's every pair is wrong; a duty of another role's
    work (X) claimed by X has every pair wrong, and otherwise its pair with X is right, and its other
    pairs are wrong when its own role claims it (unlabelled when another role does)."""
    t = s.trial
    label = labels.get((t.source, t.text, t.true_role)) if labels else None
    if label is not None and label[0] == "shared":
        return 0.0
    if label is not None and label[0] == "other":
        if t.claimed == label[1]:
            return 0.0
        if role == label[1]:
            return 1.0
        return None if t.blurred else 0.0
    if not t.blurred:
        return 0.0
    return 1.0 if role == t.true_role else None


def fit_pair_model(rows: list[Scored], *, labels: dict | None = None, l2: float = 1.0, rounds: int = 50):
    """A logistic model of "this other role makes the case", fitted by Newton's method on the labelled
    pairs of ``rows`` (``pair_label``; ``labels``: the three-way labels, where a duty has one)."""
    import numpy as np

    features, targets = [], []
    for s in rows:
        for other in s.others:
            target = pair_label(s, other[0], labels)
            if target is not None:
                features.append(pair_features(s, other))
                targets.append(target)
    x, y = np.array(features), np.array(targets)
    w = np.zeros(x.shape[1])
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-x @ w))
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, x.T @ (p - y) + l2 * w)
    return w


PAIR_FLOOR = 0.943  # the dev precision earlier rounds chose RL314's options at (docs/profession.md)


def _pair_threshold(rows: list[Scored], scores: list[float], base: list[str | None], floor: float) -> float:
    """The pair-model threshold with the best recall on ``rows`` (``scores``: each row's highest pair
    score; ``base``: the role the word and vocabulary rules name, or None) at precision ``floor`` or more."""
    tp = sum(1 for s, role in zip(rows, base) if role is not None and s.trial.blurred)
    flagged = sum(1 for role in base if role is not None)
    # The duties no earlier rule flags, highest pair score first: lowering the threshold past each adds it.
    added = sorted(((v, s.trial.blurred) for s, v, role in zip(rows, scores, base) if role is None), reverse=True)
    best = (math.inf, tp)
    for value, blurred in added:
        tp, flagged = tp + blurred, flagged + 1
        if tp / flagged >= floor and tp > best[1]:
            best = (value, tp)
    return best[0]


def pair_model_by_family(
    roles: dict[str, DdatRole], scored: list[Scored], labels: dict, *, floor: float = PAIR_FLOOR
) -> None:
    """The pair model measured on held-out families: for each DDaT family, fitted and its threshold chosen
    as ``fit_shipped_pair_model`` does (on the dev roles' duties), but on every other family's only, then
    applied to that family's held-out roles' duties; the findings of all families together, per set."""
    import numpy as np

    options = {**shipped_options(), "min_score": None}
    base = [s.flagged(**options)[0] for s in scored]
    features = [np.array([pair_features(s, other) for other in s.others]).reshape(-1, 7) for s in scored]
    family = [roles[s.trial.true_role].family for s in scored]
    named: list[str | None] = list(base)
    for held in sorted(set(family)):
        train = [i for i, f in enumerate(family) if f != held and scored[i].trial.half == "dev"]
        w = fit_pair_model([scored[i] for i in train], labels=labels)
        tune_rows = [i for i in train if scored[i].trial.source in TUNED_ON]

        def best(i: int, w=w) -> tuple[float, str | None]:
            if not len(features[i]):
                return -math.inf, None
            values = features[i] @ w
            k = int(np.argmax(values))
            return float(values[k]), scored[i].others[k][0]

        threshold = _pair_threshold(
            [scored[i] for i in tune_rows], [best(i)[0] for i in tune_rows], [base[i] for i in tune_rows], floor
        )
        for i, f in enumerate(family):
            if f == held and base[i] is None and scored[i].trial.half == "test":
                value, role = best(i)
                named[i] = role if value >= threshold else None
    print(
        "\npair model on held-out families (each family's held-out roles judged by a model fitted on the others' dev roles):"
    )
    for label, subset in ADVERT_SETS:
        kept = [i for i, s in enumerate(scored) if s.trial.source in subset and s.trial.half == "test"]
        rows = [scored[i] for i in kept]
        print(f"  {label:15}: {rule_metrics(rows, [named[i] for i in kept]).describe()}")
        print(f"  {'':15}  before: {rule_metrics(rows, [base[i] for i in kept]).describe()}")


def fit_shipped_pair_model(scored: list[Scored], labels: dict, *, floor: float = PAIR_FLOOR) -> None:
    """How RL314's pair model (``similarity.PAIR_WEIGHTS``, ``PAIR_THRESHOLD``) was made: fitted on the
    dev roles' duties of every set (three-way labels where they exist), weights rounded to two decimals,
    and its threshold the one with the best recall on the dev roles' duties of ``TUNED_ON`` with the
    word and vocabulary rules before it, at dev precision ``floor`` or more. Prints both."""
    options = {**shipped_options(), "min_score": None}
    dev = [s for s in scored if s.trial.half == "dev"]
    w = [round(float(v), 2) for v in fit_pair_model(dev, labels=labels)]
    rows = [s for s in dev if s.trial.source in TUNED_ON]
    base = [s.flagged(**options)[0] for s in rows]
    threshold = _pair_threshold(rows, [s.pair_verdict(w)[0] for s in rows], base, floor)
    found = sum(
        1 for s, role in zip(rows, base) if s.trial.blurred and (role is not None or s.pair_verdict(w)[0] >= threshold)
    )
    positives = sum(1 for s in rows if s.trial.blurred)
    names = ("bias", "log_other", "log_own", "distinct", "theirs", "mine", "theirs_more")
    print(f"\npair model fitted on the dev roles' duties (three-way labels where they exist): {dict(zip(names, w))}")
    print(
        f"  threshold {threshold:.4f}: {found} of {positives} blurred dev claims ({', '.join(TUNED_ON)}) found, "
        f"at precision >= {floor:.3f} (the word and vocabulary rules alone: {metrics(rows, half='dev', **options).describe()})"
    )


def pair_model_verdict(s: Scored, w) -> tuple[float, str | None]:
    """A duty's score under a pair model, that of its strongest other role (any one role makes the
    case), and that role."""
    import numpy as np

    scored = [(float(np.array(pair_features(s, other)) @ w), other[0]) for other in s.others]
    return max(scored, default=(-math.inf, None))


def rule_metrics(rows: list[Scored], named: list[str | None]) -> Metrics:
    """Precision and recall on ``rows`` of a rule that names ``named[i]`` (None: no finding) for row i."""
    tp = sum(1 for s, role in zip(rows, named) if role is not None and s.trial.blurred)
    flagged = sum(1 for role in named if role is not None)
    right = sum(1 for s, role in zip(rows, named) if role is not None and s.trial.blurred and role == s.trial.true_role)
    positives = sum(1 for s in rows if s.trial.blurred)
    return Metrics(
        tp / flagged if flagged else 0.0,
        tp / positives if positives else 0.0,
        right / tp if tp else 0.0,
        flagged,
        positives,
        len(rows),
        0,
        tp,
    )


def _best_threshold(rows: list[Scored], verdicts: list[tuple[float, str | None]], min_precision: float):
    """The threshold on pair-model scores with the best recall on ``rows`` at ``min_precision``."""
    found = None
    for t in sorted({score for score, _ in verdicts}):
        m = rule_metrics(rows, [role if score >= t else None for score, role in verdicts])
        if m.precision >= min_precision and (found is None or m.recall > found[1].recall):
            found = (t, m)
    return found


def shipped_options() -> dict:
    """RL314's shipped options, as ``metrics`` and ``Scored.flagged`` take them."""
    from rolelint.profession.checks.rl314_role_blurring import (
        CONCEPT_MARGIN,
        MIN_CONCEPTS,
        MIN_DISTINCT,
        MIN_SCORE,
        MIN_SIMILARITY,
        RATIO,
    )

    return dict(
        min_similarity=MIN_SIMILARITY,
        ratio=RATIO,
        min_distinct=MIN_DISTINCT,
        margin=CONCEPT_MARGIN,
        min_concepts=MIN_CONCEPTS,
        min_score=MIN_SCORE,
    )


def decision_rules(scored: list[Scored], *, min_precision: float = 0.9) -> None:
    """Two other decision rules, each tuned on the dev roles' duties of ``TUNED_ON`` (best recall at
    ``min_precision``, and at the dev precision of RL314's defaults) and measured on the held-out roles:
    a difference of similarities instead of a ratio, and a logistic model over pair features
    (``pair_features``), whose dev figures are also given out of fold (four folds of dev roles)."""
    import itertools

    def rows(half: str, sources: tuple[str, ...] | None) -> list[Scored]:
        return [s for s in scored if s.trial.half == half and (sources is None or s.trial.source in sources)]

    dev = rows("dev", TUNED_ON)
    defaults = metrics(scored, half="dev", sources=TUNED_ON, **shipped_options())
    floors = (min_precision, defaults.precision)
    print(f"\nRL314's defaults on the dev roles ({', '.join(TUNED_ON)}): {defaults.describe()}")
    tried = []
    grid = itertools.product(GRID_SIMILARITY, GRID_DIFFERENCE, GRID_DISTINCT, GRID_MARGIN, GRID_CONCEPTS)
    for min_similarity, difference, min_distinct, margin, min_concepts in grid:
        options = dict(
            min_similarity=min_similarity,
            difference=difference,
            min_distinct=min_distinct,
            margin=margin,
            min_concepts=min_concepts,
        )
        tried.append((options, rule_metrics(dev, [flagged_by_difference(s, **options) for s in dev])))
    for floor in floors:
        passing = [t for t in tried if t[1].precision >= floor]
        if not passing:
            print(f"\ndifference rule: no setting reaches precision {floor:.3f} on the dev roles")
            continue
        options, m = max(passing, key=lambda t: (t[1].recall, t[1].precision))
        print(
            f"\ndifference rule, best on the dev roles at precision >= {floor:.3f}: {options}\n  dev : {m.describe()}"
        )
        for label, subset in ADVERT_SETS:
            test = rows("test", subset)
            print(
                f"  test {label:15}: {rule_metrics(test, [flagged_by_difference(s, **options) for s in test]).describe()}"
            )
    w = fit_pair_model(dev)
    print(f"\nlogistic pair model fitted on the dev roles (weights {[round(float(v), 3) for v in w]}):")
    fold = {s.trial.true_role: hashlib.sha256(("fold" + s.trial.true_role).encode()).digest()[0] % 4 for s in dev}
    out_of_fold: list[tuple[float, str | None]] = [(-math.inf, None)] * len(dev)
    for k in range(4):
        wk = fit_pair_model([s for s in dev if fold[s.trial.true_role] != k])
        for i, s in enumerate(dev):
            if fold[s.trial.true_role] == k:
                out_of_fold[i] = pair_model_verdict(s, wk)
    for floor in floors:
        found = _best_threshold(dev, [pair_model_verdict(s, w) for s in dev], floor)
        cv = _best_threshold(dev, out_of_fold, floor)
        if found is None:
            print(f"  no threshold reaches precision {floor:.3f} on the dev roles")
            continue
        threshold, m = found
        print(f"  at dev precision >= {floor:.3f}, threshold {threshold:.3f}\n  dev : {m.describe()}")
        print(f"  dev out of fold: {cv[1].describe() if cv else 'no threshold reaches it'}")
        for label, subset in ADVERT_SETS:
            test = rows("test", subset)
            verdicts = [pair_model_verdict(s, w) for s in test]
            m = rule_metrics(test, [role if score >= threshold else None for score, role in verdicts])
            print(f"  test {label:15}: {m.describe()}")


def context_vectors(roles: dict[str, DdatRole], all_trials: list[Trial]) -> None:
    """How often spaCy's small pipeline's context vectors (``doc.vector``: it has no static word vectors)
    put a blurred duty of the dev roles nearer its true role's centroid than the claimed role's, and how
    often the TF-IDF profiles do (chance: 0.5)."""
    import numpy as np
    import spacy

    from rolelint.nlp.pipeline import default_model

    model = default_model()
    nlp = spacy.load(model, exclude=["parser", "ner", "lemmatizer", "attribute_ruler", "tagger", "senter"])
    texts = sorted({t.text for t in all_trials} | {x for role in roles.values() for x in role.texts if x})
    unit = {}
    for doc in nlp.pipe(texts, batch_size=256):
        norm = np.linalg.norm(doc.vector)
        unit[doc.text] = doc.vector / norm if norm else doc.vector
    centroid = {}
    for name, role in roles.items():
        mean = np.mean([unit[x] for x in role.texts if x], axis=0)
        centroid[name] = mean / np.linalg.norm(mean)
    profiles = RoleProfiles({name: role.texts for name, role in roles.items()})
    print(f"\ncontext vectors of {model} (vector table {nlp.vocab.vectors.shape}):")
    for sources in (("written", "corpus"), ("frameworks",)):
        blurred = [t for t in all_trials if t.half == "dev" and t.source in sources and t.blurred]
        by_vectors = sum(unit[t.text] @ centroid[t.true_role] > unit[t.text] @ centroid[t.claimed] for t in blurred)
        by_words = 0
        for t in blurred:
            score = {r.role: r.score for r in profiles.resemblances(t.text)}
            by_words += score.get(t.true_role, 0.0) > score.get(t.claimed, 0.0)
        print(
            f"  dev {'+'.join(sources)}: true role nearer than the claimed one in {by_vectors / len(blurred):.2f} "
            f"of {len(blurred)} blurred claims by context vectors, {by_words / len(blurred):.2f} by TF-IDF profiles"
        )


def word_vectors(roles: dict[str, DdatRole], scored: list[Scored], model: str) -> None:
    """What a spaCy pipeline's static word vectors (``model``: a package name or a model folder, e.g.
    en_core_web_md's) would add: load time and speed; how often a blurred duty's vector (idf-weighted
    mean of its words' unit vectors) is nearer its true role's centroid than the claimed role's; and
    RL314's defaults with a vector veto (a finding kept only when the named role's centroid is nearer
    than the claimed role's by at least delta), on trade-specific advert duties of the dev roles."""
    import numpy as np
    import spacy

    from rolelint.profession.background import background
    from rolelint.profession.text import terms

    started = time.perf_counter()
    nlp = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "senter", "ner", "attribute_ruler", "lemmatizer"])
    loaded = time.perf_counter() - started
    n, df = background()

    def idf(word: str) -> float:
        stems = terms(word)
        return math.log((n + 1) / (df.get(stems[0], 0) + 1)) + 1 if stems else 0.0

    texts = sorted({s.trial.text for s in scored} | {x for role in roles.values() for x in role.texts if x})
    started, words, unit = time.perf_counter(), 0, {}
    for doc in nlp.pipe(texts, batch_size=256):
        total = np.zeros(nlp.vocab.vectors.shape[1], dtype=np.float32)
        for token in doc:
            words += 1
            if token.is_stop or token.is_punct or not token.has_vector or not token.vector_norm:
                continue
            total += idf(token.text) * token.vector / token.vector_norm
        norm = np.linalg.norm(total)
        unit[doc.text] = total / norm if norm else total
    elapsed = time.perf_counter() - started
    print(
        f"\nword vectors of {model} {nlp.vocab.vectors.shape}: loaded in {loaded:.1f}s, {words / elapsed:,.0f} words/s"
    )

    def centroid(name: str, leave: str | None = None):
        mean = np.mean([unit[x] for x in roles[name].texts if x and normalise(x) != leave], axis=0)
        return mean / np.linalg.norm(mean)

    centroids = {name: centroid(name) for name in roles}

    def near(t: Trial, name: str) -> float:
        c = centroid(name, normalise(t.text)) if name == t.true_role else centroids[name]
        return float(unit[t.text] @ c)

    for half in ("dev", "test"):
        for sources in (("written", "corpus"), ("frameworks",), ("ddat",)):
            blurred = [
                s.trial for s in scored if s.trial.half == half and s.trial.source in sources and s.trial.blurred
            ]
            right = sum(near(t, t.true_role) > near(t, t.claimed) for t in blurred)
            print(f"  {half} {'+'.join(sources)}: true role nearer in {right / len(blurred):.2f} of {len(blurred)}")
    rows = [
        s for s in scored if s.trial.half == "dev" and s.trial.source in ADVERT_DUTIES and s.trial.trade is not None
    ]
    options = shipped_options()
    for delta in (None, -0.05, -0.02, 0.0, 0.02, 0.05):
        named = []
        for s in rows:
            role, _ = s.flagged(**options)
            if role is not None and delta is not None and near(s.trial, role) - near(s.trial, s.trial.claimed) < delta:
                role = None
            named.append(role)
        tp = sum(1 for s, r in zip(rows, named) if r is not None and s.trial.positive(trade_only=True))
        flagged = sum(1 for r in named if r is not None)
        positives = sum(1 for s in rows if s.trial.positive(trade_only=True))
        print(
            f"  dev trade-specific advert duties, veto {delta}: precision {tp / max(flagged, 1):.3f} recall {tp / positives:.3f}"
        )


def by_family(roles: dict[str, DdatRole], scored: list[Scored], options: dict) -> None:
    """The held-out figures of each DDaT family (by the family of a duty's true role): DDaT duties,
    advert duties (written and GDS) and other publishers' (GitLab and Skylight)."""
    print("\nadverts, held-out roles by family (defaults):")
    for family in sorted({role.family for role in roles.values()}):
        rows = [s for s in scored if roles[s.trial.true_role].family == family]
        held = sorted({s.trial.true_role for s in rows if s.trial.half == "test"})
        print(f"  {family} ({len(held)} held-out roles)")
        for label, subset in (
            ("ddat", ("ddat",)),
            ("written+corpus", ("written", "corpus")),
            ("other publishers", ("frameworks", "skylight")),
        ):
            m = metrics(rows, half="test", sources=subset, **options)
            if m.trials:
                print(f"    {label:16}: {m.describe()}")


def labelled(roles_csv: Path) -> tuple[dict[str, DdatRole], list[Trial]]:
    """The DDaT roles (with vocabulary) and every trial of the three labelled sets."""
    roles = with_vocabulary(load_roles(roles_csv))
    corpus = roles_csv.parents[2]
    extra = {
        "written": written_duties(),
        "corpus": corpus_duties(corpus),
        "frameworks": corpus_duties(corpus, FRAMEWORK_REFERENCES),
        "skylight": [(text, role) for _, text, role in sentence_references(corpus)],
    }
    labels = trade_labels(corpus)
    return roles, [replace(t, trade=labels.get((t.source, t.text, t.true_role))) for t in trials(roles, extra=extra)]


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
    return {
        "source": "DDaT capability framework, official CSV export (Open Government Licence v3.0): "
        "number of roles whose texts use each stem or stem pair",
        "roles": len(roles),
        "df": kept,
    }


def write_background(roles_csv: Path) -> None:
    import json

    from rolelint.profession.background import DATA

    table = build_background(roles_csv)
    DATA.write_text(json.dumps(table, indent=0, sort_keys=True), encoding="utf-8")
    print(f"wrote {len(table['df'])} terms over {table['roles']} roles to {DATA}")


TUNED_ON = ("ddat", "written", "corpus")  # the sets whose dev roles' duties the options may be tuned on
ADVERT_SETS = (
    ("ddat", ("ddat",)),
    ("written", ("written",)),
    ("corpus", ("corpus",)),
    ("frameworks", ("frameworks",)),
    ("written+corpus", ("written", "corpus")),
    ("advert duties", ("written", "corpus", "frameworks")),
    ("skylight", ("skylight",)),
    ("all but skylight", ("ddat", "written", "corpus", "frameworks")),
)
ADVERT_DUTIES = ("written", "corpus", "frameworks")
TRADE_SETS = (
    ("written", ("written",)),
    ("corpus", ("corpus",)),
    ("written+corpus", ("written", "corpus")),
    ("frameworks", ("frameworks",)),
    ("advert duties", ("written", "corpus", "frameworks")),
    ("skylight", ("skylight",)),
)


def main(argv: list[str]) -> int:
    positional = [a for a in argv if not a.startswith("--")]
    if "-h" in argv or "--help" in argv or not positional:
        print(__doc__)
        return 0 if "-h" in argv or "--help" in argv else 2
    if argv and argv[0] == "--write-background":
        write_background(Path(argv[1]))
        return 0
    dev_only = "--dev-only" in argv  # while changing the model: no figure of the held-out roles
    roles_csv = Path(positional[0])
    roles, all_trials = labelled(roles_csv)
    started = time.perf_counter()
    scored = score(roles, all_trials, use_shared="--no-shared" not in argv)
    elapsed = time.perf_counter() - started
    from rolelint.profession.checks.rl314_role_blurring import DEFINITION_RATIO

    halves = {h: sorted(n for n in roles if role_half(n) == h) for h in ("dev", "test")}
    sources = ("ddat", "written", "corpus", "frameworks", "skylight")
    counts = {src: sum(1 for t in all_trials if t.source == src and not t.blurred) for src in sources}
    print(
        f"{len(roles)} roles ({len(halves['dev'])} dev, {len(halves['test'])} held out); duties: "
        + ", ".join(f"{n} {src}" for src, n in counts.items())
        + f"; {len(all_trials)} trials scored in {elapsed:.1f}s"
    )
    options = shipped_options()
    measured = ("dev",) if dev_only else ("dev", "test")
    print(f"\nadverts (RL314 defaults: {options}):")
    for label, subset in ADVERT_SETS:
        for half in measured:
            m = metrics(scored, half=half, sources=subset, **options)
            print(f"  {label:15} {half:4}: {m.describe()}")
    if not dev_only:
        by_family(roles, scored, options)
    print(
        "\nadverts, trade-specific duties (a blurred claim of a generic duty counts as a correct claim; "
        "benchmarks/data/blurring_trade.csv):"
    )
    for label, subset in TRADE_SETS:
        for half in measured:
            m = metrics(scored, half=half, sources=subset, trade_only=True, **options)
            print(f"  {label:15} {half:4}: {m.describe()}")
    if not dev_only:
        label_agreement(roles_csv.parents[2])
        labels = second_labels(roles_csv.parents[2])
        print(
            "\nadverts, by the second labeller's three-way labels (trade / shared / another role's; a duty of "
            "another role's work is blurred in its own role's advert too, and flagging it there is right only "
            "when the finding names that role):"
        )
        for label, subset in (
            ("corpus", ("corpus",)),
            ("frameworks", ("frameworks",)),
            ("skylight", ("skylight",)),
            ("all three", ("corpus", "frameworks", "skylight")),
        ):
            for half in measured:
                m = three_way_metrics(scored, labels, half=half, sources=subset, **options)
                print(f"  {label:15} {half:4}: {m.describe()}")
        print("\nthe same without the vocabulary's concept rule (words alone):")
        for label, subset in (("ddat", ("ddat",)), ("advert duties", ("written", "corpus", "frameworks"))):
            m = metrics(scored, half="test", sources=subset, concepts=False, **options)
            print(f"  {label:15} test: {m.describe()}")
    for label, subset in (("ddat+written+corpus", TUNED_ON), ("written+corpus", ("written", "corpus"))):
        tuned, m = tune(scored, sources=subset)
        print(f"\nbest on the dev roles ({label}) at precision >= 0.9: {tuned}\n  dev : {m.describe()}")
        for test_label, test_sources in () if dev_only else ADVERT_SETS:
            print(f"  test {test_label:15}: {metrics(scored, half='test', sources=test_sources, **tuned).describe()}")
    word_options = {k: options[k] for k in ("min_similarity", "ratio", "min_distinct")}
    definitions = score(roles, [t for t in all_trials if t.source == "ddat"], as_advert=False)
    print(f"\nrole definitions (definition_ratio={DEFINITION_RATIO:g}, DDaT duties):")
    for half in measured:
        m = metrics(definitions, half=half, definition_ratio=DEFINITION_RATIO, sources=("ddat",), **word_options)
        print(
            f"  {half}: {m.describe()}; {m.overlaps} correct claims flagged towards a role with the same duty "
            "word for word"
        )
    definition_ratio, m = tune_definition_ratio(definitions, **word_options)
    print(f"best definition_ratio on the dev roles with no false positive: {definition_ratio:g} -> {m.describe()}")
    if "--fit-pair-model" in argv:
        fit_shipped_pair_model(scored, second_labels(roles_csv.parents[2]))
        pair_model_by_family(roles, scored, second_labels(roles_csv.parents[2]))
    if "--decision-rules" in argv and not dev_only:
        decision_rules(scored)
    if "--context-vectors" in argv:
        context_vectors(roles, all_trials)
    if "--word-vectors" in argv:
        word_vectors(roles, scored, argv[argv.index("--word-vectors") + 1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
