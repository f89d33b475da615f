"""Matchmaking documents: agenda PDFs, table sheets, XLSX."""
