"""The advert precision benchmark's parts: its data files agree with each other, and its arithmetic."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "benchmarks" / "adverts"))

import extract  # noqa: E402
import precision  # noqa: E402

FRESH = extract.SPLITS[2:]  # every batch after tune and heldout

ADVERTS = REPO / "benchmarks" / "adverts"


def _csv(name):
    with (ADVERTS / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_manifest_splits_by_publisher():
    rows = extract.read_manifest()
    halves = {}
    for row in rows:
        halves.setdefault(row["publisher"], set()).add(row["split"])
    assert all(len(splits) == 1 for splits in halves.values())
    assert {"tune", "heldout"} <= {r["split"] for r in rows} <= set(precision.SPLITS)
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["format"] in extract.SUFFIX for r in rows)
    assert extract.SPLITS == tuple(precision.SPLITS)


@pytest.mark.parametrize("name", ["manifest.csv", "gold.csv", "judgements.csv", "history.csv"])
def test_every_row_has_the_header_s_fields(name):
    """A comma left unquoted in a reason adds a field: a reader by position would shift the verdict."""
    with (ADVERTS / name).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert [number for number, row in enumerate(rows, 1) if row and len(row) != len(rows[0])] == []


@pytest.mark.parametrize("split", FRESH)
def test_a_fresh_split_shares_no_repository_with_another_split(split):
    """A fresh batch is new text: none of its source repositories may feed another split."""
    rows = extract.read_manifest()
    mine = {r["repo"] for r in rows if r["split"] == split}
    others = {r["repo"] for r in rows if r["split"] != split}
    assert not mine & others


def test_gold_and_judgements_name_adverts_of_the_manifest_and_known_categories():
    ids = {r["id"] for r in extract.read_manifest()}
    for row in _csv("gold.csv"):
        assert row["advert"] in ids
        assert row["category"] in precision.CATEGORY_RULES or row["category"] == "exclusionary-wording"
    for row in _csv("judgements.csv"):
        assert row["advert"] in ids
        assert row["verdict"] in ("TP", "FP"), row
        assert row["reason"].strip(), row


def test_gold_list_was_committed_before_any_judgement():
    log = subprocess.run(
        [
            "git",
            "-C",
            str(REPO),
            "log",
            "--format=%H",
            "--diff-filter=A",
            "--",
            "benchmarks/adverts/gold.csv",
            "benchmarks/adverts/judgements.csv",
        ],
        capture_output=True,
        text=True,
    )
    if log.returncode != 0 or not log.stdout.strip():
        pytest.skip("no git history here")
    first_gold = subprocess.run(
        ["git", "-C", str(REPO), "log", "--format=%ct", "--diff-filter=A", "--", "benchmarks/adverts/gold.csv"],
        capture_output=True,
        text=True,
    ).stdout.split()
    first_judged = subprocess.run(
        ["git", "-C", str(REPO), "log", "--format=%ct", "--diff-filter=A", "--", "benchmarks/adverts/judgements.csv"],
        capture_output=True,
        text=True,
    ).stdout.split()
    if first_gold and first_judged:
        assert int(first_gold[-1]) <= int(first_judged[-1])


def _git(*args):
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True)


@pytest.mark.parametrize("split", FRESH)
def test_fresh_gold_was_committed_before_any_fresh_judgement(split):
    """A fresh split's gold list must come first in history: the commit that first added one of its
    judgements (if any) descends from the one that first added its gold rows."""
    if (
        _git("rev-parse", "HEAD").returncode != 0
        or _git("rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    ):
        pytest.skip("no full git history here")
    ids = [r["id"] for r in extract.read_manifest() if r["split"] == split]
    if not ids:
        pytest.skip(f"no {split} split")
    prefix = f"{split}-"
    assert all(i.startswith(prefix) for i in ids), f"{split} advert ids must start with {prefix!r}"

    def first_commit(path):
        shas = _git("log", "--format=%H", "-S", prefix, "--", path).stdout.split()
        return shas[-1] if shas else None

    gold = first_commit("benchmarks/adverts/gold.csv")
    assert gold, f"the {split} adverts have no gold list"
    judged = first_commit("benchmarks/adverts/judgements.csv")
    if judged:
        assert judged != gold, "gold and the first judgements were committed together"
        assert _git("merge-base", "--is-ancestor", gold, judged).returncode == 0


def test_split_choices_lint_only_the_splits_reported():
    rows = [{"id": s, "split": s} for s in extract.SPLITS]
    splits, chosen = precision.select(rows, "both")
    assert splits == ("tune", "heldout") and [r["id"] for r in chosen] == ["tune", "heldout"]
    for split in extract.SPLITS[2:]:  # each fresh batch alone
        splits, chosen = precision.select(rows, split)
        assert splits == (split,) and [r["id"] for r in chosen] == [split]
    splits, chosen = precision.select(rows, "seen")  # the splits already judged once, and no other
    assert splits == precision.SEEN and [r["id"] for r in chosen] == list(precision.SEEN)
    assert set(precision.SEEN) <= set(extract.SPLITS)
    splits, chosen = precision.select(rows, "every")
    assert splits == tuple(extract.SPLITS) == tuple(precision.SPLITS) and len(chosen) == len(extract.SPLITS) >= 12
    splits, chosen = precision.select(rows, "all")
    assert splits == ("all",) and len(chosen) == len(extract.SPLITS)


def test_wilson_interval_brackets_the_rate_and_narrows_with_more_data():
    low, high = precision.wilson(9, 10)
    assert low < 0.9 < high
    wide = precision.wilson(1, 2)
    narrow = precision.wilson(50, 100)
    assert narrow[1] - narrow[0] < wide[1] - wide[0]
    assert precision.wilson(0, 0) == (0.0, 1.0)


def test_quote_of_takes_the_span_and_collapses_whitespace():
    text = "first line\nsecond   line here\nthird"
    assert precision.quote_of(text, 2, 1, 2, 7) == "second"
    assert precision.quote_of(text, 1, 7, 2, 7) == "line second"


def test_gold_lines_finds_a_quote_across_line_breaks():
    text = "a\nWe are looking for\nsomeone kind.\n"
    assert precision.gold_lines(text, "looking for someone") == [(2, 3)]
    assert precision.gold_lines(text, "absent words") == []


def test_gold_lines_finds_every_place_and_reads_through_html_entities():
    text = "description: the salary is competitive\n---\n<p>the salary is&nbsp;competitive</p>\n"
    assert precision.gold_lines(text, "the salary is competitive") == [(1, 1)]
    assert precision.gold_lines(text, "salary is competitive</p>") == [(3, 3)]
    repeated = "We hire.\nbody\nWe hire.\n"
    assert precision.gold_lines(repeated, "We hire.") == [(1, 1), (3, 3)]


def test_gold_lines_reads_a_character_written_as_an_html_entity():
    text = "<p>At times, you&#8217;ll need\nto be a jack-of-all-trades &amp; more.</p>\n<p>We&rsquo;re here</p>\n"
    assert precision.gold_lines(text, "you’ll need to be a jack-of-all-trades & more") == [(1, 2)]
    assert precision.gold_lines(text, "We’re here") == [(3, 3)]
    assert precision.gold_lines(text, "We’re gone") == []


def test_judge_reuses_a_verdict_when_the_line_moved():
    rows = [{"advert": "a", "code": "RL205", "line": "3", "quote": "Some  long sentence", "verdict": "TP"}]
    judge = precision.Judge(rows)
    moved = precision.Finding("a", "RL205", 9, 1, 9, "Some long sentence", "info", True)
    assert judge.verdict(moved) == "TP"
    other = precision.Finding("a", "RL205", 3, 1, 3, "Another sentence", "info", True)
    assert judge.verdict(other) is None


def test_extract_skips_missing_mirrors_and_names_them(tmp_path):
    rows = extract.read_manifest()[:2]
    written, missing = extract.extract(tmp_path / "out", tmp_path / "no-mirrors", rows)
    assert written == 0
    assert sum(len(ids) for ids in missing.values()) == 2


def test_the_clean_table_pools_each_batch_s_first_run_only():
    def row(split, tp, judged, found, gold):
        return {
            "split": split,
            "commit": "abc1234",
            "adverts": "10",
            "tp": str(tp),
            "judged": str(judged),
            "found": str(found),
            "gold": str(gold),
            "errors": "0",
            "label": split,
        }

    history = [
        row("tune", 9, 10, 9, 10),
        row("fresh", 6, 10, 3, 10),
        row("fresh2", 8, 10, 4, 10),
        row("fresh", 10, 10, 10, 10),
    ]  # fresh's second row is fit, not evidence
    assert [r["split"] for r in precision.first_runs(history)] == ["fresh", "fresh2"]
    table = "\n".join(precision.clean_table(history))
    assert "| **all 2 batches** | | 20 | **70% (14 / 20," in table
    assert "**35% (7 / 20," in table
    assert precision.clean_table([row("tune", 1, 1, 1, 1)]) == []


def test_a_quote_is_read_from_the_lines_rolelint_counts():
    text = "one\u2028still one\nHero of the day\r\nthird"
    assert precision.quote_of(text, 2, 1, 2, 5) == "Hero"
    assert precision.quote_of(text, 3, 1, 3, 6) == "third"


def test_each_rule_s_clean_record_pools_the_first_runs(tmp_path):
    path = tmp_path / "first_runs.csv"
    path.write_text(
        "split,rules_at,code,severity,enabled,tp,judged\n"
        "fresh,abc1234,RL208,warning,True,9,10\n"
        "fresh2,def5678,RL208,warning,True,10,10\n"
        "fresh2,def5678,RL205,info,True,3,4\n",
        encoding="utf-8",
    )
    table = "\n".join(precision.first_run_rules(path))
    assert "| RL208 | warning | on | 95% (19 / 20, 76%–99%) | 19 / 20 | 2 |" in table
    assert "| RL205 | info | on | 75% (3 / 4," in table
    records, order = precision.first_run_records(path)
    assert order == ["fresh", "fresh2"] and records["RL208"] == (19, 20, 2, 19, 20)
    assert precision.under_the_bar(records) == []  # RL205's 4 findings are too few to judge it by
    assert table.index("RL205") < table.index("| RL208")  # least precise first
    assert precision.first_run_rules(tmp_path / "none.csv") == []


def test_first_runs_reads_the_rules_commit_from_the_label():
    import first_runs

    assert first_runs.rules_commit({"label": "fresh17 first run (rules at 36ee498)", "commit": "0924589"}) == "36ee498"
    assert first_runs.rules_commit({"label": "judged (rules as at 4347373)", "commit": "c257d3a"}) == "4347373"
    assert first_runs.rules_commit({"label": "fresh6 clean (74439e7)", "commit": "74439e7"}) == "74439e7"


def test_the_first_runs_file_agrees_with_the_history():
    import first_runs

    rows = _csv("first_runs.csv")
    firsts = {r["split"]: r for r in precision.first_runs(precision.history_rows())}
    by_split: dict[str, tuple[int, int]] = {}
    for r in rows:
        tp, judged = by_split.get(r["split"], (0, 0))
        by_split[r["split"]] = (tp + int(r["tp"]), judged + int(r["judged"]))
    assert set(by_split) <= set(firsts)
    for split, totals in by_split.items():
        recorded = (int(firsts[split]["tp"]), int(firsts[split]["judged"]))
        assert totals == first_runs.KNOWN_DIFFERENCES.get(split, recorded), split


def test_severities_follow_each_rule_s_clean_record():
    """A text rule under the bar on enough findings reports at info (or is off), unless it is exempt."""
    from rolelint.api import list_rules

    records, _ = precision.first_run_records()
    rules = {info.code: info for info in list_rules()}
    for code in precision.under_the_bar(records):
        if code[2] not in "12" or code in precision.SEVERITY_EXEMPT:
            continue  # engine and profession rules, and the exempt, are not calibrated by it
        assert rules[code].severity.name == "INFO" or not rules[code].enabled, code


def test_a_judge_keeps_the_first_or_the_last_row_of_a_finding():
    rows = [
        {"advert": "a", "code": "RL205", "line": "3", "quote": "x", "verdict": "FP"},
        {"advert": "a", "code": "RL205", "line": "3", "quote": "x", "verdict": "TP"},
    ]
    finding = precision.Finding("a", "RL205", 3, 1, 3, "x", "info", True)
    assert precision.Judge(rows).verdict(finding) == "TP"
    assert precision.Judge(rows, keep="first").verdict(finding) == "FP"
    with pytest.raises(ValueError):
        precision.Judge(rows, keep="middle")


def test_an_rl209_finding_is_credited_only_to_a_missing_section_it_names():
    message = "The advert says nothing about: location, when applications close (about the whole advert; shown where its text starts)"
    finding = precision.Finding("a", "RL209", 1, 1, 1, "x", "info", True, message)
    assert precision.names_the_subject(finding, "No closing date and no hours.")
    assert precision.names_the_subject(finding, "No location or working pattern given.")
    assert not precision.names_the_subject(finding, "No duties and nothing on what is offered.")
    # "(about the whole advert" is the finding's anchor, not a subject it names
    assert not precision.names_the_subject(finding, "Nothing about the company.")


def test_subject_cues_read_what_a_reason_says_is_missing_not_any_word():
    location = precision.Finding("a", "RL209", 1, 1, 1, "x", "info", True, "The advert says nothing about: location")
    about = precision.Finding("a", "RL209", 1, 1, 1, "x", "info", True, "The advert says nothing about: about")
    assert not precision.names_the_subject(location, "No duties anywhere in the advert.")
    assert precision.names_the_subject(location, "Nothing says where the post is based.")
    assert not precision.names_the_subject(about, "A paragraph about the team: no duties.")
    assert precision.names_the_subject(about, "Nothing about the company or the project.")
