"""What a Dask worker does for one partition: read its adverts, lint them with the worker's Linter,
and write the per-advert rows and findings next to each other.

Each worker process holds one ``rolelint.Linter`` for the run's settings (made by ``LinterPlugin``
when the worker joins, else by the first partition), so the config, the rules, the spaCy pipeline
and the profession index load once per process. A partition's files are written under a temporary
name and renamed, the adverts table last: it existing is what marks the partition done.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rolelint.audit.inputs import METADATA, Advert, Columns, Partition, RecordError, read
from rolelint.checks.named.pay import is_salary_figure

# The subfolders of an audit's output folder (each a dataset of one format, readable as a whole).
ADVERTS, FINDINGS, FINDINGS_JSONL, ERRORS = "adverts", "findings", "findings-jsonl", "errors"
WARNINGS = "warnings"  # records read and linted, with a problem in their data (a date that is not one)


@dataclass(frozen=True)
class AuditSettings:
    """Everything a worker needs, sent with each task (small, picklable)."""

    out: str
    columns: Columns = Columns()
    repo: str | None = None  # a roles repo: profession rules check each advert against it
    config_path: str | None = None
    start: str = "."  # where the config is looked for when there is no repo or config file
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()

    @property
    def linter_key(self) -> tuple:
        return (
            self.repo,
            self.config_path,
            self.start,
            self.select,
            self.ignore,
            self.extend_select,
            self.extend_ignore,
        )


_LINTERS: dict[tuple, Any] = {}


def linter_for(settings: AuditSettings):
    """This process's Linter for ``settings``, made once."""
    linter = _LINTERS.get(settings.linter_key)
    if linter is None:
        from rolelint.api import Linter

        # Without a roles repo there is nothing to check adverts against: no profession rules.
        extend_ignore = settings.extend_ignore if settings.repo else (*settings.extend_ignore, "RL3")
        linter = Linter(
            config_path=settings.config_path,
            start=settings.repo or settings.start,
            select=settings.select,
            ignore=settings.ignore,
            extend_select=settings.extend_select,
            extend_ignore=extend_ignore,
        )
        _LINTERS.clear()
        _LINTERS[settings.linter_key] = linter
    return linter


def warm(settings: AuditSettings) -> None:
    """Load the Linter and its spaCy pipeline now (when a worker joins), not in the first task."""
    from rolelint.nlp import quieter_garbage_collector

    quieter_garbage_collector()
    linter_for(settings).lint_text(
        "We are hiring a product manager. Salary: £40,000.", name="adverts/warm-up.md", kind="advert"
    )


def partition_done(out: Path, partition: Partition) -> bool:
    return (out / ADVERTS / f"{partition.name}.parquet").exists()


def audit_partition(partition: Partition, settings: AuditSettings) -> dict:
    """Lint one partition and write its outputs; a summary for the progress line."""
    out = Path(settings.out)
    records = read(partition, settings.columns)
    adverts = [r for r in records if isinstance(r, Advert)]
    errors = [r for r in records if isinstance(r, RecordError)]
    linter = linter_for(settings)
    found, failed = lint_adverts(linter, partition.name, adverts)
    errors += failed
    codes = sorted(linter.active)
    rows, lines, finding_rows, warnings = [], [], [], []
    unlinted = {e.where for e in failed}
    for advert in adverts:
        if advert.where in unlinted:
            continue
        diagnostics = found.get(advert.where, [])
        row = advert_row(advert, diagnostics, codes, rl208_active="RL208" in linter.active)
        rows.append(row)
        _, problem = read_date(row["date"])
        if problem:
            warnings.append(json.dumps({"where": advert.where, "id": advert.id, "problem": "date", "message": problem}))
        findings = [finding_dict(d) for d in diagnostics]
        lines.append(
            json.dumps(
                {
                    **{k: row[k] for k in ("id", "where", *METADATA, "words", "reading_grade", "states_pay")},
                    "findings": findings,
                },
                ensure_ascii=False,
            )
        )
        finding_rows += [{"id": advert.id, **{k: row[k] for k in METADATA}, **f} for f in findings]
    _write_jsonl(out / FINDINGS_JSONL / f"{partition.name}.jsonl", lines)
    _write_jsonl(
        out / ERRORS / f"{partition.name}.jsonl",
        [json.dumps({"where": e.where, "message": e.message}, ensure_ascii=False) for e in errors],
    )
    _write_jsonl(out / WARNINGS / f"{partition.name}.jsonl", warnings)
    _write_parquet(out / FINDINGS / f"{partition.name}.parquet", finding_rows, finding_schema())
    _write_parquet(out / ADVERTS / f"{partition.name}.parquet", rows, advert_schema(codes))  # last: marks it done
    return {"partition": partition.name, "adverts": len(rows), "errors": len(errors), "findings": len(finding_rows)}


def lint_adverts(linter, partition: str, adverts: list[Advert]) -> tuple[dict[str, list], list[RecordError]]:
    """Diagnostics by advert (its ``where``), in one batch; when the batch fails, advert by advert,
    so that one advert rolelint cannot lint is reported and the others still are."""
    # A file keeps its suffix, so that it is read in its own format (HTML, Word …), as `rolelint check` reads it.
    names = {
        f"adverts/{partition}/{n:06d}{Path(advert.where).suffix.lower() if advert.data is not None else '.md'}": advert
        for n, advert in enumerate(adverts)
    }
    try:
        return _by_advert(
            linter.lint_texts(list((name, a.content) for name, a in names.items()), kind="advert"), names
        ), []
    except Exception:  # noqa: BLE001 - find the advert at fault, keep the rest
        found, failed = {}, []
        for name, advert in names.items():
            try:
                found.update(_by_advert(linter.lint_texts([(name, advert.content)], kind="advert"), {name: advert}))
            except Exception as exc:  # noqa: BLE001
                failed.append(RecordError(advert.where, f"could not be linted: {type(exc).__name__}: {exc}"))
        return found, failed


def _by_advert(result, names: dict[str, Advert]) -> dict[str, list]:
    found: dict[str, list] = {advert.where: [] for advert in names.values()}
    paths = {name: advert.where for name, advert in names.items()}
    for diagnostic in result.diagnostics:
        where = _advert_of(diagnostic.path, paths)
        if where is not None:
            found[where].append(diagnostic)
    return found


def _advert_of(path: str, paths: dict[str, str]) -> str | None:
    if path in paths:
        return paths[path]
    for name, where in paths.items():  # a display path made absolute or relative differently
        if path.endswith(name):
            return where
    return None


def finding_dict(diagnostic) -> dict:
    return {
        "line": diagnostic.line,
        "column": diagnostic.column,
        "end_line": diagnostic.end_line,
        "end_column": diagnostic.end_column,
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "severity": diagnostic.severity.label,
        "message": diagnostic.full_message,
        "suggestion": diagnostic.suggestion or "",
    }


def advert_row(advert: Advert, diagnostics: list, codes: list[str], *, rl208_active: bool) -> dict:
    metadata = dict(advert.metadata)
    counts = {code: 0 for code in codes}
    for diagnostic in diagnostics:
        if diagnostic.code in counts:
            counts[diagnostic.code] += 1
    words, grade = text_measures(advert.text)
    states_pay = pay_stated(
        metadata.get("salary", ""),
        rl208_ran=rl208_active and (counts.get("RL208", 0) > 0 or not nothing_to_lint(advert, diagnostics)),
        rl208_fired=counts.get("RL208", 0) > 0,
    )
    return {
        "id": advert.id,
        "where": advert.where,
        **{k: metadata.get(k, "") for k in METADATA},
        "month": month_of(metadata.get("date", "")),
        "words": words,
        "reading_grade": grade,
        "states_pay": states_pay,
        "findings": len(diagnostics),
        "errors": sum(d.severity.label == "error" for d in diagnostics),
        "warnings": sum(d.severity.label == "warning" for d in diagnostics),
        **counts,
    }


def pay_stated(salary: str, *, rl208_ran: bool, rl208_fired: bool) -> bool | None:
    """Whether an advert states its pay: True when the input's salary holds a figure, or when the
    missing-salary rule (RL208) ran on the advert and found a figure in it; False when RL208 ran and
    found none; None (unknown) when RL208 did not run on it (not selected, or nothing to lint)."""
    if is_salary_figure(salary):
        return True
    if not rl208_ran:
        return None
    return not rl208_fired


def nothing_to_lint(advert: Advert, diagnostics: list) -> bool:
    """Whether rolelint had no advert to run the rules on: a blank text, or a file it found empty
    (RL003)."""
    if advert.data is None and not advert.text.strip():
        return True
    return any(d.code == "RL003" for d in diagnostics)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*\r?\n", re.S)


_DATE_FORMS = (
    # ISO: a day, with a time after it or not ("2026-03-14T09:00:00Z"), or a month alone ("2026-03")
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2})(?:[T ].*)?)?"),
    re.compile(r"(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})"),  # day/month/year
    re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"),
)
DATE_FORMS = "2026-03-14, 14/03/2026 or 20260314"


def read_date(date: str) -> tuple[str, str | None]:
    """The month of a date ('2026-03' for '2026-03-14', '14/03/2026', '20260314' or '2026-03') and
    what is wrong with it: ('', None) for no date, ('', why) for one that is not a day of the
    calendar or not in one of those forms."""
    value = date.strip()
    if not value:
        return "", None
    for pattern in _DATE_FORMS:
        match = pattern.fullmatch(value)
        if match:
            try:
                datetime.date(int(match["year"]), int(match["month"]), int(match["day"] or 1))
            except ValueError:
                return "", f"date {date!r} is not a day of the calendar; its month is left blank"
            return f"{match['year']}-{int(match['month']):02d}", None
    return "", f"date {date!r} is not a date in a form rolelint reads ({DATE_FORMS}); its month is left blank"


def month_of(date: str) -> str:
    """The month of a date ('' when there is none, or it is not a date): see ``read_date``."""
    return read_date(date)[0]


_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_MARKUP = re.compile(r"^\s*(?:#+|[-*+]|\d+[.)])\s+")


def text_measures(text: str) -> tuple[int, float | None]:
    """Words, and the Flesch-Kincaid grade of the advert's prose (None with no sentence): each line
    of text (Markdown markers removed) ends a sentence, as do full stops, question and exclamation
    marks; front matter is left out."""
    body = _FRONT_MATTER.sub("", text, count=1)
    words = syllables = sentences = 0
    for line in body.splitlines():
        line = _MARKUP.sub("", line)
        for part in _SENTENCE_END.split(line):
            found = _WORD.findall(part)
            if not found:
                continue
            sentences += 1
            words += len(found)
            syllables += sum(_syllables(word) for word in found)
    if not words:
        return 0, None
    return words, round(0.39 * words / sentences + 11.8 * syllables / words - 15.59, 2)


def _syllables(word: str) -> int:
    word = word.lower().strip("'’")
    if len(word) <= 3:
        return 1
    if word.endswith("e") and not word.endswith(("le", "ee")):
        word = word[:-1]
    return max(1, len(_VOWEL_GROUPS.findall(word)))


# --- writing ----------------------------------------------------------------------------------


def advert_schema(codes: list[str]):
    import pyarrow as pa

    fields = [
        ("id", pa.string()),
        ("where", pa.string()),
        *((k, pa.string()) for k in METADATA),
        ("month", pa.string()),
        ("words", pa.int32()),
        ("reading_grade", pa.float64()),
        ("states_pay", pa.bool_()),
        ("findings", pa.int32()),
        ("errors", pa.int32()),
        ("warnings", pa.int32()),
        *((code, pa.int16()) for code in codes),
    ]
    return pa.schema(fields)


def finding_schema():
    import pyarrow as pa

    return pa.schema(
        [
            ("id", pa.string()),
            *((k, pa.string()) for k in METADATA),
            ("line", pa.int32()),
            ("column", pa.int32()),
            ("end_line", pa.int32()),
            ("end_column", pa.int32()),
            ("code", pa.string()),
            ("rule", pa.string()),
            ("severity", pa.string()),
            ("message", pa.string()),
            ("suggestion", pa.string()),
        ]
    )


def _write_parquet(path: Path, rows: list[dict], schema) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows, schema=schema)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, path)


def _write_jsonl(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    os.replace(temporary, path)
