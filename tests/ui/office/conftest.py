"""Office pages: a page on the demo database (tests/ui/conftest.py), a synchronous runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkin.ui import i18n

from ..conftest import ARTIFACTS


def office_shot(widget, name: str, lang: str) -> Path:  # type: ignore[no-untyped-def]
    """Save what the page shows; the language is in the file name."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"office-{name}-{lang}.png"
    widget.grab().save(str(path))
    return path


@pytest.fixture(params=["zh_TW", "en"])
def language(request: pytest.FixtureRequest, qapp: object) -> object:
    """Each screenshot test runs in both languages; zh_TW is put back afterwards."""
    i18n.install_language(request.param)
    yield request.param
    i18n.install_language("zh_TW")
