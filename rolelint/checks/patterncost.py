"""A bound, worked out at load time, on what spaCy's ``Matcher`` can spend on a rule pack's token patterns.

spaCy's Matcher (``spacy/matcher/matcher.pyx``) keeps one partial match per way a pattern can have
read the tokens so far, and never merges two that stand at the same pattern token: a ``*`` that
can match a token both stays and moves on, a ``?`` both takes the token and skips it. So the
partial matches from one start multiply with every quantifier that can match (``*a*a*a b`` over
``a a a ...`` keeps a number that grows with the cube of the tokens read; sixteen ``?`` up to 2**16),
and a match call is C code that neither a time budget nor a signal interrupts.

A pack's patterns are therefore matched in windows of WINDOW_TOKENS tokens (``rolelint.checks.pattern``),
and ``window_steps`` counts, for one window, the Matcher's steps (a partial match tested against a
token, or a match recorded) in the worst case: on every token, every pattern token both matches and
does not, so each partial match takes every transition either answer allows. That over-counts
what real text can give, never under-counts it. A rule whose patterns could take more than
MAX_WINDOW_STEPS in one window is refused when its pack is loaded; measured on one core of the
shared two-core machine at 55-130 ns a step (``benchmarks/pattern_cost.py``), a window then costs
at most a quarter of a second, so the rule's time budget is checked, and a signal handled, at
least that often.
"""

from __future__ import annotations

import re

MAX_MATCH_TOKENS = 32  # the most tokens one match of a pack's token pattern may span
WINDOW_TOKENS = 2 * MAX_MATCH_TOKENS  # a pack's patterns are matched in windows of this many tokens
MAX_WINDOW_STEPS = 2_000_000  # Matcher steps a pack rule's patterns may take on one window, worst case
MATCH_WEIGHT = 20  # steps a reported match costs: a Python tuple takes ~20 times a Matcher step
MAX_UNBOUNDED = 2  # *, + and {n,} in one pack pattern: a third multiplies the cost by about the window again

ONE, NOT, OPTIONAL, ANY = "one", "not", "optional", "any"  # spaCy's ONE, ZERO, ZERO_ONE, ZERO_PLUS
_SIMPLE = {None: (ONE,), "1": (ONE,), "!": (NOT,), "?": (OPTIONAL,), "*": (ANY,), "+": (ONE, ANY)}
_RANGE = re.compile(r"\{(\d*)(,?)(\d*)\}")
UNBOUNDED = ("*", "+")  # and {n,}


class PatternTooCostly(ValueError):
    """A token pattern could take the Matcher too long or too much memory."""


def read_op(op: object, where: str) -> tuple[int, int | None]:
    """The least and most tokens a pattern token with this ``OP`` matches (None: no most);
    ValueError, naming ``where``, for an ``OP`` spaCy does not accept."""
    if op in (None, "1", "!"):
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "*":
        return 0, None
    if op == "+":
        return 1, None
    found = _RANGE.fullmatch(op) if isinstance(op, str) and len(op) <= 20 else None
    if found is not None:
        low, comma, high = found.groups()
        if not comma:
            high = low
        if (low or high) and (not low or not high or int(low) <= int(high)):
            return int(low or 0), int(high) if high else None
    raise ValueError(
        f"{where}: OP is {op!r}; spaCy accepts !, ?, *, +, 1, {{n}}, {{n,m}}, {{n,}} and {{,m}} "
        "(n and m whole numbers, n <= m)"
    )


def slots(tokens) -> list[str]:
    """The pattern as the Matcher compiles it: one quantifier per pattern token it keeps
    (``+`` is a token and a ``*``; ``{2,4}`` two tokens and two ``?``)."""
    out: list[str] = []
    for token in tokens:
        op = token.get("OP") if isinstance(token, dict) else None
        if op in _SIMPLE:
            out += _SIMPLE[op]
            continue
        low, high = read_op(op, "OP")
        out += [ONE] * low + ([ANY] if high is None else [OPTIONAL] * (high - low))
    return out


def _transitions(quantifiers: list[str]) -> list[tuple[list[int], int, int]]:
    """For a partial match at each pattern token: the pattern tokens of the partial matches it
    leaves after reading one more token, the matches it records, and the tokens tested — taking
    every transition that either answer of each test allows (``Matcher.get_action``)."""
    last = len(quantifiers) - 1
    found = []
    for at in range(len(quantifiers)):
        after: list[int] = []
        matches = tests = 0
        k = at
        while True:  # the Matcher's RETRY: test the next pattern token against the same text token
            tests += 1
            quantifier, final = quantifiers[k], k == last
            if quantifier in (ONE, NOT):
                if final:
                    matches += 1
                else:
                    after.append(k + 1)
                break
            if quantifier == ANY:
                after.append(k)  # it stays for the next token (EXTEND)
                if final:
                    matches += 1
                    break
            else:  # OPTIONAL: it takes the token and moves on (ADVANCE), or skips it (RETRY)
                if final:
                    matches += 2
                    break
                after.append(k + 1)
            k += 1
        found.append((after, matches, tests))
    return found


def window_steps(tokens, window: int = WINDOW_TOKENS, *, stop_above: int | None = None) -> int:
    """The most steps the Matcher can take on ``window`` tokens for this one pattern: a partial
    match starts at every token, and each lives on for as many tokens as its transitions allow
    (see the module's docstring). Each match it can report (one per start and end) counts
    MATCH_WEIGHT steps more: it becomes a Python tuple, in spaCy and in rolelint. Counting stops
    once past ``stop_above``."""
    quantifiers = slots(tokens)
    if not quantifiers:
        return 0
    transitions = _transitions(quantifiers)
    alive = {0: 1}  # pattern token -> partial matches there, from one start, after t tokens
    total = recorded = 0
    for t in range(window):
        starts = window - t  # the starts that still have a t-th token to read
        following: dict[int, int] = {}
        for at, count in alive.items():
            after, matches, tests = transitions[at]
            total += starts * count * (tests + matches)
            recorded += starts * count * matches
            for nxt in after:
                following[nxt] = following.get(nxt, 0) + count
        if not following or (stop_above is not None and total > stop_above):
            break
        alive = following
    # distinct matches: at most one per start and length, and no longer than the pattern or the window
    reach = min(window, longest_match(quantifiers))
    distinct = sum(min(window - start, reach) for start in range(window))
    return total + MATCH_WEIGHT * min(recorded, distinct)


def longest_match(quantifiers: list[str]) -> int:
    """The most tokens these pattern tokens can match (a large number when unbounded)."""
    return 1 << 30 if ANY in quantifiers else len(quantifiers)


def check_bounded(patterns: list[tuple[str, list]]) -> None:
    """Raise ``PatternTooCostly`` unless every pattern of a pack rule (``(where, tokens)`` pairs)
    has at most MAX_UNBOUNDED unbounded operators and MAX_MATCH_TOKENS tokens once written out, and all of them together take at most
    MAX_WINDOW_STEPS steps on one window."""
    total = 0
    costs = []
    for where, tokens in patterns:
        for position, token in enumerate(tokens):
            op = token.get("OP") if isinstance(token, dict) else None
            if op not in _SIMPLE:
                low, high = read_op(op, f"{where}[{position}]")
                if max(low, high or 0) > MAX_MATCH_TOKENS:
                    raise PatternTooCostly(
                        f"{where}[{position}]: OP {op!r} repeats a token more than {MAX_MATCH_TOKENS} "
                        f"times; a match of a rule pack's pattern spans at most {MAX_MATCH_TOKENS} tokens"
                    )
        ops = [token.get("OP") for token in tokens if isinstance(token, dict)]
        unbounded = sum(op in UNBOUNDED or (isinstance(op, str) and op.endswith(",}")) for op in ops)
        if unbounded > MAX_UNBOUNDED:
            raise PatternTooCostly(
                f"{where}: the pattern has {unbounded} unbounded operators (*, + or {{n,}}); a rule pack's "
                f"pattern may have at most {MAX_UNBOUNDED}, since each one that can match multiplies the "
                "partial matches spaCy's Matcher keeps by about the number of tokens it reads"
            )
        written = len(slots(tokens))
        if written > MAX_MATCH_TOKENS:
            raise PatternTooCostly(
                f"{where}: the pattern has {written} tokens once its quantifiers are written out "
                f"(+ counts 2, {{n,m}} counts m); a rule pack's pattern may have at most {MAX_MATCH_TOKENS}"
            )
        steps = window_steps(tokens, stop_above=MAX_WINDOW_STEPS)
        costs.append((steps, where, tokens))
        total += steps
        if total > MAX_WINDOW_STEPS:
            break
    if total > MAX_WINDOW_STEPS:
        steps, where, tokens = max(costs, key=lambda c: c[0])
        ops = [str(token.get("OP")) for token in tokens if isinstance(token, dict) and token.get("OP") is not None]
        unbounded = sum(op in UNBOUNDED or op.endswith(",}") for op in ops)
        alone = f"more than {MAX_WINDOW_STEPS:,}" if steps > MAX_WINDOW_STEPS else f"{steps:,}"
        raise PatternTooCostly(
            f"{where}: spaCy's Matcher could take more than {MAX_WINDOW_STEPS:,} steps on a window of "
            f"{WINDOW_TOKENS} tokens for this rule's patterns, the most rolelint allows a rule pack's rule "
            f"(this pattern alone: {alone}; it has {unbounded} unbounded operators *, + or {{n,}} and "
            f"{len(ops) - unbounded} other quantifiers). Each quantifier that can match multiplies the "
            "partial matches the Matcher keeps: use at most two * or +, fewer or narrower ? and {n,m}, "
            "or fewer patterns"
        )
