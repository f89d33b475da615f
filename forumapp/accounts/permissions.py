"""Who may see what: role checks shared by every blueprint."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from forumapp.accounts.models import UserRole


def role_required(*roles: UserRole) -> Callable:
    """Logged in, and holding one of ``roles``; anonymous users go to the login page."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


organiser_required = role_required(UserRole.ORGANISER)
