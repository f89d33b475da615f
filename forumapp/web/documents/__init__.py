"""Printed documents: the public programme booklet, organiser itineraries and badges (PDF)."""
