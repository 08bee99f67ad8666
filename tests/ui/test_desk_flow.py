"""The desk's flow without widgets: whose temperature is typed, who waits, what a late
re-measure does, what an override lifts. No Qt, no database: outcomes are made up here."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from checkin.core.clock import TAIPEI
from checkin.core.outcomes import Declaration, Outcome, OutcomeCode
from checkin.services.checkin import Who
from checkin.services.desk_queries import RestingPerson
from checkin.ui.desk_flow import (
    AskAgain,
    CheckIn,
    Command,
    DeskFlow,
    LoadResting,
    LookUp,
    Note,
    Refresh,
    ShowCountdown,
    ShowIdle,
    ShowNextUp,
    ShowNotToday,
    ShowScan,
    ShowScanLost,
    ShowScreening,
    ShowStorageWarning,
    ShowVerdict,
    ShowWaiting,
)

MORNING = datetime(2022, 4, 29, 8, 45, tzinfo=TAIPEI)
WANG = Outcome(OutcomeCode.READY_FOR_SCREENING, registration_id=1, name="王小明",
               company="三豐")
LEE = Outcome(OutcomeCode.READY_FOR_SCREENING, registration_id=2, name="李佳蓉",
              company="三豐")


class Clock:
    def __init__(self) -> None:
        self.at = MORNING

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


def kinds(commands: list[Command]) -> list[type]:
    return [type(c) for c in commands]


def only(commands: list[Command], kind: type) -> Command:
    found = [c for c in commands if isinstance(c, kind)]
    assert len(found) == 1, commands
    return found[0]


def arrives(flow: DeskFlow, token: str, answer: Outcome) -> list[Command]:
    """A notice scanned, and the door's answer to the look-up the flow asked for."""
    request = only(flow.scanned(token), LookUp)
    assert isinstance(request, LookUp) and request.who == Who(token=token)
    return flow.looked_up(request, answer)


def enters(flow: DeskFlow, temperature: str, answer: Outcome) -> list[Command]:
    """Enter on the screening panel, and the stored answer."""
    request = only(flow.submitted(temperature, frozenset()), CheckIn)
    assert isinstance(request, CheckIn)
    return flow.checked_in(request, answer)


def stored(outcome: Outcome, code: OutcomeCode = OutcomeCode.ADMITTED, **more: object
           ) -> Outcome:
    return Outcome(code, registration_id=outcome.registration_id, name=outcome.name,
                   company=outcome.company, event_id="e1", **more)  # type: ignore[arg-type]


def test_the_desk_opens_at_rest_and_asks_for_the_lists():
    flow = DeskFlow(Clock())
    assert flow.opened() == [ShowScan(clear=True), ShowIdle(), Refresh(), LoadResting()]
    assert flow.tick() == []  # a fresh desk: nothing to count down, no one to call


def test_a_scan_opens_the_screening_for_that_person():
    flow = DeskFlow(Clock())
    commands = arrives(flow, "T-wang", WANG)
    screening = only(commands, ShowScreening)
    assert isinstance(screening, ShowScreening) and screening.attempt.name == "王小明"
    assert screening.note is None
    assert only(commands, ShowVerdict) == ShowVerdict(WANG, sound=False)
    assert flow.attempt is not None and flow.attempt.registration_id == 1
    # The same notice still under the camera while staff type: nothing happens.
    assert flow.scanned("T-wang") == []


def test_the_temperature_typed_is_for_the_person_on_screen_not_the_one_scanned_meanwhile():
    flow = DeskFlow(Clock())
    arrives(flow, "T-wang", WANG)
    commands = arrives(flow, "T-lee", LEE)
    assert commands == [ShowNextUp("李佳蓉", "王小明")]
    assert flow.next_up == Who(token="T-lee")
    check_in = only(flow.submitted("36.5", frozenset({Declaration.SYMPTOMS})), CheckIn)
    assert isinstance(check_in, CheckIn)
    assert check_in.attempt.name == "王小明"
    assert check_in.declared == frozenset({Declaration.SYMPTOMS})


def test_the_same_person_chosen_again_by_name_does_not_wait_as_next():
    flow = DeskFlow(Clock())
    arrives(flow, "T-wang", WANG)
    request = only(flow.chose(1), LookUp)
    assert isinstance(request, LookUp)
    assert flow.looked_up(request, WANG) == []
    assert flow.next_up is None


def test_an_unknown_code_waits_unnamed():
    flow = DeskFlow(Clock())
    arrives(flow, "T-wang", WANG)
    assert arrives(flow, "junk", Outcome(OutcomeCode.UNREADABLE)) == [ShowNextUp("", "王小明")]


def test_who_waits_is_served_once_the_verdict_was_on_screen_long_enough():
    clock = Clock()
    flow = DeskFlow(clock)
    arrives(flow, "T-wang", WANG)
    arrives(flow, "T-lee", LEE)
    done = enters(flow, "36.5", stored(WANG))
    assert kinds(done) == [ShowScan, ShowVerdict, ShowWaiting, Refresh]
    assert flow.attempt is None
    assert not any(isinstance(c, LookUp) for c in flow.tick())  # the verdict holds
    clock.advance(seconds=6)
    assert flow.tick() == [LookUp(Who(token="T-lee"))]
    assert flow.next_up is None


def test_esc_serves_who_waits_at_once():
    flow = DeskFlow(Clock())
    arrives(flow, "T-wang", WANG)
    arrives(flow, "T-lee", LEE)
    assert flow.cancelled() == [ShowScan(clear=True), ShowIdle(), LookUp(Who(token="T-lee"))]
    assert flow.attempt is None


def test_an_implausible_temperature_keeps_the_person():
    flow = DeskFlow(Clock())
    arrives(flow, "T-wang", WANG)
    error = Outcome(OutcomeCode.TEMPERATURE_ERROR, name="王小明")
    assert enters(flow, "365", error) == [ShowVerdict(error),
                                          AskAgain(OutcomeCode.TEMPERATURE_ERROR)]
    assert flow.attempt is not None and flow.attempt.name == "王小明"


def _resting(clock: Clock, flow: DeskFlow) -> datetime:
    due = clock.at + timedelta(minutes=5)
    arrives(flow, "T-wang", WANG)
    commands = enters(flow, "38.2", stored(WANG, OutcomeCode.REMEASURE, remeasure_due=due))
    waiting = only(commands, ShowWaiting)
    assert isinstance(waiting, ShowWaiting)
    assert [(r.name, r.due, r.ready) for r in waiting.rows] == [("王小明", due, False)]
    return due


def test_a_rest_counts_down_then_the_person_comes_back_for_the_second_reading():
    clock = Clock()
    flow = DeskFlow(clock)
    due = _resting(clock, flow)
    clock.advance(seconds=10)  # the banner counts down while it shows the verdict
    assert kinds(flow.tick()) == [ShowCountdown, ShowWaiting]
    assert only(flow.tick(), ShowCountdown) == ShowCountdown(due, clock.at)
    clock.advance(minutes=4, seconds=50)
    commands = flow.tick()
    screening = only(commands, ShowScreening)
    assert isinstance(screening, ShowScreening)
    assert screening.attempt.name == "王小明" and screening.note is Note.SECOND_READING
    check_in = only(flow.submitted("38.4", frozenset()), CheckIn)
    assert isinstance(check_in, CheckIn) and check_in.attempt.registration_id == 1
    flow.checked_in(check_in, stored(WANG, OutcomeCode.DENIED_FEVER))
    assert not flow.remeasure


def test_a_late_remeasure_waits_for_the_screening_under_way_and_its_verdict():
    clock = Clock()
    flow = DeskFlow(clock)
    _resting(clock, flow)
    clock.advance(minutes=5)
    arrives(flow, "T-lee", LEE)  # someone else is at the desk as the rest ends
    assert not any(isinstance(c, ShowScreening) for c in flow.tick())
    assert flow.attempt is not None and flow.attempt.name == "李佳蓉"
    enters(flow, "36.5", stored(LEE))
    assert not any(isinstance(c, ShowScreening) for c in flow.tick())  # verdict holds
    clock.advance(seconds=6)
    screening = only(flow.tick(), ShowScreening)
    assert isinstance(screening, ShowScreening) and screening.attempt.name == "王小明"


def test_a_remeasure_dismissed_with_esc_is_not_called_again_but_stays_listed():
    clock = Clock()
    flow = DeskFlow(clock)
    _resting(clock, flow)
    clock.advance(minutes=5, seconds=6)
    assert any(isinstance(c, ShowScreening) for c in flow.tick())
    flow.cancelled()  # the person stepped out
    clock.advance(seconds=10)
    commands = flow.tick()
    assert not any(isinstance(c, ShowScreening) for c in commands)
    waiting = only(commands, ShowWaiting)
    assert isinstance(waiting, ShowWaiting) and waiting.rows[0].ready
    # ... and staff bring them back from the list when they return.
    screening = only(flow.chose_resting(waiting.rows[0].key), ShowScreening)
    assert isinstance(screening, ShowScreening) and screening.attempt.name == "王小明"


def test_no_call_back_while_staff_type_in_search_or_a_look_up_is_under_way():
    clock = Clock()
    flow = DeskFlow(clock)
    _resting(clock, flow)
    clock.advance(minutes=5, seconds=6)
    assert not any(isinstance(c, ShowScreening) for c in flow.tick(staff_typing=True))
    request = only(flow.scanned("T-lee"), LookUp)  # the answer has not come back yet
    assert not any(isinstance(c, ShowScreening) for c in flow.tick())
    assert isinstance(request, LookUp)
    screening = only(flow.looked_up(request, LEE), ShowScreening)
    assert isinstance(screening, ShowScreening) and screening.attempt.name == "李佳蓉"


def test_the_rest_list_is_restored_after_a_restart():
    clock = Clock()
    flow = DeskFlow(clock)
    due = clock.at + timedelta(minutes=3)
    waiting = only(flow.restored([RestingPerson(1, "王小明", "三豐", due)]), ShowWaiting)
    assert isinstance(waiting, ShowWaiting) and waiting.rows[0].name == "王小明"
    clock.advance(minutes=3)
    screening = only(flow.tick(), ShowScreening)
    assert isinstance(screening, ShowScreening) and screening.note is Note.SECOND_READING


def test_an_override_lifts_only_the_refusal_shown_then_the_next_one():
    flow = DeskFlow(Clock())
    waitlisted = Outcome(OutcomeCode.WAITLISTED, registration_id=3, name="張志豪")
    commands = arrives(flow, "T-chang", waitlisted)
    assert commands == [ShowScan(clear=False), ShowVerdict(waitlisted, can_override=True)]
    offer = flow.offer
    assert offer is not None and offer.code is OutcomeCode.WAITLISTED
    request = only(flow.override_approved(offer, "陳主任", "講師特准"), LookUp)
    assert isinstance(request, LookUp)
    assert request.lifted == frozenset({OutcomeCode.WAITLISTED})
    assert flow.offer is None
    capped = Outcome(OutcomeCode.COMPANY_CAP, registration_id=3, name="張志豪")
    assert flow.looked_up(request, capped) == [ShowScan(clear=False),
                                               ShowVerdict(capped, can_override=True)]
    offer = flow.offer
    assert offer is not None and offer.code is OutcomeCode.COMPANY_CAP
    request = only(flow.override_approved(offer, "林組長", "助理"), LookUp)
    assert isinstance(request, LookUp)
    assert request.lifted == frozenset({OutcomeCode.WAITLISTED, OutcomeCode.COMPANY_CAP})
    ready = Outcome(OutcomeCode.READY_FOR_SCREENING, registration_id=3, name="張志豪")
    screening = only(flow.looked_up(request, ready), ShowScreening)
    assert isinstance(screening, ShowScreening) and screening.note is Note.OVERRIDE
    override = screening.attempt.override
    assert override is not None
    assert (override.supervisor, override.reason) == ("陳主任 / 林組長", "講師特准; 助理")
    check_in = only(flow.submitted("36.5", frozenset()), CheckIn)
    assert isinstance(check_in, CheckIn) and check_in.attempt.override == override


def test_an_override_does_not_carry_over_to_the_second_reading():
    clock = Clock()
    flow = DeskFlow(clock)
    capped = Outcome(OutcomeCode.COMPANY_CAP, registration_id=3, name="張志豪")
    arrives(flow, "T-chang", capped)
    assert flow.offer is not None
    request = only(flow.override_approved(flow.offer, "陳主任", "助理"), LookUp)
    assert isinstance(request, LookUp)
    ready = Outcome(OutcomeCode.READY_FOR_SCREENING, registration_id=3, name="張志豪")
    flow.looked_up(request, ready)
    enters(flow, "38.2", Outcome(OutcomeCode.REMEASURE, registration_id=3, name="張志豪",
                                 remeasure_due=clock.at + timedelta(minutes=5)))
    clock.advance(minutes=5, seconds=6)
    flow.tick()
    check_in = only(flow.submitted("36.5", frozenset()), CheckIn)
    assert isinstance(check_in, CheckIn) and check_in.attempt.override is None


def test_no_override_for_a_refusal_no_rule_lifts_or_a_code_nobody_holds():
    flow = DeskFlow(Clock())
    arrives(flow, "junk", Outcome(OutcomeCode.COMPANY_CAP))  # no registration behind it
    assert flow.offer is None
    arrives(flow, "T-wang", Outcome(OutcomeCode.ALREADY_IN, registration_id=1))
    assert flow.offer is None


def test_a_failed_look_up_is_a_red_banner_and_the_warning_stays_until_something_is_stored():
    clock = Clock()
    flow = DeskFlow(clock)
    request = only(flow.scanned("T-wang"), LookUp)
    assert isinstance(request, LookUp)
    commands = flow.look_up_failed(request, OSError(5, "I/O error"))
    assert kinds(commands) == [ShowScan, ShowVerdict, ShowStorageWarning]
    verdict = only(commands, ShowVerdict)
    assert isinstance(verdict, ShowVerdict)
    assert verdict.outcome == Outcome(OutcomeCode.NOT_RECORDED, detail="IO_ERROR")
    assert only(commands, ShowStorageWarning) == ShowStorageWarning(MORNING)
    clock.advance(minutes=1)
    arrives(flow, "T-wang", WANG)  # looks normal, but the warning is not lifted
    assert flow.storage_failed_at == MORNING
    assert ShowStorageWarning(None) in enters(flow, "36.5", stored(WANG))
    assert flow.storage_failed_at is None


def test_a_failed_look_up_during_a_screening_keeps_the_person():
    flow = DeskFlow(Clock())
    arrives(flow, "T-wang", WANG)
    request = only(flow.scanned("T-lee"), LookUp)
    assert isinstance(request, LookUp)
    assert flow.look_up_failed(request, OSError(28, "full")) == [ShowScanLost("DISK_FULL")]
    assert flow.attempt is not None and flow.attempt.name == "王小明"


def test_a_failed_check_in_is_not_recorded_and_leaves_the_person_resting():
    clock = Clock()
    flow = DeskFlow(clock)
    _resting(clock, flow)
    clock.advance(minutes=5, seconds=6)
    flow.tick()
    check_in = only(flow.submitted("36.5", frozenset()), CheckIn)
    assert isinstance(check_in, CheckIn)
    commands = flow.check_in_failed(check_in, OSError(28, "No space left on device"))
    verdict = only(commands, ShowVerdict)
    assert isinstance(verdict, ShowVerdict)
    assert verdict.outcome.code is OutcomeCode.NOT_RECORDED
    assert flow.remeasure  # still to be measured again


def test_an_undone_arrival_rests_the_banner_and_clears_the_storage_warning():
    flow = DeskFlow(Clock())
    flow.failed(OSError(5, "I/O error"))
    assert flow.undone() == [ShowIdle(undone=True), ShowStorageWarning(None), Refresh()]
    assert flow.verdict is None


def test_a_token_typed_by_hand_is_a_scan_other_text_is_a_search():
    flow = DeskFlow(Clock())
    assert flow.typed("王小") == []
    token = "CK1-IDB2201-" + "A" * 27
    assert flow.typed(f" {token} ") == [ShowScan(clear=True), LookUp(Who(token=token))]


def test_a_reading_before_the_rest_is_over_is_said_to_be_too_early_and_comes_back_when_due():
    clock = Clock()
    flow = DeskFlow(clock)
    due = _resting(clock, flow)
    clock.advance(minutes=2)
    only(flow.chose_resting("r1"), ShowScreening)  # staff call them back too soon
    # The door did not count it: REMEASURE again, nothing stored, the same due time.
    early = Outcome(OutcomeCode.REMEASURE, registration_id=1, name="王小明", company="三豐",
                    remeasure_due=due)
    commands = enters(flow, "36.4", early)
    verdict = only(commands, ShowVerdict)
    assert verdict == ShowVerdict(early, early=True)
    waiting = only(commands, ShowWaiting)
    assert isinstance(waiting, ShowWaiting)
    assert [(r.name, r.due, r.ready) for r in waiting.rows] == [("王小明", due, False)]
    assert only(flow.tick(), ShowCountdown) == ShowCountdown(due, clock.at)
    clock.advance(minutes=3)
    screening = only(flow.tick(), ShowScreening)  # called back once the rest is over
    assert isinstance(screening, ShowScreening) and screening.note is Note.SECOND_READING


def test_a_first_high_reading_is_not_called_too_early():
    clock = Clock()
    flow = DeskFlow(clock)
    arrives(flow, "T-wang", WANG)
    high = stored(WANG, OutcomeCode.REMEASURE, remeasure_due=clock.at + timedelta(minutes=5))
    assert only(enters(flow, "38.2", high), ShowVerdict) == ShowVerdict(high)


def test_a_desk_opened_on_another_day_than_its_workshop_says_so_before_any_scan():
    clock = Clock()
    workshop_day = date(2022, 4, 30)
    assert DeskFlow(clock, day=workshop_day).opened() == [
        ShowScan(clear=True), ShowIdle(), ShowNotToday(workshop_day, date(2022, 4, 29)),
        Refresh(), LoadResting()]
    assert not any(isinstance(c, ShowNotToday)
                   for c in DeskFlow(clock, day=date(2022, 4, 29)).opened())
    # Late at night in Taipei is still that day, whatever the UTC date.
    late = Clock()
    late.at = datetime(2022, 4, 29, 23, 30, tzinfo=TAIPEI)
    assert not any(isinstance(c, ShowNotToday)
                   for c in DeskFlow(late, day=date(2022, 4, 29)).opened())


# --- a verdict leaves the banner after a while --------------------------------------------


def test_a_verdict_gives_way_to_the_banner_at_rest_after_the_timeout():
    clock = Clock()
    flow = DeskFlow(clock)
    arrives(flow, "T-wang", WANG)
    enters(flow, "36.5", stored(WANG))
    clock.advance(seconds=14)
    assert flow.tick() == []  # still the verdict: 王小明 may still be reading it
    clock.advance(seconds=1)
    assert flow.tick() == [ShowIdle()]
    assert flow.verdict is None
    assert flow.tick() == []  # once
    # An undone arrival ("arrival undone") is a message too, and goes the same way.
    assert kinds(flow.undone()) == [ShowIdle, Refresh]
    clock.advance(seconds=15)
    assert flow.tick() == [ShowIdle()]


def test_the_timeout_is_set_per_desk_and_takes_the_override_on_offer_with_it():
    clock = Clock()
    flow = DeskFlow(clock, verdict_timeout_s=5)
    full = Outcome(OutcomeCode.SESSION_FULL, registration_id=1, name="王小明")
    commands = arrives(flow, "T-wang", full)
    assert only(commands, ShowVerdict) == ShowVerdict(full, can_override=True)
    assert flow.offer is not None
    clock.advance(seconds=5)
    assert flow.tick() == [ShowIdle()]
    assert flow.offer is None


def test_no_timeout_while_someone_is_screened_or_looked_up():
    clock = Clock()
    flow = DeskFlow(clock)
    arrives(flow, "T-wang", WANG)  # "health screening" on the banner while staff measure
    clock.advance(minutes=3)
    assert flow.tick() == []
    assert flow.verdict is not None
    flow.cancelled()
    flow.scanned("T-lee")  # the answer has not come back yet
    clock.advance(minutes=1)
    assert flow.tick() == []


def test_the_timeout_comes_with_the_rest_countdown_and_call_back():
    clock = Clock()
    flow = DeskFlow(clock)
    arrives(flow, "T-wang", WANG)
    due = MORNING + timedelta(minutes=5)
    enters(flow, "38.2", stored(WANG, OutcomeCode.REMEASURE, remeasure_due=due))
    assert kinds(flow.tick()) == [ShowCountdown, ShowWaiting]
    clock.advance(seconds=15)
    # The banner rests; the list on the side keeps counting down.
    assert kinds(flow.tick()) == [ShowIdle, ShowWaiting]
    assert kinds(flow.tick()) == [ShowWaiting]
    clock.advance(minutes=5)
    assert ShowScreening in kinds(flow.tick())


# --- check-out mode and re-entry ----------------------------------------------------------------

def test_check_out_mode_records_departures_and_never_screens() -> None:
    from checkin.ui.desk_flow import CheckOut, Mode, ShowMode

    clock = Clock()
    flow = DeskFlow(clock)
    commands = flow.mode_chosen(Mode.CHECK_OUT)
    assert isinstance(commands[0], ShowMode) and commands[0].mode is Mode.CHECK_OUT
    assert flow.mode_chosen(Mode.CHECK_OUT) == []  # already there
    request = only(flow.scanned("CK1-IDB2201-X"), CheckOut)
    assert request.who == Who(token="CK1-IDB2201-X")
    assert only(flow.chose(7), CheckOut).who == Who(registration_id=7)
    flow.checked_out(request, Outcome(OutcomeCode.NOT_IN, registration_id=1, name="王小明"))
    shown = flow.checked_out(request, Outcome(OutcomeCode.LEFT, registration_id=1,
                                              name="王小明", event_id="e1"))
    assert only(shown, ShowVerdict).outcome.code is OutcomeCode.LEFT
    assert Refresh in kinds(shown)
    assert flow.attempt is None and flow.lookups_pending == 0


def test_check_out_failure_says_not_recorded() -> None:
    from checkin.ui.desk_flow import CheckOut, Mode

    flow = DeskFlow(Clock())
    flow.mode_chosen(Mode.CHECK_OUT)
    request = only(flow.scanned("CK1-IDB2201-X"), CheckOut)
    shown = flow.check_out_failed(request, OSError(28, "No space left on device"))
    assert only(shown, ShowVerdict).outcome.code is OutcomeCode.NOT_RECORDED
    assert flow.storage_failed_at is not None


def test_switching_mode_ends_a_screening_and_no_one_is_called_back_in_check_out() -> None:
    from checkin.ui.desk_flow import Mode

    clock = Clock()
    flow = DeskFlow(clock)
    flow.restored([RestingPerson(3, "陳美玲", "台積", MORNING)])
    flow.looked_up(only(flow.scanned("CK1-IDB2201-A"), LookUp), WANG)
    assert flow.attempt is not None
    commands = flow.mode_chosen(Mode.CHECK_OUT)
    assert flow.attempt is None and ShowIdle in kinds(commands)
    clock.advance(seconds=30)
    assert ShowScreening not in kinds(flow.tick())  # the resting person waits for check-in
    flow.mode_chosen(Mode.CHECK_IN)
    assert ShowScreening in kinds(flow.tick())


def test_returning_person_is_stored_at_once_without_screening() -> None:
    flow = DeskFlow(Clock())
    request = only(flow.scanned("CK1-IDB2201-A"), LookUp)
    commands = flow.looked_up(request, Outcome(OutcomeCode.RETURNING, registration_id=1,
                                               name="王小明", company="三豐"))
    check_in = only(commands, CheckIn)
    assert (check_in.temperature, check_in.declared) == ("", frozenset())
    assert ShowScreening not in kinds(commands) and ShowVerdict not in kinds(commands)
    shown = flow.checked_in(check_in, Outcome(OutcomeCode.RETURNED, registration_id=1,
                                              name="王小明", event_id="e2"))
    assert only(shown, ShowVerdict).outcome.code is OutcomeCode.RETURNED
