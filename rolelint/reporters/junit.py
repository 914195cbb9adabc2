"""The `junit` format: JUnit XML with one test case per file, failed when the file has findings."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from rolelint.display import shown_path, visible
from rolelint.api import LintResult

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", visible(text))


def render_junit(result: LintResult, color: bool = False) -> str:
    by_path: dict[str, list] = {}
    for diagnostic in result.diagnostics:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    # Files that could not even be discovered (e.g. a missing path) have findings but no entry in files.
    paths = list(dict.fromkeys([*result.files, *by_path]))
    failures = sum(1 for path in paths if by_path.get(path))
    suites = ET.Element("testsuites", name="rolelint", tests=str(len(paths)), failures=str(failures),
                        errors="0", time="0")
    suite = ET.SubElement(suites, "testsuite", name="rolelint", tests=str(len(paths)), failures=str(failures),
                          errors="0", skipped="0", time="0")
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname="rolelint", name=_clean(shown_path(path)),
                             file=_clean(shown_path(path)),
                             time="0")
        diagnostics = by_path.get(path)
        if not diagnostics:
            continue
        count = len(diagnostics)
        failure = ET.SubElement(case, "failure", type="rolelint",
                                message=f"{count} problem{'s' if count != 1 else ''}")
        failure.text = _clean("\n".join(f"{shown_path(d.path)}:{d.line}:{d.column}: {d.code} {d.message} "
                                        f"[{d.severity.label}]"
                                        for d in diagnostics))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
