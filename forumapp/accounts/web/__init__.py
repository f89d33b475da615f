"""Sign-in pages and the API token page."""
