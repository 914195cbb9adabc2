"""A rule pack's token patterns (``kind: pattern``, spaCy's Matcher) cannot run longer than their
budget or grow without bound (issue 13, point 2; docs/security.md).

Before: ``[{OP: "*"}, {LOWER: a}] x 3 + [{LOWER: b}]`` over 300 tokens ran 14 minutes, grew to 3.3 GB
and ignored SIGTERM. The tests that run rolelint on such a pack do it in a child process with a
timeout, since a Matcher call cannot be interrupted from inside.
"""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rolelint.checks import pattern as pattern_kind
from rolelint.checks.patterncost import MAX_MATCH_TOKENS, MAX_WINDOW_STEPS, check_bounded, window_steps
from rolelint.config import load_config
from rolelint.nlp.triggers import longest
from rolelint.registry import load_catalogue
from tests.conftest import REPO, write
from tests.hostile.helpers import CONFIG, assert_gave_up_after_the_first_paragraph, run_main
from tests.hostile.test_nothing_executes import rule_file

ANY, A, B = '{OP: "*"}', "{LOWER: a}", "{LOWER: b}"
ISSUE_PATTERN = f"[{ANY}, {A}, {ANY}, {A}, {ANY}, {A}, {B}]"  # the issue's, measured at 14 minutes
# Accepted (two wildcards), and still the dearest kind of pattern over text that is all "a"
HEAVY_PATTERN = f"[{ANY}, {A}, {ANY}, {A}, {B}]"


def _pack(repo: Path, *patterns: str, text: str = " ".join(["a"] * 300), adverts: int = 1) -> None:
    spec = "pattern:\n" + "".join(f"  - {pattern}\n" for pattern in patterns)
    write(repo, ".rolelint.yaml", CONFIG + "rule_packs: [team-rules/]\n")
    write(repo, "team-rules/XX101-team-rule.yaml", rule_file(kind="pattern", spec=spec))
    for number in range(adverts):
        write(repo, f"adverts/a{number}.md", f"# About the role\n\n{text}\n")


def _rolelint(repo: Path, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rolelint", "check", "--no-cache", "--format", "json", "--select", "XX", *args],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        **kwargs,
    )


def _finish(run: subprocess.Popen, timeout: float) -> tuple[int, str, str]:
    try:
        out, err = run.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        run.kill()
        run.communicate()
        raise
    return run.returncode, out, err


def test_the_issue_pattern_is_refused_when_its_pack_loads(tmp_path):
    # Unbounded, its cost grows with the fifth power of the tokens: 600 run for about 40 minutes.
    _pack(tmp_path, ISSUE_PATTERN, text=" ".join(["a"] * 600))
    code, out, err = _finish(_rolelint(tmp_path), timeout=120)
    assert code == 2 and out == ""
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "team-rules/XX101-team-rule.yaml: rule XX101: key `pattern`: pattern[0]:" in err
    assert "the pattern has 3 unbounded operators (*, + or {n,}); a rule pack's pattern may have at most 2" in err


def test_an_accepted_costly_pattern_over_a_long_advert_ends_within_its_budget(tmp_path):
    """20,000 tokens of "a": the rule finds what it can, gives up with RL013 when its two seconds
    are spent (or finishes first, on a fast machine), and the run ends in bounded memory."""
    _pack(tmp_path, HEAVY_PATTERN, text=" ".join(["a"] * 20_000) + " b")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    code, out, err = _finish(_rolelint(tmp_path), timeout=180)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert code == 1, err
    diagnostics = json.loads(out)["diagnostics"]
    codes = {d["code"] for d in diagnostics}
    assert codes <= {"XX101", "RL013"} and codes
    if "RL013" in codes:
        (gave_up,) = [d for d in diagnostics if d["code"] == "RL013"]
        assert "rule XX101 (team-rule) gave up on this document" in gave_up["message"]
    # a child's peak memory, in kB on Linux; the unbounded Matcher grew to 3.3 GB on 300 tokens
    assert max(after.ru_maxrss, before.ru_maxrss) < 1_000_000


@pytest.mark.parametrize(
    ("signum", "code", "line"), [(signal.SIGTERM, 143, "Terminated."), (signal.SIGINT, 130, "Interrupted.")]
)
def test_a_signal_during_a_costly_pattern_ends_the_run_at_once(tmp_path, signum, code, line):
    # Twenty adverts, each of which the rule gives up on after its 2 s: a run of about 40 s, in this
    # process (--jobs workers take the default action on SIGTERM, C code or not).
    _pack(tmp_path, HEAVY_PATTERN, text=" ".join(["a"] * 20_000) + " b", adverts=20)
    run = _rolelint(tmp_path, "--jobs", "1")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None and _cpu_seconds(run.pid) < 5:
        time.sleep(0.2)  # spaCy loaded, and the rule well into its matching
    assert run.poll() is None, "the run ended before the signal"
    run.send_signal(signum)
    signalled = time.monotonic()
    returncode, _out, err = _finish(run, timeout=60)
    assert returncode == code, err
    assert err.strip().splitlines()[-1:] == [line] and "Traceback" not in err
    print(f"ended {time.monotonic() - signalled:.2f} s after the signal")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _lint(repo, capsys, *args: str) -> tuple[int, list[dict]]:
    code, out, err = run_main(["check", "--no-cache", "--format", "json", "--select", "XX", *args], capsys, repo)
    assert code in (0, 1), err
    return code, json.loads(out)["diagnostics"]


def test_a_pattern_rule_that_spends_its_budget_gives_up_with_a_finding_naming_it(repo, capsys, monkeypatch):
    monkeypatch.setattr(pattern_kind, "TIME_BUDGET", -1.0)  # spent before the second window
    _pack(repo, f"[{A}, {B}]", text="a b one\n\na b two\n\na b three")
    code, diagnostics = _lint(repo, capsys)
    assert_gave_up_after_the_first_paragraph(code, diagnostics)


def test_the_budget_is_checked_between_windows_of_one_span(repo, capsys, monkeypatch):
    monkeypatch.setattr(pattern_kind, "TIME_BUDGET", -1.0)
    _pack(repo, f"[{A}, {B}]", text=" ".join(["a b"] * 100))  # one span of 200 tokens: four windows
    _code, diagnostics = _lint(repo, capsys)
    assert [d["code"] for d in diagnostics] == ["RL013"]


def test_a_result_where_a_pattern_rule_gave_up_is_not_cached(repo, capsys, monkeypatch):
    monkeypatch.setattr(pattern_kind, "TIME_BUDGET", -1.0)
    _pack(repo, f"[{A}, {B}]", text="a b one\n\na b two")
    run_main(["check", "--select", "XX"], capsys, repo)
    monkeypatch.setattr(pattern_kind, "TIME_BUDGET", 2.0)
    _code, out, _err = run_main(["check", "--format", "json", "--select", "XX"], capsys, repo)
    assert [d["code"] for d in json.loads(out)["diagnostics"]] == ["XX101", "XX101"]


def test_rl013_for_a_pattern_rule_can_be_turned_off_explicitly(repo, capsys, monkeypatch):
    monkeypatch.setattr(pattern_kind, "TIME_BUDGET", -1.0)
    _pack(repo, f"[{A}, {B}]", text="a b one\n\na b two")
    _code, diagnostics = _lint(repo, capsys, "--ignore", "RL013")
    assert [d["code"] for d in diagnostics] == ["XX101"]


def test_a_match_spans_at_most_the_pack_limit(repo, capsys):
    """``*`` stretches at most MAX_MATCH_TOKENS tokens: ``b * c`` finds b..c 30 tokens apart, not 40."""
    near = "b " + "x " * (MAX_MATCH_TOKENS - 2) + "c"
    far = "b " + "x " * (MAX_MATCH_TOKENS + 8) + "c"
    _pack(repo, f"[{B}, {ANY}, {{LOWER: c}}]", text=f"{near}\n\n{far}")
    _code, diagnostics = _lint(repo, capsys)
    assert [(d["line"], d["code"]) for d in diagnostics] == [(3, "XX101")]


@pytest.mark.parametrize(
    ("tokens", "message"),
    [
        ('[{LOWER: a, OP: "{0,100000000}"}]', "repeats a token more than 32 times"),
        ("[" + ", ".join([A] * 40) + "]", "the pattern has 40 tokens once its quantifiers are written out"),
        ("[" + ", ".join(['{OP: "?"}'] * 16) + "]", "steps on a window of 64 tokens"),
        (
            f'[{ANY}, {A}, {{OP: "+"}}, {A}, {{OP: "{{2,}}"}}, {B}]',
            "3 unbounded operators (*, + or {n,}); a rule pack's pattern may have at most 2",
        ),
        ('[{LOWER: a, OP: "{3,1}"}]', "OP is '{3,1}'; spaCy accepts"),
        ('[{LOWER: a, OP: "**"}]', "OP is '**'; spaCy accepts"),
    ],
)
def test_costly_or_malformed_pack_patterns_are_refused_at_load(repo, tokens, message):
    _pack(repo, tokens)
    with pytest.raises(Exception) as raised:
        load_catalogue(load_config(cwd=repo))
    assert "XX101" in str(raised.value) and message in str(raised.value)


def test_every_built_in_pattern_rule_would_pass_the_pack_bound():
    """The bound leaves room for patterns like the shipped ones (RL118 is the dearest: 0.96 M steps)."""
    catalogue = load_catalogue(load_config(cwd=REPO))
    rules = [rule for rule in catalogue.rules.values() if getattr(rule, "kind", None) == "pattern"]
    assert len(rules) >= 8
    for rule in rules:
        check_bounded([(f"pattern[{n}]", list(p.tokens)) for n, p in enumerate(rule.compiled.patterns)])


def test_the_cost_bound_counts_what_the_issue_pattern_costs():
    """Each wildcard that can match multiplies the Matcher's partial matches: the step count grows
    by about the window's length with each one."""
    one, two, three = (window_steps([{"OP": "*"}, {"LOWER": "a"}] * n + [{"LOWER": "b"}]) for n in (1, 2, 3))
    assert one < 100_000 < two < MAX_WINDOW_STEPS < three
    assert window_steps([{"OP": "?"}] * 16) > MAX_WINDOW_STEPS > window_steps([{"OP": "?"}] * 8)


@pytest.mark.parametrize("seed", range(12))
def test_matching_in_windows_finds_what_the_whole_doc_finds(seed):
    """For matches up to the limit, windows of the Doc give what spaCy's Matcher with
    ``greedy="LONGEST"`` gives on the whole Doc (the built-in rules' way)."""
    import spacy
    from spacy.matcher import Matcher

    rng = random.Random(seed)
    nlp = spacy.blank("en")
    words = ["a", "b", "c", "d"]
    ops = [None, None, None, "?", "*", "+", "{1,3}", "{0,2}", "!"]
    tokens = []
    for _ in range(rng.randint(1, 4)):
        token = {"LOWER": {"IN": rng.sample(words, rng.randint(1, 3))}}
        op = rng.choice(ops)
        if op is not None:
            token["OP"] = op
        tokens.append(token)
    tokens[0].pop("OP", None)  # no empty matches
    doc = nlp.make_doc(" ".join(rng.choice(words) for _ in range(rng.randint(50, 400))))
    whole = Matcher(nlp.vocab)
    whole.add("XX101|0", [tokens])  # every match, filtered here as spaCy's greedy filter does
    expected = _longest([(a, b) for _, a, b in whole(doc) if b - a <= MAX_MATCH_TOKENS], len(doc))
    windowed = Matcher(nlp.vocab)
    windowed.add("XX101|0", [tokens])
    reach = min(longest(tokens) or MAX_MATCH_TOKENS, MAX_MATCH_TOKENS)  # as ``run`` gives it
    found = pattern_kind._windowed_matches(windowed, doc, nlp, tagged=False, reach=reach)
    assert found is not None
    assert sorted((a, b) for _, a, b in found) == sorted(expected), tokens


def _longest(pairs: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """spaCy's ``greedy="LONGEST"`` filter (``Matcher.__call__``), as it is written there."""
    matched = [False] * length
    kept = []
    for start, end in sorted(set(pairs), key=lambda x: (x[1] - x[0], -x[0]), reverse=True):
        if not any(matched[start:end]):
            kept.append((start, end))
            matched[start:end] = [True] * (end - start)
    return kept
