"""The site's public address and the defaults that depend on it.

The host says where the site will be: on Read the Docs, ``READTHEDOCS_CANONICAL_URL`` (the
address of the version being built); elsewhere ``PORTFOLIO_BASEURL``, which a new site's GitHub
Pages workflow sets to the address Pages gives it. That address becomes ``html_baseurl``
(canonical links, sitemap, feed), the Open Graph site URL and the prefix of the 404 page's
links. Values set in ``conf.py`` always win.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast
from urllib.parse import urlparse

from sphinx.application import Sphinx
from sphinx.config import Config

from ..extension.domain import PortfolioDomain
from .theme import avatar_uri

#: The site's address, for hosts that do not say it themselves (the GitHub Pages workflow).
BASEURL_VARIABLE = "PORTFOLIO_BASEURL"
FAVICON = Path(__file__).parent.parent / "static" / "favicon.svg"
TWITTER_CARD = '<meta name="twitter:card" content="summary" />'


def site_url(config: Config) -> str:
    """The absolute address of the site's root, ending in "/", or "" when unknown."""
    base = config.html_baseurl
    if not base:
        return ""
    return base if base.endswith("/") else base + "/"


def set_defaults(app: Sphinx, config: Config) -> None:
    canonical = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
    given = canonical or os.environ.get(BASEURL_VARIABLE, "").strip()
    if not config.html_baseurl and given:
        config.html_baseurl = given if given.endswith("/") else given + "/"
    base = site_url(config)
    if not config.ogp_site_url and base:
        config.ogp_site_url = base
    if not any("twitter:card" in tag for tag in config.ogp_custom_meta_tags):
        config.ogp_custom_meta_tags = [*config.ogp_custom_meta_tags, TWITTER_CARD]
    if config.ogp_social_cards is None:
        # Social card images need matplotlib and fonts; a small card from the tags is enough.
        config.ogp_social_cards = {"enable": False}
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)
    # sphinx-notfound-page assumes "/en/latest/" off Read the Docs; serve the 404 page's links
    # from the site's own path instead.
    if not canonical and config.notfound_urls_prefix == "/en/latest/":
        path = urlparse(base).path if base else "/"
        config.notfound_urls_prefix = path if path.endswith("/") else path + "/"


def profile_image(app: Sphinx) -> None:
    """``builder-inited``, once the profile is loaded: its photo is the pages' Open Graph image
    unless ``ogp_image`` is set."""
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    avatar = avatar_uri(domain.profile)
    if avatar and not app.config.ogp_image:
        app.config.ogp_image = avatar


def empty_toctree_on_404(app: Sphinx, pagename: str, templatename: str, context: dict,
                         doctree: object) -> None:
    """The 404 page's toctree is ``None`` when the root page has no toctree, which the theme
    cannot render; give it an empty one. Connected at the default priority after
    sphinx-notfound-page (which sets that toctree) and before the theme, which is set up later."""
    toctree = context.get("toctree")
    if pagename != app.config.notfound_pagename or not callable(toctree):
        return
    context["toctree"] = lambda *args, **kwargs: toctree(*args, **kwargs) or ""


#: Context values of plain text (a title's text, ``author``, ``html_title``) that the themes
#: (sphinx-book-theme, pydata-sphinx-theme's search page) write as HTML.
THEME_TEXT = ("pagetitle", "root_title", "author", "docstitle")


def escape_theme_text(app: Sphinx, pagename: str, templatename: str, context: dict,
                      doctree: object) -> None:
    """Escape the theme's plain-text context values, so that a name or title such as
    "<b>Ada</b>" shows as written instead of becoming markup. Runs after the theme fills them."""
    from markupsafe import Markup, escape

    for key in THEME_TEXT:
        value = context.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            context[key] = escape(value)


def setup_site(app: Sphinx) -> None:
    app.connect("config-inited", set_defaults, priority=450)
    # After the data is loaded (priority 400).
    app.connect("builder-inited", profile_image)
    app.connect("html-page-context", empty_toctree_on_404)
    app.connect("html-page-context", escape_theme_text, priority=900)
