"""Every profession rule fires on its `fail` cases and stays silent on its `pass` cases.

Cases live in tests/profession/cases/RL3xx.yaml. Each one is a small roles repo: the files of
cases/_base.yaml plus the case's own `files:` (a file with the same path replaces the base's). Only
the files in `check:` (default: the case's own files) are given to the run, as pre-commit would.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from rolelint.config import load_config
from rolelint.engine import Selection, check
from rolelint.profession.rules import PROFESSION_RULES

CASES = Path(__file__).with_name("cases")
BASE = yaml.safe_load((CASES / "_base.yaml").read_text(encoding="utf-8"))


def _load_cases() -> list[tuple[str, str, dict]]:
    out = []
    for path in sorted(CASES.glob("RL3*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for outcome in ("fail", "pass"):
            for case in spec.get(outcome) or []:
                out.append((spec["code"], outcome, case))
    return out


ALL_CASES = _load_cases()


def run_case(tmp_path: Path, code: str, case: dict, monkeypatch: pytest.MonkeyPatch):
    files = {**({} if case.get("no_base") else BASE), **(case.get("files") or {})}
    for relative, content in files.items():
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(content), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config(cwd=tmp_path)
    given = case.get("check") or list(case.get("files") or {})
    result = check([Path(p) for p in given], config, selection=Selection(select=(code,)), cwd=tmp_path)
    return [d for d in result.diagnostics if d.code == code]


@pytest.mark.parametrize(
    "code,outcome,case", ALL_CASES, ids=[f"{code}-{outcome}-{case['name']}" for code, outcome, case in ALL_CASES]
)
def test_rule_case(tmp_path, monkeypatch, code, outcome, case):
    found = run_case(tmp_path, code, case, monkeypatch)
    shown = "\n".join(f"{d.path}:{d.line}:{d.column} {d.message}" for d in found)
    if outcome == "pass":
        assert not found, f"{code} fired on a pass case:\n{shown}"
        return
    assert found, f"{code} did not fire on a fail case"
    if case.get("message"):
        assert any(case["message"] in d.message for d in found), f"no message contains {case['message']!r}:\n{shown}"
    if case.get("at"):
        path, line = case["at"].rsplit(":", 1)
        assert any(d.path == path and d.line == int(line) for d in found), f"nothing at {case['at']}:\n{shown}"
    if case.get("count") is not None:
        assert len(found) == case["count"], shown


@pytest.mark.parametrize("code", sorted(PROFESSION_RULES))
def test_every_rule_has_cases_that_fire_and_cases_that_must_not(code):
    outcomes = {outcome for c, outcome, _ in ALL_CASES if c == code}
    assert outcomes == {"fail", "pass"}, f"{code} needs both fail and pass cases in tests/profession/cases/{code}.yaml"


@pytest.mark.parametrize("code", sorted(PROFESSION_RULES))
def test_every_rule_is_documented(code):
    rule = PROFESSION_RULES[code]
    assert rule.code == code and rule.kind == "profession" and not rule.fixable
    for key in ("what", "why", "example", "use_instead"):
        assert str(rule.docs.get(key, "")).strip(), f"{code} has no docs[{key!r}]"
    assert isinstance(rule.docs.get("references"), list)
    for name, option in rule.options.items():
        assert option.problem(option.default) is None, f"{code} option {name} has an invalid default"
