"""A file's findings made diagnostics: kept by the run's codes, placed at line and column, suppressed.

Each file's part is its own (``place_file``), so --jobs workers do it beside the per-file stage; what
needs the whole run, the profession rules' findings, is added to a file's placed diagnostics after
(``finish_file``), before its suppression comments are applied.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolelint.config import Config
from rolelint.diagnostics import Diagnostic, Finding, Severity
from rolelint.discovery import FileEntry
from rolelint.formats import format_for
from rolelint.registry import RuleCatalogue
from rolelint.source import SourceText
from rolelint.suppressions import Suppression, covering_count, match_suppressions, parse_suppressions


@dataclass
class PlacedFile:
    """A file's findings kept by the run's codes and placed, in their order, no suppression applied
    yet; and the file's suppression comments."""

    diagnostics: list[Diagnostic]
    suppressions: list[Suppression]


def severity_of(code: str, catalogue: RuleCatalogue, config: Config) -> Severity:
    settings = config.rules.get(code)
    if settings is not None and settings.severity is not None:
        return settings.severity
    rule = catalogue.rules.get(code)
    return rule.severity if rule is not None else Severity.ERROR


def ignored_codes(entry: FileEntry | None, config: Config) -> tuple[str, ...]:
    """The code prefixes the config's `per_file_ignores` turn off for ``entry``."""
    return config.ignored_codes_for(entry.relative) if entry else ()


def place_findings(
    findings: list[Finding],
    source: SourceText,
    catalogue: RuleCatalogue,
    config: Config,
    active: set[str],
    ignored: tuple[str, ...],
) -> list[Diagnostic]:
    """The ``findings`` of codes the run keeps, placed in ``source``, in their order."""
    return [
        place(f, source, catalogue, config)
        for f in findings
        if f.code in active and not any(f.code.startswith(p) for p in ignored)
    ]


def place_file(
    findings: list[Finding],
    source: SourceText | None,
    entry: FileEntry | None,
    display: str,
    active: set[str],
    catalogue: RuleCatalogue,
    config: Config,
) -> PlacedFile:
    """What a worker can do of ``finish_file`` for one file before the profession rules have run."""
    source = source or SourceText(display, "")
    placed = place_findings(findings, source, catalogue, config, active, ignored_codes(entry, config))
    return PlacedFile(placed, file_suppressions(source, entry, catalogue))


def file_suppressions(source: SourceText, entry: FileEntry | None, catalogue: RuleCatalogue) -> list[Suppression]:
    if entry is None or not source.text:
        return []
    return parse_suppressions(source, format_for(entry.path).suppressions, known=catalogue.rules)


def finish_file(
    placed: PlacedFile,
    more: list[Finding],
    source: SourceText | None,
    entry: FileEntry | None,
    display: str,
    active: set[str],
    catalogue: RuleCatalogue,
    config: Config,
) -> list[Diagnostic]:
    """A file's diagnostics: ``placed`` (from ``place_file``) with ``more`` findings (the profession
    rules') placed after them, then its suppression comments applied."""
    source = source or SourceText(display, "")
    ignored = ignored_codes(entry, config)
    diagnostics = placed.diagnostics
    if not more:
        return apply_suppressions(diagnostics, placed.suppressions, source, active, catalogue, config, ignored)
    diagnostics = diagnostics + place_findings(more, source, catalogue, config, active, ignored)
    kept = apply_suppressions(diagnostics, placed.suppressions, source, active, catalogue, config, ignored)
    return _without_superseded(kept, catalogue)


def _without_superseded(diagnostics: list[Diagnostic], catalogue: RuleCatalogue) -> list[Diagnostic]:
    """``diagnostics`` less those of a rule that another reported finding supersedes at the same place
    (its rule's ``supersedes``; RL307 over RL122): one finding on the words, from the rule that knows more."""
    covering = [(d, codes) for d in diagnostics if (codes := getattr(catalogue.rules.get(d.code), "supersedes", ()))]
    if not covering:
        return diagnostics

    def superseded(d: Diagnostic) -> bool:
        return any(
            d.code in codes
            and (d.line, d.column) < (c.end_line, c.end_column)
            and (c.line, c.column) < (d.end_line, d.end_column)
            for c, codes in covering
        )

    return [d for d in diagnostics if not superseded(d)]


def place(finding: Finding, source: SourceText, catalogue: RuleCatalogue, config: Config) -> Diagnostic:
    if finding.code == "RL004" and finding.context and ":" in finding.context:
        line, column = (int(x) for x in finding.context.split(":", 1))
        end_line, end_column = line, column + 1
    else:
        line, column = source.position(finding.start)
        end_line, end_column = source.position(max(finding.end, finding.start))
    rule = catalogue.rules.get(finding.code)
    return Diagnostic(
        path=source.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=finding.code,
        severity=severity_of(finding.code, catalogue, config),
        message=finding.message,
        rule=rule.name if rule else "",
        suggestion=finding.suggestion,
        field_path=finding.field,
        section=finding.section,
        fix=finding.fix,
        context=finding.context,
        about_whole=finding.about_whole,
    )


def apply_suppressions(
    diagnostics: list[Diagnostic],
    suppressions: list[Suppression],
    source: SourceText,
    active: set[str],
    catalogue: RuleCatalogue,
    config: Config,
    ignored: tuple[str, ...],
) -> list[Diagnostic]:
    """``diagnostics`` less those a suppression comment covers, with RL009 for a comment that names
    no rule or suppresses nothing."""
    if not suppressions:
        return diagnostics
    covered = match_suppressions(suppressions, [(d.code, d.line) for d in diagnostics])
    kept = [diagnostic for diagnostic, hidden in zip(diagnostics, covered) if not hidden]
    if "RL009" not in active or any("RL009".startswith(p) for p in ignored):
        return kept
    count_rl009 = covering_count(suppressions, "RL009")
    named: dict[tuple[int, int], list[str]] = {}  # a comment's codes, over the ranges it is kept in
    for suppression in suppressions:
        named.setdefault((suppression.start, suppression.end), []).extend(suppression.codes)
    for suppression in suppressions:
        if suppression.continued:
            continue  # reported (or not) with the comment's first range
        codes = tuple(dict.fromkeys(named[(suppression.start, suppression.end)]))
        if suppression.invalid:
            # a mistyped code suppresses nothing, and would otherwise go unnoticed
            what = ", ".join(f"`{code}`" for code in suppression.invalid)
            plural = len(suppression.invalid) > 1
            message = f"suppression names {what}, which {'are' if plural else 'is'} no rule's code; " + (
                "it suppresses nothing" if suppression.nothing else f"only {', '.join(codes)} is suppressed"
            )
            kept.append(place(Finding("RL009", message, suppression.start, suppression.end), source, catalogue, config))
            if suppression.nothing:
                continue
        if suppression.used:
            continue
        # Only a suppression whose rules all ran can be known to be unused.
        if codes and not all(any(code.startswith(p) for code in active) for p in codes):
            continue
        what = ", ".join(codes) if codes else "all rules"
        finding = Finding(
            "RL009", f"suppression of {what} suppresses nothing; remove it", suppression.start, suppression.end
        )
        placed = place(finding, source, catalogue, config)
        if count_rl009(placed.line) - suppression.covers("RL009", placed.line) <= 0:  # none but itself
            kept.append(placed)
    return kept


__all__ = [
    "PlacedFile",
    "apply_suppressions",
    "finish_file",
    "place",
    "place_file",
    "place_findings",
    "severity_of",
]
