"""Reading and writing files that a stranger may have planted: bounded reads that follow no link,
and atomic writes that leave no temporary file behind.

A cache folder or rule pack may hold symbolic links (to ``/dev/zero``, to a secret, to a file of
the user's to overwrite) and files of any size. ``read_regular`` reads only a regular file, not
through a link, up to a limit; ``atomic_write`` writes a new file with a name no one could have
guessed (``mkstemp``) in the target's folder and renames it over the target, so that a reader
sees the old file or the new one, never a torn one, and a failure (a full disk, an interrupt)
removes the temporary file. A process killed outright (``kill -9``) cannot remove its own, so the
temporary name says who wrote it (``.<name>.rolelint-<pid>-<random>.tmp``) and the next write of the
same target removes the ones it can prove are left over: that exact form, a regular file (not a
link) of this user, whose writing process has ended.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path


def user_cache_folder() -> Path:
    """This user's own cache folder for rolelint (``$XDG_CACHE_HOME/rolelint``, by default
    ``~/.cache/rolelint``): outside every checkout, so nothing in it comes from a repo."""
    return Path(os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")) / "rolelint"


class TooLarge(OSError):
    """The file is larger than the caller's limit."""


def read_regular(path: Path, limit: int, *, follow_links: bool = False) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes; raises OSError
    (TooLarge when too big) otherwise. Without ``follow_links``, a symbolic link is refused."""
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)  # O_NONBLOCK: opening a FIFO does not wait for a writer
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path}: not a regular file")
        if info.st_size > limit:
            raise TooLarge(f"{path}: {info.st_size:,} bytes, over the {limit:,}-byte limit")
        chunks, size = [], 0
        while True:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while we read it
                raise TooLarge(f"{path}: over the {limit:,}-byte limit")
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def temporary_prefix(path: Path) -> str:
    """The start of a temporary file's name for writing ``path``: the target's name and this
    process's id, so that :func:`remove_leftovers` can tell a temporary file of a killed run."""
    return f".{path.name}.rolelint-{os.getpid()}-"


def remove_leftovers(path: Path, suffix: str = ".tmp") -> int:
    """Remove the temporary files of ``path`` that a killed rolelint run left beside it: named
    ``temporary_prefix`` + random + ``suffix``, regular files owned by this user, written by a
    process that is no longer running. Returns how many were removed; never raises."""
    names = _named_as_temporary(path.parent)
    if not names:
        return 0
    pattern = re.compile(re.escape(f".{path.name}.rolelint-") + r"(\d+)-[A-Za-z0-9_]{8}" + re.escape(suffix))
    removed = 0
    for name in list(names):
        match = pattern.fullmatch(name)
        if match is None or _running(int(match.group(1))):
            continue
        names.remove(name)
        leftover = path.parent / name
        try:
            info = os.lstat(leftover)
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
                os.unlink(leftover)
                removed += 1
        except OSError:
            continue
    return removed


_TEMPORARY_NAMES: dict[Path, list[str]] = {}


def _named_as_temporary(folder: Path) -> list[str]:
    """The names in ``folder`` that may be a killed run's temporary files, listed once a process:
    a fix run writes many files of one folder, and listing it for each would make the run
    quadratic in the folder's size. A file a run killed while this process runs is left for the
    next process."""
    names = _TEMPORARY_NAMES.get(folder)
    if names is None:
        try:
            listed = os.listdir(folder)
        except OSError:
            listed = []
        names = _TEMPORARY_NAMES[folder] = [name for name in listed if ".rolelint-" in name]
    return names


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError, OSError):
        return True  # another user's process, or not a pid we can ask about: leave the file alone
    return True


class TemporaryFileError(OSError):
    """``atomic_write`` could not create its temporary file (so nothing was written)."""


def atomic_write(
    path: Path,
    data: bytes,
    *,
    prefix: str | None = None,
    suffix: str = ".tmp",
    mode: int | None = None,
    durable: bool = False,
    like: os.stat_result | None = None,
) -> None:
    """Replace ``path`` with ``data`` atomically: a temporary file in the same folder, renamed over
    ``path``; on any failure (including KeyboardInterrupt) the temporary file is removed and the
    old ``path`` is left as it was. ``mode`` sets the new file's permission bits (default: as
    ``open`` would create it); ``like`` (a file's stat) gives the bits and, where allowed, the owner
    of the file replaced; ``durable`` fsyncs the data before the rename. TemporaryFileError (an
    OSError) when the temporary file cannot be made."""
    path = Path(path)
    if prefix is None:
        remove_leftovers(path, suffix)
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=prefix or temporary_prefix(path), suffix=suffix
        )
    except OSError as exc:
        raise TemporaryFileError(exc.errno, exc.strerror, exc.filename) from exc
    if like is not None:
        mode = stat.S_IMODE(like.st_mode)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.chmod(temporary, mode if mode is not None else (0o666 & ~_umask()))
        if like is not None and hasattr(os, "chown"):
            try:
                os.chown(temporary, like.st_uid, like.st_gid)
            except OSError:
                pass  # only the owner's group or root may keep ownership; the bits are what matter
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


_UMASK: list[int] = []


def _umask() -> int:
    """The process's umask (read once: os.umask can only be read by setting it)."""
    if not _UMASK:
        current = os.umask(0o022)
        os.umask(current)
        _UMASK.append(current)
    return _UMASK[0]
