"""Generated roles repos for the scale benchmarks: frameworks, role definitions and adverts written
from small vocabularies, deterministic for a seed.

The number of frameworks stays fixed while roles grow, so that a check comparing roles within a
framework meets ten times the roles at 10k as at 1k — which is what would expose pairwise work.
"""

from __future__ import annotations

import random
from pathlib import Path

LEVELS = [
    ("associate", "Associate {t}", 30000),
    ("practitioner", "{T}", 42000),
    ("senior", "Senior {t}", 54000),
    ("lead", "Lead {t}", 66000),
    ("head", "Head of {p}", 80000),
]
SCALE = ["awareness", "working", "practitioner", "expert"]
PROFESSIONS = [
    "product",
    "delivery",
    "design",
    "research",
    "data",
    "engineering",
    "content",
    "security",
    "operations",
    "architecture",
]
NOUNS = [
    "service",
    "platform",
    "roadmap",
    "backlog",
    "budget",
    "risk register",
    "research plan",
    "data model",
    "release",
    "incident review",
    "prototype",
    "dashboard",
    "supplier contract",
    "user journey",
    "API",
    "training plan",
    "accessibility audit",
    "migration",
    "pricing model",
    "onboarding flow",
]
VERBS = [
    "Plan",
    "Run",
    "Review",
    "Improve",
    "Own",
    "Design",
    "Test",
    "Measure",
    "Explain",
    "Agree",
    "Maintain",
    "Document",
    "Prioritise",
    "Coordinate",
    "Assess",
    "Support",
    "Deliver",
    "Simplify",
]
PEOPLE = [
    "the team",
    "users",
    "service owners",
    "finance colleagues",
    "senior leaders",
    "suppliers",
    "researchers",
    "engineers",
    "other professions",
    "new starters",
]
SKILLS = [
    "strategy",
    "user-focus",
    "communication",
    "technical-understanding",
    "planning",
    "analysis",
    "leadership",
    "risk-management",
    "coaching",
    "commercial-awareness",
]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} the {rng.choice(NOUNS)} with {rng.choice(PEOPLE)}"


def framework_yaml(profession: str) -> str:
    lines = [
        "kind: framework",
        f"id: {profession}",
        f"name: {profession.capitalize()} profession",
        f"description: How people in {profession} grow.",
        "scale: [awareness, working, practitioner, expert]",
        "levels:",
    ]
    for level_id, title, pay in LEVELS:
        lines += [
            f"  - id: {level_id}",
            f"    title: {title.format(t=profession + ' specialist', T=profession.capitalize() + ' specialist', p=profession)}",
            f"    salary: {{min: {pay}, max: {pay + 9000}, currency: GBP, period: year}}",
        ]
    lines.append("skills:")
    for skill in SKILLS:
        lines += [f"  - id: {skill}", f"    name: {skill.replace('-', ' ').capitalize()}"]
    return "\n".join(lines) + "\n"


def role_yaml(rng: random.Random, number: int, profession: str) -> str:
    role_id = f"{profession}-role-{number:05d}"
    first = rng.randrange(0, 3)
    levels = LEVELS[first : first + rng.randrange(2, 4)]
    lines = [
        "kind: role",
        f"id: {role_id}",
        f"title: {profession.capitalize()} role {number}",
        f"framework: {profession}",
        f"description: Looks after the {rng.choice(NOUNS)} and the {rng.choice(NOUNS)} of a {profession} team.",
        "responsibilities:",
    ]
    lines += [f"  - {_sentence(rng)}" for _ in range(3)]
    lines.append("levels:")
    for step, (level_id, _, _) in enumerate(levels):
        lines += [
            f"  - level: {level_id}",
            f"    description: {_sentence(rng)} at this level.",
            "    responsibilities:",
        ]
        lines += [f"      - {_sentence(rng)}" for _ in range(3)]
        lines.append("    skills:")
        for skill in rng.sample(SKILLS, 4):
            lines.append(f"      {skill}: {SCALE[min(step + rng.randrange(0, 2), len(SCALE) - 1)]}")
    return "\n".join(lines) + "\n"


CONFIG = """\
kinds:
  framework: ["frameworks/**"]
  role: ["roles/**"]
  advert: ["adverts/**"]
"""


def write_roles_repo(root: Path, roles: int, *, frameworks: int = 10, seed: int = 0) -> Path:
    """``roles`` role definitions spread over ``frameworks`` frameworks under ``root``; returns ``root``."""
    rng = random.Random(seed)
    professions = PROFESSIONS[: max(1, min(frameworks, len(PROFESSIONS)))]
    (root / "frameworks").mkdir(parents=True, exist_ok=True)
    (root / "roles").mkdir(parents=True, exist_ok=True)
    (root / ".rolelint.yaml").write_text(CONFIG, encoding="utf-8")
    for profession in professions:
        (root / "frameworks" / f"{profession}.yaml").write_text(framework_yaml(profession), encoding="utf-8")
    for number in range(roles):
        profession = professions[number % len(professions)]
        folder = root / "roles" / profession
        folder.mkdir(exist_ok=True)
        (folder / f"role-{number:05d}.yaml").write_text(role_yaml(rng, number, profession), encoding="utf-8")
    return root
