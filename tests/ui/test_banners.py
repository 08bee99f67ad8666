"""Every outcome code renders a banner: words (translated), colour and icon, and a sound."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from decimal import Decimal

import pytest
from sqlalchemy import update

from checkin.core.clock import TAIPEI
from checkin.core.outcomes import Declaration, Outcome, OutcomeCode
from checkin.db.models import ScreeningProfileRow
from checkin.ui.messages import SoundClass, Tone, message_for

from .conftest import screenshot
from .staff import scan, screen


@pytest.mark.parametrize("code", list(OutcomeCode))
def test_every_outcome_renders_its_banner(make_desk, code):
    desk = make_desk()
    desk.sounds.played.clear()
    outcome = Outcome(code, name="王小明", company="三豐精密工業股份有限公司",
                      first_arrival=datetime(2022, 4, 29, 8, 41, tzinfo=TAIPEI),
                      first_desk="front-2", reasons=(Declaration.TRAVEL,),
                      remeasure_due=datetime(2022, 4, 29, 8, 50, tzinfo=TAIPEI),
                      detail="IDB2206")
    desk.show_outcome(outcome)
    message = message_for(code)
    assert desk.banner.code is code
    title = desk.banner.title.text()
    # Words in Chinese (the default language), never the bare code.
    assert title and title != code.value
    assert any("\u4e00" <= ch <= "\u9fff" for ch in title), title
    assert desk.banner.background == message.background
    assert desk.banner.palette().window().color().name() == message.background
    assert desk.banner.icon.tone is message.tone
    assert desk.sounds.played == [message.sound]
    assert "王小明" in desk.banner.person.text()
    if code in (OutcomeCode.ADMITTED, OutcomeCode.DENIED_FEVER, OutcomeCode.NOT_RECORDED,
                OutcomeCode.COMPANY_CAP, OutcomeCode.WRONG_SESSION):
        screenshot(desk, f"banner-{code.value.lower()}")


def test_green_only_for_admission_and_not_recorded_is_red(chinese):
    greens = {code for code in OutcomeCode if message_for(code).tone is Tone.GO}
    # Green is someone let in and stored: an admission, or a return after checking out.
    assert greens == {OutcomeCode.ADMITTED, OutcomeCode.ADMITTED_OVERRIDE, OutcomeCode.RETURNED}
    assert greens == {code for code in OutcomeCode if code.let_in}
    not_recorded = message_for(OutcomeCode.NOT_RECORDED)
    assert not_recorded.tone is Tone.FAULT
    assert not_recorded.sound is SoundClass.ERROR
    assert "紙本" in not_recorded.hint  # tells staff to use the paper list


def test_already_in_detail_names_time_and_desk(make_desk):
    desk = make_desk()
    desk.show_outcome(Outcome(OutcomeCode.ALREADY_IN, name="李佳蓉", company="三豐",
                              first_arrival=datetime(2022, 4, 29, 8, 41, tzinfo=TAIPEI),
                              first_desk="front-2"))
    assert desk.banner.detail.text() == "首次報到 08:41，報到桌 front-2"


def test_rule_values_in_words_come_from_the_workshop_and_the_profile(store, chinese):
    from checkin.services.checkin import CheckinService
    from checkin.ui.messages import message_for

    workshop = replace(CheckinService(store).workshop(1), checkin_opens=time(8, 15),
                       starts=time(9, 0))
    assert "45" in message_for(OutcomeCode.NOT_OPEN_YET, workshop).hint
    assert "60" in message_for(OutcomeCode.NOT_OPEN_YET,
                               replace(workshop, checkin_opens=time(8, 0))).hint
    assert "38.0" in message_for(OutcomeCode.DENIED_FEVER, threshold=Decimal("38.0")).hint
    assert "37.5" not in message_for(OutcomeCode.DENIED_FEVER).hint


def test_fever_banner_states_the_profile_threshold(qtbot, make_desk, tokens, store, clock):
    with store.sessions.begin() as session:
        session.execute(update(ScreeningProfileRow).values(threshold="38.0"))
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "38.2")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.REMEASURE)
    clock.advance(minutes=5, seconds=6)
    desk.tick()
    screen(qtbot, desk, "38.4")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.DENIED_FEVER)
    assert "38.0" in desk.banner.hint.text()
    assert "37.5" not in desk.banner.hint.text()


def test_a_denial_from_another_desk_is_explained_without_health_details(qtbot, make_desk):
    from checkin.core.outcomes import Outcome

    desk = make_desk()
    desk.show_outcome(Outcome(OutcomeCode.DENIED_DECLARATION, name="王小明",
                              company="三豐精密工業股份有限公司"))
    assert "今日已因旅遊史、接觸史或症狀勸返" in desk.banner.detail.text()


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_each_class_of_outcome_has_its_own_colour_and_icon(chinese):
    """'Health check: act' and 'already in: nothing to do' are not the same blue; an
    unreadable code is not an hourglass ('wait'); words stay readable on every colour."""
    from checkin.ui.icons import icon_pixmap
    from checkin.ui.messages import COLOURS

    tones = {code: message_for(code).tone for code in OutcomeCode}
    assert tones[OutcomeCode.READY_FOR_SCREENING] is not tones[OutcomeCode.ALREADY_IN]
    assert tones[OutcomeCode.UNREADABLE] is not Tone.WAIT
    assert len({background for background, _text in COLOURS.values()}) == len(Tone)
    for background, text in COLOURS.values():
        light, dark = sorted((_luminance(background), _luminance(text)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, background
    # The icon shapes differ too (colour-blind staff), drawn in one colour to compare.
    shapes = {icon_pixmap(tone, "#000000").toImage().bits().tobytes() for tone in Tone}
    assert len(shapes) == len(Tone)
