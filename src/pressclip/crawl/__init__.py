"""Crawling: fetching composed with reading. Walking a board's list pages and posts
(``boards``), a list page's own script files (``scripts``), the images of a post read by OCR
(``images``) and ``--render auto``'s choice (``auto``). Below the archive, above ``fetch``
(bytes and headers) and the pure stages (``extract``, ``attachments``, ``dedup``)."""
