"""Files for people are whole or absent: a full disk leaves no truncated file behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from diskkit import fill_disk

from checkin.notices.files import atomic_file, atomic_write_bytes


def test_a_written_file_is_complete(tmp_path: Path) -> None:
    target = tmp_path / "notice.pdf"
    atomic_write_bytes(target, b"%PDF-1.7 whole")
    assert target.read_bytes() == b"%PDF-1.7 whole"
    assert [p.name for p in tmp_path.iterdir()] == ["notice.pdf"]


def test_full_disk_leaves_no_partial_file(tiny_tmpfs: Path) -> None:
    fill_disk(tiny_tmpfs)
    target = tiny_tmpfs / "notice.pdf"
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"x" * 200_000)
    assert sorted(p.name for p in tiny_tmpfs.iterdir()) == ["ballast"]


def test_a_failed_rewrite_keeps_the_earlier_file(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("earlier\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_file(target, "w", encoding="utf-8") as fh:
        fh.write("half of the new")
        raise RuntimeError("killed mid-write")
    assert target.read_text(encoding="utf-8") == "earlier\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]
