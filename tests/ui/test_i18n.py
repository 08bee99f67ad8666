"""Translations compile from the .ts sources and load; the default language is zh_TW."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from checkin.ui import i18n

from .conftest import screenshot


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


def test_every_string_in_the_code_is_in_the_chinese_translation(tmp_path: Path):
    """lupdate reads the code as Qt Linguist would: no tr() text may be missing from zh_TW."""
    import subprocess
    import sys
    import xml.etree.ElementTree as ET

    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in Path(i18n.__file__).parent.rglob("*.py"))
    probe = tmp_path / "probe.ts"
    subprocess.run([str(lupdate), *sources, "-ts", str(probe)], check=True,
                   capture_output=True)

    def entries(path: Path) -> dict[tuple[str, str], str]:
        out = {}
        for ctx in ET.parse(path).iter("context"):
            for m in ctx.iter("message"):
                tr = m.find("translation")
                done = tr.get("type") not in ("unfinished", "vanished", "obsolete")
                out[(ctx.findtext("name"), m.findtext("source"))] = \
                    "".join(tr.itertext()).strip() if done else ""
        return out

    in_code = entries(probe)
    translated = entries(i18n.ts_path("zh_TW"))
    assert len(in_code) > 100
    assert [key for key in in_code if not translated.get(key)] == []


def test_switch_to_english_and_back(qtbot, make_desk):
    desk = make_desk()
    desk.set_language("en")
    try:
        assert desk.banner.title.text() == "Ready: scan a notice or search by name"
        assert desk.screening.submit_button.text() == "Check in (Enter)"
        assert desk.roster.text() == "Roster: 21 registered"
        screenshot(desk, "english")
    finally:
        desk.set_language("zh_TW")
    assert desk.banner.title.text() == "請掃描出席通知，或以姓名搜尋"


def test_qt_dialog_buttons_speak_chinese(qtbot, make_desk):
    desk = make_desk()
    desk.set_language("zh_TW")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert cancel.replace("&", "") != "Cancel"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in cancel), cancel


def test_english_texts_say_as_much_as_the_chinese(qapp):
    """Issue 11: the English denial read 'Health declaration.' where the Chinese says it was
    not passed. Every English text is the full sentence, not a heading."""
    from decimal import Decimal

    from checkin.core.outcomes import OutcomeCode
    from checkin.ui.messages import message_for

    i18n.install_language("en")
    try:
        assert message_for(OutcomeCode.DENIED_DECLARATION).hint == (
            "Did not pass the health declaration. Offer the online course link.")
        assert message_for(OutcomeCode.DENIED_FEVER, threshold=Decimal("37.5")).hint == (
            "The second reading is still over 37.5 °C. Offer the online course link.")
        assert "health questions" in message_for(OutcomeCode.READY_FOR_SCREENING).hint
    finally:
        i18n.install_language("zh_TW")
    assert message_for(OutcomeCode.DENIED_DECLARATION).hint.startswith("健康聲明未通過")


def test_the_english_file_translates_every_source_as_written_or_better():
    """English is the source language: an English entry left empty or unfinished would show
    the bare source, so each one is filled in."""
    import xml.etree.ElementTree as ET

    empty = [m.findtext("source") for m in ET.parse(i18n.ts_path("en")).iter("message")
             if m.find("translation").get("type") == "unfinished"
             or not "".join(m.find("translation").itertext()).strip()]
    assert empty == []


def test_a_built_app_never_compiles_nor_warns(qapp, monkeypatch, caplog):
    """Inside a PyInstaller build the .qm files are shipped and there is no lrelease."""
    import sys

    def compile_called(*_args, **_kwargs):
        raise AssertionError("a built app must not compile translations")

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(i18n, "needs_compile", lambda *a, **k: True)
    monkeypatch.setattr(i18n, "compile_translations", compile_called)
    with caplog.at_level("WARNING"):
        assert i18n.install_language("zh_TW") == "zh_TW"
    assert not [r for r in caplog.records if "lrelease" in r.getMessage()]
    assert QCoreApplication.translate("messages", "Admitted: welcome") == "報到完成，歡迎入場"
