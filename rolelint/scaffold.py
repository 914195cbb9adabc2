"""Write the starter files of a new roles repo, as `rolelint init` does."""

from __future__ import annotations

import shlex
from importlib import resources
from pathlib import Path

from rolelint import __version__
from rolelint.release import release_ref

# Template file in rolelint/templates -> where it goes in the new repo.
TEMPLATE_DESTINATIONS: tuple[tuple[str, str], ...] = (
    ("rolelint.yaml", ".rolelint.yaml"),
    ("framework.yaml", "frameworks/software-engineering.yaml"),
    ("role-a.yaml", "roles/software-engineer.yaml"),
    ("role-b.yaml", "roles/data-engineer.yaml"),
    ("advert.md", "adverts/senior-software-engineer.md"),
    ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
)


def read_template(name: str) -> str:
    """The text of one template shipped in `rolelint.templates`."""
    return resources.files("rolelint.templates").joinpath(name).read_text(encoding="utf-8")


def hook_rev(version: str = __version__) -> str:
    """The `rev:` the scaffold's pre-commit config pins: the tag of the installed release (`v0.2.0`),
    or, for a development version that has no tag, the `main` branch, which pre-commit accepts (with
    a warning that it is mutable) until `pre-commit autoupdate` pins a release."""
    return release_ref(version)


def render_template(name: str, *, version: str = __version__) -> str:
    """A template's text as `rolelint init` writes it (the pre-commit config pinned to ``version``)."""
    text = read_template(name)
    if name == "pre-commit-config.yaml":
        text = text.replace("{rev}", hook_rev(version))
    return text


def next_step(directory: Path, cwd: Path | None = None) -> str:
    """What to run after `rolelint init DIRECTORY`, as a shell line that works from ``cwd``."""
    cwd = (cwd or Path.cwd()).resolve()
    target = Path(directory).resolve()
    if target == cwd:
        return "rolelint check"
    try:
        shown = target.relative_to(cwd).as_posix()
    except ValueError:
        shown = str(target)
    return f"cd {shlex.quote(shown)} && rolelint check"


def scaffold(directory: Path, *, force: bool = False) -> list[Path]:
    """Copy the starter files into ``directory`` and return the paths written.

    Nothing is written if any destination already exists, unless ``force`` is true; the
    ``FileExistsError`` names the first file in the way.
    """
    directory = Path(directory)
    targets = [(name, directory / destination) for name, destination in TEMPLATE_DESTINATIONS]
    if not force:
        for _, target in targets:
            if target.exists():
                error = FileExistsError(f"{target} already exists; use --force to overwrite it")
                error.filename = str(target)
                raise error
    written: list[Path] = []
    for name, target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Bytes, so the files keep LF line endings on every platform.
        target.write_bytes(render_template(name).encode("utf-8"))
        written.append(target)
    return written
