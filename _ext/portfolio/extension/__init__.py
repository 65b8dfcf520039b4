"""The Sphinx side: configuration, domain, loading, directives and roles, node visitors."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from ..web import setup_web
from ..web.papers import setup_papers
from ..web.theme import setup_theme
from .config import setup_config
from .cv_pdf import setup_cv
from .directives import directive_classes
from .directives.publications import add_render_transform, pending_publications
from .domain import PortfolioDomain
from .loading import setup_loading
from .roles import PubRole
from .visitors import setup_nodes


def setup_extension(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.bibtex")
    setup_config(app)
    app.add_domain(PortfolioDomain)
    setup_loading(app)
    setup_nodes(app)
    for name, directive in directive_classes().items():
        app.add_directive(name, directive)
    app.add_node(pending_publications)
    app.connect("builder-inited", add_render_transform)
    setup_cv(app)
    app.add_role("pub", PubRole())
    setup_theme(app)
    setup_papers(app)
    setup_web(app)
    return {
        "version": __version__,
        "env_version": 7,  # records carry their title's math (title_math)
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
