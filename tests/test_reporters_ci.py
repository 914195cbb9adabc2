"""The CI output formats: SARIF valid against the official schema, GitHub workflow commands, JUnit XML,
and several formats from one run."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import write
from test_cli import rolelint

from rolelint.api import Linter, LintResult
from rolelint.config import Config
from rolelint.diagnostics import Diagnostic, Fix, Severity
from rolelint.reporters import REPORTERS, ReportOptions
from rolelint.reporters.github import render_github
from rolelint.reporters.gitlab import render_gitlab
from rolelint.reporters.junit import render_junit
from rolelint.reporters.sarif import FINGERPRINT_KEY, render_sarif
from rolelint.source import SourceText

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
ADVERT = "# Rockstar wanted\n\nWe need a rockstar, 100% committed: see\n[Insert salary] for pay.\n"
TRICKY_PATH = "adverts/odd, name: 50%.md"


def _diagnostic(
    path: str,
    line: int,
    column: int,
    end_line: int,
    end_column: int,
    code: str,
    *,
    severity: Severity = Severity.WARNING,
    message: str = "a message",
    context: str | None = None,
    fix: Fix | None = None,
    suggestion: str | None = None,
) -> Diagnostic:
    return Diagnostic(
        path=path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=code,
        severity=severity,
        message=message,
        rule="some-rule",
        context=context,
        fix=fix,
        suggestion=suggestion,
    )


@pytest.fixture(scope="module")
def result() -> LintResult:
    """A run's result with the awkward cases: a zero-width span, a multi-line span, a fix, every severity,
    a message with `%`, newlines and `::`, a path with a comma, colon, space and `%`, and a clean file."""
    linter = Linter(Config(root=Path.cwd()))
    codes = sorted(linter.catalogue.text_rules) or ["RL101"]
    sources = {"adverts/a.md": SourceText("adverts/a.md", ADVERT), TRICKY_PATH: SourceText(TRICKY_PATH, ADVERT)}
    diagnostics = sorted(
        [
            _diagnostic(
                "adverts/a.md",
                1,
                3,
                1,
                11,
                codes[0],
                context="Rockstar",
                severity=Severity.ERROR,
                fix=Fix(2, 10, "Developer"),
                suggestion="Developer",
            ),
            _diagnostic(
                "adverts/a.md",
                3,
                27,
                4,
                16,
                codes[-1],
                message="spans two lines: 100%\nsecond :: line",
                severity=Severity.INFO,
            ),
            _diagnostic("adverts/a.md", 1, 1, 1, 1, "RL003", message="zero-width", severity=Severity.INFO),
            _diagnostic(TRICKY_PATH, 3, 11, 3, 19, codes[0], context="rockstar", message="odd\r\npath, 50%"),
            _diagnostic(
                "roles/ctrl.yaml", 1, 1, 1, 2, "RL010", message="control \x0b\x00 characters", severity=Severity.ERROR
            ),
        ]
    )
    return LintResult(
        diagnostics=tuple(diagnostics),
        files=("adverts/a.md", TRICKY_PATH, "roles/ctrl.yaml", "roles/clean.yaml"),
        sources=sources,
        rules={rule.code: rule for rule in linter.rules()},
    )


# --- sarif -------------------------------------------------------------------------------------


def test_sarif_is_valid_against_the_official_2_1_0_schema(result):
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    errors = sorted(validator_class(schema).iter_errors(json.loads(render_sarif(result))), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_sarif_with_no_findings_is_valid_too():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    rules = {rule.code: rule for rule in Linter(Config(root=Path.cwd())).rules()}
    empty = LintResult(diagnostics=(), files=("a.md",), sources={}, rules=rules)
    jsonschema.validators.validator_for(schema)(schema).validate(json.loads(render_sarif(empty)))


def test_sarif_describes_every_rule_with_help_from_its_docs(result):
    run = json.loads(render_sarif(result))["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert set(rules) == set(result.rules)
    for code, rule in result.rules.items():
        what = " ".join(str(rule.docs.get("what", "")).split())
        assert rules[code]["name"] == rule.name
        assert rules[code]["fullDescription"]["text"] == what
        assert "### What it does" in rules[code]["help"]["markdown"]
        assert "## What it does" in rules[code]["help"]["text"]
        assert (
            rules[code]["defaultConfiguration"]["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[rule.severity.label]
        )


def github_anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation other than `-` and `_`
    dropped, spaces turned into hyphens (duplicates are not expected in docs/rules.md)."""
    anchors = set()
    for heading in re.findall(r"(?m)^#{1,6} (.+?)\s*$", markdown):
        anchors.add(re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-"))
    return anchors


def test_every_sarif_rule_links_to_its_own_section_of_rolelint_docs_at_the_release(result):
    from rolelint.release import release_ref

    run = json.loads(render_sarif(result))["runs"][0]
    anchors = github_anchors((Path(__file__).parents[1] / "docs" / "rules.md").read_text(encoding="utf-8"))
    base = f"https://github.com/rolelint/rolelint/blob/{release_ref()}/docs/rules.md#"
    for rule in run["tool"]["driver"]["rules"]:
        if rule["id"] not in result.rules:
            continue
        assert rule["helpUri"].startswith(base), rule["helpUri"]
        assert rule["helpUri"][len(base) :] in anchors, rule["helpUri"]


def test_sarif_help_markdown_fences_the_examples(result):
    run = json.loads(render_sarif(result))["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    hype = rules["RL104"]["help"]["markdown"]
    assert "### Example\n\n```markdown\nWe're hiring a JavaScript ninja" in hype
    assert "### Use instead\n\n```markdown\n" in hype
    assert rules["RL011"]["help"]["markdown"].count("```yaml\n") == 2
    assert rules["RL104"]["helpUri"] in hype  # the references end with rolelint's own page
    for rule in rules.values():
        markdown = rule.get("help", {}).get("markdown", "")
        assert markdown.count("```") % 2 == 0, rule["id"]


def test_sarif_results_point_at_their_rule_and_region(result):
    run = json.loads(render_sarif(result))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    first = run["results"][0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "adverts/a.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 2}
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_paths_are_uri_escaped(result):
    run = json.loads(render_sarif(result))["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "adverts/odd%2C%20name%3A%2050%25.md" in uris


def test_sarif_results_carry_content_fingerprints_and_fixes(result):
    results = json.loads(render_sarif(result))["runs"][0]["results"]
    assert all(len(r["partialFingerprints"][FINGERPRINT_KEY]) == 32 for r in results)
    fixed = [r for r in results if "fixes" in r]
    assert len(fixed) == 1
    replacement = fixed[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement == {
        "deletedRegion": {"charOffset": 2, "charLength": 8},
        "insertedContent": {"text": "Developer"},
    }


# --- github ------------------------------------------------------------------------------------

# The workflow-command grammar: ::command key=value,key=value::message, where values escape
# % \r \n : , and the message escapes % \r \n.
_PROPERTY_VALUE = r"(?:[^%\r\n:,]|%25|%0D|%0A|%3A|%2C)*"
_WORKFLOW_COMMAND = re.compile(
    r"^::(?P<command>error|warning|notice) "
    rf"(?P<properties>[A-Za-z]+={_PROPERTY_VALUE}(?:,[A-Za-z]+={_PROPERTY_VALUE})*)"
    r"::(?P<message>(?:[^%\r\n]|%25|%0D|%0A)*)$"
)


def _unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _commands(output: str) -> list[dict]:
    parsed = []
    for line in output.splitlines():
        match = _WORKFLOW_COMMAND.match(line)
        assert match, f"not a workflow command: {line!r}"
        properties = dict(part.split("=", 1) for part in match["properties"].split(","))
        parsed.append(
            {
                "command": match["command"],
                "message": _unescape(match["message"]),
                **{key: _unescape(value) for key, value in properties.items()},
            }
        )
    return parsed


def test_github_lines_parse_as_workflow_commands(result):
    commands = _commands(render_github(result))
    assert len(commands) == len(result.diagnostics)
    assert [c["command"] for c in commands] == [
        {"error": "error", "warning": "warning", "info": "notice"}[d.severity.label] for d in result.diagnostics
    ]


def test_github_escaping_round_trips_paths_and_messages(result):
    commands = _commands(render_github(result))
    tricky = next(c for c in commands if c["file"] == TRICKY_PATH)
    assert tricky["message"] == "odd\r\npath, 50%"
    two_lines = next(c for c in commands if c["message"].startswith("spans two lines"))
    assert two_lines["message"] == "spans two lines: 100%\nsecond :: line"


def test_github_annotations_have_positions_and_a_title(result):
    first = _commands(render_github(result))[0]
    d = result.diagnostics[0]
    assert first["file"] == d.path
    assert (first["line"], first["col"], first["endLine"], first["endColumn"]) == (
        str(d.line),
        str(d.column),
        str(d.end_line),
        str(d.end_column),
    )
    assert first["title"] == f"{d.code} some-rule"


def test_github_multi_line_annotation_has_no_columns(result):
    two_lines = next(c for c in _commands(render_github(result)) if c["message"].startswith("spans two lines"))
    assert (two_lines["line"], two_lines["endLine"]) == ("3", "4")
    assert "col" not in two_lines and "endColumn" not in two_lines


def _many(counts: dict[Severity, int]) -> LintResult:
    diagnostics = sorted(
        _diagnostic(f"adverts/{severity.label}-{i:02}.md", 1, 1, 1, 2, "RL104", severity=severity)
        for severity, count in counts.items()
        for i in range(count)
    )
    return LintResult(diagnostics=tuple(diagnostics), files=tuple(sorted({d.path for d in diagnostics})), sources={})


def test_github_says_nothing_more_when_github_will_show_every_annotation():
    output = render_github(_many({Severity.ERROR: 10, Severity.WARNING: 10, Severity.INFO: 10}))
    assert len(_commands(output)) == 30


def test_github_summary_line_counts_what_github_will_not_show():
    output = render_github(_many({Severity.ERROR: 3, Severity.WARNING: 25, Severity.INFO: 12}))
    *commands, last = output.splitlines()
    assert len(_commands("\n".join(commands))) == 40
    assert not last.startswith("::")  # a plain log line: a notice would itself count against the limit
    assert last.startswith(
        "rolelint: 40 findings; 23 will show as annotations; 17 annotations beyond what GitHub shows"
    )


def test_github_severity_floor_and_limit_pick_the_most_severe(result):
    many = _many({Severity.ERROR: 4, Severity.WARNING: 8, Severity.INFO: 30})
    floor = render_github(many, options=ReportOptions(annotations_severity="warning"))
    *commands, last = floor.splitlines()
    assert {c["command"] for c in _commands("\n".join(commands))} == {"error", "warning"}
    assert "30 findings not annotated (30 below warning)" in last
    capped = render_github(many, options=ReportOptions(annotations_limit=6))
    *commands, last = capped.splitlines()
    picked = _commands("\n".join(commands))
    assert [c["command"] for c in picked] == ["error"] * 4 + ["warning"] * 2
    assert [c["file"] for c in picked] == sorted(c["file"] for c in picked)  # still in file order
    assert "36 findings not annotated (36 over the limit of 6)" in last


# --- gitlab ------------------------------------------------------------------------------------

# What GitLab's "Code Quality report format" requires of each issue, written out as a schema.
GITLAB_ISSUE = {
    "type": "object",
    "required": ["description", "check_name", "fingerprint", "severity", "location"],
    "properties": {
        "description": {"type": "string", "minLength": 1},
        "check_name": {"type": "string", "minLength": 1},
        "fingerprint": {"type": "string", "minLength": 1},
        "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
        "location": {
            "type": "object",
            "required": ["path", "lines"],
            "properties": {
                "path": {"type": "string"},
                "lines": {
                    "type": "object",
                    "required": ["begin"],
                    "properties": {
                        "begin": {"type": "integer", "minimum": 1},
                        "end": {"type": "integer", "minimum": 1},
                    },
                },
            },
        },
    },
}


def test_gitlab_report_has_every_field_gitlab_requires(result):
    issues = json.loads(render_gitlab(result))
    jsonschema.validate(issues, {"type": "array", "items": GITLAB_ISSUE})
    assert len(issues) == len(result.diagnostics)
    first = issues[0]
    d = result.diagnostics[0]
    assert (first["location"]["path"], first["location"]["lines"]["begin"], first["check_name"]) == (
        d.path,
        d.line,
        d.code,
    )
    assert first["severity"] == {"error": "major", "warning": "minor", "info": "info"}[d.severity.label]


def test_gitlab_fingerprints_are_unique_and_stable():
    twice = LintResult(
        diagnostics=(_diagnostic("a.md", 1, 1, 1, 2, "RL104"),) * 2,
        files=("a.md",),
        sources={"a.md": SourceText("a.md", "ninja\n")},
    )
    prints = [issue["fingerprint"] for issue in json.loads(render_gitlab(twice))]
    assert len(set(prints)) == 2  # GitLab would merge two issues that share one
    assert prints == [issue["fingerprint"] for issue in json.loads(render_gitlab(twice))]


# --- junit -------------------------------------------------------------------------------------


def test_junit_has_one_testcase_per_file_and_fails_those_with_findings(result):
    root = ET.fromstring(render_junit(result))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert tuple(c.get("name") for c in cases) == result.files
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    assert failed == {"adverts/a.md", TRICKY_PATH, "roles/ctrl.yaml"}
    assert (suite.get("tests"), suite.get("failures")) == ("4", "3")
    assert (root.get("tests"), root.get("failures")) == ("4", "3")
    a = next(c for c in cases if c.get("name") == "adverts/a.md")
    assert a.find("failure").get("message") == "1 problem at or above warning"
    assert a.find("system-out").text.count("[info]") == 2  # below the threshold: output, not failure


def test_junit_failure_text_lists_each_finding(result):
    root = ET.fromstring(render_junit(result))
    case = next(c for c in root.iter("testcase") if c.get("name") == "roles/ctrl.yaml")
    assert case.find("failure").text.startswith("roles/ctrl.yaml:1:1: RL010 control")


@pytest.mark.parametrize(("fail_on", "failures"), [("error", "2"), ("warning", "3"), ("info", "3"), ("never", "0")])
def test_junit_failures_follow_the_fail_threshold(result, fail_on, failures):
    root = ET.fromstring(render_junit(result, options=ReportOptions(fail_on=fail_on)))
    assert root.get("failures") == failures
    assert sum(1 for c in root.iter("testcase") if c.find("failure") is not None) == int(failures)


def test_junit_for_a_clean_run_has_no_failures():
    root = ET.fromstring(render_junit(LintResult(diagnostics=(), files=("a.md", "b.yaml"), sources={})))
    assert (root.get("tests"), root.get("failures")) == ("2", "0")


# --- the command line --------------------------------------------------------------------------


def test_every_reporter_is_a_format_choice(repo):
    assert set(REPORTERS) >= {"text", "concise", "json", "sarif", "github", "gitlab", "junit"}
    help_text = rolelint("check", "--help", cwd=repo).stdout
    assert "text|concise|json|sarif|github|gitlab|junit" in help_text


def test_one_run_writes_several_formats(repo):
    write(repo, "roles/pm.yaml", "kind: role\nid: pm\ntitel: Product manager\nframework: pm\nlevels: [{level: a}]\n")
    run = rolelint(
        "check",
        "--select",
        "RL0",
        "--format",
        "github",
        "--output-file",
        "sarif:out/results.sarif",
        "--output-file",
        "junit:out/junit.xml",
        "--output-file",
        "json:out/report.json",
        cwd=repo,
    )
    assert run.returncode == 1, run.stderr
    assert {(c["file"], c["title"]) for c in _commands(run.stdout)} == {
        ("roles/pm.yaml", "RL010 schema-violation"),
        ("roles/pm.yaml", "RL011 unknown-key"),
    }
    sarif = json.loads((repo / "out/results.sarif").read_text(encoding="utf-8"))
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"RL011", "RL010"}
    assert ET.parse(repo / "out/junit.xml").getroot().get("failures") == "1"
    report = json.loads((repo / "out/report.json").read_text(encoding="utf-8"))
    assert report["summary"]["total"] == len(sarif["runs"][0]["results"])


def test_output_file_needs_a_known_format(repo):
    run = rolelint("check", "--output-file", "pdf:report.pdf", cwd=repo)
    assert run.returncode == 2
    assert "FORMAT:PATH" in run.stderr


SKETCHY_ADVERT = (
    "# Rockstar ninja wanted\n\nWe need a rockstar ninja. Salary: [Insert salary]. Work hard, play hard.\n"
    "A guru and a wizard and a unicorn and a hero.\n"
    "You will write Java script and Postgress, and other duties as required.\n"
)


def test_github_floor_and_limit_from_the_command_line(repo):
    write(repo, "a.md", SKETCHY_ADVERT)
    run = rolelint(
        "check",
        "--no-cache",
        "--select",
        "RL1",
        "--format",
        "github",
        "--annotations-severity",
        "warning",
        "--annotations-limit",
        "3",
        cwd=repo,
    )
    *lines, last = run.stdout.splitlines()
    commands = _commands("\n".join(lines))
    assert len(commands) == 3 and "error" in [c["command"] for c in commands]  # the placeholder is kept
    assert {c["command"] for c in commands} <= {"error", "warning"}
    assert re.fullmatch(
        r"rolelint: \d+ findings; 3 will show as annotations; \d+ findings not annotated "
        r"\((\d+ below warning, )?\d+ over the limit of 3\)\. .*",
        last,
    ), last
    assert run.returncode == 1


def test_junit_from_the_command_line_follows_fail_on(repo):
    write(repo, "notes.yaml", "title: notes\n")  # RL006, info only
    write(repo, "roles/pm.yaml", "kind: role\nid: pm\ntitel: Product manager\nframework: pm\nlevels: [{level: a}]\n")
    for fail_on, failures, code in (("warning", "1", 1), ("info", "2", 1), ("never", "0", 0)):
        run = rolelint(
            "check", "--no-cache", "--select", "RL0", "--fail-on", fail_on, "--output-file", "junit:out.xml", cwd=repo
        )
        assert run.returncode == code
        assert ET.parse(repo / "out.xml").getroot().get("failures") == failures, fail_on


def test_junit_uses_the_config_fail_on(repo):
    write(repo, ".rolelint.yaml", "fail_on: never\n")
    write(repo, "roles/pm.yaml", "kind: role\nid: pm\ntitel: Product manager\nframework: pm\nlevels: [{level: a}]\n")
    run = rolelint("check", "--no-cache", "--select", "RL0", "--format", "junit", cwd=repo)
    assert run.returncode == 0 and ET.fromstring(run.stdout).get("failures") == "0"


def test_gitlab_from_the_command_line(repo):
    write(repo, "a.md", SKETCHY_ADVERT)
    run = rolelint("check", "--no-cache", "--select", "RL1", "--format", "gitlab", cwd=repo)
    issues = json.loads(run.stdout)
    jsonschema.validate(issues, {"type": "array", "items": GITLAB_ISSUE})
    assert {i["location"]["path"] for i in issues} == {"a.md"} and len(issues) >= 5
    assert len({i["fingerprint"] for i in issues}) == len(issues)
