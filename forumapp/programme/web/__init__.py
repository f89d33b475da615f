"""Programme pages: public site, back office, printed documents."""
