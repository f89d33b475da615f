"""Users, roles, API tokens and sign-in."""
