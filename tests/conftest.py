"""Session-wide test set-up: no real display, no writes into the user's data folder."""

from __future__ import annotations

import os
import tempfile

# Qt must not look for a display, and must know this before any Qt module is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Anything that falls back to the user's data folder writes into a throw-away one instead.
os.environ.setdefault("CHECKIN_HOME", tempfile.mkdtemp(prefix="checkin-tests-"))
