"""Phrase rules with ``skip_own_name``: a listed word inside the advert's own organisation's name."""

from __future__ import annotations

import json

import pytest

from rolelint import Linter
from rolelint.config import Config


@pytest.fixture(scope="module")
def linter(tmp_path_factory) -> Linter:
    return Linter(Config(root=tmp_path_factory.mktemp("adverts")))


def _hype(linter: Linter, text: str, name: str = "advert.md") -> list[str]:
    result = linter.lint_text(text, name=name)
    return [d.message for d in result.diagnostics if d.code == "RL104"]


@pytest.mark.parametrize("key", ["organisation", "organization", "company", "employer", "company_name"])
def test_a_hype_word_in_the_organisations_name_from_front_matter_is_left_alone(linter, key):
    text = f"---\n{key}: Code Ninja Studio\n---\n\nAt code ninja studio we build maps for hospitals.\n"
    assert _hype(linter, text) == []


def test_the_same_word_outside_the_name_is_still_found(linter):
    text = "---\ncompany: Code Ninja Studio\n---\n\nCode Ninja Studio is hiring a ninja to build maps.\n"
    assert _hype(linter, text) == ["'ninja' is a hype title; name the job plainly"]


def test_without_a_name_in_the_metadata_the_word_is_found(linter):
    assert len(_hype(linter, "At Code Ninja Studio we build maps for hospitals.\n")) == 1


def test_the_hiring_organisation_of_json_ld_is_the_organisations_name(linter):
    posting = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": "Map engineer",
        "description": "<p>Code Ninja Studio builds maps for hospitals.</p>",
        "hiringOrganization": {"@type": "Organization", "name": "Code Ninja Studio"},
    }
    assert _hype(linter, json.dumps(posting), name="job.jsonld") == []


def test_a_domain_the_advert_writes_as_its_name_is_its_own_name(linter):
    text = (
        "HEROIC Cybersecurity (HEROIC.com) is looking for a developer.\n\n"
        "* Build HEROIC's core technology\n* Assist with all other HEROIC projects\n"
    )
    assert _hype(linter, text) == []


def test_a_link_to_another_sites_page_names_no_employer(linter):
    text = "See https://www.heroic.com/jobs and github.com/heroic.\n\nWe want a heroic developer.\n"
    assert _hype(linter, text) == ["'heroic' is a hype title; name the job plainly"]
