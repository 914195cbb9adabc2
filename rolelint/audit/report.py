"""The audit's aggregate report: rule rates by organisation, profession, level and month, the
distributions of length and reading grade, and the share of adverts stating pay, as CSV tables and
one self-contained HTML page (inline SVG, no script, nothing fetched).

The figures are computed with dask.dataframe from the per-advert Parquet files, on the cluster
the audit ran on, so a report over millions of adverts is made where the data is.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from rolelint.audit import svg
from rolelint.audit.work import ADVERTS, ERRORS, FINDINGS, WARNINGS

DIMENSIONS = ("organisation", "profession", "level", "month")
# The columns each dimension groups by: a level's id means something only within its profession
# ("senior" product manager and "senior" delivery manager are two levels).
GROUP_COLUMNS = {
    "organisation": ("organisation",),
    "profession": ("profession",),
    "level": ("profession", "level"),
    "month": ("month",),
}
REPORT = "report"
WORD_BIN, WORD_TOP = 100, 2000  # words per bin, and the last bin's start ("2000+")
GRADE_LOW, GRADE_TOP = 0, 20


@dataclass
class Aggregates:
    adverts: int = 0
    record_errors: int = 0
    states_pay: float | None = None  # share of the adverts whose pay is known (None: none is)
    pay_known: int = 0  # adverts RL208 ran on, or whose input gives a salary figure
    codes: list[str] = field(default_factory=list)  # codes that fired, most common first
    severity: dict[str, str] = field(default_factory=dict)  # code -> the severity its findings were reported at
    overall: list[dict] = field(default_factory=list)  # code, rule, severity, adverts, rate
    by: dict[str, list[dict]] = field(default_factory=dict)  # dimension -> rows (value, adverts, states_pay, codes)
    words: list[tuple[str, int]] = field(default_factory=list)
    grades: list[tuple[str, int]] = field(default_factory=list)
    median_words: float = 0.0
    median_grade: float | None = None
    bad_dates: int = 0  # adverts whose date is not a date (listed in warnings/)
    duplicate_ids: list[tuple[str, int]] = field(default_factory=list)  # ids given to more than one advert, most first

    @property
    def problem_codes(self) -> list[str]:
        """The codes that fired at error or warning severity: problems, which fail `rolelint check`
        by default."""
        return [code for code in self.codes if self.severity.get(code) != "info"]

    @property
    def info_codes(self) -> list[str]:
        """The codes that fired at info severity: notes and advice (an inferred role level, text in
        another language, a length or section to consider), which do not fail a check by default."""
        return [code for code in self.codes if self.severity.get(code) == "info"]

    def warnings(self) -> list[str]:
        """What is wrong with the data as a whole, one sentence each, for the report and the command line."""
        said = []
        if self.bad_dates:
            said.append(
                f"{_adverts(self.bad_dates)} {'has' if self.bad_dates == 1 else 'have'} an invalid date "
                f"(not a day of the calendar, or not in a form rolelint reads; the month is left blank): "
                f"see {WARNINGS}/."
            )
        if self.duplicate_ids:
            total = sum(n for _, n in self.duplicate_ids)
            shown = ", ".join(f"{ident!r} ({n})" for ident, n in self.duplicate_ids[:5])
            more = ", …" if len(self.duplicate_ids) > 5 else ""
            ids = len(self.duplicate_ids)
            said.append(
                f"{ids:,} id{'s are' if ids != 1 else ' is'} given to more than one advert ({total:,} adverts): "
                f"{shown}{more}; every advert is kept."
            )
        return said


def _adverts(number: int) -> str:
    return f"{number:,} advert{'' if number == 1 else 's'}"


def aggregate(out: Path, rule_names: dict[str, str], *, client: Any = None) -> Aggregates:
    """The report's figures from ``out/adverts/*.parquet``, computed on ``client`` (the audit's Dask
    client), else on threads in this process: never on whatever client happens to be the default.
    Group-bys shuffle by tasks, which any scheduler runs: a client made earlier in the process leaves
    Dask's default set to its peer-to-peer shuffle, which only its workers can run."""
    import dask

    with dask.config.set({"dataframe.shuffle.method": "tasks"}):
        return _aggregate(out, rule_names, client)


def _aggregate(out: Path, rule_names: dict[str, str], client: Any) -> Aggregates:
    import dask
    import dask.dataframe as dd

    files = sorted(str(p) for p in (out / ADVERTS).glob("*.parquet"))
    result = Aggregates(record_errors=_count_lines(out / ERRORS), bad_dates=_count_lines(out / WARNINGS))
    if not files:
        return result
    df = dd.read_parquet(files)
    codes = [c for c in df.columns if c.startswith("RL")]
    flags = df[codes].gt(0).astype("int32")
    # states_pay is null where it is unknown (RL208 did not run): left out of the share's denominator.
    flags["states_pay"] = df["states_pay"].fillna(False).astype("int32")
    flags["pay_known"] = df["states_pay"].notnull().astype("int32")
    flags["adverts"] = 1
    grouped = {
        dimension: flags.assign(**{f"by_{c}": df[c].fillna("") for c in columns})
        .groupby([f"by_{c}" for c in columns])
        .sum()
        for dimension, columns in GROUP_COLUMNS.items()
    }
    words = df["words"].clip(upper=WORD_TOP) // WORD_BIN * WORD_BIN
    grades = df["reading_grade"].dropna().clip(lower=GRADE_LOW, upper=GRADE_TOP).floordiv(1)
    ids = df["id"].value_counts()
    findings = sorted(str(p) for p in (out / FINDINGS).glob("*.parquet"))
    severities = (
        dd.read_parquet(findings, columns=["code", "severity"]).drop_duplicates()
        if findings
        else dd.from_dict({"code": [], "severity": []}, npartitions=1)
    )
    scheduler = client if client is not None else "threads"
    totals, by, word_counts, grade_counts, median_words, median_grade, duplicates, severity = dask.compute(
        flags.sum(),
        grouped,
        words.value_counts(),
        grades.value_counts(),
        df["words"].quantile(0.5),
        df["reading_grade"].dropna().quantile(0.5),
        ids[ids > 1],
        severities,
        scheduler=scheduler,
    )
    order = {"info": 0, "warning": 1, "error": 2}
    for code, label in sorted(zip(severity["code"], severity["severity"]), key=lambda item: order.get(item[1], 1)):
        result.severity[str(code)] = str(label)  # the worst, should a code have been reported at two
    result.duplicate_ids = sorted(
        ((str(i), int(n)) for i, n in duplicates.items()), key=lambda item: (-item[1], item[0])
    )
    adverts = int(totals["adverts"])
    result.adverts = adverts
    result.pay_known = int(totals["pay_known"])
    result.states_pay = _share(totals["states_pay"], result.pay_known)
    fired = sorted((c for c in codes if totals[c] > 0), key=lambda c: (-totals[c], c))
    result.codes = fired
    result.overall = [
        {
            "code": c,
            "rule": rule_names.get(c, ""),
            "severity": result.severity.get(c, ""),
            "adverts": int(totals[c]),
            "rate": round(float(totals[c]) / adverts, 4),
        }
        for c in fired
    ]
    for dimension, table in by.items():
        rows: list[dict] = []
        for values, counts in table.sort_values("adverts", ascending=False).iterrows():
            n = int(counts["adverts"])
            values = values if isinstance(values, tuple) else (values,)
            rows.append(
                {
                    **dict(zip(GROUP_COLUMNS[dimension], (str(v) for v in values))),
                    "adverts": n,
                    "states_pay": _share(counts["states_pay"], int(counts["pay_known"])),
                    "pay_known": int(counts["pay_known"]),
                    **{c: round(float(counts[c]) / n, 4) for c in fired},
                }
            )
        if dimension == "month":
            rows.sort(key=lambda row: str(row["month"]) or "9999")
        result.by[dimension] = rows
    result.words = [
        (f"{int(b)}+" if b >= WORD_TOP else f"{int(b)}-{int(b) + WORD_BIN - 1}", int(word_counts.get(b, 0)))
        for b in range(0, WORD_TOP + 1, WORD_BIN)
    ]
    result.grades = [
        (f"{int(g)}+" if g >= GRADE_TOP else f"{int(g)}", int(grade_counts.get(float(g), 0)))
        for g in range(GRADE_LOW, GRADE_TOP + 1)
    ]
    result.median_words = float(median_words) if median_words == median_words else 0.0
    result.median_grade = float(median_grade) if median_grade == median_grade else None
    return result


def _share(count, of: int) -> float | None:
    return round(float(count) / of, 4) if of else None


def _count_lines(folder: Path) -> int:
    total = 0
    for path in folder.glob("*.jsonl"):
        with path.open("rb") as handle:
            total += sum(1 for line in handle if line.strip())
    return total


# --- CSV ----------------------------------------------------------------------------------------


def write_tables(aggregates: Aggregates, folder: Path) -> list[Path]:
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    written = []

    def table(name: str, header: list[str], rows: list[dict]) -> None:
        path = folder / name
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)

    table("rates_overall.csv", ["code", "rule", "severity", "adverts", "rate"], aggregates.overall)
    for dimension in DIMENSIONS:
        table(
            f"rates_by_{dimension}.csv",
            [*GROUP_COLUMNS[dimension], "adverts", "states_pay", "pay_known", *aggregates.codes],
            aggregates.by.get(dimension, []),
        )
    table("words_distribution.csv", ["words", "adverts"], [{"words": b, "adverts": n} for b, n in aggregates.words])
    table(
        "reading_grade_distribution.csv",
        ["reading_grade", "adverts"],
        [{"reading_grade": g, "adverts": n} for g, n in aggregates.grades],
    )
    return written


# --- HTML ---------------------------------------------------------------------------------------

_STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1100px;color:#222;
padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #ddd}
.meta{color:#555}.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1.2rem 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.7rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.5rem}table{border-collapse:collapse;font-size:.85rem}
td,th{border-bottom:1px solid #eee;padding:.2rem .6rem;text-align:left}.empty{color:#777}
.scroll{overflow-x:auto}.warning{border-left:4px solid #c60;padding:.3rem .7rem;background:#fff6ec}
"""

TOP_GROUPS, TOP_CODES = 20, 16


def render_html(aggregates: Aggregates, *, title: str, source: str, rule_names: dict[str, str]) -> str:
    a = aggregates
    codes = a.problem_codes[:TOP_CODES]
    problems = [row for row in a.overall if row["code"] in set(a.problem_codes)]
    info = [row for row in a.overall if row["code"] in set(a.info_codes)]
    parts = [
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(source)} · made {datetime.date.today().isoformat()} by rolelint audit</p>',
        '<div class="cards">',
        _card("adverts", f"{a.adverts:,}"),
        _card(f"state pay, of {a.pay_known:,} known", _percent(a.states_pay)),
        _card("median words", f"{a.median_words:,.0f}"),
        _card("median reading grade", "–" if a.median_grade is None else f"{a.median_grade:.1f}"),
        _card("records not read", f"{a.record_errors:,}"),
        "</div>",
        *(f'<p class="warning">{escape(said)}</p>' for said in a.warnings()),
        "<h2>How often each problem is found</h2><p>Share of adverts with at least one finding of the rule, "
        "for the rules reported as errors or warnings. Info-level notes and advice are apart, "
        '<a href="#info">below</a>.</p>',
        svg.bars([(f"{row['code']} {row['rule']}", row["rate"]) for row in problems[:30]], title="rule rates"),
    ]
    for dimension in DIMENSIONS:
        rows = [row for row in a.by.get(dimension, []) if row[dimension] != ""][:TOP_GROUPS]
        parts.append(f"<h2>Rule rates by {dimension}</h2>")
        if not rows:
            parts.append(f'<p class="empty">No advert has a {dimension}.</p>')
            continue
        if dimension == "month":
            rows.sort(key=lambda row: row["month"])
        parts.append(
            f"<p>Share of adverts (in %) with a finding of each of the {len(codes)} most frequent problems "
            "(rules reported as errors or warnings); "
            f"{'the' if dimension == 'month' else 'the largest'} {len(rows)} {dimension} values "
            f"(all in <code>rates_by_{dimension}.csv</code>).</p>"
        )
        parts.append(
            '<div class="scroll">'
            + svg.heatmap(
                [" · ".join(row[c] for c in GROUP_COLUMNS[dimension] if row[c]) for row in rows],
                [f"{c} {rule_names.get(c, '')}" for c in codes],
                [[row.get(c, 0.0) for c in codes] for row in rows],
                counts=[row["adverts"] for row in rows],
                title=f"rule rates by {dimension}",
            )
            + "</div>"
        )
    organisations = [row for row in a.by.get("organisation", []) if row["organisation"] != ""][:TOP_GROUPS]
    parts += [
        "<h2>Share of adverts stating pay</h2>",
        f"<p>Overall {_percent(a.states_pay)} of the {a.pay_known:,} adverts whose pay is known: a salary "
        "figure in the data, or a figure in the text (RL208 ran and did not fire).",
        (
            f" {a.adverts - a.pay_known:,} adverts are left out: RL208 did not run on them (it was not "
            "selected, or the advert was empty) and the data gives no salary figure."
            if a.adverts > a.pay_known
            else ""
        ),
        "</p>",
        svg.bars(
            [(row["organisation"], row["states_pay"]) for row in organisations if row["states_pay"] is not None],
            title="pay stated",
        ),
        "<h2>Length</h2><p>Words per advert.</p>",
        svg.histogram(a.words, title="words per advert"),
        "<h2>Reading grade</h2><p>Flesch-Kincaid grade of each advert's prose (school years).</p>",
        svg.histogram(a.grades, title="reading grade"),
        '<h2 id="info">Info-level notes and advice</h2><p>Share of adverts with a finding of each rule reported '
        "at info severity: not problems by themselves (they do not fail <code>rolelint check</code> by default), "
        "such as the role level rolelint inferred for an advert, text in another language, or a length or "
        "section to consider. They are left out of the rule-rate charts above.</p>",
        svg.bars([(f"{row['code']} {row['rule']}", row["rate"]) for row in info[:30]], title="info-level rates"),
        "<h2>Rules</h2><table><tr><th>code</th><th>rule</th><th>severity</th><th>adverts</th><th>share</th></tr>",
        *(
            f"<tr><td>{escape(r['code'])}</td><td>{escape(r['rule'])}</td><td>{escape(r['severity'])}</td>"
            f"<td>{r['adverts']:,}</td><td>{r['rate']:.1%}</td></tr>"
            for r in a.overall
        ),
        "</table></body></html>",
    ]
    return "".join(parts)


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _card(label: str, value: str) -> str:
    return f'<div class="card"><b>{escape(value)}</b>{escape(label)}</div>'


def write_report(out: Path, aggregates: Aggregates, *, title: str, source: str, rule_names: dict[str, str]) -> Path:
    folder = out / REPORT
    write_tables(aggregates, folder)
    page = folder / "index.html"
    page.write_text(render_html(aggregates, title=title, source=source, rule_names=rule_names), encoding="utf-8")
    (folder / "summary.json").write_text(
        json.dumps(
            {
                "adverts": aggregates.adverts,
                "record_errors": aggregates.record_errors,
                "bad_dates": aggregates.bad_dates,
                "duplicate_ids": [{"id": ident, "adverts": n} for ident, n in aggregates.duplicate_ids],
                "warnings": aggregates.warnings(),
                "states_pay": aggregates.states_pay,
                "states_pay_known": aggregates.pay_known,
                "states_pay_unknown": aggregates.adverts - aggregates.pay_known,
                "median_words": aggregates.median_words,
                "median_reading_grade": aggregates.median_grade,
                "rates": aggregates.overall,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return page
