"""The check-in service on a real SQLite file: outcomes, and what is stored for each."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from enginekit import MORNING, Built, build_workshop, count

from checkin.core.clock import TAIPEI, FixedClock
from checkin.core.outcomes import Declaration, OutcomeCode
from checkin.db.store import Store
from checkin.services.checkin import CheckinService, Override, Who

C = OutcomeCode


def rows(path: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def stored(path: Path) -> tuple[int, int, int, int]:
    return (count(path, "events"), count(path, "screenings"), count(path, "outbox"),
            count(path, "followups"))


def test_admitted_scan_stores_event_screening_and_outbox(demo: Built, desk: CheckinService
                                                         ) -> None:
    person = demo.named("王小明")[0]
    outcome = desk.check_in(1, Who(token=person.token), temperature="36.5")
    assert outcome.code is C.ADMITTED
    assert (outcome.name, outcome.company) == ("王小明", "三豐精密工業股份有限公司")
    assert stored(demo.path) == (1, 1, 1, 0)
    [(event_id, reg_id, desk_name, seq, kind, code, wall)] = rows(
        demo.path, "SELECT id, registration_id, desk_name, seq, kind, outcome, wall_time "
        "FROM events")
    assert event_id == outcome.event_id
    assert (reg_id, desk_name, seq, kind, code) == (person.id, "desk-1", 1, "arrival",
                                                      "ADMITTED")
    assert str(wall).startswith("2022-04-29 00:45:00")  # 08:45 Taipei, stored in UTC
    assert rows(demo.path, "SELECT event_id, temperature FROM screenings") == [
        (event_id, 36.5)]
    assert rows(demo.path, "SELECT event_id, sent_at FROM outbox") == [(event_id, None)]


def test_look_up_decides_but_stores_nothing(demo: Built, desk: CheckinService) -> None:
    person = demo.named("王小明")[0]
    outcome = desk.look_up(1, Who(token=person.token))
    assert outcome.code is C.READY_FOR_SCREENING
    assert outcome.name == "王小明"
    assert stored(demo.path) == (0, 0, 0, 0)


def test_check_in_by_registration_from_search(demo: Built, desk: CheckinService) -> None:
    person = demo.named("林建宏")[0]
    outcome = desk.check_in("IDB2201", Who(registration_id=person.id), temperature="36.2")
    assert outcome.code is C.ADMITTED
    assert outcome.registration_id == person.id


@pytest.mark.parametrize("typed", [
    str.lower,
    lambda t: "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in t),
    lambda t: f" {t}\n",
])
def test_typed_token_forms_admit(demo: Built, desk: CheckinService,
                                 typed: Callable[[str], str]) -> None:
    person = demo.named("蔡承恩")[0]
    assert desk.check_in(1, Who(token=typed(person.token)), temperature="36.5").code \
        is C.ADMITTED


def test_already_in_gives_first_arrival_time_and_desk(demo: Built, clock: FixedClock,
                                                      open_store: Callable[..., Store]) -> None:
    person = demo.named("劉雅婷")[0]
    first = CheckinService(open_store(demo.url, desk_name="desk-1"))
    assert first.check_in(1, Who(token=person.token), temperature="36.5").code is C.ADMITTED
    later = FixedClock(MORNING + timedelta(minutes=20))
    second = CheckinService(open_store(demo.url, desk_name="desk-2", at=later))
    again = second.check_in(1, Who(token=person.token), temperature="36.5")
    assert again.code is C.ALREADY_IN
    assert again.first_arrival == MORNING
    assert again.first_arrival.astimezone(TAIPEI).strftime("%H:%M") == "08:45"
    assert again.first_desk == "desk-1"
    assert not again.admitted
    assert second.look_up(1, Who(token=person.token)).first_desk == "desk-1"
    assert count(demo.path, "events") == 1  # the repeated scan is not an arrival


def test_cancelled_and_wrong_session(demo: Built, desk: CheckinService) -> None:
    cancelled = desk.check_in(1, Who(token=demo.named("吳宗翰")[0].token), temperature="36.5")
    assert cancelled.code is C.CANCELLED
    other = demo.of_workshop(6)[0]
    wrong = desk.check_in(1, Who(token=other.token), temperature="36.5")
    assert wrong.code is C.WRONG_SESSION
    assert wrong.name == other.name
    assert count(demo.path, "events", "outcome IN ('ADMITTED', 'ADMITTED_OVERRIDE')") == 0


def test_unknown_token_of_this_workshop_is_not_registered(demo: Built,
                                                          desk: CheckinService) -> None:
    from checkin.core.tokens import new_token
    outcome = desk.check_in(1, Who(token=new_token("IDB2201")), temperature="36.5")
    assert outcome.code is C.NOT_REGISTERED
    assert stored(demo.path) == (0, 0, 0, 0)


def test_company_cap_by_tax_id_and_override(demo: Built, desk: CheckinService) -> None:
    sanfeng = [p for p in demo.people if p.tax_id == "16480894"]
    assert len(sanfeng) == 3
    codes = [desk.check_in(1, Who(token=p.token), temperature="36.5").code for p in sanfeng]
    assert codes == [C.ADMITTED, C.ADMITTED, C.COMPANY_CAP]
    third = sanfeng[2]
    with pytest.raises(ValueError):
        Override(supervisor="林組長", reason="  ")
    outcome = desk.check_in(1, Who(token=third.token), temperature="36.5",
                            override=Override(supervisor="林組長", reason="主辦單位同意"))
    assert outcome.code is C.ADMITTED_OVERRIDE
    assert rows(demo.path, "SELECT kind, outcome, supervisor, reason FROM events "
                "WHERE kind = 'override'") == [("override", "COMPANY_CAP", "林組長",
                                                "主辦單位同意")]
    assert desk.counters(1)["arrived"] == 3


def test_override_does_not_lift_cancelled(demo: Built, desk: CheckinService) -> None:
    person = demo.named("吳宗翰")[0]
    everything = frozenset(OutcomeCode)
    outcome = desk.check_in(1, Who(token=person.token), temperature="36.5",
                            override=Override("林組長", "試試看", lifts=everything))
    assert outcome.code is C.CANCELLED
    assert count(demo.path, "events", "kind = 'override'") == 0


def test_company_cap_by_normalised_name_without_tax_id(tmp_path: Path,
                                                       open_store: Callable[..., Store]) -> None:
    # Width, spaces, 台/臺 and legal suffixes do not make another company.
    names = ["台灣旭昇光電股份有限公司", "臺灣 旭昇光電 有限公司", "ＴＡＩＷＡＮ旭昇",
             "臺灣旭昇光電"]
    built = build_workshop(tmp_path, 4, company=lambda i: (names[i], None))
    desk = CheckinService(open_store(built.url))
    codes = [desk.check_in(1, Who(token=p.token), temperature="36.5").code
             for p in built.people]
    # The third is another company (taiwan旭昇); the fourth is the first's third colleague.
    assert codes == [C.ADMITTED, C.ADMITTED, C.ADMITTED, C.COMPANY_CAP]


def test_company_cap_counts_tax_id_even_when_names_differ(tmp_path: Path,
                                                          open_store: Callable[..., Store]
                                                          ) -> None:
    built = build_workshop(tmp_path, 3, company=lambda i: (
        ["三豐精密工業股份有限公司", "三豐精密", "Sanfeng Precision"][i], "16480894"))
    desk = CheckinService(open_store(built.url))
    codes = [desk.check_in(1, Who(token=p.token), temperature="36.5").code
             for p in built.people]
    assert codes == [C.ADMITTED, C.ADMITTED, C.COMPANY_CAP]


def test_capacity_50_the_fiftieth_is_admitted_the_fifty_first_is_not(
        tmp_path: Path, open_store: Callable[..., Store]) -> None:
    built = build_workshop(tmp_path, 52)
    desk = CheckinService(open_store(built.url))
    codes = [desk.check_in(1, Who(registration_id=p.id), temperature="36.5").code
             for p in built.people[:50]]
    assert codes == [C.ADMITTED] * 50
    assert desk.counters(1)["arrived"] == 50
    assert desk.check_in(1, Who(registration_id=built.people[50].id),
                         temperature="36.5").code is C.SESSION_FULL
    lifted = desk.check_in(1, Who(registration_id=built.people[51].id), temperature="36.5",
                           override=Override("林組長", "講師的助理"))
    assert lifted.code is C.ADMITTED_OVERRIDE
    assert desk.counters(1)["arrived"] == 51


def test_waitlisted_is_refused_unless_overridden(tmp_path: Path,
                                                 open_store: Callable[..., Store]) -> None:
    built = build_workshop(tmp_path, 2, status=lambda i: "waitlisted")
    desk = CheckinService(open_store(built.url))
    assert desk.check_in(1, Who(token=built.people[0].token), temperature="36.5").code \
        is C.WAITLISTED
    lifted = desk.check_in(1, Who(token=built.people[1].token), temperature="36.5",
                           override=Override("林組長", "有空位", lifts=frozenset({C.WAITLISTED})))
    assert lifted.code is C.ADMITTED_OVERRIDE


def test_check_in_opens_at_0830(demo: Built, open_store: Callable[..., Store]) -> None:
    early = FixedClock(datetime(2022, 4, 29, 8, 29, 59, tzinfo=TAIPEI))
    desk = CheckinService(open_store(demo.url, at=early))
    person = demo.named("郭俊傑")[0]
    assert desk.check_in(1, Who(token=person.token), temperature="36.5").code \
        is C.NOT_OPEN_YET
    assert count(demo.path, "events") == 0
    early.advance(seconds=1)
    assert desk.check_in(1, Who(token=person.token), temperature="36.5").code is C.ADMITTED


def test_wrong_day(demo: Built, open_store: Callable[..., Store]) -> None:
    next_day = FixedClock(MORNING + timedelta(days=1))
    desk = CheckinService(open_store(demo.url, at=next_day))
    person = demo.named("郭俊傑")[0]
    assert desk.check_in(1, Who(token=person.token), temperature="36.5").code is C.WRONG_DAY


def test_fever_remeasure_then_denied(demo: Built, desk: CheckinService, clock: FixedClock
                                     ) -> None:
    person = demo.named("曾筱涵")[0]
    first = desk.check_in(1, Who(token=person.token), temperature="37.6")
    assert first.code is C.REMEASURE
    assert first.remeasure_due == MORNING + timedelta(minutes=5)
    assert desk.look_up(1, Who(token=person.token)).remeasure_due == MORNING + timedelta(
        minutes=5)
    clock.advance(minutes=5)
    second = desk.check_in(1, Who(token=person.token), temperature="37.6")
    assert second.code is C.DENIED_FEVER
    # A third, normal reading does not undo the denial, and is not recorded again.
    assert desk.check_in(1, Who(token=person.token), temperature="36.5").code \
        is C.DENIED_FEVER
    assert rows(demo.path, "SELECT outcome FROM events ORDER BY seq") == [
        ("REMEASURE",), ("DENIED_FEVER",)]
    assert rows(demo.path, "SELECT temperature FROM screenings ORDER BY temperature")[-2:] == [
        (37.6,), (37.6,)]
    assert desk.counters(1)["denied"] == 1


def test_fever_then_normal_reading_after_the_rest_admits(
        demo: Built, desk: CheckinService, clock: FixedClock) -> None:
    person = demo.named("曾筱涵")[0]
    assert desk.check_in(1, Who(token=person.token), temperature="38.0").code is C.REMEASURE
    clock.advance(minutes=5)
    assert desk.check_in(1, Who(token=person.token), temperature="37.5").code is C.ADMITTED


@pytest.mark.parametrize("second", ["36.5", "38.1"])
def test_a_second_reading_before_the_rest_is_over_is_not_a_remeasurement(
        demo: Built, desk: CheckinService, clock: FixedClock, second: str) -> None:
    person = demo.named("曾筱涵")[0]
    first = desk.check_in(1, Who(token=person.token), temperature="38.0")
    clock.advance(minutes=2)
    early = desk.check_in(1, Who(token=person.token), temperature=second)
    assert early.code is C.REMEASURE and early.event_id is None
    assert early.remeasure_due == first.remeasure_due
    assert rows(demo.path, "SELECT outcome FROM events") == [("REMEASURE",)]
    clock.advance(minutes=3)
    expected = C.ADMITTED if second == "36.5" else C.DENIED_FEVER
    assert desk.check_in(1, Who(token=person.token), temperature=second).code is expected


@pytest.mark.parametrize("reading, code", [
    ("37.5", C.ADMITTED),
    ("37,5", C.ADMITTED),
    ("３７．５", C.ADMITTED),
    ("36.5°C", C.ADMITTED),
    ("34.0", C.ADMITTED),
    ("42.0", C.REMEASURE),
    ("33.9", C.TEMPERATURE_ERROR),
    ("42.1", C.TEMPERATURE_ERROR),
    ("365", C.TEMPERATURE_ERROR),
    ("junk", C.TEMPERATURE_ERROR),
    (None, C.TEMPERATURE_NEEDED),
    ("  ", C.TEMPERATURE_NEEDED),
])
def test_temperature_readings(demo: Built, desk: CheckinService, reading: str | None,
                              code: OutcomeCode) -> None:
    person = demo.named("邱冠廷")[0]
    outcome = desk.check_in(1, Who(token=person.token), temperature=reading)
    assert outcome.code is code
    if code in (C.TEMPERATURE_ERROR, C.TEMPERATURE_NEEDED):
        assert stored(demo.path) == (0, 0, 0, 0)  # an error is not a decision


def test_temperature_error_of_a_foreign_notice_says_wrong_session(demo: Built,
                                                                 desk: CheckinService) -> None:
    other = demo.of_workshop(6)[0]
    assert desk.check_in(1, Who(token=other.token), temperature="junk").code \
        is C.WRONG_SESSION


@pytest.mark.parametrize("declared, followup", [
    ([Declaration.SYMPTOMS], True),
    ([Declaration.TRAVEL], False),
    ([Declaration.CONTACT], False),
    ([Declaration.TRAVEL, Declaration.SYMPTOMS], True),
])
def test_declarations_deny_and_symptoms_open_a_followup(demo: Built, desk: CheckinService,
                                                        declared: list[Declaration],
                                                        followup: bool) -> None:
    person = demo.named("廖珮瑜")[0]
    outcome = desk.check_in(1, Who(token=person.token), temperature="36.5", declared=declared)
    assert outcome.code is C.DENIED_DECLARATION
    assert set(outcome.reasons) == set(declared)
    assert stored(demo.path) == (1, 1, 1, int(followup))
    if followup:
        assert outcome.followup_id is not None
        assert rows(demo.path, "SELECT event_id, registration_id, status FROM followups") == [
            (outcome.event_id, person.id, "open")]
        assert desk.counters(1)["followups"] == 1
    [(travel, contact, symptoms)] = rows(demo.path,
                                         "SELECT travel, contact, symptoms FROM screenings")
    assert (bool(travel), bool(contact), bool(symptoms)) == (
        Declaration.TRAVEL in declared, Declaration.CONTACT in declared,
        Declaration.SYMPTOMS in declared)


def test_void_keeps_both_events_and_frees_the_seat(demo: Built, desk: CheckinService) -> None:
    person = demo.named("賴柏宇")[0]
    first = desk.check_in(1, Who(token=person.token), temperature="36.5")
    assert desk.counters(1)["arrived"] == 1
    with pytest.raises(ValueError):
        desk.void_arrival(first.event_id or "", "林組長", " ")
    with pytest.raises(LookupError):
        desk.void_arrival("no-such-event", "林組長", "掃錯人")
    void_id = desk.void_arrival(first.event_id or "", "林組長", "掃錯人")
    assert desk.counters(1)["arrived"] == 0
    assert rows(demo.path, "SELECT kind, target_event_id FROM events WHERE id = ?",
                void_id) == [("void", first.event_id)]
    assert count(demo.path, "events") == 2  # events are never deleted
    assert count(demo.path, "outbox") == 2  # the void is synced too
    again = desk.check_in(1, Who(token=person.token), temperature="36.5")
    assert again.code is C.ADMITTED


def test_sequence_numbers_and_outbox_rows_per_event(demo: Built, desk: CheckinService) -> None:
    for name in ["王小明", "李佳蓉", "蔡承恩"]:
        desk.check_in(1, Who(token=demo.named(name)[0].token), temperature="36.5")
    seqs = [r[0] for r in rows(demo.path, "SELECT seq FROM events ORDER BY seq")]
    assert seqs == [1, 2, 3]
    assert count(demo.path, "events e", "NOT EXISTS (SELECT 1 FROM outbox o "
                 "WHERE o.event_id = e.id)") == 0


def test_counters(demo: Built, desk: CheckinService) -> None:
    assert desk.counters(1) == {"arrived": 0, "registered": 21, "seats": 50, "denied": 0,
                                "followups": 0}


def test_desk_keeps_only_the_hash_of_a_scanned_token(demo: Built, desk: CheckinService) -> None:
    person = demo.named("王小明")[0]
    desk.check_in(1, Who(token=person.token.lower()), temperature="36.5")
    dump = "\n".join(sqlite3.connect(demo.path).iterdump())
    # The token appears only in the office record column, never in events or outbox.
    assert dump.count(person.token) == 1
    assert dump.count(person.token.lower()) == 0


def test_events_store_utc_wall_time(demo: Built, desk: CheckinService) -> None:
    desk.check_in(1, Who(token=demo.named("王小明")[0].token), temperature="36.5")
    [(wall,)] = rows(demo.path, "SELECT wall_time FROM events")
    parsed = datetime.fromisoformat(str(wall))
    assert parsed.replace(tzinfo=UTC) == MORNING.astimezone(UTC)


def test_declaration_denial_holds_for_the_day_without_a_second_follow_up(
        demo: Built, desk: CheckinService) -> None:
    person = demo.named("郭俊傑")[0]
    first = desk.check_in(1, Who(token=person.token), temperature="36.5",
                          declared=[Declaration.SYMPTOMS])
    assert first.code is C.DENIED_DECLARATION and first.followup_id
    # Coming back and answering "no" this time: still do not attend, with the reason.
    again = desk.look_up(1, Who(token=person.token))
    assert again.code is C.DENIED_DECLARATION and again.reasons == (Declaration.SYMPTOMS,)
    second = desk.check_in(1, Who(token=person.token), temperature="36.5")
    assert second.code is C.DENIED_DECLARATION and second.followup_id is None
    assert rows(demo.path, "SELECT count(*) FROM followups") == [(1,)]
    assert rows(demo.path, "SELECT outcome FROM events") == [("DENIED_DECLARATION",)]


def test_a_supervisor_void_lifts_a_mistaken_declaration_denial(
        demo: Built, desk: CheckinService) -> None:
    person = demo.named("郭俊傑")[0]
    denied = desk.check_in(1, Who(token=person.token), temperature="36.5",
                           declared=[Declaration.TRAVEL])
    assert denied.event_id is not None
    desk.void_arrival(denied.event_id, supervisor="林組長", reason="ticked the wrong box")
    assert desk.check_in(1, Who(token=person.token), temperature="36.5").code is C.ADMITTED


def test_an_override_of_two_rules_records_each_and_the_look_up_shows_the_second(
        tmp_path: Path, open_store: Callable[..., Store]) -> None:
    """Waitlisted and over the company limit: each lifted rule is its own override event."""
    built = build_workshop(tmp_path, 3, status=lambda i: "waitlisted" if i == 2 else "registered",
                           company=lambda i: ("同一公司股份有限公司", "16480894"))
    desk = CheckinService(open_store(built.url))
    for person in built.people[:2]:
        assert desk.check_in(1, Who(token=person.token), temperature="36.5").code is C.ADMITTED
    third = Who(token=built.people[2].token)
    assert desk.look_up(1, third).code is C.WAITLISTED
    # With the waitlist lifted, the company limit shows up before anyone takes a temperature.
    assert desk.look_up(1, third, lifted={C.WAITLISTED}).code is C.COMPANY_CAP
    both = frozenset({C.WAITLISTED, C.COMPANY_CAP})
    assert desk.look_up(1, third, lifted=both).code is C.READY_FOR_SCREENING
    admitted = desk.check_in(1, third, temperature="36.5",
                             override=Override("林組長", "主辦同意", lifts=both))
    assert admitted.code is C.ADMITTED_OVERRIDE
    assert sorted(rows(built.path, "SELECT outcome FROM events WHERE kind = 'override'")) == [
        ("COMPANY_CAP",), ("WAITLISTED",)]


def test_the_desk_passes_its_workshop_and_lifts_rules_on_look_up(
        tmp_path: Path, open_store: Callable[..., Store]) -> None:
    built = build_workshop(tmp_path, 3, company=lambda i: ("同一公司股份有限公司", "16480894"))
    desk = CheckinService(open_store(built.url))
    workshop = desk.workshop(1)  # what the desk holds from start-up
    for person in built.people[:2]:
        assert desk.check_in(workshop, Who(token=person.token), temperature="36.5").admitted
    third = Who(token=built.people[2].token)
    assert desk.look_up(workshop, third).code is C.COMPANY_CAP
    assert desk.look_up(workshop, third, lifted=frozenset({C.COMPANY_CAP})).code \
        is C.READY_FOR_SCREENING
    assert desk.look_up(workshop, third).code is C.COMPANY_CAP  # nothing was stored
    assert count(built.path, "events") == 2


def test_one_session_per_look_up_and_per_check_in(demo: Built, desk: CheckinService,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    workshop = desk.workshop(1)
    opened: list[object] = []
    maker = type(desk.store.sessions)
    real = maker.__call__  # sessionmaker.begin() makes its Session through this too
    monkeypatch.setattr(maker, "__call__", lambda self, **kw: opened.append(1) or real(self, **kw))
    person = Who(token=demo.named("王小明")[0].token)
    assert desk.look_up(workshop, person).code is C.READY_FOR_SCREENING
    assert len(opened) == 1
    assert desk.check_in(workshop, person, temperature="36.5").code is C.ADMITTED
    assert len(opened) == 2


def test_a_workshop_cancelled_after_the_desk_started_is_cancelled_at_the_door(
        demo: Built, desk: CheckinService) -> None:
    workshop = desk.workshop(1)
    # A sync (possibly another process) brings the cancellation in after start-up.
    with sqlite3.connect(demo.path) as conn:
        conn.execute("UPDATE workshops SET status = 'cancelled' WHERE id = 1")
    conn.close()
    person = Who(token=demo.named("王小明")[0].token)
    assert desk.look_up(workshop, person).code is C.WORKSHOP_CANCELLED
    assert desk.check_in(workshop, person, temperature="36.5").code is C.WORKSHOP_CANCELLED
