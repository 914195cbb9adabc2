"""RL127 (acronym-not-expanded): which acronyms it reports, and the classes it leaves out (names,
places, postcodes, versions, words in capitals, technologies listed with others, known acronyms)."""

from __future__ import annotations

import pytest

from rolelint.api import Linter
from rolelint.config import Config, RuleSettings


@pytest.fixture(scope="module")
def linter(tmp_path_factory):
    root = tmp_path_factory.mktemp("acronyms")
    return Linter(Config(root=root, select=("RL127",), rules={"RL127": RuleSettings(enabled=True)}))


def acronyms(linter, body: str) -> list[str]:
    result = linter.lint_text("---\nkind: advert\ntitle: Analyst\n---\n\n" + body, name="advert.md")
    return [d.to_dict()["message"].split("'")[1] for d in result.diagnostics if d.code == "RL127"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("You will need BPSS clearance before you start.\n", ["BPSS"]),
        ("Our platform serves MGAs and TPAs across the country.\n", ["MGA", "TPA"]),
        ("- Basic life insurance, AD&D, STD & LTD\n", ["STD"]),
        ("The role meets the AS qualification standards.\n", ["AS"]),
        # acronyms joined by a slash, which a path's slash must not hide
        ("- A degree in Computer Science (AEI/TEI)\n", ["AEI", "TEI"]),
        ("- Experience with PDQ/EAD/LGD model validation\n", ["PDQ", "EAD", "LGD"]),
        # joined to a word by a hyphen, as a compound adjective
        ("Experience working in an ESD-controlled environment.\n", ["ESD"]),
        # one finding per acronym per advert, at its first use
        ("Work with the PMO on planning.\n\nThe PMO meets weekly.\n", ["PMO"]),
        # a capitalised word before it does not end a name when another follows it
        ("Acme is a Leader for Cloud HCM Applications.\n", ["HCM"]),
        # a plural acronym is not a capitalised word naming a technology
        ("- Privacy standards like FIPPs or CIPP\n", ["FIPP", "CIPP"]),
        # inside a longer item, or with one other name, it is not an item of a list of names
        ("- A degree in Information/Computer Science or a related discipline (AEI or TEI)\n", ["AEI", "TEI"]),
        ("- Experience working with EMRs, PHI, and audited systems\n", ["EMR", "PHI"]),
    ],
)
def test_reports_acronyms_readers_may_not_know(linter, body, expected):
    assert acronyms(linter, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        # expanded anywhere in the advert, in any of the usual forms
        "Report to the senior responsible owner (SRO). The SRO sets goals.\n",
        "The SRO (senior responsible owner) sets goals.\n",
        "We use COTS – commercial off-the-shelf – products where we can.\n",
        "Pay is On-Target Earnings (“OTE”) of £40,000.\n",
        "Join the LAA digital team, supporting the Legal Aid Agency.\n",
        "See https://example.org/docs/ABC/DEF for the guide.\n",
        # widely known (the rule's data list)
        "Our API is used by the NHS across the UK; send your CV to HR.\n",
        # words in capitals, placeholders, versions and postcodes
        "A pool of candidates MAY be created from this process.\n",
        "We are a REMOTE company.\n",
        "Salary: [TBC]\n",
        "Good knowledge of HTML5, CSS3 and ES2020.\n",
        "Stay COVID-19 safe with API-first, AI-powered tools.\n",
        "Our office is at 1 High Street, London SW1W 9AX.\n",
        # places: a state's code after a city, and the recogniser's places
        "The job is in Austin, TX or Boulder, CO.\n",
        # the employer's or a product's own name
        "Apply at https://www.jbs.example/jobs: JBS builds software for schools.\n",
        "You’ll collaborate directly with C&C’s VP of Strategy.\n",
        "BCHHS is seeking a statistical analyst.\n",
        "Company: EDF\n",
        "Files live on a Synology NAS and apps on QRX WebSphere.\n",
        "You will study at TU Delft with the IIT Bombay group.\n",
        "Free membership of BCS, the Chartered Institute for IT.\n",
        # technologies listed with others readers know
        "Good knowledge of Java, JSP, JDBC, Hibernate, JMS and XML.\n",
        "Experience with CSS concepts: BEM, OOCSS, SMACSS and Sass.\n",
        # an item of a list of other names, after "such as", "like" or "including" too
        "Registry: ECR, GCR, ACR, JFROG Artifactory, Docker Hub\n",
        "Qualified with one of: CPA, ACCA or CA.\n",
        "Experience managing databases such as MSSQL, PostgreSQL or Elasticsearch.\n",
        "- Java technologies including Java EE, Spring Framework, JPA, JSP / JSTL • Web services\n",
        # the end of a name that a capitalised word opens: a product after its maker, a body's kind
        "Build with OpenShift, Azure AKS, and Google GKE.\n",
        "Load balancers such as Amazon ELB and HAProxy.\n",
        "Be A Hero PAC is a national organization.\n",
        "Communicate in both languages (this position is Bilingual Imperative CBC).\n",
        # a host name, a name joined by a symbol, a short quotation to copy, a link's bracketed expansion
        "Visual journalism for publicintegrity.org, ICIJ.org and other platforms.\n",
        "Git, C, MSVC++ and image tools such as DALL·E.\n",
        'Email us using the subject line "SWC postdoc ad".\n',
        "Criteria are in the statement of merit criteria ([SOMC)](https://example.org/somc).\n",
    ],
)
def test_leaves_out_what_needs_no_expansion(linter, body):
    assert acronyms(linter, body) == []


def test_allow_list_is_the_users_to_edit(tmp_path):
    root = tmp_path
    settings = RuleSettings(enabled=True, options={"allow": ["BPSS"]})
    linter = Linter(Config(root=root, select=("RL127",), rules={"RL127": settings}))
    result = linter.lint_text("---\nkind: advert\n---\n\nYou need BPSS clearance. Report to the API team.\n")
    # the user's list replaces the shipped one: BPSS is allowed, API no longer is
    assert [d.to_dict()["message"].split("'")[1] for d in result.diagnostics] == ["API"]


def positions(linter, body: str) -> list[tuple[str, int, int]]:
    result = linter.lint_text(body, name="advert.md")
    return [(d.message.split("'")[1], d.line, d.column) for d in result.diagnostics if d.code == "RL127"]


def test_reports_each_acronym_at_its_first_use(linter):
    body = "---\nkind: advert\n---\n\nWe serve carriers, MGAs, TPAs and employers.\n\n- Work with MGAs daily\n"
    assert positions(linter, body) == [("MGA", 5, 20), ("TPA", 5, 26)]


def test_a_list_of_names_is_left_out_where_it_is_and_not_elsewhere(linter):
    body = "---\nkind: advert\n---\n\n- Registry: ECR, GCR, ACR, Docker Hub\n- Support the SRO weekly\n"
    assert positions(linter, body) == [("SRO", 6, 15)]


def test_reports_an_acronym_in_a_hyphenated_word_at_the_acronym(linter):
    body = "---\nkind: advert\n---\n\n- Work in an ESD-controlled lab\n"
    assert positions(linter, body) == [("ESD", 5, 14)]
