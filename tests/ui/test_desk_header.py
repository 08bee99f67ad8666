"""The header says which workshop, day, venue and desk this is."""

from __future__ import annotations


def test_header_says_what_the_desk_serves(make_desk):
    desk = make_desk()
    assert "IDB2201" in desk.title.text()
    assert "2022-04-29" in desk.place.text()
    assert "front-1" in desk.desk.text()
    assert desk.roster.text() == "名單：已報名 21 人"
    # A FixedClock is not the demo clock: no demo banner.
    assert not desk.demo.isVisible()
