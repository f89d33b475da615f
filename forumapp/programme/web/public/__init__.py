"""Public pages: no login needed, published forums and public visits only."""
