"""HTTP helpers every feature's pages and API share."""
