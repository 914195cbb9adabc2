"""Rule kind ``regex``: linear-time regular expressions over prose spans.

Python's ``re`` backtracks, so a careless pattern from a user's pack could hang a run. Instead of a
timeout we refuse, at load time, the constructs that make backtracking blow up: backreferences,
conditional groups, a variable quantifier or an alternation inside another quantifier, and
lookarounds whose body is not of short bounded width.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

try:  # Python >= 3.11
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

from rolelint.checks import span_finding

MAX_LOOKAROUND_WIDTH = 40
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())


class UnsafeRegex(ValueError):
    """The pattern could backtrack catastrophically."""


def check_linear(pattern: str, flags: int = 0) -> None:
    """Raise ``UnsafeRegex`` (or ``re.error``) unless ``pattern`` matches in linear time."""
    tree = _p.parse(pattern, flags)
    _walk(tree, inside_repeat=False)


def _walk(tree, *, inside_repeat: bool) -> None:
    _check_adjacent_repeats(tree)
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
            _walk(body, inside_repeat=inside_repeat or repeated)
        elif op is _c.SUBPATTERN:
            _walk(arg[-1], inside_repeat=inside_repeat)
        elif op is _c.BRANCH:
            for branch in arg[1]:
                _walk(branch, inside_repeat=inside_repeat)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            body = arg[1]
            if body.getwidth()[1] > MAX_LOOKAROUND_WIDTH:
                raise UnsafeRegex(f"a lookaround must match at most {MAX_LOOKAROUND_WIDTH} characters")
            _walk(body, inside_repeat=inside_repeat)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            _walk(arg, inside_repeat=inside_repeat)


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


def _check_adjacent_repeats(tree) -> None:
    """Refuse two unbounded repeats of overlapping characters with nothing but optional items between
    them (``\\w*\\w*``, ``.*\\s*.*``): each extra one multiplies the backtracking by the text's length."""
    open_sets: list[frozenset[str]] = []
    for op, arg in tree:
        if op in _REPEATS:
            low, high, body = arg
            if high == _c.MAXREPEAT:
                chars = _char_set(body[0]) if len(body) == 1 else None
                chars = frozenset(_SAMPLE) if chars is None else chars
                if chars <= _WHITESPACE:
                    continue  # rules read spans with whitespace runs collapsed to one space
                if any(chars & earlier for earlier in open_sets):
                    raise UnsafeRegex("two unbounded repeats that can match the same characters stand next to each "
                                      "other (e.g. \\w*\\w*); merge them into one")
                open_sets.append(chars)
                continue
            if low == 0:
                continue  # an optional item does not separate the repeats around it
        open_sets = []


def _has_branch(tree) -> bool:
    for op, arg in tree:
        if op is _c.BRANCH:
            return True
        if op is _c.SUBPATTERN and _has_branch(arg[-1]):
            return True
    return False


@dataclass(frozen=True)
class CompiledRegex:
    regex: re.Pattern
    replacement: str | None


def compile(rule) -> CompiledRegex:
    spec = rule.spec
    flags = re.IGNORECASE if spec.get("ignore_case", False) else 0
    source = spec["pattern"]
    try:
        check_linear(source, flags)
        regex = re.compile(source, flags)
    except re.error as exc:
        raise ValueError(f"regex.pattern: invalid regular expression ({exc})") from None
    except UnsafeRegex as exc:
        raise ValueError(f"regex.pattern: {exc} (rolelint accepts linear-time patterns only)") from None
    return CompiledRegex(regex, spec.get("replacement"))


def needs(rule, compiled) -> set[str]:
    return set()


def run(rule, compiled: CompiledRegex, target, options, nlp):
    for item in target.spans:
        for match in compiled.regex.finditer(item.text):
            if match.end() == match.start():
                continue
            replacement = None
            if compiled.replacement is not None:
                replacement = compiled.replacement.format(match=match.group(0), **match.groupdict(default=""))
            yield span_finding(rule, item, match.start(), match.end(), replacement=replacement)
