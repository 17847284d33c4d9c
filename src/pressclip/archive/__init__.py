"""The archive: walking boards incrementally (``walk``), saving attachments (``files``) and
reading their text (``texts``), the store that keeps posts, revisions, the walk's frontier
and the search index (``store``), and searching it (``search``)."""
