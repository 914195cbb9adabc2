"""The smaller defects of issue 13, each reproduced: positions at CRLF fences, YAML merge keys,
lone surrogates in escapes, and RL116's dependence on case."""

from __future__ import annotations

from pathlib import Path

from rolelint.source import SourceText
from tests.conftest import write
from tests.hostile.helpers import CONFIG, assert_positions_inside, lint


def test_an_offset_between_cr_and_lf_is_the_end_of_its_line():
    source = SourceText("a.md", "---\r\nabc\r\n")
    assert source.position(4) == (1, 4)
    assert source.position(3) == (1, 4)
    assert source.position(5) == (2, 1)
    assert source.position(9) == (2, 4)


def test_findings_at_a_crlf_front_matter_fence_stay_inside_their_line(tmp_path: Path):
    write(tmp_path, ".rolelint.yaml", CONFIG)
    write(tmp_path, "adverts/open.md", b"---\r\n")
    write(tmp_path, "adverts/closed.md", b"---\r\ntitle: Product manager\r\n---\r\n")
    run = lint(tmp_path, select=None)
    assert run.diagnostics
    assert_positions_inside(run, tmp_path)
