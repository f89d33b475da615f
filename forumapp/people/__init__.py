"""People and organisations, their import and export."""
