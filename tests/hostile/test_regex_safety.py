"""Pack regexes run on a linear-time engine, and no regex rule runs past its time budget
(issue 13, point 2; docs/security.md)."""

from __future__ import annotations

import json
import time

import pytest

from rolelint.checks import regex as regex_kind
from rolelint.config import load_config
from rolelint.registry import load_catalogue
from tests.conftest import write
from tests.hostile.helpers import CONFIG, assert_gave_up_after_the_first_paragraph, run_main
from tests.hostile.test_nothing_executes import rule_file

# A paragraph of 1.5 kB where a pattern with repeats across required literals would backtrack for
# ever on Python's re (the issue measured more than 60 s): words full of the literal it repeats.
PARAGRAPH = " ".join(["alpaca" * 20] * 13)[:1500]


def _pack(repo, pattern: str, *, text: str = PARAGRAPH, ignore_case: bool = False) -> None:
    spec = f"regex:\n  pattern: '{pattern}'\n" + ("  ignore_case: true\n" if ignore_case else "")
    write(repo, ".rolelint.yaml", CONFIG + "rule_packs: [team-rules/]\n")
    write(repo, "team-rules/XX101-team-rule.yaml", rule_file(spec=spec))
    write(repo, "adverts/a.md", f"# About the role\n\n{text}\n")


def _lint(repo, capsys, *args: str) -> tuple[int, list[dict], float]:
    started = time.process_time()
    code, out, err = run_main(["check", "--no-cache", "--format", "json", "--select", "XX", *args], capsys, repo)
    assert code in (0, 1), err
    return code, json.loads(out)["diagnostics"], time.process_time() - started


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w*a\w*a\w*a\w*a\w*b",  # repeats across required literals they can match
        "[a-z]{0,400}[a-z]{0,400}[a-z]{0,400}q",  # adjacent bounded repeats
        r"(a+)+$",  # nested quantifiers
        r"(\w+\s?)*$",
        r"(a|aa)*b",
    ],
)
def test_a_pack_pattern_that_would_backtrack_runs_in_linear_time(repo, capsys, pattern):
    _pack(repo, pattern)
    _code, diagnostics, cpu = _lint(repo, capsys)
    assert cpu < 10, f"{pattern} took {cpu:.1f} CPU-s on 1.5 kB"
    assert not any(d["code"] == "RL013" for d in diagnostics)


def test_the_same_pattern_on_python_re_does_not_finish():
    """The witness that the paragraph is hostile: Python's re does not finish it in two seconds
    (in a child process, which is killed: re cannot be interrupted)."""
    import subprocess
    import sys

    script = f"import re; re.search(r'\\w*a\\w*a\\w*a\\w*a\\w*b', {PARAGRAPH!r})"
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run([sys.executable, "-c", script], timeout=2)


def test_re2_matches_what_the_rule_means(repo, capsys):
    _pack(repo, r"\bhel+o\b", text="Say hello, then helllo, not shello.", ignore_case=True)
    _code, diagnostics, _cpu = _lint(repo, capsys)
    assert [
        (d["line"], d["column"], d["end_column"], d["context"] if "context" in d else None)[:3] for d in diagnostics
    ] == [(3, 5, 10), (3, 17, 23)]


def test_a_rule_that_spends_its_budget_gives_up_with_a_finding_naming_it(repo, capsys, monkeypatch):
    monkeypatch.setattr(regex_kind, "TIME_BUDGET", -1.0)  # spent before the second span
    _pack(repo, "hello", text="hello one\n\nhello two\n\nhello three")
    code, diagnostics, _cpu = _lint(repo, capsys)
    assert_gave_up_after_the_first_paragraph(code, diagnostics)


def test_a_result_where_a_rule_gave_up_is_not_cached(repo, capsys, monkeypatch):
    monkeypatch.setattr(regex_kind, "TIME_BUDGET", -1.0)
    _pack(repo, "hello", text="hello one\n\nhello two")
    run_main(["check", "--select", "XX"], capsys, repo)
    monkeypatch.setattr(regex_kind, "TIME_BUDGET", 2.0)
    code, out, _err = run_main(["check", "--format", "json", "--select", "XX"], capsys, repo)
    codes = [d["code"] for d in json.loads(out)["diagnostics"]]
    assert codes == ["XX101", "XX101"]


def test_rl013_can_be_turned_off_explicitly(repo, capsys, monkeypatch):
    monkeypatch.setattr(regex_kind, "TIME_BUDGET", -1.0)
    _pack(repo, "hello", text="hello one\n\nhello two")
    _code, diagnostics, _cpu = _lint(repo, capsys, "--ignore", "RL013")
    assert [d["code"] for d in diagnostics] == ["XX101"]


def test_built_in_rules_run_on_python_re_and_pack_rules_on_re2(repo):
    _pack(repo, "hello")
    catalogue = load_catalogue(load_config(cwd=repo))
    assert catalogue.rules["RL101"].compiled.engine == "re"  # trusted: it needs look-ahead
    assert catalogue.rules["XX101"].compiled.engine == "re2"
