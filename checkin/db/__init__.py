"""Storage: SQLAlchemy 2 typed models, engines, repository functions, Alembic migrations."""
