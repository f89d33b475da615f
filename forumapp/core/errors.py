"""Errors services raise for the caller to show: beside a field, as JSON, or as a CLI line."""

from __future__ import annotations


class ServiceError(Exception):
    """A business rule said no. ``field`` names the form field it belongs beside, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ServiceError):
    pass


class DatabaseNotReady(Exception):
    """The database is unreachable or its schema is not at the code's revision."""
