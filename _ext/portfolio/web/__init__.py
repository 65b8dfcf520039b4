"""HTML-only extras: generated pages and files around the documents (paper pages, a ``.bib``
file per entry), and what visitors and search engines get: the site's address, Open Graph tags,
a 404 page, ``robots.txt``, ``sitemap.xml``, the Atom feed and schema.org data.

Everything here is computed from configuration and domain data, in the main process, so it is
the same in serial and parallel builds.
"""

from __future__ import annotations

import contextlib
import io

from sphinx.application import Sphinx


def setup_web(app: Sphinx) -> None:
    from .bibfiles import setup_bibfiles
    from .feed import setup_feed
    from .jsonld import setup_jsonld
    from .searchindex import setup_searchindex
    from .site import setup_site
    from .sitemap import setup_sitemap

    # sphinxext-opengraph prints a notice to stdout when matplotlib (for social card images,
    # which the site does not use) is missing; keep the build's output to Sphinx's own log.
    with contextlib.redirect_stdout(io.StringIO()):
        app.setup_extension("sphinxext.opengraph")
    app.setup_extension("notfound.extension")
    setup_site(app)
    setup_bibfiles(app)
    setup_sitemap(app)
    setup_feed(app)
    setup_jsonld(app)
    setup_searchindex(app)
