"""Delegation visits: itinerary, agreements, follow-ups, documents."""
