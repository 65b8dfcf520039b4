"""The search index without the words of text that is gone.

When a page is read again, Sphinx's incremental search index keeps every word the page no
longer has, with an empty list of pages: a removed entry's title stays a term until a fresh
build. At the end of an HTML build those terms are dropped from the written index, so it is
the index a fresh build writes.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.search import js_index


def drop_empty_terms(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: rewrite the index without terms that no page has."""
    builder = app.builder
    if exception is not None or getattr(builder, "indexer_format", None) is not js_index:
        return
    path = Path(app.outdir) / builder.searchindex_filename
    try:
        text = path.read_text("utf-8")
    except OSError:
        return
    if '":[]' not in text:  # the usual case: nothing to drop, nothing parsed
        return
    index = js_index.loads(text)
    for name in ("terms", "titleterms"):
        index[name] = {term: pages for term, pages in index[name].items() if pages != []}
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(js_index.dumps(index), "utf-8")
    partial.replace(path)


def setup_searchindex(app: Sphinx) -> None:
    app.connect("build-finished", drop_empty_terms)
