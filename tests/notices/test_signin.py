"""The paper sign-in list: 50 names sorted, 20 a page, a header and page numbers on each."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from enginekit import build_workshop

from checkin.db.engine import sqlite_url
from checkin.db.store import Store
from checkin.services.signin_sheet import signin_lines, write_signin_sheet

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SURNAMES = ("王林陳張李黃吳劉蔡楊許鄭謝郭洪邱曾廖賴徐周葉蘇莊呂江"
            "何蕭羅高潘簡朱鍾彭游詹胡施沈余趙盧梁顏柯翁魏孫戴")


def _name(i: int) -> str:
    return SURNAMES[(i * 7) % len(SURNAMES)] + "小" + "明華美玲志豪"[i % 6]


def _pdftotext(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf),
                           "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_fifty_names_three_pages_headers_and_numbers(tmp_path: Path) -> None:
    built = build_workshop(tmp_path / "db", 52, name=_name,
                           status=lambda i: {50: "cancelled", 51: "waitlisted"}.get(
                               i, "registered"),
                           company=lambda i: (f"測試{i:02d}精密工業股份有限公司" + (
                               "（很長的公司名稱很長的公司名稱很長的公司名稱）" if i == 3 else ""),
                               None))
    store = Store.open(sqlite_url(built.path))
    try:
        header, lines = signin_lines(store, 1)
        out = tmp_path / "signin.pdf"
        pages = write_signin_sheet(store, 1, out)
    finally:
        store.close()
    assert len(lines) == 51  # the cancelled registration is left off, the waitlisted kept
    with Store.open(sqlite_url(built.path)) as again, again.sessions() as session:
        from sqlalchemy import select

        from checkin.db.models import RegistrationRow
        keys = {r.id: r.name_key for r in session.scalars(select(RegistrationRow))}
    assert [keys[line.registration_id] for line in lines] == sorted(
        keys[line.registration_id] for line in lines)
    assert pages == 3
    assert out.read_bytes().startswith(b"%PDF")
    texts = [_pdftotext(out, n) for n in (1, 2, 3)]
    for n, text in enumerate(texts, 1):
        assert "簽到表" in text and header.code in text and "2022-04-29" in text
        assert f"{n} / 3" in text
        assert "簽名 Signature" in text
    assert texts[0].count("測試") == 20 and texts[2].count("測試") == 11
    assert "（候補）" in "".join(texts)
    assert "…" in "".join(texts)  # the long company name is cut, not overflowing
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(out, ARTIFACTS / "signin-sheet.pdf")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(out),
                        str(ARTIFACTS / "signin-sheet")], check=True)
