"""Write the starter files of a new roles repo, as `rolelint init` does."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

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
        target.write_bytes(read_template(name).encode("utf-8"))
        written.append(target)
    return written
