"""rolelint: a linter for career frameworks, role definitions and job adverts."""

__version__ = "0.1.0"
