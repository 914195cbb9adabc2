"""Run an audit: plan the partitions, send those not done yet to a Dask cluster (a LocalCluster on
this machine's cores, or an existing one), follow them with a progress bar, and write the report.

The cluster this starts is always closed before ``run_audit`` returns, whatever happens.
"""

from __future__ import annotations

import contextlib
import json
import logging
import uuid
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from distributed.diagnostics.plugin import WorkerPlugin

from rolelint.audit.inputs import AuditInputError, Columns, Partition, detect_format, first_line, plan, skipped_files
from rolelint.audit.work import AuditSettings, audit_partition, partition_done, warm

SETTINGS_FILE = "audit.json"
CONNECT_TIMEOUT = 20  # seconds to wait for a --scheduler to answer


@dataclass
class AuditOutcome:
    partitions: int = 0
    skipped: int = 0  # done by an earlier run
    adverts: int = 0
    findings: int = 0
    record_errors: int = 0
    failed: list[str] = field(default_factory=list)  # partitions whose task failed: "name: why"
    report: Path | None = None
    skipped_files: dict[str, int] = field(default_factory=dict)  # files of a folder not read, by suffix
    warnings: list[str] = field(default_factory=list)  # about the data: dates that are not dates, duplicate ids
    notes: list[str] = field(default_factory=list)  # warnings raised while it ran (by Dask, pandas …), one line each


class LinterPlugin(WorkerPlugin):
    """Loads the run's Linter (config, rules, spaCy pipeline) once, when a worker joins."""

    name = "rolelint-audit"

    def __init__(self, settings: AuditSettings):
        self.settings = settings

    def setup(self, worker) -> None:
        warm(self.settings)


def check_output_folder(out: Path, record: dict) -> None:
    """An output folder holds one audit: a re-run with other settings would mix two."""
    path = out / SETTINGS_FILE
    if path.exists():
        try:
            before = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            before = None
        if before != record:
            changed = _changed(before, record) if isinstance(before, dict) else []
            raise AuditInputError(
                f"{out} holds an audit made with other settings ("
                + (f"{', '.join(changed)} differ" if changed else f"its {SETTINGS_FILE} is unreadable")
                + f"); give another --out, or delete {out} to start again"
            )
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")


def _changed(before: dict, now: dict, prefix: str = "") -> list[str]:
    """The keys whose values differ, named down to the values inside ``settings`` (``settings.select``)."""
    changed = []
    for key in sorted(set(before) | set(now)):
        old, new = before.get(key), now.get(key)
        if old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict) and not prefix:
            changed.extend(_changed(old, new, f"{key}."))
        else:
            changed.append(prefix + key)
    return changed


def run_audit(
    source: Path,
    settings: AuditSettings,
    *,
    input_format: str | None = None,
    partition_size: int = 200,
    scheduler: str | None = None,
    workers: int | None = None,
    title: str = "Advert audit",
    progress: Callable[[int, int], Callable[[int], None] | None] | None = None,
    rule_names: Callable[[], dict[str, str]] | None = None,
) -> AuditOutcome:
    """``progress(total, skipped)`` returns ``advance(n)`` (or None) for the partitions to run."""
    source = source.resolve()
    fmt = input_format or detect_format(source)
    partitions = plan(source, fmt, settings.columns, partition_size=partition_size)
    out = Path(settings.out)
    record = {
        "input": str(source),
        "input_format": fmt,
        "partition_size": partition_size,
        "settings": {k: v for k, v in asdict(settings).items() if k != "out"},
    }
    check_output_folder(out, json.loads(json.dumps(record, default=list)))
    todo = [p for p in partitions if not partition_done(out, p)]
    outcome = AuditOutcome(
        partitions=len(partitions), skipped=len(partitions) - len(todo), skipped_files=skipped_files(source, fmt)
    )
    advance = progress(len(partitions), outcome.skipped) if progress else None
    # Nothing left to lint: the report is made here, without starting a cluster.
    with warnings_as_notes(outcome.notes), _client(scheduler, workers) if todo else contextlib.nullcontext() as client:
        if todo:
            client.register_plugin(LinterPlugin(settings))
            _run_partitions(client, todo, settings, outcome, advance)
        from rolelint.audit.report import aggregate, write_report

        names = rule_names() if rule_names else {}
        aggregates = aggregate(out, names, client=client)
        outcome.record_errors = aggregates.record_errors
        outcome.adverts = aggregates.adverts
        outcome.warnings = aggregates.warnings()
        outcome.report = write_report(out, aggregates, title=title, source=str(source), rule_names=names)
    return outcome


def _run_partitions(
    client, todo: list[Partition], settings: AuditSettings, outcome: AuditOutcome, advance: Callable[[int], None] | None
) -> None:
    from distributed import as_completed

    run = uuid.uuid4().hex[:8]
    futures = {
        client.submit(
            audit_partition, partition, settings, key=f"rolelint-audit-{run}-{partition.name}", pure=False, retries=1
        ): partition
        for partition in todo
    }
    for future in as_completed(futures):
        partition = futures[future]
        try:
            summary = future.result()
        except Exception as exc:  # noqa: BLE001 - one partition's failure does not stop the others
            outcome.failed.append(f"{partition.name}: {type(exc).__name__}: {exc}")
        else:
            outcome.findings += summary["findings"]
        if advance:
            advance(1)


@contextlib.contextmanager
def warnings_as_notes(notes: list[str]):
    """Python warnings raised in this process while the block runs become one line each in
    ``notes`` (once per message) instead of a raw ``file.py:195: UserWarning:`` on standard error.
    Deprecation warnings are for the authors of the code that raised them and are dropped."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield notes
        finally:
            for warning in caught:
                if issubclass(warning.category, (DeprecationWarning, PendingDeprecationWarning, FutureWarning)):
                    continue
                note = " ".join(str(warning.message).split())
                if note and note not in notes:
                    notes.append(note)


class _client:
    """A Dask client on ``scheduler``, or on a LocalCluster of ``workers`` processes that is closed
    when the block ends."""

    def __init__(self, scheduler: str | None, workers: int | None, *, timeout: int = CONNECT_TIMEOUT):
        self.scheduler, self.workers, self.timeout = scheduler, workers, timeout
        self.cluster = self.client = None

    def __enter__(self):
        from distributed import Client, LocalCluster

        from rolelint.schedule import available_cores

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout=f"{self.timeout}s")
            except (OSError, TimeoutError) as exc:
                why = f"no Dask scheduler answered within {self.timeout} s ({first_line(exc)})"
            except Exception as exc:  # noqa: BLE001 - something answered that does not speak Dask's protocol
                why = f"what answered there is not a Dask scheduler ({type(exc).__name__})"
            else:
                return self.client
            raise AuditInputError(
                f"--scheduler {self.scheduler}: {why}; is `dask scheduler` running there, and its port open?"
            )
        # No dashboard, and the scheduler's HTTP endpoint on a free port: Dask's default, 8787, may be
        # taken by another cluster or by an earlier audit still closing.
        self.cluster = LocalCluster(
            n_workers=self.workers or available_cores(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            scheduler_kwargs={"dashboard": False},
            silence_logs=logging.ERROR,
        )
        self.client = Client(self.cluster)
        return self.client

    def __exit__(self, *exc_info) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


__all__ = ["AuditInputError", "AuditOutcome", "AuditSettings", "Columns", "run_audit"]
