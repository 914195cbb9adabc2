"""`rolelint lsp` driven by a real LSP client (pytest-lsp) over stdio: one server for the module, on a
copy of examples/ that the tests may change. Each test opens its own documents."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
import pytest_lsp
from conftest import REPO
from lsp_client import CONFIG, apply_edits, edits_of, open_document, published, replace_text, start
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

import rolelint

pytestmark = pytest.mark.asyncio(loop_scope="module")

DRAFT = (REPO / "examples" / "adverts" / "growth-hacker-draft.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    shutil.copytree(REPO / "examples", root, dirs_exist_ok=True)
    return root


@pytest_lsp.fixture(scope="module", config=CONFIG)
async def client(lsp_client: LanguageClient, workspace: Path):
    result = await start(lsp_client, workspace, options={"debounce": 0})
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16
    yield
    await lsp_client.shutdown_session()


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected(workspace: Path, name: str, text: str):
    """What the public API finds in the text, to compare the server's diagnostics with."""
    linter = rolelint.Linter(start=workspace)
    return linter.lint_text(text, name=name).diagnostics


# --- diagnostics ------------------------------------------------------------------------------


async def test_diagnostics_on_open_match_the_api_with_positions(client: LanguageClient, workspace: Path):
    path = workspace / "adverts" / "draft-open.md"
    got = await open_document(client, path, DRAFT)
    want = expected(workspace, "adverts/draft-open.md", DRAFT)
    assert want, "the sketchy example advert has findings"
    lines = DRAFT.splitlines()
    assert sorted((d.range.start.line, d.range.start.character, d.code) for d in got.diagnostics) == sorted(
        (w.line - 1, utf16(lines[w.line - 1][: w.column - 1]), w.code) for w in want
    )
    first = next(d for d in got.diagnostics if d.code == "RL104")
    assert first.source == "rolelint"
    assert first.severity == types.DiagnosticSeverity.Information  # RL104 reports at info
    assert first.code_description.href.endswith("rules.md#rl104-hype-job-title")
    word = lines[first.range.start.line][first.range.start.character : first.range.end.character]
    assert word.lower() in ("rockstar", "ninja")


async def test_positions_count_utf16_code_units_and_only_lsp_line_breaks(client: LanguageClient, workspace: Path):
    # Two astral characters (2 UTF-16 units each) before the finding, and a U+2028 and a form feed on
    # the line above: neither is a line break for the LSP, so the finding stays on line 2.
    text = "# Growth lead\n😀🚀 Odd\u2028line\x0c here. We want a rockstar marketer to join us.\n"
    path = workspace / "adverts" / "emoji.md"
    got = await open_document(client, path, text)
    rockstar = next(d for d in got.diagnostics if d.code == "RL104")
    line = text.split("\n")[1]
    at = line.index("rockstar")
    assert rockstar.range.start.line == 1
    assert rockstar.range.start.character == utf16(line[:at]) == at + 2
    assert rockstar.range.end.character == utf16(line[: at + len("rockstar")])


async def test_change_is_linted_again(client: LanguageClient, workspace: Path):
    path = workspace / "adverts" / "change.md"
    text = "# Product manager\n\nYou will look after our billing service.\n"
    first = await open_document(client, path, text)
    assert not [d for d in first.diagnostics if d.code == "RL104"]
    after = len(client.published)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(2, 9), types.Position(2, 9)), text="be a rockstar and "
                )
            ],
        )
    )
    second = await published(client, path.as_uri(), version=2, after=after)
    hype = [d for d in second.diagnostics if d.code == "RL104"]
    assert [(d.range.start.line, d.range.start.character) for d in hype] == [(2, 14)]


async def test_save_lints_again(client: LanguageClient, workspace: Path):
    path = workspace / "adverts" / "saved.md"
    text = "# Delivery lead\n\nYou will run the guys in our delivery team.\n"
    path.write_text(text, encoding="utf-8")
    await open_document(client, path, text)
    after = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(path.as_uri())))
    again = await published(client, path.as_uri(), after=after)
    assert any(d.code == "RL109" for d in again.diagnostics)


@pytest.mark.parametrize(
    "name, language, text",
    [
        ("adverts/draft.txt", "plaintext", "Team lead\n\nHey guys, we want a team lead.\n"),
        ("adverts/draft.html", "html", "<h1>Team lead</h1>\n<p>Hey guys, we want a team lead.</p>\n"),
        (
            "adverts/draft.jsonld",
            "json",
            '{"@context": "https://schema.org", "@type": "JobPosting", "title": "Team lead",\n'
            ' "description": "Hey guys, we want a team lead."}\n',
        ),
    ],
)
async def test_every_text_format_is_linted_at_the_words_positions(
    client: LanguageClient, workspace: Path, name, language, text
):
    got = await open_document(client, workspace / name, text, language=language)
    [guys] = [d for d in got.diagnostics if d.code == "RL109"]
    line = text.split("\n")[guys.range.start.line]
    assert line[guys.range.start.character : guys.range.end.character] == "guys"


async def test_a_burst_of_changes_is_linted_less_often_and_in_its_latest_text(client: LanguageClient, workspace: Path):
    path = workspace / "adverts" / "burst.md"
    text = "# Team lead\n\nWe want a rockstar.\n"
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"rolelint": {"debounce": 400}})
    )
    try:
        await open_document(client, path, text)
        after = len(client.published)
        for version in range(2, 10):  # typing: a change every 20 ms
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=text + "Hey guys. " * version)],
                )
            )
            await asyncio.sleep(0.02)
        last = await published(client, path.as_uri(), version=9, after=after)
        await asyncio.sleep(0.6)  # nothing more is on its way
        versions = [p.version for p in client.published[after:] if p.uri == path.as_uri()]
        assert versions[-1] == 9 and len(versions) <= 2, versions
        assert len([d for d in last.diagnostics if d.code == "RL109"]) == 9
    finally:
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"rolelint": {"debounce": 0}})
        )


async def test_malformed_document_mid_edit_is_a_finding_and_the_server_goes_on(client: LanguageClient, workspace: Path):
    path = workspace / "roles" / "half-written.yaml"
    good = "kind: role\nid: tester\ntitle: Tester\nframework: product-management\nlevels:\n  - level: senior\n"
    await open_document(client, path, good, language="yaml")
    broken = good + "    skills: [unclosed\n  - level: lead\n"
    mid = await replace_text(client, path, broken, 2)
    assert [d.code for d in mid.diagnostics] == ["RL001"]
    assert mid.diagnostics[0].range.start.line >= 5
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), mid.diagnostics[0].range.start)
    )
    assert hover is not None and "RL001" in hover.contents.value
    fixed = await replace_text(client, path, good, 3)
    assert "RL001" not in [d.code for d in fixed.diagnostics]


async def test_excluded_file_gets_no_findings(client: LanguageClient, workspace: Path):
    got = await open_document(client, workspace / "README.md", DRAFT)
    assert not got.diagnostics


# --- code actions -----------------------------------------------------------------------------


async def actions_at(client: LanguageClient, path: Path, diagnostic: types.Diagnostic, *, only=None):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(path.as_uri()),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic], only=only),
        )
    )


async def test_quick_fix_is_a_plain_edit_that_fixes_the_finding(client: LanguageClient, workspace: Path):
    path = workspace / "adverts" / "fix-one.md"
    text = "# Team lead\n\nOur salesman builds apps in java script for our customers.\n"
    got = await open_document(client, path, text)
    salesman = next(d for d in got.diagnostics if d.code == "RL109")
    actions = await actions_at(client, path, salesman)
    fix = next(a for a in actions if a.is_preferred)
    assert fix.kind == types.CodeActionKind.QuickFix and fix.command is None
    assert fix.title == "Replace 'salesman' with 'salesperson' (RL109)"
    fixed = apply_edits(text, edits_of(fix, path.as_uri()))
    assert fixed == text.replace("salesman", "salesperson")
    again = await replace_text(client, path, fixed, 2)
    assert "RL109" not in [d.code for d in again.diagnostics]
    assert "RL126" in [d.code for d in again.diagnostics]  # the other fix was not made


async def test_fix_all_makes_every_safe_fix(client: LanguageClient, workspace: Path):
    path = workspace / "adverts" / "fix-all.md"
    text = "# Team lead\n\nHey guys, we build apps in java script.\n\nThe salesman we hire works with ruby on rail.\n"
    got = await open_document(client, path, text)
    fixable = [d for d in got.diagnostics if d.data and d.data.get("fixable")]
    assert len(fixable) >= 3
    actions = await actions_at(client, path, got.diagnostics[0], only=[types.CodeActionKind.SourceFixAll])
    [fix_all] = actions
    assert fix_all.kind == "source.fixAll.rolelint"
    fixed = apply_edits(text, edits_of(fix_all, path.as_uri()))
    again = await replace_text(client, path, fixed, 2)
    assert not [d for d in again.diagnostics if d.data and d.data.get("fixable")]
    assert "JavaScript" in fixed


@pytest.mark.parametrize(
    "name, text, language, comment",
    [
        (
            "adverts/suppress.md",
            "# Growth lead\n\nWe want a rockstar marketer.\n",
            "markdown",
            "<!-- rolelint-disable-next-line RL104 -->",
        ),
        (
            "roles/suppress.yaml",
            "kind: role\nid: growth\ntitle: Rockstar marketer\nframework: product-management\n"
            "levels:\n  - level: senior\n",
            "yaml",
            "# rolelint: disable=RL104",
        ),
    ],
)
async def test_suppression_comment_in_the_format_s_syntax(
    client: LanguageClient, workspace: Path, name, text, language, comment
):
    path = workspace / name
    got = await open_document(client, path, text, language=language)
    hype = next(d for d in got.diagnostics if d.code == "RL104")
    actions = await actions_at(client, path, hype)
    line_action = next(a for a in actions if a.title == "Suppress RL104 on this line")
    assert next(a for a in actions if a.title == "Suppress RL104 in this file")
    suppressed = apply_edits(text, edits_of(line_action, path.as_uri()))
    assert comment in suppressed
    again = await replace_text(client, path, suppressed, 2)
    assert not [d for d in again.diagnostics if d.code in ("RL104", "RL009")]


async def test_no_suppression_inside_a_yaml_block_scalar_but_one_for_the_file(client: LanguageClient, workspace: Path):
    path = workspace / "roles" / "block.yaml"
    text = (
        "kind: role\nid: block\ntitle: Marketer\nframework: product-management\n"
        "description: |\n  Our marketer is a true rockstar.\nlevels:\n  - level: senior\n"
    )
    got = await open_document(client, path, text, language="yaml")
    hype = next(d for d in got.diagnostics if d.code == "RL104")
    titles = [a.title for a in await actions_at(client, path, hype)]
    assert "Suppress RL104 on this line" not in titles  # a comment there would be text of the description
    file_action = next(a for a in await actions_at(client, path, hype) if a.title == "Suppress RL104 in this file")
    suppressed = apply_edits(text, edits_of(file_action, path.as_uri()))
    again = await replace_text(client, path, suppressed, 2)
    assert "RL104" not in [d.code for d in again.diagnostics]


# --- hover and completion ---------------------------------------------------------------------


async def test_hover_explains_the_finding(client: LanguageClient, workspace: Path):
    path = workspace / "adverts" / "hover.md"
    got = await open_document(client, path, DRAFT)
    hype = next(d for d in got.diagnostics if d.code == "RL104")
    inside = types.Position(hype.range.start.line, hype.range.start.character + 2)
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), inside)
    )
    text = hover.contents.value
    assert "**RL104 hype-job-title**" in text
    assert "*Why:*" in text and "*Use instead:*" in text
    assert "rules.md#rl104-hype-job-title" in text
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(len(DRAFT.splitlines()) + 5, 0))
    )
    assert nothing is None


async def complete(
    client: LanguageClient, path: Path, text: str, line: int, character: int, *, language: str = "yaml"
) -> list[str]:
    await open_document(client, path, text, language=language)
    found = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(path.as_uri()), position=types.Position(line, character)
        )
    )
    return [item.label for item in found.items] if found else []


async def test_completion_of_framework_ids_in_yaml(client: LanguageClient, workspace: Path):
    text = "kind: advert\ntitle: Senior product manager\nframework: pro\n"
    labels = await complete(client, workspace / "adverts" / "complete-framework.yaml", text, 2, 14)
    assert "product-management" in labels and "delivery-management" in labels


async def test_completion_of_a_role_s_levels_and_skills(client: LanguageClient, workspace: Path):
    text = (
        "---\nkind: advert\nframework: product-management\nrole: product-manager\nlevel: \n"
        "skills:\n  prod\n---\n# Senior product manager\n"
    )
    path = workspace / "adverts" / "complete-levels.md"
    levels = await complete(client, path, text, 4, 7, language="markdown")
    assert levels[:2] == ["associate", "product-manager"] and "senior" in levels
    found = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(path.as_uri()), position=types.Position(6, 6))
    )
    skill = next(item for item in found.items if item.label == "product-management")
    assert skill.text_edit.new_text == "product-management: "
    assert (skill.text_edit.range.start.character, skill.text_edit.range.end.character) == (2, 6)
    body = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(path.as_uri()), position=types.Position(8, 3))
    )
    assert body is None or not body.items


async def test_completion_of_proficiencies_in_a_role_file(client: LanguageClient, workspace: Path):
    text = (
        "kind: role\nid: pm\ntitle: PM\nframework: product-management\nlevels:\n  - level: senior\n"
        "    skills:\n      product-management: \n"
    )
    labels = await complete(client, workspace / "roles" / "complete-steps.yaml", text, 7, 26)
    assert labels == ["awareness", "working", "practitioner", "expert"]
    level = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier((workspace / "roles" / "complete-steps.yaml").as_uri()),
            position=types.Position(5, 12),
        )
    )
    assert "head" in [item.label for item in level.items]


# --- the profession index -----------------------------------------------------------------------


ADVERT = """---
kind: advert
title: Senior product manager
framework: product-management
role: product-manager
level: senior
salary: {min: 55000, max: 61000, currency: GBP, period: year}
skills:
  people-management: expert
---
# Senior product manager

You will look after our billing service and manage two product managers.
"""


async def test_profession_finding_points_at_the_role_level_and_refreshes_when_the_role_changes(
    client: LanguageClient, workspace: Path
):
    path = workspace / "adverts" / "inflated.md"
    got = await open_document(client, path, ADVERT)
    inflated = [d for d in got.diagnostics if d.code == "RL304"]
    role_file = workspace / "roles" / "product-manager.yaml"
    assert len(inflated) == 1, [(d.code, d.message) for d in got.diagnostics]
    [related] = inflated[0].related_information
    assert related.location.uri == role_file.as_uri()
    role_lines = role_file.read_text(encoding="utf-8").splitlines()
    assert role_lines[related.location.range.start.line].strip() == "- level: senior"

    # The role level is changed on disk to define the skill at the level the advert asks for.
    text = role_file.read_text(encoding="utf-8")
    senior = text.index("  - level: senior")
    people = text.index("people-management:", senior)
    end = text.index("\n", people)
    role_file.write_text(text[:people] + "people-management: expert" + text[end:], encoding="utf-8")
    after = len(client.published)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(uri=role_file.as_uri(), type=types.FileChangeType.Changed)])
    )
    again = await published(client, path.as_uri(), after=after)
    assert "RL304" not in [d.code for d in again.diagnostics]


# --- hostile input --------------------------------------------------------------------------------


async def test_a_5_mb_document_is_reported_not_linted_and_the_server_goes_on(client: LanguageClient, workspace: Path):
    paragraph = "We want a product manager who looks after our billing service with care.\n\n"
    text = "# Product manager\n\n" + paragraph * (5_300_000 // len(paragraph))
    path = workspace / "adverts" / "huge.md"
    got = await open_document(client, path, text)
    assert [d.code for d in got.diagnostics] == ["RL005"]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(70_000, 0), types.Position(70_000, 2)), text="Our"
                )
            ],
        )
    )
    small = await open_document(client, workspace / "adverts" / "after-huge.md", "# Lead\n\nHey guys.\n")
    assert "RL109" in [d.code for d in small.diagnostics]


async def test_garbage_and_unknown_messages_do_not_stop_the_server(client: LanguageClient, workspace: Path):
    client.protocol.writer.write(b"Content-Length: 9\r\n\r\n{garbage}")
    with pytest.raises(JsonRpcException):  # the garbage's parse error, or the unknown method's
        await client.protocol.send_request_async("rolelint/nothing", {})
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(
                uri=(workspace / "never-opened.md").as_uri(), version=2
            ),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="x")],
        )
    )
    got = await open_document(client, workspace / "adverts" / "still-alive.md", "# Lead\n\nHey guys.\n")
    assert "RL109" in [d.code for d in got.diagnostics]
