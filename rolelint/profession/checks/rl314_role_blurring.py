"""RL314: a responsibility that belongs to another role more than to the one that claims it.

The model (rolelint.profession.similarity) is TF-IDF over stemmed words and word pairs, one profile
per role (its own texts, its skill names and the profession vocabulary of its kind of role), weighted
by a shipped table so that a verdict depends only on the statement, its role and the role it is said
to resemble. An advert's duty also blurs when it names `min_concepts` vocabulary terms of another
role's kind that its own role's kind and words lack, or when neither rule makes a finding but the
pair model (a logistic model over the same facts about the duty and the two roles,
``similarity.PAIR_WEIGHTS``) scores some other role at least `min_score`. Precision and recall are
measured on labelled duties held out by role by benchmarks/blurring.py, and the defaults below are
the ones tuned there.

An advert's duty is judged with `ratio`. A role definition's own responsibility needs more: its
author put it there on purpose, and a word-based resemblance is weak evidence against that. So
unless the other role has the same duty written word for word (or nearly: `similarity.lifted`), an
overlap that is a fact rather than a judgement, the other role must resemble it `definition_ratio`
times more than its own role does.
"""

from __future__ import annotations

from typing import Iterator

from rolelint.profession.advert_text import duty_spans
from rolelint.profession.base import RuleOption, declared
from rolelint.profession.context import CheckContext, Report
from rolelint.profession.features import role_profiles
from rolelint.profession.model import Role
from rolelint.profession.similarity import (
    CONCEPT_MARGIN,
    MIN_CONCEPTS,
    PAIR_THRESHOLD,
    BlurVerdict,
    by_concepts,
    by_pair_model,
    duty_texts,
    judge,
    lifted,
    own_trade,
    role_statements,
    without_people,
)
from rolelint.profession.text import normalise, tokens
from rolelint.profession.vocabulary import (
    as_written,
    concepts_in,
    every_term,
    not_shared,
    phrases,
    role_terms,
    sequence,
    set_aside,
    shared_terms,
)

CODE = "RL314"
MIN_SIMILARITY = 0.1
RATIO = 2.5
MIN_DISTINCT = 2
DEFINITION_RATIO = 6.0
MIN_SCORE = PAIR_THRESHOLD


class Scopes:
    """The roles a statement of a role is compared with: its framework's, and those of any framework
    that has a role in the same family (product and delivery roles often live in separate frameworks).
    One frozen set per (framework, family), shared by every role that has them."""

    def __init__(self, ctx: CheckContext):
        self.ctx = ctx
        self.by_family: dict[str, set] = {}
        for role in ctx.index.roles.values():
            if role.family:
                self.by_family.setdefault(role.family, set()).add(role.key)
        self.made: dict[tuple[str, str | None], frozenset] = {}

    def of(self, role: Role) -> frozenset:
        key = (role.framework, role.family)
        if key not in self.made:
            keys = {r.key for r in self.ctx.index.roles_of(role.framework)}
            if role.family:
                keys |= self.by_family.get(role.family, set())
            self.made[key] = frozenset(keys)
        return self.made[key]


def matched_words(text: str, distinct: tuple[str, ...], shared: tuple[str, ...]) -> list[str]:
    wanted = list(distinct) + [part for term in shared for part in term.split() if part not in distinct]
    words: list[str] = []
    found = tokens(text)
    for term in wanted:
        for token in found:
            if token.term == term and token.text.lower() not in (w.lower() for w in words):
                words.append(token.text)
                break
    return words[:5]


def _message(
    ctx: CheckContext, claimed: Role, verdict, text: str, *, copied: bool = False, named: tuple[str, ...] = ()
) -> str:
    """The finding's message. ``named``: for a finding made by words, the terms of the other role's
    profession vocabulary that the duty names (``other_terms``), said after the words."""
    other = ctx.index.roles[verdict.other.role]
    head = (
        f"reads like a duty of {other.title} (`{other.id}`, similarity {verdict.other.score:.2f}) more than of "
        f"{claimed.title} ({verdict.own:.2f})"
    )
    trade = f"the work of a {other.title.lower()} (profession vocabulary)"
    if verdict.concepts:
        terms = ", ".join(f"'{as_written(text, t)}'" for t in outermost(text, verdict.concepts)[:5])
        return f"{head}; names {terms}, {trade}"
    words = ", ".join(f"'{w}'" for w in matched_words(text, verdict.distinct, verdict.other.shared))
    terms = ", ".join(f"'{as_written(text, t)}'" for t in named[:5])
    return (
        head
        + (f"; matched {words}" if words else "")
        + (f"; names {terms}, {trade}" if terms else "")
        + (f"; {other.display} has the same duty word for word" if copied else "")
    )


def other_terms(model, vocabularies: Vocabularies, text: str, claimed_key, other_key) -> tuple[str, ...]:
    """The terms of the other role's profession vocabulary that an advert's duty names and the claimed
    role's kind and words lack (as ``by_concepts`` counts them): what a finding made by words names."""
    mine = {sequence(term) for term in concepts_in(text, vocabularies(claimed_key))}
    theirs = {phrase: term for phrase, term in vocabularies(other_key).items() if phrase not in mine}
    return outermost(text, concepts_in(text, theirs, model.counts.get(claimed_key, {})))


def outermost(text: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The terms a message shows: "RAID log", not "RAID" and "RAID log" (a term inside a longer one
    the duty names is left out), in the order the duty names them. The message only: the verdict
    weighs every term."""
    stems = {term: sequence(term) for term in terms}

    def inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
        return len(short) < len(long) and any(
            long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1)
        )

    kept = [t for t in terms if not any(inside(stems[t], other) for other in stems.values())]
    return tuple(sorted(kept, key=lambda t: text.lower().find(as_written(text, t).lower())))


class Vocabularies:
    """Each role's profession vocabulary as stem phrases (rolelint.profession.vocabulary), made once."""

    def __init__(self, ctx: CheckContext):
        self.ctx = ctx
        self.made: dict = {}

    def __call__(self, key) -> dict:
        if key is None:  # every kind of role's together (the shipped vocabulary and every framework's own)
            if None not in self.made:
                self.made[None] = every_term(self.ctx.index.frameworks.values())
            return self.made[None]
        if key not in self.made:
            role = self.ctx.index.roles[key]
            framework = self.ctx.index.frameworks.get(role.framework)
            self.made[key] = phrases(role_terms(role.id, role.title, framework.vocabulary if framework else ()))
        return self.made[key]

    def shared(self, key) -> dict:
        """The stem phrases of the ``shared`` entries that apply to a role (practices of its whole family)."""
        if ("shared", key) not in self.made:
            role = self.ctx.index.roles[key]
            framework = self.ctx.index.frameworks.get(role.framework)
            own = framework.vocabulary if framework else ()
            self.made[("shared", key)] = phrases(shared_terms(role.id, role.title, own))
        return self.made[("shared", key)]


def names_own_trade(model, vocabularies: Vocabularies, text: str, claim, verdict) -> bool:
    """Does an advert's duty that reads like another role's by its words name the claimed role's own
    trade at least as strongly (``similarity.own_trade``)? Then it is not a finding."""
    mine = concepts_in(text, vocabularies(claim.role.key))
    mine_phrases = {sequence(term) for term in mine}  # by stems: two entries may spell one term differently
    other = vocabularies(verdict.other.role)
    theirs = {phrase: term for phrase, term in other.items() if phrase not in mine_phrases}
    # Terms both roles' kinds have count for neither (``vocabulary.not_shared``).
    return own_trade(not_shared(mine, other), concepts_in(text, theirs, model.counts.get(claim.role.key, {})))


def definition_finding(ctx: CheckContext, verdict, text: str, definition_ratio: float) -> tuple[bool, bool]:
    """(report it, the other role has it word for word) for a blurred responsibility of a role definition."""
    if not verdict.blurred:
        return False, False
    copied = lifted(text, duty_texts(ctx.index.roles[verdict.other.role]))
    return copied or verdict.other.score >= definition_ratio * verdict.own, copied


def check(ctx: CheckContext) -> Iterator[Report | None]:
    options = ctx.options[CODE]
    roles = list(ctx.target_roles())
    claims = [
        (entry, claim)
        for entry in ctx.target_entries("advert")
        if (claim := ctx.claim(entry)) is not None and claim.role is not None and entry.document is not None
    ]
    if not roles and not claims:
        return
    scopes = Scopes(ctx)
    # Profiles are weighted over every role, but only the roles some statement is compared with are indexed.
    needed = set().union(*(scopes.of(role) for role in roles), *(scopes.of(claim.role) for _, claim in claims))
    model = role_profiles(ctx.index, indexed=needed)
    for role in roles:
        among = scopes.of(role)
        if len(among) < 2:
            continue
        statements: dict[str, list[str]] = {}
        for statement in role_statements(role, ctx.index.frameworks.get(role.framework)):
            statements.setdefault(normalise(statement), []).append(statement)
        places = [(text, role.field(f"responsibilities[{i}]")) for i, text in enumerate(role.responsibilities)]
        for role_level in role.levels:
            places += [
                (text, f"{role_level.path}.responsibilities[{i}]") for i, text in enumerate(role_level.responsibilities)
            ]
        for text, path in places:
            copies = statements.get(normalise(text), [text])
            verdict = judge(
                model,
                text,
                role.key,
                own=role.key,
                leave_out=copies,
                among=among,
                min_similarity=options["min_similarity"],
                ratio=options["ratio"],
                min_distinct=options["min_distinct"],
            )
            report, copied = definition_finding(ctx, verdict, text, options["definition_ratio"])
            if report:
                yield ctx.at_field(CODE, role.display, path, _message(ctx, role, verdict, text, copied=copied))
    vocabularies = Vocabularies(ctx)
    for entry, claim in claims:
        among = scopes.of(claim.role)
        if len(among) < 2:
            continue
        for span in duty_spans(entry.document):
            # The people a duty is done with ("work with delivery managers") say nothing of whose work it
            # is, nor does work every role of the claimed role's family does ("code review" for a data
            # engineer): both are set aside before the duty is compared.
            text = set_aside(without_people(span.text), vocabularies.shared(claim.role.key), vocabularies(None))
            verdict = judge(
                model,
                text,
                claim.role.key,
                among=among,
                min_similarity=options["min_similarity"],
                ratio=options["ratio"],
                min_distinct=options["min_distinct"],
            )
            if (
                verdict.blurred
                and options["min_concepts"] > 0
                and names_own_trade(model, vocabularies, text, claim, verdict)
            ):
                verdict = BlurVerdict(False, verdict.own, None, ())
            if not verdict.blurred and options["min_concepts"] > 0:
                verdict = by_concepts(
                    model,
                    text,
                    claim.role.key,
                    vocabularies,
                    among=among,
                    margin=options["concept_margin"],
                    min_concepts=options["min_concepts"],
                )
            if not verdict.blurred and options["pair_model"]:
                verdict = by_pair_model(
                    model, text, claim.role.key, vocabularies, among=among, min_score=options["min_score"]
                )
            if verdict.blurred:
                start, end = _trimmed(span)
                yield ctx.at_offsets(
                    CODE,
                    entry.display,
                    start,
                    end,
                    _message(
                        ctx,
                        claim.role,
                        verdict,
                        span.text,
                        named=()
                        if verdict.concepts
                        else other_terms(model, vocabularies, text, claim.role.key, verdict.other.role),
                    ),
                    section="responsibilities",
                )


def _trimmed(span) -> tuple[int, int]:
    text = span.text
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return span.file_range(left, max(right, left))


RULE = declared(
    CODE,
    check=check,
    options={
        "min_similarity": RuleOption(
            "number",
            MIN_SIMILARITY,
            "Least similarity (cosine, 0-1) between a statement and the other role for a finding",
            minimum=0,
            maximum=1,
        ),
        "ratio": RuleOption(
            "number",
            RATIO,
            "How many times more the other role must resemble the statement than the claimed role does",
            minimum=1,
        ),
        "min_distinct": RuleOption(
            "integer", MIN_DISTINCT, "Least number of matched words that the claimed role never uses", minimum=0
        ),
        "definition_ratio": RuleOption(
            "number",
            DEFINITION_RATIO,
            "For a responsibility in a role definition that "
            "the other role does not have word for word: how many times more the other "
            "role must resemble it than its own role does",
            minimum=1,
        ),
        "min_concepts": RuleOption(
            "number",
            MIN_CONCEPTS,
            "For an advert's duty: how much weight of terms of another "
            "role's profession vocabulary (that the claimed role's kind and words lack; a term of two words "
            "or more, or a rare word, weighs 1, a common word 0.5) makes a finding on its own, when it "
            "also outweighs the terms of the claimed role's kind; 0 turns the vocabulary rules off",
            minimum=0,
        ),
        "pair_model": RuleOption(
            "boolean",
            True,
            "For an advert's duty: also report it when the pair model (a logistic model over both "
            "similarities, the distinct words and the weight of each role's vocabulary terms; "
            "rolelint.profession.similarity.PAIR_WEIGHTS) scores another role at least `min_score`",
        ),
        "min_score": RuleOption(
            "number",
            MIN_SCORE,
            "For the pair model: the least score (log-odds) that makes a finding; higher is stricter",
        ),
        "concept_margin": RuleOption(
            "number",
            CONCEPT_MARGIN,
            "For the vocabulary rule: how many times as much as the claimed role the other role must resemble the duty",
            minimum=0,
        ),
    },
    docs={
        "what": "A responsibility in a role definition or an advert reads more like a duty of another role of the "
        "framework (or of a role in the same family) than of the role it belongs to, by its words or by the "
        "practices, artefacts and methods it names (the profession vocabulary, which a framework can extend "
        "under `vocabulary:`), or, in an advert, by a small logistic model that weighs both similarities, the distinct words and "
        "each role's vocabulary terms together (`pair_model`). The finding names the role it resembles and the words or terms that matched; "
        "it depends only on the duty, its role and that other role, so edits elsewhere never move it. In a role definition, a responsibility that the other "
        "role has word for word is an overlap and is reported on the usual evidence; any other needs the "
        "stronger `definition_ratio`.",
        "why": "Adverts that describe another job attract the wrong candidates and set the person hired up to fail; "
        "role definitions that overlap leave teams arguing about who does what.",
        "example": "---\nrole: product-manager\n---\n## What you'll do\n- Run sprint ceremonies and remove blockers",
        "use_instead": "## What you'll do\n- Decide what the team builds next, using evidence from research and data",
        "references": [],
    },
)
