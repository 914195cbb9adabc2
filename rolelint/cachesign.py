"""Authenticate cache entries with a secret that never lives in the checkout.

The caches sit inside the roles repo (`.rolelint_cache/`), so anyone who can commit can also commit
cache entries. An entry is trusted only if it carries an HMAC made with this user's secret, kept
in the user's cache directory; a forged or copied entry simply misses and the file is linted again.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from functools import lru_cache
from pathlib import Path

from rolelint.safefiles import user_cache_folder

_SECRET_BYTES = 32


def _secret_path() -> Path:
    return user_cache_folder() / "cache-secret"


@lru_cache(maxsize=1)
def machine_secret() -> bytes:
    """This user's secret, created on first use; a per-process one when it cannot be stored
    (then the cache still works within the run but nothing is reused across runs)."""
    path = _secret_path()
    for _ in range(2):
        try:
            secret = path.read_bytes()
            if len(secret) == _SECRET_BYTES:
                return secret
        except OSError:
            pass
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # another process made it first: read theirs
        except OSError:
            break
        with os.fdopen(descriptor, "wb") as out:
            out.write(os.urandom(_SECRET_BYTES))
    return os.urandom(_SECRET_BYTES)


def sign(body: bytes) -> str:
    return hmac.new(machine_secret(), body, hashlib.sha256).hexdigest()


def verify(body: bytes, mac: object) -> bool:
    return isinstance(mac, str) and hmac.compare_digest(sign(body), mac)
