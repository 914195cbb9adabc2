"""Rule kind ``regex``: linear-time regular expressions over prose spans.

A rule pack's patterns are written by whoever can commit to the repo (docs/security.md), so they
run on RE2 (google-re2), whose automata match in time linear in the text and which refuses
backreferences and look-around by construction; a pattern whose compiled program is larger than
MAX_PROGRAM_SIZE is refused too, since matching time grows with it. The built-in rules are trusted
and may use look-around, so they run on Python's ``re``, screened at load time for the constructs
that make backtracking blow up (``check_linear``: backreferences, conditional groups, nested or
neighbouring variable quantifiers, long look-arounds).

Either way each rule has a time budget per document (TIME_BUDGET seconds of CPU time): once it is
spent, the rule stops on that document with an RL013 finding that names it, instead of holding up
the run. Spans are at most 10,000 characters (rolelint.loaders.split_long_span), so the budget is
checked often enough.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from typing import AbstractSet, Any

try:  # Python >= 3.11
    from re import _constants as _c  # type: ignore[attr-defined]  # private, and not in the stubs
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

from rolelint.checks import span_finding
from rolelint.diagnostics import Finding

MAX_LOOKAROUND_WIDTH = 40
MAX_PROGRAM_SIZE = 5_000  # RE2 program size: 10,000-character spans match in at most ~0.2 s each
TIME_BUDGET = 2.0  # CPU seconds a regex rule may spend on one document
GAVE_UP = "RL013"
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())


class UnsafeRegex(ValueError):
    """The pattern could backtrack catastrophically."""


def check_linear(pattern: str, flags: int = 0, *, strict: bool = False) -> None:
    """Raise ``UnsafeRegex`` (or ``re.error``) unless ``pattern`` matches in linear time.

    ``strict`` (for patterns from rule packs that must run on Python's ``re``, such as a token
    pattern's REGEX) also refuses variable repeats that a required item between them does not
    separate (``\\w*a\\w*a\\w*b``: the ``a`` is a word character, so each repeat can run over it and
    the backtracking is polynomial of the degree of their number), counting bounded repeats with a
    wide range (``[a-z]{0,1000}``) as variable."""
    tree = _p.parse(pattern, flags)
    _walk(tree, inside_repeat=False, strict=strict)


_WIDE_RANGE = 8  # a bounded repeat whose range (high - low) is wider than this counts as variable


def _walk(tree, *, inside_repeat: bool, strict: bool = False) -> None:
    _check_adjacent_repeats(tree, strict=strict)
    for op, arg in tree:
        if op in (_c.GROUPREF, _c.GROUPREF_EXISTS) or op is getattr(_c, "GROUPREF_IGNORE", None):
            raise UnsafeRegex("backreferences and conditional groups are not allowed")
        if op in _REPEATS:
            low, high, body = arg
            variable = low != high
            if inside_repeat and variable:
                raise UnsafeRegex("a variable quantifier inside another quantifier (nested quantifiers) is not allowed")
            repeated = high > 1
            if repeated and _has_branch(body):
                raise UnsafeRegex("an alternation inside a repeated group is not allowed; use a character class")
            _walk(body, inside_repeat=inside_repeat or repeated, strict=strict)
        elif op is _c.SUBPATTERN:
            _walk(arg[-1], inside_repeat=inside_repeat, strict=strict)
        elif op is _c.BRANCH:
            for branch in arg[1]:
                _walk(branch, inside_repeat=inside_repeat, strict=strict)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            body = arg[1]
            if body.getwidth()[1] > MAX_LOOKAROUND_WIDTH:
                raise UnsafeRegex(f"a lookaround must match at most {MAX_LOOKAROUND_WIDTH} characters")
            _walk(body, inside_repeat=inside_repeat, strict=strict)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            _walk(arg, inside_repeat=inside_repeat, strict=strict)


# Characters that stand for the classes a pattern can use, to test whether two one-character
# items can match the same character.
_SAMPLE = "".join(chr(c) for c in range(32, 127)) + "\t\n\r\u00a0éß’–—€£😀Ж中"


_WHITESPACE = frozenset(" \t\n\r\u00a0")


def _char_set(item) -> frozenset[str] | None:
    """The sample characters a one-character item matches, or None when it is wider than one."""
    sub = _p.SubPattern(_p.State(), [item]) if hasattr(_p, "State") else None
    if sub is None or sub.getwidth() != (1, 1):
        return None
    try:
        matcher = _compile(sub)
    except Exception:  # noqa: BLE001 - anything we cannot compile alone is treated as overlapping
        return frozenset(_SAMPLE)
    return frozenset(c for c in _SAMPLE if matcher.fullmatch(c))


def _compile(sub):
    try:
        from re import _compiler as compiler  # Python >= 3.11
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_compile as compiler  # type: ignore[no-redef]
    return compiler.compile(sub, 0)


def _check_adjacent_repeats(tree, *, strict: bool = False) -> None:
    """Refuse two unbounded repeats of overlapping characters with nothing but optional items between
    them (``\\w*\\w*``, ``.*\\s*.*``): each extra one multiplies the backtracking by the text's length.
    ``strict``: wide bounded repeats count too, and a required item between two repeats separates
    them only when it is one character that the earlier repeat cannot match."""
    open_sets: list[frozenset[str]] = []
    for op, arg in tree:
        if op in _REPEATS:
            low, high, body = arg
            if high == _c.MAXREPEAT or (strict and high - low > _WIDE_RANGE):
                chars = _char_set(body[0]) if len(body) == 1 else None
                chars = frozenset(_SAMPLE) if chars is None else chars
                if chars <= _WHITESPACE:
                    continue  # rules read spans with whitespace runs collapsed to one space
                if any(chars & earlier for earlier in open_sets):
                    raise UnsafeRegex(
                        "two unbounded repeats that can match the same characters stand next to each "
                        "other (e.g. \\w*\\w*); merge them into one"
                    )
                open_sets.append(chars)
                continue
            if low == 0:
                continue  # an optional item does not separate the repeats around it
        if strict:
            chars = _char_set((op, arg))
            # a repeat stays open past a required item it can match (or one we cannot tell)
            open_sets = [s for s in open_sets if chars is None or s & chars]
            continue
        open_sets = []


def _has_branch(tree) -> bool:
    for op, arg in tree:
        if op is _c.BRANCH:
            return True
        if op is _c.SUBPATTERN and _has_branch(arg[-1]):
            return True
    return False


# --- literal prefilter -------------------------------------------------------------------------
#
# Python's ``re`` cannot skip ahead to a pattern that starts with an alternation, a word boundary
# or a case-insensitive word: it tries the whole pattern at every character, and every span of
# every document goes through every regex rule. So at load time we work out, from the parsed
# pattern, literal strings a match must contain: alternatives (any one suffices), each a list of
# clauses (all must hold), each clause a set of needles (one must occur). A span whose text holds
# no alternative cannot match, and string searches (``candidates``) rule that out far faster than
# the regex.
#
# A needle is ``(text, folded)``. An unfolded needle is looked for as written. A case-insensitive
# one is looked for in the lower-cased span, and only in ASCII spans (most of them): for those,
# ``str.lower`` and the regex engine's case folding agree character by character once each pattern
# character is mapped to the one ASCII character it can match (worked out by asking ``re`` itself,
# so special folds such as the Kelvin sign or the long s are covered); in other spans it is taken
# as found. ``None`` stands for a literal that no ASCII character can match.

Needle = tuple[Any, bool]
Clause = frozenset  # of Needle: one must occur
Prefilter = tuple[tuple[Clause, ...], ...]  # alternatives: in one, every clause must hold

_MAX_REPEATED_LITERAL = 16  # copies of a repeated literal taken into a needle ("X{3}" -> "XXX")
_MAX_VARIANTS = 16  # ways a run of literals with optional characters may read, kept as one clause


def literal_prefilter(pattern: str, flags: int = 0) -> Prefilter | None:
    """Alternatives of clauses of literals a match of ``pattern`` must contain (see above), or
    None when some way of matching needs no literal at all (the prefilter would let all through)."""
    tree = _p.parse(pattern, flags)
    state_flags = tree.state.flags if hasattr(tree, "state") else flags
    found = _alternatives(list(tree), bool(state_flags & re.IGNORECASE), state_flags)
    if any(not clauses for clauses in found):
        return None
    # ``candidates`` looks for each clause in a document in this order, memoised: first the clauses
    # that several alternatives share (then one lookup rules out all of them), then those with the
    # longest needles (most likely the rarest)
    shared = Counter(clause for clauses in found for clause in set(clauses))
    return tuple(tuple(sorted(clauses, key=lambda c: (shared[c], _shortest(c)), reverse=True)) for clauses in found)


def _shortest(clause: Clause | AbstractSet) -> int:
    """The length of the shortest needle of ``clause`` (longer needles are rarer)."""
    return min(len(text) if text is not None else _MAX_REPEATED_LITERAL for text, _ in clause)


def candidates(prefilter: Prefilter, texts: list[str]) -> set[int]:
    """Positions in ``texts`` of the texts that hold some alternative of ``prefilter`` (the only
    ones the regex can match).

    Testing each text for each needle costs more than the regex saves, so the texts are joined and
    each needle is first looked for once in the whole document: an alternative with a clause found
    nowhere is dropped (most are; clauses are tried in the order ``literal_prefilter`` gives, shared
    ones first, and each needle's answer is memoised). Otherwise one of its clauses is located,
    jumping to the next text after each find, and its other clauses are checked only in the texts
    holding that one."""
    joined = "\n".join(texts)
    starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
    if joined.isascii():
        lowered, unfoldable = joined.lower(), frozenset[int]()
    else:  # case folding outside ASCII is the regex's business: those texts hold every folded needle
        lowered = "\n".join(text.lower() if text.isascii() else text for text in texts)
        unfoldable = frozenset(i for i, text in enumerate(texts) if not text.isascii())
    present: dict[Needle, bool] = {}
    located: dict[Clause, set[int]] = {}

    def anywhere(needle: Needle) -> bool:
        found = present.get(needle)
        if found is None:
            text, folded = needle
            if text == "" or (folded and unfoldable):
                found = True
            else:
                found = text is not None and text in (lowered if folded else joined)
            present[needle] = found
        return found

    def holding(needle: Needle) -> set[int]:
        """The texts holding ``needle``."""
        text, folded = needle
        if text == "":
            return set(range(len(texts)))
        found = set(unfoldable) if folded else set()
        if text is not None:
            haystack = lowered if folded else joined
            at = haystack.find(text)
            while at >= 0:
                i = bisect_right(starts, at) - 1
                found.add(i)
                at = haystack.find(text, starts[i + 1]) if i + 1 < len(texts) else -1
        return found

    def holds(needle: Needle, i: int) -> bool:
        """Whether text ``i`` holds ``needle``."""
        text, folded = needle
        if not folded:
            return text in texts[i]
        if i in unfoldable:
            return True
        return text is not None and text in lowered[starts[i] : starts[i + 1] - 1]

    result: set[int] = set()
    for clauses in prefilter:
        if not all(any(anywhere(needle) for needle in clause) for clause in clauses):
            continue
        # the alternative may be here: locate one clause (one already located, else the one with the
        # longest needles, likely the rarest), and check the others only where that one is
        first = clauses[0] if len(clauses) == 1 else min(clauses, key=lambda c: (c not in located, -_shortest(c)))
        if first not in located:
            located[first] = set().union(*(holding(needle) for needle in first if anywhere(needle)))
        spans = located[first]
        for clause in clauses:
            if clause is not first:
                spans = {i for i in spans if any(holds(needle, i) for needle in clause)}
                if not spans:
                    break
        result |= spans
    return result


def _alternatives(items: list, ignore_case: bool, flags: int) -> list[list[Clause]]:
    """The alternatives of the sequence ``items`` (a group's body or a branch's alternative)."""
    if len(items) == 1:
        op, arg = items[0]
        if op is _c.BRANCH:
            found: list[list[Clause]] = []
            for branch in arg[1]:
                found.extend(_alternatives(list(branch), ignore_case, flags))
            return [[]] if any(not clauses for clauses in found) else found
        if op is _c.SUBPATTERN:
            return _alternatives(list(arg[-1]), *_scoped(arg[1], arg[2], ignore_case, flags))
    clauses: list[Clause] = []
    run = [""]  # the ways a run of literal characters can read ("D\\.?O" -> "DO", "D.O")
    expanded: list[list[Clause]] | None = None  # one group's several alternatives, kept apart

    def end_run() -> None:
        if "" not in run:
            clauses.append(frozenset(_needle(variant, ignore_case, flags) for variant in run))
        run[:] = [""]

    def add(found: list[list[Clause]]) -> None:
        nonlocal expanded
        if expanded is None and len(found) > 1 and all(found):
            expanded = found  # "\\b(?:a|b)\\s+c" is a-and-c or b-and-c
        else:
            clauses.extend(_one_alternative(found))

    for op, arg in items:
        if op is _c.LITERAL:
            run[:] = [variant + chr(arg) for variant in run]
            continue
        if op in _REPEATS and len(arg[2]) == 1 and arg[2][0][0] is _c.LITERAL:  # "X+", "X{2,3}", "\\.?"
            low, high, body = arg
            char = chr(body[0][1])
            if high == low and low <= _MAX_REPEATED_LITERAL:
                run[:] = [variant + char * low for variant in run]
                continue
            if high - low < _MAX_REPEATED_LITERAL and len(run) * (high - low + 1) <= _MAX_VARIANTS:
                run[:] = [variant + char * n for variant in run for n in range(low, high + 1)]
                continue
            if low <= _MAX_REPEATED_LITERAL:
                run[:] = [variant + char * low for variant in run]
            end_run()
            continue
        if op in _REPEATS and arg[0] >= 1:  # the body occurs at least once
            end_run()
            clauses.extend(_one_alternative(_alternatives(list(arg[2]), ignore_case, flags)))
            continue
        end_run()
        if op is _c.SUBPATTERN:
            add(_alternatives(list(arg[-1]), *_scoped(arg[1], arg[2], ignore_case, flags)))
        elif op is _c.BRANCH:
            add(_alternatives([(op, arg)], ignore_case, flags))
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            add(_alternatives(list(arg), ignore_case, flags))
        # classes, anchors, lookarounds and optional items require no literal
    end_run()
    if expanded is not None:
        return [clauses + alternative for alternative in expanded]
    return [clauses]


def _one_alternative(found: list[list[Clause]]) -> list[Clause]:
    """Clauses that hold whichever of ``found`` matched: all of them when there is one; else one
    clause made of the most telling clause (longest shortest needle) of each alternative."""
    if any(not clauses for clauses in found):
        return []
    if len(found) == 1:
        return found[0]
    chosen: set = set()
    for clauses in found:
        chosen |= max(clauses, key=_shortest)
    return [frozenset(chosen)]


def _scoped(add: int, delete: int, ignore_case: bool, flags: int) -> tuple[bool, int]:
    """Case-insensitivity and flags inside a ``(?flags-flags:...)`` group."""
    if add & re.IGNORECASE:
        ignore_case = True
    if delete & re.IGNORECASE:
        ignore_case = False
    return ignore_case, (flags | add) & ~delete


_ASCII = [chr(c) for c in range(128)]


def _needle(literal: str, ignore_case: bool, flags: int) -> Needle:
    """The needle for ``literal`` (see above); ``("", False)``, found everywhere, when a character's
    case folding does not map it onto one lower-case ASCII character."""
    if not ignore_case:
        return literal, False
    folded = []
    for char in literal:
        fold = _fold(char, flags & re.ASCII)
        if fold is None:
            return None, True
        if fold == "":
            return "", False
        folded.append(fold)
    return "".join(folded), True


_FOLDS: dict[tuple[str, int], str | None] = {}


def _fold(char: str, ascii_flag: int) -> str | None:
    """The lower-case ASCII character that ``char`` matches case-insensitively, None if it matches
    no ASCII character, "" if that is not one lower-case character (then no prefilter for it)."""
    key = (char, ascii_flag)
    if key not in _FOLDS:
        matcher = re.compile(re.escape(char), re.IGNORECASE | ascii_flag)
        matches = {c for c in _ASCII if matcher.fullmatch(c)}
        lowered = {c.lower() for c in matches}
        if not matches:
            _FOLDS[key] = None
        elif len(lowered) == 1 and matches == {c for c in _ASCII if c.lower() in lowered}:
            _FOLDS[key] = lowered.pop()
        else:
            _FOLDS[key] = ""
    return _FOLDS[key]


@dataclass(frozen=True)
class CompiledRegex:
    regex: Any  # a compiled pattern: Python's ``re`` (built-in rules) or RE2 (rule packs)
    replacement: str | None
    prefilter: Prefilter | None = None  # literals a match must contain (see ``literal_prefilter``)
    engine: str = "re"  # "re" or "re2"
    unless_sentence: Any = None  # a match is dropped when its sentence holds this (same engine)


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``text[start:end]``: from the last full stop, question or
    exclamation mark before it to the next one after it."""
    begin = 0
    for found in _SENTENCE_END.finditer(text, 0, start):
        begin = found.end()
    after = _SENTENCE_END.search(text, end)
    return text[begin : after.end() if after else len(text)]


def compile(rule, *, trusted: bool | None = None) -> CompiledRegex:
    """``trusted`` (default: whether the rule is one of the built-in rules): run on Python's ``re``
    after ``check_linear``; else on RE2."""
    from rolelint.checks import is_builtin

    spec = rule.spec
    flags = re.IGNORECASE if spec.get("ignore_case", False) else 0
    source = spec["pattern"]
    if trusted is None:
        trusted = is_builtin(rule)
    unless_source = spec.get("unless_sentence")
    if not trusted:
        unless = compile_re2(unless_source, ignore_case=bool(flags)) if unless_source else None
        return CompiledRegex(
            compile_re2(source, ignore_case=bool(flags)),
            spec.get("replacement"),
            _prefilter_or_none(source, flags),
            "re2",
            unless,
        )
    try:
        check_linear(source, flags)
        regex = re.compile(source, flags)
    except re.error as exc:
        raise ValueError(f"regex.pattern: invalid regular expression ({exc})") from None
    except UnsafeRegex as exc:
        raise ValueError(f"regex.pattern: {exc} (rolelint accepts linear-time patterns only)") from None
    unless = None
    if unless_source:
        try:
            check_linear(unless_source, flags)
            unless = re.compile(unless_source, flags)
        except re.error as exc:
            raise ValueError(f"regex.unless_sentence: invalid regular expression ({exc})") from None
        except UnsafeRegex as exc:
            raise ValueError(f"regex.unless_sentence: {exc} (rolelint accepts linear-time patterns only)") from None
    return CompiledRegex(regex, spec.get("replacement"), literal_prefilter(source, flags), unless_sentence=unless)


def compile_re2(source: str, *, ignore_case: bool = False):
    """``source`` compiled by RE2; ValueError (naming ``regex.pattern``) when RE2 refuses it or its
    program is over MAX_PROGRAM_SIZE."""
    import re2

    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    try:
        regex = re2.compile(source, options)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        hint = ""
        if any(mark in source for mark in ("(?=", "(?!", "(?<=", "(?<!")) or re.search(r"\\[1-9]|\(\?P=", source):
            hint = "; backreferences and look-around are not supported: they cannot run in linear time"
        raise ValueError(
            f"regex.pattern: invalid regular expression for RE2, the linear-time engine rule "
            f"packs run on ({reason}){hint}"
        ) from None
    if regex.programsize > MAX_PROGRAM_SIZE:
        raise ValueError(
            f"regex.pattern: the pattern compiles to a program of {regex.programsize:,} steps, over "
            f"the {MAX_PROGRAM_SIZE:,} rolelint allows (matching time grows with it); use fewer or "
            "smaller bounded repeats"
        )
    return regex


def _prefilter_or_none(source: str, flags: int) -> Prefilter | None:
    """The literal prefilter when Python's parser reads the pattern as RE2 does (else none)."""
    try:
        return literal_prefilter(source, flags)
    except (re.error, RecursionError, OverflowError):
        return None


def needs(rule, compiled) -> set[str]:
    return set()


def run(rule, compiled: CompiledRegex, target, options, nlp):
    spans = target.spans
    if compiled.prefilter is not None:
        chosen = candidates(compiled.prefilter, [item.text for item in spans])
        spans = [item for i, item in enumerate(spans) if i in chosen]
    deadline = time.process_time() + TIME_BUDGET
    for number, item in enumerate(spans):
        if number and time.process_time() > deadline:
            yield gave_up(rule, item, TIME_BUDGET)
            return
        for match in compiled.regex.finditer(item.text):
            if match.end() == match.start():
                continue
            if compiled.unless_sentence is not None and compiled.unless_sentence.search(
                sentence_around(item.text, match.start(), match.end())
            ):
                continue
            replacement = None
            if compiled.replacement is not None:
                replacement = compiled.replacement.format(match=match.group(0), **match.groupdict(default=""))
            yield span_finding(rule, item, match.start(), match.end(), replacement=replacement)


def gave_up(rule, item, budget: float) -> Finding:
    """The RL013 finding of a rule that spent its time budget on a document, placed at the span
    where it stopped."""
    start, end = item.file_range(0, min(len(item.text), 1))
    return Finding(
        GAVE_UP,
        f"rule {rule.code} ({rule.name}) gave up on this document after {budget:g} s of its "
        "time budget; its findings here are incomplete",
        start,
        end,
        context=rule.code,
        field=item.span.field,
        section=item.span.section,
    )
