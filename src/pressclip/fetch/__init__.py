"""Fetching: bytes and headers from the network (``http``), robots.txt and the sites a run
may reach (``scope``), the options and their defaults, and a page run in a browser
(``render``, ``clicks``). Nothing here reads a page: that is ``crawl``'s part."""
