"""The Sphinx side: configuration, domain, loading, directives and roles, node visitors."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from ..web import setup_web
from ..web.papers import setup_papers
from ..web.theme import setup_theme
from .collector import setup_collector
from .config import setup_config
from .cv_pdf import setup_cv
from .directives.cv import (
    AwardsDirective,
    CvHeaderDirective,
    EducationDirective,
    PositionsDirective,
    TalksDirective,
)
from .directives.fields import FieldsDirective
from .directives.news import NewsDirective
from .directives.publications import (
    PublicationsDirective,
    PublicationStatsDirective,
    RenderPublicationLists,
    RenderPublicationListsForHtml,
    pending_publications,
)
from .directives.records import ServiceDirective, TeachingDirective
from .directives.schema import SchemaDirective
from .domain import PortfolioDomain
from .loading import setup_site_data
from .news import setup_news
from .roles import PubRole
from .visitors import setup_nodes


def setup_extension(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.bibtex")
    setup_config(app)
    app.add_domain(PortfolioDomain)
    setup_site_data(app)
    setup_nodes(app)
    setup_news(app)
    app.add_directive("publications", PublicationsDirective)
    app.add_node(pending_publications)
    app.add_post_transform(RenderPublicationLists)
    app.add_post_transform(RenderPublicationListsForHtml)
    app.add_directive("publication-stats", PublicationStatsDirective)
    app.add_directive("teaching", TeachingDirective)
    app.add_directive("service", ServiceDirective)
    app.add_directive("news", NewsDirective)
    app.add_directive("portfolio-fields", FieldsDirective)
    app.add_directive("cv-header", CvHeaderDirective)
    app.add_directive("education", EducationDirective)
    app.add_directive("positions", PositionsDirective)
    app.add_directive("talks", TalksDirective)
    app.add_directive("awards", AwardsDirective)
    setup_cv(app)
    app.add_directive("portfolio-schema", SchemaDirective)
    app.add_role("pub", PubRole())
    setup_theme(app)
    setup_papers(app)
    setup_web(app)
    setup_collector(app)
    return {
        "version": __version__,
        "env_version": 5,  # parsed pieces and records kept for the next load
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
