"""Background word statistics that keep role similarity sensible in small repos.

With two or three roles, inverse role frequency cannot tell a generic word ("team", "explain") from
a telling one ("sprint"): every word is rare. So rolelint ships how many of the 52 roles of the UK
government's DDaT capability framework use each stem and stem pair (counts only, no text), and adds
them to the repo's own counts. Rebuild with (from a checkout, beside the corpus):

    python benchmarks/blurring.py --write-background ../shared/corpus/ddat-capability-framework/official-csv/roles.csv
"""

from __future__ import annotations

import json
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
