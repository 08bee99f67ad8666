"""Every outcome code renders a banner: words (translated), colour and icon, and a sound."""

from __future__ import annotations

from datetime import datetime

import pytest

from checkin.core.clock import TAIPEI
from checkin.core.outcomes import Declaration, Outcome, OutcomeCode
from checkin.ui.messages import SoundClass, Tone, message_for

from .conftest import screenshot


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


def test_green_only_for_admission_and_not_recorded_is_red():
    greens = {code for code in OutcomeCode if message_for(code).tone is Tone.GO}
    assert greens == {OutcomeCode.ADMITTED, OutcomeCode.ADMITTED_OVERRIDE}
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
