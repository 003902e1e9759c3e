"""Storage: the SQLAlchemy Core schema, engine creation and Alembic migrations."""
