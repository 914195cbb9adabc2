"""Rule kind ``pattern``: spaCy ``Matcher`` token patterns, for wording that needs POS, lemma or
dependency context. The matcher is built lazily, so loading a pack never imports spaCy.

A rule pack's patterns are written by whoever can commit to the repo (docs/security.md), and one
Matcher call is C code that neither a time budget nor a signal interrupts. So a pack's rule is
refused at load when its patterns could cost too much on a window of tokens
(``rolelint.checks.patterncost``), is matched window by window (a match spans at most
MAX_MATCH_TOKENS tokens), and has a time budget per document (TIME_BUDGET CPU seconds), checked
between windows: once spent, the rule stops on that document with an RL013 finding naming it.
The built-in rules are trusted, and share one Matcher over whole spans.
"""

from __future__ import annotations

import re
import time
import weakref
from dataclasses import dataclass, field
from functools import cached_property

from rolelint.checks import lexical_ids, sentence_bounds, span_finding
from rolelint.checks.asked import DEMANDING, said_of_others
from rolelint.checks.negation import negated_in_words
from rolelint.checks.patterncost import MAX_MATCH_TOKENS, WINDOW_TOKENS, check_bounded, read_op
from rolelint.checks.regex import UnsafeRegex, check_linear, gave_up
from rolelint.nlp.triggers import Alternative, Requirement, Triggers, anchor_words, longest

TOKEN_KEYS = {
    "ORTH",
    "TEXT",
    "NORM",
    "LOWER",
    "LENGTH",
    "SHAPE",
    "PREFIX",
    "SUFFIX",
    "LEMMA",
    "POS",
    "TAG",
    "MORPH",
    "DEP",
    "ENT_TYPE",
    "ENT_IOB",
    "ENT_ID",
    "ENT_KB_ID",
    "SENT_START",
    "IS_SENT_START",
    "SPACY",
    "OP",
    "_",
    "IS_ALPHA",
    "IS_ASCII",
    "IS_DIGIT",
    "IS_LOWER",
    "IS_UPPER",
    "IS_TITLE",
    "IS_PUNCT",
    "IS_SPACE",
    "IS_STOP",
    "IS_BRACKET",
    "IS_QUOTE",
    "IS_LEFT_PUNCT",
    "IS_RIGHT_PUNCT",
    "IS_CURRENCY",
    "LIKE_NUM",
    "LIKE_URL",
    "LIKE_EMAIL",
}
NEED_OF_KEY = {
    "LEMMA": "lemma",
    "POS": "pos",
    "TAG": "pos",
    "MORPH": "pos",
    "DEP": "dep",
    "SENT_START": "sents",
    "IS_SENT_START": "sents",
    "ENT_TYPE": "ner",
    "ENT_IOB": "ner",
}
STRING_KEYS = {
    "ORTH",
    "TEXT",
    "NORM",
    "LOWER",
    "LEMMA",
    "POS",
    "TAG",
    "MORPH",
    "DEP",
    "SHAPE",
    "PREFIX",
    "SUFFIX",
    "ENT_TYPE",
}
PREDICATES = {
    "IN",
    "NOT_IN",
    "IS_SUBSET",
    "IS_SUPERSET",
    "INTERSECTS",
    "REGEX",
    "FUZZY",
    "==",
    "!=",
    ">=",
    "<=",
    ">",
    "<",
}


ALTERNATIVES = frozenset({"or", "and/or"})


@dataclass(frozen=True)
class TokenPattern:
    id: str
    tokens: tuple
    replacement: str | None = None
    fixable: bool | None = None
    skip_owned: bool = False  # drop a match whose words have a possessive ("our top-notch engineers")
    skip_negated: bool = False  # drop a match negated in its clause (rolelint.checks.negation)
    skip_alternative: bool = False  # drop a match offered as an alternative: "or" right before it
    skip_things: bool = False  # drop a match that the parse attaches to a noun naming no person
    skip_before: frozenset[str] = frozenset()  # drop a match right before one of these words ("... of X")
    skip_unasked: bool = False  # drop a match the parse says of the employer's people (rolelint.checks.asked)
    skip_label: bool = False  # drop a match in a label that opens its sentence and a colon ends ("X Benefits: ...")
    skip_members: bool = False  # drop a match the parse puts among a group's members ("a team of X")


TIME_BUDGET = 2.0  # CPU seconds a rule pack's pattern rule may spend on one document


@dataclass
class CompiledPatterns:
    patterns: tuple[TokenPattern, ...]
    needs: frozenset[str]
    bounded: bool = False  # a rule pack's: matched in windows, under TIME_BUDGET (see the module's docstring)
    one_per_sentence: bool = False  # report only the first match of a sentence: one rewrite fixes both
    _matchers: weakref.WeakKeyDictionary = field(default_factory=weakref.WeakKeyDictionary, repr=False)  # nlp ->

    @cached_property
    def reach(self) -> int | None:
        """The most tokens a match of these patterns can span (None: no bound)."""
        most = [longest(pattern.tokens) for pattern in self.patterns]
        return None if None in most else max(most, default=0)

    @cached_property
    def reads_parse(self) -> bool:
        """Some pattern matches on the dependency parse (DEP), not only checks a match with it."""
        return any(key.upper() == "DEP" for pattern in self.patterns for token in pattern.tokens for key in token)

    @cached_property
    def needed_words(self) -> frozenset[str] | None:
        """For patterns on words alone: one of these must be a token's lower-case text or norm for
        any pattern to match (None: some pattern needs no particular word, or reads lemmas)."""
        if "lemma" in self.needs:
            return None
        words: set[str] = set()
        for pattern in self.patterns:
            anchors = _anchors(pattern, lexical=True)
            if not anchors:
                return None
            words |= min(anchors, key=len)
        return frozenset(words)

    @cached_property
    def needed_ids(self) -> frozenset[int] | None:
        """``needed_words`` as string ids, to compare with ``lexical_ids`` of a Doc."""
        if self.needed_words is None:
            return None
        from spacy.strings import hash_string  # type: ignore[attr-defined]  # not in the stubs

        return frozenset(map(hash_string, self.needed_words))


def _anchors(pattern: TokenPattern, *, lexical: bool = False) -> list[frozenset[str]]:
    """For each token of ``pattern`` that requires one of a list of words, those words."""
    return [found for token in pattern.tokens if (found := anchor_words(token, lexical=lexical)) is not None]


def compile(rule) -> CompiledPatterns:
    from rolelint.checks import is_builtin

    strict = not is_builtin(rule)  # a pack's REGEX runs on Python's re in spaCy's Matcher: analysed strictly
    patterns = []
    wanted: set[str] = {"tokens"}
    # a list of patterns, or {patterns: [...], one_per_sentence: true}
    spec = rule.spec if isinstance(rule.spec, list) else rule.spec["patterns"]
    one_per_sentence = isinstance(rule.spec, dict) and bool(rule.spec.get("one_per_sentence", False))
    # a rule of demands: drop what the parse says of the employer's own people, on every pattern
    skip_unasked = isinstance(rule.spec, dict) and bool(rule.spec.get("skip_unasked", False))
    if one_per_sentence:
        wanted.add("sents")
    for number, raw in enumerate(spec):
        entry = raw if isinstance(raw, dict) else {"tokens": raw}
        where = f"pattern[{number}]"
        for position, token in enumerate(entry["tokens"]):
            for key, value in token.items():
                upper = key.upper()
                if upper not in TOKEN_KEYS:
                    raise ValueError(f"{where}[{position}]: unknown token attribute {key!r}")
                if upper == "OP":
                    read_op(value, f"{where}[{position}]")
                    continue
                wanted.add(NEED_OF_KEY.get(upper, "tokens"))
                _check_value(value, f"{where}[{position}].{key}", strings=upper in STRING_KEYS, strict=strict)
        unasked = skip_unasked or bool(entry.get("skip_unasked", False))
        if entry.get("skip_owned") or entry.get("skip_things") or unasked or entry.get("skip_members"):
            wanted.add("dep")
        if entry.get("skip_negated"):
            wanted.add("sents")  # negation is read in the match's sentence (rolelint.checks.negation)
        if entry.get("skip_label"):
            wanted.add("sents")  # a label opens its sentence
        patterns.append(
            TokenPattern(
                entry.get("id", f"p{number}"),
                tuple(entry["tokens"]),
                entry.get("replacement"),
                entry.get("fixable"),
                bool(entry.get("skip_owned", False)),
                bool(entry.get("skip_negated", False)),
                bool(entry.get("skip_alternative", False)),
                bool(entry.get("skip_things", False)),
                frozenset(str(word).lower() for word in entry.get("skip_before", ())),
                unasked,
                bool(entry.get("skip_label", False)),
                bool(entry.get("skip_members", False)),
            )
        )
    if strict:
        check_bounded([(f"pattern[{number}]", list(pattern.tokens)) for number, pattern in enumerate(patterns)])
    return CompiledPatterns(tuple(patterns), frozenset(wanted), bounded=strict, one_per_sentence=one_per_sentence)


def _check_value(value, where: str, *, strings: bool, strict: bool = False) -> None:
    if not isinstance(value, dict):
        if strings and not isinstance(value, str):
            raise ValueError(f'{where}: expected a string, got {value!r} (quote words such as "on" or "no" in YAML)')
        return
    for predicate, argument in value.items():
        if strings and predicate in ("IN", "NOT_IN"):
            bad = [a for a in argument if not isinstance(a, str)] if isinstance(argument, list) else [argument]
            if bad:
                raise ValueError(
                    f"{where}.{predicate}: expected a list of strings, got {bad[0]!r} "
                    '(quote words such as "on" or "no" in YAML)'
                )
        if predicate not in PREDICATES:
            raise ValueError(f"{where}: unknown predicate {predicate!r}; expected one of {sorted(PREDICATES)}")
        if predicate == "REGEX":
            try:
                check_linear(str(argument), strict=strict)
            except (UnsafeRegex, re.error) as exc:
                raise ValueError(f"{where}.REGEX: {exc}") from None


def needs(rule, compiled: CompiledPatterns) -> set[str]:
    return set(compiled.needs)


def triggers(rule, compiled: CompiledPatterns, nlp) -> Triggers | None:
    """A pattern matches only where each of its required word tokens finds one of its words, and
    within the pattern's longest match of each (anywhere in the span, if it has no bound); a
    pattern with no required word can match anywhere, and so can the rule."""
    alternatives = []
    for pattern in compiled.patterns:
        words = _anchors(pattern)
        if not words:
            return None
        most = longest(pattern.tokens)
        reach = None if most is None else most - 1
        alternatives.append(Alternative(tuple(dict.fromkeys(Requirement(w) for w in words)), reach, reach))
    return Triggers(tuple(alternatives))


def _key(rule, number: int) -> str:
    return f"{rule.code}|{number}"


def prepare(rules, nlp) -> None:
    """One Matcher for all built-in pattern rules of a run, so each span is matched once, not once
    per rule. Patterns on tags (with those of rules that check some matches on the parse), and
    patterns on the parse, get their own, since only the spans they can match are tagged, or
    parsed; the others run on tokens alone. A rule pack's rule gets a
    Matcher of its own, so that its time is its own (``run``)."""
    from spacy.matcher import Matcher

    def group_of(rule) -> int:
        needs = rule.compiled.needs
        return 2 if rule.compiled.reads_parse else 1 if needs & {"lemma", "pos", "ner", "dep"} else 0

    shared = [rule for rule in rules if not rule.compiled.bounded]
    for group in (0, 1, 2):
        members = [rule for rule in shared if group_of(rule) == group]
        matcher = Matcher(nlp.vocab)
        for rule in members:
            for number, pattern in enumerate(rule.compiled.patterns):
                matcher.add(_key(rule, number), [list(pattern.tokens)], greedy="LONGEST")
        for rule in members:
            rule.compiled._matchers[nlp] = (matcher, group >= 1)
    for rule in rules:
        if rule.compiled.bounded:
            matcher = Matcher(nlp.vocab)
            for number, pattern in enumerate(rule.compiled.patterns):
                matcher.add(_key(rule, number), [list(pattern.tokens)])  # longest first: ``_windowed_matches``
            rule.compiled._matchers[nlp] = (matcher, group_of(rule) >= 1)


def _matches(matcher, doc, nlp, windowed: bool = False) -> list[tuple[str, int, int]]:
    """The matcher's matches in ``doc``, cached. Patterns on tags can only match inside the windows
    a Doc was tagged in (``rolelint.nlp.windows.tag_windows`` records them), so only those are searched."""
    cache_key = ("rolelint.matches", id(matcher))
    if cache_key not in doc.user_data:
        windows = doc.user_data.get("rolelint.windows") if windowed else None
        if windows is None:
            found = matcher(doc)
        else:
            found = [(m, start + a, start + b) for start, end in windows for m, a, b in matcher(doc[start:end])]
        doc.user_data[cache_key] = [(nlp.vocab.strings[m], a, b) for m, a, b in found]
    return doc.user_data[cache_key]


def _windowed_matches(
    matcher, doc, nlp, *, tagged: bool, reach: int, deadline: float | None = None, first_free: bool = True
) -> list[tuple[str, int, int]] | None:
    """A rule pack's matches in ``doc``: the Matcher run on windows of WINDOW_TOKENS tokens that
    overlap by ``reach`` - 1 (the longest match to find, at most MAX_MATCH_TOKENS), so every match
    up to ``reach`` tokens lies whole in one; then, for each pattern, the longest matches that do not
    overlap, longest first and leftmost among equals (spaCy's ``greedy="LONGEST"`` on the whole
    Doc, for matches up to ``reach`` tokens). None once the process time is past ``deadline``
    (checked before each window; ``first_free``: not before the first, so that a document's first
    window always runs)."""
    regions = doc.user_data.get("rolelint.windows") if tagged else None
    step = WINDOW_TOKENS - reach + 1
    found: set[tuple[int, int, int]] = set()
    first = first_free
    for region_start, region_end in regions if regions is not None else [(0, len(doc))]:
        start = region_start
        while True:
            if not first and deadline is not None and time.process_time() > deadline:
                return None
            first = False
            end = min(start + WINDOW_TOKENS, region_end)
            found.update((m, start + a, start + b) for m, a, b in matcher(doc[start:end]) if b - a <= reach)
            if end >= region_end:
                break
            start += step
    taken: dict[int, bytearray] = {}
    kept = []
    for m, a, b in sorted(found, key=lambda f: (f[2] - f[1], -f[1]), reverse=True):
        covered = taken.setdefault(m, bytearray(len(doc)))
        if not any(covered[a:b]):
            covered[a:b] = b"\x01" * (b - a)
            kept.append((nlp.vocab.strings[m], a, b))
    return kept


def _owned(span) -> bool:
    """Whether a word of ``span`` has a possessive in the parse ("our top-notch engineers", "the
    world's top engineers"): people who already belong to someone, not the people being sought."""
    return any(child.dep_ == "poss" for token in span for child in token.children)


def _among_members(span, steps: int = 5) -> bool:
    """Whether the parse puts the people of ``span`` among the members of a group the sentence names:
    on the way up from the span's root, before any verb, the object of "of" or "including" that
    hangs on a noun ("a team of specialists at the top of their game", "240 employees, including
    world-class engineers"): the employer's people, praised, not a rank the hire must reach.
    People worked with ("work alongside the very best people") are not a group's members here."""
    token = span.root
    for _ in range(steps):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return False
        head = token.head
        if (
            token.dep_ == "pobj"
            and head.lower_ in ("of", "including")
            and head.head.i != head.i
            and head.head.pos_ in ("NOUN", "PROPN")
        ):
            return not _group_sought(head.head)
        token = head
    return False


_KINDS = frozenset({"kind", "kinds", "type", "types", "sort", "sorts"})


def _group_sought(group) -> bool:
    """Whether the group noun ``group`` is what the employer asks for rather than people it has: a
    kind of people ("the kind of world-class engineers who ship"), or the object of a verb of asking
    ("We are hiring a team of world-class engineers", "We need a group of ...")."""
    if group.lower_ in _KINDS:
        return True
    verb = group.head
    if group.dep_ == "pobj" and verb.head.i != verb.i:  # "looking for a team of": the verb above "for"
        verb = verb.head
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in DEMANDING


def _said_of_a_thing(span, steps: int = 4) -> bool:
    """Whether what the parse says ``span`` describes is a thing: the nearest noun above it, or the
    subject of the nearest verb above it, names no person by an agent noun's ending
    (rolelint.checks.phrase.AGENT_NOUN). "A team ranked in the top 10% in diversity" ranks a team;
    "we hire the top 1%" and "engineers in the top 1%" rank people."""
    from rolelint.checks.phrase import AGENT_NOUN

    for count, head in enumerate(span.root.ancestors):
        if count >= steps or head.pos_ == "PRON":
            return False
        if head.pos_ in ("VERB", "AUX"):
            head = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if head is None:
                return False
        if head.pos_ in ("NOUN", "PROPN"):
            return head.pos_ == "NOUN" and not AGENT_NOUN.search(head.lower_)
    return False


def defers_parse(rule, compiled: CompiledPatterns) -> bool:
    """Whether the rule reads the dependency parse only to check some matches (``skip_owned``,
    ``skip_things``, ``skip_unasked``), so
    that a span need be parsed only where one of those matches (``parse_wanted``). Not when a pattern
    matches on the parse, nor for a rule pack's rule (its matching has a time budget)."""
    return not compiled.bounded and not compiled.reads_parse


def parse_wanted(rule, compiled: CompiledPatterns, item, nlp) -> bool:
    """Whether the dependency parse can change the rule's findings on ``item``, whose Doc is tagged
    (perhaps in windows only): a pattern that reads the parse to drop a match (``skip_owned``,
    ``skip_things``, ``skip_unasked``, ``skip_members``) matches there."""
    owned = {
        _key(rule, number)
        for number, pattern in enumerate(compiled.patterns)
        if pattern.skip_owned or pattern.skip_things or pattern.skip_unasked or pattern.skip_members
    }
    if not owned or item.doc is None:
        return False
    if nlp not in compiled._matchers:
        prepare([rule], nlp)
    matcher, windowed = compiled._matchers[nlp]
    return any(key in owned for key, _, _ in _matches(matcher, item.doc, nlp, windowed))


def run(rule, compiled: CompiledPatterns, target, options, nlp):
    if nlp is None:  # no span in scope needed the pipeline
        return
    if nlp not in compiled._matchers:
        prepare([rule], nlp)
    matcher, windowed = compiled._matchers[nlp]
    allowed = set(options.get("allow", ()) or ())
    prefix = rule.code + "|"
    needed = compiled.needed_ids if not windowed else None
    if compiled.bounded:
        deadline = time.process_time() + TIME_BUDGET  # the rule's, for this whole document
        reach = min(compiled.reach or MAX_MATCH_TOKENS, MAX_MATCH_TOKENS)
        started = False
    for item in target.spans:
        if item.doc is None:
            continue
        if needed is not None and needed.isdisjoint(lexical_ids(item.doc)):
            continue  # no pattern of this rule can match here
        if compiled.bounded:
            found = _windowed_matches(
                matcher, item.doc, nlp, tagged=windowed, reach=reach, deadline=deadline, first_free=not started
            )
            if found is None:
                yield gave_up(rule, item, TIME_BUDGET)
                return
            mine, started = found, True
        else:
            mine = [m for m in _matches(matcher, item.doc, nlp, windowed) if m[0].startswith(prefix)]
        taken: list[tuple[int, int]] = []
        reported: set[int] = set()  # sentences with a finding, when one a sentence is reported
        for key, first, end in sorted(mine, key=lambda m: (m[1], -(m[2] - m[1]))):
            pattern = compiled.patterns[int(key[len(prefix) :])]
            if pattern.id in allowed or any(a < end and first < b for a, b in taken):
                continue
            span = item.doc[first:end]
            if pattern.skip_owned and _owned(span):
                continue
            if pattern.skip_members and _among_members(span):
                continue  # "a team of specialists at the top of their game": the colleagues, praised
            if pattern.skip_things and _said_of_a_thing(span):
                continue
            if pattern.skip_unasked and said_of_others(span):
                continue  # "our experts from renowned universities": the employer's, not a demand
            if pattern.skip_negated and negated_in_words(item.doc, first, end, _sentence_of(item, first)):
                continue
            if pattern.skip_alternative and first > 0 and item.doc[first - 1].lower_ in ALTERNATIVES:
                continue  # "C1, C2 or native level": another level is accepted beside it
            if pattern.skip_before and end < len(item.doc) and item.doc[end].lower_ in pattern.skip_before:
                continue  # "challenge the status quo of federal contracting": the idiom given an object
            if pattern.skip_label and _explained_label(item, first, end):
                continue  # "World-Class Benefits & Support: equity grants, ...": the label's line says what it means
            taken.append((first, end))
            if compiled.one_per_sentence:
                sentence = _sentence_of(item, first)[0]
                if sentence in reported:
                    continue
                reported.add(sentence)
            yield span_finding(
                rule, item, span.start_char, span.end_char, replacement=pattern.replacement, fixable=pattern.fixable
            )


LABEL_TAIL = 3  # the most words between a label's match and the colon that ends the label


def _explained_label(item, first: int, end: int) -> bool:
    """Whether tokens ``first:end`` of ``item``'s Doc lie in a label: they open their sentence (after
    bullets or other punctuation) and a colon follows within LABEL_TAIL words, the explanation after it."""
    start, stop = _sentence_of(item, first)
    doc = item.doc
    if any(not (doc[i].is_punct or doc[i].is_space) for i in range(start, first)):
        return False
    return any(doc[i].text == ":" for i in range(end, min(end + LABEL_TAIL + 1, stop)))


def _sentence_of(item, index: int) -> tuple[int, int]:
    """(start, end) tokens of the sentence of token ``index`` of ``item``'s Doc."""
    for start, end in sentence_bounds(item):
        if start <= index < end:
            return start, end
    return 0, len(item.doc)
