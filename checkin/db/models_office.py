"""Tables of the office side (see db/models.py for the shared Base)."""

from __future__ import annotations
