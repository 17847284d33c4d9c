"""The fallback extractor for pages no board engine claims: find the main content by text
and link density over the DOM, then return its block lines.

One iterative walk over the document does all the work that needs the DOM. It cuts the
visible text into innerText-like lines (a line per block element and per ``<br>``), and
numbers the elements in document order, recording for each the range of lines it holds.
Every line gets a value: its non-link characters minus a fixed cost when it reads like
content, minus its length when it is mostly link text or sits inside boilerplate (a
``nav``/``aside``/``footer``, or a class/id such as ``menu``, ``sidebar``, ``comment``,
``share``, ``related``). Prefix sums over the line values give every element's score in
constant time, so choosing the container — the block element whose lines are worth most —
is linear: no subtree is scanned twice. The best container is then widened into a region:
to the nearest ancestor holding half the page's prose outside boilerplate (one of many
sibling blocks becomes all of them). Headline-long links are content when the chosen region
holds most of them, or when they outweigh the page's prose and no article-sized text was
found (a listing). Inside the region, descendant blocks that are boilerplate or mostly links
are dropped, and the remaining lines are the paragraphs.

The paragraphs are raw (not deduplicated); :func:`pressclip.dedup.dedup` comes later.

Its modules, in the order a page goes through them: :mod:`.walk` (the walk, its pruning
rules, element classification and line valuation; class/id words in :mod:`.names`, the
walked page in :mod:`.doc`), :mod:`.boilerplate` (the scoring rules that mark and unmark
boilerplate), :mod:`.region` (the region choice and the blocks dropped inside it),
:mod:`.page` (the whole-page reader: listings, hidden text) and :mod:`.post` (the body of
a board post after its header).
"""

from .page import extract_generic, extract_text_generic, generic_lines
from .post import region_lines

__all__ = ["extract_generic", "extract_text_generic", "generic_lines", "region_lines"]
