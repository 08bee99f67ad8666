"""The COPY path of a push judged as strictly as the one-statement path.

A big batch goes up by COPY into a temporary table and one INSERT ... SELECT; the tests'
batches are small, so here every batch takes that path and the rights, rejection and
failure tests run again through it.
"""

from __future__ import annotations

import pytest

from checkin.sync import push

from .test_failures import (  # noqa: F401 - collected again under the COPY path
    proxy,
    test_cut_after_server_commit_before_desk_hears,
    test_cut_at_every_step_then_retry,
    test_rejected_event_is_set_aside_with_its_reason,
)
from .test_rights import (  # noqa: F401
    test_a_row_a_desk_cannot_store_is_quarantined_and_the_rest_syncs,
    test_desk_cannot_attach_a_followup_to_another_desks_event,
    test_desk_cannot_name_another_workshops_registration_or_another_name,
    test_resealed_file_gets_exactly_the_desks_rights,
)
from .test_security import (  # noqa: F401
    synced,
    test_desk_cannot_write_in_another_desks_name_or_workshop,
    test_revoked_desk_is_told_and_keeps_its_events,
)


@pytest.fixture(autouse=True)
def every_batch_by_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(push, "COPY_FROM", 1)


def test_the_copy_path_is_taken(central, desk_factory, monkeypatch: pytest.MonkeyPatch
                                ) -> None:  # type: ignore[no-untyped-def]
    from .test_roundtrip import admit

    calls: list[str] = []
    real = push.pg_copy_insert

    def spy(conn, table, rows, *args):  # type: ignore[no-untyped-def]
        calls.append(table.name)
        return real(conn, table, rows, *args)

    monkeypatch.setattr(push, "pg_copy_insert", spy)
    desk = desk_factory("copy")
    from checkin.sync.runner import sync_desk

    assert sync_desk(desk.store, desk.link).done
    admit(desk, central, central.people(1)[0])
    assert sync_desk(desk.store, desk.link).done
    assert "events" in calls
