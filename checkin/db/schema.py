"""All tables of checkin in one metadata (desk, office and sync models)."""

from checkin.db import models, models_office, models_sync  # noqa: F401  (registers tables)
from checkin.db.models import Base

metadata = Base.metadata
