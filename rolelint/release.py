"""Where this version of rolelint lives upstream: its release tag and its documentation's URLs."""

from __future__ import annotations

import re

from rolelint import __version__

REPOSITORY = "https://github.com/rolelint/rolelint"
DEVELOPMENT_REF = "main"
# A release: digits and dots, with an optional pre- or post-release (0.2.0, 1.0.0rc1); not .dev or +local.
_RELEASE = re.compile(r"^\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?$")


def release_ref(version: str = __version__) -> str:
    """The git ref of ``version``: its tag (`v0.2.0`) for a release, else the `main` branch, since a
    development version has no tag."""
    return f"v{version}" if _RELEASE.match(version) else DEVELOPMENT_REF


def docs_url(page: str, anchor: str | None = None, *, version: str = __version__) -> str:
    """A page of docs/ as published with ``version``: `docs_url("rules.md", "rl104-hype-job-title")`."""
    url = f"{REPOSITORY}/blob/{release_ref(version)}/docs/{page}"
    return f"{url}#{anchor}" if anchor else url


def rule_anchor(code: str, name: str) -> str:
    """The anchor GitHub gives the heading `## RL104 hype-job-title` in docs/rules.md."""
    return f"{code} {name}".strip().lower().replace(" ", "-")
