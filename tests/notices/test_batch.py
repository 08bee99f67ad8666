"""Notices in bulk: the batch's fonts prepared once, each document still complete on its own."""

from __future__ import annotations

import io
import re
import subprocess
import zlib
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image
from pyzbar.pyzbar import ZBarSymbol, decode

from checkin.notices import batch
from checkin.notices.render import NoticeData, NoticeRenderer

RARE = "黃㵘堃"


def _notice(token_tail: str, name: str, company: str = "臺灣綠能股份有限公司") -> NoticeData:
    return NoticeData(
        token="CK1-IDB2201-" + token_tail, name=name, company=company,
        workshop_code="IDB2201", workshop_title="碳盤查 (1)", course="ghg_inventory",
        organiser="財團法人台灣綠色生產力基金會", day=date(2022, 4, 29),
        venue="潭子加工出口區康樂室後棟 3 樓", address="臺中市潭子區建國路一號",
        checkin_opens=time(8, 30), starts=time(9), ends=time(16), contact_name="林先生",
        contact_phone="04-2350-8042 #209", contact_email="pohanlin@tgp.org.tw")


NOTICES = [_notice("A" * 27, RARE, "犇喆綉峯科技股份有限公司"), _notice("B" * 27, "陳美麗"),
           _notice("C" * 27, "林志明")]


def _font_programs(pdf: bytes) -> list[TTFont]:
    fonts = []
    for match in re.finditer(rb"/Length (\d+) /Length1 \d+ /Filter /FlateDecode >>\nstream\n",
                             pdf):
        start = match.end()
        data = zlib.decompress(pdf[start:start + int(match.group(1))])
        fonts.append(TTFont(io.BytesIO(data)))
    return fonts


def _without_dates(pdf: bytes) -> bytes:
    return re.sub(rb"/CreationDate \(D:\d+Z\)|/ID \[<\w+> <\w+>\]", b"", pdf)


def test_each_pdf_embeds_only_the_glyphs_it_draws() -> None:
    with NoticeRenderer() as renderer:
        layouts = renderer.prepare(NOTICES)
        documents = list(renderer.render_all(NOTICES, layouts, ["pdf"], workers=1))
    plain, rare = documents[1].pdf, documents[0].pdf
    assert plain is not None and rare is not None
    for font in _font_programs(plain):
        gid = font.getBestCmap().get(ord("㵘"))
        if gid is not None:  # in the batch's subset, but not drawn on this notice: no outline
            assert font["glyf"][gid].numberOfContours == 0
    drawn = [f for f in _font_programs(rare) if ord("㵘") in f.getBestCmap()]
    assert any(f["glyf"][f.getBestCmap()[ord("㵘")]].numberOfContours > 0 for f in drawn)


def test_worker_processes_give_the_same_documents(tmp_path: Path) -> None:
    many = [replace(NOTICES[i % 3], token="CK1-IDB2201-" + f"{i:03d}".translate(
        str.maketrans("0123456789", "ABCDEFGHJK")) * 9) for i in range(12)]
    with NoticeRenderer() as renderer:
        layouts = renderer.prepare(many)
        here = list(renderer.render_all(many, layouts, workers=1))
        pooled = list(renderer.render_all(many, layouts, workers=2))
    assert [r.png for r in here] == [r.png for r in pooled]
    assert [_without_dates(r.pdf or b"") for r in here] == [
        _without_dates(r.pdf or b"") for r in pooled]
    path = tmp_path / "7.pdf"
    path.write_bytes(pooled[7].pdf or b"")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert many[7].name in text and many[7].company in text
    page = Image.open(io.BytesIO(pooled[7].png or b""))
    assert [d.data.decode() for d in decode(page, symbols=[ZBarSymbol.QRCODE])] == [
        many[7].token]


def test_a_broken_pool_falls_back_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise batch.BrokenProcessPool("no workers here")

    monkeypatch.setattr(batch, "ProcessPoolExecutor", Broken)
    with NoticeRenderer() as renderer:
        layouts = renderer.prepare(NOTICES)
        documents = list(renderer.render_all(NOTICES, layouts, workers=2))
    assert len(documents) == 3 and all(d.pdf and d.png for d in documents)


def test_small_batches_stay_in_process_and_big_ones_use_the_cores(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "cores", lambda: 2)
    assert batch.worker_count(100) == 0  # one workshop, PDF and PNG: not worth a start-up
    assert batch.worker_count(2000) == 2
    assert batch.worker_count(2000, workers=1) == 0
    monkeypatch.setattr(batch.sys, "frozen", True, raising=False)
    assert batch.worker_count(2000) == 0


def test_a_character_new_to_the_batch_still_gets_its_glyph(tmp_path: Path) -> None:
    with NoticeRenderer() as renderer:
        renderer.prepare(NOTICES[1:])
        late = _notice("D" * 27, "王喆", "犇犇有限公司")
        path = tmp_path / "late.pdf"
        path.write_bytes(renderer.pdf(late))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "王喆" in text and "犇犇有限公司" in text
