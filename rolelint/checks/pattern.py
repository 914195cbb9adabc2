"""Rule kind ``pattern``: spaCy ``Matcher`` token patterns, for wording that needs POS, lemma or
dependency context. The matcher is built lazily, so loading a pack never imports spaCy."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from functools import cached_property

from rolelint.checks import lexical_ids, span_finding
from rolelint.checks.regex import UnsafeRegex, check_linear
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


@dataclass(frozen=True)
class TokenPattern:
    id: str
    tokens: tuple
    replacement: str | None = None
    fixable: bool | None = None


@dataclass
class CompiledPatterns:
    patterns: tuple[TokenPattern, ...]
    needs: frozenset[str]
    _matchers: weakref.WeakKeyDictionary = field(default_factory=weakref.WeakKeyDictionary, repr=False)  # nlp ->

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
    for number, raw in enumerate(rule.spec):
        entry = raw if isinstance(raw, dict) else {"tokens": raw}
        where = f"pattern[{number}]"
        for position, token in enumerate(entry["tokens"]):
            for key, value in token.items():
                upper = key.upper()
                if upper not in TOKEN_KEYS:
                    raise ValueError(f"{where}[{position}]: unknown token attribute {key!r}")
                wanted.add(NEED_OF_KEY.get(upper, "tokens"))
                _check_value(value, f"{where}[{position}].{key}", strings=upper in STRING_KEYS, strict=strict)
        patterns.append(
            TokenPattern(
                entry.get("id", f"p{number}"), tuple(entry["tokens"]), entry.get("replacement"), entry.get("fixable")
            )
        )
    return CompiledPatterns(tuple(patterns), frozenset(wanted))


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
    """One Matcher for all pattern rules of a run, so each span is matched once, not once per rule.
    Patterns on tags, and those on the parse, get their own, since only the spans they can match
    are tagged, or parsed; the others run on tokens alone."""
    from spacy.matcher import Matcher

    def group_of(rule) -> int:
        needs = rule.compiled.needs
        return 2 if "dep" in needs else 1 if needs & {"lemma", "pos", "ner"} else 0

    for number in (0, 1, 2):
        group = [rule for rule in rules if group_of(rule) == number]
        matcher = Matcher(nlp.vocab)
        for rule in group:
            for number, pattern in enumerate(rule.compiled.patterns):
                matcher.add(_key(rule, number), [list(pattern.tokens)], greedy="LONGEST")
        for rule in group:
            rule.compiled._matchers[nlp] = (matcher, number == 1)


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


def run(rule, compiled: CompiledPatterns, target, options, nlp):
    if nlp is None:  # no span in scope needed the pipeline
        return
    if nlp not in compiled._matchers:
        prepare([rule], nlp)
    matcher, windowed = compiled._matchers[nlp]
    allowed = set(options.get("allow", ()) or ())
    prefix = rule.code + "|"
    needed = compiled.needed_ids if not windowed else None
    for item in target.spans:
        if item.doc is None:
            continue
        if needed is not None and needed.isdisjoint(lexical_ids(item.doc)):
            continue  # no pattern of this rule can match here
        taken: list[tuple[int, int]] = []
        mine = [m for m in _matches(matcher, item.doc, nlp, windowed) if m[0].startswith(prefix)]
        for key, first, end in sorted(mine, key=lambda m: (m[1], -(m[2] - m[1]))):
            pattern = compiled.patterns[int(key[len(prefix) :])]
            if pattern.id in allowed or any(a < end and first < b for a, b in taken):
                continue
            taken.append((first, end))
            span = item.doc[first:end]
            yield span_finding(
                rule, item, span.start_char, span.end_char, replacement=pattern.replacement, fixable=pattern.fixable
            )
