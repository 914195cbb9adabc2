"""One lint run: discover, load, validate, run rules, apply config and suppressions, sort."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from rolelint.config import Config
from rolelint.core_rules import CORE_RULES
from rolelint.diagnostics import Diagnostic, Finding
from rolelint.discovery import DiscoveryProblem, FileEntry, discover
from rolelint.documents import Document
from rolelint.placing import PlacedFile, finish_file, place_file, severity_of
from rolelint.progress import progress_bar, progress_wanted
from rolelint.registry import RuleCatalogue, load_catalogue
from rolelint.schedule import lint_files
from rolelint.source import SourceText

# Profession findings by display path for the documents of a run, given the active codes.
ProfessionRun = Callable[[list[Document], set[str]], dict[str, list[Finding]]]


@dataclass(frozen=True)
class Selection:
    """Which rules run: CLI `--select`/`--ignore` replace the config's when given;
    `--extend-select`/`--extend-ignore` add to whichever lists are in force."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()

    def selects(self, config: Config) -> tuple[str, ...]:
        """The select list in force, without the extension (empty: every rule on by default)."""
        return self.select or config.select

    def ignores(self, config: Config) -> tuple[str, ...]:
        return (self.ignore or config.ignore) + self.extend_ignore


@dataclass
class RunResult:
    diagnostics: list[Diagnostic]
    files: list[str]
    sources: dict[str, SourceText] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)
    catalogue: RuleCatalogue | None = None  # for reporters that describe the rules (sarif)
    skipped: dict[str, int] = field(default_factory=dict)  # suffix -> files in folders no format reads
    # Files given to the run that are not rolelint's to lint (rolelint.filestage.is_left_alone); not in ``files``.
    left_alone: list[str] = field(default_factory=list)


def _prefix_length(code: str, prefixes: tuple[str, ...]) -> int:
    lengths = [len(p) for p in prefixes if p == "ALL" or code.startswith(p)]
    return max(lengths, default=-1)


def is_enabled(code: str, default: bool, config: Config, selection: Selection) -> bool:
    select = selection.selects(config)
    settings = config.rules.get(code)
    enabled = settings.enabled if settings is not None and settings.enabled is not None else default
    selected = _prefix_length(code, select)
    extended = _prefix_length(code, selection.extend_select)
    ignored = _prefix_length(code, selection.ignores(config))
    if select and selected < 0 and extended < 0:
        return False
    selected = max(selected, extended)
    if select or extended >= 0:
        # An explicit selection (longer than a bare prefix like "RL") turns on a rule that is off by default.
        enabled = enabled or selected >= len(code)
    if ignored >= 0 and ignored >= selected:
        return False
    return enabled


def check(
    paths: list[Path],
    config: Config,
    *,
    selection: Selection = Selection(),
    cwd: Path | None = None,
    catalogue: RuleCatalogue | None = None,
    use_cache: bool = False,
    jobs: int | None = 1,
    show_progress: bool = False,
) -> RunResult:
    """``jobs`` None: all cores for a large run, else 1. ``documents`` in the result lacks files served
    from the cache when no profession rule needed them."""
    cwd = (cwd or Path.cwd()).resolve()
    skipped: Counter = Counter()
    entries, problems = discover(paths, config, cwd=cwd, skipped=skipped)
    # A run over the config's root has walked what the profession index lists: it is not walked again.
    given = paths or [cwd]
    walked_root = len(given) == 1 and Path(os.path.abspath(cwd / given[0])) == config.root.resolve()
    run = check_entries(
        entries,
        config,
        selection=selection,
        cwd=cwd,
        catalogue=catalogue,
        use_cache=use_cache,
        jobs=jobs,
        show_progress=show_progress,
        problems=problems,
        walked=entries if walked_root else None,
    )
    run.skipped = dict(skipped.most_common())
    return run


def active_codes(catalogue: RuleCatalogue, config: Config, selection: Selection) -> set[str]:
    """The codes of the rules a run with this config and selection runs."""
    active = {code for code, rule in catalogue.rules.items() if is_enabled(code, rule.enabled, config, selection)}
    # A rule that gives up (RL013) must say so whenever it runs, unless RL013 itself is turned off.
    if (
        GAVE_UP not in active
        and any(_may_give_up(catalogue.rules[code]) for code in active)
        and not _turned_off(GAVE_UP, config, selection)
    ):
        active.add(GAVE_UP)
    return active


GAVE_UP = "RL013"


def _may_give_up(rule) -> bool:
    """Whether ``rule`` runs under a time budget: every regex rule, and a rule pack's pattern rule."""
    kind = getattr(rule, "kind", None)
    return kind == "regex" or (kind == "pattern" and getattr(rule.compiled, "bounded", False))


def _turned_off(code: str, config: Config, selection: Selection) -> bool:
    """Whether ``code`` is ignored (by a prefix at least as long as any selecting it) or disabled."""
    settings = config.rules.get(code)
    if settings is not None and settings.enabled is False:
        return True
    selected = max(_prefix_length(code, selection.selects(config)), _prefix_length(code, selection.extend_select))
    return _prefix_length(code, selection.ignores(config)) >= max(selected, 1)


def check_entries(
    entries: list[FileEntry],
    config: Config,
    *,
    selection: Selection = Selection(),
    cwd: Path | None = None,
    catalogue: RuleCatalogue | None = None,
    use_cache: bool = False,
    jobs: int | None = 1,
    show_progress: bool = False,
    problems: Sequence[DiscoveryProblem] = (),
    profession: ProfessionRun | None = None,
    walked: list[FileEntry] | None = None,
) -> RunResult:
    """``check`` for files already found (some may carry their content: see FileEntry). ``problems``
    are what discovery could not read. ``profession`` runs the profession rules against an index
    loaded before (rolelint.api), instead of indexing the repo for this run. ``walked``: the
    ``entries``, when they are what discovery found walking the config's root itself."""
    cwd = (cwd or Path.cwd()).resolve()
    catalogue = catalogue or load_catalogue(config)
    active = active_codes(catalogue, config, selection)
    use_cache = use_cache and not any(entry.content is not None for entry in entries)

    per_file: dict[str, list[Finding]] = {}  # findings to place here: discovery's, cached files'
    placed: dict[str, PlacedFile] = {}  # files whose findings the per-file stage placed
    sources: dict[str, SourceText] = {}
    documents: list[Document] = []
    holding_no_kind: set[str] = set()  # files read for this run that the profession index would skip
    left_alone: set[str] = set()
    for problem in problems:
        per_file.setdefault(problem.display, []).append(Finding("RL002", problem.message, 0, 0))
    entry_by_display: dict[str, FileEntry] = {e.display: e for e in entries}
    cache = None
    if use_cache:
        from rolelint.cache import open_cache

        cache = open_cache(config, catalogue, active)
    # An unchanged repo: the profession findings of the last such run, and no documents to parse for them.
    memo = catalogue.profession_memo(entries, active, config, cwd, walked=walked) if use_cache else None
    recalled = memo.recall() if memo is not None else None
    need_documents = recalled is None and any(code in active for code in catalogue.profession_rules)
    with progress_bar(len(entries), enabled=show_progress and progress_wanted(len(entries))) as advance:
        outcomes = lint_files(
            entries,
            config,
            catalogue,
            active,
            need_documents=need_documents,
            cache=cache,
            jobs=jobs,
            progress=advance,
            place=True,
        )
    for outcome in outcomes:
        if outcome.placed is not None and outcome.display not in per_file:
            placed[outcome.display] = outcome.placed
        else:
            per_file.setdefault(outcome.display, []).extend(outcome.findings)
        if outcome.source is not None:
            sources[outcome.display] = outcome.source
        if outcome.document is not None:
            documents.append(outcome.document)
        if outcome.holds_no_kind:
            holding_no_kind.add(outcome.display)
        if outcome.left_alone:
            left_alone.add(outcome.display)

    # Profession rules see the whole index but report only on the files given to this run.
    if recalled is not None:
        found = recalled
    elif profession is not None:
        found = profession(documents, active)
    else:
        found = catalogue.run_profession_rules(
            documents,
            active,
            config,
            cwd,
            use_cache=use_cache,
            memo=memo,
            holding_no_kind=holding_no_kind,
            walked=walked,
        )
    more: dict[str, list[Finding]] = {}
    for path, findings in found.items():
        if path in entry_by_display:
            if path in placed:
                more[path] = findings
            else:
                per_file.setdefault(path, []).extend(findings)

    diagnostics: list[Diagnostic] = []
    for display, findings in per_file.items():
        entry = entry_by_display.get(display)
        source = sources.get(display)
        here = place_file(findings, source, entry, display, active, catalogue, config)
        diagnostics.extend(finish_file(here, [], source, entry, display, active, catalogue, config))
    for display, done in placed.items():
        entry = entry_by_display.get(display)
        extra = more.get(display, [])
        if not extra and not done.suppressions:
            diagnostics.extend(done.diagnostics)  # what finish_file would give, without the call
            continue
        diagnostics.extend(finish_file(done, extra, sources.get(display), entry, display, active, catalogue, config))
    diagnostics.sort()
    return RunResult(
        diagnostics=diagnostics,
        files=[e.display for e in entries if e.display not in left_alone],
        sources=sources,
        documents=documents,
        catalogue=catalogue,
        left_alone=[e.display for e in entries if e.display in left_alone],
    )


__all__ = [
    "CORE_RULES",
    "ProfessionRun",
    "RunResult",
    "Selection",
    "active_codes",
    "check",
    "check_entries",
    "is_enabled",
    "severity_of",
]
