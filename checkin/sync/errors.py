"""Sync errors as values with codes; ui/ and cli turn them into words."""

from __future__ import annotations

from checkin.core.errors import CodedError


class SyncError(CodedError):
    """Base of the sync errors a user is told about."""

    code = "SYNC_ERROR"

    def __init__(self, detail: str = "") -> None:
        super().__init__(None, detail)


class NotLinked(SyncError):
    """The desk has no provisioning for a central database."""

    code = "NOT_LINKED"


class CentralUnreachable(SyncError):
    """The network or the server is down; nothing was lost, try again later."""

    code = "OFFLINE"


class DeskRevoked(SyncError):
    """The central side revoked this desk; its unsynced events stay on the desk."""

    code = "DESK_REVOKED"


class BadProvisioning(SyncError):
    """The provisioning file is missing fields, unreadable or too open."""

    code = "BAD_PROVISIONING"


class BadExportFile(SyncError):
    """An export file that is truncated, damaged, tampered with or of another format."""

    code = "BAD_EXPORT_FILE"


class LocalStorage(SyncError):
    """The desk could not write its own database (disk full, read-only); nothing lost."""

    code = "LOCAL_STORAGE"


class PlaintextRefused(SyncError):
    """A link to another computer without TLS, not provisioned for it: nothing was sent."""

    code = "PLAINTEXT_REFUSED"


class PlaintextHealthData(SyncError):
    """A link provisioned for clear text never carries health data: those events stay here."""

    code = "PLAINTEXT_HEALTH_DATA"
