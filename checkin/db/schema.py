"""All tables of checkin in one metadata (desk, office and sync models)."""

from checkin.db import (  # noqa: F401  (registers tables)
    models,
    models_day,
    models_office,
    models_sync,
)
from checkin.db.models import Base

metadata = Base.metadata
