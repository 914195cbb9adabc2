"""RL314's verdict on a duty changes only when the duty, its role, or the role it is said to resemble changes.

Each test lints a roles repo, edits roles that neither the duty nor its role is (copies one level over
another, removes a level, duplicates a role, reuses an id, gives one vocabulary or shared practices in
the framework file), lints again, and compares the findings at every duty: none may appear or
disappear, unless the finding names an edited role.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Callable

import pytest
import yaml

from rolelint.config import load_config
from rolelint.engine import Selection, check

BASE = yaml.safe_load((Path(__file__).with_name("cases") / "_base.yaml").read_text(encoding="utf-8"))

EXTRA = {
    "roles/user-researcher.yaml": """\
        kind: role
        id: user-researcher
        title: User researcher
        framework: delivery
        family: product-and-delivery
        responsibilities:
          - Plan usability testing sessions and recruit participants
          - Synthesise findings with affinity mapping and share insights
        levels:
          - level: practitioner
            title: User researcher
            responsibilities:
              - Write discussion guides and run contextual interviews
          - level: senior
            title: Senior user researcher
            responsibilities:
              - Lead research plans across several teams and look after research ethics and consent
        """,
    "roles/developer.yaml": """\
        kind: role
        id: developer
        title: Software developer
        framework: delivery
        family: product-and-delivery
        responsibilities:
          - Write well-tested code and review pull requests
          - Refactor legacy code and pay down technical debt
        levels:
          - level: practitioner
            title: Software developer
            responsibilities:
              - Build APIs and fix bugs found in production
          - level: senior
            title: Senior software developer
            responsibilities:
              - Choose frameworks and libraries and coach developers in test-driven development
        """,
    "adverts/pm.md": """\
        ---
        role: product-manager
        level: practitioner
        ---
        # Product manager

        ## What you'll do

        - Facilitate sprint ceremonies, daily stand-ups and retrospectives
        - Track burndown and velocity in Jira and keep the RAID log in Confluence
        - Plan usability testing sessions and write discussion guides
        - Decide which customer problems the team tackles next, using research
        - Review pull requests and refactor legacy code
        - Own the roadmap and set outcomes for the product
        """,
    "adverts/dm.md": """\
        ---
        role: delivery-manager
        level: practitioner
        ---
        # Delivery manager

        ## What you'll do

        - Set the product vision and prioritise the backlog by value to customers
        - Run retrospectives and remove blockers
        - Recruit participants and run contextual interviews
        """,
}


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, content in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(content), encoding="utf-8")


def _findings(root: Path) -> dict[tuple[str, int], set[str]]:
    """RL314's messages at each place (file, line) of the repo."""
    config = load_config(cwd=root)
    paths = sorted(
        p.relative_to(root)
        for p in root.rglob("*")
        if p.is_file() and p.suffix in (".yaml", ".md") and not p.name.startswith(".")
    )
    result = check(paths, config, selection=Selection(select=("RL314",)), cwd=root)
    found: dict[tuple[str, int], set[str]] = {}
    for d in result.diagnostics:
        if d.code == "RL314":
            found.setdefault((d.path, d.line), set()).add(d.message)
    return found


def _assert_stable(before: dict, after: dict, edited_files: set[str], edited_roles: set[str]) -> None:
    """Every place outside the edited files keeps its findings, unless one of them names an edited role."""

    def names_edited(messages: set[str]) -> bool:
        return any(f"(`{role}`," in message for message in messages for role in edited_roles)

    changed = []
    for place in sorted(set(before) | set(after)):
        if place[0] in edited_files:
            continue
        old, new = before.get(place, set()), after.get(place, set())
        if old != new and not names_edited(old | new):
            changed.append((place, sorted(old), sorted(new)))
    assert not changed, "findings moved on duties nobody changed:\n" + "\n".join(map(str, changed))


def _edit_yaml(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _copy_level_over_another(data: dict) -> None:
    data["levels"][1] = dict(data["levels"][0], level=data["levels"][1]["level"])


def _remove_a_level(data: dict) -> None:
    del data["levels"][-1]


MUTATIONS = {
    "copy one level over another": lambda root: (
        _edit_yaml(root / "roles/developer.yaml", _copy_level_over_another),
        {"roles/developer.yaml"},
        {"developer"},
    ),
    "remove a level": lambda root: (
        _edit_yaml(root / "roles/user-researcher.yaml", _remove_a_level),
        {"roles/user-researcher.yaml"},
        {"user-researcher"},
    ),
    "duplicate a role": lambda root: (
        _write(
            root,
            {
                "roles/developer-copy.yaml": (root / "roles/developer.yaml")
                .read_text(encoding="utf-8")
                .replace("id: developer", "id: developer-two")
                .replace("title: Software developer\n", "title: Software engineer\n", 1)
            },
        ),
        {"roles/developer-copy.yaml"},
        {"developer-two"},
    ),
    "add a role that uses the adverts' words": lambda root: (
        _write(
            root,
            {
                "roles/analyst.yaml": """\
            kind: role
            id: analyst
            title: Business analyst
            framework: delivery
            responsibilities:
              - Keep requirements in Jira and process maps in Confluence
            """
            },
        ),
        {"roles/analyst.yaml"},
        {"analyst"},
    ),
    "give an unrelated role vocabulary spelt like another's": lambda root: (
        _edit_yaml(
            root / "frameworks/delivery.yaml",
            lambda data: data.update(
                vocabulary=[
                    {
                        "id": "developer-words",
                        "roles": ["developer"],
                        "terms": ["Burndown charts", "RAID logs", "Retros", "discussion guide", "usability tests"],
                    }
                ]
            ),
        ),
        {"frameworks/delivery.yaml"},
        {"developer"},
    ),
    "give an unrelated role shared practices named in the adverts": lambda root: (
        _edit_yaml(
            root / "frameworks/delivery.yaml",
            lambda data: data.update(
                vocabulary=[
                    {
                        "id": "developer-shared",
                        "shared": True,
                        "roles": ["developer"],
                        "terms": ["burndown", "RAID log", "retrospectives", "discussion guides", "pull requests"],
                    }
                ]
            ),
        ),
        {"frameworks/delivery.yaml"},
        {"developer"},
    ),
    "reuse an id": lambda root: (
        _edit_yaml(root / "roles/user-researcher.yaml", lambda data: data.update(id="developer")),
        {"roles/user-researcher.yaml"},
        {"developer", "user-researcher"},
    ),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_editing_unrelated_roles_moves_no_finding(tmp_path, monkeypatch, mutation):
    _write(tmp_path, {**BASE, **EXTRA})
    monkeypatch.chdir(tmp_path)
    before = _findings(tmp_path)
    # The repo has findings to lose: adverts with another role's duties, named by words and by vocabulary.
    assert len([p for p in before if p[0].startswith("adverts/")]) >= 3, before
    _, files, roles = MUTATIONS[mutation](tmp_path)
    _assert_stable(before, _findings(tmp_path), files, roles)


DDAT = Path("ddat-capability-framework") / "official-csv"

DDAT_MUTATIONS = {
    "copy one level over another": ("user-centred-design/graphic-designer.yaml", _copy_level_over_another),
    "remove a level": ("it-operations/problem-manager.yaml", _remove_a_level),
    "reuse an id": ("data/data-ethicist.yaml", lambda data: data.update(id="data-analyst")),
}


@pytest.mark.slow
def test_editing_unrelated_ddat_roles_moves_no_finding(corpus, tmp_path, monkeypatch):
    importer = pytest.importorskip("rolelint.importers.ddat")
    root = tmp_path / "ddat"
    importer.import_ddat(corpus / DDAT / "roles.csv", corpus / DDAT / "skills.csv", root)
    monkeypatch.chdir(root)
    before = _findings(root)
    assert len(before) >= 10
    edited_files, edited_roles = set(), set()
    for relative, change in DDAT_MUTATIONS.values():
        path = root / "roles" / relative
        edited_roles.add(yaml.safe_load(path.read_text(encoding="utf-8"))["id"])
        _edit_yaml(path, change)
        edited_files.add(f"roles/{relative}")
    edited_roles.add("data-analyst")
    source = root / "roles/software-development/frontend-developer.yaml"
    shutil.copy(source, root / "roles/software-development/frontend-developer-copy.yaml")
    _edit_yaml(
        root / "roles/software-development/frontend-developer-copy.yaml",
        lambda data: data.update(id="frontend-developer-two", title="Frontend engineer"),
    )
    edited_files.add("roles/software-development/frontend-developer-copy.yaml")
    edited_roles.add("frontend-developer-two")
    _assert_stable(before, _findings(root), edited_files, edited_roles)
