"""rolelint: a linter for career frameworks, role definitions and job adverts.

The public API (documented in docs/api.md) is what this package exports:

- ``Linter``: load a config, its rules and (when first needed) the spaCy pipeline and the roles repo
  once, then ``lint_paths``, ``lint_text``, ``lint_bytes``, ``lint_texts``, ``rules``, ``rule``, and
  for editors and the page ``defined``, ``related``, ``inferred_role_levels``, ``refresh_profession``,
  ``excluded``;
- ``lint_paths``, ``lint_text``, ``list_rules``: the same in one call;
- ``fix_text``, ``suppression``, ``find_config``: a text's safe fixes, a suppression comment for a
  finding, the config a folder uses;
- ``fix_files``, ``fix_diff``, ``write_baseline``, ``apply_baseline``, ``render_report`` (with
  ``ReportOptions``, ``REPORT_FORMATS``), ``rule_statistics``: what `rolelint check` does with a
  result: write its safe fixes, preview them, record or apply a baseline, write a report;
- ``LintResult``, ``Diagnostic``, ``Fix``, ``Severity``, ``RuleInfo``, ``FixedText``, ``Choice``,
  ``RelatedPlace``: immutable results;
- ``ConfigError``: a bad config, option or rule code (the command line's exit 2).

Everything else is internal and may change between releases.
"""

__version__ = "0.1.0.dev0"  # no release is tagged yet: see CHANGELOG.md

from rolelint.actions import (  # noqa: E402 - the version comes first: the modules below read it
    REPORT_FORMATS,
    ReportOptions,
    apply_baseline,
    fix_diff,
    fix_files,
    render_report,
    rule_statistics,
    write_baseline,
)
from rolelint.api import (  # noqa: E402
    Choice,
    ConfigError,
    Diagnostic,
    Fix,
    FixedText,
    Linter,
    LintResult,
    RelatedPlace,
    RuleInfo,
    Severity,
    find_config,
    fix_text,
    lint_paths,
    lint_text,
    list_rules,
    suppression,
)

__all__ = [
    "REPORT_FORMATS",
    "Choice",
    "ConfigError",
    "Diagnostic",
    "Fix",
    "FixedText",
    "LintResult",
    "Linter",
    "RelatedPlace",
    "ReportOptions",
    "RuleInfo",
    "Severity",
    "__version__",
    "apply_baseline",
    "find_config",
    "fix_diff",
    "fix_files",
    "fix_text",
    "lint_paths",
    "lint_text",
    "list_rules",
    "render_report",
    "rule_statistics",
    "suppression",
    "write_baseline",
]
