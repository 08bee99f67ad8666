"""Door rules as a pure function: every boundary, in the order staff explain them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from checkin.core.clock import TAIPEI
from checkin.core.model import (
    Arrival,
    Course,
    DoorState,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)
from checkin.core.outcomes import Declaration, OutcomeCode
from checkin.core.rules import OVERRIDABLE, ScreeningAnswers, decide, door_check
from checkin.core.screening import DEFAULT_PROFILE, NO_SCREENING

C = OutcomeCode
WORKSHOP = Workshop(
    id=1, code="IDB2201", number=1, course=Course.GHG_INVENTORY, title="碳盤查 (1)",
    organiser="財團法人台灣綠色生產力基金會", day=date(2022, 4, 29),
    venue="潭子加工出口區康樂室後棟 3 樓", address="臺中市潭子區建國路一號")
REG = Registration(id=7, workshop_id=1, name="王小明", company="三豐精密工業股份有限公司",
                   tax_id="16480894", status=RegistrationStatus.REGISTERED)
EMPTY = DoorState(admitted_total=0, admitted_same_company=0, first_arrival=None,
                  fever_readings=0, last_fever_at=None, denied_fever=False)


def at(hh: int, mm: int, ss: int = 0, day: date = WORKSHOP.day) -> datetime:
    return datetime.combine(day, time(hh, mm, ss), tzinfo=TAIPEI)


NOW = at(8, 45)


@pytest.mark.parametrize("now, code", [
    (at(8, 29, 59), C.NOT_OPEN_YET),
    (at(8, 30, 0), C.READY_FOR_SCREENING),  # check-in opens 30 minutes before 09:00
    (at(9, 0), C.READY_FOR_SCREENING),
    (at(16, 0), C.READY_FOR_SCREENING),
    (at(16, 0, 1), C.CHECKIN_CLOSED),
    (at(7, 0), C.NOT_OPEN_YET),
    (at(8, 45, day=date(2022, 4, 28)), C.WRONG_DAY),
    (at(8, 45, day=date(2022, 4, 30)), C.WRONG_DAY),
])
def test_opening_hours_and_day(now: datetime, code: OutcomeCode) -> None:
    assert door_check(WORKSHOP, REG, now, EMPTY).code is code


def test_day_is_judged_in_taipei_time() -> None:
    # 2022-04-28 23:45 UTC is 07:45 on the 29th in Taipei: right day, not open yet.
    early = datetime(2022, 4, 28, 23, 45, tzinfo=UTC)
    assert door_check(WORKSHOP, REG, early, EMPTY).code is C.NOT_OPEN_YET
    # 2022-04-29 00:30 UTC is 08:30 in Taipei: open.
    assert door_check(WORKSHOP, REG, datetime(2022, 4, 29, 0, 30, tzinfo=UTC),
                      EMPTY).code is C.READY_FOR_SCREENING


@pytest.mark.parametrize("registration, code", [
    (None, C.NOT_REGISTERED),
    (replace(REG, workshop_id=2), C.WRONG_SESSION),
    (replace(REG, status=RegistrationStatus.CANCELLED), C.CANCELLED),
    (replace(REG, status=RegistrationStatus.WAITLISTED), C.WAITLISTED),
    (REG, C.READY_FOR_SCREENING),
])
def test_registration_rules(registration: Registration | None, code: OutcomeCode) -> None:
    assert door_check(WORKSHOP, registration, NOW, EMPTY).code is code


def test_cancelled_workshop_refuses_everyone() -> None:
    cancelled = replace(WORKSHOP, status=WorkshopStatus.CANCELLED)
    assert door_check(cancelled, REG, NOW, EMPTY).code is C.WORKSHOP_CANCELLED


@pytest.mark.parametrize("admitted, code", [
    (0, C.READY_FOR_SCREENING),
    (49, C.READY_FOR_SCREENING),  # the fiftieth seat is free
    (50, C.SESSION_FULL),
    (51, C.SESSION_FULL),
])
def test_capacity_50(admitted: int, code: OutcomeCode) -> None:
    state = replace(EMPTY, admitted_total=admitted)
    assert door_check(WORKSHOP, REG, NOW, state).code is code


@pytest.mark.parametrize("same_company, code", [
    (0, C.READY_FOR_SCREENING),
    (1, C.READY_FOR_SCREENING),
    (2, C.COMPANY_CAP),
])
def test_company_cap_2(same_company: int, code: OutcomeCode) -> None:
    state = replace(EMPTY, admitted_total=10, admitted_same_company=same_company)
    assert door_check(WORKSHOP, REG, NOW, state).code is code


def test_capacity_and_cap_are_configurable_per_workshop() -> None:
    small = replace(WORKSHOP, capacity=10, company_cap=1)
    assert door_check(small, REG, NOW, replace(EMPTY, admitted_total=10)).code is C.SESSION_FULL
    assert door_check(small, REG, NOW,
                      replace(EMPTY, admitted_same_company=1)).code is C.COMPANY_CAP


def test_already_in_wins_over_capacity() -> None:
    state = replace(EMPTY, admitted_total=50, admitted_same_company=2,
                    first_arrival=Arrival(at=at(8, 31), desk="desk-1"))
    assert door_check(WORKSHOP, REG, NOW, state).code is C.ALREADY_IN


def test_denied_for_fever_stays_denied() -> None:
    state = replace(EMPTY, fever_readings=1, denied_fever=True)
    assert door_check(WORKSHOP, REG, NOW, state).code is C.DENIED_FEVER


# --- overrides -----------------------------------------------------------------------------

@pytest.mark.parametrize("state, now, lifted, code, overridden", [
    (replace(EMPTY, admitted_total=50), NOW, {C.SESSION_FULL}, C.ADMITTED_OVERRIDE,
     (C.SESSION_FULL,)),
    (replace(EMPTY, admitted_same_company=2), NOW, {C.COMPANY_CAP}, C.ADMITTED_OVERRIDE,
     (C.COMPANY_CAP,)),
    (EMPTY, at(8, 10), {C.NOT_OPEN_YET}, C.ADMITTED_OVERRIDE, (C.NOT_OPEN_YET,)),
    # Lifting one rule does not lift another that also fails.
    (replace(EMPTY, admitted_total=50, admitted_same_company=2), NOW, {C.SESSION_FULL},
     C.COMPANY_CAP, (C.SESSION_FULL,)),
    (replace(EMPTY, admitted_total=50, admitted_same_company=2), NOW,
     {C.SESSION_FULL, C.COMPANY_CAP}, C.ADMITTED_OVERRIDE, (C.SESSION_FULL, C.COMPANY_CAP)),
    # An override that lifts nothing that failed is a plain admission.
    (EMPTY, NOW, {C.SESSION_FULL}, C.ADMITTED, ()),
])
def test_override_lifts_only_what_it_names(state: DoorState, now: datetime,
                                           lifted: set[OutcomeCode], code: OutcomeCode,
                                           overridden: tuple[OutcomeCode, ...]) -> None:
    decision = decide(WORKSHOP, REG, now, state, DEFAULT_PROFILE,
                      ScreeningAnswers.of(Decimal("36.5")), lifted)
    assert decision.code is code
    assert decision.lifted == overridden


@pytest.mark.parametrize("registration, state, now, code", [
    (None, EMPTY, NOW, C.NOT_REGISTERED),
    (replace(REG, workshop_id=2), EMPTY, NOW, C.WRONG_SESSION),
    (replace(REG, status=RegistrationStatus.CANCELLED), EMPTY, NOW, C.CANCELLED),
    (REG, replace(EMPTY, first_arrival=Arrival(at=at(8, 31), desk="d")), NOW, C.ALREADY_IN),
    (REG, EMPTY, at(8, 45, day=date(2022, 4, 30)), C.WRONG_DAY),
    (REG, replace(EMPTY, denied_fever=True, fever_readings=1), NOW, C.DENIED_FEVER),
])
def test_override_cannot_lift_hard_rules(registration: Registration | None, state: DoorState,
                                         now: datetime, code: OutcomeCode) -> None:
    everything = set(OutcomeCode)
    decision = decide(WORKSHOP, registration, now, state, DEFAULT_PROFILE,
                      ScreeningAnswers.of(Decimal("36.5")), everything)
    assert decision.code is code


def test_override_does_not_skip_screening() -> None:
    state = replace(EMPTY, admitted_total=50)
    fever = decide(WORKSHOP, REG, NOW, state, DEFAULT_PROFILE,
                   ScreeningAnswers.of(Decimal("38.0")), {C.SESSION_FULL})
    assert fever.code is C.REMEASURE
    declared = decide(WORKSHOP, REG, NOW, state, DEFAULT_PROFILE,
                      ScreeningAnswers.of(Decimal("36.5"), [Declaration.CONTACT]),
                      {C.SESSION_FULL})
    assert declared.code is C.DENIED_DECLARATION


def test_overridable_set_is_the_soft_rules() -> None:
    assert {C.SESSION_FULL, C.COMPANY_CAP} <= OVERRIDABLE
    assert not {C.CANCELLED, C.NOT_REGISTERED, C.WRONG_SESSION, C.ALREADY_IN,
                C.DENIED_FEVER, C.DENIED_DECLARATION, C.WORKSHOP_CANCELLED} & OVERRIDABLE


# --- the whole decision with screening -----------------------------------------------------

@pytest.mark.parametrize("temperature, declared, fever_readings, code, reasons", [
    ("36.5", (), 0, C.ADMITTED, ()),
    ("37.5", (), 0, C.ADMITTED, ()),  # 37.5 itself is not "over 37.5"
    ("37.6", (), 0, C.REMEASURE, ()),
    ("37.6", (), 1, C.DENIED_FEVER, ()),  # the second reading over 37.5 denies
    ("37.5", (), 1, C.ADMITTED, ()),  # the re-measurement came back normal
    (None, (), 0, C.TEMPERATURE_NEEDED, ()),
    ("36.5", (Declaration.TRAVEL,), 0, C.DENIED_DECLARATION, (Declaration.TRAVEL,)),
    ("36.5", (Declaration.CONTACT,), 0, C.DENIED_DECLARATION, (Declaration.CONTACT,)),
    ("36.5", (Declaration.SYMPTOMS,), 0, C.DENIED_DECLARATION, (Declaration.SYMPTOMS,)),
    ("36.5", (Declaration.SYMPTOMS, Declaration.TRAVEL), 0, C.DENIED_DECLARATION,
     (Declaration.TRAVEL, Declaration.SYMPTOMS)),
    ("38.5", (Declaration.SYMPTOMS,), 0, C.DENIED_DECLARATION, (Declaration.SYMPTOMS,)),
])
def test_screening_decision(temperature: str | None, declared: tuple[Declaration, ...],
                            fever_readings: int, code: OutcomeCode,
                            reasons: tuple[Declaration, ...]) -> None:
    state = replace(EMPTY, fever_readings=fever_readings)
    answers = ScreeningAnswers.of(Decimal(temperature) if temperature else None, declared)
    decision = decide(WORKSHOP, REG, NOW, state, DEFAULT_PROFILE, answers)
    assert decision.code is code
    assert decision.reasons == reasons


def test_screening_off_admits_without_temperature() -> None:
    decision = decide(WORKSHOP, REG, NOW, EMPTY, NO_SCREENING, ScreeningAnswers.of(None))
    assert decision.code is C.ADMITTED
