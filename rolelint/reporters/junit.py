"""The `junit` format: JUnit XML with one test case per file, failed when the file has a finding at or
above the fail threshold (`--fail-on`), as the exit code is; findings below it are the case's output."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from rolelint.api import LintResult
from rolelint.diagnostics import Diagnostic, Severity
from rolelint.display import shown_path, visible
from rolelint.reporters import ReportOptions

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", visible(text))


def _fails(diagnostic: Diagnostic, fail_on: str) -> bool:
    return fail_on != "never" and diagnostic.severity >= Severity.parse(fail_on)


def _lines(diagnostics: list[Diagnostic]) -> str:
    return _clean(
        "\n".join(
            f"{shown_path(d.path)}:{d.line}:{d.column}: {d.code} {d.full_message} [{d.severity.label}]"
            for d in diagnostics
        )
    )


def render_junit(result: LintResult, color: bool = False, options: ReportOptions | None = None) -> str:
    fail_on = (options or ReportOptions()).fail_on
    by_path: dict[str, list] = {}
    for diagnostic in result.diagnostics:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    # Files that could not even be discovered (e.g. a missing path) have findings but no entry in files.
    paths = list(dict.fromkeys([*result.files, *by_path]))
    failing = {path: [d for d in found if _fails(d, fail_on)] for path, found in by_path.items()}
    failures = sum(1 for path in paths if failing.get(path))
    suites = ET.Element(
        "testsuites", name="rolelint", tests=str(len(paths)), failures=str(failures), errors="0", time="0"
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="rolelint",
        tests=str(len(paths)),
        failures=str(failures),
        errors="0",
        skipped="0",
        time="0",
    )
    for path in paths:
        case = ET.SubElement(
            suite,
            "testcase",
            classname="rolelint",
            name=_clean(shown_path(path)),
            file=_clean(shown_path(path)),
            time="0",
        )
        diagnostics = by_path.get(path)
        if not diagnostics:
            continue
        failed = failing[path]
        if failed:
            count = len(failed)
            failure = ET.SubElement(
                case,
                "failure",
                type="rolelint",
                message=f"{count} problem{'s' if count != 1 else ''} at or above {fail_on}",
            )
            failure.text = _lines(failed)
        below = [d for d in diagnostics if d not in failed]
        if below:
            ET.SubElement(case, "system-out").text = _lines(below)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
