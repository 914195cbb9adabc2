"""What spaCy's Matcher spends on one window against the bound rolelint works out for rule packs:
`python benchmarks/pattern_cost.py [--window 64]`.

For each token pattern, one window of ``a a a ...`` (the worst text for patterns on ``a``): the
worst-case step count of ``rolelint.checks.patterncost.window_steps``, the Matcher's CPU time on that
window (best of three), the nanoseconds a step, peak memory of this process, and whether a rule pack
may use the pattern. The bound (MAX_WINDOW_STEPS) is meant to keep one window under a quarter of a
second; the ns/step column says how far a machine is from that. Then the shipped pattern rules'
own counts, to show the bound leaves them room.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rolelint.checks.patterncost import MAX_WINDOW_STEPS, PatternTooCostly, check_bounded, window_steps  # noqa: E402

A, B, ANY = {"LOWER": "a"}, {"LOWER": "b"}, {"OP": "*"}
PATTERNS = {
    "* a": [ANY, A],
    "+ a": [{"OP": "+"}, A],
    "* a b": [ANY, A, B],
    "* a * a": [ANY, A, ANY, A],
    "* a * a b": [ANY, A, ANY, A, B],
    "a * a * a * a": [A, ANY, A, ANY, A, ANY, A],
    "* a * a * a b (the issue's)": [ANY, A, ANY, A, ANY, A, B],
    "a a{0,12} b": [A, {"LOWER": "a", "OP": "{0,12}"}, B],
    "a {1,12}": [A, {"OP": "{1,12}"}],
    "8 x ?": [{"OP": "?"}] * 8,
    "16 x ?": [{"OP": "?"}] * 16,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--window", type=int, default=64)
    args = parser.parse_args()
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    doc = nlp.make_doc(" ".join(["a"] * args.window))
    print(f"one window of {args.window} tokens of 'a'; a pack rule may take {MAX_WINDOW_STEPS:,} steps\n")
    print(f"{'pattern':30} {'steps':>12} {'CPU ms':>9} {'ns/step':>8} {'peak MB':>8}  pack")
    for name, tokens in PATTERNS.items():
        steps = window_steps(tokens, args.window)
        matcher = Matcher(nlp.vocab)
        matcher.add("x", [tokens])
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            matcher(doc)
            best = min(best, time.process_time() - started)
        try:
            check_bounded([("pattern", tokens)])
            verdict = "accepted"
        except PatternTooCostly:
            verdict = "refused"
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name:30} {steps:>12,} {best * 1000:>9.1f} {best * 1e9 / steps:>8.0f} {peak:>8.0f}  {verdict}")
    from rolelint.config import load_config
    from rolelint.registry import load_catalogue

    print("\nshipped pattern rules (trusted, not bounded), steps on one window:")
    catalogue = load_catalogue(load_config(cwd=ROOT))
    for code, rule in catalogue.rules.items():
        if getattr(rule, "kind", None) == "pattern":
            total = sum(window_steps(list(p.tokens), args.window) for p in rule.compiled.patterns)
            print(f"  {code} {total:>12,}")


if __name__ == "__main__":
    main()
