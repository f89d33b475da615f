"""Back-office pages for people, organisations and imports."""
