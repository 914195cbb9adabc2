"""RL132 expert-in-every-area: the top of the proficiency scale asked in several unrelated areas at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from rolelint import Linter
from rolelint.checks.named.expertise_breadth import fewest_areas
from rolelint.config import Config
from rolelint.rulepacks import builtin_rules_dir
from tests.conftest import write
from tests.hostile.helpers import run_main


def _found(text: str, tmp_path) -> list[tuple[int, int, str]]:
    result = Linter(Config(root=tmp_path)).lint_text(text, name="advert.md")
    return [(d.line, d.column, d.message) for d in result.diagnostics if d.code == "RL132"]


def test_expert_level_in_three_areas_is_one_finding_at_the_first_demand(tmp_path):
    text = (
        "# Full stack developer\n\n## Requirements\n\n- 1+ year of experience\n"
        "- Expert knowledge developing in JavaScript and Python\n- Expert knowledge of MySQL\n"
    )
    assert _found(text, tmp_path) == [
        (6, 3, "Expert level asked in front end, back end and databases at once"),
    ]


def test_a_degree_before_a_word_for_knowing_is_the_top_of_the_scale(tmp_path):
    text = "# Developer\n\n## Requirements\n\n- Excellent knowledge of iOS\n- Advanced SQL skills\n- In-depth knowledge of AWS\n"
    ((line, _, message),) = _found(text, tmp_path)
    assert line == 5 and message.startswith("Expert level asked in mobile, ")


def test_two_areas_are_not_enough_by_default(tmp_path):
    text = "# Developer\n\n## Requirements\n\n- Expertise with Scala\n- Expertise with SQL and RDBMS design\n"
    assert _found(text, tmp_path) == []


def test_the_terms_of_one_discipline_are_one_area(tmp_path):
    text = (
        "# Data scientist\n\n## Requirements\n\n- Expert knowledge of probability and statistics\n"
        "- Expertise in SQL and Python\n"
    )
    assert _found(text, tmp_path) == []


def test_strong_or_working_knowledge_is_not_the_top_of_the_scale(tmp_path):
    text = "# Developer\n\n## Requirements\n\n- Strong React skills\n- Working knowledge of Django\n- Strong PostgreSQL skills\n"
    assert _found(text, tmp_path) == []


def test_a_list_of_examples_counts_as_one_of_them(tmp_path):
    text = "# Developer\n\n## Requirements\n\n- Expertise in languages such as Python, TypeScript or Kotlin\n"
    assert _found(text, tmp_path) == []


def test_a_list_of_which_one_is_asked_after_a_colon_counts_as_one_of_them(tmp_path):
    text = (
        "# Developer\n\n## Requirements\n\n"
        "- Expert knowledge of at least one of the following: React, Kubernetes, PostgreSQL\n"
    )
    assert _found(text, tmp_path) == []


def test_a_clause_about_the_object_is_not_part_of_it(tmp_path):
    text = (
        "# Developer\n\n## Requirements\n\n- A deep understanding of Rails and how it talks to servers and databases\n"
    )
    assert _found(text, tmp_path) == []


def test_a_range_starting_lower_is_not_the_top_of_the_scale(tmp_path):
    text = "# Developer\n\n## Requirements\n\n- Intermediate to expert knowledge of React, Django and MySQL\n"
    assert _found(text, tmp_path) == []


def test_desirable_demands_do_not_count(tmp_path):
    text = (
        "# Developer\n\n## Requirements\n\n- Expert in React\n\n## Nice to have\n\n"
        "- Deep knowledge of Kubernetes\n- Mastery of PostgreSQL\n"
    )
    assert _found(text, tmp_path) == []
    marked = "# Developer\n\n## Requirements\n\n- Expert in React\n- Deep knowledge of Kubernetes and PostgreSQL strongly preferred\n"
    assert _found(marked, tmp_path) == []


def test_each_post_of_a_job_family_is_read_on_its_own(tmp_path):
    text = (
        "# Backend engineer\n\n## Security\n\n### Requirements\n\n- Expert in React\n\n"
        "## Platform\n\n### Requirements\n\n- Deep knowledge of Kubernetes\n\n"
        "## Database\n\n### Requirements\n\n- Mastery of PostgreSQL\n"
    )
    assert _found(text, tmp_path) == []


def test_the_breadth_is_the_fewest_areas_holding_every_term():
    python, sql, statistics = ("back end", "data science"), ("back end", "databases", "data science"), ("data science",)
    assert fewest_areas([statistics, sql, python]) == ("data science",)
    assert fewest_areas([("front end",), python, ("databases",)]) == ("front end", "back end", "databases")
    assert fewest_areas([]) == ()


def test_a_demand_said_not_to_be_needed_does_not_count(tmp_path):
    text = (
        "# Developer\n\n## Requirements\n\n- Expert knowledge of React\n- Mastery of PostgreSQL\n"
        "- You don't need to be an expert in Kubernetes\n"
    )
    assert _found(text, tmp_path) == []


def test_a_term_named_before_its_demand_counts(tmp_path):
    areas = ("React", "Kubernetes", "PostgreSQL")
    for mark in (":", " -"):
        items = "".join(f"- {term}{mark} expert level\n" for term in areas)
        found = _found(f"# Developer\n\n## Requirements\n\n{items}", tmp_path)
        assert [line for line, _, _ in found] == [5], mark


def test_an_expert_at_something_else_is_not_a_demand_of_the_terms_after_it(tmp_path):
    text = (
        "# Developer\n\n## Requirements\n\n- Expert communicator with knowledge of React, Kubernetes and PostgreSQL\n"
    )
    assert _found(text, tmp_path) == []
    # a preposition or a term straight after the demand still names what it is of
    for item in ("Expert with React, Kubernetes and PostgreSQL", "Expert React, Kubernetes and PostgreSQL engineer"):
        assert len(_found(f"# Developer\n\n## Requirements\n\n- {item}\n", tmp_path)) == 1, item


def _without(key: str) -> Callable[[dict], None]:
    return lambda check: check.pop(key)


def _set(key: str, value) -> Callable[[dict], None]:
    return lambda check: check.update({key: value})


def _set_area(area: str, value) -> Callable[[dict], None]:
    return lambda check: check["areas"].update({area: value})


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (_without("top"), "check.top"),
        (_set("top", "expert"), "check.top"),
        (_without("knowledge"), "check.knowledge"),
        (_set("degrees", {"deep": "knowledge"}), "check.degrees"),
        (_set("areas", ["front end", "back end"]), "check.areas"),
        (_set_area("finance", "finance"), "check.areas.finance"),
        (_set_area("finance", [["finance"]]), "check.areas.finance[0]"),
    ],
)
def test_a_malformed_spec_stops_the_run_naming_the_rule_and_the_key(tmp_path: Path, capsys, edit, key):
    rule = yaml.safe_load(next(builtin_rules_dir().glob("*/RL132-*.yaml")).read_text(encoding="utf-8"))
    rule["code"] = "XX132"
    edit(rule["check"])
    write(tmp_path, ".rolelint.yaml", "rule_packs: [team-rules/]\n")
    write(tmp_path, "team-rules/XX132-expert-in-every-area.yaml", yaml.safe_dump(rule))
    write(tmp_path, "adverts/a.md", "# Developer\n\n## Requirements\n\n- Expert in React\n")
    code, _out, err = run_main(["check", "--no-cache", "--select", "XX132", "adverts"], capsys, tmp_path)
    assert code == 2, (err, _out)
    assert "XX132" in err and f"{key}:" in err
