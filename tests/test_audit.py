"""`rolelint audit` on a real Dask LocalCluster with two worker processes: the per-advert findings are
those `rolelint check` gives on the same texts; partitions resume; bad records and missing columns
are reported."""

from __future__ import annotations

import csv
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from conftest import CORPUS, REPO  # noqa: E402

from rolelint.audit.inputs import Advert, Columns, RecordError, detect_format, html_to_markdown, plan, read  # noqa: E402
from rolelint.audit.run import AuditInputError, AuditSettings, run_audit  # noqa: E402
from rolelint.audit.work import linter_for, month_of, text_measures  # noqa: E402

EXAMPLES = REPO / "examples"


def _generator():
    spec = importlib.util.spec_from_file_location("audit_sample", EXAMPLES / "audit" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cluster():
    """One LocalCluster of two worker processes for the module (closed at its end)."""
    import logging

    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as running:
        yield running.scheduler_address


def _findings_by_id(out: Path) -> dict[str, list[tuple]]:
    found = {}
    for path in sorted((out / "findings-jsonl").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            advert = json.loads(line)
            found[advert["id"]] = sorted(
                (f["line"], f["column"], f["end_line"], f["end_column"], f["code"], f["message"])
                for f in advert["findings"]
            )
    return found


def _check_findings(root: Path, files: dict[str, Path], *args: str) -> dict[str, list[tuple]]:
    """`rolelint check --format json` over ``files`` (id -> path), its findings by id."""
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "rolelint",
            "check",
            "--no-cache",
            "--format",
            "json",
            "--jobs",
            "1",
            *args,
            *(str(p) for p in files.values()),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode in (0, 1), run.stderr
    by_path: dict[str, list[tuple]] = {}
    for d in json.loads(run.stdout)["diagnostics"]:
        by_path.setdefault(str((root / d["path"]).resolve()), []).append(
            (d["line"], d["column"], d["end_line"], d["end_column"], d["code"], d["message"])
        )
    return {ident: sorted(by_path.get(str(path.resolve()), [])) for ident, path in files.items()}


def test_audit_findings_equal_rolelint_check_on_the_same_texts(cluster, tmp_path):
    adverts = _generator().generate_adverts(200, seed=11)
    source = tmp_path / "adverts.jsonl"
    lines = [json.dumps(a) for a in adverts]
    lines.insert(17, "{this line is not JSON")
    lines.insert(90, json.dumps({"id": "no-text", "organisation": "Nowhere"}))
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    audited_repo = shutil.copytree(EXAMPLES, tmp_path / "repo-audited", ignore=shutil.ignore_patterns("audit"))
    out = tmp_path / "out"
    settings = AuditSettings(out=str(out), repo=str(audited_repo), start=str(tmp_path))

    outcome = run_audit(source, settings, partition_size=60, scheduler=cluster)

    assert outcome.failed == []
    assert outcome.partitions >= 3
    assert outcome.adverts == 200
    errors = [json.loads(line) for p in sorted((out / "errors").glob("*.jsonl")) for line in p.read_text().splitlines()]
    assert sorted(e["where"] for e in errors) == ["adverts.jsonl:18", "adverts.jsonl:91"]
    assert any("no 'text' value" in e["message"] for e in errors)

    checked_repo = shutil.copytree(EXAMPLES, tmp_path / "repo-checked", ignore=shutil.ignore_patterns("audit"))
    files = {}
    for advert in adverts:
        files[advert["id"]] = path = checked_repo / "adverts" / "audit" / f"{advert['id']}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(advert["text"], encoding="utf-8")
    audited = _findings_by_id(out)
    checked = _check_findings(checked_repo, files)
    assert audited == checked
    assert sum(len(f) for f in audited.values()) > 200
    assert {code for f in audited.values() for *_, code, _ in f} >= {"RL121", "RL208", "RL316"}

    report = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert (
        "<svg" in report
        and "<script" not in report
        and "http://" not in report.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    with (out / "report" / "rates_by_organisation.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sum(int(r["adverts"]) for r in rows) == 200
    kestrel = sum(1 for a in adverts if a["organisation"] == "Kestrel Bank")
    assert next(int(r["adverts"]) for r in rows if r["organisation"] == "Kestrel Bank") == kestrel


def test_a_rerun_skips_the_partitions_already_written(cluster, tmp_path):
    adverts = _generator().generate_adverts(40, seed=3)
    source = tmp_path / "adverts.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in adverts), encoding="utf-8")
    settings = AuditSettings(out=str(tmp_path / "out"), start=str(tmp_path))
    first = run_audit(source, settings, partition_size=10, scheduler=cluster)
    assert (first.partitions, first.skipped, first.adverts) == (4, 0, 40)
    written = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out" / "adverts").glob("*.parquet")}

    again = run_audit(source, settings, partition_size=10, scheduler=cluster)
    assert (again.skipped, again.adverts) == (4, 40)
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out" / "adverts").glob("*.parquet")} == written

    (tmp_path / "out" / "adverts" / "part-00002.parquet").unlink()
    resumed = run_audit(source, settings, partition_size=10, scheduler=cluster)
    assert (resumed.skipped, resumed.adverts) == (3, 40)


def test_an_output_folder_of_another_audit_is_refused(cluster, tmp_path):
    source = tmp_path / "adverts.jsonl"
    source.write_text(json.dumps({"text": "We need a rockstar."}) + "\n", encoding="utf-8")
    run_audit(source, AuditSettings(out=str(tmp_path / "out"), start=str(tmp_path)), scheduler=cluster)
    with pytest.raises(AuditInputError, match="other settings"):
        run_audit(
            source, AuditSettings(out=str(tmp_path / "out"), start=str(tmp_path), ignore=("RL1",)), scheduler=cluster
        )


def test_the_refusal_names_the_settings_that_differ(tmp_path):
    from rolelint.audit.run import check_output_folder

    record = {"input": "a.jsonl", "partition_size": 200, "settings": {"select": [], "ignore": ["RL2"]}}
    check_output_folder(tmp_path, record)
    check_output_folder(tmp_path, record)  # the same settings: resumed, not refused
    other = {**record, "settings": {"select": ["RL1"], "ignore": ["RL2"]}}
    with pytest.raises(AuditInputError, match=r"other settings \(settings\.select differ\)"):
        check_output_folder(tmp_path, other)
    (tmp_path / "audit.json").write_text("{", encoding="utf-8")
    with pytest.raises(AuditInputError, match=r"its audit\.json is unreadable"):
        check_output_folder(tmp_path, record)


def test_corpus_adverts_audited_as_a_folder_equal_rolelint_check(cluster, tmp_path):
    folder = CORPUS / "moj-job-descriptions"
    if not folder.is_dir():
        pytest.skip("../shared/corpus is not present")
    chosen = sorted(folder.rglob("*.md"))[:24]
    adverts = tmp_path / "adverts"
    files = {}
    for number, path in enumerate(chosen):
        copy = adverts / f"{number:03d}-{path.name}"
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, copy)
        files[str(copy)] = copy
    out = tmp_path / "out"
    outcome = run_audit(adverts, AuditSettings(out=str(out), start=str(tmp_path)), partition_size=8, scheduler=cluster)
    assert outcome.failed == [] and outcome.adverts == len(chosen)
    assert _findings_by_id(out) == _check_findings(tmp_path, files, "--ignore", "RL3")


# --- the command line, with its own LocalCluster ------------------------------------------------


def test_the_readme_command_runs_on_the_sample_dataset(tmp_path):
    sample = tmp_path / "sample.jsonl"
    _generator().write_jsonl(_generator().generate_adverts(60), sample)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "rolelint",
            "audit",
            str(sample),
            "--repo",
            str(EXAMPLES),
            "-o",
            str(tmp_path / "out"),
            "--workers",
            "2",
            "--partition-size",
            "20",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr
    assert "60 adverts in 3 partitions" in run.stderr
    assert (tmp_path / "out" / "report" / "index.html").is_file()
    assert len(list((tmp_path / "out" / "findings").glob("*.parquet"))) == 3
    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "out" / "findings").to_pylist()
    assert table and {"id", "organisation", "line", "column", "code", "severity", "message"} <= set(table[0])


def _audit_command(tmp_path, source) -> subprocess.CompletedProcess:
    """``rolelint audit SOURCE -o OUT`` as a user runs it, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "rolelint", "audit", str(source), "-o", str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_missing_text_column_is_exit_2_naming_it(tmp_path):
    source = tmp_path / "adverts.csv"
    source.write_text("id,body,organisation\n1,We need a ninja.,Acme\n", encoding="utf-8")
    run = _audit_command(tmp_path, source)
    assert run.returncode == 2
    assert "no column 'text'" in run.stderr and "body" in run.stderr and "--column text=NAME" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("name", ["missing-folder", "missing.csv"])
def test_an_input_that_does_not_exist_is_exit_2_saying_so(tmp_path, name):
    run = _audit_command(tmp_path, tmp_path / name)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [f"rolelint: error: {tmp_path / name}: no such file or folder"]


def test_an_input_with_no_adverts_says_so(tmp_path):
    source = tmp_path / "adverts.jsonl"
    source.write_text("", encoding="utf-8")
    run = _audit_command(tmp_path, source)
    assert run.returncode == 0
    assert "0 adverts" in run.stderr and "holds no adverts; the report is empty" in run.stderr
    assert "Traceback" not in run.stderr


# --- reading inputs (no cluster) ----------------------------------------------------------------


def test_csv_rows_with_line_breaks_and_a_bad_row(tmp_path):
    source = tmp_path / "adverts.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "description", "company", "posted"])
        writer.writerow(["a1", "# Developer\n\nLine one.\nLine two.", "Acme", "2026-03-02"])
        handle.write("a2,too,many,fields,here\n")
        writer.writerow(["a3", "Short advert.", "Bolt", "14/04/2026"])
    columns = Columns().with_overrides({"text": "description", "organisation": "company", "date": "posted"})
    records = [r for p in plan(source, "csv", columns, partition_size=10) for r in read(p, columns)]
    assert [type(r) for r in records] == [Advert, RecordError, Advert]
    assert records[0].text == "# Developer\n\nLine one.\nLine two."
    assert dict(records[2].metadata)["organisation"] == "Bolt"
    assert month_of(dict(records[2].metadata)["date"]) == "2026-04"
    assert "5 fields" in records[1].message


def test_jsonl_partitions_cover_every_line_once(tmp_path):
    source = tmp_path / "adverts.jsonl"
    source.write_text("".join(json.dumps({"id": f"a{i}", "text": f"Advert {i}."}) + "\n" for i in range(95)))
    partitions = plan(source, "jsonl", Columns(), partition_size=10)
    assert len(partitions) > 5
    ids = [r.id for p in partitions for r in read(p, Columns())]
    assert ids == [f"a{i}" for i in range(95)]
    wheres = [r.where for p in partitions for r in read(p, Columns())]
    assert wheres[0] == "adverts.jsonl:1" and wheres[-1] == "adverts.jsonl:95"


def test_a_text_that_is_not_text_is_named_in_the_file_s_words(tmp_path):
    source = tmp_path / "adverts.jsonl"
    lines = ['{"id": 1, "text": 5}', '{"id": 2, "text": ["a"]}', '{"id": 3, "text": true}', '{"id": 4, "text": {}}']
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = [r for p in plan(source, "jsonl", Columns(), partition_size=10) for r in read(p, Columns())]
    assert [r.message for r in records] == [
        "'text' is a number, not text",
        "'text' is a list, not text",
        "'text' is true or false, not text",
        "'text' is an object, not text",
    ]


def test_the_counts_the_audit_prints_agree_with_their_number():
    from rolelint.audit.command import _count

    assert [_count(1, "advert"), _count(2, "partition"), _count(1200, "record")] == [
        "1 advert",
        "2 partitions",
        "1,200 records",
    ]


def test_parquet_row_groups_are_partitions(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = tmp_path / "adverts.parquet"
    table = pa.table({"text": [f"Advert {i}." for i in range(30)], "organisation": ["Acme"] * 30})
    pq.write_table(table, source, row_group_size=10)
    partitions = plan(source, "parquet", Columns(), partition_size=10)
    assert len(partitions) == 3
    records = [r for p in partitions for r in read(p, Columns())]
    assert [r.text for r in records] == [f"Advert {i}." for i in range(30)]
    assert records[12].where == "adverts.parquet:row 13"
    with pytest.raises(AuditInputError, match="no column 'body'"):
        plan(source, "parquet", Columns(text="body"), partition_size=10)


def test_jobposting_json_ld_becomes_a_markdown_advert(tmp_path):
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Data analyst",
        "description": "<p>Join our <b>data</b> team.</p><ul><li>Build dashboards</li><li>Explain data</li></ul>",
        "hiringOrganization": {"@type": "Organization", "name": "Acme"},
        "datePosted": "2026-05-01",
        "validThrough": "2026-06-30",
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "GBP",
            "value": {"@type": "QuantitativeValue", "minValue": 40000, "maxValue": 45000, "unitText": "YEAR"},
        },
    }
    (tmp_path / "one.jsonld").write_text(json.dumps({"@graph": [posting, {"@type": "Organization"}]}))
    (tmp_path / "broken.jsonld").write_text("{not json")
    records = [r for p in plan(tmp_path, "jsonld", Columns(), partition_size=5) for r in read(p, Columns())]
    assert [type(r) for r in records] == [RecordError, Advert]
    advert = records[1]
    assert advert.text.startswith("# Data analyst\n\nJoin our data team.\n\n- Build dashboards\n- Explain data")
    assert "## Pay\n\n40000 to 45000 GBP per year" in advert.text
    assert dict(advert.metadata)["organisation"] == "Acme"
    assert dict(advert.metadata)["date"] == "2026-05-01"  # datePosted, before validThrough


def test_a_jobposting_s_profession_is_its_occupational_category_and_its_date_falls_back_to_closing(tmp_path):
    posting = {
        "@type": "JobPosting",
        "title": "Data analyst",
        "description": "Join our data team.",
        "occupationalCategory": {"@type": "CategoryCode", "name": "Data analysis"},
        "validThrough": "2026-06-30T23:59",
    }
    (tmp_path / "one.jsonld").write_text(json.dumps(posting))
    (advert,) = [r for p in plan(tmp_path, "jsonld", Columns(), partition_size=5) for r in read(p, Columns())]
    metadata = dict(advert.metadata)
    assert (metadata["profession"], month_of(metadata["date"])) == ("Data analysis", "2026-06")


def test_html_to_markdown_keeps_lists_and_headings():
    assert (
        html_to_markdown("<h2>Duties</h2><ul><li>One</li><li>Two &amp; three</li></ul>")
        == "## Duties\n\n- One\n- Two & three"
    )
    assert html_to_markdown("Plain text stays.") == "Plain text stays."


def test_reading_grade_of_plain_sentences():
    words, grade = text_measures("# Title\n\nThe cat sat on the mat. The dog ran.\n")
    assert words == 10 and grade is not None and grade < 3
    assert text_measures("") == (0, None)


def test_the_audits_rules_keep_the_configs_ignore_list_and_add_the_flags(tmp_path):
    (tmp_path / ".rolelint.yaml").write_text("ignore: [RL104]\n", encoding="utf-8")
    active = linter_for(AuditSettings(out=str(tmp_path / "out"), start=str(tmp_path))).active
    assert "RL104" not in active and "RL103" in active
    assert not any(code.startswith("RL3") for code in active)  # no roles repo: no profession rules
    settings = AuditSettings(out=str(tmp_path / "out"), start=str(tmp_path), extend_ignore=("RL103",))
    extended = linter_for(settings).active
    assert "RL104" not in extended and "RL103" not in extended and "RL105" in extended


# --- whether an advert states its pay (no cluster) -----------------------------------------------


def _audited_rows(tmp_path, records: list[dict], **settings) -> list[dict]:
    """advert_row for each record (id, text, metadata), linted as a worker lints it."""
    from rolelint.audit.work import advert_row, lint_adverts

    linter = linter_for(AuditSettings(out=str(tmp_path / "out"), start=str(tmp_path), **settings))
    adverts = [
        Advert(r["id"], r["text"], r["id"], tuple((k, r.get(k, "")) for k in ("organisation", "salary", "date")))
        for r in records
    ]
    found, failed = lint_adverts(linter, "part-00000", adverts)
    assert failed == []
    codes = sorted(linter.active)
    return [advert_row(a, found[a.where], codes, rl208_active="RL208" in linter.active) for a in adverts]


def test_a_salary_value_without_a_figure_does_not_state_pay(tmp_path):
    rows = _audited_rows(
        tmp_path,
        [
            {"id": "a6", "text": "# PM\n\nAnother.", "salary": "lots"},
            {"id": "a7", "text": "# PM\n\nAnother.", "salary": "£40k to £45k"},
            {"id": "a8", "text": "# PM\n\nSalary: £40,000 a year."},
        ],
    )
    assert [(r["id"], r["RL208"] > 0, r["states_pay"]) for r in rows] == [
        ("a6", True, False),
        ("a7", True, True),  # the text has no figure, the data does
        ("a8", False, True),
    ]


def test_pay_is_unknown_where_rl208_did_not_run(tmp_path):
    empty, blank = _audited_rows(tmp_path, [{"id": "a10", "text": ""}, {"id": "a11", "text": "   \n"}])
    assert empty["states_pay"] is None and blank["states_pay"] is None
    (not_run,) = _audited_rows(tmp_path, [{"id": "a12", "text": "# PM\n\nAnother."}], ignore=("RL208",))
    assert not_run["states_pay"] is None
    (given,) = _audited_rows(tmp_path, [{"id": "a13", "text": "# PM", "salary": "40000"}], ignore=("RL208",))
    assert given["states_pay"] is True


def test_the_report_is_computed_on_the_audit_s_client_never_on_a_default_one(tmp_path):
    import dask

    from rolelint.audit.report import aggregate
    from rolelint.audit.work import _write_parquet, advert_schema

    rows = [{"id": "1", "where": "1", "organisation": "A", "words": 10, "states_pay": True, "findings": 0}]
    _write_parquet(tmp_path / "adverts" / "part-00000.parquet", rows, advert_schema([]))

    def left_behind(*args, **kwargs):  # a default scheduler another test or library left set
        raise AssertionError("aggregate computed on the default scheduler")

    with dask.config.set(scheduler=left_behind):
        assert aggregate(tmp_path, {}).adverts == 1
    # what a distributed Client made earlier in the process leaves set: its workers' shuffle
    with dask.config.set({"dataframe.shuffle.method": "p2p"}):
        figures = aggregate(tmp_path, {})
        assert figures.adverts == 1 and figures.duplicate_ids == []


def test_the_share_stating_pay_leaves_unknowns_out_of_its_denominator(tmp_path):
    from rolelint.audit.report import aggregate, write_report
    from rolelint.audit.work import _write_parquet, advert_schema

    rows = [
        {"id": str(n), "where": str(n), "organisation": org, "words": 10, "states_pay": pay, "findings": 0}
        for n, (org, pay) in enumerate([("A", True), ("A", False), ("A", None), ("B", None), ("B", None)])
    ]
    _write_parquet(tmp_path / "adverts" / "part-00000.parquet", rows, advert_schema([]))
    figures = aggregate(tmp_path, {})
    assert (figures.adverts, figures.pay_known, figures.states_pay) == (5, 2, 0.5)
    by_organisation = {row["organisation"]: row for row in figures.by["organisation"]}
    assert (by_organisation["A"]["states_pay"], by_organisation["A"]["pay_known"]) == (0.5, 2)
    assert (by_organisation["B"]["states_pay"], by_organisation["B"]["pay_known"]) == (None, 0)
    write_report(tmp_path, figures, title="t", source="s", rule_names={})
    summary = json.loads((tmp_path / "report" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["states_pay"], summary["states_pay_known"], summary["states_pay_unknown"]) == (0.5, 2, 3)
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "3 adverts are left out" in page


# --- --scheduler (no cluster) -------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nonsense", "tcp://host", "tcp://host:0", "tcp://host:99999", "http://host:8786"])
def test_a_scheduler_that_is_not_host_port_is_a_usage_error_naming_the_form(value, tmp_path):
    source = tmp_path / "adverts.jsonl"
    source.write_text(json.dumps({"text": "We need a rockstar."}) + "\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "rolelint", "audit", str(source), "-o", str(tmp_path / "out"), "--scheduler", value],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stderr
    assert "--scheduler" in run.stderr and "tcp://HOST:PORT" in run.stderr and "internal error" not in run.stderr
    assert not (tmp_path / "out").exists()


def test_a_scheduler_address_without_a_protocol_is_tcp():
    from rolelint.audit.command import scheduler_address

    assert scheduler_address("10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert scheduler_address("tls://[::1]:8786") == "tls://[::1]:8786"


def _closed_port() -> int:
    import socket

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return free.getsockname()[1]


def test_an_unreachable_scheduler_is_an_input_error_within_the_timeout():
    import time

    from rolelint.audit.run import _client

    started = time.monotonic()
    with pytest.raises(AuditInputError, match=r"no Dask scheduler answered within 2 s"):
        with _client(f"tcp://127.0.0.1:{_closed_port()}", None, timeout=2):
            pass
    assert time.monotonic() - started < 15


def test_a_server_that_is_not_a_dask_scheduler_is_an_input_error():
    import socket
    import threading

    from rolelint.audit.run import _client

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def answer_with_noise():
        for _ in range(5):
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                connection.sendall(b"\xff" * 64)

    threading.Thread(target=answer_with_noise, daemon=True).start()
    try:
        with pytest.raises(AuditInputError, match=r"--scheduler tcp://127\.0\.0\.1:\d+: "):
            with _client(f"tcp://127.0.0.1:{server.getsockname()[1]}", None, timeout=3):
                pass
    finally:
        server.close()


# --- what the embedded cluster prints ------------------------------------------------------------


def test_the_local_cluster_takes_no_fixed_port_and_no_warning_reaches_the_user():
    import socket
    import warnings

    from rolelint.audit.run import _client

    holder = socket.socket()
    try:
        holder.bind(("127.0.0.1", 8787))  # Dask's default dashboard port, taken
        holder.listen()
    except OSError:
        pass  # taken already, by something else
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with _client(None, 1) as client:
                assert client.cluster.scheduler.http_server.port != 8787
                assert client.dashboard_link is None or "8787" not in client.dashboard_link
    finally:
        holder.close()
    assert [str(w.message) for w in caught if "already in use" in str(w.message)] == []


def test_warnings_during_an_audit_become_one_line_notes(capsys):
    import warnings

    from rolelint.audit.run import warnings_as_notes

    notes: list[str] = []
    with warnings_as_notes(notes):
        for _ in range(2):
            warnings.warn("Port 8787 is already in use.\nPerhaps you already have a cluster running?", stacklevel=1)
        warnings.warn("inplace is deprecated", DeprecationWarning, stacklevel=1)
    assert notes == ["Port 8787 is already in use. Perhaps you already have a cluster running?"]
    assert capsys.readouterr().err == ""


# --- problems in the data: dates, duplicate ids (no cluster) ------------------------------------


def test_a_date_that_is_not_a_day_or_not_a_date_is_a_problem_and_no_month():
    from rolelint.audit.work import read_date

    assert read_date("2026-03-14") == ("2026-03", None)
    assert read_date("2026-03-14T09:30:00Z") == ("2026-03", None)
    assert read_date("14.04.2026")[0] == "2026-04" and read_date("20260314")[0] == "2026-03"
    assert read_date("") == ("", None)
    month, problem = read_date("31/02/2026")
    assert month == "" and "not a day of the calendar" in problem
    month, problem = read_date("yesterday")
    assert month == "" and "'yesterday'" in problem and "14/03/2026" in problem
    assert month_of("31/02/2026") == ""


def test_invalid_dates_are_listed_per_record_and_duplicate_ids_counted(tmp_path):
    from rolelint.audit.report import aggregate
    from rolelint.audit.work import audit_partition

    source = tmp_path / "adverts.jsonl"
    records = [
        {"id": "a1", "text": "# PM\n\nAnother.", "date": "2026-02-28"},
        {"id": "a2", "text": "# PM\n\nAnother.", "date": "31/02/2026"},
        {"id": "a2", "text": "# PM\n\nAnother.", "date": "yesterday"},
        {"id": "a3", "text": "# PM\n\nAnother."},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    settings = AuditSettings(out=str(tmp_path / "out"), start=str(tmp_path))
    for partition in plan(source, "jsonl", Columns(), partition_size=2):
        audit_partition(partition, settings)
    listed = [json.loads(line) for p in sorted((tmp_path / "out" / "warnings").glob("*.jsonl")) for line in p.open()]
    assert [(w["where"], w["id"]) for w in listed] == [("adverts.jsonl:2", "a2"), ("adverts.jsonl:3", "a2")]
    figures = aggregate(tmp_path / "out", {})
    assert figures.adverts == 4 and figures.bad_dates == 2 and figures.duplicate_ids == [("a2", 2)]
    said = figures.warnings()
    assert len(said) == 2 and "2 adverts have an invalid date" in said[0] and "'a2' (2)" in said[1]
    assert {row["month"] for row in figures.by["month"]} == {"2026-02", ""}


# --- a folder of adverts in every format `rolelint check` reads (no cluster) ---------------------


def _folder_of_formats(folder: Path) -> None:
    import docx

    folder.mkdir()
    (folder / "a.md").write_text("---\norganisation: Acme\n---\n# Product manager\n\nLead our rockstar team.\n")
    (folder / "b.html").write_text("<html><body><h1>Delivery manager</h1><p>We need a ninja. Salary: £45,000.</p>")
    word = docx.Document()
    word.add_heading("Data analyst", 1)
    word.add_paragraph("Join our data team as a rockstar analyst.")
    word.save(str(folder / "c.docx"))
    (folder / "d.pdf").write_bytes(b"%PDF-1.4")
    (folder / "notes.py").write_text("x = 1\n")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "e.md").write_text("# Hidden\n")


def test_a_folder_is_read_in_every_format_check_reads_and_the_rest_counted(tmp_path):
    from rolelint.audit.inputs import detect_format, skipped_files

    folder = tmp_path / "adverts"
    _folder_of_formats(folder)
    assert detect_format(folder) == "folder"
    (partition,) = plan(folder, "folder", Columns(), partition_size=10)
    assert [Path(p).name for p in partition.files] == ["a.md", "b.html", "c.docx"]
    assert skipped_files(folder, "folder") == {".pdf": 1, ".py": 1}
    adverts = read(partition, Columns())
    assert [dict(a.metadata)["organisation"] for a in adverts] == ["Acme", "", ""]
    assert "ninja" in adverts[1].text and "<p>" not in adverts[1].text  # measured on the prose
    assert "rockstar analyst" in adverts[2].text


def test_a_folder_s_html_and_word_adverts_get_the_findings_check_gives(tmp_path):
    from rolelint.api import Linter
    from rolelint.audit.work import audit_partition

    folder = tmp_path / "adverts"
    _folder_of_formats(folder)
    settings = AuditSettings(out=str(tmp_path / "out"), start=str(tmp_path))
    for partition in plan(folder, "folder", Columns(), partition_size=10):
        audit_partition(partition, settings)
    checked = Linter(start=str(tmp_path), extend_ignore=("RL3",)).lint_paths([folder], cwd=tmp_path)
    by_path: dict[str, list[tuple]] = {}
    for d in checked.diagnostics:
        by_path.setdefault(str((tmp_path / d.path).resolve()), []).append(
            (d.line, d.column, d.end_line, d.end_column, d.code, d.full_message)
        )
    audited = _findings_by_id(tmp_path / "out")
    assert set(audited) == {str(folder / name) for name in ("a.md", "b.html", "c.docx")}
    assert audited == {ident: sorted(by_path[ident]) for ident in audited}
    assert {code for found in audited.values() for *_, code, _ in found} >= {"RL104"}


# --- the report's charts (no cluster) ------------------------------------------------------------

DIGIT_WIDTH = 6.5  # pixels a digit or letter of the charts' 12px system-ui font takes, about


def test_the_histogram_s_axis_labels_do_not_overlap():
    import re

    from rolelint.audit import svg
    from rolelint.audit.report import GRADE_TOP, WORD_BIN, WORD_TOP

    word_bins = [(f"{b}+" if b >= WORD_TOP else f"{b}-{b + WORD_BIN - 1}", 5) for b in range(0, WORD_TOP + 1, WORD_BIN)]
    grade_bins = [(f"{g}+" if g >= GRADE_TOP else str(g), 5) for g in range(0, GRADE_TOP + 1)]
    for bins in (word_bins, grade_bins):
        chart = svg.histogram(bins)
        shown = [
            (float(x), label)
            for x, label in re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">([^<]+)<', chart)
        ]
        assert len(shown) >= 4 and shown[0][1] == bins[0][0]
        for (x1, a), (x2, b) in zip(shown, shown[1:]):
            assert x2 - x1 >= (len(a) + len(b)) / 2 * DIGIT_WIDTH, (a, b)


def test_the_heatmap_shows_whole_column_labels_inside_the_picture():
    import math
    import re

    from rolelint.audit import svg

    columns = ["RL209 missing-core-section", "RL123 third-person-candidate", "RL101 placeholder-text"]
    chart = svg.heatmap(["Product management · associate"], columns, [[0.1, 0.2, 0.3]], counts=[45], title="rule rates")
    for column in columns:
        assert f">{column}</text>" in chart
    assert ">Product management · associate (45)</text>" in chart
    top = min(int(y) for y in re.findall(r'<rect x="[\d.]+" y="(\d+)"', chart))
    rise = len(max(columns, key=len)) * DIGIT_WIDTH * math.sin(math.radians(svg.SLANT))
    assert top - 8 >= rise
    width = int(re.search(r'<svg [^>]*width="(\d+)"', chart).group(1))
    last = max(float(x) for x in re.findall(r"translate\(([\d.]+),", chart))
    assert width - last >= len(max(columns, key=len)) * DIGIT_WIDTH * math.cos(math.radians(svg.SLANT))


def _write_audit(out: Path, adverts: list[dict], findings: list[dict], codes: list[str]) -> None:
    """An audit's output folder as workers write it: adverts and findings Parquet, one partition."""
    from rolelint.audit.work import _write_parquet, advert_schema, finding_schema

    _write_parquet(out / "findings" / "part-00000.parquet", findings, finding_schema())
    _write_parquet(out / "adverts" / "part-00000.parquet", adverts, advert_schema(codes))


def test_info_level_notes_are_apart_from_the_rule_rate_charts(tmp_path):
    from rolelint.audit.report import aggregate, render_html

    adverts, findings = [], []
    for n in range(4):
        counts = {"RL316": 1, "RL104": int(n < 2)}
        adverts.append({"id": str(n), "where": str(n), "organisation": "Acme", "words": 10, "findings": 1, **counts})
        findings += [
            {"id": str(n), "code": code, "severity": "info" if code == "RL316" else "warning", "line": 1}
            for code, count in counts.items()
            if count
        ]
    _write_audit(tmp_path, adverts, findings, ["RL104", "RL316"])
    names = {"RL316": "inferred-role-level", "RL104": "hype-job-title"}
    figures = aggregate(tmp_path, names)
    assert figures.codes == ["RL316", "RL104"]
    assert (figures.problem_codes, figures.info_codes) == (["RL104"], ["RL316"])
    assert [(row["code"], row["severity"]) for row in figures.overall] == [("RL316", "info"), ("RL104", "warning")]
    page = render_html(figures, title="t", source="s", rule_names=names)
    charts, notes = page.split('id="info"')
    assert "RL104 hype-job-title" in charts and "RL316" not in charts
    assert "RL316 inferred-role-level" in notes


def test_rates_by_level_group_a_level_within_its_profession(tmp_path):
    from rolelint.audit.report import aggregate, render_html, write_tables

    adverts = [
        {"id": str(n), "where": str(n), "profession": profession, "level": level, "words": 10, "findings": 0}
        for n, (profession, level) in enumerate(
            [("Product management", "senior"), ("Product management", "senior"), ("Delivery management", "senior")]
        )
    ]
    _write_audit(tmp_path, adverts, [], [])
    figures = aggregate(tmp_path, {})
    assert [(row["profession"], row["level"], row["adverts"]) for row in figures.by["level"]] == [
        ("Product management", "senior", 2),
        ("Delivery management", "senior", 1),
    ]
    write_tables(figures, tmp_path / "report")
    header = (tmp_path / "report" / "rates_by_level.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("profession,level,adverts,")
    figures.codes, figures.severity = ["RL104"], {"RL104": "warning"}
    for row in figures.by["level"]:
        row["RL104"] = 0.5
    page = render_html(figures, title="t", source="s", rule_names={})
    assert ">Product management · senior (2)</text>" in page and ">Delivery management · senior (1)</text>" in page


# --- where an advert's profession and month come from ---------------------------------------------


def _two_senior_adverts(folder: Path) -> Path:
    """Two schema-valid adverts: one level id in two professions, closing in two months."""
    folder.mkdir()
    for name, framework, closing in (
        ("dm.md", "delivery-management", "2026-03-01"),
        ("pm.md", "product-management", "2026-04-01"),
    ):
        (folder / name).write_text(
            f"---\nkind: advert\nframework: {framework}\nlevel: senior\nclosing_date: {closing}\n---\n"
            "# Senior manager\n\nYou will lead three teams. Salary: £55,000.\n",
            encoding="utf-8",
        )
    return folder


def _report_rows(out: Path, table: str) -> list[dict]:
    with (out / "report" / f"rates_{table}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_folder_advert_s_profession_is_its_framework_and_its_month_its_closing_date(cluster, tmp_path):
    from rolelint.api import Linter

    repo = shutil.copytree(EXAMPLES, tmp_path / "repo", ignore=shutil.ignore_patterns("audit"))
    folder = _two_senior_adverts(tmp_path / "adverts")
    checked = Linter(start=str(repo)).lint_paths([folder], cwd=tmp_path)
    assert not [d for d in checked.diagnostics if d.code.startswith("RL0")]  # valid: no unknown keys

    out = tmp_path / "out"
    outcome = run_audit(folder, AuditSettings(out=str(out), repo=str(repo), start=str(tmp_path)), scheduler=cluster)

    assert outcome.failed == [] and outcome.adverts == 2
    assert sorted((r["profession"], r["level"], r["adverts"]) for r in _report_rows(out, "by_level")) == [
        ("delivery-management", "senior", "1"),
        ("product-management", "senior", "1"),
    ]
    assert sorted((r["profession"], r["adverts"]) for r in _report_rows(out, "by_profession")) == [
        ("delivery-management", "1"),
        ("product-management", "1"),
    ]
    assert [(r["month"], r["adverts"]) for r in _report_rows(out, "by_month")] == [("2026-03", "1"), ("2026-04", "1")]


def test_the_example_adverts_with_a_framework_get_their_profession_and_month():
    (partition,) = plan(EXAMPLES / "adverts", "folder", Columns(), partition_size=10)
    metadata = {Path(a.where).name: dict(a.metadata) for a in read(partition, Columns())}
    assert {name: (m["profession"], m["level"], m["date"]) for name, m in metadata.items()} == {
        "growth-hacker-draft.md": ("", "", ""),  # a draft with no front matter says neither
        "lead-product-manager.yaml": ("product-management", "lead", "2026-12-15"),
        "senior-product-manager.md": ("product-management", "senior", "2026-12-01"),
    }
    assert month_of(metadata["senior-product-manager.md"]["date"]) == "2026-12"


def test_a_site_s_own_profession_and_date_keys_are_read_where_the_schema_keys_are_absent(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.md").write_text("---\nlayout: job\nprofession: Design\ndate: 2026-05-02\n---\n# Designer\n")
    (folder / "b.md").write_text('+++\nprofession = "Data"\ndate = 2026-06-30T09:00:00Z\n+++\n# Analyst\n')
    (folder / "c.md").write_text(
        "---\nkind: advert\nframework: design\nprofession: Design\nclosing_date: 2026-07-01\ndate: 2026-05-02\n"
        "---\n# Designer\n"
    )
    (folder / "d.txt").write_text("---\nprofession: Prose\n---\nA plain text advert.\n")  # check reads no metadata
    (partition,) = plan(folder, "folder", Columns(), partition_size=10)
    found = [(dict(a.metadata)["profession"], month_of(dict(a.metadata)["date"])) for a in read(partition, Columns())]
    assert found == [("Design", "2026-05"), ("Data", "2026-06"), ("design", "2026-07"), ("", "")]


def test_a_site_s_own_framework_key_is_not_taken_for_the_profession(tmp_path):
    # `framework:` is rolelint's advert schema's key for the profession; a Jekyll site's own one
    # names the software the job uses
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.md").write_text("---\nlayout: job\nframework: React\n---\n# Frontend developer\n")
    (folder / "b.md").write_text("---\nframework: React\nprofession: Frontend\n---\n# Frontend developer\n")
    (partition,) = plan(folder, "folder", Columns(), partition_size=10)
    assert [dict(a.metadata)["profession"] for a in read(partition, Columns())] == ["", "Frontend"]


def test_a_jsonld_file_gets_the_same_metadata_in_a_folder_as_on_its_own(tmp_path):
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Software developer",
        "description": "<p>Build and run our services.</p>",
        "hiringOrganization": {"@type": "Organization", "name": "Acme"},
        "datePosted": "2026-01-05",
        "validThrough": "2026-03-31",
        "occupationalCategory": {"@type": "CategoryCode", "name": "Software developers"},
    }
    folder = tmp_path / "adverts"
    folder.mkdir()
    (folder / "dev.jsonld").write_text(json.dumps(posting))
    (folder / "draft.md").write_text("# Designer\n")  # a folder of mixed files: read as a folder
    assert detect_format(folder) == "folder"
    in_folder = {
        Path(a.where).name: dict(a.metadata)
        for p in plan(folder, "folder", Columns(), partition_size=10)
        for a in read(p, Columns())
    }["dev.jsonld"]
    (alone,) = [
        r for p in plan(folder / "dev.jsonld", "jsonld", Columns(), partition_size=5) for r in read(p, Columns())
    ]
    assert in_folder == dict(alone.metadata)
    assert (in_folder["date"], in_folder["profession"]) == ("2026-01-05", "Software developers")


def test_a_table_s_profession_and_date_columns_can_be_named(tmp_path):
    source = tmp_path / "adverts.jsonl"
    source.write_text(
        json.dumps({"text": "# PM", "framework": "product-management", "closing_date": "2026-03-01"}) + "\n"
    )
    columns = Columns().with_overrides({"profession": "framework", "date": "closing_date"})
    (advert,) = [r for p in plan(source, "jsonl", columns, partition_size=5) for r in read(p, columns)]
    assert (dict(advert.metadata)["profession"], dict(advert.metadata)["date"]) == ("product-management", "2026-03-01")
