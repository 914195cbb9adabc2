"""Profession-wide consistency: rules that check frameworks, roles and adverts against each other."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolelint.config import Config
from rolelint.diagnostics import Finding
from rolelint.documents import KINDS, Document

if TYPE_CHECKING:
    from rolelint.discovery import FileEntry
    from rolelint.profession.memo import FindingsMemo
    from rolelint.profession.repo import RepoFiles


def resolved_options(rules: dict, config: Config) -> dict[str, dict[str, Any]]:
    """Each selected rule's options: its defaults with the config's values, checked (ConfigError)."""
    from rolelint.profession.base import resolve_options

    return {
        code: resolve_options(rule, config.rules[code].options if code in config.rules else {})
        for code, rule in rules.items()
    }


def findings_memo(
    given: list[FileEntry], rules: dict, config: Config, *, cwd: Path, walked: list[FileEntry] | None = None
) -> FindingsMemo:
    """The memo of a run over ``given`` (the files given to it) with ``rules`` (see rolelint.profession.memo).
    The options are part of the key through the config and the code (which holds the defaults).
    ``walked``: the run's discovery of the config's root, when it walked exactly that (see ``repo_files``)."""
    from rolelint.profession.memo import FindingsMemo

    return FindingsMemo(config, cwd, sorted(rules), given, walked=walked)


def nothing_to_check(index) -> bool:
    """Whether no profession rule can report anything over ``index``: every rule compares documents
    with the frameworks and roles of the index, so with none of either the one thing left to say is
    that an advert names a framework or role that is not defined (RL301). Such a run (one advert
    checked on its own, say) loads none of the rules' checks."""
    if index.frameworks or index.roles or index.duplicates:
        return False
    for entry in index.targets:
        advert = index.adverts.get(entry.display)
        if entry.kind != "advert" or advert is None or advert.framework or advert.role:
            return False
    return True


def only_plain_adverts(documents: list[Document], repo: RepoFiles) -> bool:
    """``nothing_to_check`` decided before building the index, for the index it would build: the
    files given are adverts that name no framework or role, and the repo holds no other file to
    index (an advert checked on its own, outside a roles repo)."""
    given = {document.path for document in documents if document.kind in KINDS}
    if any(entry.display not in given for entry in repo.files):
        return False
    for document in documents:
        if document.kind == "advert":
            data = document.data if isinstance(document.data, dict) else {}
            if any(isinstance(data.get(key), str) and data.get(key) for key in ("framework", "role")):
                return False  # as rolelint.profession.model.advert_from reads them
        elif document.kind in KINDS:
            return False
    return True


def run_profession_rules(
    documents: list[Document],
    rules: dict,
    config: Config,
    *,
    cwd: Path,
    use_cache: bool = True,
    memo: FindingsMemo | None = None,
    holding_no_kind: set[str] | frozenset[str] = frozenset(),
    walked: list[FileEntry] | None = None,
) -> dict[str, list[Finding]]:
    """Findings by display path for the given documents, checked against the index of the whole repo.
    With a ``memo`` (made before the documents were read), they are remembered for the next run.
    ``holding_no_kind``: files (display paths) this run read that hold no document of a kind (see
    ``build_index``); ``walked``: the run's discovery of the config's root (see ``repo_files``)."""
    found: dict[str, list[Finding]] = {}
    if documents:
        from rolelint.profession.repo import RepoFiles, repo_files

        repo = memo.repo if memo is not None else RepoFiles(repo_files(config, cwd, walked=walked), {})
        if not only_plain_adverts(documents, repo):
            from rolelint.profession.index import build_index

            index = build_index(
                documents,
                config,
                cwd=cwd,
                use_cache=use_cache,
                save=False,
                repo=repo,
                holding_no_kind=holding_no_kind,
            )
            if not nothing_to_check(index):
                found = run_checks(index, rules, resolved_options(rules, config))
            index.save()  # after the checks, which may have added role features to the cache
    if memo is not None:
        memo.remember(found)
    return found


def load_index(config: Config, *, cwd: Path):
    """Every framework, role and advert under the config's root, read once and kept in memory (nothing
    is written), for a caller that checks many texts against the same repo (rolelint.api)."""
    from rolelint.profession.index import build_index

    return build_index([], config, cwd=cwd, use_cache=False, save=False)


def run_against(index, documents: list[Document], rules: dict, config: Config) -> dict[str, list[Finding]]:
    """Findings by display path for ``documents``, checked against ``index`` (from ``load_index``)
    as though they were the files given to a run over that repo."""
    from rolelint.profession.index import with_documents

    if not documents:
        return {}
    run = with_documents(index, documents)
    if nothing_to_check(run):
        return {}
    return run_checks(run, rules, resolved_options(rules, config))


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
