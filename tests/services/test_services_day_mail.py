"""The day's other e-mails: the online link, a Level-3 alert; a paused and resumed send."""

from __future__ import annotations

from datetime import datetime

import pytest

from checkin.cli import main
from checkin.core.clock import TAIPEI, FixedClock
from checkin.core.outcomes import OutcomeCode
from checkin.db.store import Store
from checkin.services.checkin import CheckinService, Who
from checkin.services.day_mail import level3_alert, online_link, send_online_link, set_online_link
from checkin.services.notices import NoticeError, notices_due, send_notices
from checkin.services.workshops_admin import workshop_overview

from .conftest import Mailbox
from .test_services_notices import _registration, _settings, roster  # noqa: F401

LINK = "https://meet.example.org/idb2201?pwd=碳"


def _body(message: object) -> str:
    part = message.get_body(("plain",))  # type: ignore[attr-defined]
    return str(part.get_content())


def test_online_link_goes_to_the_registered_and_the_waitlist(roster: Store,  # noqa: F811
                                                             mailbox: Mailbox) -> None:
    with pytest.raises(NoticeError) as info:
        send_online_link(roster, 1, _settings(mailbox), throttle=0)
    assert info.value.code == "LINK_MISSING"
    with pytest.raises(NoticeError) as info:
        set_online_link(roster, 1, "javascript:alert(1)")
    assert info.value.code == "LINK_INVALID"
    set_online_link(roster, "IDB2201", LINK)
    assert online_link(roster, 1) == LINK
    report = send_online_link(roster, 1, _settings(mailbox), throttle=0)
    assert report.count("sent") == 4
    assert [r.error for r in report.rows if r.status == "failed"] == ["EMAIL_MISSING"]
    waitlisted = mailbox.to("chang@example.com")
    assert len(waitlisted) == 1 and LINK in _body(waitlisted[0])
    assert str(waitlisted[0]["Subject"]).startswith("【線上課程連結】")
    # A re-run reaches only the one not reached (still no address): nothing is sent twice.
    again = send_online_link(roster, 1, _settings(mailbox), throttle=0)
    assert again.count("sent") == 0 and again.count("skipped") == 4
    assert len(mailbox.messages) == 4


def test_level3_makes_it_online_only_and_tells_everyone(roster: Store, db_url: str,  # noqa: F811
                                                        mailbox: Mailbox) -> None:
    result = level3_alert(roster, 1, LINK, _settings(mailbox), throttle=0)
    assert result.report.count("sent") == 4
    assert {m["To"].addresses[0].addr_spec for m in mailbox.messages} == {
        "huang@example.com", "chen@example.com", "lin@example.com", "chang@example.com"}
    assert all(LINK in _body(m) and str(m["Subject"]).startswith("【改為線上辦理】")
               for m in mailbox.messages)
    assert [w.status for w in workshop_overview(roster) if w.id == 1] == ["online"]
    assert online_link(roster, 1) == LINK
    token = _registration(roster, "陳美麗").token
    desk = Store.open(db_url, clock=FixedClock(datetime(2022, 4, 29, 8, 40, tzinfo=TAIPEI)))
    try:
        service = CheckinService(desk)
        assert service.look_up(1, Who(token=token)).code is OutcomeCode.WORKSHOP_ONLINE
        assert service.check_in(1, Who(token=token), temperature="36.5").code \
            is OutcomeCode.WORKSHOP_ONLINE
    finally:
        desk.close()
    # No attendance notices are due for an online-only workshop, and sending them again
    # sends the Level-3 letter to nobody new.
    assert notices_due(roster, datetime(2022, 4, 28).date()) == []
    assert send_notices(roster, 1, _settings(mailbox), throttle=0).count("sent") == 0


def test_send_pauses_and_resumes_where_it_stopped(roster: Store,  # noqa: F811
                                                  mailbox: Mailbox) -> None:
    seen: list[tuple[int, int]] = []
    first = send_notices(roster, 1, _settings(mailbox), throttle=0,
                         should_stop=lambda: len(mailbox.messages) >= 2,
                         progress=lambda done, total: seen.append((done, total)))
    assert first.count("sent") == 2 and first.count("not_reached") == 2
    assert seen == [(0, 4), (1, 4), (4, 4)]
    second = send_notices(roster, 1, _settings(mailbox), throttle=0)
    assert second.count("sent") == 1 and second.count("skipped") == 2
    assert [r.error for r in second.rows if r.status == "failed"] == ["EMAIL_MISSING"]
    assert sorted(m["To"].addresses[0].addr_spec for m in mailbox.messages) == [
        "chen@example.com", "huang@example.com", "lin@example.com"]


def test_cli_online_link_and_level3(roster: Store, db_url: str, mailbox: Mailbox,  # noqa: F811
                                    capsys: pytest.CaptureFixture[str]) -> None:
    smtp = ["--smtp", f"{mailbox.host}:{mailbox.port}", "--security", "none",
            "--from", "desk@tgpf.example", "--throttle", "0"]
    assert main(["notices", "online-link", "--workshop", "1", "--db", db_url,
                 "--set", LINK]) == 0
    assert main(["notices", "online-link", "--workshop", "1", "--db", db_url, "--show"]) == 0
    assert LINK in capsys.readouterr().out
    # 王小明 has no address: exit 1, the others are told.
    assert main(["notices", "online-link", "--workshop", "1", "--db", db_url, "--send",
                 *smtp]) == 1
    assert len(mailbox.messages) == 4
    assert main(["workshops", "level3", "2", "--db", db_url, "--link", LINK, *smtp]) == 0
    assert [w.status for w in workshop_overview(roster) if w.id == 2] == ["online"]


def test_a_refused_address_fails_alone_and_the_letters_go_on(roster: Store,  # noqa: F811
                                                             mailbox: Mailbox) -> None:
    """A server refusing one address is that letter's failure, not a dropped connection:
    the batch is not aborted, the others are sent, and a re-run sends the refused one."""
    set_online_link(roster, "IDB2201", LINK)
    mailbox.refuse.add("chang@example.com")
    first = send_online_link(roster, 1, _settings(mailbox), throttle=0)
    refused = next(r for r in first.rows if r.email == "chang@example.com")
    assert refused.status == "failed" and refused.error.startswith("RECIPIENT_REFUSED 550")
    assert first.aborted is None and first.count("sent") == 3
    mailbox.refuse.clear()
    again = send_online_link(roster, 1, _settings(mailbox), throttle=0)
    assert [r.email for r in again.rows if r.status == "sent"] == ["chang@example.com"]
