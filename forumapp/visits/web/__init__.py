"""Back-office pages for visits and agreements."""
