"""Forums, days, venues, rooms, sessions, speakers, releases, public pages and feeds."""
