"""News: read once per build into domain data, for the ``news`` directive and the feed.

The default file may be absent (a site without news); a path set in ``conf.py`` must exist.
"""

from __future__ import annotations

from typing import cast

from sphinx.application import Sphinx

from ..data.records import load_news
from .config import OPTIONS
from .domain import PortfolioDomain
from .loading import file_fingerprint, report

_DEFAULT = next(o.default for o in OPTIONS if o.name == "portfolio_news")


def load_news_data(app: Sphinx) -> None:
    """``builder-inited``: (re)load the news file when it changed since the last build."""
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    value = app.config.portfolio_news
    path = domain.data_file(value)
    fingerprint = file_fingerprint([path])
    if domain.data.get("news_print") == fingerprint:
        return
    items, problems = [], []
    if path is not None and (path.exists() or value != _DEFAULT):
        items, problems = load_news(path)
    domain.data["news"] = items
    domain.data["news_file"] = str(path) if path is not None else ""
    domain.data["news_print"] = fingerprint
    report(problems)


def setup_news(app: Sphinx) -> None:
    app.connect("builder-inited", load_news_data, priority=450)
