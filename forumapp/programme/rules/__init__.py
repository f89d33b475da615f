"""Pure programme rules: no Flask, no SQLAlchemy."""
