"""Files waiting for confirmation: kept on the server under their SHA-256, nothing else reachable."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from data_loaders import uploads


def test_kept_bytes_come_back_by_their_hash_until_discarded(tmp_path: Path):
    sha256 = uploads.keep(b"budjetti", tmp_path)
    assert sha256 == hashlib.sha256(b"budjetti").hexdigest()
    assert uploads.kept(sha256, tmp_path) == b"budjetti"
    uploads.discard(sha256, tmp_path)
    assert uploads.kept(sha256, tmp_path) is None


@pytest.mark.parametrize("name", ["../secret", "/etc/passwd", "A" * 64, "", None, 42, "0" * 63])
def test_a_name_that_is_not_a_hash_reaches_no_file(tmp_path: Path, name):
    (tmp_path / "secret").write_bytes(b"x")
    assert uploads.kept(name, tmp_path) is None
    uploads.discard(name, tmp_path)
    assert (tmp_path / "secret").exists()


def test_previews_left_for_a_day_are_swept(tmp_path: Path):
    old, new = uploads.keep(b"vanha", tmp_path), uploads.keep(b"uusi", tmp_path)
    day_ago = time.time() - uploads.STALE_AFTER_S - 60
    os.utime(tmp_path / old, (day_ago, day_ago))
    assert uploads.sweep(tmp_path) == 1
    assert (uploads.kept(old, tmp_path), uploads.kept(new, tmp_path)) == (None, b"uusi")
