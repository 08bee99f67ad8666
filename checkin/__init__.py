"""checkin: the check-in desk for training workshops."""

__version__ = "0.1.0"
