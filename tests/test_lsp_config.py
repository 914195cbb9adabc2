"""`rolelint lsp` and the workspace's config: a bad config is a diagnostic on the config file, read
again when it changes; the server never stops for it."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsp_client import CONFIG, open_document, published, start
from lsprotocol import types
from pytest_lsp import LanguageClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

ADVERT = "# Growth lead\n\nWe want a rockstar marketer.\n"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-config")
    (root / "adverts").mkdir()
    (root / ".rolelint.yaml").write_text("kinds:\n  advert: ['adverts/**/*.md']\nfail_onn: warning\n", encoding="utf-8")
    return root


@pytest_lsp.fixture(scope="module", config=CONFIG)
async def client(lsp_client: LanguageClient, workspace):
    await start(lsp_client, workspace, options={"debounce": 0})
    yield
    await lsp_client.shutdown_session()


def changed(client: LanguageClient, path) -> None:
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed)])
    )


async def test_the_server_watches_configs_and_the_files_it_reads(client: LanguageClient):
    for _ in range(500):  # registered once the client has said `initialized`
        if client.registrations:
            break
        await asyncio.sleep(0.01)
    [registration] = [r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    globs = {watcher["globPattern"] for watcher in registration.register_options["watchers"]}
    assert {"**/.rolelint.yaml", "**/pyproject.toml", "**/*.yaml", "**/*.md"} <= globs


async def test_a_bad_config_is_a_diagnostic_on_its_key_and_then_goes_away(client: LanguageClient, workspace):
    config = workspace / ".rolelint.yaml"
    advert = workspace / "adverts" / "growth.md"
    got = await open_document(client, advert, ADVERT)
    assert not got.diagnostics  # nothing can be linted with a config that does not load
    error = await published(client, config.as_uri())
    [diagnostic] = error.diagnostics
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert "fail_onn" in diagnostic.message and "fail_on" in diagnostic.message
    assert (diagnostic.range.start.line, diagnostic.range.start.character) == (2, 0)
    assert any("cannot be used" in m.message for m in client.messages)

    config.write_text("kinds:\n  advert: ['adverts/**/*.md']\nfail_on: warning\n", encoding="utf-8")
    after = len(client.published)
    changed(client, config)
    cleared = await published(client, config.as_uri(), after=after)
    assert not cleared.diagnostics
    linted = await published(client, advert.as_uri(), after=after)
    assert "RL104" in [d.code for d in linted.diagnostics]


async def test_a_config_broken_later_keeps_the_last_good_one(client: LanguageClient, workspace):
    config = workspace / ".rolelint.yaml"
    advert = workspace / "adverts" / "growth.md"
    config.write_text("kinds:\n  advert: ['adverts/**/*.md'\nfail_on: warning\n", encoding="utf-8")
    after = len(client.published)
    changed(client, config)
    error = await published(client, config.as_uri(), after=after)
    [diagnostic] = error.diagnostics
    assert "invalid YAML" in diagnostic.message and "as it was before" in diagnostic.message
    assert diagnostic.range.start.line >= 1
    linted = await published(client, advert.as_uri(), after=after)
    assert "RL104" in [d.code for d in linted.diagnostics]


async def test_each_problem_of_a_bad_config_is_its_own_diagnostic_at_its_key(client: LanguageClient, workspace):
    config = workspace / ".rolelint.yaml"
    advert = workspace / "adverts" / "growth.md"
    config.write_text(
        "kinds:\n  advert: ['adverts/**/*.md']\nrules:\n  RL104: {severity: loud}\nfail_onn: warning\n",
        encoding="utf-8",
    )
    after = len(client.published)
    changed(client, config)
    error = await published(client, config.as_uri(), after=after)
    assert sorted(d.range.start.line for d in error.diagnostics) == [3, 4]
    assert not [d.message for d in error.diagnostics if "invalid config:" in d.message]
    linted = await published(client, advert.as_uri(), after=after)
    assert "RL104" in [d.code for d in linted.diagnostics]  # with the config as it was before
