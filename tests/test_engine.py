"""A whole run over a repo: schema findings at YAML positions, broken files among good ones, selection."""

from __future__ import annotations

from pathlib import Path

from conftest import write

from rolelint.config import Config, load_config
from rolelint.core_rules import CORE_RULES
from rolelint.engine import Selection, check, is_enabled
from rolelint.registry import RuleCatalogue

FRAMEWORK = """
kind: framework
id: pm
name: Product management
levels:
  - id: associate
    title: Associate product manager
  - id: senior
    title: Senior product manager
skills:
  - id: discovery
    name: Discovery
"""


def _run(root: Path, *paths: str, selection: Selection = Selection()):
    config = load_config(cwd=root)
    catalogue = RuleCatalogue(rules=dict(CORE_RULES))
    return check([Path(p) for p in paths], config, selection=selection, cwd=root, catalogue=catalogue)


def _codes(result):
    return [(d.path, d.line, d.column, d.code) for d in result.diagnostics]


def test_valid_framework_has_no_findings(repo):
    write(repo, "frameworks/pm.yaml", FRAMEWORK)
    assert _codes(_run(repo)) == []


def test_unknown_key_is_reported_at_the_key_with_did_you_mean(repo):
    write(repo, "frameworks/pm.yaml", FRAMEWORK.replace("    title: Senior", "    titel: Senior"))
    result = _run(repo)
    unknown = [d for d in result.diagnostics if d.code == "RL011"]
    assert [(d.line, d.column) for d in unknown] == [(8, 5)]
    assert "did you mean `title`" in unknown[0].message
    assert (unknown[0].end_line, unknown[0].end_column) == (8, 10)


def test_missing_required_key_names_it(repo):
    write(repo, "frameworks/pm.yaml", FRAMEWORK.replace("name: Product management\n", ""))
    messages = [d.message for d in _run(repo).diagnostics]
    assert any("missing the required key `name`" in m for m in messages)


def test_wrong_type_is_reported_at_the_value_in_plain_words(repo):
    write(
        repo,
        "roles/pm.yaml",
        """
        kind: role
        id: pm
        title: Product manager
        framework: pm
        levels:
          - level: senior
            skills:
              discovery: [working]
    """,
    )
    [diagnostic] = [d for d in _run(repo).diagnostics if d.code == "RL010"]
    assert (diagnostic.line, diagnostic.column) == (8, 18)
    assert "`levels[0].skills.discovery` must be" in diagnostic.message
    assert "not a list" in diagnostic.message


def test_bad_slug_message_suggests_a_slug(repo):
    write(repo, "frameworks/pm.yaml", FRAMEWORK.replace("id: pm", "id: Product Management"))
    [diagnostic] = [d for d in _run(repo).diagnostics if d.code == "RL010"]
    assert "'product-management'" in diagnostic.message
    assert (diagnostic.line, diagnostic.column) == (2, 5)


def test_malformed_yaml_is_reported_and_other_files_still_linted(repo):
    write(repo, "frameworks/broken.yaml", "kind: framework\nlevels: [a, b\nname: x\n")
    write(repo, "frameworks/pm.yaml", FRAMEWORK.replace("    title: Senior", "    titel: Senior"))
    result = _run(repo)
    assert ("frameworks/broken.yaml", 3, 5, "RL001") in _codes(result)
    assert any(d.path == "frameworks/pm.yaml" and d.code == "RL011" for d in result.diagnostics)
    assert result.files == ["frameworks/broken.yaml", "frameworks/pm.yaml"]


def test_yaml_without_kind_is_skipped_with_info(repo):
    write(repo, "notes.yaml", "title: something\n")
    [diagnostic] = _run(repo).diagnostics
    assert diagnostic.code == "RL006" and diagnostic.severity.label == "info"


def test_missing_path_is_reported(repo):
    [diagnostic] = _run(repo, "nope.md").diagnostics
    assert (diagnostic.path, diagnostic.code) == ("nope.md", "RL002")


def test_exclude_globs_apply(repo):
    write(repo, ".rolelint.yaml", "exclude: ['archive/**']\n")
    write(repo, "archive/old.yaml", "kind: role\n")
    assert _run(repo).files == []


def test_per_file_ignores(repo):
    write(
        repo, ".rolelint.yaml", "kinds: {framework: ['frameworks/**']}\nper_file_ignores:\n  'frameworks/**': [RL01]\n"
    )
    write(repo, "frameworks/pm.yaml", FRAMEWORK.replace("    title: Senior", "    titel: Senior"))
    assert _codes(_run(repo)) == []


def test_select_and_ignore_prefixes():
    config = Config(root=Path("."))
    assert is_enabled("RL101", True, config, Selection())
    assert not is_enabled("RL101", True, config, Selection(select=("RL2",)))
    assert not is_enabled("RL101", True, config, Selection(ignore=("RL1",)))
    assert is_enabled("RL101", True, config, Selection(select=("RL101",), ignore=("RL1",)))
    assert is_enabled("RL150", False, config, Selection(select=("RL150",)))
    assert not is_enabled("RL150", False, config, Selection(select=("RL",)))


def test_extend_select_and_extend_ignore_add_to_the_lists_in_force():
    config = Config(root=Path("."), select=("RL1",), ignore=("RL12",))
    assert not is_enabled("RL121", True, config, Selection())
    assert not is_enabled("RL201", True, config, Selection())
    # --extend-ignore keeps the config's ignore (--ignore would replace it) and adds its own.
    assert not is_enabled("RL121", True, config, Selection(extend_ignore=("RL101",)))
    assert not is_enabled("RL101", True, config, Selection(extend_ignore=("RL101",)))
    assert is_enabled("RL102", True, config, Selection(extend_ignore=("RL101",)))
    assert is_enabled("RL121", True, config, Selection(ignore=("RL101",)))
    # --extend-select adds to the config's select, or to --select, and names off-by-default rules in full.
    assert is_enabled("RL201", True, config, Selection(extend_select=("RL2",)))
    assert is_enabled("RL201", True, config, Selection(select=("RL3",), extend_select=("RL201",)))
    assert not is_enabled("RL101", True, config, Selection(select=("RL3",), extend_select=("RL201",)))
    assert is_enabled("RL127", False, Config(root=Path(".")), Selection(extend_select=("RL127",)))
    assert not is_enabled("RL127", False, Config(root=Path(".")), Selection(extend_select=("RL1",)))
    assert is_enabled("RL101", True, Config(root=Path(".")), Selection(extend_select=("RL127",)))
    # An ignore at least as specific as the selection still wins.
    assert not is_enabled("RL127", False, config, Selection(extend_select=("RL127",), extend_ignore=("RL127",)))


class TestSuppressions:
    def test_yaml_line_suppression(self, repo):
        write(
            repo,
            "frameworks/pm.yaml",
            FRAMEWORK.replace("    title: Senior product manager", "    titel: Senior  # rolelint: disable=RL011"),
        )
        # The unknown key on that line is suppressed; the missing `title` is reported where the level starts.
        assert [(d.line, d.code) for d in _run(repo).diagnostics] == [(7, "RL010")]

    def test_yaml_file_suppression(self, repo):
        write(
            repo,
            "frameworks/pm.yaml",
            "# rolelint: disable-file=RL01\n" + FRAMEWORK.lstrip().replace("    title: Senior", "    titel: Senior"),
        )
        assert _codes(_run(repo)) == []

    def test_unused_yaml_suppression_is_reported(self, repo):
        write(
            repo,
            "frameworks/pm.yaml",
            FRAMEWORK.replace("name: Product management", "name: Product management  # rolelint: disable=RL011"),
        )
        assert [(d.line, d.code) for d in _run(repo).diagnostics] == [(3, "RL009")]

    def test_broken_front_matter_is_a_parse_error(self, repo):
        write(
            repo,
            "adverts/a.md",
            """
            ---
            kind: advert
            <!-- not yaml -->
            ---
            Text
        """,
        )
        result = _run(repo)
        assert any(d.code == "RL001" for d in result.diagnostics)

    def test_markdown_next_line_suppression_of_front_matter_error(self, repo):
        write(
            repo,
            "adverts/a.md",
            """
            ---
            kind: advert
            titel: x
            ---
            <!-- rolelint-disable-file RL011 -->
            Body text.
        """,
        )
        assert _codes(_run(repo)) == []

    def test_unused_markdown_suppression_is_reported(self, repo):
        write(repo, "adverts/a.md", "Body text.\n<!-- rolelint-disable-next-line RL011 -->\nMore text.\n")
        assert [(d.line, d.column, d.code) for d in _run(repo).diagnostics] == [(2, 1, "RL009")]

    def test_suppression_of_a_rule_that_did_not_run_is_not_reported(self, repo):
        write(repo, "adverts/a.md", "Body text.\n<!-- rolelint-disable-next-line RL011 -->\nMore text.\n")
        assert _codes(_run(repo, selection=Selection(ignore=("RL011",)))) == []


def test_markdown_disable_enable_range_covers_only_its_lines():
    from rolelint.source import SourceText
    from rolelint.suppressions import parse_suppressions

    text = "a\n<!-- rolelint-disable RL1 -->\nb\nc\n<!-- rolelint-enable RL1 -->\nd\n"
    [suppression] = parse_suppressions(SourceText("f", text), "markdown")
    assert suppression.covers("RL101", 3) and suppression.covers("RL150", 4)
    assert not suppression.covers("RL101", 6)
    assert not suppression.covers("RL201", 3)
