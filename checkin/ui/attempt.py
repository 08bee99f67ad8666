"""The person at the desk right now: who was scanned or chosen, and any override they carry."""

from __future__ import annotations

from dataclasses import dataclass

from checkin.services.checkin import Override, Who


@dataclass
class Attempt:
    """The person at the desk right now."""

    who: Who
    name: str
    company: str
    registration_id: int | None
    override: Override | None = None

    def key(self) -> str:
        """One person, whether they came by their notice's code or were chosen by name."""
        if self.registration_id is not None:
            return f"r{self.registration_id}"
        return f"t{self.who.token}"
