"""Rule examples: every rule's pass and fail cases, run through the real loaders and the runner
(`rolelint rules test`, and the catalogue tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from rolelint.diagnostics import Finding
from rolelint.documents import Document
from rolelint.rulemodel import Rule
from rolelint.rulepacks import builtin_rules_dir, load_rules
from rolelint.runner import rule_languages, run_rules


@dataclass(frozen=True)
class CaseResult:
    """The outcome of one example of a rule: ``expect`` is "fail" (must fire) or "pass" (must not)."""

    code: str
    name: str
    expect: str
    text: str
    passed: bool
    findings: tuple[Finding, ...]
    source_path: Path
    section: str | None = None

    def describe(self) -> str:
        """One line for `rolelint rules test`: where the case lives and what went wrong."""
        text = " ".join(self.text.split())
        text = text if len(text) <= 80 else text[:77] + "..."
        where = f" (section {self.section})" if self.section else ""
        return f"{self.source_path}: {self.detail}{where}: {text!r}"

    @property
    def detail(self) -> str:
        if self.passed:
            return "ok"
        if self.expect == "fail":
            return f"{self.code} should fire on this example but did not"
        found = "; ".join(f"{f.message} [{f.context}]" for f in self.findings)
        return f"{self.code} should not fire on this example but did: {found}"


def case_fields(rule: Rule, case) -> dict:
    if isinstance(case, str):
        case = {"text": case}
    kinds = rule.scope.get("kinds") or ["advert"]
    formats = rule.scope.get("formats") or ["markdown"]
    return {
        "text": case["text"],
        "kind": case.get("kind", kinds[0]),
        "fmt": case.get("format", formats[0]),
        "section": case.get("section"),
        "options": case.get("options") or {},
    }


def case_document(
    text: str, *, kind: str = "advert", fmt: str = "markdown", section: str | None = None, name: str = "<example>"
) -> Document:
    """A Document from a rule example's text, through the real loaders."""
    from rolelint.loaders import document_from_string

    return document_from_string(text, kind=kind, fmt=fmt, section=section, path=name)


def rules_test(
    dirs: Iterable[Path] | None = None,
    *,
    codes: Iterable[str] | None = None,
    model: str | None = None,
    rules: dict[str, Rule] | None = None,
) -> list[CaseResult]:
    """Run every rule's ``examples``: each ``fail`` case must fire the rule, each ``pass`` case must not."""
    if rules is None:
        rules = load_rules(list(dirs) if dirs else [builtin_rules_dir()])
    wanted = set(codes) if codes else None
    results: list[CaseResult] = []
    for code in sorted(rules):
        if wanted is not None and code not in wanted:
            continue
        rule = rules[code]
        cases = [("fail", case) for case in rule.examples["fail"]] + [("pass", case) for case in rule.examples["pass"]]
        for expect, case in cases:
            fields = case_fields(rule, case)
            document = case_document(
                fields["text"],
                kind=fields["kind"],
                fmt=fields["fmt"],
                section=fields["section"],
                name=f"{rule.source_path.name}#{expect}",
            )
            languages = rule_languages(rule)
            if languages is not None and "en" not in languages:
                # A rule's examples are in its language: too short to be told, so they are not guessed.
                from rolelint.language import written_in

                written_in(document, sorted(languages)[0])
            ran = run_rules([document], [rule], {rule.code: fields["options"]}, model=model).get(document.path, [])
            found = tuple(f for f in ran if f.code == rule.code)
            passed = bool(found) if expect == "fail" else not found
            results.append(
                CaseResult(
                    rule.code, rule.name, expect, fields["text"], passed, found, rule.source_path, fields["section"]
                )
            )
    return results
