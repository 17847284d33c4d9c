"""HTML and text → Article (paragraphs as found, before dedup)."""
