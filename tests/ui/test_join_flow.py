"""A join QR code scanned at the desk (Qt-free): the supervisor PIN first, never a look-up."""

from __future__ import annotations

from checkin.sync.errors import BadProvisioning
from checkin.sync.link import DeskLink, link_text
from checkin.ui.desk_flow import (
    AskJoin,
    DeskFlow,
    Join,
    JoinRefusal,
    LookUp,
    ShowIdle,
    ShowJoined,
    ShowJoinRefused,
)

from .test_desk_flow import Clock, kinds

LINK = DeskLink(url="postgresql+psycopg://central.example.tw:5432/checkin", role="ck_desk_1",
                password="s3cret", desk_id="0b7f1c1e-0000-4000-8000-000000000001",
                desk_name="台中-1", workshops=(1, 6), export_key="k" * 43)


def test_a_join_code_asks_for_the_supervisor_and_is_never_looked_up() -> None:
    flow = DeskFlow(Clock())
    commands = flow.scanned(link_text(LINK))
    assert kinds(commands) == [AskJoin]
    ask = commands[0]
    assert isinstance(ask, AskJoin)
    assert ask.code.desk_name == "台中-1"
    assert ask.code.server == "central.example.tw:5432/checkin"
    assert "s3cret" not in ask.code.server
    assert flow.scanned(link_text(LINK)) == []  # still in view while the PIN is asked for
    assert kinds(flow.join_approved(ask.code)) == [Join]
    joined = flow.joined(ask.code, LINK)
    assert joined == [ShowJoined("台中-1", "central.example.tw:5432/checkin")]
    # A notice is still a notice.
    assert kinds(flow.scanned("CK1-IDB2201-" + "A" * 27)) == [LookUp]


def test_a_damaged_or_foreign_code_is_refused_in_words_and_not_looked_up() -> None:
    flow = DeskFlow(Clock())
    for text in ('{"format":"checkin-desk-link","url":', '{"hello": "world"}',
                 ' {"format":"checkin-desk-link"}'):
        commands = flow.scanned(text)
        assert len(commands) == 1 and isinstance(commands[0], ShowJoinRefused), text
        assert commands[0].why is JoinRefusal.DAMAGED
    assert flow.joining is None


def test_a_cancelled_pin_or_a_refused_join_says_so_and_the_banner_rests_later() -> None:
    clock = Clock()
    flow = DeskFlow(clock)
    ask = flow.scanned(link_text(LINK))[0]
    assert isinstance(ask, AskJoin)
    assert flow.join_cancelled(ask.code) == [ShowJoinRefused(JoinRefusal.CANCELLED)]
    clock.advance(seconds=16)
    assert ShowIdle() in flow.tick()
    ask = flow.scanned(link_text(LINK))[0]  # asked again once cancelled
    assert isinstance(ask, AskJoin)
    refused = flow.join_failed(ask.code, BadProvisioning("already recorded 3 events"))
    assert refused == [ShowJoinRefused(JoinRefusal.REFUSED, "already recorded 3 events")]
    assert flow.joining is None
