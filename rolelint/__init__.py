"""rolelint: a linter for career frameworks, role definitions and job adverts.

The public API (documented in docs/api.md) is what this package exports:

- ``Linter``: load a config, its rules and (when first needed) the spaCy pipeline and the roles repo
  once, then ``lint_paths``, ``lint_text``, ``lint_bytes``, ``lint_texts``, ``rules``, ``rule``, and
  for editors ``defined``, ``related``, ``refresh_profession``, ``excluded``;
- ``lint_paths``, ``lint_text``, ``list_rules``: the same in one call;
- ``fix_text``, ``suppression``, ``find_config``: a text's safe fixes, a suppression comment for a
  finding, the config a folder uses;
- ``LintResult``, ``Diagnostic``, ``Fix``, ``Severity``, ``RuleInfo``, ``FixedText``, ``Choice``,
  ``RelatedPlace``: immutable results;
- ``ConfigError``: a bad config, option or rule code (the command line's exit 2).

Everything else is internal and may change between releases.
"""

__version__ = "0.1.0"

from rolelint.api import (  # noqa: E402 - the version comes first: the modules below read it
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
    "Choice",
    "ConfigError",
    "Diagnostic",
    "Fix",
    "FixedText",
    "LintResult",
    "Linter",
    "RelatedPlace",
    "RuleInfo",
    "Severity",
    "__version__",
    "find_config",
    "fix_text",
    "lint_paths",
    "lint_text",
    "list_rules",
    "suppression",
]
