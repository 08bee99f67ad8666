"""Sync with the central database: roster down, events up, verified. No Qt.

- :mod:`checkin.sync.link`: the desk's provisioning (credentials file) and TLS settings.
- :mod:`checkin.sync.central`: central schema set-up, desk roles, row-level security.
- :mod:`checkin.sync.pull`: roster (watermark + tombstones), other desks' events, clock check.
- :mod:`checkin.sync.push`: idempotent outbox push with confirmation and set-aside.
- :mod:`checkin.sync.verify`: per-workshop count and digest, duplicate and overflow report.
- :mod:`checkin.sync.runner`: one end-of-day sync with progress, as the CLI and UI run it.
- :mod:`checkin.sync.exchange`: the short push-and-pull exchange desks make during the day.
- :mod:`checkin.sync.schedule`: when those exchanges run (interval, after arrivals, back-off).
- :mod:`checkin.sync.transfer`: sealed export file for desks without any network.
"""
