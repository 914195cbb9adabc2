"""`rolelint audit`: the command line's side (options to settings, progress, what is printed)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from rolelint.config import ConfigError


def _columns(values: tuple[str, ...]):
    from rolelint.audit.inputs import Columns

    overrides = {}
    for value in values:
        key, sep, name = value.partition("=")
        if not sep or not key.strip() or not name.strip():
            raise click.BadParameter(f"{value!r} is not FIELD=COLUMN, e.g. text=description", param_hint="--column")
        overrides[key.strip()] = name.strip()
    return Columns().with_overrides(overrides)


# A Dask scheduler's address: tcp://HOST:PORT (or another of Dask's protocols); HOST:PORT means tcp.
_SCHEDULER = re.compile(
    r"(?:(?P<protocol>tcp|tls|ws|wss|ucx)://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]]+):(?P<port>\d{1,5})"
)


def scheduler_address(value: str) -> str:
    """``--scheduler`` as Dask takes it (``tcp://`` when no protocol is given); a usage error when it
    is not HOST:PORT."""
    match = _SCHEDULER.fullmatch(value.strip())
    if match is None or not 0 < int(match["port"]) < 65536:
        raise click.BadParameter(
            f"{value!r} is not a Dask scheduler address: give tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786 "
            "(`dask scheduler` prints it)",
            param_hint="--scheduler",
        )
    return f"{match['protocol'] or 'tcp'}://{match['host']}:{match['port']}"


def audit(
    source: Path,
    *,
    out: Path,
    repo: Path | None,
    config_path: Path | None,
    input_format: str | None,
    columns: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...] = (),
    extend_ignore: tuple[str, ...] = (),
    scheduler: str | None,
    workers: int | None,
    partition_size: int,
    title: str,
) -> int:
    try:
        from rolelint.audit.inputs import AuditInputError
        from rolelint.audit.run import AuditSettings, run_audit
    except ImportError as exc:
        raise ConfigError(
            f"rolelint audit needs Dask, pandas and pyarrow ({exc.name or exc} is missing): "
            "pip install 'rolelint[audit]'"
        ) from None
    from rolelint.api import OPTION_FLAGS, Linter
    from rolelint.progress import PROGRESS_THRESHOLD, progress_wanted

    if scheduler is not None:
        scheduler = scheduler_address(scheduler)
    if repo is not None and not repo.is_dir():
        raise ConfigError(f"--repo {repo}: not a folder (a roles repo with frameworks and roles)")
    try:
        settings = AuditSettings(
            out=str(out.resolve()),
            columns=_columns(columns),
            repo=str(repo.resolve()) if repo else None,
            config_path=str(config_path.resolve()) if config_path else None,
            start=str(Path.cwd()),
            select=select,
            ignore=ignore,
            extend_select=extend_select,
            extend_ignore=extend_ignore,
        )
        # The rules and config are checked here, before a cluster starts: a bad one is exit 2 now.
        linter = Linter(
            config_path=settings.config_path,
            start=settings.repo or settings.start,
            select=select,
            ignore=ignore,
            extend_select=extend_select,
            extend_ignore=extend_ignore,
            option_names=OPTION_FLAGS,
        )
    except AuditInputError as exc:
        raise ConfigError(str(exc)) from None

    bar = {}

    def progress(total: int, skipped: int):
        if skipped:
            click.echo(f"rolelint audit: {skipped} of {total} partitions done by an earlier run, skipped", err=True)
        if not progress_wanted(PROGRESS_THRESHOLD):  # on a terminal, outside CI, however few partitions
            return None
        bar["bar"] = click.progressbar(
            length=total - skipped, label="Auditing", file=sys.stderr, show_pos=True, show_eta=True, width=30
        )
        bar["bar"].__enter__()
        return bar["bar"].update

    try:
        outcome = run_audit(
            source,
            settings,
            input_format=input_format,
            partition_size=partition_size,
            scheduler=scheduler,
            workers=workers,
            title=title,
            progress=progress,
            rule_names=lambda: {info.code: info.name for info in linter.rules()},
        )
    except AuditInputError as exc:
        raise ConfigError(str(exc)) from None
    finally:
        if "bar" in bar:
            bar["bar"].__exit__(None, None, None)
    click.echo(
        f"rolelint audit: {_count(outcome.adverts, 'advert')} in {_count(outcome.partitions, 'partition')}; "
        f"report: {outcome.report}",
        err=True,
    )
    if not outcome.adverts and not outcome.record_errors:
        click.echo(f"rolelint audit: warning: {source} holds no adverts; the report is empty", err=True)
    if outcome.record_errors:
        click.echo(
            f"rolelint audit: {_count(outcome.record_errors, 'record')} could not be read or linted: "
            f"see {out / 'errors'}",
            err=True,
        )
    if outcome.skipped_files:
        shown = ", ".join(f"{suffix} ({count})" for suffix, count in list(outcome.skipped_files.items())[:6])
        more = ", …" if len(outcome.skipped_files) > 6 else ""
        click.echo(
            f"rolelint audit: skipped {_count(sum(outcome.skipped_files.values()), 'file')} that no input format "
            f"reads: {shown}{more} (see docs/formats.md)",
            err=True,
        )
    for warning in outcome.warnings:
        click.echo(f"rolelint audit: warning: {warning}", err=True)
    for note in outcome.notes:
        click.echo(f"rolelint audit: note: {note}", err=True)
    for failure in outcome.failed:
        click.echo(f"rolelint audit: partition {failure} (run again to retry it)", err=True)
    return 1 if outcome.failed else 0


def _count(number: int, word: str) -> str:
    """``1 advert``, ``2 adverts``, ``1,200 adverts``."""
    return f"{number:,} {word}{'' if number == 1 else 's'}"
