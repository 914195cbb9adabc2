"""Rule packs: load and validate rule files, run the rules over documents, and test their examples."""

from __future__ import annotations

import re
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
        return hash((self.code, str(self.source_path)))

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
    import json

    import jsonschema

    schema = json.loads((schemas_dir() / "rule.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


# --- loading --------------------------------------------------------------------------------


def rule_files(directory: Path) -> list[Path]:
    directory = Path(directory)
    if directory.is_file():
        return [directory]
    if not directory.is_dir():
        raise RulePackError(f"{directory}: rule pack directory not found")
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_rules(dirs: Iterable[Path]) -> dict[str, Rule]:
    """Every rule in ``dirs`` (files or directories, searched recursively), validated and compiled."""
    rules: dict[str, Rule] = {}
    for directory in dirs:
        for path in rule_files(Path(directory)):
            rule = load_rule_file(path)
            if rule.code in rules:
                raise RulePackError(
                    f"{path}: rule {rule.code}: code already defined in {rules[rule.code].source_path}; "
                    "every rule needs its own code"
                )
            rules[rule.code] = rule
    return rules


def load_rule_file(path: Path) -> Rule:
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
    errors = sorted(_rule_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
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
) -> dict[str, list[Finding]]:
    """Run ``rules`` over ``documents``: path -> findings sorted by position.

    spaCy is imported only when a rule needs it; all spans that need tagging go through one
    ``nlp.pipe`` call, and the parser runs afterwards only on spans a parse rule looks at.
    """
    options = options or {}
    resolved = {rule.code: resolve_options(rule, options.get(rule.code)) for rule in rules}
    plan: list[tuple[Document, list[SpanInput], list[tuple[Rule, list[int]]]]] = []
    span_needs: dict[tuple[int, int], set[str]] = {}
    for d, document in enumerate(documents):
        inputs = [SpanInput.of(span) for span in document.spans]
        work = []
        for rule in rules:
            if not document_in_scope(rule, document):
                continue
            chosen = [s for s, span in enumerate(document.spans) if span_in_scope(rule, span)]
            work.append((rule, chosen))
            if rule.needs:
                for s in chosen:
                    span_needs.setdefault((d, s), set()).update(rule.needs)
        plan.append((document, inputs, work))
    if span_needs:
        _annotate(plan, span_needs, model)
    nlp = _pipeline_for(span_needs, model)
    if nlp is not None:
        for name, module in KINDS.items():
            if hasattr(module, "prepare"):
                module.prepare([rule for rule in rules if rule.kind == name], nlp)
    results: dict[str, list[Finding]] = {}
    for document, inputs, work in plan:
        findings: set[Finding] = set()
        for rule, chosen in work:
            target = DocumentInput(document, tuple(inputs[s] for s in chosen))
            findings.update(KINDS[rule.kind].run(rule, rule.compiled, target, resolved[rule.code], nlp))
        results.setdefault(document.path, []).extend(sorted(findings, key=lambda f: (f.start, f.end, f.code, f.message)))
    return results


def _pipeline_for(span_needs: dict, model: str | None):
    if not span_needs:
        return None
    from rolelint.nlp import load_pipeline

    return load_pipeline(set().union(*span_needs.values()), model)


def _annotate(plan, span_needs: dict[tuple[int, int], set[str]], model: str | None) -> None:
    """Give each span that a rule needs NLP for its spaCy Doc (replacing the SpanInput in place)."""
    nlp = _pipeline_for(span_needs, model)
    tagged = [key for key, needs in span_needs.items() if needs & TAGGED_NEEDS]
    plain = [key for key, needs in span_needs.items() if not needs & TAGGED_NEEDS]
    docs: dict[tuple[int, int], Any] = {}
    texts = [plan[d][1][s].text for d, s in tagged]
    disable = ["parser"] if "parser" in nlp.pipe_names else []
    for key, doc in zip(tagged, nlp.pipe(texts, disable=disable, batch_size=256)):
        docs[key] = doc
    sentencizer = nlp.get_pipe("sentencizer") if "sentencizer" in nlp.pipe_names else None
    for d, s in plain:
        doc = nlp.make_doc(plan[d][1][s].text)
        if sentencizer is not None and "sents" in span_needs[(d, s)]:
            doc = sentencizer(doc)
        docs[(d, s)] = doc
    parsed = [key for key in tagged if "dep" in span_needs[key]]
    if parsed:
        parser = nlp.get_pipe("parser")
        for key, doc in zip(parsed, parser.pipe([docs[k] for k in parsed], batch_size=256)):
            docs[key] = doc
    for (d, s), doc in docs.items():
        inputs = plan[d][1]
        inputs[s] = SpanInput(inputs[s].span, inputs[s].text, inputs[s].index, doc)


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
