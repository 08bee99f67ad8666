"""The privacy notice as the desk shows it and the office sets it (see notices/privacy.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from checkin.core.errors import CodedError
from checkin.db import repo
from checkin.db.engine import session_maker
from checkin.db.models import Setting
from checkin.db.store import Store
from checkin.notices import privacy


class BadPrivacyNotice(CodedError):
    """The text given cannot be the notice (empty, too long, control characters)."""

    code = "BAD_PRIVACY_NOTICE"


@dataclass(frozen=True)
class PrivacyNotice:
    """``line``: the short form (status bar, printed notice); ``text``: the whole page."""

    line: str
    text: str
    configured: bool  # False: the default text


def notice_from(session: Session, lang: str) -> PrivacyNotice:
    # No English text set: the default English one, not the office's Chinese one.
    stored = repo.get_setting(session, privacy.setting_key(lang))
    text = stored or privacy.default_text(lang)
    return PrivacyNotice(privacy.summary(text), text.strip(), stored is not None)


def privacy_notice(store: Store, lang: str = "zh_TW") -> PrivacyNotice:
    """The notice in this language: the one the office set, else the default."""
    with store.sessions() as session:
        return notice_from(session, lang)


def set_privacy_notice(engine: Engine, text: str | None, lang: str = "zh_TW") -> None:
    """Set the notice of one language (None: back to the default). Desks get it at sync."""
    key = privacy.setting_key(lang)
    with session_maker(engine).begin() as session:
        if text is None:
            session.execute(delete(Setting).where(Setting.key == key))
            return
        text = text.replace("\r\n", "\n").strip()
        problem = privacy.check_text(text)
        if problem is not None:
            raise BadPrivacyNotice(detail=problem)
        repo.set_setting(session, key, text)


def show_privacy_notice(engine: Engine, lang: str = "zh_TW") -> PrivacyNotice:
    with session_maker(engine)() as session:
        return notice_from(session, lang)
