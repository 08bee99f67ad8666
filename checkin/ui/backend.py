"""The desk's operations bound to one store and workshop: what widgets ask the runner to run.

Each method is one user action with its own short Session inside the service it calls; the
results are frozen records. Widgets hold a DeskBackend, never a Session.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from checkin.core.clock import TAIPEI
from checkin.core.model import Workshop
from checkin.core.outcomes import Declaration, Outcome, OutcomeCode
from checkin.db.store import Store
from checkin.services import attendance, desk_queries, privacy, supervisor_pin
from checkin.services import followups as follow_ups
from checkin.services.checkin import CheckinService, Override, Who


@dataclass
class DeskBackend:
    store: Store
    workshop: Workshop
    # Read once at start-up, so verdict texts never need the database on the GUI thread.
    screening: desk_queries.ScreeningFigures | None = None
    # The workshops of this database by code, read once at start-up: a notice for another
    # session is answered with that session's date and venue without a query.
    catalogue: dict[str, desk_queries.WorkshopChoice] = field(default_factory=dict)

    @classmethod
    def create(cls, store: Store, workshop_id: int) -> DeskBackend:
        return cls(store, CheckinService(store).workshop(workshop_id),
                   desk_queries.screening_figures(store, workshop_id),
                   desk_queries.workshop_catalogue(store))

    @property
    def service(self) -> CheckinService:
        return CheckinService(self.store)

    def now(self) -> datetime:
        """Desk time (demo time on a demo database); a clock read, no database access."""
        return self.store.clock_for(self.workshop).now().astimezone(TAIPEI)

    def look_up(self, who: Who, lifted: Collection[OutcomeCode] = frozenset()) -> Outcome:
        """The door rules, nothing stored; ``lifted`` are rules a supervisor overrides."""
        return self.service.look_up(self.workshop, who, lifted)

    def resting(self) -> list[desk_queries.RestingPerson]:
        return desk_queries.resting(self.store, self.workshop.id)

    def check_in(self, who: Who, temperature: str, declared: Iterable[Declaration],
                 override: Override | None) -> Outcome:
        return self.service.check_in(self.workshop, who, temperature, tuple(declared),
                                     override)

    def check_out(self, who: Who) -> Outcome:
        """A departure (check-out mode), stored in one transaction."""
        return self.service.check_out(self.workshop, who)

    def day_summary(self) -> attendance.DaySummary:
        return attendance.day_summary(self.store, self.workshop.id)

    def signin_sheet(self, path: str) -> int:
        """Write the paper sign-in list (PDF) to ``path``; the number of pages."""
        from checkin.services import signin_sheet  # the PDF fonts load when it is printed

        return signin_sheet.write_signin_sheet(self.store, self.workshop.id, path)

    def counters(self) -> dict[str, int]:
        return self.service.counters(self.workshop)

    def search(self, text: str) -> list[desk_queries.SearchHit]:
        """People by name, phone or company, each with their arrival or refusal today."""
        return desk_queries.search_people(self.store, self.workshop.id, text)

    def recent(self) -> list[desk_queries.RecentArrival]:
        return desk_queries.recent_arrivals(self.store, self.workshop.id)

    def roster(self) -> list[desk_queries.RosterRow]:
        return desk_queries.roster(self.store, self.workshop.id)

    def followups(self) -> list[follow_ups.FollowupItem]:
        return follow_ups.followups(self.store, self.workshop.id)

    def void(self, event_id: str, supervisor: str, reason: str) -> str:
        return self.service.void_arrival(event_id, supervisor, reason)

    def verify_pin(self, pin: str) -> supervisor_pin.PinCheck:
        return supervisor_pin.verify_pin(self.store, pin)

    def set_pin(self, pin: str) -> bool:
        return supervisor_pin.set_pin(self.store, pin)

    def pin_is_set(self) -> bool:
        return supervisor_pin.pin_is_set(self.store)

    def record_followup(self, followup_id: int, status: follow_ups.FollowupStatus,
                        note: str) -> follow_ups.FollowupItem:
        """A change of a follow-up: its status and note (queued for the central side)."""
        return follow_ups.record_followup_update(self.store, followup_id, status, note)

    def privacy_notice(self, lang: str) -> privacy.PrivacyNotice:
        return privacy.privacy_notice(self.store, lang)

    def get_setting(self, key: str) -> str | None:
        return desk_queries.get_desk_setting(self.store, key)

    def set_setting(self, key: str, value: str) -> None:
        desk_queries.set_desk_setting(self.store, key, value)
