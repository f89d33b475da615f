"""The organiser dashboard over programme and visits (a composition root)."""
