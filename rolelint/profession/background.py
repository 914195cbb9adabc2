"""Background word statistics that keep role similarity sensible in small repos.

With two or three roles, inverse role frequency cannot tell a generic word ("team", "explain") from
a telling one ("sprint"): every word is rare. So rolelint ships how many of the 52 roles of the UK
government's DDaT capability framework use each stem and stem pair (counts only, no text), and adds
them to the repo's own counts. Rebuild with:

    python -m rolelint.profession.background ROLES_CSV
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "background_df.json"


@lru_cache(maxsize=1)
def background() -> tuple[int, dict[str, int]]:
    """(number of roles, stem or stem pair -> roles using it); (0, {}) when the table is missing."""
    try:
        raw = json.loads(DATA.read_text(encoding="utf-8"))
        return int(raw["roles"]), {str(k): int(v) for k, v in raw["df"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return 0, {}


def build(roles_csv: Path) -> dict:
    from rolelint.profession.evaluate import load_roles
    from rolelint.profession.similarity import features

    roles = load_roles(roles_csv)
    df: Counter = Counter()
    for role in roles.values():
        seen: set[str] = set()
        for text in role.texts:
            seen |= set(features(text))
        df.update(seen)
    # Words used by a single role say nothing general; leaving them out keeps the table small.
    kept = {term: count for term, count in sorted(df.items()) if count >= 2}
    return {"source": "DDaT capability framework, official CSV export (Open Government Licence v3.0): "
                      "number of roles whose texts use each stem or stem pair",
            "roles": len(roles), "df": kept}


if __name__ == "__main__":
    table = build(Path(sys.argv[1]))
    DATA.parent.mkdir(exist_ok=True)
    DATA.write_text(json.dumps(table, indent=0, sort_keys=True), encoding="utf-8")
    print(f"wrote {len(table['df'])} terms over {table['roles']} roles to {DATA}")
