"""The site's data loaded when a build starts (``builder-inited``), by :func:`load_site`.

What the load parses is also handed to sphinxcontrib-bibtex as its up-to-date database, so
``{cite}`` and ``bibliography`` use the same entries and never meet a file they cannot parse.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime
from sphinxcontrib.bibtex.domain import BibtexDomain

from ..data.site import SiteData, SiteSettings, load_site, site_settings
from ..options import DEFAULTS
from ..render.publications import Style
from ..text.names import parse_name
from .config import author_notes
from .domain import PortfolioDomain
from .outdated import setup_dependencies
from .report import report


def settings_of(app: Sphinx) -> tuple[SiteSettings, list]:
    """The load's settings from the configuration (checked at ``config-inited``)."""
    config = app.config
    values = {name: config[name] for name in DEFAULTS}
    values["bibtex_bibfiles"] = config.bibtex_bibfiles
    values["bibtex_encoding"] = config.bibtex_encoding
    return site_settings(values, DEFAULTS, Path(app.confdir), Path(app.srcdir))


def load_data(app: Sphinx) -> None:
    """``builder-inited``: (re)load what changed since the environment was saved."""
    env = app.env
    domain = cast(PortfolioDomain, env.get_domain("portfolio"))
    settings, problems = settings_of(app)
    domain.set_settings(settings)
    site, found = load_site(settings, domain.site if domain.state.loaded else None)
    if site is not domain.site or not _cite_cache_ok(env, settings):
        # Venue badges, co-author links and citation counts show in every entry: a change
        # there changes them all.
        domain.set_site(site, shared=repr((site.venues, site.coauthors, site.citations)))
        _hand_to_sphinxcontrib_bibtex(env, settings, site)
    report(problems + found)


def _cite_cache_ok(env: BuildEnvironment, settings: SiteSettings) -> bool:
    cite = cast(BibtexDomain, env.get_domain("cite"))
    bibfiles = list(settings.bibfiles)
    return list(cite.bibdata.bibfiles) == bibfiles and all(
        info.mtime == get_mtime(path) for path, info in cite.bibdata.bibfiles.items())


def _hand_to_sphinxcontrib_bibtex(env: BuildEnvironment, settings: SiteSettings,
                                  site: SiteData) -> None:
    """Store the load's entries as sphinxcontrib-bibtex's up-to-date database (its documented
    ``BibData``), so its own ``builder-inited`` handler finds it fresh and never parses."""
    cite = cast(BibtexDomain, env.get_domain("cite"))
    cite.data["bibdata"] = BibData(
        encoding=settings.encoding,
        bibfiles={path: BibFile(mtime=get_mtime(path), keys=dict.fromkeys(site.bib_keys[path]))
                  for path in settings.bibfiles},
        data=site.bib,
    )


def publication_style(env: BuildEnvironment) -> Style:
    domain = cast(PortfolioDomain, env.get_domain("portfolio"))
    config: Config = env.config
    return Style(
        owner=domain.owner,
        author_notes=author_notes(config),
        max_authors=config.portfolio_max_authors,
        coauthors=tuple((parse_name(name), url) for name, url in domain.coauthors.items()),
        venues=domain.venues,
        toggles=frozenset(config.portfolio_toggles),
        bib_files=config.portfolio_bib_files,
        paper_pages=bool(config.portfolio_paper_pages),
        citations=domain.site.citations,
    )


def setup_loading(app: Sphinx) -> None:
    # Before sphinxcontrib-bibtex's own handler (priority 500), which then finds its cache fresh.
    app.connect("builder-inited", load_data, priority=400)
    setup_dependencies(app)
