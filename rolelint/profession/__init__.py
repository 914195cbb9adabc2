"""Profession-wide consistency: rules that check frameworks, roles and adverts against each other."""

from __future__ import annotations

from pathlib import Path

from rolelint.config import Config
from rolelint.diagnostics import Finding
from rolelint.documents import Document


def run_profession_rules(documents: list[Document], rules: dict, config: Config, *, cwd: Path,
                         use_cache: bool = True) -> dict[str, list[Finding]]:
    """Findings by display path for the given documents, checked against the index of the whole repo."""
    from rolelint.profession.index import build_index
    from rolelint.profession.rules import resolve_options

    options = {code: resolve_options(rule, config.rules[code].options if code in config.rules else {})
               for code, rule in rules.items()}
    if not documents:
        return {}
    index = build_index(documents, config, cwd=cwd, use_cache=use_cache, save=False)
    found = run_checks(index, rules, options)
    index.save()  # after the checks, which may have added role features to the cache
    return found


def run_checks(index, rules: dict, options: dict) -> dict[str, list[Finding]]:
    from rolelint.profession.context import CheckContext

    ctx = CheckContext(index, options)
    out: dict[str, list[Finding]] = {}
    for code in sorted(rules):
        seen: set[tuple] = set()
        for report in rules[code].check(ctx):
            if report is None:
                continue
            key = (report.display, report.finding.start, report.finding.end, report.finding.message)
            if key in seen:
                continue
            seen.add(key)
            out.setdefault(report.display, []).append(report.finding)
    return out
