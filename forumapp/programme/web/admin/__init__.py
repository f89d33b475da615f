"""Back-office pages for forums, sessions, venues and the programme."""
