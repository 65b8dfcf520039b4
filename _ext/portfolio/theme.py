"""What the theme shows: the profile in the sidebar, and the stylesheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.config import Config

from .domain import PortfolioDomain

HERE = Path(__file__).parent
#: sphinx-book-theme's sidebar with the profile card in place of the logo (the card has the name).
SIDEBAR = ["portfolio-profile.html", "icon-links.html", "search-button-field.html",
           "sbt-sidebar-nav.html"]


def add_theme_files(app: Sphinx, config: Config) -> None:
    config.templates_path.append(str(HERE / "templates"))
    config.html_static_path.append(str(HERE / "static"))
    if not config.html_sidebars and config.html_theme == "sphinx_book_theme":
        config.html_sidebars = {"**": SIDEBAR}


def add_profile(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                doctree: Any) -> None:
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    context["portfolio_profile"] = domain.profile


def setup_theme(app: Sphinx) -> None:
    app.connect("config-inited", add_theme_files)
    app.connect("html-page-context", add_profile)
    app.add_css_file("portfolio.css")
    app.add_js_file("portfolio-copy.js", defer="defer")
