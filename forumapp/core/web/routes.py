"""A module's routes, kept until the application adds them to a blueprint.

A feature's page module declares its routes on its own ``Routes`` table; the composition
root (``forumapp/app.py``) builds each blueprint and names the tables that go on it, so
which routes a blueprint carries is written in one place instead of following from which
modules happen to be imported. A fresh blueprint per app: a table can go on any number.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint

F = TypeVar("F", bound=Callable[..., Any])


class Routes:
    """What ``Blueprint.route`` and friends record, replayed by ``register(bp)``."""

    def __init__(self) -> None:
        self._steps: list[Callable[[Blueprint], object]] = []

    def route(self, rule: str, **options: Any) -> Callable[[F], F]:
        def decorator(view: F) -> F:
            kwargs = dict(options)
            endpoint = kwargs.pop("endpoint", None)
            self._steps.append(lambda bp: bp.add_url_rule(rule, endpoint, view, **kwargs))
            return view

        return decorator

    def get(self, rule: str, **options: Any) -> Callable[[F], F]:
        return self.route(rule, methods=["GET"], **options)

    def post(self, rule: str, **options: Any) -> Callable[[F], F]:
        return self.route(rule, methods=["POST"], **options)

    def context_processor(self, function: F) -> F:
        self._steps.append(lambda bp: bp.context_processor(function))
        return function

    def app_context_processor(self, function: F) -> F:
        self._steps.append(lambda bp: bp.app_context_processor(function))
        return function

    def register(self, bp: Blueprint) -> None:
        for step in self._steps:
            step(bp)


def blueprint(name: str, import_name: str, *tables: Routes, **options: Any) -> Blueprint:
    """A new blueprint carrying the routes of ``tables``."""
    bp = Blueprint(name, import_name, **options)
    for table in tables:
        table.register(bp)
    return bp
