"""Profession-wide consistency: rules that check frameworks, roles and adverts against each other."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolelint.config import Config
from rolelint.diagnostics import Finding
from rolelint.documents import Document

if TYPE_CHECKING:
    from rolelint.discovery import FileEntry
    from rolelint.profession.memo import FindingsMemo


def resolved_options(rules: dict, config: Config) -> dict[str, dict[str, Any]]:
    """Each selected rule's options: its defaults with the config's values, checked (ConfigError)."""
    from rolelint.profession.base import resolve_options

    return {code: resolve_options(rule, config.rules[code].options if code in config.rules else {})
            for code, rule in rules.items()}


def findings_memo(given: list[FileEntry], rules: dict, config: Config, *, cwd: Path) -> FindingsMemo:
    """The memo of a run over ``given`` (the files given to it) with ``rules`` (see rolelint.profession.memo)."""
    from rolelint.profession.memo import FindingsMemo

    return FindingsMemo(config, cwd, resolved_options(rules, config), given)


def run_profession_rules(documents: list[Document], rules: dict, config: Config, *, cwd: Path,
                         use_cache: bool = True, memo: FindingsMemo | None = None) -> dict[str, list[Finding]]:
    """Findings by display path for the given documents, checked against the index of the whole repo.
    With a ``memo`` (made before the documents were read), they are remembered for the next run."""
    options = resolved_options(rules, config)
    if not documents:
        found: dict[str, list[Finding]] = {}
    else:
        from rolelint.profession.index import build_index

        index = build_index(documents, config, cwd=cwd, use_cache=use_cache, save=False,
                            repo=memo.repo if memo is not None else None)
        found = run_checks(index, rules, options)
        index.save()  # after the checks, which may have added role features to the cache
    if memo is not None:
        memo.remember(found)
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
