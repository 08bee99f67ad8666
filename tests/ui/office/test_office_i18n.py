"""Every text of the office pages, as lupdate reads it, has its Chinese in the .ts file."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from checkin.ui import i18n

PAGES = Path(i18n.__file__).parent / "office"


def _entries(path: Path) -> dict[tuple[str, str], str]:
    out = {}
    for ctx in ET.parse(path).iter("context"):
        for m in ctx.iter("message"):
            tr = m.find("translation")
            assert tr is not None
            done = tr.get("type") not in ("unfinished", "vanished", "obsolete")
            out[(ctx.findtext("name") or "", m.findtext("source") or "")] = \
                "".join(tr.itertext()).strip() if done else ""
    return out


def test_office_pages_are_translated(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    probe = tmp_path / "probe.ts"
    sources = [str(PAGES / "registrations.py"), str(PAGES / "notices.py")]
    subprocess.run([str(lupdate), *sources, "-ts", str(probe)], check=True,
                   capture_output=True)
    in_code = _entries(probe)
    assert len(in_code) > 60  # translate("context", ...) is read as well as self.tr()
    for lang in ("zh_TW", "en"):
        translated = _entries(i18n.ts_path(lang))
        assert [key for key in in_code if not translated.get(key)] == [], lang
