"""Running text rules over documents: scope, one batched pass through spaCy, then each rule.

spaCy is imported only when a rule needs it. Spans are tokenized first; a rule that needs tags runs
only on the spans holding one of its trigger words (rolelint.nlp.triggers), only those spans are
tagged (rolelint.nlp.windows), and only those a parse rule looks at are parsed. What this works out
per pipeline (trigger masks, shared matchers) is kept in the pipeline's state (rolelint.nlp.state).
"""

from __future__ import annotations

import re
from collections.abc import Set
from functools import lru_cache
from typing import Any, Iterable

from rolelint.checks import DocumentInput, SpanInput
from rolelint.diagnostics import Finding
from rolelint.documents import Document
from rolelint.rulemodel import KINDS, TAGGED_NEEDS, Rule, resolve_options


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


DEFAULT_LANGUAGES = ("en",)


def rule_languages(rule: Rule) -> frozenset[str] | None:
    """The languages a rule reads (`scope.languages`, default English), or None for any language."""
    languages = rule.scope.get("languages") or DEFAULT_LANGUAGES
    return None if "any" in languages else frozenset(languages)


def in_language(rule: Rule, document: Document, chosen: list[int]) -> list[int] | None:
    """Of the spans ``chosen`` for ``rule``, those in a language it reads; None when the document has
    no span in one (the rule skips the document, document-level checks included)."""
    languages = rule_languages(rule)
    if languages is None:
        return chosen
    from rolelint.language import document_languages

    found = document_languages(document)
    if all(code in languages for code, _ in found.words):
        return chosen  # the whole document is in the rule's languages (or has no words)
    if not any(code in languages for code, _ in found.words):
        return None
    return [s for s in chosen if found.spans[s] in languages]


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
    runs only on the spans holding one of its trigger words (``rolelint.nlp.triggers``), only
    those spans are tagged, in batches bounded by their number of tokens, and only those a parse
    rule looks at are parsed. Each document's Docs are let go once its rules have run.
    ``narrow=False`` tags every span a tagging rule looks at (the tests compare the two).
    """
    options = options or {}
    resolved = {rule.code: resolve_options(rule, options.get(rule.code)) for rule in rules}
    plan, nlp = _plan(documents, rules, model, narrow)
    targets = _targets(plan)
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
        if document.front_matter:
            findings = without_front_matter_copies(findings)
        results.setdefault(document.path, []).extend(
            sorted(findings, key=lambda f: (f.start, f.end, f.code, f.message))
        )
        plan[position] = targets[position] = None  # its Docs are no longer needed
    return results


def without_front_matter_copies(findings: set[Finding]) -> set[Finding]:
    """``findings`` less those in a front-matter field whose words the same rule also finds in the
    body: a site's `title` or `description` repeats the body's heading or opening sentence, and the
    body's finding is the one to act on ("Frontend developer (f/m)" in both)."""
    in_body = {(f.code, f.context.lower()) for f in findings if f.field is None and f.context}
    if not in_body:
        return findings
    return {f for f in findings if f.field is None or not f.context or (f.code, f.context.lower()) not in in_body}


def annotated_targets(
    documents: list[Document], rules: list[Rule], *, model: str | None = None, pipeline_needs: Iterable[str] = ()
) -> list[dict[str, DocumentInput]]:
    """What each rule would be given for each document, without running it: per document, rule code
    -> the document and its spans in the rule's scope, with the spaCy Docs the rule needs (tagged
    only where its trigger words are, as ``run_rules`` tags them). For callers that measure a
    document the way the rules measure it (rolelint.summary). ``pipeline_needs`` widens the pipeline
    asked for, so that a caller can reuse the one its lint runs loaded rather than load another."""
    plan, _ = _plan(documents, rules, model, True, set(pipeline_needs))
    return [
        {rule.code: target for (rule, _), target in zip(work, targets)}
        for (_, _, work), targets in zip(plan, _targets(plan))
    ]


def _plan(documents: list[Document], rules: list[Rule], model: str | None, narrow: bool, extra: Set[str] = frozenset()):
    """Per document, its SpanInputs and each rule in scope with the spans it looks at; the spans
    that need NLP annotated (``_annotate``). Returns the plan and the pipeline (None without NLP)."""
    plan: list[tuple[Document, list[SpanInput], list[tuple[Rule, list[int]]]] | None] = []
    any_nlp = False
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
            chosen = in_language(rule, document, sorted(s for numbers in picked for s in numbers))
            if chosen is None:
                continue
            work.append((rule, chosen))
            any_nlp = any_nlp or bool(rule.needs and chosen)
        plan.append((document, inputs, work))
    nlp = None
    if any_nlp:
        nlp = prepare_rules(rules, model=model, extra_needs=extra)
        _annotate(plan, nlp, narrow, rules)
    return plan, nlp


def _targets(plan) -> list[list[DocumentInput]]:
    return [
        [DocumentInput(document, tuple(inputs[s] for s in chosen)) for _, chosen in work]
        for document, inputs, work in plan
    ]


def prepare_rules(rules: list[Rule], *, model: str | None = None, extra_needs: Iterable[str] = ()):
    """Load what ``run_rules`` with these rules uses on any documents, before it sees one: the
    pipeline their needs call for, each kind's shared matchers, the tagging rules' trigger masks and
    the memos of lemma candidates and token attributes. Returns the pipeline (None when no rule
    needs spaCy). ``run_rules`` calls it itself; a --jobs parent calls it before forking workers,
    which then share all of it.

    The pipeline is chosen from every rule's needs, not only those of the rules that find spans in
    a batch of documents, so that every batch of a run uses one pipeline and one set of memos.
    ``extra_needs`` widens it (rolelint.summary asks for the pipeline of the run it follows)."""
    wanted = frozenset().union(*(rule.needs for rule in rules))
    if wanted:
        wanted |= frozenset(extra_needs)
    if not wanted:
        return None
    from rolelint.nlp import load_pipeline
    from rolelint.nlp.state import state_of

    nlp = load_pipeline(set(wanted), model)
    for name, module in KINDS.items():
        if hasattr(module, "prepare"):
            _prepare(name, module, [rule for rule in rules if rule.kind == name], nlp)
    _trigger_masks(nlp, [rule for rule in rules if rule.needs & TAGGED_NEEDS], True)
    state_of(nlp).token_attributes  # noqa: B018 - made now, so that forked workers share it
    return nlp


def _prepare(kind: str, module, rules: list[Rule], nlp) -> None:
    """A kind's ``prepare`` (building its shared matchers), once per pipeline and set of rules: the
    engine calls ``run_rules`` once per chunk of files, with the same ones."""
    from rolelint.nlp.state import state_of

    state_of(nlp).memo(("prepared", kind, tuple(rules)), lambda: module.prepare(rules, nlp) or True)


def rule_triggers(rule: Rule, nlp):
    """The rule's ``Triggers`` when its kind can tell them (None: it may fire on any span)."""
    module = KINDS[rule.kind]
    return module.triggers(rule, rule.compiled, nlp) if hasattr(module, "triggers") else None


def _annotate(plan, nlp, narrow: bool = True, rules: list[Rule] | None = None) -> None:
    """Give the spans the rules need NLP for their spaCy Doc (replacing the SpanInputs in place).

    Every such span is tokenized (and split into sentences when the pipeline has a sentencizer).
    A tagging rule with triggers keeps only the spans where it can match, and says which tokens it
    can match on; only those tokens are tagged (see ``_tag``). Rules without triggers, and parse
    rules, have their whole spans tagged; parse rules' spans are then parsed. A parse rule that
    reads the parse only at some matches (``_defers_parse``) is tagged in windows first, and its
    spans tagged whole and parsed only where such a match is."""
    from rolelint.nlp.sentences import split_sentences
    from rolelint.nlp.state import annotation_memo
    from rolelint.nlp.triggers import union
    from rolelint.nlp.windows import tag_windows, token_batches

    # Every tagging rule of the run, in scope of these documents or not: the same masks (and their
    # memos) for every batch of a run.
    if rules is None:
        rules = list(dict.fromkeys(r for _, _, work in plan for r, _ in work))
    # Which rules look at each span: with the span's text, what its annotation depends on.
    lookers: dict[tuple[int, int], list[str]] = {}
    for d, (_, _inputs, work) in enumerate(plan):
        for rule, chosen in work:
            if rule.needs:
                for s in chosen:
                    lookers.setdefault((d, s), []).append(rule.code)
    memo = annotation_memo(nlp, (narrow, tuple(rules)))
    recalled: dict[tuple[int, int], tuple[Any, frozenset]] = {}  # span -> (Doc, codes of the rules that kept it)
    if memo is not None:
        for (d, s), codes in lookers.items():
            found = memo.get(_memo_key(plan[d][1][s], codes))
            if found is not None:
                recalled[(d, s)] = found
    # A span of the same text, section and rules as an earlier one (boilerplate repeated across a
    # folder's adverts) shares its Doc: annotated once, read by both.
    firsts: dict[tuple, tuple[int, int]] = {}
    twins: dict[tuple[int, int], tuple[int, int]] = {}  # span -> the first span of its key
    docs: dict[tuple[int, int], Any] = {}
    for (d, s), codes in lookers.items():
        if (d, s) in recalled:
            continue
        first = firsts.setdefault(_memo_key(plan[d][1][s], codes), (d, s))
        if first != (d, s):
            twins[(d, s)] = first
        else:
            docs[(d, s)] = nlp.make_doc(plan[d][1][s].text)
    if "sentencizer" in nlp.pipe_names:
        split_sentences(nlp, ((doc, plan[d][1][s].text) for (d, s), doc in docs.items()))
    tagging = [rule for rule in rules if rule.needs & TAGGED_NEEDS]
    triggers, masks = _trigger_masks(nlp, tagging, narrow)
    token_masks: dict[tuple[int, int], tuple[list[int], int]] = {}
    ranges: dict[tuple[int, int], list[tuple[int, int]]] = {}
    kept_by: dict[tuple[int, int], set[str]] = {}
    parse: set[tuple[int, int]] = set()
    deferred: dict[tuple[int, int], list[Rule]] = {}  # spans parsed only where the rules' matches need it
    needless: set[tuple[int, int]] = set()  # spans a rule kept but did not need annotated
    for d, (document, inputs, work) in enumerate(plan):
        for number, (rule, chosen) in enumerate(work):
            if not rule.needs & TAGGED_NEEDS:
                continue
            if rule in triggers:
                keep = []
                windowed = masks.windowed(rule)
                for s in chosen:
                    if (d, s) in recalled:
                        if rule.code in recalled[(d, s)][1]:
                            keep.append(s)
                        continue
                    if (d, s) in twins:  # its first span came earlier in this loop
                        if rule.code in kept_by.get(twins[(d, s)], ()):
                            keep.append(s)
                        continue
                    doc = docs[(d, s)]
                    if (d, s) not in token_masks:
                        each = masks.token_masks(doc)
                        token_masks[(d, s)] = (each, union(set(each)))
                    each, whole = token_masks[(d, s)]
                    if not windowed and not masks.can_fire(rule, whole):
                        continue  # no way to fire it here
                    found = masks.ranges(rule, doc, each, whole, inputs[s].text, inputs[s].span.section)
                    if found:
                        keep.append(s)
                        kept_by.setdefault((d, s), set()).add(rule.code)
                        ranges.setdefault((d, s), []).extend(found)
                module = KINDS[rule.kind]
                if keep and hasattr(module, "needless"):
                    if module.needless(rule, rule.compiled, document, [inputs[s] for s in keep]):
                        # it finds nothing here whatever the tags: not annotated for it (kept_by still
                        # says what its triggers kept, for a twin in another document)
                        needless.update((d, s) for s in keep)
                        keep = []
                work[number] = (rule, keep)
                chosen = keep
            if rule in triggers and _defers_parse(rule):
                # tagged in windows like the others; parsed after tagging, where a match needs it
                for s in chosen:
                    if (d, s) not in recalled:
                        deferred.setdefault(twins.get((d, s), (d, s)), []).append(rule)
            elif rule not in triggers or rule.needs & {"dep", "ner"}:
                # the parser and the entity recogniser read whole sentences: no windows for them
                for s in chosen:
                    if (d, s) in recalled:
                        continue
                    first = twins.get((d, s), (d, s))  # a twin's Doc is its first span's
                    ranges.setdefault(first, []).append((0, len(docs[first])))
                    if "dep" in rule.needs:
                        parse.add(first)
    tag_windows(nlp, [(docs[key], ranges[key]) for key in sorted(ranges)])
    wanted = _parse_wanted(plan, docs, {key: rules for key, rules in deferred.items() if key not in parse}, nlp)
    if wanted:  # tagged again, whole: the parser reads the whole Doc's tok2vec output
        tag_windows(nlp, [(docs[key], [(0, len(docs[key]))]) for key in wanted])
        parse.update(wanted)
    if parse:
        parser = nlp.get_pipe("parser")
        for batch in token_batches([docs[key] for key in sorted(parse)]):
            for _ in parser.pipe(batch, batch_size=len(batch)):
                pass
    empty = None
    for key in ranges:
        doc = docs[key]
        if doc.tensor is not None and doc.tensor.size:
            empty = doc.tensor[:0] if empty is None else empty
            doc.tensor = empty  # the tok2vec output: most of a tagged Doc's memory, and no rule reads it
    if memo is not None:
        for (d, s), doc in docs.items():
            if (d, s) in needless:
                continue  # not annotated for every rule its triggers kept it for
            memo.put(_memo_key(plan[d][1][s], lookers[(d, s)]), (doc, frozenset(kept_by.get((d, s), ()))))
    for (d, s), (doc, _) in recalled.items():
        docs[(d, s)] = doc
    for twin, first in twins.items():
        docs[twin] = docs[first]
    for (d, s), doc in docs.items():
        inputs = plan[d][1]
        inputs[s] = inputs[s].replace_doc(doc)


def _defers_parse(rule: Rule) -> bool:
    """Whether ``rule`` reads the parse only at some of its matches, which its kind can tell from
    the tags (``defers_parse``, ``parse_wanted``): its spans are then tagged in windows like other
    rules' and parsed only where it asks."""
    module = KINDS[rule.kind]
    return (
        "dep" in rule.needs
        and "ner" not in rule.needs
        and hasattr(module, "defers_parse")
        and module.defers_parse(rule, rule.compiled)
    )


def _parse_wanted(plan, docs, deferred: dict[tuple[int, int], list[Rule]], nlp) -> list[tuple[int, int]]:
    """The spans of ``deferred`` (span -> the rules that read its parse at some matches) where one
    of those rules asks for the parse, its Doc being tagged (in windows). What a rule kept on such a
    Doc while asking is dropped, since the Doc is tagged again whole."""
    wanted = []
    for (d, s), rules in deferred.items():
        doc = docs[(d, s)]
        item = plan[d][1][s].replace_doc(doc)
        kept = set(doc.user_data)
        if any(KINDS[rule.kind].parse_wanted(rule, rule.compiled, item, nlp) for rule in rules):
            for key in set(doc.user_data) - kept:
                del doc.user_data[key]
            wanted.append((d, s))
    return wanted


def _memo_key(item, codes: list[str]) -> tuple:
    """What a span's annotation, and which rules' triggers keep it, depend on: its text, its section
    (an alternative of a rule's triggers may hold in some sections only) and the rules looking at it."""
    return (item.text, item.span.section, tuple(codes))


def _trigger_masks(nlp, tagging: list[Rule], narrow: bool):
    """The tagging rules' triggers, and the ``TriggerMasks`` that read them, kept per pipeline and
    set of rules: their memos of each word's mask and lemma candidates then last the whole run,
    where the engine calls ``run_rules`` once per chunk of files."""
    from rolelint.nlp.state import state_of
    from rolelint.nlp.triggers import TriggerMasks

    state = state_of(nlp)

    def make():
        triggers = {rule: found for rule in tagging if narrow and (found := rule_triggers(rule, nlp)) is not None}
        return triggers, TriggerMasks(state.lemma_candidates, triggers)

    return state.memo(("trigger-masks", narrow, tuple(tagging)), make)
