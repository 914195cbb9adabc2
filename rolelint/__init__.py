"""rolelint: a linter for career frameworks, role definitions and job adverts.

The public API (documented in docs/api.md) is what this package exports:

- ``Linter``: load a config, its rules and (when first needed) the spaCy pipeline and the roles repo
  once, then ``lint_paths``, ``lint_text``, ``lint_bytes``, ``lint_texts``, ``rules``, ``rule``;
- ``lint_paths``, ``lint_text``, ``list_rules``: the same in one call;
- ``LintResult``, ``Diagnostic``, ``Severity``, ``RuleInfo``: immutable results;
- ``ConfigError``: a bad config, option or rule code (the command line's exit 2).

Everything else is internal and may change between releases.
"""

__version__ = "0.1.0"

from rolelint.api import (  # noqa: E402 - the version comes first: the modules below read it
    ConfigError,
    Diagnostic,
    Linter,
    LintResult,
    RuleInfo,
    Severity,
    lint_paths,
    lint_text,
    list_rules,
)

__all__ = ["ConfigError", "Diagnostic", "LintResult", "Linter", "RuleInfo", "Severity", "__version__", "lint_paths",
           "lint_text", "list_rules"]
