"""Output: writers that turn Articles and Listings into JSON, JSON lines and text."""
