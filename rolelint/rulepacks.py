"""Rule packs: load and validate rule files, run the rules over documents, and test their examples."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

import rolelint
from rolelint.checks import DocumentInput, SpanInput, template_problem
from rolelint.checks import metric as metric_kind
from rolelint.checks import named as named_kind
from rolelint.checks import pattern as pattern_kind
from rolelint.checks import phrase as phrase_kind
from rolelint.checks import regex as regex_kind
from rolelint.diagnostics import Finding, Severity
from rolelint.documents import Document

KINDS = {
    "phrase": phrase_kind,
    "pattern": pattern_kind,
    "regex": regex_kind,
    "metric": metric_kind,
    "check": named_kind,
}
OPTION_TYPES = {
    "integer": (int,),
    "number": (int, float),
    "string": (str,),
    "boolean": (bool,),
    "list": (list, tuple),
    "mapping": (dict,),
}
TAGGED_NEEDS = {"lemma", "pos", "dep", "ner"}

# libyaml's safe loader when PyYAML was built with it: rule packs load ~8x faster, which is most of
# a single-file cold start. Both build plain data only.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RulePackError(Exception):
    """A rule pack (or a user's option for a rule) is invalid; the message names file, rule and key."""


@dataclass(frozen=True)
class RuleOption:
    name: str
    type: str
    default: Any
    description: str
    choices: tuple | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    enabled: bool
    kind: str
    scope: dict
    message: str
    suggestion: str | None
    fixable: bool
    spec: dict
    options: dict[str, RuleOption]
    docs: dict
    examples: dict
    source_path: Path
    aliases: tuple[str, ...] = ()
    compiled: Any = field(default=None, compare=False, repr=False)

    def __hash__(self) -> int:
        return hash(self.code)  # codes are unique in a run; rules are dictionary keys on hot paths

    @property
    def needs(self) -> frozenset[str]:
        """NLP needs of this rule (empty: no spaCy)."""
        return frozenset(KINDS[self.kind].needs(self, self.compiled))


@dataclass(frozen=True)
class CaseResult:
    """The outcome of one example of a rule: ``expect`` is "fail" (must fire) or "pass" (must not)."""

    code: str
    name: str
    expect: str
    text: str
    passed: bool
    findings: tuple[Finding, ...]
    source_path: Path
    section: str | None = None

    def describe(self) -> str:
        """One line for `rolelint rules test`: where the case lives and what went wrong."""
        text = " ".join(self.text.split())
        text = text if len(text) <= 80 else text[:77] + "..."
        where = f" (section {self.section})" if self.section else ""
        return f"{self.source_path}: {self.detail}{where}: {text!r}"

    @property
    def detail(self) -> str:
        if self.passed:
            return "ok"
        if self.expect == "fail":
            return f"{self.code} should fire on this example but did not"
        found = "; ".join(f"{f.message} [{f.context}]" for f in self.findings)
        return f"{self.code} should not fire on this example but did: {found}"


# --- locating packs and schemas -------------------------------------------------------------


def _package_or_top(name: str) -> Path:
    package_dir = Path(rolelint.__file__).resolve().parent
    inside = package_dir / name
    return inside if inside.is_dir() else package_dir.parent / name


def builtin_rules_dir() -> Path:
    """The shipped rules: inside the package in a wheel, at the repository top in a checkout."""
    return _package_or_top("rules")


def schemas_dir() -> Path:
    return _package_or_top("schemas")


@lru_cache(maxsize=1)
def _rule_validator():
    import jsonschema

    from rolelint.resources import load_schema

    return jsonschema.Draft202012Validator(load_schema("rule"))


# --- loading --------------------------------------------------------------------------------


def rule_files(directory: Path) -> list[Path]:
    directory = Path(directory)
    if directory.is_file():
        return [directory]
    if not directory.is_dir():
        raise RulePackError(f"{directory}: rule pack directory not found")
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_rules(dirs: Iterable[Path], *, trusted: Iterable[Path] = ()) -> dict[str, Rule]:
    """Every rule in ``dirs`` (files or directories, searched recursively), validated and compiled.

    Rules under ``trusted`` (the shipped rules, which the test suite validates) skip the JSON Schema
    check, so that a run need not import jsonschema: most of a cold start's cost beyond spaCy."""
    rules: dict[str, Rule] = {}
    trusted = {Path(t).resolve() for t in trusted}
    for directory in dirs:
        validate = Path(directory).resolve() not in trusted
        for path in rule_files(Path(directory)):
            rule = load_rule_file(path, validate=validate)
            if rule.code in rules:
                raise RulePackError(
                    f"{path}: rule {rule.code}: code already defined in {rules[rule.code].source_path}; "
                    "every rule needs its own code"
                )
            rules[rule.code] = rule
    return rules


def load_rule_file(path: Path, *, validate: bool = True) -> Rule:
    try:
        loader = _SAFE_LOADER(path.read_text(encoding="utf-8"))
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"{path}: cannot read rule file ({exc})") from None
    except yaml.YAMLError as exc:
        raise RulePackError(f"{path}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RulePackError(f"{path}: a rule file must be a mapping with `code`, `name`, `kind` ...")
    label = f"{path}: rule {data.get('code', '?')}"
    errors = sorted(_rule_validator().iter_errors(data), key=lambda e: list(e.absolute_path)) if validate else []
    if errors:
        error = errors[0]
        key = ".".join(str(p) for p in error.absolute_path) or "(top level)"
        more = f" (and {len(errors) - 1} more error(s))" if len(errors) > 1 else ""
        raise RulePackError(f"{label}: key `{key}`: {_short(error.message)}{more}")
    if not path.name.startswith(data["code"]):
        raise RulePackError(f"{label}: the file name must start with the rule code ({data['code']}-{data['name']}.yaml)")
    options = {}
    for name, raw in (data.get("options") or {}).items():
        option = RuleOption(name, raw["type"], raw["default"], raw["description"], tuple(raw["choices"]) if "choices" in raw else None)
        problem = _option_problem(option, option.default)
        if problem:
            raise RulePackError(f"{label}: key `options.{name}.default`: {problem}")
        options[name] = option
    for key in ("message", "suggestion"):
        problem = template_problem(data[key]) if isinstance(data.get(key), str) else None
        if problem:
            raise RulePackError(f"{label}: key `{key}`: {problem}")
    kind = data["kind"]
    rule = Rule(
        code=data["code"],
        name=data["name"],
        severity=Severity.parse(data["severity"]),
        enabled=data.get("enabled", True),
        kind=kind,
        scope=dict(data.get("scope") or {}),
        message=data["message"],
        suggestion=data.get("suggestion"),
        fixable=data.get("fixable", False),
        spec=data[kind],
        options=options,
        docs=data["docs"],
        examples=data["examples"],
        source_path=path,
        aliases=tuple(data.get("aliases", ())),
    )
    try:
        compiled = KINDS[kind].compile(rule)
    except ValueError as exc:
        raise RulePackError(f"{label}: key `{kind}`: {exc}") from None
    object.__setattr__(rule, "compiled", compiled)
    return rule


def _short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[:limit] + " ..."


# --- options --------------------------------------------------------------------------------


def _option_problem(option: RuleOption, value: Any) -> str | None:
    types = OPTION_TYPES[option.type]
    if isinstance(value, bool) and bool not in types:
        return f"should be {option.type}, got {value!r}"
    if not isinstance(value, types):
        return f"should be {option.type}, got {value!r}"
    if option.choices is not None:
        values = value if isinstance(value, (list, tuple)) else [value]
        bad = [v for v in values if v not in option.choices]
        if bad:
            return f"{bad[0]!r} is not accepted; choose from {', '.join(map(str, option.choices))}"
    return None


def resolve_options(rule: Rule, given: dict | None) -> dict[str, Any]:
    """The rule's declared defaults, overridden by ``given``; raises RulePackError on a bad key or value."""
    values = {name: option.default for name, option in rule.options.items()}
    for key, value in (given or {}).items():
        option = rule.options.get(key)
        if option is None:
            accepted = ", ".join(sorted(rule.options)) or "none"
            raise RulePackError(f"invalid config: rule {rule.code} ({rule.name}) has no option {key!r}; accepted options: {accepted}")
        problem = _option_problem(option, value)
        if problem:
            raise RulePackError(f"invalid config: option {key!r} of rule {rule.code} ({rule.name}) {problem}")
        values[key] = value
    return values


# --- scope ----------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _field_regex(glob: str) -> re.Pattern:
    out = []
    position = 0
    while position < len(glob):
        if glob.startswith("[]", position):
            out.append(r"\[\d+\]")
            position += 2
        elif glob.startswith("**", position):
            out.append(".*")
            position += 2
        elif glob[position] == "*":
            out.append(r"[^.\[]*")
            position += 1
        else:
            out.append(re.escape(glob[position]))
            position += 1
    return re.compile("".join(out))


def _field_matches(field_path: str | None, globs: Iterable[str]) -> bool:
    return field_path is not None and any(_field_regex(g).fullmatch(field_path) for g in globs)


def document_in_scope(rule: Rule, document: Document) -> bool:
    kinds = rule.scope.get("kinds")
    if kinds and document.kind not in kinds:
        return False
    formats = rule.scope.get("formats")
    return not formats or document.format in formats


def span_in_scope(rule: Rule, span) -> bool:
    """Sections and fields, when both are given, are alternatives: a span in either is in scope."""
    scope = rule.scope
    blocks = scope.get("blocks")
    if blocks and span.block not in blocks:
        return False
    if span.section in scope.get("exclude_sections", ()):
        return False
    if _field_matches(span.field, scope.get("exclude_fields", ())):
        return False
    sections, fields = scope.get("sections"), scope.get("fields")
    if not sections and not fields:
        return True
    return bool(sections and span.section in sections) or bool(fields and _field_matches(span.field, fields))


# --- running --------------------------------------------------------------------------------


def run_rules(
    documents: list[Document],
    rules: list[Rule],
    options: dict[str, dict] | None = None,
    *,
    model: str | None = None,
    narrow: bool = True,
) -> dict[str, list[Finding]]:
    """Run ``rules`` over ``documents``: path -> findings sorted by position.

    spaCy is imported only when a rule needs it. Spans are tokenized first; a rule that needs tags
    runs only on the spans holding one of its trigger words (``rolelint.checks.triggers``), only
    those spans are tagged, in batches bounded by their number of tokens, and only those a parse
    rule looks at are parsed. Each document's Docs are let go once its rules have run.
    ``narrow=False`` tags every span a tagging rule looks at (the tests compare the two).
    """
    options = options or {}
    resolved = {rule.code: resolve_options(rule, options.get(rule.code)) for rule in rules}
    plan: list[tuple[Document, list[SpanInput], list[tuple[Rule, list[int]]]] | None] = []
    wanted: set[str] = set()
    in_scope: dict[tuple, bool] = {}  # a span's scope depends only on its block, section and field
    for document in documents:
        inputs = [SpanInput.of(span) for span in document.spans]
        places: dict[tuple, list[int]] = {}  # spans by (block, section, field), in order
        for s, span in enumerate(document.spans):
            places.setdefault((span.block, span.section, span.field), []).append(s)
        firsts = [(place, document.spans[numbers[0]], numbers) for place, numbers in places.items()]
        work = []
        for rule in rules:
            if not document_in_scope(rule, document):
                continue
            picked = []
            for place, span, numbers in firsts:
                key = (rule.code, place)
                found = in_scope.get(key)
                if found is None:
                    found = in_scope[key] = span_in_scope(rule, span)
                if found:
                    picked.append(numbers)
            chosen = sorted(s for numbers in picked for s in numbers)
            work.append((rule, chosen))
            if rule.needs and chosen:
                wanted |= rule.needs
        plan.append((document, inputs, work))
    nlp = None
    if wanted:
        from rolelint.nlp import load_pipeline

        nlp = load_pipeline(wanted, model)
        for name, module in KINDS.items():
            if hasattr(module, "prepare"):
                _prepare(name, module, [rule for rule in rules if rule.kind == name], nlp)
        _annotate(plan, nlp, narrow)
    targets = [[DocumentInput(document, tuple(inputs[s] for s in chosen)) for _, chosen in work]
               for document, inputs, work in plan]
    for rule in rules:
        module = KINDS[rule.kind]
        if hasattr(module, "prefetch"):  # work a check does once for the run, in batches
            mine = [targets[d][n] for d, (_, _, work) in enumerate(plan) for n, (r, _) in enumerate(work) if r is rule]
            if mine:
                module.prefetch(rule, rule.compiled, mine, resolved[rule.code], nlp)
    results: dict[str, list[Finding]] = {}
    for position, entry in enumerate(plan):
        document, inputs, work = entry
        findings: set[Finding] = set()
        for (rule, _), target in zip(work, targets[position]):
            findings.update(KINDS[rule.kind].run(rule, rule.compiled, target, resolved[rule.code], nlp))
        results.setdefault(document.path, []).extend(sorted(findings, key=lambda f: (f.start, f.end, f.code, f.message)))
        plan[position] = targets[position] = None  # its Docs are no longer needed
    return results


_PREPARED: dict[str, tuple] = {}


def _prepare(kind: str, module, rules: list[Rule], nlp) -> None:
    """A kind's ``prepare`` (building its shared matchers), skipped when its last call had the same
    rules and pipeline: the engine calls ``run_rules`` once per chunk of files, with the same ones."""
    last = _PREPARED.get(kind)
    if last is not None and last[0]() is nlp and last[1] == [id(rule) for rule in rules]:
        return
    module.prepare(rules, nlp)
    _PREPARED[kind] = (weakref.ref(nlp), [id(rule) for rule in rules], rules)  # the rules kept alive with their ids


# Tokens per tagging batch. spaCy's memory while tagging grows with the tokens in flight (about
# 15 kB a token), and a batch counted in texts (spaCy's own batch_size) can hold any number of
# them; a few thousand tokens keep the matrix products efficient.
BATCH_TOKENS = 4000


def _token_batches(docs: list, limit: int = BATCH_TOKENS):
    batch, size = [], 0
    for doc in docs:
        if batch and size + len(doc) > limit:
            yield batch
            batch, size = [], 0
        batch.append(doc)
        size += len(doc)
    if batch:
        yield batch


def rule_triggers(rule: Rule, nlp):
    """The rule's ``Triggers`` when its kind can tell them (None: it may fire on any span)."""
    module = KINDS[rule.kind]
    return module.triggers(rule, rule.compiled, nlp) if hasattr(module, "triggers") else None


def _annotate(plan, nlp, narrow: bool = True) -> None:
    """Give the spans the rules need NLP for their spaCy Doc (replacing the SpanInputs in place).

    Every such span is tokenized (and split into sentences when the pipeline has a sentencizer).
    A tagging rule with triggers keeps only the spans where it can match, and says which tokens it
    can match on; only those tokens are tagged (see ``_tag``). Rules without triggers, and parse
    rules, have their whole spans tagged; parse rules' spans are then parsed."""
    from rolelint.checks.triggers import union

    docs: dict[tuple[int, int], Any] = {}
    for d, (_, inputs, work) in enumerate(plan):
        for rule, chosen in work:
            if rule.needs:
                for s in chosen:
                    if (d, s) not in docs:
                        docs[(d, s)] = nlp.make_doc(inputs[s].text)
    if "sentencizer" in nlp.pipe_names:
        sentencizer = nlp.get_pipe("sentencizer")
        for doc in docs.values():
            sentencizer(doc)
    tagging = [rule for rule in dict.fromkeys(r for _, _, work in plan for r, _ in work) if rule.needs & TAGGED_NEEDS]
    triggers, masks = _trigger_masks(nlp, tagging, narrow)
    token_masks: dict[tuple[int, int], tuple[list[int], int]] = {}
    ranges: dict[tuple[int, int], list[tuple[int, int]]] = {}
    parse: set[tuple[int, int]] = set()
    for d, (_, inputs, work) in enumerate(plan):
        for number, (rule, chosen) in enumerate(work):
            if not rule.needs & TAGGED_NEEDS:
                continue
            if rule in triggers:
                keep = []
                any_of, windowed = masks.any_of(rule), masks.windowed(rule)
                for s in chosen:
                    doc = docs[(d, s)]
                    if (d, s) not in token_masks:
                        each = masks.token_masks(doc)
                        token_masks[(d, s)] = (each, union(each))
                    each, whole = token_masks[(d, s)]
                    found = masks.ranges(rule, doc, each, whole, inputs[s].text) if whole & any_of or windowed else []
                    if found:
                        keep.append(s)
                        ranges.setdefault((d, s), []).extend(found)
                work[number] = (rule, keep)
                chosen = keep
            if rule not in triggers or rule.needs & {"dep", "ner"}:
                # the parser and the entity recogniser read whole sentences: no windows for them
                for s in chosen:
                    ranges.setdefault((d, s), []).append((0, len(docs[(d, s)])))
                    if "dep" in rule.needs:
                        parse.add((d, s))
    _tag(nlp, [(docs[key], ranges[key]) for key in sorted(ranges)])
    if parse:
        parser = nlp.get_pipe("parser")
        for batch in _token_batches([docs[key] for key in sorted(parse)]):
            for _ in parser.pipe(batch, batch_size=len(batch)):
                pass
    empty = None
    for key in ranges:
        doc = docs[key]
        if doc.tensor is not None and doc.tensor.size:
            empty = doc.tensor[:0] if empty is None else empty
            doc.tensor = empty  # the tok2vec output: most of a tagged Doc's memory, and no rule reads it
    for (d, s), doc in docs.items():
        inputs = plan[d][1]
        inputs[s] = SpanInput(inputs[s].span, inputs[s].text, inputs[s].index, doc)


_MASKS: "weakref.WeakKeyDictionary[Any, dict[tuple, tuple[dict, Any]]]" = weakref.WeakKeyDictionary()


def _trigger_masks(nlp, tagging: list[Rule], narrow: bool):
    """The tagging rules' triggers, and the ``TriggerMasks`` that read them, kept per pipeline and
    set of rules: their memos of each word's mask and lemma candidates then last the whole run,
    where the engine calls ``run_rules`` once per chunk of files."""
    from rolelint.checks.triggers import TriggerMasks
    from rolelint.nlp import LemmaCandidates

    kept = _MASKS.setdefault(nlp, {})
    key = (narrow, *(id(rule) for rule in tagging))
    if key not in kept:
        if len(kept) > 16:
            kept.clear()
        triggers = {rule: found for rule in tagging if narrow and (found := rule_triggers(rule, nlp)) is not None}
        candidates = _per_pipeline(_LEMMA_CANDIDATES, nlp, LemmaCandidates)
        kept[key] = (triggers, TriggerMasks(candidates, triggers), list(tagging))  # the rules kept alive with their ids
    triggers, masks, _ = kept[key]
    return triggers, masks


_LEMMA_CANDIDATES: "weakref.WeakKeyDictionary[Any, Any]" = weakref.WeakKeyDictionary()


def _per_pipeline(memo: "weakref.WeakKeyDictionary[Any, Any]", nlp, make):
    """``make(nlp)``, made once per pipeline and kept in ``memo``."""
    if nlp not in memo:
        memo[nlp] = make(nlp)
    return memo[nlp]


# Share of a span's tokens above which it is tagged whole rather than in windows.
WHOLE_SHARE = 0.6


def _tag(nlp, wanted: list[tuple[Any, list[tuple[int, int]]]]) -> None:
    """Tag each Doc on the token ranges given for it: exactly as tagging the whole Doc would.

    A token's tag depends only on the tokens within the tagger's reach of it (the receptive field
    of tok2vec's window encoder), and its part of speech and lemma also on its neighbours' tags
    (the attribute ruler's two-token patterns). So a window widened by that margin on each side,
    tagged as a Doc of its own, gives its inner tokens the tags, parts of speech, morphology and
    lemmas the whole Doc would; those are copied back. Spans mostly covered are tagged whole, as is
    everything when the model's reach cannot be read from its config."""
    from spacy.attrs import LEMMA, MORPH, POS, TAG

    from rolelint.checks.triggers import merge

    attributes = _token_attributes(nlp)
    # With the attribute ruler's one-token patterns read from the memo, a token's attributes depend
    # on its own tag alone; a piece where a longer pattern matches is done again as a whole Doc.
    margin = tagging_margin(nlp, attribute_ruler=not attributes.usable)
    skip_whole = [name for name in ("sentencizer", "parser") if name in nlp.pipe_names]
    skip = skip_whole + (["attribute_ruler", "lemmatizer"] if attributes.usable else [])
    whole, windows = [], []
    for doc, found in wanted:
        merged = merge(found)
        covered = sum(end - start for start, end in merged)
        if margin is None or covered >= WHOLE_SHARE * len(doc) or any(end - start == len(doc) for start, end in merged):
            whole.append(doc)
            continue
        widened = merge([(max(0, start - margin), min(len(doc), end + margin)) for start, end in merged])
        windows.append((doc, merged, widened))
        doc.user_data["rolelint.windows"] = merged  # the only tokens given tags
    pieces = [_piece(doc, widened) for doc, _, widened in windows]
    for batch in _token_batches(whole + pieces):
        for _ in nlp.pipe(batch, disable=skip, batch_size=len(batch)):
            pass
    if attributes.usable:
        for doc in whole:
            attributes.annotate(doc)
    attrs = [TAG, POS, MORPH, LEMMA]
    again = []
    for piece, (doc, merged, widened) in zip(pieces, windows):
        if attributes.usable and attributes.longer_match(piece):
            again.append(doc)
            continue
        values = doc.to_array(attrs)
        copies = []  # (range in doc, start in piece)
        offset = 0
        for start, end in widened:
            for inner_start, inner_end in merged:
                a, b = max(start, inner_start), min(end, inner_end)
                if a < b:
                    copies.append((a, b, offset + a - start))
            offset += end - start
        if attributes.usable:
            tagged = attributes.apply(piece, [(at, at + b - a) for a, b, at in copies], write=False)
        else:
            tagged = piece.to_array(attrs)
        for a, b, at in copies:
            values[a:b] = tagged[at:at + b - a]
        doc.from_array(attrs, values)
    for doc in again:
        del doc.user_data["rolelint.windows"]
        for _ in nlp.pipe([doc], disable=skip_whole):
            pass


_ATTRIBUTES: "weakref.WeakKeyDictionary[Any, Any]" = weakref.WeakKeyDictionary()


def _token_attributes(nlp):
    from rolelint.tagging import TokenAttributes

    return _per_pipeline(_ATTRIBUTES, nlp, TokenAttributes)


def _piece(doc, widened: list[tuple[int, int]]):
    """One Doc of ``doc``'s widened windows end to end. Each window's inner tokens are a margin
    away from its ends, so what sits beyond an end (the next window, or the Doc's real edge, which
    a window touching it keeps) is out of their reach. Tokens keep their norms (set by tokenizer
    exceptions, and read by tok2vec) and the space after them."""
    import numpy
    from spacy.attrs import NORM, ORTH, SPACY
    from spacy.tokens import Doc

    rows = doc.to_array([ORTH, SPACY, NORM])
    rows = rows[numpy.concatenate([numpy.arange(start, end) for start, end in widened])]
    strings = doc.vocab.strings
    piece = Doc(doc.vocab, words=[strings[orth] for orth in rows[:, 0].tolist()], spaces=[bool(s) for s in rows[:, 1].tolist()])
    piece.from_array([NORM], rows[:, 2])
    return piece


_MARGINS: "weakref.WeakKeyDictionary[Any, dict[bool, int | None]]" = weakref.WeakKeyDictionary()


def tagging_margin(nlp, *, attribute_ruler: bool = True) -> int | None:
    """Tokens on each side of a token that its tags depend on, from the model's config: tok2vec's
    window encoder reaches ``depth * window_size`` tokens, and the attribute ruler's patterns as
    many more as they are long, less one. None when the pipeline is not built that way (then spans
    are tagged whole). Memoised per pipeline: spaCy builds ``nlp.config`` afresh on each access."""
    found = _MARGINS.setdefault(nlp, {})
    if attribute_ruler not in found:
        found[attribute_ruler] = _margin(nlp, attribute_ruler)
    return found[attribute_ruler]


def _margin(nlp, attribute_ruler: bool) -> int | None:
    try:
        components = nlp.config["components"]
        encode = components["tok2vec"]["model"]["encode"]
        listener = components["tagger"]["model"]["tok2vec"]["@architectures"]
        if not str(encode["@architectures"]).startswith("spacy.MaxoutWindowEncoder") or "Tok2VecListener" not in listener:
            return None
        reach = int(encode["depth"]) * int(encode["window_size"])
    except (KeyError, TypeError, ValueError):
        return None
    if attribute_ruler and "attribute_ruler" in nlp.pipe_names:
        lengths = [len(pattern) for entry in nlp.get_pipe("attribute_ruler").patterns for pattern in entry["patterns"]]
        reach += max(lengths, default=1) - 1
    return reach


# --- rule examples --------------------------------------------------------------------------


def _case_fields(rule: Rule, case) -> dict:
    if isinstance(case, str):
        case = {"text": case}
    kinds = rule.scope.get("kinds") or ["advert"]
    formats = rule.scope.get("formats") or ["markdown"]
    return {
        "text": case["text"],
        "kind": case.get("kind", kinds[0]),
        "fmt": case.get("format", formats[0]),
        "section": case.get("section"),
        "options": case.get("options") or {},
    }


def case_document(text: str, *, kind: str = "advert", fmt: str = "markdown", section: str | None = None,
                  name: str = "<example>") -> Document:
    """A Document from a rule example's text, through the real loaders."""
    from rolelint.loaders import document_from_string

    return document_from_string(text, kind=kind, fmt=fmt, section=section, path=name)


def rules_test(
    dirs: Iterable[Path] | None = None,
    *,
    codes: Iterable[str] | None = None,
    model: str | None = None,
    rules: dict[str, Rule] | None = None,
) -> list[CaseResult]:
    """Run every rule's ``examples``: each ``fail`` case must fire the rule, each ``pass`` case must not."""
    if rules is None:
        rules = load_rules(list(dirs) if dirs else [builtin_rules_dir()])
    wanted = set(codes) if codes else None
    results: list[CaseResult] = []
    for code in sorted(rules):
        if wanted is not None and code not in wanted:
            continue
        rule = rules[code]
        cases = [("fail", case) for case in rule.examples["fail"]] + [("pass", case) for case in rule.examples["pass"]]
        for expect, case in cases:
            fields = _case_fields(rule, case)
            document = case_document(fields["text"], kind=fields["kind"], fmt=fields["fmt"], section=fields["section"],
                                     name=f"{rule.source_path.name}#{expect}")
            found = run_rules([document], [rule], {rule.code: fields["options"]}, model=model).get(document.path, [])
            found = tuple(f for f in found if f.code == rule.code)
            passed = bool(found) if expect == "fail" else not found
            results.append(CaseResult(rule.code, rule.name, expect, fields["text"], passed, found, rule.source_path, fields["section"]))
    return results
