"""forumapp: plan delegation visits, economic forums and B2B meetings."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    """Application factory (see ``forumapp.app``); ``config`` overrides everything else.

    Imported lazily: plain-Python parts (rules, PDF) load without Flask.
    """
    from forumapp.app import create_app as _create_app  # noqa: PLC0415  (no Flask until called)

    return _create_app(config)
