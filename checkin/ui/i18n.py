"""Translations: Qt Linguist .ts sources in resources/i18n, compiled .qm in checkin/i18n.

Source strings are English inside ``tr()``; zh_TW is the default language. A fresh clone has
no .qm files (they are build output), so start-up compiles them when missing or older than
the .ts, using the ``lrelease`` that ships with PySide6. A built app (PyInstaller) has its
.qm files inside and no ``lrelease``: it never compiles.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = ("zh_TW", "en")
DEFAULT_LANGUAGE = "zh_TW"
QM_DIR = Path(__file__).resolve().parent.parent / "i18n"
TS_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"


def _lrelease() -> list[str] | None:
    import PySide6

    here = Path(PySide6.__file__).parent
    for candidate in (here / "lrelease", here / "lrelease.exe",
                      Path(sys.executable).parent / "pyside6-lrelease"):
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return [found] if found else None


def ts_path(lang: str, ts_dir: Path = TS_DIR) -> Path:
    return ts_dir / f"checkin_{lang}.ts"


def qm_path(lang: str, qm_dir: Path = QM_DIR) -> Path:
    return qm_dir / f"checkin_{lang}.qm"


def needs_compile(ts_dir: Path = TS_DIR, qm_dir: Path = QM_DIR) -> bool:
    for lang in LANGUAGES:
        ts, qm = ts_path(lang, ts_dir), qm_path(lang, qm_dir)
        if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
            return True
    return False


def compile_translations(ts_dir: Path = TS_DIR, qm_dir: Path = QM_DIR) -> list[Path]:
    """Compile every .ts in ``ts_dir`` into a .qm in ``qm_dir``; returns the .qm written.

    Without the .ts sources (an installed wheel) there is nothing to do: the wheel ships
    the .qm files.
    """
    tool = _lrelease()
    written: list[Path] = []
    if tool is None:
        log.warning("lrelease not found; translations not compiled")
        return written
    qm_dir.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        ts = ts_path(lang, ts_dir)
        if not ts.exists():
            continue
        qm = qm_path(lang, qm_dir)
        result = subprocess.run([*tool, "-silent", str(ts), "-qm", str(qm)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0 or not qm.exists():
            log.warning("lrelease failed for %s: %s", ts, result.stderr.strip())
            continue
        written.append(qm)
    return written


_installed: list[QTranslator] = []


def install_language(lang: str | None) -> str:
    """Load the language's translations into the running application; returns the language.

    English is the source language, so it needs no translator. Unknown languages fall back
    to zh_TW.
    """
    app = QCoreApplication.instance()
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    if not getattr(sys, "frozen", False) and needs_compile():
        compile_translations()
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    if lang != "en":
        translator = QTranslator()
        if translator.load(str(qm_path(lang))) and app is not None:
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no translations for %s; showing English", lang)
        # Qt's own words (OK / Cancel in dialogs, the fields' context menus) come from the
        # translations that ship with Qt.
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_words = QTranslator()
        if qt_words.load(f"qtbase_{lang}", qt_dir) and app is not None:
            app.installTranslator(qt_words)
            _installed.append(qt_words)
    QLocale.setDefault(QLocale(lang))
    return lang
