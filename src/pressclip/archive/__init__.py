"""The archive: walking boards incrementally (``walk``), saving attachments (``files``) and
the store that keeps posts, revisions and the walk's frontier (``store``)."""
