"""Demo data: what comes from the press releases and what is illustrative."""
