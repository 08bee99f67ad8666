"""Follow-ups through their life (issue 9 item 6) and the privacy notice (item 7), on the desk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from enginekit import Built
from sqlalchemy import func, select

from checkin.core.outcomes import Declaration, OutcomeCode
from checkin.db.engine import sqlite_url
from checkin.db.models import FollowupRow
from checkin.db.models_day import FollowupUpdateRow
from checkin.db.models_sync import RowOutboxRow
from checkin.db.store import Store
from checkin.notices import privacy as privacy_text
from checkin.services import followups, privacy
from checkin.services.checkin import CheckinService, Who
from checkin.services.followups import FollowupStatus
from checkin.services.retention import purge_health_data


@pytest.fixture
def store(demo: Built, open_store: Callable[..., Store]) -> Store:
    return open_store(sqlite_url(demo.path), desk_name="front-1")


def _symptoms(store: Store, demo: Built) -> int:
    token = next(p.token for p in demo.people if p.workshop_id == 1)
    outcome = CheckinService(store).check_in(1, Who(token=token), "36.6",
                                             [Declaration.SYMPTOMS])
    assert outcome.code is OutcomeCode.DENIED_DECLARATION
    assert outcome.followup_id is not None
    return outcome.followup_id


def test_each_change_is_a_row_with_its_outbox_entry(store: Store, demo: Built) -> None:
    followup_id = _symptoms(store, demo)
    [item] = followups.followups(store, 1)
    assert item.status is FollowupStatus.TO_CONTACT and item.note is None
    followups.record_followup_update(store, followup_id, FollowupStatus.CONTACTED, "已電話聯繫")
    followups.record_followup_update(store, followup_id, "saw_doctor", " 已就醫 ")
    [item] = followups.followups(store, 1)
    assert (item.status, item.note) == (FollowupStatus.SAW_DOCTOR, "已就醫")
    done = followups.record_followup_update(store, followup_id, FollowupStatus.RESULT_NOTED,
                                            "流感陰性")
    assert done.closed
    # Closed: off the open list (and the counter), still there with its history.
    assert followups.followups(store, 1) == []
    [closed] = followups.followups(store, 1, include_closed=True)
    assert (closed.status, closed.note) == (FollowupStatus.RESULT_NOTED, "流感陰性")
    with store.sessions() as session:
        changes = list(session.scalars(select(FollowupUpdateRow)
                                       .order_by(FollowupUpdateRow.changed_at)))
        assert [c.status for c in changes] == ["contacted", "saw_doctor", "result_noted"]
        assert all(c.desk_id == store.desk_id and c.changed_by == "front-1" for c in changes)
        queued = set(session.scalars(select(RowOutboxRow.row_id).where(
            RowOutboxRow.kind == "followup_update", RowOutboxRow.sent_at.is_(None))))
        assert queued == {c.id for c in changes}
        assert session.get(FollowupRow, followup_id).status == "closed"  # type: ignore[union-attr]
    # Opened again by a later change.
    followups.record_followup_update(store, followup_id, FollowupStatus.CONTACTED, None)
    assert [i.status for i in followups.followups(store, 1)] == [FollowupStatus.CONTACTED]


def test_bad_changes_are_refused_and_change_nothing(store: Store, demo: Built) -> None:
    followup_id = _symptoms(store, demo)
    with pytest.raises(ValueError):
        followups.record_followup_update(store, followup_id, "cured", "x")
    with pytest.raises(ValueError):
        followups.record_followup_update(store, followup_id, "contacted", "x" * 2001)
    with pytest.raises(ValueError):
        followups.record_followup_update(store, followup_id, "contacted", "\x1b[31mred")
    with pytest.raises(LookupError):
        followups.record_followup_update(store, 999_999, "contacted", "x")
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(FollowupUpdateRow)) == 0
        assert session.scalar(select(func.count()).select_from(RowOutboxRow)) == 0


def test_the_purge_deletes_the_changes_and_their_outbox_entries(store: Store,
                                                               demo: Built) -> None:
    followup_id = _symptoms(store, demo)
    followups.record_followup_update(store, followup_id, "contacted", "已聯繫")
    result = purge_health_data(store.engine, today=date(2022, 4, 29) + timedelta(days=29))
    assert (result.followups, result.followup_updates) == (1, 1)
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(FollowupUpdateRow)) == 0
        assert session.scalar(select(func.count()).select_from(RowOutboxRow)) == 0


def test_privacy_notice_default_and_configured(store: Store) -> None:
    notice = privacy.privacy_notice(store, "zh_TW")
    assert not notice.configured
    for words in ("體溫", "旅遊史", "接觸史", "呼吸道症狀", "COVID-19", "28 天", "出席紀錄"):
        assert words in notice.text
    assert notice.line.startswith("個資告知") and "\n" not in notice.line
    english = privacy.privacy_notice(store, "en")
    assert "28 days" in english.text and "COVID-19" in english.line
    privacy.set_privacy_notice(store.engine, "本會僅收集體溫。\n\n詳細說明……")
    notice = privacy.privacy_notice(store, "zh_TW")
    assert notice.configured and notice.line == "本會僅收集體溫。"
    assert not privacy.privacy_notice(store, "en").configured  # English stays the default
    for bad in ("", "   \n", "x" * (privacy_text.MAX_LENGTH + 1), "a\x1b]0;pwned\x07"):
        with pytest.raises(privacy.BadPrivacyNotice):
            privacy.set_privacy_notice(store.engine, bad)
    privacy.set_privacy_notice(store.engine, None)
    assert not privacy.privacy_notice(store, "zh_TW").configured


def test_the_printed_notice_carries_the_privacy_line_even_with_the_longest_name(
        tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    from dataclasses import replace

    from checkin.notices.render import NoticeRenderer

    from .test_services_notices import _notice

    line = privacy_text.summary(privacy_text.DEFAULT_ZH)
    notice = replace(_notice("CK1-IDB2201-" + "Q" * 27, "歐陽" * 15), company="永續" * 20,
                     previous_day=date(2022, 4, 20), privacy=line)
    with NoticeRenderer() as renderer:
        pdf = tmp_path / "long.pdf"
        pdf.write_bytes(renderer.pdf(notice))
    flat = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())
    assert "".join(line.split()) in flat
    assert "如未收到出席通知或資料有誤" in flat  # the contact section is still on the page
    assert "Pages:           1" in subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                 text=True, check=True).stdout


def test_notices_rendered_from_the_database_print_the_configured_line(store: Store) -> None:
    from checkin.services.notices import load_notices, workshop_or_fail

    privacy.set_privacy_notice(store.engine, "個資告知：本場次自訂文字。\n\n全文。")
    with store.sessions() as session:
        _rows, notices = load_notices(session, workshop_or_fail(session, "IDB2201"))
    assert {n.privacy for n in notices.values()} == {"個資告知：本場次自訂文字。"}
