"""B2B matchmaking pages: company representatives (views.py) and organisers (organiser.py)."""
