"""Fetching: bytes and headers from the network (``http``), and walking a board's list
pages and posts (``crawl``)."""
