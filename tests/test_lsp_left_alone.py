"""The editor server follows the same rule as `rolelint check` (docs/discovery.md): in a repo made by
`rolelint init`, an HTML advert is linted, a Markdown file outside `kinds.advert` gets no diagnostics
(and the server says why once), and an untitled buffer is an advert."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from conftest import write
from lsp_client import CONFIG, open_document, published, start
from lsprotocol import types
from pytest_lsp import LanguageClient

from rolelint.scaffold import scaffold

pytestmark = pytest.mark.asyncio(loop_scope="module")

PAGE = "<html><body><h1>Rockstar developer</h1><p>Salary: [Insert salary]. We want a chairman.</p></body></html>\n"
GUIDE = "# How to add a role\n\nOpen a pull request, rockstar! Fill in [Insert salary] later.\n"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("initt")
    scaffold(root)
    write(root, "adverts/page.html", PAGE)
    write(root, "docs/guide.md", GUIDE)
    return root


@pytest_lsp.fixture(scope="module", config=CONFIG)
async def client(lsp_client: LanguageClient, workspace: Path):
    await start(lsp_client, workspace, options={"debounce": 0})
    yield
    await lsp_client.shutdown_session()


async def test_an_html_advert_in_an_init_repo_is_linted(client: LanguageClient, workspace: Path):
    got = await open_document(client, workspace / "adverts" / "page.html", PAGE, language="html")
    assert "RL101" in {d.code for d in got.diagnostics}


async def test_a_markdown_file_outside_kinds_advert_gets_no_diagnostics_and_a_log_line(
    client: LanguageClient, workspace: Path
):
    got = await open_document(client, workspace / "docs" / "guide.md", GUIDE)
    assert not got.diagnostics
    told = [m.message for m in client.log_messages if "docs/guide.md" in m.message]
    assert len(told) == 1 and "kinds:" in told[0], told


async def test_an_untitled_buffer_is_linted_as_an_advert(client: LanguageClient):
    uri = "untitled:Untitled-1"
    after = len(client.published)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=GUIDE))
    )
    got = await published(client, uri, version=1, after=after)
    assert "RL101" in {d.code for d in got.diagnostics}


async def test_the_server_says_why_again_after_the_config_changes(client: LanguageClient, workspace: Path):
    # the edit to the config may have been meant to place the file: a log from before it is stale
    notes = workspace / "docs" / "notes.md"
    write(workspace, "docs/notes.md", GUIDE)
    await open_document(client, notes, GUIDE)
    after = len(client.published)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=(workspace / ".rolelint.yaml").as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    got = await published(client, notes.as_uri(), after=after)
    assert not got.diagnostics
    told = [m.message for m in client.log_messages if "docs/notes.md" in m.message]
    assert len(told) == 2, told
