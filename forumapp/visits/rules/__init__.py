"""Pure visit rules: no Flask, no SQLAlchemy."""
