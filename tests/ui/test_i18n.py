"""Translations compile from the .ts sources and load; the default language is zh_TW."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from checkin.ui import i18n


def test_compile_translations_writes_loadable_qm(tmp_path: Path, qapp):
    written = i18n.compile_translations(qm_dir=tmp_path)
    assert sorted(p.name for p in written) == ["checkin_en.qm", "checkin_zh_TW.qm"]
    translator = QTranslator()
    assert translator.load(str(tmp_path / "checkin_zh_TW.qm"))
    assert translator.translate("messages", "NOT recorded") == "未記錄！"
    assert not i18n.needs_compile(qm_dir=tmp_path)


def test_every_source_string_has_a_chinese_translation():
    import xml.etree.ElementTree as ET

    tree = ET.parse(i18n.ts_path("zh_TW"))
    untranslated = [m.findtext("source") for m in tree.iter("message")
                    if m.find("translation").get("type") == "unfinished"
                    or not "".join(m.find("translation").itertext()).strip()]
    assert untranslated == []


def test_default_language_is_traditional_chinese(qapp):
    assert i18n.install_language(None) == "zh_TW"
    assert QCoreApplication.translate("messages", "Admitted: welcome") == "報到完成，歡迎入場"
