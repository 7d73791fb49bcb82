"""Uploaded files waiting for the user's confirmation, kept on the server and named by their SHA-256.

The upload page previews a file (a dry run), keeps its bytes here, and the
browser holds only the hash and the file name. Confirm imports the kept bytes;
cancel discards them. The hash a browser sends back is checked to be a hash
before it names a file, so it cannot point anywhere else.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

from data_loaders.imports import sha256_of

DEFAULT_FOLDER = Path(tempfile.gettempdir()) / f"mittari-uploads-{os.getuid()}"
STALE_AFTER_S = 24 * 3600
_HASH = re.compile(r"[0-9a-f]{64}")


def keep(content: bytes, folder: Path = DEFAULT_FOLDER) -> str:
    """Store ``content`` until it is confirmed or cancelled; returns its SHA-256 (its name)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.is_symlink() or folder.stat().st_uid != os.getuid():
        raise PermissionError(f"{folder} is not a folder of this user")
    folder.chmod(0o700)
    sweep(folder)
    sha256 = sha256_of(content)
    target = folder / sha256
    if target.is_symlink() or (target.exists() and sha256_of(target.read_bytes()) != sha256):
        target.unlink()  # something planted under the name: never trust it
    if not target.exists():
        partial = folder / f".{sha256}.{os.getpid()}"
        with partial.open("xb") as handle:  # exclusive: follows no link left there
            handle.write(content)
        partial.replace(target)
    return sha256


def kept(sha256: object, folder: Path = DEFAULT_FOLDER) -> bytes | None:
    """The bytes kept under ``sha256``, or ``None`` when there are none (or it is not a hash)."""
    path = _path(sha256, folder)
    return path.read_bytes() if path is not None and path.exists() else None


def discard(sha256: object, folder: Path = DEFAULT_FOLDER) -> None:
    path = _path(sha256, folder)
    if path is not None:
        path.unlink(missing_ok=True)


def sweep(folder: Path = DEFAULT_FOLDER, older_than_s: float = STALE_AFTER_S) -> int:
    """Remove files left behind by previews never confirmed nor cancelled; returns how many."""
    removed, limit = 0, time.time() - older_than_s
    for path in folder.glob("*"):
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _path(sha256: object, folder: Path) -> Path | None:
    return folder / sha256 if isinstance(sha256, str) and _HASH.fullmatch(sha256) else None
